import type { JournalCursor } from '../../../../nodes/AdobeIoEvents/journal/cursor';
import type {
	DrainConfig,
	FetchJournal,
	JournalHttpResponse,
} from '../../../../nodes/AdobeIoEvents/journal/drain';
import { drainJournal, eventKeyOf } from '../../../../nodes/AdobeIoEvents/journal/drain';

const ORIGIN = 'https://journal.test';
const J = `${ORIGIN}/events/organizations/1/integrations/2/reg`;

/** A small in-memory model of Adobe's journal (the wire-level behaviour is tested against the emulator). */
class FakeJournal {
	events: Array<{ position: string; event: Record<string, unknown> }> = [];
	expiredBefore = 0; // positions with index < this answer 410
	ignoreLimit = false;
	retryAfter: string | undefined = '10';
	requests: string[] = [];
	failOn: number | undefined; // request number (1-based) that throws
	linkHeader: 'root-relative' | 'none' | 'foreign' = 'root-relative';

	publish(
		n: number,
		make: (i: number) => Record<string, unknown> = (i) => ({ eventid: `e${i}`, n: i }),
	) {
		const start = this.events.length;
		for (let i = 0; i < n; i++)
			this.events.push({ position: `p:${start + i}`, event: make(start + i) });
	}

	private link(since: number, limit: string | null): string {
		const target = `/events-fast/organizations/1/integrations/2/reg?since=p:${since}${limit ? `&limit=${limit}` : ''}`;
		if (this.linkHeader === 'none') return '';
		if (this.linkHeader === 'foreign') return `<https://evil.example${target}>; rel="next"`;
		return `</events/organizations/1/integrations/2/reg>; rel="events", <${target}>; rel="next"`;
	}

	fetch: FetchJournal = async (url: string): Promise<JournalHttpResponse> => {
		this.requests.push(url);
		if (this.failOn === this.requests.length) throw new Error('socket hang up');
		const u = new URL(url);
		const limitParam = u.searchParams.get('limit');
		let from: number;
		if (u.searchParams.get('latest') === 'true') from = this.events.length;
		else if (u.searchParams.has('since')) {
			const since = Number(u.searchParams.get('since')!.split(':')[1]);
			if (since < this.expiredBefore) return { statusCode: 410, headers: {}, body: 'expired' };
			from = since + 1;
		} else if (u.searchParams.has('seek')) from = Math.max(this.events.length - 3, 0);
		else from = this.expiredBefore;
		const limit = this.ignoreLimit || !limitParam ? 1000 : Number(limitParam);
		const page = this.events.slice(from, from + limit);
		if (page.length === 0) {
			const headers: Record<string, string> = { link: this.link(from - 1, limitParam) };
			if (this.retryAfter !== undefined) headers['retry-after'] = this.retryAfter;
			return { statusCode: 204, headers, body: '' };
		}
		const last = from + page.length - 1;
		return {
			statusCode: 200,
			headers: { link: this.link(last, limitParam) },
			body: JSON.stringify({ events: page, _page: { last: `p:${last}`, count: page.length } }),
		};
	};
}

let clock = 1_000_000;
const config = (over: Partial<DrainConfig> = {}): DrainConfig => ({
	start: { from: 'oldest' },
	onExpired: 'oldest',
	pageSize: 10,
	maxEvents: 100,
	maxPages: 100,
	dedupeWindow: 50,
	now: () => clock,
	...over,
});
const fresh = (): JournalCursor => ({ journalUrl: J, seen: [] });
const ids = (r: { entries: Array<{ event: Record<string, unknown> }> }) =>
	r.entries.map((e) => e.event.eventid);

