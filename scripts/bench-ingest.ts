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
 * Phases alternate over `--rounds` rounds of `--duration` seconds, in reverse order every other round (so no
 * phase always runs later in the run, when n8n is slower); the best round per phase is reported (to damp
 * noise from other work on the machine). Afterwards the executions n8n recorded are counted: each
 * accepted request must have produced exactly one execution. n8n runs with N8N_METRICS=true: isolates and
 * expression evaluations per request come from n8n's own expression-engine counters.
 *
 * n8n settings (scripts/n8n/perf.ts): default (n8n's defaults), `--lazy`
 * (N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true), `--engine legacy` (N8N_EXPRESSION_ENGINE=legacy); `--all` runs
 * the three back to back, each on a fresh n8n; `--compile-cache` adds N8N_EXPRESSION_ENGINE_COMPILE_CACHE=true.
 * Other options: --duration <s> (default 8), --rounds <n> (default 2), --connections <n> (default 8),
 * --trigger-version 1|1.1, --compare-versions (one more phase: the trigger at the other typeVersion, in the same
 * n8n: `trigger_vs_v1` / `trigger_vs_v1.1`), --provider-mode id|list (how the triggers' Provider is set;
 * default id), --no-build.
 *
 * Output: one line per phase and round, a summary per run, and as the LAST line one JSON object: the run's
 * summary, or with --all {"default":{…},"lazy":{…},"legacy":{…}}. A summary holds req/s, p50/p99 (ms) of
 * every phase, trigger_vs_webhook, trigger_vs_webhook_cred, hmac_vs_digital, batch_vs_single,
 * executions_match, isolates/evaluations per request, and n8n's RSS before and after the load (MB).
 * Targets (issue 17, on a quiet machine): trigger_vs_webhook_cred ≥ 0.95 (lazy: trigger_vs_webhook ≥ 0.80),
 * hmac_vs_digital ≥ 0.95, batch_vs_single ≥ 15, executions_match.
 */
import autocannon from 'autocannon';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CC_EVENT_CODES, CC_PROVIDER_ID, createEmulatorCredential, publishWatchEvents, publishWebhookBaselines } from './n8n/adobe-setup';
import { freshEvent, genuineTemplate, signedPool, signedRequests, type SignedRequest } from './n8n/deliveries';
import { outputItems } from './n8n/n8n-api';
import {
	counterDelta,
	ENGINE_MODES,
	engineModeFromArgs,
	expressionCounters,
	METRICS_ENV,
	numberOption,
	rssMb,
	settledExecutionCount,
	type EngineMode,
	type ExpressionCounters,
} from './n8n/perf';
import { packPackage, startStack, type Stack } from './n8n/stack';
import { TRIGGER_DEFAULT_VERSION, TRIGGER_NAME, TRIGGER_VERSIONS } from './n8n/workflows';

const argv = process.argv.slice(2);

const option = (name: string, fallback: number): number => numberOption(argv, name, fallback);

const DURATION_S = option('duration', 8);
const ROUNDS = Math.min(5, Math.floor(option('rounds', 2)));
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
	/** Produces the body + headers of the next request. */
	next: () => SignedRequest;
	prepare?: (expectedRequests: number) => void;
	eventsPerRequest: number;
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
}

