/**
 * The benchmark's execution matching (scripts/n8n/accounting.ts, used as-is by scripts/bench-ingest.ts) on crafted
 * data: a slot with a missing or doubled event id, a foreign id or a failed execution makes the benchmark exit
 * non-zero; one that matched exits 0. Also the median/spread and the ABBA order the headline numbers rest on.
 */
import { abbaOrder, benchVerdict, matchExecutions, median, spread, type ExecutedEvents, type Ledger } from '../../scripts/n8n/accounting';

function ledger(sent: string[], acknowledged: string[] = sent): Ledger {
	return { slot: 'round 1 trigger', sent: new Set(sent), acknowledged: new Set(acknowledged) };
}

const run = (executionId: string, eventIds: string[], status = 'success'): ExecutedEvents => ({ executionId, status, eventIds });

describe('matchExecutions + benchVerdict', () => {
	it('every acknowledged id in exactly one successful execution → match, exit 0', () => {
		const account = matchExecutions(ledger(['a', 'b', 'c']), [run('1', ['a']), run('2', ['b']), run('3', ['c'])]);
		expect(account).toMatchObject({ ok: true, sent: 3, acknowledged: 3, executions: 3, missing: 0, doubled: 0 });
		expect(benchVerdict([account])).toEqual({ exitCode: 0, reasons: [] });
	});

	it('a missing event id → no match, exit 1', () => {
		const account = matchExecutions(ledger(['a', 'b', 'c']), [run('1', ['a']), run('2', ['b'])]);
		expect(account).toMatchObject({ ok: false, missing: 1 });
		expect(account.problems).toEqual(['c was answered 2xx but no successful execution holds it']);
		expect(benchVerdict([account]).exitCode).toBe(1);
	});

	it('a doubled event id → no match, exit 1 (also twice inside one batch execution)', () => {
		const twice = matchExecutions(ledger(['a', 'b']), [run('1', ['a']), run('2', ['b']), run('3', ['a'])]);
		expect(twice).toMatchObject({ ok: false, doubled: 1 });
		expect(benchVerdict([twice]).exitCode).toBe(1);
		const inOne = matchExecutions(ledger(['a', 'b']), [run('1', ['a', 'b', 'a'])]);
		expect(inOne).toMatchObject({ ok: false, doubled: 1 });
		// an unacknowledged request (in flight when the load stopped) may run once, not twice
		const inFlight = matchExecutions(ledger(['a', 'b'], ['a']), [run('1', ['a']), run('2', ['b']), run('3', ['b'])]);
		expect(inFlight).toMatchObject({ ok: false, doubled: 1 });
		expect(benchVerdict([inFlight]).exitCode).toBe(1);
	});

	it('an unacknowledged request that ran once or not at all is fine', () => {
		const account = matchExecutions(ledger(['a', 'b', 'c'], ['a']), [run('1', ['a']), run('2', ['b'])]);
		expect(account).toMatchObject({ ok: true, ranUnacknowledged: 1, missing: 0 });
	});

	it('a foreign event id or a failed execution → exit 1', () => {
		const foreign = matchExecutions(ledger(['a']), [run('1', ['a']), run('2', ['zz'])]);
		expect(foreign).toMatchObject({ ok: false, foreign: 1 });
		const failed = matchExecutions(ledger(['a', 'b'], ['a']), [run('1', ['a']), run('2', ['b'], 'error')]);
		expect(failed).toMatchObject({ ok: false, failed: 1 });
		expect(benchVerdict([foreign]).exitCode).toBe(1);
		expect(benchVerdict([failed]).exitCode).toBe(1);
	});

	it('one bad slot among good ones, a count that never settled, or nothing acknowledged → exit 1', () => {
		const good = matchExecutions(ledger(['a']), [run('1', ['a'])]);
		const bad = matchExecutions({ ...ledger(['b']), slot: 'round 2 batch' }, []);
		expect(benchVerdict([good, bad])).toEqual({ exitCode: 1, reasons: [expect.stringMatching(/^round 2 batch: b was answered 2xx/)] });
		expect(benchVerdict([good], ['round 3 webhook']).exitCode).toBe(1);
		expect(benchVerdict([matchExecutions(ledger([]), [])]).exitCode).toBe(1);
	});
});

describe('median, spread, ABBA', () => {
	it('median of odd and even counts; spread rounds to two decimals', () => {
		expect(median([3, 1, 2])).toBe(2);
		expect(median([4, 1, 3, 2])).toBe(2.5);
		expect(() => median([])).toThrow();
		expect(spread([1.004, 0.9, 1.2, 1.1, 0.95])).toEqual({ median: 1, min: 0.9, max: 1.2 });
	});

	it('rounds run forward, reverse, reverse, forward, …: balanced over every four rounds', () => {
		expect([1, 2, 3, 4, 5, 6, 7, 8].map(abbaOrder)).toEqual(['forward', 'reverse', 'reverse', 'forward', 'forward', 'reverse', 'reverse', 'forward']);
	});
});
