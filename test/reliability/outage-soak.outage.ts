/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test code: runs outside n8n, needs process (env, stderr), timers, node:http (the user's system), node:fs (n8n's log) and child_process (n8n's own SQLite driver reads its database) */
/**
 * Outage soak (issue 23): does an event survive every kind of n8n outage, with the journal as the safety
 * net of the Watch Events trigger?
 *
 * One real n8n with the packed package and the Adobe emulator beside it with Adobe's retry schedule and
 * health states on its MANUAL clock (the soak moves it: one emulated minute per real second while n8n
 * runs, hours at a time while it is down). The template examples/never-miss-an-event.json imported twice
 * as a user would fill it in — One Event per Request and Batches of Events — with Process Event pointed at
 * a local HTTP server (the user's system, answering after 0–1.5 s so that executions are running when n8n
 * dies) and the Journal Trigger's Delay at 30 s. A stream of single and batch events goes to both, and in
 * ONE run n8n goes through:
 *
 * (a) startup404 — stopped and started again, with no readiness gate in front: while n8n starts it
 *     answers 404 to webhooks it has not mounted yet, and Adobe drops those events for good;
 * (b) disabled — down for longer than Adobe's 24 hours of retries (emulated): Adobe gives up on the
 *     events it was retrying, marks the registrations UNSTABLE and then DISABLED and stops delivering;
 *     n8n starts again and the Watch Events trigger re-enables them (and says so in n8n's log);
 * (c) crash — SIGKILL while executions run, with Acknowledge "When Queued": the events of those
 *     executions were acknowledged to Adobe and die with n8n.
 *
 * After each outage the stream pauses until both paths have settled (every event emitted so far reached
 * Process Event, or the journal path had time to cover it). At the end every event id is counted:
 *
 * - reached: Process Event sent it to the user's system (the receiver counts it);
 * - lost: never came out of Remove Duplicates (neither at the receiver nor in n8n's Remove Duplicates
 *   history) — the soak fails on any;
 * - an event that came out of Remove Duplicates in an execution n8n lost (crashed) before Process Event
 *   sent it — in n8n's Remove Duplicates history, never at the receiver — is reported per event
 *   (`diedAfterRemoveDuplicates`), not counted as lost: it reached the user's steps, which n8n does not re-run;
 * - duplicate: reached the user's system more than once — explained only when n8n's Remove Duplicates
 *   lost the record between two concurrent executions (read-modify-write without a lock, seen as
 *   overlapping Remove Duplicates runs of that workflow); the soak fails on any other.
 *
 * n8n's executions and its Remove Duplicates history are read from its own database (with the Node and the
 * SQLite driver n8n runs on), which also holds the executions the public API leaves out.
 *
 * The last line is a JSON summary. OUTAGE_SOAK=1 runs the long variant (two rounds of the three
 * outages, more events); OUTAGE_JOURNAL=off disables the Journal Trigger of both workflows (the positive
 * control: the soak must then report the events only the journal could bring, and fail).
 * RELIABILITY_KEEP=1 keeps n8n's folder and log; N8N_VERSION=1.123.81 runs n8n 1.x.
 */
import { createHash, randomInt, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

import { CC_PROVIDER_ID, control, waitForRegistrations } from '../../scripts/n8n/adobe-setup';
import type { EmulatorControl, EmulatorDelivery } from '../../scripts/n8n/emulator-control';
import type { N8nCredentialRef, N8nNode, N8nWorkflowInput } from '../../scripts/n8n/n8n-api';
import { readN8nDatabase } from '../../scripts/n8n/n8n-db';
import { CREDENTIAL_TYPE, PACKAGE_NAME, REPO_ROOT, startStack, type Stack } from '../../scripts/n8n/stack';
import { credentialType, emulatorCredentialData, webhookUrls } from '../../scripts/n8n/workflows';
import { sleep } from './wire';

const SOAK = process.env.OUTAGE_SOAK === '1';
const JOURNAL_OFF = process.env.OUTAGE_JOURNAL === 'off';

const BUDGET = {
	rounds: SOAK ? 2 : 1,
	/** the stream runs this long before each outage */
	runMs: SOAK ? 40_000 : 12_000,
	singleEveryMs: 1_000,
	batchEveryMs: 3_000,
	batchMax: SOAK ? 30 : 15,
	/** Journal Trigger → Delay, minutes (the template's 5 would make every settle wait 5 minutes) */
	delayMinutes: 0.5,
	/** how long a settle waits for the journal path at most (two polls after the Delay, and margin) */
	settleMs: 4 * 60_000,
	/** (b): emulated hours n8n stays down at least (Adobe retries for 24 h) and at most */
	downHoursMin: 26,
	downHoursMax: 80,
	/** (b): events per emulated hour while n8n is down, per workflow */
	downEventsPerHour: SOAK ? 4 : 2,
};

const TRIGGER = 'Adobe I/O Events Trigger';
const JOURNAL = 'Adobe I/O Events Journal Trigger';
const DEDUPE = 'Remove Duplicates';
const STEP = 'Process Event';
type Kind = 'single' | 'batch';
const KINDS: Kind[] = ['single', 'batch'];
const CODES: Record<Kind, string> = {
	single: 'com.adobe.platform.events.file_created',
	batch: 'com.adobe.platform.events.file_updated',
};

const log = (message: string): void => {
	process.stderr.write(`[outage] ${message}\n`);
};

interface Flow {
	kind: Kind;
	workflowId: string;
	webhookId: string;
	registrationId: string;
}

/** The user's system behind Process Event: counts every event id it receives; answers after 0–1.5 s. */
interface UserSystem {
	url: string;
	received: Map<string, number>;
	/** requests it holds right now (their executions are running) */
	inFlight: number;
	close(): Promise<void>;
}

async function startUserSystem(): Promise<UserSystem> {
	const system = { received: new Map<string, number>(), inFlight: 0 };
	const server: Server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			try {
				const id = String((JSON.parse(Buffer.concat(chunks).toString('utf8')) as { eventId?: unknown }).eventId);
				system.received.set(id, (system.received.get(id) ?? 0) + 1);
			} catch {
				// not an event: ignored
			}
			system.inFlight++;
			setTimeout(() => {
				system.inFlight--;
				res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
			}, randomInt(0, 1_501));
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/adobe-events`,
		get received() {
			return system.received;
		},
		get inFlight() {
			return system.inFlight;
		},
		close: async () => {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}

/** The template, filled in as a user would (credential, provider, event type, delivery, their URL, Delay). */
function fromTemplate(kind: Kind, credential: N8nCredentialRef, userUrl: string): { workflow: N8nWorkflowInput; webhookId: string } {
	const template = JSON.parse(readFileSync(join(REPO_ROOT, 'examples', 'never-miss-an-event.json'), 'utf8')) as N8nWorkflowInput;
	const webhookId = randomUUID();
	const nodes = template.nodes.map((original) => {
		const node = JSON.parse(JSON.stringify(original)) as N8nNode;
		if (node.type.startsWith(`${PACKAGE_NAME}.`)) node.credentials = { [CREDENTIAL_TYPE]: credential };
		if (node.name === TRIGGER) {
			node.webhookId = webhookId;
			node.parameters.providerId = { __rl: true, mode: 'id', value: CC_PROVIDER_ID };
			node.parameters.eventCodes = [CODES[kind]];
			node.parameters.deliveryType = kind === 'batch' ? 'webhook_batch' : 'webhook';
		}
		if (node.name === JOURNAL) {
			node.parameters.backupDelay = BUDGET.delayMinutes;
			if (JOURNAL_OFF) node.disabled = true;
		}
		if (node.name === STEP) node.parameters.url = userUrl;
		return node;
	});
	return { workflow: { name: `outage soak: ${kind}`, nodes, connections: template.connections, settings: template.settings }, webhookId };
}

/** n8n's Remove Duplicates history of a workflow (table processed_data): the hashes of the values it let through. */
function dedupeHistory(stack: Stack, workflowId: string): Set<string> {
	const values = readN8nDatabase<string[]>(
		stack,
		`emit((await all('SELECT value FROM processed_data WHERE workflowId = ?', [${JSON.stringify(workflowId)}])).map((r) => r.value));`,
	);
	const hashes = new Set<string>();
	for (const value of values) {
		const parsed = JSON.parse(value) as { data?: unknown };
		if (Array.isArray(parsed.data)) for (const h of parsed.data) hashes.add(String(h));
	}
	return hashes;
}

/** Executions of the workflows not finished yet (`new` or `running`). */
function unfinished(stack: Stack, workflowIds: string[]): number {
	return readN8nDatabase<number>(
		stack,
		`emit((await all("SELECT count(*) AS n FROM execution_entity WHERE status IN ('new', 'running') AND workflowId IN (${workflowIds.map(() => '?').join(',')})", ${JSON.stringify(workflowIds)}))[0].n);`,
	);
}

interface SavedExecution {
	id: string;
	workflowId: string;
	status: string;
	mode: string;
	/** per node: its runs (start, end, the event ids of its first output) */
	nodes: Record<string, Array<{ start: number; end: number; ids: string[] }>>;
}

/** Every execution of the workflows, with what the trigger, the journal trigger and Remove Duplicates output. */
function savedExecutions(stack: Stack, workflowIds: string[], nodes: string[]): SavedExecution[] {
	return readN8nDatabase<SavedExecution[]>(
		stack,
		`const rows = await all("SELECT e.id, e.workflowId, e.status, e.mode, d.data FROM execution_entity e LEFT JOIN execution_data d ON d.executionId = e.id WHERE e.workflowId IN (${workflowIds.map(() => '?').join(',')})", ${JSON.stringify(workflowIds)});
		emit(rows.map((row) => {
			const runData = row.data ? (parse(row.data).resultData || {}).runData || {} : {};
			const nodes = {};
			for (const name of ${JSON.stringify(nodes)}) {
				nodes[name] = (runData[name] || []).map((run) => ({
					start: run.startTime || 0,
					end: (run.startTime || 0) + (run.executionTime || 0),
					ids: (((run.data || {}).main || [])[0] || []).map((item) => String(item.json.eventid ?? item.json.event_id)),
				}));
			}
			return { id: String(row.id), workflowId: row.workflowId, status: row.status, mode: row.mode, nodes };
		}));`,
	);
}

/** Remove Duplicates' hash of a value (n8n's DeduplicationHelper.createValueHash). */
const dedupeHash = (value: string): string => createHash('md5').update(value).digest('base64');

interface RunOfNode {
	workflowId: string;
	executionId: string;
	mode: string;
	status: string;
	start: number;
	end: number;
	ids: string[];
}

describe(`outage soak: the Watch Events trigger with the journal as its safety net through n8n outages (${SOAK ? 'long' : 'fast'} variant${JOURNAL_OFF ? ', journal path OFF (positive control)' : ''})`, () => {
	let stack: Stack;
	let ctl: EmulatorControl;
	let user: UserSystem;
	const flows: Flow[] = [];
	const emitted = new Map<string, { kind: Kind; phase: string }>();
	let ticking = false;
	let ticker: Promise<void> = Promise.resolve();
	let streaming = false;
	let stream: Promise<void> = Promise.resolve();
	const outages = {
		startup404: { restarts: 0, dropped404: 0, droppedEvents: [] as string[] },
		disabled: { emulatedHoursDown: 0, health: [] as string[], retriesExhausted: 0, neverDelivered: 0, events: [] as string[], reEnabledLog: '', reEnabledAfterS: [] as number[] },
		crash: { kills: 0, runningAtKill: 0, requestsAtKill: 0, crashedExecutions: 0, events: [] as string[] },
	};
	let phase = 'warm-up';
	const started = Date.now();

	async function emit(kind: Kind, count: number): Promise<void> {
		const flow = flows.find((f) => f.kind === kind)!;
		const result = await ctl.emit({ eventCode: CODES[kind], count, registrationId: flow.registrationId, wait: false });
		for (const id of result.event_ids) emitted.set(id, { kind, phase });
	}

	/** The emulated clock while n8n runs: one minute per second (Adobe's retries come 60× faster). */
	function startTicker(): void {
		ticking = true;
		ticker = (async () => {
			while (ticking) {
				await ctl.advanceClock({ minutes: 1 });
				await sleep(1_000);
			}
		})();
	}
	async function stopTicker(): Promise<void> {
		ticking = false;
		await ticker;
	}

	function startStream(): void {
		streaming = true;
		stream = (async () => {
			let nextBatch = 0;
			while (streaming) {
				await emit('single', 1);
				if (Date.now() >= nextBatch) {
					await emit('batch', randomInt(1, BUDGET.batchMax + 1));
					nextBatch = Date.now() + BUDGET.batchEveryMs;
				}
				await sleep(BUDGET.singleEveryMs);
			}
		})();
	}
	async function stopStream(): Promise<void> {
		streaming = false;
		await stream;
	}

	function running(): number {
		return unfinished(
			stack,
			flows.map((flow) => flow.workflowId),
		);
	}

	/**
	 * Both paths settled: every event emitted so far reached the user's system, nothing runs and Adobe has
	 * nothing to retry — or the journal path had `settleMs` to cover what is missing (the audit counts it).
	 */
	async function settle(label: string): Promise<void> {
		const deadline = Date.now() + BUDGET.settleMs;
		for (;;) {
			const missing = [...emitted.keys()].filter((id) => !user.received.has(id));
			const pending = (await ctl.summary()).pending_retries;
			if (missing.length === 0 && pending === 0 && running() === 0) {
				log(`${label}: settled after ${Math.round((BUDGET.settleMs - (deadline - Date.now())) / 1000)} s (${emitted.size} events so far, all reached)`);
				return;
			}
			if (Date.now() > deadline) {
				log(`${label}: ${missing.length} events still missing after ${BUDGET.settleMs / 1000} s (${pending} Adobe retries pending); the audit counts them`);
				return;
			}
			await sleep(2_000);
		}
	}

	async function registrationHealth(): Promise<string[]> {
		const all = await ctl.registrations();
		return flows.map((flow) => String(all.find((r) => r.registration_id === flow.registrationId)?.health ?? 'gone'));
	}

	beforeAll(async () => {
		user = await startUserSystem();
		stack = await startStack({
			tarball: process.env.RELIABILITY_TARBALL,
			log,
			keepWorkDir: process.env.RELIABILITY_KEEP === '1',
			emulator: { clock: 'manual' },
		});
		ctl = control(stack);
		await ctl.config({ maxDeliveryRecords: 1_000_000 });
		const credential = await stack.client.createCredential('Adobe (emulator)', credentialType, emulatorCredentialData(stack.emulator!));
		for (const kind of KINDS) {
			const { workflow, webhookId } = fromTemplate(kind, credential, user.url);
			const created = await stack.client.createWorkflow(workflow);
			await stack.client.makeLive(created.id);
			const url = webhookUrls(stack.webhookBaseUrl, webhookId).production;
			const [registration] = await waitForRegistrations(ctl, url, (list) => list.length === 1 && list[0].webhook_status === 'verified');
			flows.push({ kind, workflowId: created.id, webhookId, registrationId: registration.registration_id });
		}
		startTicker();
	}, 900_000);

	afterAll(async () => {
		streaming = false;
		ticking = false;
		await Promise.allSettled([stream, ticker]);
		await stack?.stop();
		await user?.close();
	});

	async function outageStartup404(round: number): Promise<void> {
		phase = `startup404#${round}`;
		// n8n answers 404 while it starts; a restart whose start-up window Adobe did not hit proves nothing: again (at most 3).
		for (let attempt = 1; attempt <= 3; attempt++) {
			const before = new Set((await ctl.deliveries({ outcome: 'dropped' })).map((d) => d.delivery_id));
			await stack.stopN8n();
			await stack.startN8n();
			outages.startup404.restarts++;
			const dropped = (await ctl.deliveries({ outcome: 'dropped' })).filter((d) => !before.has(d.delivery_id) && d.status === 404);
			outages.startup404.dropped404 += dropped.length;
			outages.startup404.droppedEvents.push(...dropped.flatMap((d) => d.event_ids));
			log(`(a) restart ${attempt}: Adobe got ${dropped.length} start-up 404s (${dropped.reduce((n, d) => n + d.event_ids.length, 0)} events dropped)`);
			if (dropped.length > 0) return;
			await sleep(5_000);
		}
	}

	async function outageDisabled(round: number): Promise<void> {
		phase = `disabled#${round}`;
		await stopStream();
		await stopTicker();
		await stack.stopN8n();
		let hours = 0;
		let health = await registrationHealth();
		while (hours < BUDGET.downHoursMax && (hours < BUDGET.downHoursMin || health.some((h) => h !== 'DISABLED'))) {
			for (let i = 0; i < BUDGET.downEventsPerHour; i++) {
				await emit('single', 1);
				await emit('batch', randomInt(1, 4));
			}
			await ctl.advanceClock({ hours: 1 });
			hours++;
			health = await registrationHealth();
		}
		// and a few while the registrations are DISABLED: journaled only
		for (let i = 0; i < BUDGET.downEventsPerHour; i++) {
			await emit('single', 1);
			await emit('batch', randomInt(1, 4));
		}
		outages.disabled.emulatedHoursDown += hours;
		outages.disabled.health.push(...health);
		log(`(b) n8n down for ${hours} emulated hours; registrations: ${health.join(', ')}`);
		expect(health).toEqual(flows.map(() => 'DISABLED'));
		const back = Date.now();
		await stack.startN8n();
		startTicker();
		// n8n 1.x runs the Watch Events trigger's hooks when it starts (they re-enable the registration); n8n 2.x
		// does not (its webhooks count as registered), there the Journal Trigger's first polls do. Both log it.
		for (let i = 0; i < 180; i++) {
			if ((await registrationHealth()).every((h) => h === 'ACTIVE')) {
				outages.disabled.reEnabledAfterS.push(Math.round((Date.now() - back) / 1000));
				break;
			}
			await sleep(1_000);
		}
		const lines = readFileSync(stack.logFile, 'utf8').split('\n').filter((line) => line.includes('was DISABLED by Adobe'));
		outages.disabled.reEnabledLog = lines[lines.length - 1]?.replace(/^.*?Adobe I\/O Events: /, '') ?? '';
		log(`(b) registrations ${(await registrationHealth()).join(', ')} ${outages.disabled.reEnabledAfterS.length ? `(re-enabled ${outages.disabled.reEnabledAfterS.at(-1)} s after n8n started)` : ''}; n8n's log: ${outages.disabled.reEnabledLog || '(nothing)'}`);
		startStream();
	}

	async function outageCrash(round: number): Promise<void> {
		phase = `crash#${round}`;
		// SIGKILL while executions run (Process Event waits up to 1.5 s for the user's system).
		for (let i = 0; i < 50 && user.inFlight < 3; i++) await sleep(200);
		const runningNow = running();
		const inFlight = user.inFlight;
		await stack.killN8n();
		outages.crash.runningAtKill += runningNow;
		outages.crash.requestsAtKill += inFlight;
		outages.crash.kills++;
		log(`(c) SIGKILL: ${runningNow} executions running in n8n's database, ${inFlight} requests of executions waiting at the user's system`);
		await sleep(randomInt(500, 2_001));
		await stack.startN8n();
	}

	it('every event reaches the user’s steps exactly once through start-up 404s, a DISABLED registration and a SIGKILL', async () => {
		startStream();
		for (let round = 1; round <= BUDGET.rounds; round++) {
			await sleep(BUDGET.runMs);
			await outageStartup404(round);
			await stopStream();
			await settle(`(a) round ${round}`);
			startStream();

			await sleep(BUDGET.runMs);
			await outageDisabled(round);
			await stopStream();
			await settle(`(b) round ${round}`);
			startStream();

			await sleep(BUDGET.runMs);
			await outageCrash(round);
			await stopStream();
			await settle(`(c) round ${round}`);
			if (round < BUDGET.rounds) startStream();
		}
		phase = 'end';
		await settle('end');

		// ---------------------------------------------------------------- audit, per event id
		const deliveries: EmulatorDelivery[] = await ctl.deliveries();
		const attemptsOf = new Map<string, EmulatorDelivery[]>();
		for (const d of deliveries) for (const id of d.event_ids) attemptsOf.set(id, [...(attemptsOf.get(id) ?? []), d]);
		const dedupeRuns: RunOfNode[] = [];
		const journalHanded = new Set<string>();
		const webhookHanded = new Set<string>();
		const history = new Map<string, Set<string>>();
		const crashed: string[] = [];
		for (const flow of flows) history.set(flow.workflowId, dedupeHistory(stack, flow.workflowId));
		for (const execution of savedExecutions(stack, flows.map((f) => f.workflowId), [TRIGGER, JOURNAL, DEDUPE])) {
			if (execution.status === 'crashed') crashed.push(execution.id);
			for (const run of execution.nodes[DEDUPE]) {
				dedupeRuns.push({ workflowId: execution.workflowId, executionId: execution.id, mode: execution.mode, status: execution.status, ...run });
			}
			for (const run of [...execution.nodes[TRIGGER], ...execution.nodes[JOURNAL]]) {
				for (const id of run.ids) (execution.mode === 'trigger' ? journalHanded : webhookHanded).add(id);
			}
		}
		outages.crash.crashedExecutions = crashed.length;
		const passedIn = new Map<string, RunOfNode[]>();
		for (const run of dedupeRuns) for (const id of run.ids) passedIn.set(id, [...(passedIn.get(id) ?? []), run]);

		const lost: string[] = [];
		const diedAfterRemoveDuplicates: Array<{ id: string; evidence: string }> = [];
		const duplicates: Array<{ id: string; times: number; explained: boolean; evidence: string }> = [];
		for (const [id, info] of emitted) {
			const times = user.received.get(id) ?? 0;
			const flow = flows.find((f) => f.kind === info.kind)!;
			if (times === 0) {
				const runs = passedIn.get(id) ?? [];
				const inHistory = history.get(flow.workflowId)!.has(dedupeHash(id));
				const deadRun = runs.find((r) => r.status === 'crashed');
				if (deadRun || (inHistory && crashed.length > 0)) {
					diedAfterRemoveDuplicates.push({
						id,
						evidence: deadRun
							? `came out of Remove Duplicates in execution ${deadRun.executionId} (${deadRun.mode}), which n8n lost (crashed) before ${STEP} ran`
							: `in n8n's Remove Duplicates history of workflow ${flow.workflowId} without reaching ${STEP}: its execution died with n8n (${crashed.length} crashed executions)`,
					});
				} else {
					const attempts = attemptsOf.get(id) ?? [];
					lost.push(`${id} (${info.kind}, emitted during ${info.phase}; Adobe: ${attempts.map((a) => `${a.status ?? a.error} ${a.outcome}`).join(', ') || 'no attempt'}; journal path handed it over: ${journalHanded.has(id)})`);
				}
			} else if (times > 1) {
				const runs = (passedIn.get(id) ?? []).sort((a, b) => a.start - b.start);
				const first = runs[0];
				// n8n's Remove Duplicates reads the history, then writes it back: a concurrent run of the same workflow
				// that wrote in between can drop the first run's record.
				const overlapping = first
					? dedupeRuns.find((r) => r.workflowId === flow.workflowId && r.executionId !== first.executionId && r.start <= first.end && r.end >= first.start)
					: undefined;
				duplicates.push({
					id,
					times,
					explained: runs.length >= 2 && overlapping !== undefined,
					evidence:
						runs.length >= 2
							? `came out of Remove Duplicates in executions ${runs.map((r) => `${r.executionId} (${r.mode})`).join(', ')}; ${overlapping ? `execution ${overlapping.executionId}'s Remove Duplicates ran at the same time as ${first.executionId}'s (its record lost)` : 'no concurrent Remove Duplicates run'}`
							: `came out of Remove Duplicates ${runs.length} time(s) in saved executions`,
				});
			}
		}
		const bothPaths = [...emitted.keys()].filter((id) => journalHanded.has(id) && webhookHanded.has(id));
		const recovered = (ids: string[]) => ids.filter((id) => journalHanded.has(id) && (user.received.get(id) ?? 0) > 0).length;
		for (const [id, info] of emitted) {
			if (info.phase.startsWith('disabled')) outages.disabled.events.push(id);
			if (info.phase.startsWith('crash')) outages.crash.events.push(id);
		}
		outages.disabled.retriesExhausted = deliveries.filter((d) => d.outcome === 'retries_exhausted').length;
		outages.disabled.neverDelivered = outages.disabled.events.filter((id) => !(attemptsOf.get(id) ?? []).some((d) => d.status !== null && d.status >= 200 && d.status < 300)).length;

		log(`events ${emitted.size} (single ${[...emitted.values()].filter((e) => e.kind === 'single').length}, batched ${[...emitted.values()].filter((e) => e.kind === 'batch').length}); reached ${[...emitted.keys()].filter((id) => user.received.has(id)).length}`);
		log(`both paths handed the same event to Remove Duplicates: ${bothPaths.length} of ${emitted.size}; Remove Duplicates let one through twice: ${duplicates.length}`);
		for (const line of lost.slice(0, 30)) log(`  lost ${line}`);
		for (const d of diedAfterRemoveDuplicates.slice(0, 30)) log(`  died after Remove Duplicates ${d.id}: ${d.evidence}`);
		for (const d of duplicates.slice(0, 30)) log(`  duplicate ${d.id} ×${d.times} (${d.explained ? 'explained' : 'UNEXPLAINED'}): ${d.evidence}`);

		const summary = {
			events: emitted.size,
			lost: lost.length,
			duplicates: duplicates.length,
			outages: {
				startup404: {
					restarts: outages.startup404.restarts,
					adobe404s: outages.startup404.dropped404,
					eventsDropped: outages.startup404.droppedEvents.length,
					recoveredByJournal: recovered(outages.startup404.droppedEvents),
				},
				disabled: {
					emulatedHoursDown: outages.disabled.emulatedHoursDown,
					health: [...new Set(outages.disabled.health)].join(','),
					eventsWhileDown: outages.disabled.events.length,
					neverDeliveredByAdobe: outages.disabled.neverDelivered,
					attemptsAdobeGaveUpOn: outages.disabled.retriesExhausted,
					recoveredByJournal: recovered(outages.disabled.events),
					reEnabledAfterSeconds: outages.disabled.reEnabledAfterS,
				},
				crash: {
					kills: outages.crash.kills,
					runningAtKill: outages.crash.runningAtKill,
					requestsWaitingAtKill: outages.crash.requestsAtKill,
					crashedExecutions: outages.crash.crashedExecutions,
					recoveredByJournal: recovered(outages.crash.events),
					diedAfterRemoveDuplicates: diedAfterRemoveDuplicates.length,
				},
			},
			bothPaths: bothPaths.length,
			n8n: stack.runtime.n8nVersion,
			journalPath: JOURNAL_OFF ? 'off' : 'on',
			seconds: Math.round((Date.now() - started) / 1000),
		};
		process.stderr.write(`${JSON.stringify(summary)}\n`);

		expect(outages.startup404.dropped404).toBeGreaterThan(0);
		// Back after (b): re-enabled, and n8n's log says how long Adobe did not deliver and what covered it.
		expect(outages.disabled.reEnabledAfterS).toHaveLength(BUDGET.rounds);
		expect(outages.disabled.reEnabledLog).toMatch(/n8n re-enabled it\. Adobe did not deliver for .+ Journal Trigger .*hands them over/);
		expect(outages.crash.kills).toBe(BUDGET.rounds);
		expect({ lost }).toEqual({ lost: [] });
		expect({ unexplainedDuplicates: duplicates.filter((d) => !d.explained) }).toEqual({ unexplainedDuplicates: [] });
	});
});
