/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- harness code: runs outside n8n, reads /proc and n8n's /metrics, waits with timers */
/**
 * n8n's performance settings as the benchmarks name them, and what a benchmark reads from a running n8n
 * besides its answers:
 *
 * - n8n's expression-engine counters from its Prometheus endpoint (`/metrics`, served when the stack
 *   runs with `N8N_METRICS=true`; see METRICS_ENV). n8n 2.40 registers them in
 *   `expression-observability.provider.js`: `expression_pool_acquired_total` counts isolates taken
 *   (every acquisition under eager mode; under N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE only those a real
 *   evaluation needed), `expression_evaluation_duration_seconds_count` counts evaluations. Both stay 0
 *   with the legacy engine, which has no isolates.
 * - the resident set size of the n8n process (Linux /proc).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Stack } from './stack';

/** Environment that makes n8n serve /metrics (expression counters included). */
export const METRICS_ENV: Record<string, string> = { N8N_METRICS: 'true' };

/**
 * The n8n expression-engine settings the benchmarks compare:
 * - default: n8n 2.40's defaults (`vm` engine: an isolated-vm isolate per webhook request of any node but
 *   n8n's own Webhook node, per credential read and per execution);
 * - lazy: `N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true` (an isolate only when an expression is really evaluated);
 * - legacy: `N8N_EXPRESSION_ENGINE=legacy` (no isolates, and no sandbox around expressions).
 */
export const ENGINE_MODES = {
	default: {},
	lazy: { N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE: 'true' },
	legacy: { N8N_EXPRESSION_ENGINE: 'legacy' },
} as const satisfies Record<string, Record<string, string>>;
export type EngineMode = keyof typeof ENGINE_MODES;

/** `--name <number>` from a benchmark's command line (fallback when absent); refuses values below `min`. */
export function numberOption(argv: string[], name: string, fallback: number, min = Number.MIN_VALUE): number {
	const index = argv.indexOf(`--${name}`);
	if (index < 0) return fallback;
	const value = Number(argv[index + 1]);
	if (!Number.isFinite(value) || value < min) {
		throw new Error(`--${name} needs ${min === Number.MIN_VALUE ? 'a positive number' : `a number ≥ ${min}`}`);
	}
	return value;
}

/**
 * The mode chosen on a benchmark's command line: `--lazy`, `--engine legacy` (or `--engine vm`, the
 * default), or `--mode default|lazy|legacy`; `--engine legacy --lazy` is refused (lazy is a vm setting).
 */
export function engineModeFromArgs(argv: string[]): EngineMode {
	const valueOf = (flag: string): string | undefined => {
		const index = argv.indexOf(flag);
		return index < 0 ? undefined : argv[index + 1];
	};
	const mode = valueOf('--mode');
	if (mode !== undefined) {
		if (!(mode in ENGINE_MODES)) throw new Error(`--mode is one of ${Object.keys(ENGINE_MODES).join(', ')}`);
		return mode as EngineMode;
	}
	const engine = valueOf('--engine');
	if (engine !== undefined && engine !== 'vm' && engine !== 'legacy') {
		throw new Error('--engine is vm (n8n 2.40 default) or legacy');
	}
	const lazy = argv.includes('--lazy');
	if (engine === 'legacy' && lazy) throw new Error('--lazy is a setting of the vm engine; it cannot go with --engine legacy');
	if (engine === 'legacy') return 'legacy';
	return lazy ? 'lazy' : 'default';
}

export interface ExpressionCounters {
	/** Isolates acquired (n8n_expression_pool_acquired_total). */
	isolates: number;
	/** Expressions evaluated by the vm engine (n8n_expression_evaluation_duration_seconds_count, all labels). */
	evaluations: number;
	/** Isolates built synchronously on the request path (lazy mode, pool empty). */
	coldStarts: number;
}

function sumOf(text: string, metric: string): number {
	let sum = 0;
	for (const line of text.split('\n')) {
		if (line.startsWith('#')) continue;
		const match = /^([a-zA-Z_:][\w:]*)(\{[^}]*\})?\s+([-+\d.eE]+|NaN)/.exec(line);
		if (!match || !match[1].endsWith(metric)) continue;
		const value = Number(match[3]);
		if (Number.isFinite(value)) sum += value;
	}
	return sum;
}

