/**
 * Output → Simplified is the default of the new node versions (Watch Events 2, Journal Trigger 1.1,
 * action node 1.1), and workflows saved with the earlier versions keep their output byte for byte:
 * their parameters hold no `output` (n8n saves no default value), so they get their version's default.
 *
 * Each node is run the way n8n runs it (real contexts; the emulator over HTTP for the journal; signed
 * deliveries for Watch Events) on every event type of the emulator catalogue.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { AdobeIoEvents } from '../../../nodes/AdobeIoEvents/AdobeIoEvents.node';
import { AdobeIoEventsJournalTrigger } from '../../../nodes/AdobeIoEvents/AdobeIoEventsJournalTrigger.node';
import { AdobeIoEventsTrigger } from '../../../nodes/AdobeIoEvents/AdobeIoEventsTrigger.node';
import { simplifyEvent } from '../../../nodes/AdobeIoEvents/webhook/simplify';
import { apiClient, control, s2sToken } from '../../emulator/helpers';
import { PROVIDERS } from '../../emulator/src/catalogue';
import { catalogueSamples, SAMPLE_CLIENT_ID } from '../../emulator/src/samples';
import { runJson, withDefaults as actionDefaults } from './actions/harness';
import {
	byId,
	poll,
	start,
	withDefaults as journalDefaults,
	type Emulator,
} from './journal/harness';
import { triggerParameters } from './trigger/harness';
import { deliveryHarness } from './trigger/signedDeliveries';

describe('Output: the default per node version', () => {
	const journalOp = { resource: 'journal', operation: 'getEvents' };
	/** The Output n8n applies to a node of a version whose saved parameters do not name it (the harnesses' defaults). */
	const cases: Array<{
		name: string;
		node: AdobeIoEvents | AdobeIoEventsTrigger | AdobeIoEventsJournalTrigger;
		outputOf: (typeVersion: number) => unknown;
		expected: Record<string, string>;
	}> = [
		{
			name: 'Watch Events',
			node: new AdobeIoEventsTrigger(),
			outputOf: (v) => triggerParameters({}, v).output,
			expected: { 1: 'full', 1.1: 'full', 2: 'simplified' },
		},
		{
			name: 'Journal Trigger',
			node: new AdobeIoEventsJournalTrigger(),
			outputOf: (v) => journalDefaults(new AdobeIoEventsJournalTrigger(), {}, v).output,
			expected: { 1: 'full', 1.1: 'simplified' },
		},
		{
			name: 'Journal → Get Events',
			node: new AdobeIoEvents(),
			outputOf: (v) => actionDefaults(new AdobeIoEvents(), journalOp, v).output,
			expected: { 1: 'full', 1.1: 'simplified' },
		},
	];
	it.each(cases)('$name', ({ node, outputOf, expected }) => {
		const versions = ([] as number[]).concat(node.description.version);
		expect(versions.map(String).sort()).toEqual(Object.keys(expected).sort());
		expect(node.description.defaultVersion ?? Math.max(...versions)).toBe(Math.max(...versions));
		for (const [version, output] of Object.entries(expected))
			expect({ version, output: outputOf(Number(version)) }).toEqual({
				version,
				output,
			});
	});

	it('every version offers the same three values (saved values keep working)', () => {
		for (const node of [
			new AdobeIoEventsTrigger(),
			new AdobeIoEventsJournalTrigger(),
			new AdobeIoEvents(),
		]) {
			const outputs = node.description.properties.filter((p) => p.name === 'output');
			expect(outputs).toHaveLength(2); // one per version range
			for (const output of outputs)
				expect(output.options?.map((o) => ('value' in o ? o.value : undefined))).toEqual([
					'simplified',
					'full',
					'data',
				]);
		}
	});
});

describe('Watch Events: versions 1 and 1.1 deliver every event as before (byte for byte), version 2 Simplified', () => {
	const harness = deliveryHarness();
	/** each delivery in a fresh n8n process (the same event again would be a duplicate) */
	const deliver: typeof harness.deliver = async (...args) => {
		harness.fresh();
		return await harness.deliver(...args);
	};
	const samples = catalogueSamples();

	it.each(samples.map((s) => [s.name, s] as const))('%s', async (_name, sample) => {
		const bytes = Buffer.from(JSON.stringify(sample.webhook));
		for (const typeVersion of [1, 1.1]) {
			const call = await deliver(bytes, SAMPLE_CLIENT_ID, { typeVersion });
			const [item] = call.result.workflowData?.[0] ?? [];
			expect(Buffer.from(JSON.stringify(item.json))).toEqual(bytes);
			// Data Only, as before: the CloudEvent data (the legacy `event`), a non-object wrapped as {data}
			const data = await deliver(bytes, SAMPLE_CLIENT_ID, {
				typeVersion,
				parameters: { output: 'data' },
			});
			const payload = 'data' in sample.webhook ? sample.webhook.data : sample.webhook.event;
			expect(data.result.workflowData?.[0][0].json).toEqual(
				payload !== null && typeof payload === 'object' && !Array.isArray(payload)
					? payload
					: { data: payload ?? null },
			);
		}
		const v2 = await deliver(bytes, SAMPLE_CLIENT_ID, { typeVersion: 2 });
		expect(v2.result.workflowData?.[0][0].json).toEqual(simplifyEvent(sample.webhook));
		// and a version-1 workflow can choose Simplified
		const chosen = await deliver(bytes, SAMPLE_CLIENT_ID, {
			typeVersion: 1,
			parameters: { output: 'simplified' },
		});
		expect(chosen.result.workflowData?.[0][0].json).toEqual(simplifyEvent(sample.webhook));
	});

	it('Simplified with Include Delivery Metadata adds _delivery next to the flat fields', async () => {
		const sample = samples.find(
			(s) => s.event.event_code === 'com.adobe.platform.events.file_created',
		)!;
		const call = await deliver(Buffer.from(JSON.stringify(sample.webhook)), SAMPLE_CLIENT_ID, {
			typeVersion: 2,
			options: { includeDeliveryMetadata: true },
		});
		const json = call.result.workflowData?.[0][0].json as IDataObject;
		expect(json).toMatchObject({
			...simplifyEvent(sample.webhook),
			_delivery: { deliveryId: 'delivery-1', retryCount: 0 },
		});
	});
});

