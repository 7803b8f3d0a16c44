/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, no-console -- benchmark program outside n8n: fs, process, timers and console output */
/**
 * `npm run bench:memory` — does n8n's memory stay flat while the Watch Events trigger takes a stream of
 * signed deliveries? One real n8n 2.40.7 + the emulator; a published Watch Events workflow (typeVersion 1.1,
 * Batches of Events, digital signatures, Drop Duplicate Events on); autocannon sends Adobe-shaped, genuinely
 * signed batch deliveries with fresh event ids (scripts/n8n/deliveries.ts).
 *
 *   1. warm-up: `--warmup` events (default 10 000) → JIT, key cache, delivery-context cache, SQLite, V8 heap, and
 *      the dedupe window filled to its bound (10 000 event ids), so it evicts during the whole measurement
 *   2. baseline: once n8n has finished every execution, two full garbage collections inside n8n (the memory
 *      probe, scripts/n8n/memory-probe.cjs, preloaded for this benchmark), then its RSS and V8 heap
 *   3. `--events` events (default 10 000: 500 deliveries of 20) in 5 equal parts; after each part (n8n
 *      finished its executions) the same GC + reading: a leak shows as growth in every part, not only the first
 *   4. the same reading after `--idle` seconds (default 10)
 *   RSS is also sampled every second without GC (peaks: isolates are created and disposed all the time).
 *
 * With the window full from the start, nothing of the trigger's state may grow during the measurement. Every
 * delivery must be answered 200, n8n must hold as many executions as deliveries (a count, not matched per event), the
 * last with `--batch-size` items. Pass, all of:
 *   - RSS after GC: end − baseline < `--max-growth-mb` (default 30 MB);
 *   - V8 heap used after GC: end − baseline < `--max-heap-growth-mb` (default 5 MB, i.e. 500 bytes per event of the
 *     default 10 000);
 *   - no monotone heap growth: the heap after GC must not rise at every checkpoint (baseline → part 1 → … → part 5)
 *     by 0.5 MB or more in total — a leak shows as growth in every part, not only the first.
 *
 * Options: --events <n>, --batch-size <n> (default 20; 1 = one event per request), --warmup <n>,
 * --connections <n> (default 8), --idle <s>, --max-growth-mb <n>, --max-heap-growth-mb <n>, --lazy / --engine
 * legacy (default: n8n's defaults), --no-build. Output: progress, then as the LAST line one JSON object
 * {"events","deliveries","rss_mb_baseline","rss_mb_end","growth_mb","heap_mb_baseline","heap_mb_end","heap_growth_mb",
 *  "heap_monotone","checkpoints","checks","rss_mb_peak","pass",…} (RSS/heap after GC unless named otherwise);
 * exit code 1 when a check fails (`checks` says which) or a delivery was not accepted.
 */
import autocannon from 'autocannon';
import { CC_EVENT_CODES, createEmulatorCredential, publishWatchEvents } from './n8n/adobe-setup';
import { genuineTemplate, signedPool, signedRequests } from './n8n/deliveries';
import { outputItems } from './n8n/n8n-api';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
	ENGINE_MODES,
	engineModeFromArgs,
	judgeMemory,
	memoryAfterGc,
	memoryProbeEnv,
	numberOption,
	rssMb,
	settledExecutionCount,
	type MemoryAfterGc,
} from './n8n/perf';
import { startStack, type Stack } from './n8n/stack';
import { TRIGGER_NAME } from './n8n/workflows';

const argv = process.argv.slice(2);

const option = (name: string, fallback: number): number => numberOption(argv, name, fallback, 0);

const EVENTS = Math.floor(option('events', 10_000));
const BATCH_SIZE = Math.max(1, Math.min(20, Math.floor(option('batch-size', 20))));
const WARMUP_EVENTS = Math.floor(option('warmup', 10_000));
const CONNECTIONS = Math.max(1, Math.floor(option('connections', 8)));
const IDLE_S = option('idle', 10);
const MAX_GROWTH_MB = option('max-growth-mb', 30);
const MAX_HEAP_GROWTH_MB = option('max-heap-growth-mb', 5);
/** heap growth at every checkpoint, this much in total, is a leak's signature */
const MONOTONE_MIN_TOTAL_MB = 0.5;
const MODE = engineModeFromArgs(argv);
const PARTS = 5;
const started = Date.now();
const mb = (bytes: number): number => Math.round((bytes / 1024 / 1024) * 10) / 10;

