/**
 * Delivery guarantees of the Watch Events trigger in a real n8n (issue 14), asserted only on what
 * Adobe (the emulator's delivery log and registrations) and n8n (its executions API) hold:
 *
 * - Options → Acknowledge "When the Workflow Has Finished": Adobe gets its 2xx only after the
 *   workflow ran; a workflow that fails makes Adobe retry, and the retry runs (nothing lost);
 *   switching the option on a published workflow moves its one registration to the other path;
 *   "When Queued" (the default) still answers before the workflow ran and never retries a failure.
 * - Recipients fail closed: a signed event that names no recipient → 401 and no execution, unless
 *   Options → Accept Events Without a Recipient (legacy) is on.
 * - Cross-process de-duplication with n8n's Remove Duplicates node ("processed in previous
 *   executions", keyed on eventid): an event delivered again after an n8n restart (the trigger's
 *   in-memory window is empty then) reaches the workflow and Remove Duplicates outputs nothing.
 *
 * The tests run in order on one n8n + emulator; each workflow watches its own event type.
 */
import { CC_PROVIDER_ID, publishWatchEvents, waitForRegistrations, oneVerified } from '../../scripts/n8n/adobe-setup';
import type { EmulatorControl, EmulatorDelivery } from '../../scripts/n8n/emulator-control';
import { outputItems, type N8nCredentialRef, type N8nExecution } from '../../scripts/n8n/n8n-api';
import type { Stack } from '../../scripts/n8n/stack';
import { codeNode, removeDuplicatesNode, setNode, TRIGGER_NAME, waitNode, webhookUrls } from '../../scripts/n8n/workflows';
import { e2eLog, eventually, startE2eStackWithCredential } from './helpers';

const FILE_CREATED = 'com.adobe.platform.events.file_created';
const FILE_UPDATED = 'com.adobe.platform.events.file_updated';
const FILE_DELETED = 'com.adobe.platform.events.file_deleted';
const FILE_MOVED = 'com.adobe.platform.events.file_moved';
const FILE_COPIED = 'com.adobe.platform.events.file_copied';

const WAIT_NAME = 'Wait';
const CODE_NAME = 'Fails on the First Attempt';
const DEDUPE_NAME = 'Remove Duplicates';


