/**
 * The Journal Trigger backing up the Watch Events trigger of its workflow (Registration → "The Watch
 * Events Trigger in This Workflow"): it reads the journal of the registration that trigger uses and hands
 * over each event once it has been in the journal for the Delay — by then the webhook has normally
 * delivered it, and the trigger's own de-duplication window (same n8n process) or the workflow's Remove
 * Duplicates node (any process, across restarts) drops it. What the webhook missed — n8n down or
 * starting (Adobe drops an event after a 404), Adobe gave up after 24 h, the registration disabled,
 * executions lost in a crash — comes through here.
 *
 * How "in the journal for the Delay" is known without trusting any clock but n8n's: each poll first
 * *scans* the journal from where the last scan stopped to its end and records a mark — the position of
 * the newest entry it saw, with the time (n8n's clock). Everything up to a mark older than the Delay has
 * been in the journal at least that long; the *hand-over* then reads from the saved position and stops
 * right after that mark's entry (a position the journal itself listed). Event times are not used: a
 * publisher's clock, or the emulator's, may be anything.
 *
 * What n8n saves is the position *before* the batch handed over last (the position after it is kept in
 * this process, in the DeliveryRuntime): after a crash the last batch comes again, so events whose
 * executions died with n8n are handed over again (those that finished are dropped by Remove Duplicates).
 * While the webhook delivers everything there is nothing to hand over, and n8n saves a polling trigger's
 * static data only with an execution: at most every minute the poll then starts an execution with no items,
 * which saves the position past what the webhook delivered. With every save go the events the Watch Events
 * trigger ran (its de-duplication window, those old enough to have passed Remove Duplicates); a new process
 * puts them back into that window, so after a restart neither path runs them again.
 */
import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { AdobeSession } from '../transport';
import { isRecord } from '../shared/guards';
import { toNodeError } from '../shared/nodeError';
import { chooseLink, readLinks, type WatchEventsLink } from '../shared/watchEventsLink';
import { deliveryRuntime, nodeKeyOf, scopeOf, type TriggerRuntime } from '../trigger/runtime';
import { registrationHealth } from '../registrations/model';
import { errorText } from '../registrations/errors';
import { journalCoverage, reportOutage } from '../trigger/outage';
import { eventIdentity } from '../webhook/envelope';
import type { DedupeWindow } from '../webhook/dedupe';
import { HANDED_OVER_TTL_MS } from '../webhook/runtime';
import { readCursor, startUrl, toStored, type JournalCursor, type SeenEntry } from './cursor';
import type { DrainConfig, DrainResult, FetchJournal, JournalEntry } from './drain';
import { drainJournal } from './drain';
import { toItems } from './output';
import type { JournalParams } from './params';
import {
	isHttpError,
	JOURNAL_FAILED,
	openRegistrations,
	resolveLinked,
	type ExistingRegistration,
	type JournalTarget,
} from './registration';

/** [position of the newest entry a scan saw, epoch ms (n8n's clock) when], oldest first. */
export type Mark = [string, number];

/** Marks kept; beyond it they are thinned (an event then waits a little longer, never less). */
export const MAX_MARKS = 60;
/** A registration the Watch Events trigger created less than this long ago is read from its start. */
export const FROM_START_WITHIN_MS = 24 * 60 * 60 * 1000;
/**
 * The saved position is brought up to date at most this often while the webhook delivers everything: with
 * an execution of no items, the only way a polling trigger gets n8n to save its static data. After a restart
 * the journal hands over again what lies after the saved position, less what the Watch Events trigger had
 * run (saved with it, see SAFE_AGE_MS); Remove Duplicates drops the rest that already ran.
 */
export const MIN_SAVE_INTERVAL_MS = 60_000;
/**
 * An event the Watch Events trigger took this long ago has passed its workflow's first node (Remove
 * Duplicates) or died with n8n: it is saved as delivered, so that after a restart the journal does not hand
 * it over again (Remove Duplicates' history is read and written back without a lock: concurrent executions
 * lose each other's records, so it is a poor guard for many events at once).
 */
export const SAFE_AGE_MS = 30_000;
/** Events the Watch Events trigger ran that are saved with the position (the newest ones). */
export const MAX_DELIVERED = 3_000;
/** A Watch Events trigger that has not registered after this long is reported as an error. */
export const WAITING_LIMIT_MS = 10 * 60 * 1000;
export const BACKUP_VERSION = 1;

