/**
 * Executions tied to Adobe's delivery attempts — the one owner of how the real-n8n suites excuse a duplicate
 * execution or a lost event. Pure: it judges data the suites collected (n8n's executions, the emulator's
 * delivery log, the times n8n was stopped); the unit test (attempts.test.ts) feeds it crafted cases.
 *
 * The tie: with Options → Include Delivery Metadata on, every item of an execution carries
 * `_delivery.deliveryId` = the `x-adobe-delivery-id` of the attempt that started it, and the emulator's delivery
 * log holds that attempt (its answer, its retry number, its time).
 *
 * - A DUPLICATE (an event with more than one successful execution) is excused only execution by execution:
 *   ordered by their attempts' retry numbers, every execution but the last must come from an attempt whose
 *   answer Adobe never got as 2xx — so Adobe retried, and its retry ran the event again:
 *     · no answer (Adobe's 10 s passed, the connection dropped): `unanswered`; a suite may demand that an n8n
 *       restart lies between the deliveries that started this execution and the next (`unanswered:
 *       'across-restart'`, by `_delivery.receivedAt`), because within one process the trigger's de-duplication
 *       window must have stopped the retry. (n8n 2.x runs at boot what the previous process had queued but not
 *       started, so such an execution may start after the restart: the delivery, not the start, is what counts.)
 *     · n8n answered that very attempt 5xx although it had started its execution: `n8n-5xx` (only when the suite
 *       allows it).
 *   Anything else is unexplained: an execution not tied to an attempt of this event, one attempt starting two
 *   executions, an attempt answered 2xx or 4xx (or answered by an injected fault) followed by another execution.
 * - A LOSS (an event without a successful execution) is excused only by a cause the suite observed, among those it
 *   allows: `unfinished-at-death` (an execution holding the event never finished, and it started in an n8n
 *   process that was then killed or stopped), `acknowledged-then-died` (n8n answered 2xx and was killed or stopped
 *   right after, before any execution of it exists), `startup-404` (Adobe dropped the event after n8n's
 *   start-up 404).
 */
import type { EmulatorDelivery } from '../../scripts/n8n/emulator-control';
import type { N8nExecution } from '../../scripts/n8n/n8n-api';

/** One delivery attempt as Adobe (the emulator) logged it. Times are wall-clock ms where known. */
export interface Attempt {
	deliveryId: string;
	retryCount: number;
	eventIds: string[];
	/** n8n's HTTP status; null when no answer came */
	status: number | null;
	error?: string;
	/** an injected fault answered (or swallowed) the attempt instead of n8n */
	fault?: string;
	/** Adobe gave up on the event after this attempt (a 4xx, or retries exhausted) */
	dropped: boolean;
	sentAt?: number;
	/** when the answer (or the error) came */
	answeredAt?: number;
}

/** One event in one execution: the trigger item holding it, and what ties it to an attempt. */
export interface EventRun {
	executionId: string;
	eventId: string;
	status: string;
	/** `_delivery.deliveryId` of the item (Include Delivery Metadata) */
	deliveryId?: string;
	/** `_delivery.receivedAt`: when the trigger took the delivery (in the process that answered it) */
	receivedAt?: number;
	startedAt?: number;
	stoppedAt?: number;
}

/** An n8n restart, crash or stop: from the signal (`killAt`) to the process being gone and back. */
export interface Death {
	killAt: number;
	goneAt: number;
	backAt: number;
}

export type Excuse = 'unanswered' | 'unanswered-across-restart' | 'n8n-5xx';
export type LossCause = 'unfinished-at-death' | 'acknowledged-then-died' | 'startup-404';

export interface DuplicateRules {
	/** an execution whose attempt got no answer: excused anywhere, or only when an n8n restart lies before the next one */
	unanswered: 'excused' | 'across-restart';
	/** an execution whose attempt n8n answered 5xx */
	n8n5xx: boolean;
}

