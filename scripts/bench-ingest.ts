/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/require-node-api-error, no-console -- benchmark program outside n8n: fs, process, timers, console output; plain Errors are right outside a node */
/**
 * `npm run bench:ingest` — ingest throughput of the Watch Events trigger in ONE real n8n 2.40.7, next to
 * n8n's own Webhook node, with autocannon as the load generator:
 *
 *   webhook      n8n-nodes-base.webhook, POST of an Adobe CloudEvent body (no verification)
 *   webhookCred  the same Webhook node with a Header Auth credential (any node with a credential pays n8n's
 *                per-request credential work: decryption, permission check, and an isolate per read under
 *                the default engine)
 *   trigger      Watch Events, one signed CloudEvent per request, Signature Check = Adobe Digital Signatures
 *   triggerHmac  Watch Events, Signature Check = Legacy HMAC (`x-adobe-signature` over the body with the
 *                credential's client secret, as Adobe and the emulator sign it)
 *   batch        Watch Events (digital), batches of 20 signed CloudEvents per request (one execution, 20 items)
 *
 * The trigger is typeVersion 1.1 (what n8n gives new nodes; `--trigger-version 1` for existing workflows).
 * Every trigger request carries fresh event ids (nothing is dropped as a duplicate) and Adobe's real
 * signatures: bodies are shaped like the emulator's own deliveries (taken from its delivery traces) and
 * signed with the emulator's current keys; n8n fetches the public keys from the emulator's key host.
 * Phases alternate over `--rounds` rounds (default 6, at least 5) of `--duration` seconds in ABBA order — forward,
 * reverse, reverse, forward, … — so every phase runs as often early as late, in a round and in the run (n8n gets
 * slower as a run goes on). Every ratio is computed within each round (the two phases ran minutes apart at most)
 * and reported as the MEDIAN of those per-round ratios with its min–max; req/s and latencies likewise (median of
 * the rounds). After every phase the executions are matched to the requests (scripts/n8n/accounting.ts): each
 * request carries fresh event ids, and every id n8n answered 2xx must be in exactly one successful execution
 * (an id in flight when the load stopped: at most one); the bench exits 1 when a phase does not match or n8n's
 * execution list never settles. n8n runs with N8N_METRICS=true: isolates and expression evaluations per request
 * come from n8n's own expression-engine counters.
 *
 * n8n settings (scripts/n8n/perf.ts): default (n8n's defaults), `--lazy`
 * (N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true), `--engine legacy` (N8N_EXPRESSION_ENGINE=legacy); `--all` runs
 * the three back to back, each on a fresh n8n; `--compile-cache` adds N8N_EXPRESSION_ENGINE_COMPILE_CACHE=true.
 * Other options: --duration <s> (default 8), --rounds <n> (default 6, at least 5), --connections <n> (default 8),
 * --trigger-version 1|1.1, --compare-versions (one more phase: the trigger at the other typeVersion, in the same
 * n8n: `trigger_vs_v1` / `trigger_vs_v1.1`), --provider-mode id|list (how the triggers' Provider is set;
 * default id), --no-build.
 *
 * Output: one line per phase and round, a summary per run, and as the LAST line one JSON object: the run's
 * summary, or with --all {"default":{…},"lazy":{…},"legacy":{…}}. A summary holds `phases` (per phase: req/s
 * median/min/max, p50/p99 medians in ms), `ratios` (trigger_vs_webhook, trigger_vs_webhook_cred,
 * hmac_vs_digital, batch_vs_single: median/min/max of the per-round ratios), `rounds` (every round: its order,
 * each phase's req/s, p50, p99, accepted and refused requests, and the round's ratios), `executions_match` and
 * `executions` (the per-phase matching), isolates/evaluations per request, and n8n's RSS before and after (MB).
 * Targets (issue 17, on a quiet machine): trigger_vs_webhook_cred ≥ 0.95 (lazy: trigger_vs_webhook ≥ 0.80),
 * hmac_vs_digital ≥ 0.95, batch_vs_single ≥ 15, executions_match.
 */