/** What the backup keeps in the node's static data besides the cursor. */
export interface BackupState {
	journalUrl: string;
	/** where the next scan reads (absolute URL) */
	scan?: string;
	/** the journal's retry-after for the scan (epoch ms) */
	scanNotBefore?: number;
	marks: Mark[];
}

export function readBackupState(stored: unknown, journalUrl: string): BackupState {
	const fresh: BackupState = { journalUrl, marks: [] };
	if (!isRecord(stored) || stored.v !== BACKUP_VERSION || stored.journalUrl !== journalUrl)
		return fresh;
	const state: BackupState = { journalUrl, marks: [] };
	if (typeof stored.scan === 'string' && stored.scan.length > 0) state.scan = stored.scan;
	if (typeof stored.scanNotBefore === 'number' && Number.isFinite(stored.scanNotBefore))
		state.scanNotBefore = stored.scanNotBefore;
	if (Array.isArray(stored.marks)) {
		state.marks = stored.marks
			.filter(
				(m): m is Mark =>
					Array.isArray(m) &&
					m.length === 2 &&
					typeof m[0] === 'string' &&
					typeof m[1] === 'number' &&
					Number.isFinite(m[1]),
			)
			.slice(-MAX_MARKS);
	}
	return state;
}

export function toStoredBackup(state: BackupState): IDataObject {
	const stored: IDataObject = { v: BACKUP_VERSION, journalUrl: state.journalUrl };
	if (state.scan !== undefined) stored.scan = state.scan;
	if (state.scanNotBefore !== undefined) stored.scanNotBefore = state.scanNotBefore;
	stored.marks = state.marks.map(([position, at]) => [position, at]) as unknown as IDataObject[];
	return stored;
}

/**
 * Adds the mark `[position, at]` (the newest entry a scan saw). A mark closer than Delay / MAX_MARKS to
 * the previous one replaces it; beyond MAX_MARKS the second-oldest goes (the oldest is the next due).
 */
export function recordMark(marks: Mark[], position: string, at: number, delayMs: number): Mark[] {
	const next = marks.slice();
	const last = next[next.length - 1];
	if (last && last[0] === position) return next;
	if (last && next.length > 1 && at - last[1] < delayMs / MAX_MARKS) next.pop();
	next.push([position, at]);
	while (next.length > MAX_MARKS) next.splice(1, 1);
	return next;
}

/** The newest mark that is at least `delayMs` old, and its index. */
export function dueMark(
	marks: Mark[],
	now: number,
	delayMs: number,
): { mark: Mark; index: number } | undefined {
	for (let index = marks.length - 1; index >= 0; index--) {
		if (marks[index][1] <= now - delayMs) return { mark: marks[index], index };
	}
	return undefined;
}

/** The marks left after a hand-over towards the mark at `index` stopped for `stop`. */
export function marksAfter(marks: Mark[], index: number, stop: DrainResult['stop']): Mark[] {
	if (stop === 'reached') return marks.slice(index + 1);
	// The end of the journal without meeting the mark: it was behind the cursor (or expired); every
	// later mark is too, since the hand-over read everything up to the end.
	if (stop === 'caught-up') return [];
	return marks;
}

/** The Watch Events trigger nodes that feed a node this Journal Trigger feeds (enabled ones). */
function connectedWatchEvents(fn: IPollFunctions): string[] {
	try {
		const names = new Set<string>();
		for (const child of fn.getChildNodes(fn.getNode().name)) {
			for (const parent of fn.getParentNodes(child.name, { depth: 1 })) {
				if (parent.type.endsWith('.adobeIoEventsTrigger') && !parent.disabled)
					names.add(parent.name);
			}
		}
		return [...names];
	} catch {
		return [];
	}
}

/** The link of the Watch Events trigger this node backs up, or why there is none (yet). */
export function linkOf(fn: IPollFunctions): { link?: WatchEventsLink; connected: string[] } {
	const connected = connectedWatchEvents(fn);
	const choice = chooseLink(readLinks(fn.getWorkflowStaticData('global')), connected);
	if (choice.ambiguous) {
		throw new NodeOperationError(
			fn.getNode(),
			`This workflow has several Adobe I/O Events Triggers (${choice.ambiguous.map((n) => `"${n}"`).join(', ')}); which one should this trigger back up?`,
			{
				description:
					'Connect this Journal Trigger to the same next node (e.g. Remove Duplicates) as the Adobe I/O Events Trigger it backs up, and only that one.',
			},
		);
	}
	return { link: choice.link, connected };
}