export interface DuplicateVerdict {
	eventId: string;
	executions: number;
	/** one per execution beyond the first, when all are excused */
	excuses: Excuse[];
	/** of the excused reruns across a restart: how many first runs n8n started only at boot (taken before, run after) */
	resumedAtBoot: number;
	unexplained?: string;
}

export interface DuplicateReport {
	/** events with more than one successful execution */
	duplicates: number;
	extraExecutions: number;
	excused: Record<Excuse, number>;
	/** excused reruns whose first execution n8n 2.x started at boot from the previous process's queue */
	resumedAtBoot: number;
	unexplained: string[];
}

/** Execution statuses that mean "never finished": it was running or queued when its process went away. */
export const UNFINISHED_STATUSES: ReadonlySet<string> = new Set(['crashed', 'new', 'running', 'unknown', 'waiting']);

/** How long before n8n was killed or stopped a 2xx answer may come for `acknowledged-then-died`. */
export const ACK_BEFORE_DEATH_MS = 2_000;

const ok = (status: number | null | undefined): boolean => typeof status === 'number' && status >= 200 && status < 300;

export function describeAttempt(a: Attempt): string {
	const when = a.sentAt === undefined ? '' : ` sent ${new Date(a.sentAt).toISOString()}, ${Math.round((a.answeredAt ?? a.sentAt) - a.sentAt)} ms`;
	return `#${a.retryCount} ${a.status ?? a.error ?? 'no answer'}${a.fault ? ` (fault ${a.fault})` : ''}${when}`;
}

/**
 * An emulator log record as an Attempt. Its `time` is on the emulator clock: `toWall` maps it to wall-clock ms;
 * without it (a manual clock) the attempt has no times.
 */
export function attemptOf(d: EmulatorDelivery, toWall?: (emulatedMs: number) => number): Attempt {
	const sentAt = toWall?.(Date.parse(d.time));
	return {
		deliveryId: d.delivery_id,
		retryCount: d.retry_count,
		eventIds: d.event_ids,
		status: d.status,
		...(d.error ? { error: d.error } : {}),
		...(d.fault ? { fault: d.fault } : {}),
		dropped: d.outcome === 'dropped' || d.outcome === 'retries_exhausted',
		...(sentAt !== undefined ? { sentAt, answeredAt: sentAt + d.duration_ms } : {}),
	};
}

const timeOf = (iso: string | null | undefined): number | undefined => {
	const t = iso ? Date.parse(iso) : Number.NaN;
	return Number.isFinite(t) ? t : undefined;
};

/** Every event an execution's trigger output holds (one item per event), with its delivery id when present. */
export function runsOf(execution: N8nExecution, triggerName: string): EventRun[] {
	const runs: EventRun[] = [];
	for (const run of execution.data?.resultData.runData[triggerName] ?? []) {
		for (const item of run.data?.main[0] ?? []) {
			const json = item.json;
			const id = json.eventid ?? json.event_id ?? (json.event as Record<string, unknown> | undefined)?.eventid;
			const delivery = json._delivery as Record<string, unknown> | undefined;
			runs.push({
				executionId: String(execution.id),
				eventId: typeof id === 'string' ? id : '(none)',
				status: execution.status,
				...(typeof delivery?.deliveryId === 'string' ? { deliveryId: delivery.deliveryId } : {}),
				...(typeof delivery?.receivedAt === 'string' && timeOf(delivery.receivedAt) !== undefined ? { receivedAt: timeOf(delivery.receivedAt) } : {}),
				startedAt: timeOf(execution.startedAt),
				stoppedAt: timeOf(execution.stoppedAt),
			});
		}
	}
	return runs;
}

/** eventid → its runs in SUCCESSFUL executions (an execution counts once per event). */
export function successfulRunsByEvent(executions: readonly N8nExecution[], triggerName: string): Map<string, EventRun[]> {
	const byEvent = new Map<string, EventRun[]>();
	for (const execution of executions) {
		if (execution.status !== 'success') continue;
		const seen = new Set<string>();
		for (const run of runsOf(execution, triggerName)) {
			if (seen.has(run.eventId)) continue;
			seen.add(run.eventId);
			byEvent.set(run.eventId, [...(byEvent.get(run.eventId) ?? []), run]);
		}
	}
	return byEvent;
}