import autocannon from 'autocannon';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CC_EVENT_CODES, CC_PROVIDER_ID, createEmulatorCredential, publishWatchEvents, publishWebhookBaselines } from './n8n/adobe-setup';
import { abbaOrder, benchVerdict, matchExecutions, spread, type Ledger, type SlotAccount } from './n8n/accounting';
import { genuineTemplate, plainRequests, signedPool, signedRequests, type SignedRequest } from './n8n/deliveries';
import { outputItems, type N8nExecution } from './n8n/n8n-api';
import {
	counterDelta,
	ENGINE_MODES,
	engineModeFromArgs,
	expressionCounters,
	METRICS_ENV,
	numberOption,
	rssMb,
	type EngineMode,
	type ExpressionCounters,
} from './n8n/perf';
import { packPackage, startStack, type Stack } from './n8n/stack';
import { TRIGGER_DEFAULT_VERSION, TRIGGER_NAME, TRIGGER_VERSIONS } from './n8n/workflows';

const argv = process.argv.slice(2);

const option = (name: string, fallback: number): number => numberOption(argv, name, fallback);

const DURATION_S = option('duration', 8);
const ROUNDS = Math.min(20, Math.floor(option('rounds', 6)));
if (ROUNDS < 5) throw new Error('--rounds is at least 5: every ratio is the median of at least 5 paired rounds');
const CONNECTIONS = Math.floor(option('connections', 8));
const TRIGGER_VERSION = option('trigger-version', TRIGGER_DEFAULT_VERSION);
if (!(TRIGGER_VERSIONS as readonly number[]).includes(TRIGGER_VERSION)) {
	throw new Error(`--trigger-version is one of ${TRIGGER_VERSIONS.join(', ')}`);
}
const ALL = argv.includes('--all');
if (ALL && argv.some((a) => a === '--lazy' || a === '--engine' || a === '--mode')) {
	throw new Error('--all runs every mode; leave out --lazy / --engine / --mode');
}
const MODES: EngineMode[] = ALL ? ['default', 'lazy', 'legacy'] : [engineModeFromArgs(argv)];
const COMPILE_CACHE = argv.includes('--compile-cache');
/** `--compare-versions`: one more phase, the trigger at typeVersion 1 (or 1.1 when --trigger-version 1), in the same n8n. */
const COMPARE_VERSIONS = argv.includes('--compare-versions');
const OTHER_VERSION = TRIGGER_VERSION === 1 ? 1.1 : 1;
/**
 * `--provider-mode list|id` (default id, as the E2E harness): how the triggers' Provider is set. n8n checks an
 * ID-mode resource locator against its regex (in a vm context with a timeout) before every execution; a
 * From List value is not checked.
 */
const PROVIDER_MODE = (() => {
	const index = argv.indexOf('--provider-mode');
	const value = index < 0 ? 'id' : argv[index + 1];
	if (value !== 'id' && value !== 'list') throw new Error('--provider-mode is id or list');
	return value;
})();
if (COMPILE_CACHE && MODES.includes('legacy') && !ALL) throw new Error('--compile-cache is a setting of the vm engine');
const BATCH_SIZE = 20;
const started = Date.now();

function log(message: string): void {
	console.log(`[bench ${((Date.now() - started) / 1000).toFixed(1).padStart(6)}s] ${message}`);
}

type PhaseName = 'webhook' | 'webhookCred' | 'trigger' | 'triggerHmac' | 'batch' | 'triggerOther';

interface Phase {
	name: PhaseName;
	url: string;
	workflowId: string;
	/** Produces the body + headers of the next request, and the event ids it carries. */
	next: () => SignedRequest;
	prepare: (expectedRequests: number) => void;
	eventsPerRequest: number;
	/** The event ids an execution of this phase's workflow holds. */
	eventIdsOf: (execution: N8nExecution) => string[];
}

interface Measurement {
	phase: PhaseName;
	round: number;
	ok: number;
	non2xx: number;
	errors: number;
	durationS: number;
	rps: number;
	p50: number;
	p99: number;
	/** n8n's expression-engine counters during this phase (including finishing its executions). */
	counters: ExpressionCounters;
	/** executions the phase produced (matched to its requests) */
	executions: number;
}

