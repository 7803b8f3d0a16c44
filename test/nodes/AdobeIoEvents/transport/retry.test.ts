import { MAX_RETRY_AFTER_MS, parseRetryAfter } from '../../../../nodes/AdobeIoEvents/transport';

const now = Date.UTC(2026, 0, 1, 12, 0, 0);

describe('parseRetryAfter (the one reader: transport, journal trigger, journal operation)', () => {
	it('parses delta-seconds', () => {
		expect(parseRetryAfter('10', now)).toBe(10000);
		expect(parseRetryAfter(' 2.5 ', now)).toBe(2500);
		expect(parseRetryAfter(['3', '9'], now)).toBe(3000);
		expect(parseRetryAfter(0, now)).toBe(0);
	});

	it('parses an HTTP-date relative to now, past dates are 0', () => {
		expect(parseRetryAfter('Thu, 01 Jan 2026 12:00:30 GMT', now)).toBe(30000);
		expect(parseRetryAfter('Thu, 01 Jan 2026 11:00:00 GMT', now)).toBe(0);
	});

	it('refuses junk that Date.parse would take for a date', () => {
		// Date.parse("-1") is a date (2001): a date must name a weekday or a month
		for (const junk of ['-1', '12abc', '1e3', 'soon', '', '   ', '0x10']) {
			expect(parseRetryAfter(junk, now)).toBeUndefined();
		}
		expect(parseRetryAfter(undefined, now)).toBeUndefined();
		expect(parseRetryAfter(null, now)).toBeUndefined();
		expect(parseRetryAfter([], now)).toBeUndefined();
	});

	it('clamps to MAX_RETRY_AFTER_MS by default, to a caller bound when given', () => {
		expect(parseRetryAfter('999999999', now)).toBe(MAX_RETRY_AFTER_MS);
		expect(parseRetryAfter('Fri, 01 Jan 2100 00:00:00 GMT', now)).toBe(MAX_RETRY_AFTER_MS);
		expect(parseRetryAfter('3600', now, Number.POSITIVE_INFINITY)).toBe(3_600_000);
		expect(parseRetryAfter('3600', now, 5000)).toBe(5000);
	});
});
