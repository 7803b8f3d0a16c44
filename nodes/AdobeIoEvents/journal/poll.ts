/**
 * poll() of the journal trigger: resolves the journal, drains it from the saved cursor and hands the events
 * to n8n together with the new cursor.
 *
 * Static data is written exactly once, right before returning, and never before a throw: n8n commits the
 * node's static data with the execution the returned items start (or alone when poll() returns null), so
 * the saved position always matches the events that were handed over. Nothing is persisted in manual mode.
 */

import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { adobeApiRequest, openAdobeSession, type AdobeSession } from '../transport';
import { backupPoll, backupTargetForSample } from './backup';
import { readCursor, toStored } from './cursor';
import { MANUAL_SAMPLE_SIZE } from './description';
import type { DrainConfig, DrainResult, FetchJournal } from './drain';
import { drainJournal } from './drain';
import { toItems } from './output';
import { readParams, type JournalParams } from './params';
import { toNodeError } from '../shared/nodeError';
import type { ExistingRegistration, JournalTarget, OwnedRegistration } from './registration';
import {
	deleteOwned,
	ensureOwned,
	isHttpError,
	JOURNAL_FAILED,
	resolveExisting,
} from './registration';
import { isRecord } from '../shared/guards';

export { toItems } from './output';
export type { JournalParams } from './params';

/** Share of n8n's poll budget the drain may use before it stops starting new pages. */
const BUDGET_SHARE = 0.6;
const DEFAULT_BUDGET_MS = 5 * 60 * 1000;

/** What the node keeps in its static data. */
interface NodeState {
	cursor?: unknown;
	owned?: OwnedRegistration;
	existing?: ExistingRegistration;
	/** Set once the node looked for a registration it owned after being switched to an existing one. */
	ownedSwept?: boolean;
}

function readOwned(value: unknown): OwnedRegistration | undefined {
	if (!isRecord(value)) return undefined;
	const keys = ['registrationId', 'name', 'journalUrl', 'eventsKey', 'workspace'] as const;
	if (!keys.every((k) => typeof value[k] === 'string')) return undefined;
	return value as unknown as OwnedRegistration;
}

function readExisting(value: unknown): ExistingRegistration | undefined {
	if (!isRecord(value)) return undefined;
	const keys = ['registrationId', 'journalUrl', 'workspace'] as const;
	if (!keys.every((k) => typeof value[k] === 'string')) return undefined;
	return value as unknown as ExistingRegistration;
}

/**
 * GETs one journal URL through the transport. 200/204 and 410 resolve; everything else throws a NodeApiError.
 * `session`: the poll's credential session (one credential lookup per poll instead of per page).
 */
export function journalFetcher(fn: IPollFunctions, session?: AdobeSession): FetchJournal {
	return async (url: string) => {
		try {
			const response = (await adobeApiRequest.call(fn, {
				method: 'GET',
				url,
				returnFullResponse: true,
				session,
			})) as { statusCode?: number; headers?: unknown; body?: unknown };
			return {
				statusCode: Number(response?.statusCode ?? 200),
				headers: response?.headers ?? {},
				body: response?.body,
			};
		} catch (error) {
			if (isHttpError(error, '410')) return { statusCode: 410, headers: {}, body: '' };
			throw toNodeError(fn.getNode(), error, JOURNAL_FAILED);
		}
	};
}

function pollBudgetMs(fn: IPollFunctions): number {
	const budget = typeof fn.getPollBudgetMs === 'function' ? fn.getPollBudgetMs() : undefined;
	return typeof budget === 'number' && Number.isFinite(budget) && budget > 0
		? budget
		: DEFAULT_BUDGET_MS;
}

/** Which journal to read; creates/adopts/updates/deletes the owned registration as needed. */
async function resolveTarget(
	this: IPollFunctions,
	params: JournalParams,
	state: NodeState,
	next: NodeState,
	warnings: string[],
	manual: boolean,
	session: AdobeSession,
): Promise<JournalTarget> {
	if (params.source === 'existing') {
		const owned = readOwned(state.owned);
		if (!manual && (owned || state.ownedSwept !== true)) {
			const deleted = await deleteOwned.call(this, owned, params.registrationId, session);
			if (deleted)
				warnings.push(
					`Deleted the journal registration ${deleted} this node had created, as it now reads an existing registration.`,
				);
			next.owned = undefined;
			next.ownedSwept = true;
		}
		const { target, record } = await resolveExisting.call(
			this,
			params.registrationId,
			readExisting(state.existing),
			session,
		);
		next.existing = record;
		return target;
	}
	const owned = readOwned(state.owned);
	const result = await ensureOwned.call(
		this,
		params.events,
		owned,
		{ verify: manual || !owned },
		session,
	);
	warnings.push(...result.warnings);
	next.owned = result.record;
	next.existing = undefined;
	next.ownedSwept = undefined;
	return result.target;
}

function drainConfig(fn: IPollFunctions, params: JournalParams, startedAt: number): DrainConfig {
	return {
		start: params.start,
		onExpired: params.onExpired,
		pageSize: params.pageSize,
		maxEvents: params.maxEvents,
		maxPages: params.maxPages,
		dedupeWindow: params.dedupeWindow,
		deadline: startedAt + pollBudgetMs(fn) * BUDGET_SHARE,
		now: () => Date.now(),
	};
}

