/**
 * The rules that excuse a duplicate execution or a lost event in the real-n8n suites (attempts.ts), on crafted
 * data: a duplicate is excused only execution by execution, each tied to its own attempt whose answer Adobe never
 * got as 2xx; a loss only by a cause that was observed.
 */
import {
	judgeDuplicate,
	judgeDuplicates,
	judgeLoss,
	successfulRunsByEvent,
	workAtDeath,
	type Attempt,
	type Death,
	type DuplicateRules,
	type EventRun,
} from './attempts';
import type { N8nExecution } from '../../scripts/n8n/n8n-api';

const RELIABILITY: DuplicateRules = { unanswered: 'across-restart', n8n5xx: true };
const WHEN_FINISHED: DuplicateRules = { unanswered: 'excused', n8n5xx: true };

function attempt(deliveryId: string, retryCount: number, status: number | null, extra: Partial<Attempt> = {}): Attempt {
	return { deliveryId, retryCount, eventIds: ['E'], status, dropped: false, sentAt: 1_000 * retryCount, answeredAt: 1_000 * retryCount + 50, ...extra };
}

function run(executionId: string, deliveryId: string | undefined, startedAt: number, extra: Partial<EventRun> = {}): EventRun {
	return { executionId, eventId: 'E', status: 'success', ...(deliveryId ? { deliveryId } : {}), startedAt, stoppedAt: startedAt + 100, ...extra };
}

const byId = (...list: Attempt[]): Map<string, Attempt> => new Map(list.map((a) => [a.deliveryId, a]));

