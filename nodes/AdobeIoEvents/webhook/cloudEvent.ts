/**
 * Parsing Adobe deliveries and the recipient check (pure, no n8n import).
 *
 * A delivery body is one event object (`webhook`) or a JSON array of event objects
 * (`webhook_batch`). No event may be addressed to another client id: `recipientclientid`,
 * falling back to the deprecated `recipient_client_id` (removed by Adobe by the end of 2026). A
 * CloudEvent without either field is refused; a legacy `adobe_io` event without one is accepted
 * (see `checkRecipients`).
 */

import { isRecord, type JsonRecord } from '../shared/guards';

/** Hard limit on a delivery body. Adobe batches are ≤ 2 MB; single events are far smaller. */
export const MAX_BODY_BYTES = 10 * 1024 * 1024;
/** Hard limit on events per delivery. Adobe batches hold ≤ 20 (formerly 100). */
export const MAX_EVENTS_PER_DELIVERY = 1000;

export type ParseResult =
	| { ok: true; payload: JsonRecord | JsonRecord[]; events: JsonRecord[]; isBatch: boolean }
	| { ok: false; status: 400 | 413; reason: string };

/** Parses the raw body (UTF-8 JSON). Never throws. */
export function parseDeliveryBody(
	body: Uint8Array | undefined,
	limits: { maxBytes?: number; maxEvents?: number } = {},
): ParseResult {
	const maxBytes = limits.maxBytes ?? MAX_BODY_BYTES;
	const maxEvents = limits.maxEvents ?? MAX_EVENTS_PER_DELIVERY;
	if (!body || body.length === 0) return { ok: false, status: 400, reason: 'empty body' };
	if (body.length > maxBytes)
		return { ok: false, status: 413, reason: `body larger than ${maxBytes} bytes` };
	let parsed: unknown;
	try {
		parsed = JSON.parse(Buffer.from(body.buffer, body.byteOffset, body.length).toString('utf8'));
	} catch {
		return { ok: false, status: 400, reason: 'body is not valid JSON' };
	}
	if (Array.isArray(parsed)) {
		if (parsed.length === 0) return { ok: false, status: 400, reason: 'empty batch' };
		if (parsed.length > maxEvents)
			return { ok: false, status: 413, reason: `batch holds more than ${maxEvents} events` };
		if (!parsed.every(isRecord))
			return { ok: false, status: 400, reason: 'batch element is not a JSON object' };
		return {
			ok: true,
			payload: parsed as JsonRecord[],
			events: parsed as JsonRecord[],
			isBatch: true,
		};
	}
	if (!isRecord(parsed))
		return { ok: false, status: 400, reason: 'body is not a JSON object or array' };
	return { ok: true, payload: parsed, events: [parsed], isBatch: false };
}

/** The client id an event was routed to, or `undefined`. */
export function recipientOf(event: JsonRecord): string | undefined {
	const current = event.recipientclientid;
	if (typeof current === 'string' && current.length > 0) return current;
	const legacy = event.recipient_client_id;
	if (typeof legacy === 'string' && legacy.length > 0) return legacy;
	return undefined;
}

export type RecipientResult =
	/** `unaddressed`: events that carry no recipient field at all (accepted, see below) */
	| { ok: true; unaddressed: number }
	| { ok: false; index: number; reason: 'mismatch' | 'no-client-id' };

const RECIPIENT_FIELDS = ['recipientclientid', 'recipient_client_id'] as const;

function hasRecipientField(event: JsonRecord): boolean {
	return RECIPIENT_FIELDS.some((name) => event[name] !== undefined && event[name] !== null);
}

/**
 * No event of the delivery may be addressed to another client than `clientId`:
 * - a recipient (`recipientclientid`, else `recipient_client_id`) that is present and differs
 *   from `clientId` fails the whole delivery (`mismatch`, also for a present but empty or
 *   non-string value);
 * - a legacy `adobe_io`-format event (`{"event_id", "event"}`, no `specversion`) with NO recipient
 *   field is accepted and counted in `unaddressed`: whether Adobe adds `recipient_client_id` to that
 *   format is unconfirmed, and rejecting it (4xx) would make Adobe drop it for good. Callers only
 *   get here after the delivery's signature verified (or with signature checking switched off);
 * - a CloudEvent (`specversion` present) with NO recipient field fails (`mismatch`): Adobe adds
 *   `recipientclientid` to every CloudEvent it routes, so a signed one without it was not routed to
 *   us — e.g. a captured event replayed from another Adobe customer's endpoint (the signing keys
 *   are the same for every customer).
 */
export function checkRecipients(events: readonly JsonRecord[], clientId: string): RecipientResult {
	if (typeof clientId !== 'string' || clientId.length === 0)
		return { ok: false, index: 0, reason: 'no-client-id' };
	let unaddressed = 0;
	for (let i = 0; i < events.length; i++) {
		const recipient = recipientOf(events[i]);
		if (recipient === undefined) {
			if (hasRecipientField(events[i]) || events[i].specversion !== undefined)
				return { ok: false, index: i, reason: 'mismatch' };
			unaddressed++;
			continue;
		}
		if (recipient !== clientId) return { ok: false, index: i, reason: 'mismatch' };
	}
	return { ok: true, unaddressed };
}

/**
 * Stable identity of an event for de-duplication: Adobe's `eventid` (same for every retry of
 * the event), the deprecated `event_id`, else CloudEvents `source` + `id`. `undefined` when the
 * event carries none of them (it is then never treated as a duplicate).
 */
export function eventIdentity(event: JsonRecord): string | undefined {
	const eventid = event.eventid;
	if (typeof eventid === 'string' && eventid.length > 0) return `eventid:${eventid}`;
	const legacy = event.event_id;
	if (typeof legacy === 'string' && legacy.length > 0) return `eventid:${legacy}`;
	const id = event.id;
	const source = event.source;
	if (typeof id === 'string' && id.length > 0 && typeof source === 'string')
		return `ce:${source}\u0000${id}`;
	return undefined;
}
