import {
	DEFAULT_MAX_ATTEMPTS,
	MAX_RETRY_AFTER_MS,
	nextDelay,
	parseRetryAfter,
	retryPolicy,
} from '../../../../nodes/AdobeIoEvents/transport';
import { MAX_ATTEMPTS_LIMIT } from '../../../../nodes/AdobeIoEvents/transport/retry';

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

describe('retryPolicy', () => {
	it('applies the defaults and the bounds', () => {
		expect(retryPolicy()).toEqual({ maxAttempts: DEFAULT_MAX_ATTEMPTS, baseDelayMs: 500, maxDelayMs: 30_000 });
		expect(retryPolicy({ maxAttempts: 50 }).maxAttempts).toBe(MAX_ATTEMPTS_LIMIT);
		expect(retryPolicy({ maxAttempts: 0 }).maxAttempts).toBe(1);
		expect(retryPolicy({ maxAttempts: 2.7 }).maxAttempts).toBe(2);
		expect(retryPolicy({ baseDelayMs: -5, maxDelayMs: -1 })).toMatchObject({ baseDelayMs: 0, maxDelayMs: 0 });
	});
});

describe('nextDelay (pure retry policy)', () => {
	const policy = retryPolicy({ maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 1000 });
	const noJitter = () => 0;

	it('retries 429, 5xx and transient network errors; nothing else', () => {
		for (const statusCode of [429, 500, 502, 503, 504]) {
			expect(nextDelay(1, { statusCode }, policy, now, noJitter)).toEqual({ retry: true, delayMs: 100 });
		}
		for (const statusCode of [302, 400, 401, 403, 404, 409, 410, 413, 422]) {
			expect(nextDelay(1, { statusCode }, policy, now, noJitter)).toEqual({ retry: false, reason: 'not-transient' });
		}
		for (const networkCode of ['ECONNRESET', 'ETIMEDOUT', 'ESOCKETTIMEDOUT', 'ECONNABORTED', 'EAI_AGAIN', 'EPIPE']) {
			expect(nextDelay(1, { networkCode }, policy, now, noJitter).retry).toBe(true);
		}
		for (const networkCode of ['ECONNREFUSED', 'ENOTFOUND', 'CERT_HAS_EXPIRED', undefined]) {
			expect(nextDelay(1, { networkCode }, policy, now, noJitter)).toEqual({ retry: false, reason: 'not-transient' });
		}
	});

	it('backs off exponentially with at most 20 % jitter, capped at maxDelayMs', () => {
		expect([1, 2, 3].map((a) => nextDelay(a, { statusCode: 503 }, policy, now, noJitter))).toEqual([
			{ retry: true, delayMs: 100 },
			{ retry: true, delayMs: 200 },
			{ retry: true, delayMs: 400 },
		]);
		expect(nextDelay(2, { statusCode: 503 }, policy, now, () => 0.999)).toEqual({ retry: true, delayMs: 239 });
		const long = retryPolicy({ maxAttempts: 10, baseDelayMs: 100, maxDelayMs: 1000 });
		expect(nextDelay(8, { statusCode: 503 }, long, now, () => 0.999)).toEqual({ retry: true, delayMs: 1000 });
	});

	it('stops when the attempts are used up', () => {
		expect(nextDelay(4, { statusCode: 503 }, policy, now, noJitter)).toEqual({ retry: false, reason: 'attempts-used' });
		expect(nextDelay(1, { statusCode: 503 }, retryPolicy({ maxAttempts: 1 }), now, noJitter)).toEqual({
			retry: false,
			reason: 'attempts-used',
		});
	});

	it('waits exactly what Retry-After asks when it fits, and reports (not waits) a longer ask', () => {
		expect(nextDelay(1, { statusCode: 429, retryAfter: '1' }, policy, now, noJitter)).toEqual({ retry: true, delayMs: 1000 });
		expect(nextDelay(1, { statusCode: 503, retryAfter: 'Thu, 01 Jan 2026 12:00:00 GMT' }, policy, now)).toEqual({
			retry: true,
			delayMs: 0,
		});
		expect(nextDelay(1, { statusCode: 429, retryAfter: '3600' }, policy, now, noJitter)).toEqual({
			retry: false,
			reason: 'retry-after-too-long',
			retryAfterMs: 3_600_000,
		});
		// junk is ignored: plain backoff
		expect(nextDelay(1, { statusCode: 429, retryAfter: '-1' }, policy, now, noJitter)).toEqual({ retry: true, delayMs: 100 });
		// Retry-After on a failure that is not retried changes nothing
		expect(nextDelay(1, { statusCode: 400, retryAfter: '1' }, policy, now, noJitter)).toEqual({
			retry: false,
			reason: 'not-transient',
		});
	});
});