/** Runs one phase for `durationS`, writing every event id it sends (and those answered 2xx) into `ledger`. */
async function measure(phase: Phase, round: number, durationS: number, stack: Stack, ledger: Ledger): Promise<Measurement> {
	const before = await expressionCounters(stack);
	const result = await autocannon({
		url: phase.url,
		connections: CONNECTIONS,
		duration: durationS,
		timeout: 30,
		requests: [
			{
				method: 'POST',
				setupRequest: (request, context) => {
					const { body, headers, eventIds } = phase.next();
					for (const id of eventIds) ledger.sent.add(id);
					// one request at a time per connection: its answer comes back with this context
					context.eventIds = eventIds;
					return { ...request, method: 'POST', body, headers };
				},
				onResponse: (status, _body, context) => {
					if (status >= 200 && status < 300) for (const id of (context.eventIds as string[] | undefined) ?? []) ledger.acknowledged.add(id);
				},
			},
		],
	});
	const ok = result['2xx'];
	return {
		phase: phase.name,
		round,
		ok,
		non2xx: result.non2xx,
		errors: result.errors,
		durationS: result.duration,
		rps: ok / result.duration,
		p50: result.latency.p50,
		p99: result.latency.p99,
		counters: before, // completed by the caller once n8n has settled
		executions: 0,
	};
}

const round2 = (x: number): number => Math.round(x * 100) / 100;

/** The ratios of one round (both phases of a ratio ran in the same round). */
function roundRatios(byPhase: Partial<Record<PhaseName, Measurement>>): Record<string, number> {
	const { webhook: w, webhookCred: wc, trigger: t, triggerHmac: h, batch: b, triggerOther: o } = byPhase;
	const ratios: Record<string, number> = {};
	if (t && w) ratios.trigger_vs_webhook = round2(t.rps / w.rps);
	if (t && wc) ratios.trigger_vs_webhook_cred = round2(t.rps / wc.rps);
	if (h && t) ratios.hmac_vs_digital = round2(h.rps / t.rps);
	if (b && t) ratios.batch_vs_single = round2((b.rps * BATCH_SIZE) / t.rps);
	if (o && t) ratios[`trigger_vs_v${OTHER_VERSION}`] = round2(t.rps / o.rps);
	return ratios;
}

interface ModeResult {
	summary: Record<string, unknown>;
	accounts: SlotAccount[];
	unsettled: string[];
}

