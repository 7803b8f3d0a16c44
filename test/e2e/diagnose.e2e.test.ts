/**
 * "Why did my events stop?" in a real n8n: registrations driven unstable (and disabled) by workflows
 * that answer Adobe with 401 or too slowly, then Registration → Get Delivery Traces and Registration →
 * Diagnose run in an n8n workflow and name the state, the cause and the fix. Everything Adobe does is the
 * emulator's real behaviour (its deliveries, traces and health rules on a manual clock); assertions read
 * n8n's executions and the emulator's state.
 *
 * The tests run in order on one n8n + emulator.
 */
import { randomUUID } from 'node:crypto';

import { CC_EVENT_CODES, CC_PROVIDER_ID, control, createEmulatorCredential, publishWatchEvents } from '../../scripts/n8n/adobe-setup';
import type { EmulatorControl } from '../../scripts/n8n/emulator-control';
import { outputItems, type N8nCredentialRef } from '../../scripts/n8n/n8n-api';
import { PACKAGE_NAME, type Stack } from '../../scripts/n8n/stack';
import { MANUAL_NAME, actionWorkflow, plainWebhookWorkflow, setNode } from '../../scripts/n8n/workflows';
import { failureOf, startE2eStack, waitForWebhookStatus } from './helpers';

const EVENT_CODE = CC_EVENT_CODES[0];

