/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test code: runs outside n8n, reads process.env */
/**
 * The sizes of the reliability suite. `npm run test:reliability` (inside `npm test`) runs the fast
 * budget; `npm run test:soak` sets RELIABILITY_SOAK=1 and runs the long one. Each number can be
 * overridden with its own environment variable (e.g. RELIABILITY_FUZZ_RUNS=50000).
 */
export const SOAK = process.env.RELIABILITY_SOAK === '1';

function pick(name: string, fast: number, soak: number): number {
	const raw = process.env[name];
	const value = raw === undefined ? Number.NaN : Number(raw);
	return Number.isInteger(value) && value > 0 ? value : SOAK ? soak : fast;
}

export const BUDGET = {
	/** generated inputs for the in-process webhook() fuzz */
	fuzzRuns: pick('RELIABILITY_FUZZ_RUNS', 10_000, 50_000),
	/** generated HTTP requests sent to the real n8n webhook */
	httpFuzzRuns: pick('RELIABILITY_HTTP_FUZZ_RUNS', 300, 10_000),
	/** events delivered one per request (webhook) under faults */
	singleEvents: pick('RELIABILITY_SINGLE_EVENTS', 250, 1_000),
	/** events delivered in batches (webhook_batch) under faults */
	batchEvents: pick('RELIABILITY_BATCH_EVENTS', 750, 1_000),
	/** publish / unpublish (/ restart) cycles */
	churnCycles: pick('RELIABILITY_CHURN_CYCLES', 6, 50),
	/** restart n8n in every n-th churn cycle (1 = every cycle) */
	churnRestartEvery: pick('RELIABILITY_CHURN_RESTART_EVERY', 3, 1),
};