describe('delivery guarantees in a real n8n (acknowledge, recipients, Remove Duplicates across a restart)', () => {
	let stack: Stack;
	let ctl: EmulatorControl;
	let credential: N8nCredentialRef;

	beforeAll(async () => {
		({ stack, ctl, credential } = await startE2eStackWithCredential());
	});

	afterAll(async () => {
		await stack?.stop();
	});

	/** "No extra execution": the settled list (N8nClient.settledExecutions), never a count after a fixed sleep. */
	const settledExecutionsOf = async (workflowId: string): Promise<N8nExecution[]> => await stack.client.settledExecutions(workflowId, { includeData: true });

	/**
	 * Wall-clock end of a delivery attempt: `time` is the emulator clock at the attempt's start (in
	 * real mode, shifted by any manual advance before), `duration_ms` is wall-clock.
	 */
	const endOf = async (d: EmulatorDelivery): Promise<number> => {
		const clock = await ctl.clock();
		expect(clock.mode).toBe('real');
		return Date.parse(d.time) - (clock.nowMs - Date.now()) + d.duration_ms;
	};

	const registrationsOfWebhook = async (webhookId: string) =>
		(await ctl.registrations()).filter((r) => String(r.webhook_url).includes(`/${webhookId}/`));

	describe('Acknowledge: When the Workflow Has Finished', () => {
		let finished: Awaited<ReturnType<typeof publishWatchEvents>>;

		it('(a) success → Adobe gets its 200 only after the workflow ran (Wait 1 s), one execution', async () => {
			finished = await publishWatchEvents(stack, {
				name: 'e2e acknowledge when finished',
				credential,
				parameters: { eventCodes: [FILE_CREATED], options: { acknowledge: 'whenFinished' } },
				steps: [waitNode(WAIT_NAME, [260, 0], 1)],
			});
			// The registration points at the node's second webhook path.
			expect(finished.productionUrl).toMatch(/\/webhook-finished$/);
			expect(finished.registration.webhook_url).toBe(finished.productionUrl);
			expect(await registrationsOfWebhook(finished.webhookId)).toHaveLength(1);

			const emitted = await ctl.emit({ eventCode: FILE_CREATED, wait: true });
			expect(emitted.webhook_deliveries).toBe(1);
			const deliveries = await ctl.deliveries({ registrationId: finished.registration.registration_id });
			expect(deliveries.map((d) => [d.status, d.outcome, d.retry_count])).toEqual([[200, 'delivered', 0]]);

			const [execution] = await stack.client.waitForExecutions(finished.workflowId, 1);
			expect(execution.status).toBe('success');
			expect(outputItems(execution, TRIGGER_NAME).map((item) => item.eventid)).toEqual(emitted.event_ids);
			expect(outputItems(execution, WAIT_NAME)).toHaveLength(1);
			// The answer took at least the Wait node's second and left n8n after the execution stopped.
			expect(deliveries[0].duration_ms).toBeGreaterThanOrEqual(1000);
			expect(await endOf(deliveries[0])).toBeGreaterThanOrEqual(Date.parse(String(execution.stoppedAt)));
			expect(await settledExecutionsOf(finished.workflowId)).toHaveLength(1);
			expect((await ctl.summary()).pending_retries).toBe(0);
		});

		it('(b) the workflow fails on the first attempt → 500 to Adobe, Adobe retries, the retry runs: one error + one success, nothing lost', async () => {
			const failing = await publishWatchEvents(stack, {
				name: 'e2e acknowledge when finished, fails first',
				credential,
				parameters: { eventCodes: [FILE_UPDATED], options: { acknowledge: 'whenFinished', includeDeliveryMetadata: true } },
				steps: [
					codeNode(
						CODE_NAME,
						[260, 0],
						"const d = $input.first().json._delivery;\nif (d.retryCount === 0) throw new Error('first attempt fails on purpose');\nreturn $input.all();",
					),
				],
			});
			// Adobe's retry schedule (1 min after the first failure) runs on the emulator clock.
			await ctl.setClock('manual');
			try {
				const emitted = await ctl.emit({ eventCode: FILE_UPDATED, wait: true });
				const [eventId] = emitted.event_ids;
				let deliveries = await ctl.deliveries({ registrationId: failing.registration.registration_id });
				expect(deliveries.map((d) => [d.status, d.outcome, d.retry_count])).toEqual([[500, 'retry_scheduled', 0]]);
				await ctl.advanceClock({ minutes: 1 });
				await ctl.idle();
				deliveries = await ctl.deliveries({ registrationId: failing.registration.registration_id });
				expect(deliveries.map((d) => [d.status, d.outcome, d.retry_count])).toEqual([
					[500, 'retry_scheduled', 0],
					[200, 'delivered', 1],
				]);
				expect(deliveries.every((d) => d.event_ids.length === 1 && d.event_ids[0] === eventId)).toBe(true);

				const executions = await stack.client.waitForExecutions(failing.workflowId, 2);
				expect(executions.map((e) => e.status)).toEqual(['error', 'success']);
				for (const execution of executions) {
					expect(outputItems(execution, TRIGGER_NAME).map((item) => item.eventid)).toEqual([eventId]);
				}
				expect(outputItems(executions[0], TRIGGER_NAME)[0]._delivery).toMatchObject({ retryCount: 0, deliveryId: deliveries[0].delivery_id });
				expect(outputItems(executions[1], TRIGGER_NAME)[0]._delivery).toMatchObject({ retryCount: 1, deliveryId: deliveries[1].delivery_id });
				expect(JSON.stringify(executions[0].data?.resultData.error ?? executions[0].data?.resultData.runData[CODE_NAME])).toContain('first attempt fails on purpose');
				expect(outputItems(executions[1], CODE_NAME).map((item) => item.eventid)).toEqual([eventId]);
				expect((await ctl.summary()).pending_retries).toBe(0);
			} finally {
				await ctl.setClock('real');
			}
			await stack.client.takeOffline(failing.workflowId);
			await waitForRegistrations(ctl, failing.productionUrl, (list) => list.length === 0);
		});

		it('(c) switching Acknowledge on a published workflow moves its one registration to the other path, and back', async () => {
			const queuedUrl = webhookUrls(stack.webhookBaseUrl, finished.webhookId, 'webhook').production;
			const setAcknowledge = async (acknowledge: 'whenQueued' | 'whenFinished'): Promise<void> => {
				const current = await stack.client.getWorkflow(finished.workflowId);
				const nodes = current.nodes.map((node) =>
					node.name === TRIGGER_NAME
						? { ...node, parameters: { ...node.parameters, options: { ...(node.parameters.options as object), acknowledge } } }
						: node,
				);
				await stack.client.updateWorkflow(finished.workflowId, { name: current.name, nodes, connections: current.connections });
				await stack.client.makeLive(finished.workflowId);
			};

			await setAcknowledge('whenQueued');
			const [moved] = await waitForRegistrations(ctl, queuedUrl, oneVerified);
			await waitForRegistrations(ctl, finished.productionUrl, (list) => list.length === 0);
			expect(await registrationsOfWebhook(finished.webhookId)).toHaveLength(1);
			const before = (await settledExecutionsOf(finished.workflowId)).length;
			const emitted = await ctl.emit({ eventCode: FILE_CREATED, wait: true });
			const [delivery] = (await ctl.deliveries({ registrationId: moved.registration_id })).filter((d) => d.event_ids[0] === emitted.event_ids[0]);
			expect(delivery).toMatchObject({ url: queuedUrl, status: 200, outcome: 'delivered' });
			// When Queued: the answer left before the Wait node's second was over.
			const executions = await stack.client.waitForExecutions(finished.workflowId, before + 1);
			const latest = executions[executions.length - 1];
			expect(outputItems(latest, TRIGGER_NAME)[0].eventid).toBe(emitted.event_ids[0]);
			expect(await endOf(delivery)).toBeLessThan(Date.parse(String(latest.stoppedAt)));

			await setAcknowledge('whenFinished');
			const [back] = await waitForRegistrations(ctl, finished.productionUrl, oneVerified);
			await waitForRegistrations(ctl, queuedUrl, (list) => list.length === 0);
			expect(await registrationsOfWebhook(finished.webhookId)).toHaveLength(1);
			const again = await ctl.emit({ eventCode: FILE_CREATED, wait: true });
			const [last] = (await ctl.deliveries({ registrationId: back.registration_id })).filter((d) => d.event_ids[0] === again.event_ids[0]);
			expect(last).toMatchObject({ url: finished.productionUrl, status: 200, outcome: 'delivered' });
			expect(last.duration_ms).toBeGreaterThanOrEqual(1000);
			await stack.client.waitForExecutions(finished.workflowId, before + 2);
			e2eLog(
				`acknowledge switch: registration ${finished.registration.registration_id} → ${moved.registration_id} (${queuedUrl.slice(-8)}) → ${back.registration_id} (${finished.productionUrl.slice(-17)})`,
			);
			await stack.client.takeOffline(finished.workflowId);
			await waitForRegistrations(ctl, finished.productionUrl, (list) => list.length === 0);
		});
	});

	it('(d) Acknowledge: When Queued (default) is unchanged: 200 before the workflow ran, a failed workflow is not retried', async () => {
		const queued = await publishWatchEvents(stack, {
			name: 'e2e acknowledge when queued',
			credential,
			parameters: { eventCodes: [FILE_DELETED] },
			steps: [
				waitNode(WAIT_NAME, [260, 0], 1.5),
				codeNode(CODE_NAME, [520, 0], "if ($input.first().json.data.fail === true) throw new Error('fails on purpose');\nreturn $input.all();"),
			],
		});
		expect(queued.productionUrl).toMatch(/\/webhook$/);
		expect(await registrationsOfWebhook(queued.webhookId)).toHaveLength(1);
		const ok = await ctl.emit({ eventCode: FILE_DELETED, data: { fail: false }, wait: true });
		const failed = await ctl.emit({ eventCode: FILE_DELETED, data: { fail: true }, wait: true });
		const deliveries = await ctl.deliveries({ registrationId: queued.registration.registration_id });
		expect(deliveries.map((d) => [d.event_ids[0], d.status, d.outcome, d.retry_count])).toEqual([
			[ok.event_ids[0], 200, 'delivered', 0],
			[failed.event_ids[0], 200, 'delivered', 0],
		]);
		const executions = await stack.client.waitForExecutions(queued.workflowId, 2);
		const byEvent = new Map(executions.map((e) => [String(outputItems(e, TRIGGER_NAME)[0].eventid), e]));
		expect(byEvent.get(ok.event_ids[0])?.status).toBe('success');
		expect(byEvent.get(failed.event_ids[0])?.status).toBe('error');
		// Each answer left n8n before its execution had even passed the Wait node.
		for (const d of deliveries) expect(await endOf(d)).toBeLessThan(Date.parse(String(byEvent.get(d.event_ids[0])?.stoppedAt)));
		// At most once: Adobe got its 200, so the failed event is never delivered again.
		expect((await ctl.summary()).pending_retries).toBe(0);
		expect(await settledExecutionsOf(queued.workflowId)).toHaveLength(2);
		await stack.client.takeOffline(queued.workflowId);
		await waitForRegistrations(ctl, queued.productionUrl, (list) => list.length === 0);
	});

	describe('recipients fail closed', () => {
		const post = async (url: string, body: string, headers: Record<string, string>): Promise<number> => {
			const response = await fetch(url, { method: 'POST', headers, body });
			await response.arrayBuffer();
			return response.status;
		};
		/** Adobe-signed bodies (the emulator's keys) that name no recipient: a CloudEvent and a legacy adobe_io event. */
		const unaddressed = async (tag: string): Promise<Array<{ kind: string; id: string; body: string; headers: Record<string, string> }>> => {
			const ceId = `${tag}-ce-${Date.now()}`;
			const legacyId = `${tag}-legacy-${Date.now()}`;
			const cloudEvent = JSON.stringify({
				specversion: '1.0',
				id: ceId,
				source: `urn:uuid:${CC_PROVIDER_ID}`,
				type: FILE_COPIED,
				datacontenttype: 'application/json',
				eventid: ceId,
				data: { path: '/unaddressed.psd' },
			});
			const legacy = JSON.stringify({ event_id: legacyId, event: { 'xdm:eventType': 'asset_created', path: '/unaddressed.psd' } });
			const signedCe = await ctl.sign({ body: cloudEvent });
			const signedLegacy = await ctl.sign({ body: legacy });
			return [
				{ kind: 'CloudEvent', id: ceId, body: cloudEvent, headers: { 'content-type': 'application/cloudevents+json; charset=UTF-8', ...signedCe.headers } },
				{ kind: 'legacy adobe_io', id: legacyId, body: legacy, headers: { 'content-type': 'application/json; charset=utf-8', ...signedLegacy.headers } },
			];
		};
		const eventIdOf = (item: Record<string, unknown>): unknown => item.eventid ?? item.event_id;

		it('a signed event without a recipient → 401 and no execution (CloudEvent and legacy envelope)', async () => {
			const strict = await publishWatchEvents(stack, { name: 'e2e recipients strict', credential, parameters: { eventCodes: [FILE_COPIED] } });
			for (const delivery of await unaddressed('strict')) {
				expect({ kind: delivery.kind, status: await post(strict.productionUrl, delivery.body, delivery.headers) }).toEqual({ kind: delivery.kind, status: 401 });
			}
			// The route works: the same kind of event, addressed to us, runs.
			const addressed = await ctl.sign({ event: { specversion: '1.0', id: 'addressed', source: `urn:uuid:${CC_PROVIDER_ID}`, type: FILE_COPIED, data: {} } });
			expect(await post(strict.productionUrl, addressed.body, { 'content-type': 'application/cloudevents+json', ...addressed.headers })).toBe(200);
			const executions = await stack.client.waitForExecutions(strict.workflowId, 1);
			expect(await settledExecutionsOf(strict.workflowId)).toHaveLength(1);
			expect(outputItems(executions[0], TRIGGER_NAME)[0].id).toBe('addressed');
			await stack.client.takeOffline(strict.workflowId);
			await waitForRegistrations(ctl, strict.productionUrl, (list) => list.length === 0);
		});

		it('with Options → Accept Events Without a Recipient (legacy) → 200 and one execution each', async () => {
			const lenient = await publishWatchEvents(stack, {
				name: 'e2e recipients legacy option',
				credential,
				parameters: { eventCodes: [FILE_COPIED], options: { acceptUnaddressed: true } },
			});
			const deliveries = await unaddressed('lenient');
			for (const delivery of deliveries) {
				expect({ kind: delivery.kind, status: await post(lenient.productionUrl, delivery.body, delivery.headers) }).toEqual({ kind: delivery.kind, status: 200 });
			}
			const executions = await stack.client.waitForExecutions(lenient.workflowId, deliveries.length);
			expect(await settledExecutionsOf(lenient.workflowId)).toHaveLength(deliveries.length);
			expect(executions.map((e) => eventIdOf(outputItems(e, TRIGGER_NAME)[0])).sort()).toEqual(deliveries.map((d) => d.id).sort());
			await stack.client.takeOffline(lenient.workflowId);
			await waitForRegistrations(ctl, lenient.productionUrl, (list) => list.length === 0);
		});
	});

	it('Remove Duplicates ("processed in previous executions", keyed on eventid) drops an event delivered again after an n8n restart', async () => {
		const deduped = await publishWatchEvents(stack, {
			name: 'e2e remove duplicates across restart',
			credential,
			parameters: { eventCodes: [FILE_MOVED] },
			steps: [removeDuplicatesNode(DEDUPE_NAME, [260, 0], '={{ $json.eventid }}'), setNode('After Dedupe', [520, 0], { seen: 'once' })],
		});
		const emitted = await ctl.emit({ eventCode: FILE_MOVED, wait: true });
		const [eventId] = emitted.event_ids;
		const [first] = await stack.client.waitForExecutions(deduped.workflowId, 1);
		expect(outputItems(first, DEDUPE_NAME).map((item) => item.eventid)).toEqual([eventId]);
		expect(outputItems(first, 'After Dedupe')).toHaveLength(1);

		// The exact bytes Adobe sent (delivery trace) and their signatures: Adobe's re-send of this event.
		const [trace] = (await ctl.traces(deduped.registration.registration_id)).filter((t) => t.trace.tracingRequest.requestBody.includes(eventId));
		const body = trace.trace.tracingRequest.requestBody;
		expect(body).toContain(eventId);
		const resend = async (): Promise<number> => {
			const signed = await ctl.sign({ body });
			const response = await fetch(deduped.productionUrl, {
				method: 'POST',
				headers: { 'content-type': trace.trace.tracingRequest.contentType, 'x-adobe-retry-count': '1', ...signed.headers },
				body,
			});
			await response.arrayBuffer();
			return response.status;
		};

		// Same n8n process: the trigger's own window drops it (200, no execution).
		expect(await resend()).toBe(200);
		expect(await settledExecutionsOf(deduped.workflowId)).toHaveLength(1);

		// After a restart the trigger's in-memory window is empty: the event reaches the workflow again,
		// and Remove Duplicates (history in n8n's database) outputs nothing.
		await stack.restartN8n();
		await waitForRegistrations(ctl, deduped.productionUrl, oneVerified);
		const status = await eventually('the webhook to accept the re-sent event after the restart', async () => {
			const s = await resend();
			return s === 404 ? undefined : s;
		});
		expect(status).toBe(200);
		const executions = await stack.client.waitForExecutions(deduped.workflowId, 2);
		expect(executions).toHaveLength(2);
		const second = executions[1];
		expect(second.status).toBe('success');
		expect(outputItems(second, TRIGGER_NAME).map((item) => item.eventid)).toEqual([eventId]);
		expect(second.data?.resultData.runData[DEDUPE_NAME]).toHaveLength(1);
		expect(outputItems(second, DEDUPE_NAME)).toEqual([]);
		expect(outputItems(second, 'After Dedupe')).toEqual([]);

		// Control: a new event after the restart passes Remove Duplicates.
		const fresh = await ctl.emit({ eventCode: FILE_MOVED, wait: true });
		const all = await stack.client.waitForExecutions(deduped.workflowId, 3);
		const third = all[2];
		expect(outputItems(third, DEDUPE_NAME).map((item) => item.eventid)).toEqual(fresh.event_ids);
		expect(outputItems(third, 'After Dedupe')).toHaveLength(1);
	});
});