/** "Fetch Test Event": a few events, from the saved position or the oldest available; nothing is saved. */
async function manualSample(
	this: IPollFunctions,
	params: JournalParams,
	state: NodeState,
	target: JournalTarget,
	session: AdobeSession,
) {
	const fetch = journalFetcher(this, session);
	const sampleSize = Math.min(MANUAL_SAMPLE_SIZE, params.maxEvents);
	const saved = readCursor(state.cursor, target.journalUrl, 0);
	const config: DrainConfig = {
		...drainConfig(this, params, Date.now()),
		// "latest" has nothing to show yet: sample the oldest events instead
		start: params.start.from === 'latest' ? { from: 'oldest' } : params.start,
		pageSize: sampleSize,
		maxEvents: sampleSize,
		maxPages: 1,
		dedupeWindow: 0,
	};
	let result = await drainJournal(
		fetch,
		{ journalUrl: target.journalUrl, next: saved.next, seen: [] },
		config,
	);
	if (result.entries.length === 0 && !result.error && saved.next !== undefined) {
		result = await drainJournal(
			fetch,
			{ journalUrl: target.journalUrl, seen: [] },
			{ ...config, start: { from: 'oldest' } },
		);
	}
	if (result.entries.length === 0 && result.error) throw toNodeError(this.getNode(), result.error, JOURNAL_FAILED);
	if (result.entries.length === 0) {
		this.logger.info(
			'Adobe I/O Events journal: no events in the journal yet; publish one and fetch again.',
		);
		return null;
	}
	return [toItems(result.entries, params, target)];
}

export async function journalPoll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const startedAt = Date.now();
	const manual = this.getMode() === 'manual';
	const params = readParams.call(this);
	const staticData = this.getWorkflowStaticData('node');
	const state: NodeState = {
		cursor: staticData.cursor,
		owned: staticData.owned as OwnedRegistration | undefined,
		existing: staticData.existing as ExistingRegistration | undefined,
		ownedSwept: staticData.ownedSwept === true,
	};
	const next: NodeState = { ...state };
	const warnings: string[] = [];

	// The credential is loaded once for the whole poll (all registration calls and journal pages), and
	// dropped when the poll returns.
	const session = await openAdobeSession.call(this);
	if (params.source === 'watchEvents') {
		if (manual) {
			const linked = await backupTargetForSample.call(this, session);
			return await manualSample.call(this, params, state, linked, session);
		}
		return await backupPoll.call(this, {
			params,
			staticData,
			session,
			fetch: journalFetcher(this, session),
			config: drainConfig(this, params, startedAt),
			now: Date.now(),
		});
	}
	let target = await resolveTarget.call(this, params, state, next, warnings, manual, session);
	if (manual) {
		for (const warning of warnings) this.logger.warn(`Adobe I/O Events journal: ${warning}`);
		return await manualSample.call(this, params, state, target, session);
	}

	const storedCursor = isRecord(state.cursor) ? state.cursor : undefined;
	if (storedCursor && storedCursor.journalUrl !== target.journalUrl) {
		warnings.push(
			'The trigger now reads another journal; it starts there as configured in "Start From".',
		);
	}
	const fetch = journalFetcher(this, session);
	const config = drainConfig(this, params, startedAt);
	let result: DrainResult = await drainJournal(
		fetch,
		readCursor(state.cursor, target.journalUrl, params.dedupeWindow),
		config,
	);

	// The owned registration was deleted outside n8n (journal 404): re-create it once and start over.
	if (result.entries.length === 0 && isHttpError(result.error, '404') && target.owned) {
		const recreated = await ensureOwned.call(
			this,
			params.events,
			readOwned(next.owned),
			{ verify: true },
			session,
		);
		warnings.push(...recreated.warnings);
		next.owned = recreated.record;
		target = recreated.target;
		result = await drainJournal(
			fetch,
			readCursor(undefined, target.journalUrl, params.dedupeWindow),
			config,
		);
	} else if (result.entries.length === 0 && isHttpError(result.error, '404')) {
		throw new NodeOperationError(
			this.getNode(),
			`The journal of registration ${target.registrationId} is gone`,
			{
				description:
					'The registration was probably deleted. Choose another registration, or let the trigger create one.',
			},
		);
	}

	for (const warning of [...warnings, ...result.warnings])
		this.logger.warn(`Adobe I/O Events journal: ${warning}`);
	if (result.error) {
		// Nothing to hand over: fail the poll; the saved position is untouched and the next poll retries.
		if (result.entries.length === 0) throw toNodeError(this.getNode(), result.error, JOURNAL_FAILED);
		// Some pages made it: hand them over with the position right after them; the next poll retries the rest.
		const message = result.error instanceof Error ? result.error.message : String(result.error);
		this.logger.warn(
			`Adobe I/O Events journal: stopped after ${result.entries.length} events: ${message}`,
		);
	}

	// Commit: the only write to static data, together with the events returned below.
	staticData.cursor = toStored(result.cursor) as unknown as IDataObject;
	for (const key of ['owned', 'existing', 'ownedSwept'] as const) {
		const value = next[key];
		if (value === undefined || value === false) delete staticData[key];
		else staticData[key] = value as unknown as IDataObject;
	}
	if (result.entries.length === 0) return null;
	return [toItems(result.entries, params, target)];
}