/** Reads the counters; throws when n8n does not serve /metrics (stack started without METRICS_ENV). */
export async function expressionCounters(stack: Stack): Promise<ExpressionCounters> {
	const response = await fetch(`${stack.n8nUrl}/metrics`);
	const text = await response.text();
	if (!response.ok) throw new Error(`n8n's /metrics answered ${response.status}: start n8n with N8N_METRICS=true`);
	return {
		isolates: sumOf(text, 'expression_pool_acquired_total'),
		evaluations: sumOf(text, 'expression_evaluation_duration_seconds_count'),
		coldStarts: sumOf(text, 'expression_pool_cold_start_sync_total'),
	};
}

export function counterDelta(after: ExpressionCounters, before: ExpressionCounters): ExpressionCounters {
	return {
		isolates: after.isolates - before.isolates,
		evaluations: after.evaluations - before.evaluations,
		coldStarts: after.coldStarts - before.coldStarts,
	};
}

/** Resident set size of a process in MB (Linux), or undefined when it cannot be read. */
export function rssMb(pid: number | undefined): number | undefined {
	if (!pid) return undefined;
	try {
		const status = readFileSync(`/proc/${pid}/status`, 'utf8');
		const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
		return kb ? Math.round((Number(kb[1]) / 1024) * 10) / 10 : undefined;
	} catch {
		return undefined;
	}
}

// ----------------------------------------------------------------------------- expression probe

/** What scripts/n8n/expression-probe.cjs writes (counters since n8n initialised its expression engine). */
export interface ProbeSnapshot {
	scopes: number;
	bridges: number;
	lazyBridges: number;
	evaluations: number;
	/** "expression @ caller frames" → count */
	byExpression: Record<string, number>;
	/** caller frames of acquire() → scopes opened (an isolate each under eager acquisition) */
	byScope: Record<string, number>;
	/** "node type: webhook()" / "node type: getNodeParameter(name)" / "…getCredentials(type)" → calls and wall ms */
	calls: Record<string, { count: number; ms: number }>;
	/** which of n8n's methods the probe wraps (true: installed) — a call count of 0 means nothing without it */
	timers?: Record<string, boolean>;
}

/**
 * Environment that preloads the expression probe into n8n (attribution of evaluations to the code that
 * asked for them). For benchmarks only: it captures a stack trace per evaluation.
 */
export function probeEnv(probeFile: string, n8nPackageDir: string): Record<string, string> {
	return {
		NODE_OPTIONS: `--require ${join(__dirname, 'expression-probe.cjs')}`,
		EXPRESSION_PROBE_FILE: probeFile,
		EXPRESSION_PROBE_RESOLVE_FROM: n8nPackageDir,
	};
}

export function readProbe(probeFile: string): ProbeSnapshot | undefined {
	try {
		return JSON.parse(readFileSync(probeFile, 'utf8')) as ProbeSnapshot;
	} catch {
		return undefined;
	}
}

/** What happened between two probe snapshots: counter deltas and the evaluations that were added. */
export function probeDelta(after: ProbeSnapshot | undefined, before: ProbeSnapshot | undefined): ProbeSnapshot | undefined {
	if (!after) return undefined;
	const base: ProbeSnapshot = before ?? { scopes: 0, bridges: 0, lazyBridges: 0, evaluations: 0, byExpression: {}, byScope: {}, calls: {} };
	const calls: ProbeSnapshot['calls'] = {};
	for (const [key, now] of Object.entries(after.calls ?? {})) {
		const then = base.calls?.[key] ?? { count: 0, ms: 0 };
		if (now.count > then.count) calls[key] = { count: now.count - then.count, ms: now.ms - then.ms };
	}
	const added = (now: Record<string, number>, then: Record<string, number>): Record<string, number> => {
		const result: Record<string, number> = {};
		for (const [key, count] of Object.entries(now ?? {})) {
			const more = count - (then?.[key] ?? 0);
			if (more > 0) result[key] = more;
		}
		return result;
	};
	return {
		scopes: after.scopes - base.scopes,
		bridges: after.bridges - base.bridges,
		lazyBridges: after.lazyBridges - base.lazyBridges,
		evaluations: after.evaluations - base.evaluations,
		byExpression: added(after.byExpression, base.byExpression),
		byScope: added(after.byScope, base.byScope),
		calls,
		timers: after.timers,
	};
}

// ----------------------------------------------------------------------------- executions

