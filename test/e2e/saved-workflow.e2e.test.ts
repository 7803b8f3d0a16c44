/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code: runs outside n8n, reads the saved workflow file */
/**
 * Saved workflows keep working: a workflow saved with the Watch Events trigger of typeVersion 1 and 1.1 (their
 * first-screen layout: Delivery and Signature Check on the first screen, Acknowledge (now shown as Respond) and the
 * other options under Options; test/e2e/fixtures/watch-events-saved-v1.json, as n8n's editor saved it) is
 * imported into a real n8n with this package, published and run against the emulator. Every saved setting must
 * still take effect: batch delivery, the "when finished" path, data-only output with delivery metadata, the
 * registration name, HMAC checking, the subscriber filter, no de-duplication.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { CC_EVENT_CODES, waitForRegistrations } from '../../scripts/n8n/adobe-setup';
import type { EmulatorControl, EmulatorRegistration } from '../../scripts/n8n/emulator-control';
import { outputItems, type N8nCredentialRef, type N8nNode, type N8nWorkflowInput } from '../../scripts/n8n/n8n-api';
import { CREDENTIAL_TYPE, REPO_ROOT, type Stack } from '../../scripts/n8n/stack';
import { startE2eStackWithCredential } from './helpers';

const SAVED = join(REPO_ROOT, 'test', 'e2e', 'fixtures', 'watch-events-saved-v1.json');
const V1 = 'Saved Trigger v1';
const V11 = 'Saved Trigger v1.1';

describe('a workflow saved with Watch Events typeVersion 1 and 1.1, in a real n8n', () => {
	let stack: Stack;
	let ctl: EmulatorControl;
	let credential: N8nCredentialRef;
	let workflowId: string;
	let saved: N8nWorkflowInput;
	const urlOf = (name: string, path: string): string => {
		const node = saved.nodes.find((n) => n.name === name) as N8nNode;
		return `${stack.webhookBaseUrl}/webhook/${String(node.webhookId)}/${path}`;
	};
	const registrationAt = async (url: string): Promise<EmulatorRegistration> =>
		(await waitForRegistrations(ctl, url, (list) => list.length === 1 && list[0].webhook_status === 'verified'))[0];

	beforeAll(async () => {
		({ stack, ctl, credential } = await startE2eStackWithCredential());
		saved = JSON.parse(readFileSync(SAVED, 'utf8')) as N8nWorkflowInput;
	});

	afterAll(async () => {
		await stack?.stop();
	});

	it('imports as saved (versions and parameters untouched) and publishes', async () => {
		// The only thing a user adds after importing: their credential.
		const nodes = saved.nodes.map((node) => ({ ...node, credentials: { [CREDENTIAL_TYPE]: credential } }));
		const created = await stack.client.createWorkflow({ ...saved, nodes });
		workflowId = created.id;
		const stored = await stack.client.getWorkflow(workflowId);
		for (const node of saved.nodes) {
			const kept = stored.nodes.find((n) => n.name === node.name);
			expect(kept?.typeVersion).toBe(node.typeVersion);
			expect(kept?.parameters).toMatchObject(node.parameters);
		}
		await stack.client.makeLive(workflowId);
	});

	it('typeVersion 1: batches, answered when the workflow has finished, data only with delivery metadata', async () => {
		const registration = await registrationAt(urlOf(V1, 'webhook-finished'));
		expect(registration).toMatchObject({
			delivery_type: 'webhook_batch',
			name: 'saved v1: batches, answer when finished',
			enabled: true,
		});
		expect(registration.events_of_interest.map((e) => e.event_code)).toEqual([CC_EVENT_CODES[0]]);

		const result = await ctl.emit({ eventCode: CC_EVENT_CODES[0], count: 3, data: { saved: 'v1' }, wait: true });
		expect(result.event_ids).toHaveLength(3);
		await ctl.idle(30000);
		const deliveries = await ctl.deliveries({ registrationId: registration.registration_id });
		expect(deliveries.every((d) => d.status === 200 && d.outcome === 'delivered')).toBe(true);
		expect(deliveries.reduce((n, d) => n + (d.batch_size ?? 0), 0)).toBe(3);
		const executions = await stack.client.waitForExecutions(workflowId, deliveries.length);
		const items = executions.flatMap((e) => outputItems(e, V1));
		expect(items).toHaveLength(3);
		for (const item of items) {
			// Output "Data Only": the event's data, plus the _delivery field of Include Delivery Metadata
			expect(item).toMatchObject({ saved: 'v1' });
			expect(item).not.toHaveProperty('specversion');
			expect(item._delivery).toMatchObject({ eventCode: CC_EVENT_CODES[0] });
		}
		expect(executions.every((e) => e.status === 'success')).toBe(true);
	});

	it('typeVersion 1.1: HMAC, subscriber filter, no de-duplication, full CloudEvent', async () => {
		const registration = await registrationAt(urlOf(V11, 'webhook'));
		expect(registration).toMatchObject({ delivery_type: 'webhook', enabled: true });
		const filters = registration.subscriber_filters as Array<{ subscriber_filter: string }> | undefined;
		expect(filters?.[0]?.subscriber_filter).toBe('{"data":{"keep":[true]}}');
		const before = (await stack.client.listExecutions(workflowId)).length;
		// Adobe adds the legacy x-adobe-signature only for integrations that have it: so does the emulator.
		await ctl.config({ hmacSignature: true });

		const kept = await ctl.emit({ eventCode: CC_EVENT_CODES[2], data: { keep: true }, wait: true });
		const filtered = await ctl.emit({ eventCode: CC_EVENT_CODES[2], data: { keep: false }, wait: true });
		expect(kept.webhook_deliveries).toBe(1);
		expect(filtered.webhook_deliveries).toBe(0);
		const [delivered] = await ctl.deliveries({ eventId: kept.event_ids[0] });
		expect(delivered).toMatchObject({ status: 200, outcome: 'delivered', url: urlOf(V11, 'webhook') });
		const executions = await stack.client.waitForExecutions(workflowId, before + 1);
		const items = executions.flatMap((e) => outputItems(e, V11));
		expect(items).toHaveLength(1);
		expect(items[0]).toMatchObject({ specversion: '1.0', type: CC_EVENT_CODES[2], data: { keep: true } });
		expect(items[0].eventid).toBe(kept.event_ids[0]);

		// Signature Check "Legacy HMAC": a delivery whose HMAC is wrong is refused even with valid digital signatures.
		const signed = await ctl.sign({ event: { specversion: '1.0', id: 'hmac-check', source: 'urn:x', type: CC_EVENT_CODES[2], data: { keep: true } } });
		const wrongHmac = await fetch(urlOf(V11, 'webhook'), {
			method: 'POST',
			headers: { ...signed.headers, 'x-adobe-signature': 'bm90IHRoZSBobWFj' },
			body: signed.body,
		});
		expect(wrongHmac.status).toBe(401);
		const rightHmac = await fetch(urlOf(V11, 'webhook'), { method: 'POST', headers: signed.headers, body: signed.body });
		expect(rightHmac.status).toBe(200);
		// Drop Duplicate Events off: the same event again starts another execution.
		const again = await fetch(urlOf(V11, 'webhook'), { method: 'POST', headers: signed.headers, body: signed.body });
		expect(again.status).toBe(200);
		const all = await stack.client.waitForExecutions(workflowId, before + 3);
		expect(all.flatMap((e) => outputItems(e, V11)).filter((i) => i.id === 'hmac-check')).toHaveLength(2);
		await ctl.config({ hmacSignature: false });
	});

	it('unpublished: both registrations are removed', async () => {
		await stack.client.takeOffline(workflowId);
		await waitForRegistrations(ctl, urlOf(V1, 'webhook-finished'), (list) => list.length === 0);
		await waitForRegistrations(ctl, urlOf(V11, 'webhook'), (list) => list.length === 0);
	});
});