/** The verdict on one event's successful executions (see the file comment). */
export function judgeDuplicate(
	eventId: string,
	runs: readonly EventRun[],
	attempts: ReadonlyMap<string, Attempt>,
	restarts: readonly Death[],
	rules: DuplicateRules,
): DuplicateVerdict {
	let resumedAtBoot = 0;
	const verdict = (excuses: Excuse[], unexplained?: string): DuplicateVerdict => ({
		eventId,
		executions: runs.length,
		excuses,
		resumedAtBoot,
		...(unexplained ? { unexplained: `${eventId} ran ${runs.length}×: ${unexplained}` } : {}),
	});
	if (runs.length < 2) return verdict([]);
	const tied = runs.map((run) => ({ run, attempt: run.deliveryId === undefined ? undefined : attempts.get(run.deliveryId) }));
	const untied = tied.filter((t) => t.attempt === undefined || !t.attempt.eventIds.includes(eventId));
	if (untied.length) {
		return verdict(
			[],
			`execution ${untied.map((t) => `${t.run.executionId} (delivery ${t.run.deliveryId ?? 'not recorded'})`).join(', ')} is not tied to an attempt that carried the event`,
		);
	}
	const ordered = tied as Array<{ run: EventRun; attempt: Attempt }>;
	if (new Set(ordered.map((t) => t.attempt.deliveryId)).size < ordered.length) {
		return verdict([], 'one delivery attempt started more than one execution');
	}
	ordered.sort((a, b) => a.attempt.retryCount - b.attempt.retryCount);
	const excuses: Excuse[] = [];
	for (let i = 0; i < ordered.length - 1; i++) {
		const { run, attempt } = ordered[i];
		const next = ordered[i + 1];
		const at = (r: EventRun): string => (r.startedAt === undefined ? '' : ` (started ${new Date(r.startedAt).toISOString()})`);
		const which = `execution ${run.executionId}${at(run)} from attempt ${describeAttempt(attempt)}, then execution ${next.run.executionId}${at(next.run)} from attempt ${describeAttempt(next.attempt)}`;
		if (attempt.fault) return verdict([], `${which}: an injected fault answered the first attempt, so n8n never ran it`);
		if (attempt.status === null) {
			// the first was taken by a process that then went away, the next by a later one. "Taken" is when the trigger
			// received the delivery (`_delivery.receivedAt`), not when the execution started: n8n 2.x runs at boot the
			// executions a process had queued but not started before it went away (enqueued-execution-recovery.service)
			// — such a run starts in the new process although the old one took it, and Adobe, which never got the 2xx,
			// retries into the new process too.
			const takenAt = (r: EventRun): number | undefined => r.receivedAt ?? r.startedAt;
			const first = takenAt(run);
			const then = takenAt(next.run);
			const restart = restarts.find((r) => first !== undefined && then !== undefined && first < r.goneAt && then >= r.goneAt);
			const across = restart !== undefined;
			if (restart && run.startedAt !== undefined && run.startedAt >= restart.goneAt) resumedAtBoot++;
			if (!across && rules.unanswered === 'across-restart') {
				return verdict([], `${which}: no n8n restart in between, so the de-duplication window should have stopped the retry`);
			}
			excuses.push(across ? 'unanswered-across-restart' : 'unanswered');
		} else if (attempt.status >= 500) {
			if (!rules.n8n5xx) return verdict([], `${which}: n8n answered 5xx although it ran the execution`);
			excuses.push('n8n-5xx');
		} else {
			return verdict([], `${which}: Adobe got ${attempt.status} for the first, so it had no reason to deliver again`);
		}
	}
	return verdict(excuses);
}

