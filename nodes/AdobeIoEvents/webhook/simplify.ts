/**
 * Output → Simplified (pure, no n8n import): one Adobe event, in any envelope, as one flat item of at
 * most 12 fields under stable names chosen per product family — what a no-code builder maps into a
 * Slack message or a sheet row without reading Adobe's nesting.
 *
 *   simplifyEvent(event) → { eventId, type, time, …family fields }
 *
 * - `eventId` is Adobe's event id (`eventid`, else `event_id`: the id de-duplication, the journal and
 *   Adobe's delivery traces use), `time` the event's time as an ISO 8601 string (UTC); both read by
 *   envelope.ts. A field the event does not carry is `null`, so a family's items always have the same keys.
 * - Each family is one row of `FAMILIES` (families.ts; first match wins): how it is recognised and
 *   which field comes from where. docs/output.md documents the same table for users.
 * - Unknown shapes get the fallback: eventId, type, time, source, subject and the top-level scalar fields
 *   of the payload (`data`), as far as 12 fields go.
 *
 * Total: for any JSON value it returns a flat object — values are strings, numbers, booleans, null or
 * arrays of those — with at most 12 keys, and never throws. The work is bounded: fixed paths (no
 * recursion, whatever the depth), arrays copied only up to `MAX_ARRAY` scalars, and at most one object's
 * keys enumerated (the fallback's or Commerce's scalar fields: linear in that object's size, like the
 * JSON.parse that built it; per-key work stops after `MAX_KEYS_SCANNED` keys).
 */
import { isRecord, type JsonRecord } from '../shared/guards';
import { readEnvelope } from './envelope';
import { FAMILIES } from './families';
import {
	COMMON_FIELDS,
	numeric,
	simple,
	SOURCE,
	SUBJECT,
	type Field,
	type ReadEvent,
	type SimpleValue,
	type SimplifiedEvent,
} from './simplifyRead';

export { FAMILIES } from './families';
export type { Family } from './simplifyRead';
export {
	MAX_ARRAY,
	type SimpleScalar,
	type SimpleValue,
	type SimplifiedEvent,
} from './simplifyRead';

/** Most fields of a Simplified item. */
export const MAX_FIELDS = 12;
/** Most keys looked at for the fallback's (or Commerce's) scalar fields. */
export const MAX_KEYS_SCANNED = 200;
/** The fallback's fields after the common ones, before the payload's own scalar fields. */
const FALLBACK_FIELDS: readonly Field[] = [SOURCE, SUBJECT];

// ---------------------------------------------------------------------------------------------

/** Sets `key` as an own data property (a key like `__proto__` stays a plain field). */
function put(item: SimplifiedEvent, key: string, value: SimpleValue): void {
	Object.defineProperty(item, key, { value, enumerable: true, writable: true, configurable: true });
}

/** The top-level scalar fields of `payload` (a scalar payload is `data`), until the item holds 12 fields. */
function addScalars(item: SimplifiedEvent, payload: unknown): void {
	let count = Object.keys(item).length;
	if (!isRecord(payload)) {
		const value = simple(payload);
		if (
			value !== undefined &&
			count < MAX_FIELDS &&
			!Object.prototype.hasOwnProperty.call(item, 'data')
		)
			put(item, 'data', value);
		return;
	}
	let scanned = 0;
	for (const key in payload) {
		if (count >= MAX_FIELDS || ++scanned > MAX_KEYS_SCANNED) break;
		if (!Object.prototype.hasOwnProperty.call(payload, key)) continue;
		if (Object.prototype.hasOwnProperty.call(item, key)) continue;
		const value = simple(payload[key]);
		if (value === undefined) continue;
		put(item, key, value);
		count++;
	}
}

/** The family an event belongs to (`fallback` when none). */
export function familyOf(event: unknown): string {
	const env = readEnvelope(event);
	const read: ReadEvent = { env, data: env.data };
	return FAMILIES.find((family) => family.matches(read))?.name ?? 'fallback';
}

/** One event (any envelope, any JSON value) as one flat item of at most 12 fields. Never throws. */
export function simplifyEvent(event: unknown): SimplifiedEvent {
	const env = readEnvelope(event);
	const read: ReadEvent = { env, data: env.data };
	const family = FAMILIES.find((f) => f.matches(read));
	const fields = [...COMMON_FIELDS, ...(family?.fields ?? FALLBACK_FIELDS)];
	const item: SimplifiedEvent = {};
	for (const [name, get, convert] of fields.slice(0, MAX_FIELDS)) {
		const raw = get(read);
		put(item, name, (convert === 'number' ? numeric(raw) : simple(raw)) ?? null);
	}
	if (!family) addScalars(item, env.data);
	else if (family.rest) addScalars(item, family.rest(read) as JsonRecord);
	return item;
}