function log(message: string): void {
	console.log(`[memory ${((Date.now() - started) / 1000).toFixed(1).padStart(6)}s] ${message}`);
}

function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Sends `deliveries` pre-signed requests with autocannon; returns how many were answered 2xx. */
async function send(url: string, pool: ReturnType<typeof signedPool>, deliveries: number): Promise<{ ok: number; failed: number; seconds: number }> {
	pool.prepare(deliveries);
	const result = await autocannon({
		url,
		connections: Math.min(CONNECTIONS, deliveries),
		amount: deliveries,
		timeout: 60,
		requests: [
			{
				method: 'POST',
				setupRequest: (request) => {
					const { body, headers } = pool.next();
					return { ...request, method: 'POST', body, headers };
				},
			},
		],
	});
	return { ok: result['2xx'], failed: result.non2xx + result.errors + result.timeouts, seconds: result.duration };
}

async function main(): Promise<void> {
	let stack: Stack | undefined;
	const shutdown = (): void => {
		void (stack ? stack.stop() : Promise.resolve()).then(() => process.exit(130));
	};
	process.once('SIGINT', shutdown);
	process.once('SIGTERM', shutdown);
	const workDir = mkdtempSync(join(tmpdir(), 'adobe-io-events-memory-'));
	const probeFile = join(workDir, 'memory-probe.json');
	try {
		stack = await startStack({
			build: !argv.includes('--no-build'),
			log,
			env: { ...ENGINE_MODES[MODE], ...memoryProbeEnv(probeFile) },
		});
		const s = stack;
		const credential = await createEmulatorCredential(s);
		const deliveryType = BATCH_SIZE > 1 ? 'webhook_batch' : 'webhook';
		const published = await publishWatchEvents(s, {
			name: 'memory: Watch Events',
			credential,
			withSetNode: false,
			parameters: { eventCodes: [CC_EVENT_CODES[0]], deliveryType },
		});
		// One genuine delivery to copy Adobe's request shape.
		const template = await genuineTemplate(s, published.registration.registration_id, CC_EVENT_CODES[0], BATCH_SIZE);
		const pool = signedPool(signedRequests(s.emulator!, template, { eventsPerRequest: BATCH_SIZE }));
		let expectedExecutions = await settledExecutionCount(s, published.workflowId);
		const reading = async (label: string): Promise<MemoryAfterGc> => {
			await settledExecutionCount(s, published.workflowId, 2000);
			const memory = await memoryAfterGc(probeFile, s.n8n.pid);
			log(`${label}: RSS ${mb(memory.rss)} MB, V8 heap used ${mb(memory.heapUsed)} MB, external ${mb(memory.external)} MB (after GC)`);
			return memory;
		};

		const warmupDeliveries = Math.ceil(WARMUP_EVENTS / BATCH_SIZE);
		log(`warm-up: ${warmupDeliveries} deliveries of ${BATCH_SIZE} event(s) …`);
		const warm = await send(published.productionUrl, pool, warmupDeliveries);
		expectedExecutions += warm.ok;
		const baseline = await reading('baseline after warm-up');

		const deliveries = Math.ceil(EVENTS / BATCH_SIZE);
		log(`measuring: ${deliveries} deliveries of ${BATCH_SIZE} event(s) (${deliveries * BATCH_SIZE} events) in ${PARTS} parts, ${CONNECTIONS} connections …`);
		const samples: Array<{ s: number; mb: number }> = [];
		const t0 = Date.now();
		const sampler = setInterval(() => {
			const rss = rssMb(s.n8n.pid);
			if (rss !== undefined) samples.push({ s: Math.round((Date.now() - t0) / 100) / 10, mb: rss });
		}, 1000);
		const checkpoints: Array<{ events: number; rss_mb: number; heap_mb: number }> = [
			{ events: 0, rss_mb: mb(baseline.rss), heap_mb: mb(baseline.heapUsed) },
		];
		let ok = 0;
		let failed = 0;
		let seconds = 0;
		let sent = 0;
		try {
			for (let part = 1; part <= PARTS; part++) {
				const count = Math.round((deliveries * part) / PARTS) - sent;
				const run = await send(published.productionUrl, pool, count);
				sent += count;
				ok += run.ok;
				failed += run.failed;
				seconds += run.seconds;
				const memory = await reading(`after ${sent * BATCH_SIZE} events`);
				checkpoints.push({ events: sent * BATCH_SIZE, rss_mb: mb(memory.rss), heap_mb: mb(memory.heapUsed) });
			}
		} finally {
			clearInterval(sampler);
		}
		expectedExecutions += ok;
		const executions = await settledExecutionCount(s, published.workflowId, 2000);
		const end = await memoryAfterGc(probeFile, s.n8n.pid);
		await sleep(IDLE_S * 1000);
		const idle = await reading(`after ${IDLE_S} s idle`);
		const [last] = await s.client.listExecutions(published.workflowId, { includeData: true, limit: 1 });
		const lastItems = last ? outputItems(last, TRIGGER_NAME).length : 0;

		const peak = Math.max(mb(baseline.rss), ...samples.map((x) => x.mb));
		const memory = judgeMemory(
			checkpoints,
			{ rss_mb: mb(end.rss), heap_mb: mb(end.heapUsed) },
			{ maxRssGrowthMb: MAX_GROWTH_MB, maxHeapGrowthMb: MAX_HEAP_GROWTH_MB, monotoneMinTotalMb: MONOTONE_MIN_TOTAL_MB },
		);
		const growth = memory.rssGrowthMb;
		const heapGrowth = memory.heapGrowthMb;
		const heapMonotone = memory.heapMonotone;
		const accepted = failed === 0 && ok === deliveries && warm.failed === 0;
		const executionsMatch = executions === expectedExecutions && lastItems === BATCH_SIZE;
		const checks = { accepted, executions_match: executionsMatch, ...memory.checks };
		const pass = Object.values(checks).every(Boolean);
		const summary = {
			mode: MODE,
			events: deliveries * BATCH_SIZE,
			deliveries,
			batch_size: BATCH_SIZE,
			warmup_events: warmupDeliveries * BATCH_SIZE,
			seconds: Math.round(seconds * 10) / 10,
			deliveries_per_s: Math.round((ok / seconds) * 10) / 10,
			accepted: ok,
			refused_or_failed: failed,
			executions_match: executionsMatch,
			rss_mb_baseline: mb(baseline.rss),
			rss_mb_end: mb(end.rss),
			rss_mb_idle: mb(idle.rss),
			growth_mb: growth,
			heap_mb_baseline: mb(baseline.heapUsed),
			heap_mb_end: mb(end.heapUsed),
			heap_growth_mb: heapGrowth,
			heap_steps_mb: memory.heapStepsMb,
			heap_monotone: heapMonotone,
			checkpoints,
			max_growth_mb: MAX_GROWTH_MB,
			max_heap_growth_mb: MAX_HEAP_GROWTH_MB,
			checks,
			pass,
			rss_mb_peak: peak,
			rss_samples: samples.filter((_, i) => i % Math.max(1, Math.ceil(samples.length / 30)) === 0),
			n8n: s.runtime.n8nVersion,
			node: s.runtime.nodeVersion,
		};
		log(
			`${summary.events} events in ${deliveries} deliveries: RSS after GC ${summary.rss_mb_baseline} → ${summary.rss_mb_end} MB ` +
				`(growth ${growth} MB, limit ${MAX_GROWTH_MB}); V8 heap ${summary.heap_mb_baseline} → ${summary.heap_mb_end} MB ` +
				`(growth ${heapGrowth} MB, limit ${MAX_HEAP_GROWTH_MB}; per part ${summary.heap_steps_mb.join(' / ')} MB: ${heapMonotone ? 'MONOTONE' : 'not monotone'}); ` +
				`RSS peak without GC ${peak} MB; executions_match ${executionsMatch}; ${pass ? 'PASS' : `FAIL (${Object.entries(checks).filter(([, v]) => !v).map(([k]) => k).join(', ')})`}`,
		);
		await s.stop();
		stack = undefined;
		console.log(JSON.stringify(summary));
		process.exitCode = pass ? 0 : 1;
	} catch (error) {
		console.error(`[memory] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
		if (stack) console.error(`[memory] n8n log: ${stack.logFile}`);
		await stack?.stop().catch(() => undefined);
		process.exitCode = 1;
	} finally {
		rmSync(workDir, { recursive: true, force: true });
	}
	process.exit(process.exitCode ?? 0);
}

void main();
