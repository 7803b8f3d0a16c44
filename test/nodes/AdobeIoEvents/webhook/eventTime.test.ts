/** parseEventTime: every time format Adobe's events use, and nothing it would read wrong. */
import { parseEventTime } from '../../../../nodes/AdobeIoEvents/webhook/eventTime';

const T = Date.UTC(2026, 1, 3, 4, 5, 6, 789); // 2026-02-03T04:05:06.789Z

describe('parseEventTime', () => {
	it.each<[string, unknown, number | undefined]>([
		['RFC 3339 Z', '2026-02-03T04:05:06.789Z', T],
		['RFC 3339 lower-case t/z', '2026-02-03t04:05:06.789z', T],
		['offset with colon', '2026-02-03T05:05:06.789+01:00', T],
		['offset without colon', '2026-02-03T04:05:06.789+0000', T],
		['hour-only offset', '2026-02-02T20:05:06.789-08', T],
		['hour-only positive offset', '2026-02-03T05:05:06.789+01', T],
		['nanoseconds (cut to ms)', '2026-02-03T04:05:06.789123456Z', T],
		['microseconds', '2026-02-03T04:05:06.789999Z', T],
		['no seconds', '2026-02-03T04:05Z', Date.UTC(2026, 1, 3, 4, 5)],
		['space separator, no zone = UTC', '2026-02-03 04:05:06.789', T],
		['T separator, no zone = UTC', '2026-02-03T04:05:06.789', T],
		['space then offset', '2026-02-03 04:05:06.789 +0000', T],
		['epoch ms number', T, T],
		['epoch ms string', String(T), T],
		['Java Date.toString() UTC', 'Tue Feb 03 04:05:06 UTC 2026', T - 789],
		['Java Date.toString() GMT offset', 'Tue Feb 03 05:05:06 GMT+01:00 2026', T - 789],
		['Java Date.toString() with a wrong weekday', 'Mon Feb 03 04:05:06 UTC 2026', undefined],
		['Java Date.toString() with an ambiguous zone', 'Tue Feb 03 04:05:06 CST 2026', undefined],
		['epoch seconds (ambiguous)', 1_770_091_506, undefined],
		['epoch seconds as a string', '1770091506', undefined],
		['zero', 0, undefined],
		['negative', -5, undefined],
		['NaN', Number.NaN, undefined],
		['Infinity', Number.POSITIVE_INFINITY, undefined],
		['beyond the time range', 9e15, undefined],
		['month 13', '2026-13-03T04:05:06Z', undefined],
		['February 30', '2026-02-30T04:05:06Z', undefined],
		['hour 24', '2026-02-03T24:05:06Z', undefined],
		['offset hour 24', '2026-02-03T04:05:06+24:00', undefined],
		['date only', '2026-02-03', undefined],
		['free text', 'yesterday', undefined],
		['a long string', `2026-02-03T04:05:06Z${' '.repeat(80)}`, undefined],
		['empty', '', undefined],
		['null', null, undefined],
		['object', { time: T }, undefined],
		['boolean', true, undefined],
	])('%s', (_name, value, expected) => {
		expect(parseEventTime(value)).toBe(expected);
	});

	it('the Unix epoch written as RFC 3339 is a real time (0)', () => {
		expect(parseEventTime('1970-01-01T01:00:00.000+01')).toBe(0);
	});
});
