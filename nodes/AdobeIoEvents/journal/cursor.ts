/**
 * The journal cursor: where the trigger resumes reading, persisted in the node's static data.
 *
 * Pure module (no n8n import). The cursor is the absolute URL Adobe handed us as `Link: rel="next"`
 * (positions are opaque, never constructed), plus the `retry-after` deadline of the last 204 and a
 * bounded window of recently emitted event ids. It is only ever written as a whole, right before
 * poll() returns, so n8n commits it together with the execution that carries the events.
 */

import { isRecord } from '../shared/guards';

export type StartFrom = 'latest' | 'oldest' | 'seek';
export type OnExpired = 'oldest' | 'latest';

export interface JournalStart {
	from: StartFrom;
	/** ISO-8601 duration for `seek`, normalised to a negative duration (e.g. `-PT2H`). */
	seek?: string;
}

export interface JournalCursor {
	/** The journal (registration `rel:events` URL) this cursor belongs to. */
	journalUrl: string;
	/** Absolute URL to read next; undefined = not started yet (use the configured start). */
	next?: string;
	/** Epoch ms before which the journal asked us not to come back (`retry-after` of a 204). */
	notBefore?: number;
	/** Recently emitted event keys with the time first seen, oldest first, bounded by the dedupe window. */
	seen: SeenEntry[];
}

/** `[event key, first seen epoch ms]` — the shared DedupeWindow's snapshot format. */
export type SeenEntry = [string, number];

/** The journal keeps events 7 days; a key older than that cannot come back as a duplicate. */
export const DEDUPE_TTL_MS = 8 * 24 * 60 * 60 * 1000;

export const CURSOR_VERSION = 1;

/** The static-data shape (JSON only). */
export interface StoredCursor {
	v: number;
	journalUrl: string;
	next?: string;
	notBefore?: number;
	seen?: SeenEntry[];
}

const SEEK_PATTERN =
	/^-?P(?=\d|T\d)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/;

/** Validates an ISO-8601 duration and returns it negative (`PT2H` → `-PT2H`), or undefined when invalid. */
export function normaliseSeek(input: string): string | undefined {
	const value = input.trim().toUpperCase();
	if (!SEEK_PATTERN.test(value)) return undefined;
	return value.startsWith('-') ? value : `-${value}`;
}

function splitUrl(url: string): { base: string; params: string[]; hash: string } {
	const hashAt = url.indexOf('#');
	const hash = hashAt === -1 ? '' : url.slice(hashAt);
	const noHash = hashAt === -1 ? url : url.slice(0, hashAt);
	const q = noHash.indexOf('?');
	if (q === -1) return { base: noHash, params: [], hash };
	return {
		base: noHash.slice(0, q),
		params: noHash
			.slice(q + 1)
			.split('&')
			.filter((p) => p.length > 0),
		hash,
	};
}

function paramName(p: string): string {
	const eq = p.indexOf('=');
	return decodeURIComponent(eq === -1 ? p : p.slice(0, eq));
}

/**
 * Returns `url` with the given query parameters replaced (value undefined = removed). Other parameters are
 * kept byte-for-byte (opaque positions are never re-encoded).
 */
export function withQuery(url: string, changes: Record<string, string | undefined>): string {
	const { base, params, hash } = splitUrl(url);
	const names = new Set(Object.keys(changes));
	const kept = params.filter((p) => !names.has(paramName(p)));
	for (const [name, value] of Object.entries(changes)) {
		if (value !== undefined) kept.push(`${encodeURIComponent(name)}=${encodeURIComponent(value)}`);
	}
	return kept.length ? `${base}?${kept.join('&')}${hash}` : `${base}${hash}`;
}

/** Sets the page size of a journal request. */
export function withLimit(url: string, limit: number): string {
	return withQuery(url, { limit: String(limit) });
}

/** The first URL to read when there is no cursor yet. */
export function startUrl(journalUrl: string, start: JournalStart): string {
	const clean = withQuery(journalUrl, {
		since: undefined,
		latest: undefined,
		seek: undefined,
		limit: undefined,
	});
	switch (start.from) {
		case 'oldest':
			return clean;
		case 'seek':
			if (!start.seek) return clean;
			return withQuery(clean, { seek: start.seek });
		case 'latest':
		default:
			return withQuery(clean, { latest: 'true' });
	}
}

/** Where to go after a 410 (position expired). */
export function resetUrl(journalUrl: string, onExpired: OnExpired): string {
	return startUrl(journalUrl, { from: onExpired === 'latest' ? 'latest' : 'oldest' });
}

/** URL to resume from a batch's `_page.last` position when Adobe sent no usable `next` link. */
export function sinceUrl(journalUrl: string, position: string): string {
	return withQuery(startUrl(journalUrl, { from: 'oldest' }), { since: position });
}

/**
 * Reads the cursor for `journalUrl` from static data. Anything unusable (other journal, wrong version,
 * corrupted values) yields a fresh cursor: the trigger then starts where the user asked it to.
 */
export function readCursor(
	stored: unknown,
	journalUrl: string,
	dedupeWindow: number,
): JournalCursor {
	const fresh: JournalCursor = { journalUrl, seen: [] };
	if (!isRecord(stored) || stored.v !== CURSOR_VERSION || stored.journalUrl !== journalUrl)
		return fresh;
	const cursor: JournalCursor = { journalUrl, seen: [] };
	if (typeof stored.next === 'string' && stored.next.length > 0) cursor.next = stored.next;
	if (typeof stored.notBefore === 'number' && Number.isFinite(stored.notBefore)) {
		cursor.notBefore = stored.notBefore;
	}
	if (Array.isArray(stored.seen)) {
		const ids = stored.seen.filter(
			(e): e is SeenEntry =>
				Array.isArray(e) && e.length === 2 && typeof e[0] === 'string' && typeof e[1] === 'number',
		);
		cursor.seen = dedupeWindow > 0 ? ids.slice(-dedupeWindow) : [];
	}
	return cursor;
}

/** The JSON written back to static data. */
export function toStored(cursor: JournalCursor): StoredCursor {
	const stored: StoredCursor = { v: CURSOR_VERSION, journalUrl: cursor.journalUrl };
	if (cursor.next !== undefined) stored.next = cursor.next;
	if (cursor.notBefore !== undefined) stored.notBefore = cursor.notBefore;
	stored.seen = cursor.seen.map(([key, at]) => [key, at] as SeenEntry);
	return stored;
}