describe('the journal: Journal Trigger and Journal → Get Events', () => {
	let emulator: Emulator;
	let registrationId: string;
	/** the journal's entries, as Adobe's journal API returns them */
	let entries: Array<{ position: string; event: IDataObject }>;

	beforeAll(async () => {
		emulator = await start();
		const api = apiClient(emulator, await s2sToken(emulator));
		const res = await api.post(`${api.ws}/registrations`, {
			client_id: emulator.credentials.clientId,
			name: `output versions ${Date.now()}`,
			description: 'every catalogue event type',
			delivery_type: 'journal',
			events_of_interest: PROVIDERS.flatMap((p) =>
				p.events.map((e) => ({ provider_id: p.id, event_code: e.event_code })),
			),
		});
		expect(res.status).toBe(201);
		const body = res.json<{ registration_id: string; _links: Record<string, { href: string }> }>();
		registrationId = body.registration_id;
		for (const provider of PROVIDERS)
			for (const event of provider.events)
				await control(emulator, 'POST', '/events', {
					event_code: event.event_code,
					provider_id: provider.id,
					registration_id: registrationId,
				});
		const page = await api.get(`${body._links['rel:events'].href}?limit=1000`);
		entries = page.json<{ events: Array<{ position: string; event: IDataObject }> }>().events;
		expect(entries).toHaveLength(PROVIDERS.reduce((n, p) => n + p.events.length, 0));
	});
	afterAll(async () => await emulator.close());

	const journalTrigger = (extra: INodeParameters = {}): INodeParameters => ({
		registrationSource: 'existing',
		registrationId: byId(registrationId),
		startFrom: 'oldest',
		...extra,
	});

	it('Journal Trigger 1 (saved, no Output): every event as journaled, byte for byte; with metadata as before', async () => {
		const out = await poll(emulator, journalTrigger(), {}, { typeVersion: 1 });
		expect((out.items ?? []).map((i) => JSON.stringify(i.json))).toEqual(
			entries.map((e) => JSON.stringify(e.event)),
		);
		const withMeta = await poll(
			emulator,
			journalTrigger({ options: { includeDeliveryMetadata: true } }),
			{},
			{ typeVersion: 1 },
		);
		expect((withMeta.items ?? []).map((i) => i.json._delivery)).toEqual(
			entries.map((e) => ({
				source: 'journal',
				position: e.position,
				registrationId,
				...(typeof (e.event.eventid ?? e.event.event_id) === 'string'
					? { eventId: e.event.eventid ?? e.event.event_id }
					: {}),
				...(typeof e.event.type === 'string' ? { eventCode: e.event.type } : {}),
			})),
		);
	});

	it('Journal Trigger 1.1 (new nodes): Simplified', async () => {
		const out = await poll(emulator, journalTrigger(), {}, { typeVersion: 1.1 });
		expect((out.items ?? []).map((i) => i.json)).toEqual(
			entries.map((e) => simplifyEvent(e.event)),
		);
	});

	const getEvents = (extra: IDataObject = {}) => ({
		resource: 'journal',
		operation: 'getEvents',
		registrationId: byId(registrationId),
		startFrom: 'oldest',
		limit: 1000,
		...(extra as Record<string, string | number | boolean>),
	});

	it('Get Events 1 (saved, no Output): the entries as journaled, byte for byte, in one item or split', async () => {
		const [one] = await runJson(emulator, getEvents(), { typeVersion: 1 });
		expect(JSON.stringify(one.events)).toBe(JSON.stringify(entries));
		const split = await runJson(emulator, getEvents({ split: true }), { typeVersion: 1 });
		expect(split.map((item) => JSON.stringify(item.event))).toEqual(
			entries.map((e) => JSON.stringify(e.event)),
		);
		expect(split.map((item) => Object.keys(item))).toEqual(
			entries.map(() => ['position', 'event', 'nextPosition', 'registrationId']),
		);
	});

	it('Get Events 1.1 (new nodes): Simplified events; split: one flat item per event with its position', async () => {
		const [one] = await runJson(emulator, getEvents(), { typeVersion: 1.1 });
		expect(one.events).toEqual(
			entries.map((e) => ({ position: e.position, event: simplifyEvent(e.event) })),
		);
		const split = await runJson(emulator, getEvents({ split: true }), { typeVersion: 1.1 });
		expect(split).toEqual(
			entries.map((e) => ({
				...simplifyEvent(e.event),
				position: e.position,
				nextPosition: one.nextPosition,
			})),
		);
	});
});
