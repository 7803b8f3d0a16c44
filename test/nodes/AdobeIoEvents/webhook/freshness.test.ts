/**
 * Freshness of signed deliveries: the rule on every time format and envelope, its boundary, and the
 * once-per-burst log.
 */
import {
	checkFreshness,
	MAX_EVENT_AGE_MS,
	STALE_LOG_INTERVAL_MS,
	StaleLog,
} from '../../../../nodes/AdobeIoEvents/webhook/freshness';

const HOUR = 3_600_000;
const T = Date.UTC(2024, 6, 11, 13, 20, 42, 755); // 2024-07-11T13:20:42.755Z (a Thursday)
/** A CloudEvent with this `time` (or none). */
const ce = (time?: unknown) => ({
	specversion: '1.0',
	id: 'x',
	source: 's',
	type: 't',
	...(time === undefined ? {} : { time }),
});

describe('checkFreshness', () => {
	it('48 h: Adobe’s 24 h of retries plus a 24 h margin', () => {
		expect(MAX_EVENT_AGE_MS).toBe(48 * HOUR);
	});

	it.each([
		['RFC 3339 Z', ce('2024-07-11T13:20:42.755Z')],
		['RFC 3339 nanoseconds', ce('2024-07-11T13:20:42.755109827Z')],
		['+00:00 offset', ce('2024-07-11T13:20:42.755+00:00')],
		['+0000 offset', ce('2024-07-11T13:20:42.755+0000')],
		['-08:00 offset (same instant)', ce('2024-07-11T05:20:42.755-08:00')],
		['no zone (UTC), space separator', ce('2024-07-11 13:20:42.755')],
		['epoch ms number', ce(T)],
		['epoch ms string', ce(String(T))],
		[
			'Marketo wrapper: the wrapped CloudEvent’s time',
			{
				eventid: 'e',
				event: {
					body: {
						specversion: '1.0',
						id: 'x',
						source: 's',
						type: 't',
						time: '2024-07-11T13:20:42.755Z',
					},
				},
			},
		],
		['pipeline header sentTime', { event_id: 'e', event: { header: { sentTime: T }, body: {} } }],
		[
			'XDM activitystreams:published',
			{ 'activitystreams:published': '2024-07-11T13:20:42.755Z', 'activitystreams:object': {} },
		],
	])('%s: runs up to 48 h after its time, not 1 ms later', (_name, event) => {
		expect(checkFreshness([event], T + MAX_EVENT_AGE_MS)).toMatchObject({ stale: 0 });
		expect(checkFreshness([event], T + MAX_EVENT_AGE_MS + 1)).toMatchObject({
			stale: 1,
			oldest: T,
			fresh: [],
		});
	});

	it('Java Date.toString() (second precision)', () => {
		const event = ce('Thu Jul 11 13:20:42 UTC 2024');
		const t = T - 755;
		expect(checkFreshness([event], t + MAX_EVENT_AGE_MS).stale).toBe(0);
		expect(checkFreshness([event], t + MAX_EVENT_AGE_MS + 1).stale).toBe(1);
	});

	it.each([
		['no time at all', ce()],
		['unreadable text', ce('yesterday')],
		['Java date with an ambiguous zone', ce('Thu Jul 11 13:20:42 CST 2024')],
		['Java date whose weekday does not match', ce('Mon Jul 11 13:20:42 UTC 2024')],
		['epoch seconds (ambiguous)', ce(Math.floor(T / 1000))],
		['an object', ce({ seconds: 1 })],
		[
			'legacy {event_id, event} (no time of its own)',
			{ event_id: 'e', event: { time: '2001-01-01T00:00:00Z' } },
		],
		['not an object', 'text'],
		['the epoch-0 placeholder of Adobe’s legacy samples', ce('1970-01-01T01:00:00.000+01')],
		['a time before 1973-03-03', ce('1972-12-31T23:59:59Z')],
		['a bare object with a time but no envelope', { time: '2001-01-01T00:00:00Z' }],
	])('%s: never stale, whatever the clock', (_name, event) => {
		expect(checkFreshness([event], Date.UTC(2100, 0, 1))).toEqual({
			fresh: [event],
			stale: 0,
			oldest: undefined,
		});
	});

	it('a time in the future is not checked (clock skew goes both ways)', () => {
		expect(checkFreshness([ce('2100-01-01T00:00:00Z')], T).stale).toBe(0);
	});

	it('a batch keeps its fresh events and counts the stale ones (oldest reported)', () => {
		const now = T + 50 * HOUR;
		const events = [ce(T), ce(now - HOUR), ce(T - HOUR), ce()];
		expect(checkFreshness(events, now)).toEqual({
			fresh: [events[1], events[3]],
			stale: 2,
			oldest: T - HOUR,
		});
	});
});

describe('StaleLog', () => {
	it('reports the first stale delivery of a trigger at once, then once a minute with the count in between', () => {
		let t = 0;
		const log = new StaleLog({ now: () => t, maxScopes: 4 });
		expect(log.note('a', 1)).toBe(1);
		for (let i = 0; i < 100; i++) expect(log.note('a', 2)).toBe(0);
		expect(log.note('b', 1)).toBe(1); // another trigger has its own
		t += STALE_LOG_INTERVAL_MS;
		expect(log.note('a', 1)).toBe(201);
		expect(log.note('a', 1)).toBe(0);
	});

	it('is bounded by the number of scopes (least recently used forgotten)', () => {
		const log = new StaleLog({ now: () => 0, maxScopes: 2 });
		log.note('a', 1);
		log.note('b', 1);
		log.note('c', 1);
		expect(log.note('a', 1)).toBe(1); // 'a' was forgotten: logged again
		expect(log.note('c', 1)).toBe(0);
	});
});