describe('judgeDuplicate: an extra execution is excused only by its own attempt', () => {
	it('excuses an execution whose own attempt n8n answered 5xx, before the retry that ran again', () => {
		const attempts = byId(attempt('a0', 0, 500), attempt('a1', 1, 200));
		const v = judgeDuplicate('E', [run('x2', 'a1', 61_000), run('x1', 'a0', 10)], attempts, [], RELIABILITY);
		expect(v).toEqual({ eventId: 'E', executions: 2, excuses: ['n8n-5xx'], resumedAtBoot: 0 });
		// … and not when the suite does not allow that excuse
		expect(judgeDuplicate('E', [run('x1', 'a0', 10), run('x2', 'a1', 61_000)], attempts, [], { ...RELIABILITY, n8n5xx: false }).unexplained).toMatch(
			/n8n answered 5xx/,
		);
	});

	it('fails a duplicate whose 500 was on ANOTHER attempt of the event (the rule it replaces excused this)', () => {
		// n8n refused attempt #0 with a 500 (no execution), then attempt #1 was answered 200 and ran twice
		const attempts = byId(attempt('a0', 0, 500), attempt('a1', 1, 200));
		const v = judgeDuplicate('E', [run('x1', 'a1', 61_000), run('x2', 'a1', 61_005)], attempts, [], RELIABILITY);
		expect(v.unexplained).toMatch(/one delivery attempt started more than one execution/);
		// the 500 came after an acknowledged execution: Adobe had no reason to deliver again
		const late = byId(attempt('a0', 0, 200), attempt('a1', 1, 500));
		expect(judgeDuplicate('E', [run('x1', 'a0', 10), run('x2', 'a1', 61_000)], late, [], RELIABILITY).unexplained).toMatch(/Adobe got 200 for the first/);
	});

	it('does not excuse a third execution with the same single 5xx', () => {
		const attempts = byId(attempt('a0', 0, 500), attempt('a1', 1, 200), attempt('a2', 2, 200));
		const v = judgeDuplicate('E', [run('x1', 'a0', 10), run('x2', 'a1', 61_000), run('x3', 'a2', 180_000)], attempts, [], RELIABILITY);
		expect(v.unexplained).toMatch(/execution x2 \(started [^)]+\) from attempt #1 200 .*, then execution x3 .*Adobe got 200 for the first/);
	});

	it('fails executions not tied to an attempt of the event: no delivery id, an unknown one, another event’s', () => {
		const attempts = byId(attempt('a0', 0, 500), attempt('a1', 1, 200), attempt('b0', 0, null, { eventIds: ['OTHER'] }));
		expect(judgeDuplicate('E', [run('x1', undefined, 10), run('x2', 'a1', 61_000)], attempts, [], RELIABILITY).unexplained).toMatch(/not recorded/);
		expect(judgeDuplicate('E', [run('x1', 'zz', 10), run('x2', 'a1', 61_000)], attempts, [], RELIABILITY).unexplained).toMatch(/delivery zz/);
		expect(judgeDuplicate('E', [run('x1', 'b0', 10), run('x2', 'a1', 61_000)], attempts, [], RELIABILITY).unexplained).toMatch(/delivery b0/);
	});

	it('an unanswered attempt excuses a rerun only across an n8n restart when the suite says so', () => {
		const attempts = byId(attempt('a0', 0, null, { error: 'timeout' }), attempt('a1', 1, 200));
		const runs = [run('x1', 'a0', 10), run('x2', 'a1', 61_000)];
		expect(judgeDuplicate('E', runs, attempts, [], RELIABILITY).unexplained).toMatch(/no n8n restart in between/);
		const restart: Death = { killAt: 30_000, goneAt: 31_000, backAt: 40_000 };
		expect(judgeDuplicate('E', runs, attempts, [restart], RELIABILITY).excuses).toEqual(['unanswered-across-restart']);
		// a restart before both executions ties nothing, nor one whose old process was still there for the rerun
		expect(judgeDuplicate('E', runs, attempts, [{ killAt: 1, goneAt: 2, backAt: 5 }], RELIABILITY).unexplained).toBeDefined();
		expect(judgeDuplicate('E', runs, attempts, [{ killAt: 60_000, goneAt: 62_000, backAt: 70_000 }], RELIABILITY).unexplained).toBeDefined();
		expect(judgeDuplicate('E', runs, attempts, [], WHEN_FINISHED).excuses).toEqual(['unanswered']);
	});

	it('an execution n8n resumed at boot counts for the process that received its delivery (`_delivery.receivedAt`)', () => {
		const attempts = byId(attempt('a0', 0, null, { error: 'connection_failed' }), attempt('a1', 1, 200));
		const death: Death = { killAt: 30_000, goneAt: 30_500, backAt: 45_000 };
		// received by the dying process at 29.9 s, run at boot at 45.1 s; Adobe's retry received at 61 s
		const resumed = [run('x1', 'a0', 45_100, { receivedAt: 29_900 }), run('x2', 'a1', 61_010, { receivedAt: 61_000 })];
		expect(judgeDuplicate('E', resumed, attempts, [death], RELIABILITY)).toMatchObject({ excuses: ['unanswered-across-restart'], resumedAtBoot: 1 });
		// both received by the new process: the window should have stopped the retry
		const bothNew = [run('x1', 'a0', 45_100, { receivedAt: 45_000 }), run('x2', 'a1', 61_010, { receivedAt: 61_000 })];
		expect(judgeDuplicate('E', bothNew, attempts, [death], RELIABILITY).unexplained).toMatch(/no n8n restart in between/);
	});

	it('fails an execution tied to an attempt an injected fault answered (n8n never saw it) and one answered 4xx', () => {
		const faulted = byId(attempt('a0', 0, 502, { fault: 'status 502' }), attempt('a1', 1, 200));
		expect(judgeDuplicate('E', [run('x1', 'a0', 10), run('x2', 'a1', 61_000)], faulted, [], RELIABILITY).unexplained).toMatch(/injected fault/);
		const refused = byId(attempt('a0', 0, 401), attempt('a1', 1, 200));
		expect(judgeDuplicate('E', [run('x1', 'a0', 10), run('x2', 'a1', 61_000)], refused, [], WHEN_FINISHED).unexplained).toMatch(/Adobe got 401/);
	});

	it('judgeDuplicates counts duplicates, extra executions and excuses; one event per batch attempt', () => {
		const batch0 = attempt('b0', 0, 500, { eventIds: ['E', 'F'] });
		const batch1 = attempt('b1', 1, 200, { eventIds: ['E', 'F'] });
		const other = attempt('c0', 0, 200, { eventIds: ['G'] });
		const runs = new Map<string, EventRun[]>([
			['E', [run('x1', 'b0', 10), run('x3', 'b1', 61_000)]],
			['F', [run('x1', 'b0', 10, { eventId: 'F' })]],
			// G was in no 5xx attempt: the batch's 500 does not excuse it
			['G', [run('y1', 'c0', 20, { eventId: 'G' }), run('y2', 'c0', 25, { eventId: 'G' })]],
		]);
		const report = judgeDuplicates(runs, byId(batch0, batch1, other), [], RELIABILITY);
		expect(report.duplicates).toBe(2);
		expect(report.extraExecutions).toBe(2);
		expect(report.excused).toEqual({ unanswered: 0, 'unanswered-across-restart': 0, 'n8n-5xx': 1 });
		expect(report.resumedAtBoot).toBe(0);
		expect(report.unexplained).toEqual([expect.stringMatching(/^G ran 2×/)]);
	});

	it('successfulRunsByEvent reads eventid and _delivery.deliveryId from the trigger items of successful executions only', () => {
		const execution = (id: string, status: string, items: Array<Record<string, unknown>>): N8nExecution => ({
			id,
			finished: status === 'success',
			mode: 'webhook',
			status,
			workflowId: 'w',
			startedAt: '2026-01-01T00:00:00.000Z',
			stoppedAt: null,
			data: { resultData: { runData: { Trigger: [{ data: { main: [items.map((json) => ({ json }))] } }] } } },
		});
		const runs = successfulRunsByEvent(
			[
				execution('1', 'success', [{ eventid: 'E', _delivery: { deliveryId: 'd1', receivedAt: '2025-12-31T23:59:59.500Z' } }, { eventid: 'F' }]),
				execution('2', 'crashed', [{ eventid: 'E', _delivery: { deliveryId: 'd2' } }]),
			],
			'Trigger',
		);
		expect([...runs.keys()]).toEqual(['E', 'F']);
		expect(runs.get('E')).toEqual([expect.objectContaining({ executionId: '1', deliveryId: 'd1', receivedAt: Date.parse('2025-12-31T23:59:59.500Z'), startedAt: Date.parse('2026-01-01T00:00:00.000Z') })]);
		expect(runs.get('F')?.[0].deliveryId).toBeUndefined();
	});
});

