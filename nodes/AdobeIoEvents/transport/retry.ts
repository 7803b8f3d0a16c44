/**
 * The retry policy of the transport (pure, no n8n import, no timers): which failures are tried again,
 * after how long, and `parseRetryAfter`, THE reader of Adobe's `Retry-After` header (also used by the
 * journal trigger and the journal operation).
 */
import type { HeaderValue } from './headers';

export interface AdobeRetryOptions {
	/** total attempts including the first (default 4, at most 10; 1 = no retry) */
	maxAttempts?: number;
	/** first backoff delay (default 500 ms), doubled per attempt */
	baseDelayMs?: number;
	/** longest single wait (default 30 s); a longer Retry-After ends the retries */
	maxDelayMs?: number;
}

export const DEFAULT_MAX_ATTEMPTS = 4;
export const MAX_ATTEMPTS_LIMIT = 10;
export const DEFAULT_BASE_DELAY_MS = 500;
export const DEFAULT_MAX_DELAY_MS = 30_000;

/** Never wait longer than this because of a `Retry-After` header (a hostile or broken value must not stall a trigger). */
export const MAX_RETRY_AFTER_MS = 10 * 60 * 1000;

/** Failures without an HTTP answer that are worth another attempt. */
export const TRANSIENT_NETWORK_CODES: ReadonlySet<string> = new Set([
	'ECONNRESET',
	'ETIMEDOUT',
	'ESOCKETTIMEDOUT',
	'ECONNABORTED',
	'EAI_AGAIN',
	'EPIPE',
]);

/**
 * Parses `Retry-After`: delta-seconds (`10`, tolerantly `2.5`) or an HTTP-date. Returns milliseconds
 * to wait, clamped to [0, maxMs], or undefined when absent or invalid. A date must name a weekday or
 * a month: `Date.parse` alone would take junk such as "12abc" or "-1" for a date.
 */
export function parseRetryAfter(
	value: HeaderValue,
	now: number = Date.now(),
	maxMs: number = MAX_RETRY_AFTER_MS,
): number | undefined {
	if (value === undefined || value === null) return undefined;
	const raw = (Array.isArray(value) ? value[0] : String(value))?.trim();
	if (!raw) return undefined;
	let ms: number;
	if (/^\d+(\.\d+)?$/.test(raw)) {
		ms = Math.round(Number(raw) * 1000);
	} else {
		if (!/[a-z]{3}/i.test(raw)) return undefined;
		const at = Date.parse(raw);
		if (Number.isNaN(at)) return undefined;
		ms = at - now;
	}
	if (!Number.isFinite(ms)) return undefined;
	return Math.min(Math.max(ms, 0), maxMs);
}

export interface RetryPolicy {
	maxAttempts: number;
	baseDelayMs: number;
	maxDelayMs: number;
}

/** The options of one request with their defaults and bounds applied. */
export function retryPolicy(options: AdobeRetryOptions = {}): RetryPolicy {
	return {
		maxAttempts: Math.min(
			Math.max(1, Math.floor(options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS)),
			MAX_ATTEMPTS_LIMIT,
		),
		baseDelayMs: Math.max(0, options.baseDelayMs ?? DEFAULT_BASE_DELAY_MS),
		maxDelayMs: Math.max(0, options.maxDelayMs ?? DEFAULT_MAX_DELAY_MS),
	};
}

/** What the policy needs to know about a failed attempt. */
export interface FailedAttempt {
	/** HTTP status of Adobe's answer, if there was one */
	statusCode?: number;
	/** its Retry-After header */
	retryAfter?: HeaderValue;
	/** network error code when there was no answer */
	networkCode?: string;
}

export type RetryDecision =
	| { retry: true; delayMs: number }
	| { retry: false; reason: 'not-transient' | 'attempts-used' }
	/** Adobe asked to wait `retryAfterMs`, longer than the policy's `maxDelayMs`: not waited for */
	| { retry: false; reason: 'retry-after-too-long'; retryAfterMs: number };

/** 429, 5xx and transient network errors are tried again; everything else fails at once. */
export function isTransient(failure: FailedAttempt): boolean {
	if (failure.statusCode !== undefined) return failure.statusCode === 429 || failure.statusCode >= 500;
	return failure.networkCode !== undefined && TRANSIENT_NETWORK_CODES.has(failure.networkCode);
}

/**
 * After attempt number `attempt` (1 = the first) failed: try again, and after how long? Retry-After
 * is honoured when it fits into `maxDelayMs`; otherwise exponential backoff from `baseDelayMs` with
 * up to 20 % jitter (`random` in [0, 1)), capped at `maxDelayMs`.
 */
export function nextDelay(
	attempt: number,
	failure: FailedAttempt,
	policy: RetryPolicy,
	now: number,
	random: () => number = Math.random,
): RetryDecision {
	if (!isTransient(failure)) return { retry: false, reason: 'not-transient' };
	if (attempt >= policy.maxAttempts) return { retry: false, reason: 'attempts-used' };
	// the exact ask (not clamped): a wait beyond maxDelayMs is reported, never waited for
	const retryAfterMs = parseRetryAfter(failure.retryAfter, now, Number.POSITIVE_INFINITY);
	if (retryAfterMs !== undefined) {
		if (retryAfterMs > policy.maxDelayMs) {
			return { retry: false, reason: 'retry-after-too-long', retryAfterMs };
		}
		return { retry: true, delayMs: retryAfterMs };
	}
	const exponential = policy.baseDelayMs * 2 ** (attempt - 1);
	return {
		retry: true,
		delayMs: Math.min(policy.maxDelayMs, exponential + Math.floor(random() * exponential * 0.2)),
	};
}