/** Every duplicate of a workflow (or a mode), judged. */
export function judgeDuplicates(
	runsByEvent: ReadonlyMap<string, readonly EventRun[]>,
	attempts: ReadonlyMap<string, Attempt>,
	restarts: readonly Death[],
	rules: DuplicateRules,
): DuplicateReport {
	const report: DuplicateReport = {
		duplicates: 0,
		extraExecutions: 0,
		excused: { unanswered: 0, 'unanswered-across-restart': 0, 'n8n-5xx': 0 },
		resumedAtBoot: 0,
		unexplained: [],
	};
	for (const [eventId, runs] of runsByEvent) {
		if (runs.length < 2) continue;
		report.duplicates++;
		report.extraExecutions += runs.length - 1;
		const v = judgeDuplicate(eventId, runs, attempts, restarts, rules);
		if (v.unexplained) report.unexplained.push(v.unexplained);
		else {
			for (const excuse of v.excuses) report.excused[excuse]++;
			report.resumedAtBoot += v.resumedAtBoot;
		}
	}
	return report;
}

/**
 * The cause of one lost event, or why none fits. `unfinished`: the event's runs in executions that did not
 * succeed (found in their data); `attempts`: the event's delivery attempts.
 */
export function judgeLoss(
	eventId: string,
	evidence: { attempts: readonly Attempt[]; unfinished: readonly EventRun[]; deaths: readonly Death[]; allowed: readonly LossCause[] },
): { cause: LossCause } | { unexplained: string } {
	const { attempts, unfinished, deaths, allowed } = evidence;
	const acknowledged = attempts.filter((a) => ok(a.status));
	const acceptedAt = acknowledged.map((a) => a.answeredAt).find((t) => t !== undefined);
	if (allowed.includes('unfinished-at-death')) {
		for (const run of unfinished) {
			if (!UNFINISHED_STATUSES.has(run.status)) continue;
			const t = run.startedAt ?? acceptedAt;
			if (t === undefined) continue;
			// the process that took it: alive from the previous death's return to this death's end
			const diedWith = deaths.some((d, i) => t >= (i === 0 ? -Infinity : deaths[i - 1].backAt) && t <= d.goneAt);
			if (diedWith) return { cause: 'unfinished-at-death' };
		}
	}
	if (allowed.includes('acknowledged-then-died') && unfinished.length === 0) {
		const died = acknowledged.some(
			(a) => a.answeredAt !== undefined && deaths.some((d) => a.answeredAt! >= d.killAt - ACK_BEFORE_DEATH_MS && a.answeredAt! <= d.goneAt),
		);
		if (died) return { cause: 'acknowledged-then-died' };
	}
	if (allowed.includes('startup-404') && attempts.some((a) => a.status === 404 && a.dropped)) return { cause: 'startup-404' };
	const seen = attempts.length ? attempts.map(describeAttempt).join(', ') : 'never attempted';
	const runs = unfinished.length ? `; in execution ${unfinished.map((r) => `${r.executionId} (${r.status})`).join(', ')}` : '; in no execution';
	return { unexplained: `${eventId}: attempts ${seen}${runs}` };
}

/** What n8n was doing when it was killed or stopped: attempts in flight and executions running at `killAt`. */
export function workAtDeath(
	death: Pick<Death, 'killAt'>,
	attempts: Iterable<Attempt>,
	executions: Iterable<{ startedAt?: number; stoppedAt?: number }>,
): { attemptsInFlight: number; executionsRunning: number } {
	let attemptsInFlight = 0;
	for (const a of attempts) {
		if (a.fault || a.sentAt === undefined || a.answeredAt === undefined) continue;
		if (a.sentAt <= death.killAt && a.answeredAt > death.killAt) attemptsInFlight++;
	}
	let executionsRunning = 0;
	for (const e of executions) {
		if (e.startedAt !== undefined && e.startedAt <= death.killAt && (e.stoppedAt === undefined || e.stoppedAt > death.killAt)) executionsRunning++;
	}
	return { attemptsInFlight, executionsRunning };
}
