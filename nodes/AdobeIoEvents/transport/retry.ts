/**
 * `parseRetryAfter`, THE reader of Adobe's `Retry-After` header (pure, no n8n import): used by the
 * transport's retries, the journal trigger and the journal operation.
 */
import type { HeaderValue } from './headers';

/** Never wait longer than this because of a `Retry-After` header (a hostile or broken value must not stall a trigger). */
export const MAX_RETRY_AFTER_MS = 10 * 60 * 1000;

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