/** The journal to read in "Fetch Test Event" (nothing is saved). */
export async function backupTargetForSample(
	this: IPollFunctions,
	session: AdobeSession,
): Promise<JournalTarget> {
	const { link } = linkOf(this);
	if (!link) {
		throw new NodeOperationError(
			this.getNode(),
			'The Adobe I/O Events Trigger of this workflow has no registration yet',
			{
				description:
					"Publish the workflow first (n8n 1.x: activate it): the Adobe I/O Events Trigger registers with Adobe when the workflow goes live, and this trigger then reads that registration's journal.",
			},
		);
	}
	return (await resolveLinked.call(this, link, undefined, { lookUp: true }, session)).target;
}

export interface BackupContext {
	params: JournalParams;
	/** the node's static data (mutated: the only writes of this poll) */
	staticData: IDataObject;
	session: AdobeSession;
	fetch: FetchJournal;
	config: DrainConfig;
	now: number;
	runtime?: TriggerRuntime;
}

function readExisting(value: unknown): ExistingRegistration | undefined {
	if (!isRecord(value)) return undefined;
	const keys = ['registrationId', 'journalUrl', 'workspace'] as const;
	if (!keys.every((k) => typeof value[k] === 'string')) return undefined;
	return value as unknown as ExistingRegistration;
}

/** One scan from `state.scan` to the end: records a mark for the newest entry it saw. */
async function scan(
	ctx: BackupContext,
	state: BackupState,
	warnings: string[],
): Promise<DrainResult | undefined> {
	if (state.scanNotBefore !== undefined && ctx.now < state.scanNotBefore) return undefined;
	const result = await drainJournal(
		ctx.fetch,
		{ journalUrl: state.journalUrl, next: state.scan, seen: [] },
		{ ...ctx.config, dedupeWindow: 0, stopAfter: undefined, start: { from: 'oldest' } },
	);
	warnings.push(...result.warnings);
	state.scan = result.cursor.next ?? state.scan;
	state.scanNotBefore = result.cursor.notBefore;
	const newest = result.entries[result.entries.length - 1];
	if (newest) state.marks = recordMark(state.marks, newest.position, ctx.now, ctx.params.delayMs);
	return result;
}

/** What the Watch Events trigger ran, as saved: `[event key, first seen]` of its window, ≥ SAFE_AGE_MS old. */
function deliveredOf(window: DedupeWindow, now: number, exclude: JournalEntry[]): SeenEntry[] {
	const excluded = new Set(exclude.map((entry) => eventIdentity(entry.event)));
	return window
		.snapshot()
		.filter(([key, at]) => at <= now - SAFE_AGE_MS && !excluded.has(key))
		.slice(-MAX_DELIVERED);
}

/** The saved cursor as a string that only changes with its content (key order is not trusted). */
function fingerprint(stored: unknown): string {
	if (!isRecord(stored)) return 'none';
	return JSON.stringify([stored.v, stored.journalUrl, stored.next, stored.notBefore, stored.seen]);
}

/**
 * The registration is DISABLED by Adobe: re-enable it (a full PUT with enabled: true; Adobe challenges the
 * webhook again) and say for how long Adobe did not deliver; UNSTABLE: say so (only when `unstableToo`).
 * n8n 2.x does not run the Watch Events trigger's hooks when it restarts, only when the workflow is
 * published; this poll runs after every restart, so it is what brings delivery back then. Never throws.
 */
async function recover(
	fn: IPollFunctions,
	registrationId: string,
	session: AdobeSession,
	unstableToo: boolean,
): Promise<void> {
	try {
		const { ctx, registrations } = await openRegistrations(fn, session);
		const before = await registrations.find(registrationId);
		if (!before) return;
		const health = registrationHealth(before);
		if (health === 'unstable' && unstableToo) {
			await reportOutage(
				{ fn, ctx, registrations },
				health,
				before,
				before,
				journalCoverage(fn.getNode().name),
			);
		}
		if (health !== 'disabled') return;
		let after: IDataObject;
		try {
			after = await registrations.setEnabled(registrationId, true);
		} catch (error) {
			fn.logger.warn(
				`Adobe I/O Events journal: registration ${registrationId} is DISABLED by Adobe and re-enabling it failed (${errorText(error).slice(0, 300)}); this trigger keeps handing its events over and tries again at its next poll`,
			);
			return;
		}
		if (registrationHealth(after) === 'disabled') return;
		await reportOutage(
			{ fn, ctx, registrations },
			health,
			before,
			after,
			journalCoverage(fn.getNode().name),
		);
	} catch (error) {
		fn.logger.warn(
			`Adobe I/O Events journal: could not check registration ${registrationId}: ${errorText(error).slice(0, 300)}`,
		);
	}
}