describe('drainJournal', () => {
	beforeEach(() => {
		clock += 3_600_000;
	});

	it('drains everything over several polls, following next links, none lost or duplicated', async () => {
		const fake = new FakeJournal();
		fake.publish(257);
		let cursor = fresh();
		const got: unknown[] = [];
		let polls = 0;
		for (;;) {
			clock += 60_000;
			const r = await drainJournal(fake.fetch, cursor, config({ maxEvents: 100 }));
			polls++;
			got.push(...ids(r));
			cursor = r.cursor;
			if (r.stop === 'caught-up') break;
			expect(r.stop).toBe('max-events');
			expect(r.entries).toHaveLength(100);
		}
		expect(polls).toBe(3);
		expect(got).toEqual(Array.from({ length: 257 }, (_, i) => `e${i}`));
		expect(fake.requests.every((u) => u.startsWith(ORIGIN))).toBe(true);
		expect(fake.requests[1]).toContain('/events-fast/');
		expect(cursor.notBefore).toBe(clock + 10_000);
	});

	it('caps by max pages and sends limit = min(page size, remaining)', async () => {
		const fake = new FakeJournal();
		fake.publish(50);
		const r = await drainJournal(
			fake.fetch,
			fresh(),
			config({ pageSize: 10, maxEvents: 25, maxPages: 2 }),
		);
		expect(r.stop).toBe('max-pages');
		expect(r.entries).toHaveLength(20);
		const r2 = await drainJournal(
			fake.fetch,
			r.cursor,
			config({ pageSize: 10, maxEvents: 25, maxPages: 5 }),
		);
		expect(r2.stop).toBe('max-events');
		expect(fake.requests.map((u) => new URL(u).searchParams.get('limit'))).toEqual([
			'10',
			'10',
			'10',
			'10',
			'5',
		]);
		expect(ids(r2)).toEqual(Array.from({ length: 25 }, (_, i) => `e${i + 20}`));
	});

	it('a server that ignores limit cannot push a poll past maxEvents; the rest follows via since', async () => {
		const fake = new FakeJournal();
		fake.ignoreLimit = true;
		fake.publish(30);
		const r = await drainJournal(fake.fetch, fresh(), config({ maxEvents: 12 }));
		expect(r.entries).toHaveLength(12);
		expect(r.cursor.next).toBe(`${J}?since=p%3A11`);
		const r2 = await drainJournal(fake.fetch, r.cursor, config({ maxEvents: 100 }));
		expect(ids(r2)).toEqual(Array.from({ length: 18 }, (_, i) => `e${i + 12}`));
	});

	it('start latest: first poll returns nothing and remembers the end; later events are read', async () => {
		const fake = new FakeJournal();
		fake.publish(5);
		const r = await drainJournal(fake.fetch, fresh(), config({ start: { from: 'latest' } }));
		expect(r.entries).toHaveLength(0);
		expect(r.stop).toBe('caught-up');
		expect(fake.requests[0]).toBe(`${J}?latest=true&limit=10`);
		fake.publish(3);
		clock += 60_000;
		const r2 = await drainJournal(fake.fetch, r.cursor, config({ start: { from: 'latest' } }));
		expect(ids(r2)).toEqual(['e5', 'e6', 'e7']);
	});

	it('start seek sends the duration', async () => {
		const fake = new FakeJournal();
		fake.publish(10);
		const r = await drainJournal(
			fake.fetch,
			fresh(),
			config({ start: { from: 'seek', seek: '-PT2H' } }),
		);
		expect(fake.requests[0]).toBe(`${J}?seek=-PT2H&limit=10`);
		expect(ids(r)).toEqual(['e7', 'e8', 'e9']);
	});

	it('honours retry-after of a 204 by not asking again before it elapsed (no timers)', async () => {
		const fake = new FakeJournal();
		fake.retryAfter = '30';
		const r = await drainJournal(fake.fetch, fresh(), config());
		expect(r.retryAfterMs).toBe(30_000);
		expect(r.cursor.notBefore).toBe(clock + 30_000);
		fake.publish(2);
		clock += 10_000;
		const waiting = await drainJournal(fake.fetch, r.cursor, config());
		expect(waiting.stop).toBe('waiting');
		expect(waiting.retryAfterMs).toBe(20_000);
		expect(waiting.cursor).toEqual(r.cursor);
		expect(fake.requests).toHaveLength(1);
		clock += 20_000;
		const after = await drainJournal(fake.fetch, waiting.cursor, config());
		expect(ids(after)).toEqual(['e0', 'e1']);
		expect(after.cursor.notBefore).toBe(clock + 30_000);
	});

	it('a 204 without next link keeps the current position', async () => {
		const fake = new FakeJournal();
		fake.linkHeader = 'none';
		fake.retryAfter = undefined;
		const r = await drainJournal(
			fake.fetch,
			{ journalUrl: J, next: `${J}?since=p:4`, seen: [] },
			config(),
		);
		expect(r.stop).toBe('caught-up');
		expect(r.cursor.next).toBe(`${J}?since=p:4`);
		expect(r.cursor.notBefore).toBeUndefined();
	});

	it('410: resets to oldest (default) with a warning and continues in the same poll', async () => {
		const fake = new FakeJournal();
		fake.publish(20);
		fake.expiredBefore = 10;
		const r = await drainJournal(
			fake.fetch,
			{ journalUrl: J, next: `${J}?since=p:3`, seen: [] },
			config(),
		);
		expect(r.expired).toBe(true);
		expect(r.warnings.join()).toMatch(/expired.*oldest/);
		expect(ids(r)).toEqual(Array.from({ length: 10 }, (_, i) => `e${i + 10}`));
	});

	it('410: resets to latest when chosen', async () => {
		const fake = new FakeJournal();
		fake.publish(20);
		fake.expiredBefore = 10;
		const r = await drainJournal(
			fake.fetch,
			{ journalUrl: J, next: `${J}?since=p:3`, seen: [] },
			config({ onExpired: 'latest' }),
		);
		expect(r.expired).toBe(true);
		expect(r.entries).toHaveLength(0);
		expect(r.warnings.join()).toMatch(/latest/);
		expect(r.cursor.next).toContain('since=p:19');
	});

	it('410 twice in one poll stops with an error instead of looping', async () => {
		const fetch: FetchJournal = async () => ({ statusCode: 410, headers: {}, body: 'gone' });
		const r = await drainJournal(
			fetch,
			{ journalUrl: J, next: `${J}?since=x`, seen: [] },
			config(),
		);
		expect(r.stop).toBe('error');
		expect(String(r.error)).toMatch(/410/);
		expect(r.pages).toBe(2);
	});

	it('dedupes by eventid within a poll and across polls, bounded by the window', async () => {
		const fake = new FakeJournal();
		fake.publish(6, (i) => ({ eventid: `e${i % 3}` }));
		const r = await drainJournal(fake.fetch, fresh(), config({ dedupeWindow: 2 }));
		expect(ids(r)).toEqual(['e0', 'e1', 'e2']);
		expect(r.duplicates).toBe(3);
		expect(r.cursor.seen.map(([k]) => k)).toEqual(['eventid:e1', 'eventid:e2']); // bounded: e0 fell out
		fake.publish(3, (i) => ({ eventid: `e${i - 6}` })); // e0, e1, e2 again
		clock += 60_000;
		const r2 = await drainJournal(fake.fetch, r.cursor, config({ dedupeWindow: 2 }));
		expect(ids(r2)).toEqual(['e0']); // only the id outside the window is emitted again
		expect(r2.cursor.seen.map(([k]) => k)).toEqual(['eventid:e2', 'eventid:e0']);
	});

	it('dedupe window 0 still dedupes inside one poll but persists nothing', async () => {
		const fake = new FakeJournal();
		fake.publish(4, () => ({ eventid: 'same' }));
		const r = await drainJournal(fake.fetch, fresh(), config({ dedupeWindow: 0 }));
		expect(r.entries).toHaveLength(1);
		expect(r.cursor.seen).toEqual([]);
	});

	it('dedupes every kind of identity alike within a poll and across polls (eventid, event_id, source+id, long id, position)', async () => {
		const long = 'L'.repeat(600); // `eventid:` + 600 chars is over the key bound: stored hashed
		const kinds: Array<Record<string, unknown>> = [
			{ eventid: 'a' },
			{ event_id: 'a' }, // legacy field, same identity as eventid "a"
			{ event_id: 'b' },
			{ eventid: '', event_id: 'b' }, // empty eventid falls back to event_id: duplicate of "b"
			{ id: 'c1', source: 'urn:s' },
			{ id: 'c1', source: 'urn:s' },
			{ eventid: long },
			{ eventid: long },
			{ n: 1 }, // no identity: keyed by position, so never a duplicate of another entry
		];
		const fake = new FakeJournal();
		fake.publish(kinds.length, (i) => kinds[i]);
		const r = await drainJournal(fake.fetch, fresh(), config({ dedupeWindow: 100, pageSize: 2 }));
		expect(r.entries.map((e) => e.event)).toEqual([kinds[0], kinds[2], kinds[4], kinds[6], kinds[8]]);
		expect(r.duplicates).toBe(4);
		const keys = r.cursor.seen.map(([k]) => k);
		expect(keys).toEqual(r.entries.map((e) => eventKeyOf(e)));
		expect(keys.slice(0, 3)).toEqual(['eventid:a', 'eventid:b', 'ce:urn:s\u0000c1']);
		expect(keys[3]).toMatch(/^sha256:[0-9a-f]{64}$/);
		expect(keys[4]).toBe(`position:${r.entries[4].position}`);

		// every kind restored from static data is recognised again by the next poll
		fake.publish(kinds.length + 1, (i) =>
			i < 2 * kinds.length ? kinds[i - kinds.length] : { eventid: 'new' },
		);
		clock += 60_000;
		const r2 = await drainJournal(fake.fetch, r.cursor, config({ dedupeWindow: 100, pageSize: 3 }));
		// only the position-keyed entry (new positions) and the new event pass
		expect(r2.entries.map((e) => e.event)).toEqual([{ n: 1 }, { eventid: 'new' }]);
		expect(r2.duplicates).toBe(8);
	});

	it('an error after some pages returns those pages with the cursor right after them', async () => {
		const fake = new FakeJournal();
		fake.publish(30);
		fake.failOn = 3;
		const r = await drainJournal(fake.fetch, fresh(), config());
		expect(r.stop).toBe('error');
		expect((r.error as Error).message).toBe('socket hang up');
		expect(r.entries).toHaveLength(20);
		fake.failOn = undefined;
		const r2 = await drainJournal(fake.fetch, r.cursor, config());
		expect(ids(r2)).toEqual(Array.from({ length: 10 }, (_, i) => `e${i + 20}`));
	});

	it('never follows a next link to another origin; falls back to _page.last', async () => {
		const fake = new FakeJournal();
		fake.publish(15);
		fake.linkHeader = 'foreign';
		const r = await drainJournal(fake.fetch, fresh(), config());
		expect(fake.requests.every((u) => u.startsWith(ORIGIN))).toBe(true);
		expect(r.warnings.join()).toMatch(/own host/);
		expect(ids(r)).toHaveLength(15);
	});

	it('skips malformed entries with a warning; a page without events list is an error', async () => {
		const fetch: FetchJournal = async () => ({
			statusCode: 200,
			headers: { link: '</n?since=z>; rel="next"' },
			body: { events: [{ position: 'a', event: { eventid: 'x' } }, { nope: 1 }, 'junk'] },
		});
		const r = await drainJournal(fetch, fresh(), config({ maxPages: 1 }));
		expect(r.entries).toHaveLength(1);
		expect(r.warnings.join()).toMatch(/Skipped 2 journal entries/);
		const bad: FetchJournal = async () => ({ statusCode: 200, headers: {}, body: '<html>' });
		const r2 = await drainJournal(bad, fresh(), config());
		expect(r2.stop).toBe('error');
	});

	it('a page without next link or position cannot advance: stops and stays', async () => {
		const fetch: FetchJournal = async () => ({
			statusCode: 200,
			headers: {},
			body: { events: [] },
		});
		const r = await drainJournal(
			fetch,
			{ journalUrl: J, next: `${J}?since=q`, seen: [] },
			config(),
		);
		expect(r.stop).toBe('no-next');
		expect(r.cursor.next).toBe(`${J}?since=q`);
	});

	it('stops at the deadline after at least one page', async () => {
		const fake = new FakeJournal();
		fake.publish(100);
		let t = 0;
		const r = await drainJournal(
			fake.fetch,
			fresh(),
			config({ now: () => (t += 1000), deadline: 2500 }),
		);
		expect(r.stop).toBe('deadline');
		expect(r.pages).toBeGreaterThanOrEqual(1);
		expect(r.pages).toBeLessThan(10);
	});

	it('eventKeyOf uses the webhook identity (eventid, event_id, source+id), then the position', () => {
		const key = (event: Record<string, unknown>) => eventKeyOf({ position: 'p', event });
		expect(key({ eventid: 'a', event_id: 'b' })).toBe('eventid:a');
		expect(key({ event_id: 'b' })).toBe('eventid:b');
		expect(key({ id: 'i', source: 's' })).toMatch(/^ce:s.i$/);
		expect(key({ header: {} })).toBe('position:p');
	});

	it('persisted keys older than the journal retention are dropped', async () => {
		const fake = new FakeJournal();
		fake.publish(1, () => ({ eventid: 'old' }));
		const stale = clock - 9 * 24 * 3600_000;
		const r = await drainJournal(
			fake.fetch,
			{ journalUrl: J, seen: [['eventid:old', stale]] },
			config(),
		);
		expect(ids(r)).toEqual(['old']);
	});
});

