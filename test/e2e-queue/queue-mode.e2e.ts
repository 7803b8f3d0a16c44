/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test code: runs outside n8n, needs process and timers */
/**
 * The package on n8n QUEUE MODE (issue 10): Postgres + Redis, a main process (trigger lifecycles,
 * polling, /webhook-test/*), one webhook processor (every production /webhook/* call; the main does
 * not serve them: N8N_DISABLE_PRODUCTION_MAIN_PROCESS) and two workers (every execution, manual ones
 * included), behind a small load balancer that is the webhook base URL. Later tests restart the main and
 * add a second webhook processor.
 *
 * Assertions use n8n's executions API, the workflow's static data in Postgres, the Bull jobs in
 * Redis (executions finished by a `worker-…` host), the load balancer's per-target request counts
 * and the emulator's delivery log and registrations; never log text. "Nothing more arrived" is read
 * from a settled execution list (N8nClient.settledExecutions), never after a fixed sleep.
 *
 * Acknowledge "When the Workflow Has Finished" in queue mode (last describe): Adobe's 2xx leaves the
 * webhook processor only after the worker finished the execution; a failing workflow → 5xx and
 * Adobe's retry runs; a worker killed mid-execution → no 2xx for that attempt, and the event runs again.
 */
import { randomUUID } from 'node:crypto';
import { outputItems, type N8nCredentialRef, type N8nExecution } from '../../scripts/n8n/n8n-api';
import {
	codeNode,
	emulatorCredentialData,
	journalWorkflow,
	plainWebhookWorkflow,
	TRIGGER_NAME,
	JOURNAL_NAME,
	waitNode,
	watchEventsWorkflow,
	webhookUrls,
} from '../../scripts/n8n/workflows';
import { CREDENTIAL_TYPE } from '../../scripts/n8n/stack';
import { startQueueStack, type QueueStack } from '../../scripts/queue/queue-stack';

const PROVIDER_ID = '3a8a6f0e-7c5d-4b1f-9e2a-cc0a55e7e001'; // emulator catalogue: Creative Cloud Asset Events
const CODE_SINGLE = 'com.adobe.platform.events.file_created';
const CODE_BATCH = 'com.adobe.platform.events.file_updated';

function log(message: string): void {
	if (process.env.E2E_VERBOSE === '1') process.stderr.write(`[e2e-queue] ${message}\n`);
}

function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

