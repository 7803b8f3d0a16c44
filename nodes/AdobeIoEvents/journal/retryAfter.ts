import type { HeaderValue } from './links';

/** Never wait longer than this because of a `retry-after` header (a hostile or broken value must not stall the trigger). */
export const MAX_RETRY_AFTER_MS = 10 * 60 * 1000;

/**
 * Parses a `retry-after` header: delta-seconds (`10`, tolerantly `2.5`) or an HTTP-date.
 * Returns milliseconds to wait, clamped to [0, MAX_RETRY_AFTER_MS], or undefined when absent/invalid.
 */
export function parseRetryAfter(value: HeaderValue, now: number): number | undefined {
	if (value === undefined || value === null) return undefined;
	const raw = (Array.isArray(value) ? value[0] : String(value))?.trim();
	if (!raw) return undefined;
	let ms: number;
	if (/^\d+(\.\d+)?$/.test(raw)) {
		ms = Math.round(Number(raw) * 1000);
	} else {
		// HTTP-date must name a weekday or a month; plain Date.parse would accept junk like "12" or "-1"
		if (!/[a-z]{3}/i.test(raw)) return undefined;
		const at = Date.parse(raw);
		if (Number.isNaN(at)) return undefined;
		ms = at - now;
	}
	if (!Number.isFinite(ms)) return undefined;
	return Math.min(Math.max(ms, 0), MAX_RETRY_AFTER_MS);
}