async function runMode(mode: EngineMode, tarball: string): Promise<ModeResult> {
	let stack: Stack | undefined;
	const shutdown = (): void => {
		void (stack ? stack.stop() : Promise.resolve()).then(() => process.exit(130));
	};
	process.once('SIGINT', shutdown);
	process.once('SIGTERM', shutdown);
	try {
		const env: Record<string, string> = {
			...ENGINE_MODES[mode],
			...METRICS_ENV,
			...(COMPILE_CACHE && mode !== 'legacy' ? { N8N_EXPRESSION_ENGINE_COMPILE_CACHE: 'true' } : {}),
		};
		log(`=== n8n setting "${mode}": ${Object.entries(env).map(([k, v]) => `${k}=${v}`).join(' ')}`);
		stack = await startStack({ tarball, log, env });
		const s = stack;
		const credential = await createEmulatorCredential(s);

		// n8n's Webhook node, bare and with a credential (Header Auth).
		const baselines = await publishWebhookBaselines(s, 'bench');

		// Watch Events: single (digital), single (HMAC), batches (digital).
		const providerId = { __rl: true, mode: PROVIDER_MODE, value: CC_PROVIDER_ID };
		const watch = async (name: string, parameters: Record<string, unknown>, typeVersion = TRIGGER_VERSION) =>
			await publishWatchEvents(s, { name, credential, withSetNode: false, typeVersion, parameters: { providerId, ...parameters } });
		const single = await watch('bench: Watch Events (single)', { eventCodes: [CC_EVENT_CODES[0]] });
		const hmac = await watch('bench: Watch Events (single, HMAC)', { eventCodes: [CC_EVENT_CODES[2]], signatureCheck: 'hmac' });
		const batch = await watch('bench: Watch Events (batch)', { eventCodes: [CC_EVENT_CODES[1]], deliveryType: 'webhook_batch' });
		const other = COMPARE_VERSIONS
			? await watch(`bench: Watch Events (single, typeVersion ${OTHER_VERSION})`, { eventCodes: ['com.adobe.platform.events.file_moved'] }, OTHER_VERSION)
			: undefined;
		// One genuine delivery each, to copy Adobe's exact request shape (headers, event fields).
		const singleTemplate = await genuineTemplate(s, single.registration.registration_id, CC_EVENT_CODES[0]);
		const batchTemplate = await genuineTemplate(s, batch.registration.registration_id, CC_EVENT_CODES[1], BATCH_SIZE);

		const emulator = s.emulator!;
		const triggerIds = (execution: N8nExecution): string[] => outputItems(execution, TRIGGER_NAME).map((item) => String(item.eventid));
		// n8n's Webhook node outputs the request: the event is its body.
		const webhookIds = (execution: N8nExecution): string[] =>
			outputItems(execution, 'Webhook').map((item) => String((item.body as Record<string, unknown> | undefined)?.eventid));
		const pooled = (make: () => SignedRequest) => {
			const pool = signedPool(make);
			return { next: pool.next, prepare: pool.prepare, pool };
		};
		const webhookPool = pooled(plainRequests(singleTemplate, baselines.webhook.headers));
		const webhookCredPool = pooled(plainRequests(singleTemplate, baselines.webhookCred.headers));
		const singlePool = pooled(signedRequests(emulator, singleTemplate, { eventsPerRequest: 1 }));
		const hmacPool = pooled(signedRequests(emulator, singleTemplate, { eventsPerRequest: 1, hmac: true }));
		const batchPool = pooled(signedRequests(emulator, batchTemplate, { eventsPerRequest: BATCH_SIZE }));
		const phases: Phase[] = [
			{ name: 'webhook', url: baselines.webhook.url, workflowId: baselines.webhook.workflowId, ...webhookPool, eventsPerRequest: 1, eventIdsOf: webhookIds },
			{ name: 'webhookCred', url: baselines.webhookCred.url, workflowId: baselines.webhookCred.workflowId, ...webhookCredPool, eventsPerRequest: 1, eventIdsOf: webhookIds },
			{ name: 'trigger', url: single.productionUrl, workflowId: single.workflowId, ...singlePool, eventsPerRequest: 1, eventIdsOf: triggerIds },
			{ name: 'triggerHmac', url: hmac.productionUrl, workflowId: hmac.workflowId, ...hmacPool, eventsPerRequest: 1, eventIdsOf: triggerIds },
			{ name: 'batch', url: batch.productionUrl, workflowId: batch.workflowId, ...batchPool, eventsPerRequest: BATCH_SIZE, eventIdsOf: triggerIds },
		];
		if (other) {
			const otherPool = pooled(signedRequests(emulator, singleTemplate, { eventsPerRequest: 1 }));
			phases.push({ name: 'triggerOther', url: other.productionUrl, workflowId: other.workflowId, ...otherPool, eventsPerRequest: 1, eventIdsOf: triggerIds });
		}

		/** Per workflow: the newest execution already accounted for (the template deliveries, earlier slots). */
		const seen = new Map<string, string>();
		for (const phase of phases) {
			const [newest] = await s.client.settledExecutions(phase.workflowId, { quietMs: 1000 }).then((list) => list.reverse());
			seen.set(phase.workflowId, newest ? String(newest.id) : '0');
		}
		const accounts: SlotAccount[] = [];
		const unsettled: string[] = [];
		/** Waits until the phase's executions settled, then matches the new ones to the slot's ledger. */
		const account = async (phase: Phase, ledger: Ledger): Promise<SlotAccount | undefined> => {
			const newerThan = seen.get(phase.workflowId);
			try {
				await s.client.settledExecutions(phase.workflowId, { quietMs: 1000, timeoutMs: 300_000, newerThan });
			} catch (error) {
				unsettled.push(`${ledger.slot}: ${(error as Error).message}`);
				return undefined;
			}
			const executions = await s.client.listExecutions(phase.workflowId, { includeData: true, newerThan });
			if (executions.length) seen.set(phase.workflowId, String(Math.max(...executions.map((e) => Number(e.id)))));
			const result = matchExecutions(
				ledger,
				executions.map((e) => ({ executionId: String(e.id), status: e.status, eventIds: phase.eventIdsOf(e) })),
			);
			accounts.push(result);
			if (!result.ok) log(`executions do NOT match in ${ledger.slot}: ${result.problems.slice(0, 5).join('; ')}`);
			return result;
		};
		const ledgerOf = (slot: string): Ledger => ({ slot: `${mode} ${slot}`, sent: new Set(), acknowledged: new Set() });

		const rssBefore = rssMb(s.n8n.pid);
		log(`n8n RSS before the load: ${rssBefore ?? '?'} MB`);
		// Warm-up (JIT, key cache, delivery-context cache, SQLite): short runs, not reported, but matched too.
		log('warm-up …');
		for (const phase of phases) {
			phase.prepare(phase.eventsPerRequest === 1 ? 400 : 100);
			const ledger = ledgerOf(`warm-up ${phase.name}`);
			await measure(phase, 0, 2, s, ledger);
			if (!(await account(phase, ledger))) break;
		}

		const results: Measurement[] = [];
		let webhookRate = 0;
		for (let round = 1; round <= ROUNDS && !unsettled.length; round++) {
			// ABBA: forward, reverse, reverse, forward, … (n8n slows down as a run goes on — its memory grows, garbage
			// collection gets longer — and within a round the later phases would pay for it).
			const order = abbaOrder(round);
			for (const phase of order === 'forward' ? phases : [...phases].reverse()) {
				// Enough pre-signed requests for this phase at up to 1.5× the Webhook node's rate.
				const expected = Math.ceil(Math.max(webhookRate, 50) * DURATION_S * 1.5) + 200;
				phase.prepare(phase.eventsPerRequest === 1 ? expected : Math.ceil(expected / 2));
				const ledger = ledgerOf(`round ${round} ${phase.name}`);
				const m = await measure(phase, round, DURATION_S, s, ledger);
				// Let n8n finish the in-flight work and match it before the next phase is measured.
				const matched = await account(phase, ledger);
				if (!matched) break;
				m.counters = counterDelta(await expressionCounters(s), m.counters);
				m.executions = matched.executions;
				if (phase.name === 'webhook') webhookRate = Math.max(webhookRate, m.rps);
				results.push(m);
				const perRequest = m.ok > 0 ? m.counters.isolates / (m.executions || m.ok) : 0;
				log(
					`round ${round} (${order}) ${phase.name.padEnd(11)} ${m.rps.toFixed(1).padStart(7)} req/s` +
						(phase.eventsPerRequest > 1 ? ` (${(m.rps * phase.eventsPerRequest).toFixed(0)} events/s)` : '') +
						`  p50 ${m.p50} ms  p99 ${m.p99} ms  ok ${m.ok}  non-2xx ${m.non2xx}  errors ${m.errors}` +
						`  executions ${m.executions} (${matched.ok ? 'matched' : 'NOT matched'})  isolates/req ${perRequest.toFixed(2)}`,
				);
			}
		}
		log(
			`requests made during measurement (pool exhausted): trigger ${singlePool.pool.signedOnTheFly}, ` +
				`HMAC ${hmacPool.pool.signedOnTheFly}, batch ${batchPool.pool.signedOnTheFly}`,
		);
		const rssAfter = rssMb(s.n8n.pid);

		const names: PhaseName[] = phases.map((p) => p.name);
		const roundsDone = [...new Set(results.map((r) => r.round))].filter((round) => names.every((n) => results.some((r) => r.round === round && r.phase === n)));
		const rounds = roundsDone.map((round) => {
			const byPhase = Object.fromEntries(results.filter((r) => r.round === round).map((r) => [r.phase, r])) as Partial<Record<PhaseName, Measurement>>;
			return {
				round,
				order: abbaOrder(round),
				phases: Object.fromEntries(
					names.map((n) => {
						const m = byPhase[n]!;
						return [n, { rps: round2(m.rps), p50_ms: m.p50, p99_ms: m.p99, ok: m.ok, non2xx: m.non2xx + m.errors, executions: m.executions }];
					}),
				),
				ratios: roundRatios(byPhase),
			};
		});
		const ratioNames = rounds.length ? Object.keys(rounds[0].ratios) : [];
		/** Isolates / evaluations per execution over every round of a phase. */
		const perExecution = (name: PhaseName, key: 'isolates' | 'evaluations'): number => {
			const of = results.filter((r) => r.phase === name);
			const executions = of.reduce((sum, r) => sum + r.executions, 0);
			const total = of.reduce((sum, r) => sum + r.counters[key], 0);
			return executions > 0 ? round2(total / executions) : 0;
		};
		const phaseStats = (name: PhaseName) => {
			const of = results.filter((r) => r.phase === name && roundsDone.includes(r.round));
			return {
				rps: spread(of.map((r) => r.rps)),
				p50_ms: spread(of.map((r) => r.p50)).median,
				p99_ms: spread(of.map((r) => r.p99)).median,
				...(name === 'batch' ? { events_per_s: spread(of.map((r) => r.rps * BATCH_SIZE)) } : {}),
			};
		};
		const complete = roundsDone.length >= 5;
		const myAccounts = accounts.filter((a) => a.slot.startsWith(`${mode} `));
		const summary = {
			mode,
			order: 'ABBA',
			rounds_done: roundsDone.length,
			phases: complete ? Object.fromEntries(names.map((n) => [n, phaseStats(n)])) : {},
			ratios: complete ? Object.fromEntries(ratioNames.map((n) => [n, spread(rounds.map((r) => r.ratios[n]))])) : {},
			rounds,
			executions_match: !unsettled.length && myAccounts.length > 0 && myAccounts.every((a) => a.ok),
			executions: {
				slots: myAccounts.length,
				requests_acknowledged: myAccounts.reduce((n, a) => n + a.acknowledged, 0),
				ids_matched_once: myAccounts.reduce((n, a) => n + a.acknowledged - a.missing, 0),
				ran_unacknowledged: myAccounts.reduce((n, a) => n + a.ranUnacknowledged, 0),
				missing: myAccounts.reduce((n, a) => n + a.missing, 0),
				doubled: myAccounts.reduce((n, a) => n + a.doubled, 0),
				foreign: myAccounts.reduce((n, a) => n + a.foreign, 0),
				failed: myAccounts.reduce((n, a) => n + a.failed, 0),
				unsettled,
			},
			non2xx: results.reduce((sum, r) => sum + r.non2xx + r.errors, 0),
			isolates_per_request: Object.fromEntries(names.map((n) => [n, perExecution(n, 'isolates')])),
			evaluations_per_request: Object.fromEntries(names.map((n) => [n, perExecution(n, 'evaluations')])),
			rss_mb_before: rssBefore,
			rss_mb_after: rssAfter,
			env,
			trigger_version: TRIGGER_VERSION,
			provider_mode: PROVIDER_MODE,
			duration_s: DURATION_S,
			connections: CONNECTIONS,
			n8n: s.runtime.n8nVersion,
			node: s.runtime.nodeVersion,
		};
		const r = summary.ratios as Record<string, { median: number; min: number; max: number }>;
		const p = summary.phases as Record<string, { rps: { median: number }; events_per_s?: { median: number } }>;
		const fmt = (n: string): string => (r[n] ? `${r[n].median} (${r[n].min}–${r[n].max})` : '?');
		log(
			`[${mode}] medians of ${roundsDone.length} rounds (ABBA): webhook ${p.webhook?.rps.median} req/s, webhook + credential ${p.webhookCred?.rps.median}, ` +
				`trigger ${p.trigger?.rps.median}, HMAC ${p.triggerHmac?.rps.median}, batch ${p.batch?.events_per_s?.median} events/s; ` +
				`trigger ÷ webhook ${fmt('trigger_vs_webhook')}, ÷ webhook + credential ${fmt('trigger_vs_webhook_cred')}, ` +
				`HMAC ÷ digital ${fmt('hmac_vs_digital')}, batch ÷ single ${fmt('batch_vs_single')}; RSS ${rssBefore} → ${rssAfter} MB; ` +
				`executions_match ${summary.executions_match}`,
		);
		await s.stop();
		stack = undefined;
		return { summary, accounts: myAccounts, unsettled };
	} catch (error) {
		if (stack) console.error(`[bench] n8n log: ${stack.logFile}`);
		await stack?.stop().catch(() => undefined);
		throw error;
	} finally {
		process.removeListener('SIGINT', shutdown);
		process.removeListener('SIGTERM', shutdown);
	}
}

async function main(): Promise<void> {
	const packDir = mkdtempSync(join(tmpdir(), 'adobe-io-events-bench-'));
	try {
		const tarball = await packPackage({ build: !argv.includes('--no-build'), destDir: packDir, log });
		const summaries: Record<string, Record<string, unknown>> = {};
		const accounts: SlotAccount[] = [];
		const unsettled: string[] = [];
		for (const mode of MODES) {
			const result = await runMode(mode, tarball);
			summaries[mode] = result.summary;
			accounts.push(...result.accounts);
			unsettled.push(...result.unsettled);
		}
		// The exit code is accounting.ts's: every phase matched and settled, or 1.
		const verdict = benchVerdict(accounts, unsettled);
		for (const reason of verdict.reasons) console.error(`[bench] ${reason}`);
		console.log(JSON.stringify(ALL ? summaries : summaries[MODES[0]]));
		process.exitCode = verdict.exitCode;
	} catch (error) {
		console.error(`[bench] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
		process.exitCode = 1;
	} finally {
		rmSync(packDir, { recursive: true, force: true });
	}
	process.exit(process.exitCode ?? 0);
}

void main();