async function eventually<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs = 60_000, intervalMs = 300): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	let lastError: unknown;
	for (;;) {
		try {
			const value = await fn();
			if (value !== undefined) return value;
		} catch (error) {
			lastError = error;
		}
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${lastError ? `: ${String(lastError)}` : ''}`);
		await sleep(intervalMs);
	}
}

interface EmulatorRegistration {
	id: number;
	registration_id: string;
	name: string;
	webhook_url?: string;
	delivery_type: string;
	webhook_status: string;
	challenge?: unknown;
	journal?: { url?: string; count?: number; [key: string]: unknown };
}

interface DeliveryRecord {
	delivery_id: string;
	registration_id: string;
	url: string;
	event_ids: string[];
	batch_size: number;
	retry_count: number;
	status: number | null;
	error?: string;
	outcome: string;
	/** emulator clock at the attempt's start */
	time: string;
	/** wall-clock ms until the answer (or the error) */
	duration_ms: number;
}

describe('n8n queue mode: main + webhook processor + 2 workers', () => {
	let q: QueueStack;
	let credential: N8nCredentialRef;

	const control = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
		const res = await fetch(`${q.emulator!.urls.control}${path}`, {
			method,
			headers: body === undefined ? {} : { 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await res.text();
		if (!res.ok) throw new Error(`emulator ${method} ${path} → ${res.status}: ${text}`);
		return JSON.parse(text) as T;
	};
	const registrations = async (): Promise<EmulatorRegistration[]> =>
		(await control<{ registrations: EmulatorRegistration[] }>('GET', '/registrations')).registrations;
	const deliveries = async (registrationId: string): Promise<DeliveryRecord[]> =>
		(await control<{ deliveries: DeliveryRecord[] }>('GET', `/deliveries?registration_id=${registrationId}`)).deliveries;
	const emit = async (eventCode: string, count: number): Promise<string[]> =>
		(
			await control<{ event_ids: string[] }>('POST', '/events', {
				provider_id: PROVIDER_ID,
				event_code: eventCode,
				count,
				wait: true,
			})
		).event_ids;
	const staticData = (workflowId: string): Record<string, unknown> => {
		const raw = q.postgres.query(`SELECT "staticData" FROM workflow_entity WHERE id = '${workflowId.replace(/'/g, "''")}'`).trim();
		return raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
	};
	/** Every execution of the workflow was run by a worker (Bull job finished by a `worker-…` host). */
	const expectRunByWorkers = async (executions: N8nExecution[]): Promise<Set<string>> => {
		const jobs = await eventually('the Bull jobs of the executions', async () => {
			const all = await q.completedJobs();
			const byExecution = new Map(all.map((j) => [j.executionId, j]));
			return executions.every((e) => byExecution.get(String(e.id))?.workerId) ? byExecution : undefined;
		});
		const workers = new Set<string>();
		for (const execution of executions) {
			const job = jobs.get(String(execution.id))!;
			expect(job.workerId).toMatch(/^worker-/);
			expect(job.success).toBe(true);
			workers.add(job.workerId!);
		}
		return workers;
	};
	/** "Nothing more may arrive": the settled execution list (N8nClient.settledExecutions), never a fixed sleep. */
	const settled = async (workflowId: string): Promise<N8nExecution[]> =>
		await q.main.client.settledExecutions(workflowId, { includeData: true, quietMs: 1000, timeoutMs: 90_000 });
	/** Event IDs of all items the trigger produced across the executions. */
	const eventIdsOf = (executions: N8nExecution[], nodeName: string): string[] =>
		executions.flatMap((e) => outputItems(e, nodeName).map((item) => String(item.eventid ?? item.event_id)));

	beforeAll(async () => {
		q = await startQueueStack({
			tarball: process.env.ADOBE_E2E_TARBALL,
			keepWorkDir: process.env.E2E_KEEP === '1',
			log,
		});
		credential = await q.main.client.createCredential('Adobe (emulator)', CREDENTIAL_TYPE, emulatorCredentialData(q.emulator!));
	}, 300_000);

	afterAll(async () => {
		await q?.stop();
	}, 120_000);

	it('runs a plain n8n Webhook workflow through the webhook processor and a worker', async () => {
		const path = `queue-${randomUUID()}`;
		const workflow = await q.main.client.createWorkflow(plainWebhookWorkflow('queue plain webhook', path));
		await q.main.client.makeLive(workflow.id);
		const url = `${q.webhookBaseUrl}/webhook/${path}`;
		await eventually(`${url} to accept`, async () => {
			const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"hello":"queue"}' });
			await res.arrayBuffer();
			return res.status === 200 ? true : undefined;
		});
		// The main process serves no production webhooks in this topology.
		const onMain = await fetch(`${q.main.n8nUrl}/webhook/${path}`, { method: 'POST', body: '{}' });
		await onMain.arrayBuffer();
		expect(onMain.status).not.toBe(200);

		const executions = await q.main.client.waitForExecutions(workflow.id, 1);
		expect(executions).toHaveLength(1);
		expect(executions[0].status).toBe('success');
		await expectRunByWorkers(executions);
		await q.main.client.takeOffline(workflow.id);
	});

	describe('Watch Events trigger', () => {
		let single: { id: string; url: string; registrationId: string };
		let batch: { id: string; url: string; registrationId: string };
		let journal: { id: string };
		let seqBefore = 0;

		// Output → Full on every trigger here: the assertions read the CloudEvent (`eventid`, `data`), and the default of
		// new Watch Events nodes (typeVersion 2) is Simplified (`eventId`, no `data`).
		const publishTrigger = async (name: string, parameters: Record<string, unknown>): Promise<{ id: string; url: string; registrationId: string }> => {
			const { workflow, webhookId } = watchEventsWorkflow({ name, credential, triggerParameters: { output: 'full', ...parameters } });
			const created = await q.main.client.createWorkflow(workflow);
			const url = webhookUrls(q.webhookBaseUrl, webhookId).production;
			await q.main.client.makeLive(created.id);
			const registration = await eventually(`the Adobe registration for ${name}`, async () =>
				(await registrations()).find((r) => r.webhook_url === url && r.webhook_status === 'verified'),
			);
			return { id: created.id, url, registrationId: registration.registration_id };
		};

		beforeAll(async () => {
			seqBefore = Math.max(0, ...(await registrations()).map((r) => r.id));
			[single, batch] = await Promise.all([
				publishTrigger('queue single', {
					providerId: { __rl: true, mode: 'id', value: PROVIDER_ID },
					eventCodes: [CODE_SINGLE],
					deliveryType: 'webhook',
				}),
				publishTrigger('queue batch', {
					providerId: { __rl: true, mode: 'id', value: PROVIDER_ID },
					eventCodes: [CODE_BATCH],
					deliveryType: 'webhook_batch',
				}),
			]);
			const journalWf = await q.main.client.createWorkflow(
				journalWorkflow({
					name: 'queue journal',
					credential,
					parameters: {
						registrationSource: 'existing',
						registrationId: { __rl: true, mode: 'id', value: single.registrationId },
						startFrom: 'oldest',
						output: 'full',
						pollTimes: { item: [{ mode: 'everyMinute' }] },
					},
				}),
			);
			await q.main.client.makeLive(journalWf.id);
			journal = { id: journalWf.id };
		}, 120_000);

		it('publish: the leader creates each registration once; the webhook processor answers the challenge; the id is in static data', async () => {
			const all = await registrations();
			const mine = all.filter((r) => r.id > seqBefore).map((r) => r.id).sort((a, b) => a - b);
			// Exactly two registrations were created (the emulator numbers them consecutively: none
			// was created and removed in between), the journal trigger reuses an existing one.
			expect(mine).toHaveLength(2);
			expect(mine[1] - mine[0]).toBe(1);
			for (const wf of [single, batch]) {
				const reg = all.find((r) => r.registration_id === wf.registrationId)!;
				expect(reg.webhook_url).toBe(wf.url);
				expect(reg.webhook_url!.startsWith(q.webhookBaseUrl)).toBe(true);
				expect(reg.webhook_status).toBe('verified');
				expect(JSON.stringify(staticData(wf.id))).toContain(wf.registrationId);
			}
			expect(all.find((r) => r.registration_id === batch.registrationId)!.delivery_type).toBe('webhook_batch');

			// The challenge, answered by the webhook processor (the only process serving the URL).
			const challenge = randomUUID();
			const res = await fetch(`${single.url}?challenge=${challenge}`);
			expect(res.status).toBe(200);
			expect(await res.json()).toEqual({ challenge });
		});

		it('single deliveries: every accepted delivery yields exactly one execution, run by a worker', async () => {
			const onWebhookProcessor = q.balancer.counts()[q.webhook.url] ?? 0;
			const ids = await emit(CODE_SINGLE, 12);
			// The load balancer sent every delivery to the webhook processor.
			expect((q.balancer.counts()[q.webhook.url] ?? 0) - onWebhookProcessor).toBe(12);
			const delivered = (await deliveries(single.registrationId)).filter((d) => d.event_ids.some((id) => ids.includes(id)));
			expect(delivered).toHaveLength(12);
			for (const d of delivered) {
				expect(d.status).toBe(200);
				expect(d.outcome).toBe('delivered');
			}
			const executions = await q.main.client.waitForExecutions(single.id, 12, { timeoutMs: 90_000 });
			const all = await settled(single.id); // nothing more may arrive
			expect(all).toHaveLength(12);
			expect(executions.every((e) => e.status === 'success' && e.mode === 'webhook')).toBe(true);
			expect(eventIdsOf(all, TRIGGER_NAME).sort()).toEqual([...ids].sort());
			const workers = await expectRunByWorkers(all);
			log(`12 executions ran on ${workers.size} worker(s): ${[...workers].join(', ')}`);
		});

		it('batch deliveries: one execution per accepted batch, one item per event', async () => {
			const ids = await emit(CODE_BATCH, 7);
			await control('POST', '/idle');
			const delivered = (await deliveries(batch.registrationId)).filter((d) => d.event_ids.some((id) => ids.includes(id)));
			expect(delivered.length).toBeGreaterThanOrEqual(1);
			expect(delivered.every((d) => d.status === 200 && d.outcome === 'delivered')).toBe(true);
			expect(delivered.reduce((n, d) => n + d.batch_size, 0)).toBe(7);
			await q.main.client.waitForExecutions(batch.id, delivered.length, { timeoutMs: 90_000 });
			const all = await settled(batch.id);
			expect(all).toHaveLength(delivered.length);
			expect(eventIdsOf(all, TRIGGER_NAME).sort()).toEqual([...ids].sort());
			await expectRunByWorkers(all);
		});

		it('forged deliveries are refused by the webhook processor and start nothing; a replay is de-duplicated there', async () => {
			const before = (await settled(single.id)).length;
			const signed = await control<{ body: string; headers: Record<string, string> }>('POST', '/sign', {
				event: {
					specversion: '1.0',
					id: randomUUID(),
					source: `urn:uuid:${PROVIDER_ID}`,
					type: CODE_SINGLE,
					datacontenttype: 'application/json',
					data: { path: '/replayed.psd' },
				},
			});
			const post = async (body: string, headers: Record<string, string>): Promise<number> => {
				const res = await fetch(single.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
				await res.arrayBuffer();
				return res.status;
			};
			// Forged: tampered bytes, no signatures, signatures of another body.
			expect(await post(signed.body.replace('replayed', 'Replayed'), signed.headers)).toBe(401);
			const unsigned = Object.fromEntries(Object.entries(signed.headers).filter(([k]) => !k.startsWith('x-adobe-digital')));
			expect(await post(signed.body, { ...unsigned, 'x-adobe-signature': 'AAAA' })).toBe(401);

			// The genuine delivery, then the same bytes again, five times at once (Adobe retries).
			expect(await post(signed.body, signed.headers)).toBe(200);
			const replays = await Promise.all(Array.from({ length: 5 }, async () => await post(signed.body, signed.headers)));
			expect(replays).toEqual([200, 200, 200, 200, 200]);

			await q.main.client.waitForExecutions(single.id, before + 1);
			const all = await settled(single.id);
			expect(all).toHaveLength(before + 1);
			const eventid = (JSON.parse(signed.body) as { eventid: string }).eventid;
			expect(eventIdsOf(all, TRIGGER_NAME).filter((id) => id === eventid)).toHaveLength(1);
		});

		it('Redis hangs while a delivery is in flight: Adobe times out and retries, the event runs exactly once', async () => {
			const before = (await settled(single.id)).length;
			const signed = await control<{ body: string; headers: Record<string, string> }>('POST', '/sign', {
				event: { specversion: '1.0', id: randomUUID(), source: `urn:uuid:${PROVIDER_ID}`, type: CODE_SINGLE, data: { path: '/frozen.psd' } },
			});
			const eventid = (JSON.parse(signed.body) as { eventid: string }).eventid;
			const deliver = async (timeoutMs: number): Promise<number | 'timeout'> => {
				try {
					const res = await fetch(single.url, {
						method: 'POST',
						headers: { 'content-type': 'application/json', ...signed.headers },
						body: signed.body,
						signal: AbortSignal.timeout(timeoutMs),
					});
					await res.arrayBuffer();
					return res.status;
				} catch {
					return 'timeout';
				}
			};
			q.redis.freeze();
			try {
				// Adobe gives up after 10 s: the webhook processor cannot queue the execution meanwhile.
				expect(await deliver(10_000)).toBe('timeout');
			} finally {
				q.redis.thaw();
			}
			await sleep(2000);
			// Adobe's retry: acknowledged; whichever attempt got queued, the event runs once.
			expect(await deliver(30_000)).toBe(200);
			await q.main.client.waitForExecutions(single.id, before + 1, { timeoutMs: 60_000 });
			const all = await settled(single.id);
			expect(all).toHaveLength(before + 1);
			expect(eventIdsOf(all, TRIGGER_NAME).filter((id) => id === eventid)).toHaveLength(1);
			expect([q.webhook, ...q.workers].every((p) => p.process.running)).toBe(true);
		}, 120_000);

		it('"Listen for test event": main serves /webhook-test/, the sample event starts a manual execution on a worker, the test registration is removed', async () => {
			const { workflow, webhookId } = watchEventsWorkflow({
				name: 'queue listen',
				credential,
				triggerParameters: {
					providerId: { __rl: true, mode: 'id', value: PROVIDER_ID },
					eventCodes: ['com.adobe.platform.events.file_copied'],
					output: 'full',
				},
			});
			const created = await q.main.client.createWorkflow(workflow);
			const urls = webhookUrls(q.webhookBaseUrl, webhookId);
			const listening = await q.main.client.runManually(created.id, TRIGGER_NAME);
			expect(listening.waitingForWebhook).toBe(true);
			// create() registered the test URL (challenge through the load balancer to main) and asked Adobe
			// for the sample event, which ends the test with one manual execution.
			const manual = await eventually(
				'the manual test execution',
				async () => {
					const list = (await q.main.client.listExecutions(created.id, { includeData: true })).filter(
						(e) => e.mode === 'manual' && e.status === 'success',
					);
					return list.length > 0 ? list : undefined;
				},
				90_000,
			);
			expect(manual).toHaveLength(1);
			expect(outputItems(manual[0], TRIGGER_NAME)).toHaveLength(1);
			await expectRunByWorkers(manual);
			const toTest = (await control<{ deliveries: DeliveryRecord[] }>('GET', '/deliveries')).deliveries.filter((d) => d.url === urls.test);
			expect(toTest.map((d) => d.status)).toEqual([200]);
			await eventually('the test registration to be removed', async () =>
				(await registrations()).some((r) => r.webhook_url === urls.test) ? undefined : true,
			);
			expect((await registrations()).some((r) => r.webhook_url === urls.production)).toBe(false);
		}, 150_000);

		it('journal trigger: polls on the main, runs on workers, keeps its cursor in static data (no repeats)', async () => {
			// n8n polls at most once a minute: the journal workflow was published in beforeAll, so its
			// first poll overlaps the tests above. It reads the single registration's journal from the oldest
			// event: everything Adobe sent there (not the hand-signed replay, which Adobe never journaled).
			const expected = [...new Set((await deliveries(single.registrationId)).flatMap((d) => d.event_ids))];
			expect(expected.length).toBeGreaterThanOrEqual(12);
			const journalIdsOf = async (): Promise<{ executions: N8nExecution[]; ids: string[] }> => {
				const executions = await q.main.client.listExecutions(journal.id, { includeData: true });
				return { executions, ids: eventIdsOf(executions, JOURNAL_NAME) };
			};
			const first = await eventually(
				'the journal trigger to read the whole journal',
				async () => {
					const got = await journalIdsOf();
					return expected.every((id) => got.ids.includes(id)) ? got : undefined;
				},
				150_000,
				1000,
			);
			expect(first.executions.every((e) => e.status === 'success' && e.mode === 'trigger')).toBe(true);
			await expectRunByWorkers(first.executions);
			expect(staticData(journal.id)).not.toEqual({});

			// The next poll (a minute later, in a new execution) brings exactly the two new events.
			const more = await emit(CODE_SINGLE, 2);
			const pollsBefore = first.executions.length;
			const next = await eventually(
				'the two new journal events',
				async () => {
					const got = await journalIdsOf();
					return more.every((id) => got.ids.includes(id)) ? got : undefined;
				},
				150_000,
				1000,
			);
			expect(next.executions.length).toBeGreaterThan(pollsBefore);
			log(`journal: ${next.executions.length} poll execution(s), ${next.ids.length} events`);
			expect(next.ids).toHaveLength(new Set(next.ids).size);
			expect([...next.ids].sort()).toEqual([...expected, ...more].sort());
			await expectRunByWorkers(next.executions);
			await q.main.client.takeOffline(journal.id);
		}, 330_000);

		it('main restart: webhook processor and workers keep delivering; the new leader adopts the registrations, creates none', async () => {
			const before = (await registrations()).filter((r) => r.id > seqBefore).map((r) => `${r.id}:${r.registration_id}`).sort();
			const executionsBefore = (await q.main.client.listExecutions(single.id)).length;
			await q.main.stopN8n();
			// Main is down: Adobe still reaches the webhook processor, the workers still execute.
			const ids = await emit(CODE_SINGLE, 3);
			const delivered = (await deliveries(single.registrationId)).filter((d) => d.event_ids.some((id) => ids.includes(id)));
			expect(delivered.map((d) => d.status)).toEqual([200, 200, 200]);
			await q.main.startN8n();
			const executions = await q.main.client.waitForExecutions(single.id, executionsBefore + 3, { timeoutMs: 60_000 });
			expect(eventIdsOf(executions, TRIGGER_NAME)).toEqual(expect.arrayContaining(ids));
			// Start-up runs checkExists on the leader: same registrations, nothing new.
			await sleep(3000);
			const after = (await registrations()).filter((r) => r.id > seqBefore).map((r) => `${r.id}:${r.registration_id}`).sort();
			expect(after).toEqual(before);
		}, 180_000);

		it('several webhook processors: the dedupe window is per process; Remove Duplicates (on the workers) covers them all', async () => {
			const second = await q.addWebhookProcessor();
			const { workflow, webhookId } = watchEventsWorkflow({
				name: 'queue remove duplicates',
				credential,
				triggerParameters: {
					providerId: { __rl: true, mode: 'id', value: PROVIDER_ID },
					eventCodes: ['com.adobe.platform.events.file_deleted'],
					output: 'full',
				},
				withSetNode: false,
			});
			workflow.nodes.push({
				id: randomUUID(),
				name: 'Remove Duplicates',
				type: 'n8n-nodes-base.removeDuplicates',
				typeVersion: 2,
				position: [260, 0],
				parameters: {
					operation: 'removeItemsSeenInPreviousExecutions',
					logic: 'removeItemsWithAlreadySeenKeyValues',
					dedupeValue: '={{ $json.eventid }}',
					options: { scope: 'workflow' },
				},
			});
			workflow.connections = { [TRIGGER_NAME]: { main: [[{ node: 'Remove Duplicates', type: 'main', index: 0 }]] } };
			const created = await q.main.client.createWorkflow(workflow);
			await q.main.client.makeLive(created.id);
			const url = webhookUrls(q.webhookBaseUrl, webhookId).production;
			const registration = await eventually('the registration', async () =>
				(await registrations()).find((r) => r.webhook_url === url && r.webhook_status === 'verified'),
			);
			const signed = await control<{ body: string; headers: Record<string, string> }>('POST', '/sign', {
				event: {
					specversion: '1.0',
					id: randomUUID(),
					source: `urn:uuid:${PROVIDER_ID}`,
					type: 'com.adobe.platform.events.file_deleted',
					data: { path: '/twice.psd' },
				},
			});
			const eventid = (JSON.parse(signed.body) as { eventid: string }).eventid;
			const post = async (base: string): Promise<number> => {
				const res = await fetch(`${base}/webhook/${webhookId}/webhook`, {
					method: 'POST',
					headers: { 'content-type': 'application/json', ...signed.headers },
					body: signed.body,
				});
				await res.arrayBuffer();
				return res.status;
			};
			await eventually('the second webhook processor to serve the URL', async () => ((await post(second.url)) === 200 ? true : undefined));
			await q.main.client.waitForExecutions(created.id, 1);
			expect(await post(q.webhook.url)).toBe(200); // first webhook processor: a new event for its window
			expect(await post(q.webhook.url)).toBe(200); // … now a duplicate there: no execution
			expect(await post(second.url)).toBe(200); // duplicate in the second one's window too
			await q.main.client.waitForExecutions(created.id, 2);
			const executions = await settled(created.id);
			// One execution per process that saw the event (the windows are not shared) …
			expect(executions).toHaveLength(2);
			expect(eventIdsOf(executions, TRIGGER_NAME)).toEqual([eventid, eventid]);
			// … but Remove Duplicates, backed by the shared database, passed the event on exactly once.
			expect(eventIdsOf(executions, 'Remove Duplicates')).toEqual([eventid]);
			await expectRunByWorkers(executions);

			await q.main.client.takeOffline(created.id);
			await eventually('its registration to be deleted', async () =>
				(await registrations()).some((r) => r.registration_id === registration.registration_id) ? undefined : true,
			);
		}, 180_000);

		it('registrations stay single while the leader reconciles, and unpublish deletes them once', async () => {
			const all = await registrations();
			expect(all.filter((r) => r.id > seqBefore).map((r) => r.registration_id).sort()).toEqual(
				[single.registrationId, batch.registrationId].sort(),
			);
			await q.main.client.takeOffline(single.id);
			await q.main.client.takeOffline(batch.id);
			await eventually('both registrations to be deleted', async () => {
				const left = await registrations();
				return left.some((r) => r.registration_id === single.registrationId || r.registration_id === batch.registrationId)
					? undefined
					: true;
			});
			await eventually('the webhook processor to stop serving the URL', async () => {
				const res = await fetch(single.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
				await res.arrayBuffer();
				return res.status === 404 ? true : undefined;
			});
			for (const wf of [single, batch]) expect(JSON.stringify(staticData(wf.id))).not.toContain(wf.registrationId);
			// Nothing of ours is left in Adobe.
			expect((await registrations()).filter((r) => r.id > seqBefore)).toEqual([]);
		});
	});

	describe('Acknowledge: When the Workflow Has Finished — the webhook processor answers Adobe when the worker is done', () => {
		const CODE_FINISHED = 'com.adobe.platform.events.file_moved';
		const CODE_FAILS = 'com.adobe.platform.events.directory_created';
		const WAIT_NAME = 'Work';
		const FAIL_NAME = 'Fails on the First Attempt';
		interface Published {
			id: string;
			url: string;
			registrationId: string;
		}
		let finished: Published;
		let failing: Published;

		const publishWhenFinished = async (name: string, eventCode: string, steps: Parameters<typeof watchEventsWorkflow>[0]['steps']): Promise<Published> => {
			const { workflow, webhookId } = watchEventsWorkflow({
				name,
				credential,
				triggerParameters: {
					providerId: { __rl: true, mode: 'id', value: PROVIDER_ID },
					eventCodes: [eventCode],
					output: 'full',
					options: { acknowledge: 'whenFinished', includeDeliveryMetadata: true },
				},
				steps,
			});
			const created = await q.main.client.createWorkflow(workflow);
			const url = webhookUrls(q.webhookBaseUrl, webhookId, 'webhook-finished').production;
			await q.main.client.makeLive(created.id);
			const registration = await eventually(`the Adobe registration for ${name}`, async () =>
				(await registrations()).find((r) => r.webhook_url === url && r.webhook_status === 'verified'),
			);
			return { id: created.id, url, registrationId: registration.registration_id };
		};
		const emitOne = async (eventCode: string, data: unknown, wait: boolean): Promise<string> =>
			(await control<{ event_ids: string[] }>('POST', '/events', { provider_id: PROVIDER_ID, event_code: eventCode, count: 1, data, wait })).event_ids[0];
		const attemptsOf = async (p: Published, eventId: string): Promise<DeliveryRecord[]> =>
			(await deliveries(p.registrationId)).filter((d) => d.event_ids.includes(eventId));
		/** Wall-clock end of an attempt (`time` is on the emulator clock, `duration_ms` is wall-clock). */
		const endOf = async (d: DeliveryRecord): Promise<number> => {
			const clock = await control<{ mode: string; nowMs: number }>('GET', '/clock');
			expect(clock.mode).toBe('real');
			return Date.parse(d.time) - (clock.nowMs - Date.now()) + d.duration_ms;
		};
		const deliveryIdOf = (execution: N8nExecution): unknown =>
			(outputItems(execution, TRIGGER_NAME)[0]?._delivery as Record<string, unknown> | undefined)?.deliveryId;
		/** Every execution was taken by a worker (its Bull job finished on a `worker-…` host), whatever its outcome. */
		const expectTakenByWorkers = async (executions: N8nExecution[]): Promise<void> => {
			const jobs = await eventually('the Bull jobs of the executions', async () => {
				const byExecution = new Map((await q.completedJobs()).map((j) => [j.executionId, j]));
				return executions.every((e) => byExecution.get(String(e.id))?.workerId) ? byExecution : undefined;
			});
			for (const execution of executions) expect(jobs.get(String(execution.id))?.workerId).toMatch(/^worker-/);
		};
		const workerReady = async (url: string): Promise<boolean | undefined> => {
			try {
				const res = await fetch(`${url}/healthz/readiness`, { signal: AbortSignal.timeout(2_000) });
				await res.arrayBuffer();
				return res.status === 200 ? true : undefined;
			} catch {
				return undefined;
			}
		};

		beforeAll(async () => {
			finished = await publishWhenFinished('queue when finished', CODE_FINISHED, [waitNode(WAIT_NAME, [260, 0], '={{ $json.data.seconds }}')]);
			failing = await publishWhenFinished('queue when finished, fails first', CODE_FAILS, [
				codeNode(FAIL_NAME, [260, 0], "const d = $input.first().json._delivery;\nif (d.retryCount === 0) throw new Error('first attempt fails on purpose');\nreturn $input.all();"),
			]);
		}, 120_000);

		afterAll(async () => {
			await control('POST', '/clock', { mode: 'real' }).catch(() => undefined);
			for (const p of [finished, failing]) if (p) await q.main.client.takeOffline(p.id).catch(() => undefined);
		});

		it('success: Adobe gets its 200 only after the worker finished the execution (a 2 s Wait), one execution', async () => {
			const eventId = await emitOne(CODE_FINISHED, { seconds: 2 }, true);
			const [attempt, ...more] = await attemptsOf(finished, eventId);
			expect(more).toEqual([]);
			expect([attempt.status, attempt.outcome, attempt.retry_count]).toEqual([200, 'delivered', 0]);
			const executions = await settled(finished.id);
			expect(executions).toHaveLength(1);
			const [execution] = executions;
			expect(execution.status).toBe('success');
			expect(outputItems(execution, TRIGGER_NAME).map((item) => item.eventid)).toEqual([eventId]);
			expect(deliveryIdOf(execution)).toBe(attempt.delivery_id);
			expect(outputItems(execution, WAIT_NAME)).toHaveLength(1);
			await expectRunByWorkers(executions);
			// The connection stayed open for the run: the answer took at least the Wait's 2 s and left the webhook
			// processor after the worker had stopped the execution.
			expect(attempt.duration_ms).toBeGreaterThanOrEqual(2_000);
			expect(await endOf(attempt)).toBeGreaterThanOrEqual(Date.parse(String(execution.stoppedAt)));
		});

		it('a failing workflow → 5xx to Adobe, Adobe retries, the retry runs on a worker: one error + one success', async () => {
			await control('POST', '/clock', { mode: 'manual' });
			try {
				const eventId = await emitOne(CODE_FAILS, undefined, true);
				expect((await attemptsOf(failing, eventId)).map((d) => [d.status, d.outcome, d.retry_count])).toEqual([[500, 'retry_scheduled', 0]]);
				await control('POST', '/clock/advance', { minutes: 1 });
				await control('POST', '/idle');
				const attempts = await attemptsOf(failing, eventId);
				expect(attempts.map((d) => [d.status, d.outcome, d.retry_count])).toEqual([
					[500, 'retry_scheduled', 0],
					[200, 'delivered', 1],
				]);
				const executions = await settled(failing.id);
				expect(executions.map((e) => e.status)).toEqual(['error', 'success']);
				expect(executions.map(deliveryIdOf)).toEqual(attempts.map((d) => d.delivery_id));
				for (const execution of executions) expect(outputItems(execution, TRIGGER_NAME).map((item) => item.eventid)).toEqual([eventId]);
				expect(outputItems(executions[1], FAIL_NAME).map((item) => item.eventid)).toEqual([eventId]);
				await expectTakenByWorkers(executions);
			} finally {
				await control('POST', '/clock', { mode: 'real' });
			}
		});

		it('a worker killed mid-execution: Adobe gets no 2xx for that attempt, and the event runs again', async () => {
			const [one, two] = q.workers;
			await control('POST', '/clock', { mode: 'manual' });
			// One worker left, so the execution's worker is known.
			await two.process.stop(15_000);
			try {
				const eventId = await emitOne(CODE_FINISHED, { seconds: 6 }, false);
				await eventually(
					'the execution to run on the remaining worker',
					async () => ((await q.main.client.listExecutions(finished.id, { status: 'running' })).length ? true : undefined),
					30_000,
					100,
				);
				await one.process.kill();
				// Adobe's attempt ends without a 2xx: the webhook processor had nothing to answer when Adobe gave up.
				await control('POST', '/idle');
				const [first, ...others] = await attemptsOf(finished, eventId);
				expect(others).toEqual([]);
				log(`worker killed mid-execution: Adobe's attempt ended ${first.status ?? first.error} after ${first.duration_ms} ms (${first.outcome})`);
				expect(first.status === null || first.status >= 500).toBe(true);
				expect(first.outcome).toBe('retry_scheduled');

				// Workers back; Adobe's retries run on its clock until one is answered 2xx.
				one.process.start();
				two.process.start();
				await eventually('the workers to be ready again', async () => ((await workerReady(one.url)) && (await workerReady(two.url)) ? true : undefined), 180_000, 500);
				const attempts = await eventually(
					'an attempt answered 2xx',
					async () => {
						await control('POST', '/clock/advance', { minutes: 15 });
						await control('POST', '/idle');
						const list = await attemptsOf(finished, eventId);
						return list.some((d) => d.status !== null && d.status >= 200 && d.status < 300) ? list : undefined;
					},
					180_000,
					1_000,
				);
				log(`attempts: ${attempts.map((d) => `#${d.retry_count} ${d.status ?? d.error} ${d.outcome}`).join(', ')}`);
				// The event ran again: a successful execution holds it, started after the kill.
				const executions = await eventually('a successful execution of the event', async () => {
					const list = await q.main.client.listExecutions(finished.id, { includeData: true });
					const mine = list.filter((e) => JSON.stringify(e.data ?? {}).includes(eventId));
					return mine.some((e) => e.status === 'success') ? mine : undefined;
				}, 120_000, 1_000);
				const byAttempt = executions.map((e) => `${e.id} ${e.status} from attempt #${attempts.find((d) => d.delivery_id === deliveryIdOf(e))?.retry_count ?? '?'}`);
				log(`executions holding the event: ${byAttempt.join(', ')}`);
				const successes = executions.filter((e) => e.status === 'success');
				expect(successes.length).toBeGreaterThanOrEqual(1);
				for (const e of successes) expect(outputItems(e, TRIGGER_NAME).map((item) => item.eventid)).toEqual([eventId]);
				await expectRunByWorkers(successes);
			} finally {
				await control('POST', '/clock', { mode: 'real' });
				for (const w of [one, two]) if (!w.process.running) w.process.start();
			}
		}, 600_000);
	});
});