/** Drops what this process's Watch Events trigger already ran (or marks the rest as run by it). */
function notYetDelivered(entries: JournalEntry[], window: DedupeWindow): JournalEntry[] {
	return entries.filter((entry) => {
		const id = eventIdentity(entry.event);
		return id === undefined || window.markIfNew(id);
	});
}

/**
 * poll() in backup mode (not "Fetch Test Event"). Writes the node's static data only at its end, and
 * only with what belongs together (see the file comment for which position is saved).
 */
export async function backupPoll(
	this: IPollFunctions,
	ctx: BackupContext,
): Promise<INodeExecutionData[][] | null> {
	const runtime = ctx.runtime ?? deliveryRuntime;
	const { staticData, params } = ctx;
	const warnings: string[] = [];
	const { link, connected } = linkOf(this);
	if (!link) {
		const since = typeof staticData.waitingSince === 'number' ? staticData.waitingSince : ctx.now;
		staticData.waitingSince = since;
		if (ctx.now - since >= WAITING_LIMIT_MS) {
			throw new NodeOperationError(
				this.getNode(),
				'No Adobe I/O Events Trigger in this workflow has registered with Adobe',
				{
					description: connected.length
						? `Waiting for "${connected.join('", "')}" since ${new Date(since).toISOString()}. Check that it is enabled and that publishing the workflow (n8n 1.x: activating it) succeeded.`
						: 'Add an Adobe I/O Events Trigger to this workflow and connect it and this Journal Trigger to the same next node (e.g. Remove Duplicates), then publish the workflow (n8n 1.x: activate it).',
				},
			);
		}
		this.logger.info(
			'Adobe I/O Events journal: waiting for the Adobe I/O Events Trigger of this workflow to register with Adobe',
		);
		return null;
	}
	delete staticData.waitingSince;

	const key = `${String(this.getWorkflow().id ?? '')}|${nodeKeyOf(this.getNode())}`;
	const firstInProcess = runtime.handedOver.get(key) === undefined;
	const window = runtime.dedupe(scopeOf(String(this.getWorkflow().id ?? ''), link.nodeKey, 'prod'));
	// A new process: what the Watch Events trigger had run before n8n stopped counts as run.
	const saved = staticData.delivered;
	if (firstInProcess && isRecord(saved) && saved.nodeKey === link.nodeKey)
		window.restore(saved.entries);
	let resolved = await resolveLinked.call(
		this,
		link,
		readExisting(staticData.existing),
		{ lookUp: false },
		ctx.session,
	);
	const run = async (
		fromStartAnyway: boolean,
	): Promise<{ state: BackupState; hand?: DrainResult; effective: JournalCursor }> => {
		const journalUrl = resolved.target.journalUrl;
		const state = readBackupState(staticData.backup, journalUrl);
		const saved = readCursor(staticData.cursor, journalUrl, params.dedupeWindow);
		const ahead = runtime.handedOver.get(key);
		let effective = saved;
		let resumed = false;
		if (ahead && ahead.saved === fingerprint(staticData.cursor)) {
			const position = readCursor(ahead.position, journalUrl, params.dedupeWindow);
			if (position.next !== undefined) {
				effective = position;
				resumed = true;
			}
		}
		// A new process (n8n restarted, crashed, or another main took over) goes on from the saved position,
		// which lies before the last batch: scan again from there, so that batch is handed over again after
		// the Delay even if nothing new arrives.
		if (!resumed && effective.next !== undefined) {
			state.scan = effective.next;
			delete state.scanNotBefore;
		}
		if (effective.next === undefined) {
			// First poll on this journal: a registration the trigger created recently is read from its
			// start (it holds only the trigger's own events); any other from now on.
			const fromStart =
				fromStartAnyway ||
				(link.createdAt !== undefined && ctx.now - link.createdAt < FROM_START_WITHIN_MS);
			if (fromStart) {
				effective = { ...effective, next: startUrl(journalUrl, { from: 'oldest' }) };
				state.scan = effective.next;
			} else {
				const latest = await drainJournal(
					ctx.fetch,
					{ journalUrl, seen: [] },
					{
						...ctx.config,
						dedupeWindow: 0,
						maxPages: 1,
						stopAfter: undefined,
						start: { from: 'latest' },
					},
				);
				if (latest.error) throw latest.error;
				effective = { ...effective, next: latest.cursor.next };
				state.scan = latest.cursor.next;
			}
		}
		if (state.scan === undefined) state.scan = effective.next;
		const scanned = await scan(ctx, state, warnings);
		if (scanned?.error) {
			if (isHttpError(scanned.error, '404')) throw scanned.error;
			const message =
				scanned.error instanceof Error ? scanned.error.message : String(scanned.error);
			warnings.push(`the scan of the journal stopped: ${message}`);
		}
		const due = dueMark(state.marks, ctx.now, params.delayMs);
		if (!due) return { state, effective };
		const hand = await drainJournal(ctx.fetch, effective, {
			...ctx.config,
			stopAfter: due.mark[0],
		});
		if (hand.error && hand.entries.length === 0 && isHttpError(hand.error, '404')) throw hand.error;
		state.marks = marksAfter(state.marks, due.index, hand.stop);
		return { state, hand, effective };
	};

	let outcome: Awaited<ReturnType<typeof run>>;
	try {
		outcome = await run(false);
	} catch (error) {
		if (!isHttpError(error, '404')) throw toNodeError(this.getNode(), error, JOURNAL_FAILED);
		// The journal is gone: the trigger re-created its registration. Follow the new one, from its start.
		resolved = await resolveLinked.call(this, link, undefined, { lookUp: true }, ctx.session);
		delete staticData.cursor;
		delete staticData.backup;
		warnings.push(
			`The journal of registration ${link.registrationId} is gone; reading the journal of registration ${resolved.target.registrationId} now.`,
		);
		try {
			outcome = await run(true);
		} catch (again) {
			throw toNodeError(this.getNode(), again, JOURNAL_FAILED);
		}
	}
	if (resolved.warning) warnings.push(resolved.warning);

	const { state, hand, effective } = outcome;
	for (const warning of [...warnings, ...(hand?.warnings ?? [])])
		this.logger.warn(`Adobe I/O Events journal: ${warning}`);
	if (hand?.error) {
		if (hand.entries.length === 0) throw toNodeError(this.getNode(), hand.error, JOURNAL_FAILED);
		const message = hand.error instanceof Error ? hand.error.message : String(hand.error);
		this.logger.warn(
			`Adobe I/O Events journal: stopped after ${hand.entries.length} events: ${message}`,
		);
	}

	const fresh = hand ? notYetDelivered(hand.entries, window) : [];
	if (hand && hand.entries.length > fresh.length) {
		this.logger.debug(
			`Adobe I/O Events journal: ${hand.entries.length - fresh.length} of ${hand.entries.length} events were already delivered by the webhook`,
		);
	}

	// The first poll after n8n started, and whenever the webhook missed events: is the registration DISABLED?
	if (firstInProcess || fresh.length > 0)
		await recover(this, resolved.target.registrationId, ctx.session, firstInProcess);

	// Commit. n8n saves the position before this batch; this process goes on from the one after it.
	const position = toStored(hand ? hand.cursor : effective);
	const savedCursor = isRecord(staticData.cursor) ? staticData.cursor : undefined;
	const savedAt = typeof staticData.savedAt === 'number' ? staticData.savedAt : 0;
	let heartbeat = false;
	let save = false;
	if (fresh.length > 0 || !savedCursor || savedCursor.journalUrl !== state.journalUrl) {
		staticData.cursor = toStored(effective) as unknown as IDataObject;
		save = true;
	} else if (
		hand !== undefined &&
		hand.entries.length > 0 &&
		fingerprint(savedCursor) !== fingerprint(position) &&
		ctx.now - savedAt >= MIN_SAVE_INTERVAL_MS
	) {
		// Everything was delivered by the webhook: nothing to hand over, but the saved position lags. n8n
		// saves a poll's static data only with an execution it starts: start one with no items.
		staticData.cursor = position as unknown as IDataObject;
		save = true;
		heartbeat = true;
	}
	if (save) {
		staticData.savedAt = ctx.now;
		staticData.delivered = {
			nodeKey: link.nodeKey,
			entries: deliveredOf(window, ctx.now, fresh) as unknown as IDataObject[],
		};
	}
	runtime.handedOver.set(
		key,
		{ saved: fingerprint(staticData.cursor), position },
		HANDED_OVER_TTL_MS,
	);
	staticData.backup = toStoredBackup(state);
	staticData.existing = resolved.record as unknown as IDataObject;
	if (fresh.length > 0) return [toItems(fresh, params, resolved.target)];
	return heartbeat ? [[]] : null;
}
