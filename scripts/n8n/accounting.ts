/**
 * Did every request a benchmark sent become exactly one successful execution? Pure: the benchmark keeps a ledger
 * of the event ids it sent (each request carries fresh ones) and of those n8n answered 2xx, then hands it the
 * executions n8n recorded; `matchExecutions` says what matched, `benchVerdict` decides the exit code.
 * test/scripts/accounting.test.ts feeds both crafted data; scripts/bench-ingest.ts uses exactly these.
 *
 * Rules, per event id:
 * - answered 2xx → exactly one successful execution holds it (missing: lost; more: doubled);
 * - sent but not answered (autocannon stops with requests in flight; they still reach n8n) → at most one;
 * - every event id an execution holds was sent in that slot (else foreign), once per execution;
 * - every execution succeeded.
 */

/** What one measured slot (a phase in a round) sent. */
export interface Ledger {
	slot: string;
	/** every event id sent */
	sent: Set<string>;
	/** the event ids of requests answered 2xx */
	acknowledged: Set<string>;
}

/** One execution n8n recorded, with the event ids its start node output. */
export interface ExecutedEvents {
	executionId: string;
	status: string;
	eventIds: string[];
}

export interface SlotAccount {
	slot: string;
	sent: number;
	acknowledged: number;
	executions: number;
	/** acknowledged ids without a successful execution */
	missing: number;
	/** ids in more than one execution (or twice in one) */
	doubled: number;
	/** sent, not acknowledged, ran once (in flight when the load generator stopped) */
	ranUnacknowledged: number;
	/** ids no request of this slot sent */
	foreign: number;
	/** executions that did not succeed */
	failed: number;
	problems: string[];
	ok: boolean;
}

/** Matches one slot's ledger against the executions that appeared during it. */
export function matchExecutions(ledger: Ledger, executions: readonly ExecutedEvents[]): SlotAccount {
	const problems: string[] = [];
	const holders = new Map<string, string[]>();
	let failed = 0;
	let foreign = 0;
	for (const execution of executions) {
		if (execution.status !== 'success') {
			failed++;
			problems.push(`execution ${execution.executionId} ended ${execution.status}`);
		}
		for (const id of execution.eventIds) {
			if (!ledger.sent.has(id)) {
				foreign++;
				problems.push(`execution ${execution.executionId} holds ${id}, which this slot never sent`);
				continue;
			}
			if (execution.status === 'success') holders.set(id, [...(holders.get(id) ?? []), execution.executionId]);
		}
	}
	let missing = 0;
	let doubled = 0;
	let ranUnacknowledged = 0;
	for (const id of ledger.sent) {
		const ran = holders.get(id) ?? [];
		if (ran.length > 1) {
			doubled++;
			problems.push(`${id} ran ${ran.length}× (executions ${ran.join(', ')})`);
		} else if (ledger.acknowledged.has(id) && ran.length === 0) {
			missing++;
			problems.push(`${id} was answered 2xx but no successful execution holds it`);
		} else if (!ledger.acknowledged.has(id) && ran.length === 1) {
			ranUnacknowledged++;
		}
	}
	return {
		slot: ledger.slot,
		sent: ledger.sent.size,
		acknowledged: ledger.acknowledged.size,
		executions: executions.length,
		missing,
		doubled,
		ranUnacknowledged,
		foreign,
		failed,
		problems: problems.slice(0, 20),
		ok: problems.length === 0,
	};
}

/**
 * The benchmark's exit code: 1 when any slot did not match or a measurement did not settle (`unsettled`: what
 * never settled), 1 when nothing was acknowledged at all (nothing was proven), else 0.
 */
export function benchVerdict(accounts: readonly SlotAccount[], unsettled: readonly string[] = []): { exitCode: 0 | 1; reasons: string[] } {
	const reasons = [
		...unsettled.map((what) => `never settled: ${what}`),
		...accounts.filter((a) => !a.ok).map((a) => `${a.slot}: ${a.problems.length ? a.problems.slice(0, 3).join('; ') : 'no match'}`),
	];
	if (!accounts.some((a) => a.acknowledged > 0)) reasons.push('no request was acknowledged: nothing to match');
	return { exitCode: reasons.length ? 1 : 0, reasons };
}

/** Median of a non-empty list (mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
	if (!values.length) throw new Error('median of nothing');
	const sorted = [...values].sort((a, b) => a - b);
	const mid = sorted.length >> 1;
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Median with its min–max, rounded to two decimals. */
export function spread(values: readonly number[]): { median: number; min: number; max: number } {
	const r = (x: number): number => Math.round(x * 100) / 100;
	return { median: r(median(values)), min: r(Math.min(...values)), max: r(Math.max(...values)) };
}

/**
 * ABBA phase order: rounds 1, 4, 5, 8 … run the phases forward, rounds 2, 3, 6, 7 … in reverse, so over every
 * four rounds each phase runs as often early as late in a round and early as late in the run.
 */
export function abbaOrder(round: number): 'forward' | 'reverse' {
	const r = (round - 1) % 4;
	return r === 0 || r === 3 ? 'forward' : 'reverse';
}