describe('judgeLoss: a lost event needs a cause that was observed', () => {
	const deaths: Death[] = [
		{ killAt: 10_000, goneAt: 11_000, backAt: 20_000 },
		{ killAt: 40_000, goneAt: 52_000, backAt: 60_000 },
	];
	const acked = (answeredAt: number): Attempt => ({ ...attempt('a0', 0, 200), sentAt: answeredAt - 20, answeredAt });
	const ALL = ['unfinished-at-death', 'acknowledged-then-died', 'startup-404'] as const;

	it('unfinished-at-death: an execution holding it never finished and began in a process that was then killed', () => {
		const crashed = run('x1', 'a0', 35_000, { status: 'crashed' });
		expect(judgeLoss('E', { attempts: [acked(34_990)], unfinished: [crashed], deaths, allowed: ALL })).toEqual({ cause: 'unfinished-at-death' });
		// started after the last restart: no death took it
		const late = run('x1', 'a0', 65_000, { status: 'crashed' });
		expect(judgeLoss('E', { attempts: [acked(64_990)], unfinished: [late], deaths, allowed: ALL })).toEqual({
			unexplained: expect.stringMatching(/in execution x1 \(crashed\)/),
		});
		// an execution that failed on its own is no crash
		const failed = run('x1', 'a0', 35_000, { status: 'error' });
		expect(judgeLoss('E', { attempts: [acked(34_990)], unfinished: [failed], deaths, allowed: ALL })).toHaveProperty('unexplained');
		// never started (no startedAt): the time of its 2xx places it
		const queued = run('x1', 'a0', 0, { status: 'new', startedAt: undefined });
		expect(judgeLoss('E', { attempts: [acked(45_000)], unfinished: [queued], deaths, allowed: ALL })).toEqual({ cause: 'unfinished-at-death' });
	});

	it('acknowledged-then-died: a 2xx right before (or while) n8n was killed or stopped, and no execution at all', () => {
		expect(judgeLoss('E', { attempts: [acked(39_000)], unfinished: [], deaths, allowed: ALL })).toEqual({ cause: 'acknowledged-then-died' });
		expect(judgeLoss('E', { attempts: [acked(45_000)], unfinished: [], deaths, allowed: ALL })).toEqual({ cause: 'acknowledged-then-died' });
		// acknowledged long before the death: the death does not explain it
		expect(judgeLoss('E', { attempts: [acked(30_000)], unfinished: [], deaths, allowed: ALL })).toEqual({
			unexplained: 'E: attempts #0 200 sent 1970-01-01T00:00:29.980Z, 20 ms; in no execution',
		});
		// a cause the suite does not allow is no excuse
		expect(judgeLoss('E', { attempts: [acked(39_000)], unfinished: [], deaths, allowed: ['unfinished-at-death'] })).toHaveProperty('unexplained');
	});

	it('startup-404 only when allowed; an event never attempted is unexplained', () => {
		const dropped: Attempt = { ...attempt('a0', 0, 404), dropped: true };
		expect(judgeLoss('E', { attempts: [dropped], unfinished: [], deaths, allowed: ALL })).toEqual({ cause: 'startup-404' });
		expect(judgeLoss('E', { attempts: [dropped], unfinished: [], deaths, allowed: ['unfinished-at-death'] })).toHaveProperty('unexplained');
		expect(judgeLoss('E', { attempts: [], unfinished: [], deaths, allowed: ALL })).toEqual({ unexplained: 'E: attempts never attempted; in no execution' });
	});
});

describe('workAtDeath', () => {
	it('counts attempts in flight and executions running at the kill', () => {
		const killAt = 10_000;
		const attempts: Attempt[] = [
			{ ...attempt('a', 0, null), sentAt: 9_000, answeredAt: 19_000 }, // in flight (no answer before the kill)
			{ ...attempt('b', 0, 200), sentAt: 9_000, answeredAt: 9_500 }, // answered before
			{ ...attempt('c', 0, 200), sentAt: 10_500, answeredAt: 10_600 }, // after
			{ ...attempt('d', 0, 502, { fault: 'status 502' }), sentAt: 9_999, answeredAt: 10_001 }, // never reached n8n
		];
		const executions = [
			{ startedAt: 9_900, stoppedAt: 10_100 },
			{ startedAt: 9_000 }, // crashed, never stopped
			{ startedAt: 8_000, stoppedAt: 9_000 },
			{ startedAt: 10_001 },
		];
		expect(workAtDeath({ killAt }, attempts, executions)).toEqual({ attemptsInFlight: 1, executionsRunning: 2 });
		expect(workAtDeath({ killAt: 100_000 }, attempts, [])).toEqual({ attemptsInFlight: 0, executionsRunning: 0 });
	});
});