describe('dedupe keys', () => {
	it('hashes very long keys the way DedupeWindow does, so they survive the static-data round trip', async () => {
		const source = `urn:${'s'.repeat(600)}`;
		const key = eventKeyOf({ position: 'p', event: { id: '1', source } });
		expect(key).toMatch(/^sha256:[0-9a-f]{64}$/);
		const fake = new FakeJournal();
		fake.publish(1, () => ({ id: '1', source }));
		const r = await drainJournal(fake.fetch, fresh(), config());
		expect(r.entries).toHaveLength(1);
		fake.publish(1, () => ({ id: '1', source }));
		const r2 = await drainJournal(
			fake.fetch,
			JSON.parse(JSON.stringify(r.cursor)) as JournalCursor,
			config({ now: () => clock + 60_000 }),
		);
		expect(r2.entries).toHaveLength(0);
		expect(r2.duplicates).toBe(1);
	});
});

describe('drainJournal stopAfter (a position the journal listed earlier)', () => {
	it('stops right after that entry, mid-page, and resumes after it', async () => {
		const j = new FakeJournal();
		j.publish(25);
		const r = await drainJournal(j.fetch, fresh(), config({ stopAfter: 'p:13' }));
		expect(r.stop).toBe('reached');
		expect(ids(r)).toEqual(Array.from({ length: 14 }, (_, i) => `e${i}`));
		expect(r.cursor.next).toBe(`${J}?since=p%3A13`);
		const rest = await drainJournal(j.fetch, r.cursor, config());
		expect(ids(rest)).toEqual(Array.from({ length: 11 }, (_, i) => `e${i + 14}`));
	});

	it('at the last entry of a page it stops without reading the next page', async () => {
		const j = new FakeJournal();
		j.publish(25);
		const r = await drainJournal(j.fetch, fresh(), config({ stopAfter: 'p:9' }));
		expect({ stop: r.stop, n: r.entries.length, requests: j.requests.length }).toEqual({ stop: 'reached', n: 10, requests: 1 });
	});

	it('maxEvents before the position wins (not reached); a position never met ends at the end of the journal', async () => {
		const j = new FakeJournal();
		j.publish(25);
		const capped = await drainJournal(j.fetch, fresh(), config({ stopAfter: 'p:20', maxEvents: 5 }));
		expect({ stop: capped.stop, n: capped.entries.length }).toEqual({ stop: 'max-events', n: 5 });
		const never = await drainJournal(j.fetch, fresh(), config({ stopAfter: 'p:99' }));
		expect({ stop: never.stop, n: never.entries.length }).toEqual({ stop: 'caught-up', n: 25 });
	});
});
