import {
	NodeHelpers,
	type INode,
	type INodeParameters,
	type INodeProperties,
	type TriggerPanelDefinition,
} from 'n8n-workflow';

import { AdobeIoEventsTrigger } from '../../../nodes/AdobeIoEvents/AdobeIoEventsTrigger.node';

describe('AdobeIoEventsTrigger description', () => {
	it('lists the webhook whose hooks create the Adobe registration last, so every path is live when Adobe sends its challenge', () => {
		// n8n (2.x publication and 1.x activation, live and test webhooks) stores a node's webhooks one
		// after another in description order and runs checkExists/create while storing the webhook whose
		// name has webhookMethods. Adobe's challenge (GET) and async validation (POST) go to the path of
		// the chosen Acknowledge mode, so both paths must be stored before that.
		const node = new AdobeIoEventsTrigger();
		const webhooks = node.description.webhooks ?? [];
		const withHooks = webhooks.map((w) => w.name in node.webhookMethods);
		expect(withHooks.filter(Boolean)).toHaveLength(1);
		expect(withHooks[withHooks.length - 1]).toBe(true);
		expect(new Set(webhooks.map((w) => `${w.httpMethod} ${w.path}`)).size).toBe(4);
	});
});

/** The top-level parameters n8n shows for a new node of `typeVersion` (notices included), in order. */
function firstScreen(typeVersion: number, parameters: INodeParameters = {}): string[] {
	const { description } = new AdobeIoEventsTrigger();
	const node = { typeVersion } as INode;
	const values = {
		...NodeHelpers.getNodeParameters(description.properties, parameters, true, false, node, description),
		...parameters,
	};
	return description.properties
		.filter((p) => NodeHelpers.displayParameter(values, p, node, description))
		.map((p) => p.name);
}

function optionsOf(typeVersion: number): INodeProperties[] {
	const { description } = new AdobeIoEventsTrigger();
	const node = { typeVersion } as INode;
	const collection = description.properties.find(
		(p) => p.name === 'options' && NodeHelpers.displayParameter({}, p, node, description),
	);
	return (collection?.options ?? []) as INodeProperties[];
}

/** name → option values of an options parameter. */
function valuesOf(property: INodeProperties | undefined): unknown[] {
	return ((property?.options ?? []) as Array<{ value: unknown }>).map((o) => o.value);
}

describe('AdobeIoEventsTrigger versions and layouts', () => {
	const { description } = new AdobeIoEventsTrigger();

	it('new nodes get typeVersion 2; saved workflows keep 1 and 1.1', () => {
		expect(description.version).toEqual([1, 1.1, 2]);
		expect(description.defaultVersion).toBe(2);
	});

	it('versions 1 and 1.1 keep their first screen', () => {
		const published = [
			'authentication',
			'triggerOn',
			'publicUrlNotice',
			'providerId',
			'eventCodes',
			'deliveryType',
			'signatureCheck',
			'output',
			'options',
		];
		expect(firstScreen(1)).toEqual(published);
		expect(firstScreen(1.1)).toEqual(published);
		expect(firstScreen(1.1, { signatureCheck: 'none' })).toContain('signatureOffNotice');
	});

	it('version 2: Credential, Provider, Event Types and Output first; the rest under Options', () => {
		expect(firstScreen(2)).toEqual(['authentication', 'providerId', 'eventCodes', 'output', 'options']);
		expect(firstScreen(2, { options: { signatureCheck: 'none' } })).toEqual([
			'authentication',
			'providerId',
			'eventCodes',
			'signatureOffNotice',
			'output',
			'options',
		]);
		const v2 = optionsOf(2).map((o) => o.name);
		const v1 = optionsOf(1.1).map((o) => o.name);
		expect(v2).toEqual(expect.arrayContaining([...v1, 'deliveryType', 'signatureCheck']));
		expect(v2).toHaveLength(v1.length + 2);
		// n8n's convention: collection options in alphabetical order of their display names
		const names = optionsOf(2).map((o) => o.displayName);
		expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
	});

	it('option values never change between versions (saved workflows keep working)', () => {
		const top = (name: string) =>
			description.properties.find((p) => p.name === name && p.type === 'options');
		const inOptions = (version: number, name: string) => optionsOf(version).find((o) => o.name === name);
		expect(valuesOf(top('deliveryType'))).toEqual(['webhook', 'webhook_batch']);
		expect(valuesOf(inOptions(2, 'deliveryType'))).toEqual(['webhook', 'webhook_batch']);
		expect(valuesOf(top('signatureCheck'))).toEqual(['digital', 'hmac', 'either', 'none']);
		expect(valuesOf(inOptions(2, 'signatureCheck'))).toEqual(['digital', 'hmac', 'either', 'none']);
		for (const version of [1.1, 2]) {
			expect(valuesOf(inOptions(version, 'acknowledge'))).toEqual(['whenQueued', 'whenFinished']);
			expect(inOptions(version, 'acknowledge')?.default).toBe('whenQueued');
		}
		expect(top('deliveryType')?.default).toBe('webhook');
		expect(inOptions(2, 'deliveryType')?.default).toBe('webhook');
		expect(top('signatureCheck')?.default).toBe('digital');
		expect(inOptions(2, 'signatureCheck')?.default).toBe('digital');
	});

	it("has n8n's trigger panel: the separate test registration and what publishing does", () => {
		const panel = description.triggerPanel as TriggerPanelDefinition;
		const help = panel.executionsHelp as { active: string; inactive: string };
		expect(help.inactive).toMatch(/Listen for test event/);
		expect(help.inactive).toMatch(/\[n8n test\]/);
		expect(help.inactive).toMatch(/sample event/);
		expect(help.inactive).toMatch(/publish it \(n8n 1\.x: activate it\)/);
		expect(help.inactive).toMatch(/N8N_WEBHOOK_URL \(n8n 2\.x\) or WEBHOOK_URL \(n8n 1\.x\)/);
		expect(help.active).toMatch(/published \(n8n 1\.x: active\)/);
		expect(panel.activationHint).toBeDefined();
	});
});