async function measure(phase: Phase, round: number, durationS: number, stack: Stack): Promise<Measurement> {
	const before = await expressionCounters(stack);
	const result = await autocannon({
		url: phase.url,
		connections: CONNECTIONS,
		duration: durationS,
		timeout: 30,
		requests: [
			{
				method: 'POST',
				setupRequest: (request) => {
					const { body, headers } = phase.next();
					return { ...request, method: 'POST', body, headers };
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
	};
}

const round2 = (x: number): number => Math.round(x * 100) / 100;

async function runMode(mode: EngineMode, tarball: string): Promise<Record<string, unknown>> {
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

		const webhookBody = JSON.stringify(freshEvent(singleTemplate.event));
		const emulator = s.emulator!;
		const singlePool = signedPool(signedRequests(emulator, singleTemplate, { eventsPerRequest: 1 }));
		const hmacPool = signedPool(signedRequests(emulator, singleTemplate, { eventsPerRequest: 1, hmac: true }));
		const batchPool = signedPool(signedRequests(emulator, batchTemplate, { eventsPerRequest: BATCH_SIZE }));
		const phases: Phase[] = [
			{
				name: 'webhook',
				url: baselines.webhook.url,
				workflowId: baselines.webhook.workflowId,
				next: () => ({ body: webhookBody, headers: baselines.webhook.headers }),
				eventsPerRequest: 1,
			},
			{
				name: 'webhookCred',
				url: baselines.webhookCred.url,
				workflowId: baselines.webhookCred.workflowId,
				next: () => ({ body: webhookBody, headers: baselines.webhookCred.headers }),
				eventsPerRequest: 1,
			},
			{ name: 'trigger', url: single.productionUrl, workflowId: single.workflowId, next: singlePool.next, prepare: singlePool.prepare, eventsPerRequest: 1 },
			{ name: 'triggerHmac', url: hmac.productionUrl, workflowId: hmac.workflowId, next: hmacPool.next, prepare: hmacPool.prepare, eventsPerRequest: 1 },
			{ name: 'batch', url: batch.productionUrl, workflowId: batch.workflowId, next: batchPool.next, prepare: batchPool.prepare, eventsPerRequest: BATCH_SIZE },
		];
		if (other) {
			const otherPool = signedPool(signedRequests(emulator, singleTemplate, { eventsPerRequest: 1 }));
			phases.push({ name: 'triggerOther', url: other.productionUrl, workflowId: other.workflowId, next: otherPool.next, prepare: otherPool.prepare, eventsPerRequest: 1 });
		}

		const rssBefore = rssMb(s.n8n.pid);
		log(`n8n RSS before the load: ${rssBefore ?? '?'} MB`);
		// Warm-up (JIT, key cache, delivery-context cache, SQLite): short runs, not reported.
		log('warm-up …');
		for (const phase of phases) {
			phase.prepare?.(200);
			await measure(phase, 0, 2, s);
			await settledExecutionCount(s, phase.workflowId);
		}

		const results: Measurement[] = [];
		// Requests still in flight when autocannon stops are aborted client-side but still run in n8n:
		// each phase may therefore add up to CONNECTIONS executions more than it counted as accepted.
		const accounting: Array<{ phase: string; ok: number; executions: number }> = [];
		let webhookRate = 0;
		for (let round = 1; round <= ROUNDS; round++) {
			// Even rounds run the phases in reverse order (A B C, C B A, …): n8n slows down as a run goes on (its
			// memory grows, garbage collection gets longer), and a fixed order would favour the earlier phases.
			const order = round % 2 === 0 ? [...phases].reverse() : phases;
			for (const phase of order) {
				if (phase.prepare) {
					// Enough pre-signed requests for this phase at up to 1.5× the Webhook node's rate.
					const expected = Math.ceil(Math.max(webhookRate, 50) * DURATION_S * 1.5) + 200;
					phase.prepare(phase.eventsPerRequest === 1 ? expected : Math.ceil(expected / 2));
				}
				const before = await settledExecutionCount(s, phase.workflowId);
				const m = await measure(phase, round, DURATION_S, s);
				// Let n8n finish the in-flight work before the next phase is measured.
				const after = await settledExecutionCount(s, phase.workflowId);
				m.counters = counterDelta(await expressionCounters(s), m.counters);
				if (phase.name === 'webhook') webhookRate = Math.max(webhookRate, m.rps);
				results.push(m);
				accounting.push({ phase: phase.name, ok: m.ok, executions: after - before });
				const perRequest = m.ok > 0 ? m.counters.isolates / (after - before || m.ok) : 0;
				log(
					`round ${round} ${phase.name.padEnd(11)} ${m.rps.toFixed(1).padStart(7)} req/s` +
						(phase.eventsPerRequest > 1 ? ` (${(m.rps * phase.eventsPerRequest).toFixed(0)} events/s)` : '') +
						`  p50 ${m.p50} ms  p99 ${m.p99} ms  ok ${m.ok}  non-2xx ${m.non2xx}  errors ${m.errors}` +
						`  isolates/req ${perRequest.toFixed(2)}`,
				);
			}
		}

		// Every accepted request must have become exactly one execution (nothing dropped, nothing doubled).
		const accountingOk = accounting.every((a) => a.executions >= a.ok && a.executions <= a.ok + CONNECTIONS);
		for (const a of accounting) log(`executions: ${a.phase} ${a.executions} for ${a.ok} accepted requests`);
		const [lastBatch] = await s.client.listExecutions(batch.workflowId, { includeData: true, limit: 1 });
		const batchItems = lastBatch ? outputItems(lastBatch, TRIGGER_NAME).length : 0;
		log(`items in the last batch execution: ${batchItems}`);
		log(
			`requests signed during measurement (pool exhausted): trigger ${singlePool.signedOnTheFly}, ` +
				`HMAC ${hmacPool.signedOnTheFly}, batch ${batchPool.signedOnTheFly}`,
		);
		const rssAfter = rssMb(s.n8n.pid);

		const best = (name: PhaseName): Measurement =>
			results.filter((r) => r.phase === name).reduce((a, b) => (b.rps > a.rps ? b : a));
		/** Isolates / evaluations per execution over every round of a phase. */
		const perExecution = (name: PhaseName, key: 'isolates' | 'evaluations'): number => {
			const executions = accounting.filter((a) => a.phase === name).reduce((sum, a) => sum + a.executions, 0);
			const total = results.filter((r) => r.phase === name).reduce((sum, r) => sum + r.counters[key], 0);
			return executions > 0 ? round2(total / executions) : 0;
		};
		const w = best('webhook');
		const wc = best('webhookCred');
		const t = best('trigger');
		const h = best('triggerHmac');
		const b = best('batch');
		const batchEventsPerS = b.rps * BATCH_SIZE;
		const names: PhaseName[] = ['webhook', 'webhookCred', 'trigger', 'triggerHmac', 'batch', ...(other ? (['triggerOther'] as const) : [])];
		const o = other ? best('triggerOther') : undefined;
		const summary = {
			mode,
			webhook_rps: round2(w.rps),
			webhook_cred_rps: round2(wc.rps),
			trigger_rps: round2(t.rps),
			trigger_hmac_rps: round2(h.rps),
			batch_rps: round2(b.rps),
			batch_events_per_s: round2(batchEventsPerS),
			trigger_vs_webhook: round2(t.rps / w.rps),
			trigger_vs_webhook_cred: round2(t.rps / wc.rps),
			hmac_vs_digital: round2(h.rps / t.rps),
			batch_vs_single: round2(batchEventsPerS / t.rps),
			webhook_p50_ms: w.p50,
			webhook_p99_ms: w.p99,
			webhook_cred_p50_ms: wc.p50,
			webhook_cred_p99_ms: wc.p99,
			trigger_p50_ms: t.p50,
			trigger_p99_ms: t.p99,
			trigger_hmac_p50_ms: h.p50,
			trigger_hmac_p99_ms: h.p99,
			batch_p50_ms: b.p50,
			batch_p99_ms: b.p99,
			...(o
				? {
						[`trigger_v${OTHER_VERSION}_rps`]: round2(o.rps),
						[`trigger_v${OTHER_VERSION}_p50_ms`]: o.p50,
						[`trigger_v${OTHER_VERSION}_p99_ms`]: o.p99,
						[`trigger_vs_v${OTHER_VERSION}`]: round2(t.rps / o.rps),
					}
				: {}),
			executions_match: accountingOk && batchItems === BATCH_SIZE,
			non2xx: results.reduce((sum, r) => sum + r.non2xx + r.errors, 0),
			isolates_per_request: Object.fromEntries(names.map((n) => [n, perExecution(n, 'isolates')])),
			evaluations_per_request: Object.fromEntries(names.map((n) => [n, perExecution(n, 'evaluations')])),
			rss_mb_before: rssBefore,
			rss_mb_after: rssAfter,
			env,
			trigger_version: TRIGGER_VERSION,
			provider_mode: PROVIDER_MODE,
			duration_s: DURATION_S,
			rounds: ROUNDS,
			connections: CONNECTIONS,
			n8n: s.runtime.n8nVersion,
			node: s.runtime.nodeVersion,
		};
		log(
			`[${mode}] best of ${ROUNDS}: webhook ${summary.webhook_rps} req/s, webhook + credential ${summary.webhook_cred_rps}, ` +
				`trigger ${summary.trigger_rps} (${summary.trigger_vs_webhook}× webhook, ${summary.trigger_vs_webhook_cred}× webhook + credential), ` +
				`HMAC ${summary.trigger_hmac_rps} (${summary.hmac_vs_digital}× digital), batch ${summary.batch_events_per_s} events/s ` +
				`(${summary.batch_vs_single}× single); RSS ${rssBefore} → ${rssAfter} MB; executions_match ${summary.executions_match}`,
		);
		await s.stop();
		stack = undefined;
		return summary;
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
		for (const mode of MODES) summaries[mode] = await runMode(mode, tarball);
		console.log(JSON.stringify(ALL ? summaries : summaries[MODES[0]]));
	} catch (error) {
		console.error(`[bench] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
		process.exitCode = 1;
	} finally {
		rmSync(packDir, { recursive: true, force: true });
	}
	process.exit(process.exitCode ?? 0);
}

void main();
