/**
 * The drain loop: reads the journal from the cursor, page by page, following `Link: rel="next"`, until it is
 * caught up (204), the per-poll budget is used (events, pages, time), or an error stops it.
 *
 * Pure module (no n8n import, no timers): the HTTP call is injected, the clock too. It never mutates the
 * cursor it was given; it returns the cursor to persist together with the events it returns.
 */

import { isRecord } from '../shared/guards';
import { getHeader } from '../transport/headers';
import { parseRetryAfter } from '../transport/retry';
import type { JournalCursor, JournalStart, OnExpired } from './cursor';
import { resetUrl, sinceUrl, startUrl, withLimit } from './cursor';
import { parseLinkHeader, resolveSameOrigin } from './links';
import { PollDedupe } from './pollDedupe';

export { eventKeyOf } from './pollDedupe';

/** What the injected HTTP call returns. It resolves for 200, 204 and 410 and throws for anything else. */
export interface JournalHttpResponse {
	statusCode: number;
	headers: unknown;
	body: unknown;
}
export type FetchJournal = (url: string) => Promise<JournalHttpResponse>;

/** One journal entry as Adobe returns it. */
export interface JournalEntry {
	position: string;
	event: Record<string, unknown>;
}

export interface DrainConfig {
	start: JournalStart;
	onExpired: OnExpired;
	/** `limit` sent with every request. */
	pageSize: number;
	/** Hard cap on events returned by one poll. */
	maxEvents: number;
	/** Hard cap on requests made by one poll. */
	maxPages: number;
	/** How many emitted event ids are remembered across polls (0 = no cross-poll dedupe). */
	dedupeWindow: number;
	/** Epoch ms after which no new page is started. */
	deadline?: number;
	/**
	 * Stop right after the entry at this position (a position the journal listed earlier): the loop then
	 * ends with `reached`, the cursor right after that entry.
	 */
	stopAfter?: string;
	now: () => number;
}

export type StopReason =
	| 'caught-up' // 204: nothing more right now
	| 'waiting' // the last 204's retry-after has not elapsed; no request made
	| 'max-events'
	| 'max-pages'
	| 'deadline'
	| 'no-next' // 200 without a usable next link or position: cannot advance further
	| 'reached' // the entry at `stopAfter` was read
	| 'error';

export interface DrainResult {
	entries: JournalEntry[];
	cursor: JournalCursor;
	stop: StopReason;
	pages: number;
	duplicates: number;
	/** Human-readable warnings (410 resets, ignored links, malformed entries). */
	warnings: string[];
	/** True when a 410 made the cursor jump (oldest/latest). */
	expired: boolean;
	/** ms until the journal wants to be asked again (from the last 204), if any. */
	retryAfterMs?: number;
	/** Set when the loop stopped on an error. The cursor then points right after the last good page. */
	error?: unknown;
}

/** Upper bounds of the configurable limits (validated again by the node). */
export const MAX_PAGE_SIZE = 1000;
export const MAX_EVENTS_PER_POLL = 50000;
export const MAX_PAGES_PER_POLL = 1000;
export const MAX_DEDUPE_WINDOW = 10000;
/** A 410 right after a reset would loop; allow this many resets per poll. */
const MAX_RESETS_PER_POLL = 1;

function parseBody(body: unknown): unknown {
	if (typeof body === 'string') {
		if (body.trim() === '') return {};
		try {
			return JSON.parse(body) as unknown;
		} catch {
			return undefined;
		}
	}
	if (body instanceof Uint8Array) return parseBody(new TextDecoder().decode(body));
	return body;
}

function describeUrl(url: string): string {
	const q = url.indexOf('?');
	return q === -1 ? url : url.slice(0, q);
}

