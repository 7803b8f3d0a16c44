/**
 * After an outage: the registration of a Watch Events trigger is found DISABLED (n8n re-enables it) or
 * UNSTABLE — by the trigger when the workflow goes live (reconcile.ts), or by the Journal Trigger backing it
 * up (journal/backup.ts: n8n 2.x does not run a webhook trigger's hooks when it restarts, its polls do run).
 * This says in n8n's log how long Adobe did not deliver and what covers the gap. It only ever logs: a failure
 * to find out never fails the activation or the poll.
 *
 * How long: from Adobe's Debug Tracing of the registration (its last 100 delivery attempts), on Adobe's
 * own clock — the newest successful delivery, and the moment Adobe took the re-enabling update (the
 * registration's `updated_date` after it) or, when nothing was updated, the newest failed attempt. The
 * tracing API needs the credential's Credential ID; without it the log says so.
 */
import type { IDataObject, IHookFunctions, IPollFunctions } from 'n8n-workflow';

import { flattenTraces, type DeliveryTrace } from '../diagnosis/traces';
import type { RegistrationsClient } from '../registrations/client';
import { errorText } from '../registrations/errors';
import type { AdobeContext } from '../transport';
import { journalBackupsOf } from './link';

/** Where the report is made: the node's context, its credential's context and registrations client. */
export interface OutageReporter {
	fn: IHookFunctions | IPollFunctions;
	ctx: AdobeContext;
	registrations: RegistrationsClient;
}

export type OutageHealth = 'disabled' | 'unstable';

/** `2 h 05 min`, `45 min`, `30 s`. */
export function formatDuration(ms: number): string {
	const seconds = Math.max(0, Math.round(ms / 1000));
	if (seconds < 60) return `${seconds} s`;
	const minutes = Math.round(seconds / 60);
	if (minutes < 60) return `${minutes} min`;
	const hours = Math.floor(minutes / 60);
	const rest = minutes % 60;
	if (hours < 48) return `${hours} h ${String(rest).padStart(2, '0')} min`;
	return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}

function timeOf(value: unknown): number | undefined {
	if (typeof value !== 'string' || value === '') return undefined;
	const ms = Date.parse(value);
	return Number.isFinite(ms) ? ms : undefined;
}

/**
 * When delivery stopped working and until when, from the traces (newest first or any order) and the
 * registration after the re-enabling update (`updatedAt`, Adobe's clock). Pure.
 */
export function outageWindow(
	traces: DeliveryTrace[],
	updatedAt?: number,
): { fromMs?: number; toMs?: number; atLeast: boolean } {
	const deliveries = traces
		.filter((t) => t.kind === 'delivery' && t.timeMs !== undefined)
		.sort((a, b) => (b.timeMs as number) - (a.timeMs as number));
	const lastSuccess = deliveries.find((t) => t.success);
	const newest = deliveries[0]?.timeMs;
	const oldest = deliveries[deliveries.length - 1]?.timeMs;
	const toMs = updatedAt ?? newest;
	if (lastSuccess) return { fromMs: lastSuccess.timeMs, toMs, atLeast: false };
	// No success among the traces Adobe still keeps: delivery was off at least since the oldest of them.
	return { fromMs: oldest, toMs, atLeast: true };
}

async function howLong(
	run: OutageReporter,
	id: string,
	after: IDataObject,
	updated: boolean,
): Promise<string> {
	if (!run.ctx.credentialId || !run.ctx.consumerOrgId) {
		return "for an unknown time (fill in the credential's Credential ID to let n8n read Adobe's delivery traces)";
	}
	let traces: DeliveryTrace[];
	try {
		traces = flattenTraces(await run.registrations.traces(id), 0);
	} catch (error) {
		return `for an unknown time (Adobe's delivery traces could not be read: ${errorText(error).slice(0, 200)})`;
	}
	const window = outageWindow(traces, updated ? timeOf(after.updated_date) : undefined);
	if (window.fromMs === undefined || window.toMs === undefined) {
		return 'for an unknown time (Adobe keeps no delivery trace of it)';
	}
	if (window.toMs <= window.fromMs) return 'for no time: the newest delivery succeeded';
	const since = new Date(window.fromMs).toISOString();
	return window.atLeast
		? `for at least ${formatDuration(window.toMs - window.fromMs)} (Adobe keeps the traces of its last 100 delivery attempts: all failed, the oldest at ${since})`
		: `for about ${formatDuration(window.toMs - window.fromMs)} (Adobe's last successful delivery: ${since})`;
}

const KEPT = "Events Adobe did not deliver meanwhile stay in the registration's journal for 7 days";

/** What covers the gap, seen from the Watch Events trigger: the Journal Trigger backing it up, if any. */
export function triggerCoverage(fn: IHookFunctions): string {
	const backups = journalBackupsOf(fn);
	if (backups === undefined) {
		return `${KEPT}: a Journal Trigger with Registration "The Watch Events Trigger in This Workflow" hands them over.`;
	}
	if (backups.length > 0) {
		return `${KEPT}: the Journal Trigger "${backups[0]}" of this workflow hands them over (the journal path covers the gap).`;
	}
	return `${KEPT}, and nothing in this workflow reads it: add an Adobe I/O Events Journal Trigger with Registration "The Watch Events Trigger in This Workflow" (the "Never miss an event" template) to receive them.`;
}

/** What covers the gap, seen from the Journal Trigger backing the trigger up: itself. */
export function journalCoverage(journalNodeName: string): string {
	return `${KEPT}: this Journal Trigger ("${journalNodeName}") hands them over (the journal path covers the gap).`;
}

/**
 * Logs the outage of registration `before` (as Adobe held it) — `after` is the registration after n8n's
 * update (the same object when nothing was updated); `coverage` says what covers the gap.
 */
export async function reportOutage(
	run: OutageReporter,
	health: OutageHealth,
	before: IDataObject,
	after: IDataObject,
	coverage: string,
): Promise<void> {
	const { fn } = run;
	if (fn.getMode() === 'manual') return;
	const id = String(before.registration_id ?? '');
	try {
		const updated = after !== before;
		const duration = await howLong(run, id, after, updated);
		const state =
			health === 'disabled'
				? `was DISABLED by Adobe (webhook_status ${String(before.webhook_status ?? '?')}, enabled ${String(before.enabled)}); n8n re-enabled it. Adobe did not deliver ${duration}.`
				: `is UNSTABLE: Adobe's deliveries failed ${duration}; Adobe retries each event for 24 hours and may disable the registration if most deliveries keep failing.`;
		fn.logger.warn(`Adobe I/O Events: registration ${id} ${state} ${coverage}`);
	} catch (error) {
		fn.logger.warn(
			`Adobe I/O Events: registration ${id} was ${health.toUpperCase()}; could not tell for how long: ${errorText(error).slice(0, 200)}`,
		);
	}
}
