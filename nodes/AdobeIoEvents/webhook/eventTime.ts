/**
 * An Adobe event's time as epoch milliseconds (pure, no n8n import, never throws) — the one reader of
 * every time format Adobe's events use; envelope.ts applies it to the envelope's time field.
 */

/**
 * Smallest number read as epoch milliseconds (1973-03-03): below it a number is as likely epoch
 * *seconds*, and reading it as milliseconds would give a wrong time.
 */
export const MIN_EPOCH_MS = 100_000_000_000;
/** ECMAScript's largest time value. */
const MAX_EPOCH_MS = 8_640_000_000_000_000;
/** Longer strings are not a time in any format read here. */
const MAX_TIME_LENGTH = 64;

const RFC3339 =
	/^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,12}))?)?(?:\s?([Zz]|[+-]\d{2}(?::?\d{2})?))?$/;
const JAVA_DATE =
	/^(Sun|Mon|Tue|Wed|Thu|Fri|Sat) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{2}) (\d{2}):(\d{2}):(\d{2}) (UTC|GMT|UT|GMT[+-]\d{2}:\d{2}) (\d{4})$/;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

function epochMs(value: number): number | undefined {
	if (!Number.isFinite(value) || value < MIN_EPOCH_MS || value > MAX_EPOCH_MS) return undefined;
	return Math.floor(value);
}

function daysIn(year: number, month: number): number {
	return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** UTC epoch ms of a calendar time, or undefined when a field is out of range. */
function utc(
	year: number,
	month: number,
	day: number,
	hour: number,
	minute: number,
	second: number,
	ms: number,
): number | undefined {
	if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return undefined;
	if (hour > 23 || minute > 59 || second > 60) return undefined;
	const date = new Date(0);
	date.setUTCFullYear(year, month - 1, day);
	date.setUTCHours(hour, minute, second, ms);
	return date.getTime();
}

/** `±HH`, `±HHMM`, `±HH:MM` → offset in minutes; `Z`/absent → 0 (UTC). */
function offsetMinutes(zone: string | undefined): number | undefined {
	if (zone === undefined || zone === 'Z' || zone === 'z') return 0;
	const digits = zone.slice(1).replace(':', '');
	const hours = Number(digits.slice(0, 2));
	const minutes = digits.length > 2 ? Number(digits.slice(2)) : 0;
	if (hours > 23 || minutes > 59) return undefined;
	return (zone.startsWith('-') ? -1 : 1) * (hours * 60 + minutes);
}

function fromRfc3339(text: string): number | undefined {
	const m = RFC3339.exec(text);
	if (!m) return undefined;
	const offset = offsetMinutes(m[8]);
	if (offset === undefined) return undefined;
	const ms = m[7] === undefined ? 0 : Number(m[7].slice(0, 3).padEnd(3, '0'));
	const local = utc(+m[1], +m[2], +m[3], +m[4], +m[5], m[6] === undefined ? 0 : +m[6], ms);
	return local === undefined ? undefined : local - offset * 60_000;
}

function fromJavaDate(text: string): number | undefined {
	const m = JAVA_DATE.exec(text);
	if (!m) return undefined;
	const zone = m[7];
	const offset = zone.length > 3 ? offsetMinutes(zone.slice(3)) : 0;
	if (offset === undefined) return undefined;
	const local = utc(+m[8], MONTHS.indexOf(m[2]) + 1, +m[3], +m[4], +m[5], +m[6], 0);
	if (local === undefined) return undefined;
	// the weekday Java printed must be the date's (else the text is not what it claims to be)
	if (WEEKDAYS[new Date(local).getUTCDay()] !== m[1]) return undefined;
	return local - offset * 60_000;
}

/**
 * An event time as epoch milliseconds, from every format Adobe's events use — or undefined; never a
 * wrong time, never a throw:
 * - RFC 3339 / ISO 8601 date-times, `T` or a space between date and time, any fraction (cut to ms), zone
 *   `Z`, `±HH:MM`, `±HHMM` or `±HH`; **without a zone the time is UTC** (Marketo's
 *   `2024-07-11 13:20:42.755`: Adobe's services run on UTC, and the same streams' other examples are `…Z`);
 * - epoch milliseconds as a number or a string of digits, from 1973-03-03 on (`MIN_EPOCH_MS`: smaller
 *   numbers may be epoch seconds);
 * - Java's `Date.toString()` (`Mon Jul 08 22:50:54 UTC 2019`) in UTC/GMT/`GMT±HH:MM` only: other zone
 *   abbreviations are ambiguous (CST, IST…), so undefined.
 */
export function parseEventTime(value: unknown): number | undefined {
	if (typeof value === 'number') return epochMs(value);
	if (typeof value !== 'string' || value.length === 0 || value.length > MAX_TIME_LENGTH)
		return undefined;
	const text = value.trim();
	if (/^\d{1,16}$/.test(text)) return epochMs(Number(text));
	const time = fromRfc3339(text) ?? fromJavaDate(text);
	return time === undefined || Math.abs(time) > MAX_EPOCH_MS ? undefined : time;
}