describe('delivery traces and diagnosis in a real n8n', () => {
	let stack: Stack;
	let ctl: EmulatorControl;
	let credential: N8nCredentialRef;
	let watch: Awaited<ReturnType<typeof publishWatchEvents>>;

	/** The emulator's control API calls the shared harness client has no method for (clock). */
	const controlCall = async (method: string, path: string, body?: unknown): Promise<unknown> => {
		const response = await fetch(`${stack.emulator!.urls.control}${path}`, {
			method,
			headers: { 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		if (!response.ok) throw new Error(`emulator control ${method} ${path} → ${response.status} ${await response.text()}`);
		return await response.json();
	};
	const advanceHours = async (hours: number): Promise<void> => {
		await controlCall('POST', '/clock/advance', { hours });
	};
	const health = async (registrationId: string): Promise<string> =>
		((await controlCall('GET', `/registrations/${registrationId}`)) as { health: string }).health;


	/** Runs Diagnose, then Get Delivery Traces (failures only), for a registration in an n8n workflow. */
	async function diagnoseInN8n(registrationId: string): Promise<{ diagnosis: Record<string, unknown>; failures: Array<Record<string, unknown>> }> {
		const registrationRef = { __rl: true, mode: 'id', value: registrationId };
		const workflow = await stack.client.createWorkflow(
			actionWorkflow({
				name: `e2e diagnose ${registrationId.slice(0, 8)} ${randomUUID().slice(0, 4)}`,
				credential,
				steps: [
					{ name: 'Diagnose', parameters: { resource: 'registration', operation: 'diagnose', registrationId: registrationRef, options: {} } },
					{
						name: 'Failed Deliveries',
						parameters: { resource: 'registration', operation: 'getDeliveryTraces', registrationId: registrationRef, onlyFailures: true, limit: 100, options: {} },
					},
				],
			}),
		);
		const execution = await stack.client.waitForExecution(await stack.client.executeManualTrigger(workflow.id, MANUAL_NAME), 60000);
		expect({ status: execution.status, failure: execution.status === 'success' ? '' : failureOf(execution) }).toEqual({ status: 'success', failure: '' });
		const [diagnosis] = outputItems(execution, 'Diagnose');
		return { diagnosis, failures: outputItems(execution, 'Failed Deliveries') };
	}

	beforeAll(async () => {
		stack = await startE2eStack();
		ctl = control(stack);
		credential = await createEmulatorCredential(stack);
		// Adobe's 24 h health window runs on the emulator's clock, moved by the tests.
		await controlCall('POST', '/clock', { mode: 'manual' });
	});

	afterAll(async () => {
		await stack?.stop();
	});

	it('n8n offers the action node as an AI-agent tool, with Get Delivery Traces and Diagnose', async () => {
		// The node types the editor loads (n8n adds a "…Tool" variant of every node that is usableAsTool).
		const { body } = await stack.client.request<Array<{ name: string; properties?: Array<{ name: string; options?: Array<{ value: string }> }> }>>(
			'GET',
			'/types/nodes.json',
			{ auth: 'cookie' },
		);
		const tool = body.find((d) => d.name === `${PACKAGE_NAME}.adobeIoEventsTool`);
		expect(tool).toBeDefined();
		const operations = (tool?.properties ?? []).filter((p) => p.name === 'operation').flatMap((p) => (p.options ?? []).map((o) => o.value));
		expect(operations).toEqual(expect.arrayContaining(['diagnose', 'getDeliveryTraces']));
	});

	it('a healthy Watch Events registration: "Healthy: 2 deliveries, all 200", this n8n’s production URL', async () => {
		watch = await publishWatchEvents(stack, { name: 'e2e diagnose watch', credential, parameters: { eventCodes: [EVENT_CODE] } });
		const emitted = await ctl.emit({ eventCode: EVENT_CODE, count: 2, registrationId: watch.registration.registration_id, wait: true });
		await stack.client.waitForExecutions(watch.workflowId, 2);

		const { diagnosis, failures } = await diagnoseInN8n(watch.registration.registration_id);
		expect(diagnosis).toMatchObject({
			verdict: 'healthy',
			severity: 'ok',
			status: 'Active',
			summary: 'Healthy: 2 deliveries, all 200.',
			thisN8n: true,
			n8nWebhook: 'production',
			webhookUrl: watch.productionUrl,
			tracesRead: true,
		});
		expect(diagnosis.findings).toEqual([expect.stringMatching(/this n8n’s production webhook URL/)]);
		expect(diagnosis.deliveries).toMatchObject({ total: 2, succeeded: 2, failed: 0 });
		expect(failures).toEqual([]);
		expect(emitted.event_ids).toHaveLength(2);
	});

	it('a proxy that changes the bodies: n8n answers 401, Adobe marks the registration unstable, then disables it — Diagnose says why', async () => {
		const rid = watch.registration.registration_id;
		// Deliveries whose signatures do not match their bytes, exactly what a body-rewriting proxy produces.
		await ctl.faults({ target: 'deliveries', mode: 'bad_signature', count: 12, registration_id: rid });
		const forged = await ctl.emit({ eventCode: EVENT_CODE, count: 12, registrationId: rid, wait: true });
		const log = await ctl.deliveries({ registrationId: rid });
		expect(log.filter((d) => forged.event_ids.includes(d.event_ids[0])).map((d) => d.status)).toEqual(Array(12).fill(401));
		expect(await stack.client.listExecutions(watch.workflowId)).toHaveLength(2); // n8n ran none of them
		expect(await health(rid)).toBe('UNSTABLE');

		const unstable = await diagnoseInN8n(rid);
		expect(unstable.diagnosis).toMatchObject({ verdict: 'unstable', severity: 'warning', status: 'Unstable', webhookStatus: 'unstable', thisN8n: true });
		expect(unstable.diagnosis.summary).toMatch(
			/^Adobe marked this registration unstable: 12 of 14 deliveries in 24 h failed; the last 12 answers were 401 \(signature check failed\) — a proxy in front of n8n is probably changing the body/,
		);
		expect(unstable.diagnosis.action).toMatch(/pass the request body through unchanged/);
		// Get Delivery Traces: one item per refused delivery, with the event and the answer in words.
		expect(unstable.failures).toHaveLength(12);
		expect(new Set(unstable.failures.map((t) => t.eventId))).toEqual(new Set(forged.event_ids));
		for (const trace of unstable.failures) {
			expect(trace).toMatchObject({ kind: 'delivery', responseCode: 401, success: false, adobeRetries: false, eventCode: EVENT_CODE, requestUrl: watch.productionUrl });
			expect(trace.meaning).toMatch(/signature or recipient check failed/);
		}

		// The proxy stays; 24 h after the registration became unstable, Adobe disables it.
		await advanceHours(12);
		await ctl.faults({ target: 'deliveries', mode: 'bad_signature', count: 10, registration_id: rid });
		await ctl.emit({ eventCode: EVENT_CODE, count: 10, registrationId: rid, wait: true });
		await advanceHours(12);
		expect(await health(rid)).toBe('DISABLED');

		const disabled = await diagnoseInN8n(rid);
		expect(disabled.diagnosis).toMatchObject({ verdict: 'disabled', severity: 'error', status: 'Disabled', enabled: false });
		expect(disabled.diagnosis.summary).toBe(
			'Adobe disabled this registration after 22 failed deliveries in 24 h; the last 22 answers were 401 (signature check failed) — a proxy in front of n8n is probably changing the body (Adobe signs the exact bytes), or the Watch Events trigger’s credential belongs to another Adobe project than this registration. New events are not delivered.',
		);
		expect(disabled.diagnosis.action).toMatch(/unpublish and publish the workflow/);
		expect(disabled.failures).toHaveLength(22);
		// Adobe really stopped: a new event is journaled, not delivered.
		const after = await ctl.emit({ eventCode: EVENT_CODE, registrationId: rid, wait: true });
		expect(after.webhook_deliveries).toBe(0);
	});

	it('a workflow that answers after Adobe’s timeout: 604 timeouts make the registration unstable — "answer faster or use batch delivery"', async () => {
		// Adobe waits 1.5 s here (10 s in reality).
		await ctl.config({ deliveryTimeoutMs: 1500 });
		const path = `slow-receiver-${randomUUID().slice(0, 8)}`;
		// n8n's Webhook node (the benchmark's), for GET and POST: GET ?challenge=… → {"challenge": …} (Adobe's
		// registration check), POST → a 3 s Wait, answered when the last node finishes.
		const slow = plainWebhookWorkflow('e2e slow receiver', path);
		slow.nodes[0].parameters = { multipleMethods: true, httpMethod: ['GET', 'POST'], path, responseMode: 'lastNode', responseData: 'firstEntryJson', options: {} };
		slow.nodes.push(
			setNode('Answer Challenge', [260, -100], { challenge: '={{ $json.query.challenge }}' }),
			{ id: randomUUID(), name: 'Slow Work', type: 'n8n-nodes-base.wait', typeVersion: 1.1, position: [260, 100], parameters: { resume: 'timeInterval', amount: 3, unit: 'seconds' } },
		);
		slow.connections = {
			Webhook: { main: [[{ node: 'Answer Challenge', type: 'main', index: 0 }], [{ node: 'Slow Work', type: 'main', index: 0 }]] },
		};
		const created = await stack.client.createWorkflow(slow);
		await stack.client.makeLive(created.id);
		const url = `${stack.webhookBaseUrl}/webhook/${path}`;
		await waitForWebhookStatus(`${url}?challenge=ready`, 200, { method: 'GET' });

		// The registration, created with the action node (Adobe challenges the workflow's URL).
		const create = await stack.client.createWorkflow(
			actionWorkflow({
				name: 'e2e create slow registration',
				credential,
				steps: [
					{
						name: 'Create Registration',
						parameters: {
							resource: 'registration',
							operation: 'create',
							name: 'e2e slow receiver',
							deliveryType: 'webhook',
							webhookUrl: url,
							providerId: { __rl: true, mode: 'id', value: CC_PROVIDER_ID },
							eventCodes: [EVENT_CODE],
							additionalFields: {},
						},
					},
				],
			}),
		);
		const createdRun = await stack.client.waitForExecution(await stack.client.executeManualTrigger(create.id, MANUAL_NAME), 60000);
		expect({ status: createdRun.status, failure: createdRun.status === 'success' ? '' : failureOf(createdRun) }).toEqual({ status: 'success', failure: '' });
		const [registration] = outputItems(createdRun, 'Create Registration');
		expect(registration).toMatchObject({ webhook_status: 'verified', webhook_url: url });
		const rid = String(registration.registration_id);

		await ctl.emit({ eventCode: EVENT_CODE, count: 10, registrationId: rid, wait: true });
		const log = await ctl.deliveries({ registrationId: rid });
		expect(log.map((d) => [d.status, d.outcome])).toEqual(Array(10).fill([null, 'retry_scheduled']));
		expect(await health(rid)).toBe('UNSTABLE');

		const { diagnosis, failures } = await diagnoseInN8n(rid);
		expect(diagnosis).toMatchObject({ verdict: 'unstable', status: 'Unstable', thisN8n: true, n8nWebhook: 'production', webhookUrl: url });
		expect(diagnosis.summary).toMatch(/^Adobe marked this registration unstable: 10 of 10 deliveries in 24 h failed; the last 10 answers were 604 timeouts — the webhook took longer than the 10 s Adobe waits\./);
		expect(diagnosis.action).toMatch(/^Answer faster or use batch delivery/);
		expect(failures.map((t) => t.responseCode)).toEqual(Array(10).fill(604));
		expect(failures.every((t) => /did not answer within the time Adobe waits/.test(String(t.meaning)) && t.adobeRetries === true)).toBe(true);

		await stack.client.takeOffline(created.id);
		await ctl.config({ deliveryTimeoutMs: 10000 });
	});
});