export async function drainJournal(
	fetchJournal: FetchJournal,
	previous: JournalCursor,
	config: DrainConfig,
): Promise<DrainResult> {
	const journalUrl = previous.journalUrl;
	const cursor: JournalCursor = { journalUrl, seen: [] };
	if (previous.next !== undefined) cursor.next = previous.next;
	const seen = new PollDedupe(previous.seen, config.dedupeWindow, config.now);
	const result: DrainResult = {
		entries: [],
		cursor,
		stop: 'caught-up',
		pages: 0,
		duplicates: 0,
		warnings: [],
		expired: false,
	};
	const finish = (stop: StopReason): DrainResult => {
		result.stop = stop;
		cursor.seen = seen.snapshot(result.entries);
		return result;
	};

	const now = config.now();
	if (previous.notBefore !== undefined && now < previous.notBefore) {
		cursor.notBefore = previous.notBefore;
		result.retryAfterMs = previous.notBefore - now;
		return finish('waiting');
	}

	let url = cursor.next ?? startUrl(journalUrl, config.start);
	let resets = 0;
	for (;;) {
		if (result.entries.length >= config.maxEvents) return finish('max-events');
		if (result.pages >= config.maxPages) return finish('max-pages');
		if (config.deadline !== undefined && result.pages > 0 && config.now() >= config.deadline) {
			return finish('deadline');
		}
		const remaining = config.maxEvents - result.entries.length;
		const limit = Math.max(1, Math.min(config.pageSize, remaining));
		let response: JournalHttpResponse;
		result.pages++;
		try {
			response = await fetchJournal(withLimit(url, limit));
		} catch (error) {
			result.error = error;
			return finish('error');
		}

		const links = parseLinkHeader(getHeader(response.headers, 'link'));
		let next: string | undefined;
		if (links.next !== undefined) {
			next = resolveSameOrigin(links.next, journalUrl);
			if (next === undefined) {
				result.warnings.push(
					`Ignored a "next" link that does not point to the journal's own host (${links.next.slice(0, 200)})`,
				);
			}
		}

		if (response.statusCode === 410) {
			if (resets >= MAX_RESETS_PER_POLL) {
				result.error = new Error(
					`The journal answered 410 Gone again right after a reset (${describeUrl(url)})`,
				);
				return finish('error');
			}
			resets++;
			result.expired = true;
			result.warnings.push(
				config.onExpired === 'latest'
					? 'The saved journal position has expired (Adobe keeps events for 7 days). Restarted from the latest position: events published in between were skipped.'
					: 'The saved journal position has expired (Adobe keeps events for 7 days). Restarted from the oldest event still available: older events were lost.',
			);
			url = resetUrl(journalUrl, config.onExpired);
			delete cursor.next;
			continue;
		}

		if (response.statusCode === 204) {
			// End of the journal. Adobe's next link equals the request URI; keep where we are if it sent none.
			cursor.next = next ?? url;
			const wait = parseRetryAfter(getHeader(response.headers, 'retry-after'), config.now());
			if (wait !== undefined && wait > 0) {
				cursor.notBefore = config.now() + wait;
				result.retryAfterMs = wait;
			}
			return finish('caught-up');
		}

		if (response.statusCode !== 200) {
			result.error = new Error(
				`Unexpected journal response ${response.statusCode} (${describeUrl(url)})`,
			);
			return finish('error');
		}

		const body = parseBody(response.body);
		const rawEvents =
			isRecord(body) && Array.isArray(body.events) ? (body.events as unknown[]) : undefined;
		if (rawEvents === undefined) {
			result.error = new Error(
				`The journal returned a page without an "events" list (${describeUrl(url)})`,
			);
			return finish('error');
		}

		let page: JournalEntry[] = [];
		let malformed = 0;
		for (const raw of rawEvents) {
			if (isRecord(raw) && typeof raw.position === 'string' && isRecord(raw.event)) {
				// already `{ position, event }`: kept as is (no copy per event)
				page.push(raw as unknown as JournalEntry);
			} else {
				malformed++;
			}
		}
		if (malformed > 0) {
			result.warnings.push(
				`Skipped ${malformed} journal entr${malformed === 1 ? 'y' : 'ies'} without a position or event`,
			);
		}

		let reached: string | undefined;
		if (config.stopAfter !== undefined) {
			const at = page.findIndex((entry) => entry.position === config.stopAfter);
			if (at !== -1) {
				page = page.slice(0, at + 1);
				reached = config.stopAfter;
			}
		}

		// A server that ignores `limit` must not push us past maxEvents: keep what fits and resume after it.
		let truncatedAt: string | undefined;
		if (page.length > remaining) {
			page = page.slice(0, remaining);
			truncatedAt = page[page.length - 1].position;
			reached = undefined;
		}

		for (const entry of page) {
			if (!seen.markIfNew(entry)) {
				result.duplicates++;
				continue;
			}
			result.entries.push(entry);
		}

		const pageLast =
			isRecord(body) && isRecord(body._page) && typeof body._page.last === 'string'
				? body._page.last
				: page.length > 0
					? page[page.length - 1].position
					: undefined;
		const stoppedAt = truncatedAt ?? reached;
		const advanceTo =
			stoppedAt !== undefined
				? sinceUrl(journalUrl, stoppedAt)
				: (next ?? (pageLast !== undefined ? sinceUrl(journalUrl, pageLast) : undefined));
		if (advanceTo === undefined) {
			result.warnings.push(
				'The journal sent a page without a "next" link or position; the trigger cannot move past it.',
			);
			cursor.next = url;
			return finish('no-next');
		}
		cursor.next = advanceTo;
		url = advanceTo;
		if (reached !== undefined) return finish('reached');
		if (rawEvents.length === 0) {
			// 200 with no events: treat like the end of the journal instead of spinning.
			return finish('caught-up');
		}
	}
}