function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * n8n's execution count for a workflow once its list is settled (N8nClient.settledExecutions: nothing queued or
 * running, two listings `stableMs` apart alike). Throws when the list never settles within `timeoutMs` — a
 * benchmark must not go on with a count that was still moving.
 */
export async function settledExecutionCount(stack: Stack, workflowId: string, stableMs = 1000, timeoutMs = 300_000): Promise<number> {
	return (await stack.client.settledExecutions(workflowId, { quietMs: stableMs, timeoutMs })).length;
}

// ----------------------------------------------------------------------------- memory probe

/** Memory of the n8n process after two full garbage collections (bytes, from process.memoryUsage()). */
export interface MemoryAfterGc {
	rss: number;
	heapUsed: number;
	heapTotal: number;
	external: number;
	arrayBuffers: number;
}

/** Environment that preloads the memory probe into n8n (GC + memoryUsage on request). For benchmarks only. */
export function memoryProbeEnv(probeFile: string): Record<string, string> {
	return {
		NODE_OPTIONS: `--require ${join(__dirname, 'memory-probe.cjs')}`,
		MEMORY_PROBE_FILE: probeFile,
	};
}

/** Asks the memory probe in the n8n process `pid` for a GC and its memory afterwards. */
export async function memoryAfterGc(probeFile: string, pid: number | undefined, timeoutMs = 15000): Promise<MemoryAfterGc> {
	const read = (): { seq?: number; pid?: number } & Partial<MemoryAfterGc> => {
		try {
			return JSON.parse(readFileSync(probeFile, 'utf8')) as { seq?: number; pid?: number } & Partial<MemoryAfterGc>;
		} catch {
			return {};
		}
	};
	const before = read();
	if (!pid || before.pid !== pid) throw new Error(`the memory probe is not loaded in n8n (pid ${pid}; ${probeFile})`);
	process.kill(pid, 'SIGUSR2');
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		await sleep(100);
		const now = read();
		if ((now.seq ?? 0) > (before.seq ?? 0) && now.rss !== undefined) {
			return {
				rss: now.rss,
				heapUsed: now.heapUsed ?? 0,
				heapTotal: now.heapTotal ?? 0,
				external: now.external ?? 0,
				arrayBuffers: now.arrayBuffers ?? 0,
			};
		}
	}
	throw new Error('the memory probe did not answer');
}

/** The memory benchmark's limits (scripts/bench-memory.ts). */
export interface MemoryLimits {
	/** RSS after GC: end − baseline must stay under this (MB) */
	maxRssGrowthMb: number;
	/** V8 heap used after GC: end − baseline must stay under this (MB) */
	maxHeapGrowthMb: number;
	/** heap growth at every checkpoint is a leak once it adds up to this much (MB) */
	monotoneMinTotalMb: number;
}

/**
 * The memory verdict (pure): RSS and heap growth from the baseline (checkpoint 0) to the end under their limits,
 * and no monotone heap growth — a rise at every checkpoint that adds up to `monotoneMinTotalMb` or more.
 */
export function judgeMemory(
	checkpoints: ReadonlyArray<{ rss_mb: number; heap_mb: number }>,
	end: { rss_mb: number; heap_mb: number },
	limits: MemoryLimits,
): { rssGrowthMb: number; heapGrowthMb: number; heapStepsMb: number[]; heapMonotone: boolean; checks: Record<string, boolean> } {
	const r1 = (x: number): number => Math.round(x * 10) / 10;
	const [baseline] = checkpoints;
	const rssGrowthMb = r1(end.rss_mb - baseline.rss_mb);
	const heapGrowthMb = r1(end.heap_mb - baseline.heap_mb);
	const heapStepsMb = checkpoints.slice(1).map((c, i) => r1(c.heap_mb - checkpoints[i].heap_mb));
	const heapMonotone =
		heapStepsMb.length > 0 && heapStepsMb.every((step) => step > 0) && heapStepsMb.reduce((a, b) => a + b, 0) >= limits.monotoneMinTotalMb;
	return {
		rssGrowthMb,
		heapGrowthMb,
		heapStepsMb,
		heapMonotone,
		checks: {
			rss_growth_under_limit: rssGrowthMb < limits.maxRssGrowthMb,
			heap_growth_under_limit: heapGrowthMb < limits.maxHeapGrowthMb,
			heap_not_monotone: !heapMonotone,
		},
	};
}
