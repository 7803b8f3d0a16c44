/**
 * Parsing Adobe deliveries and the recipient check (pure, no n8n import).
 *
 * A delivery body is one event object (`webhook`) or a JSON array of event objects
 * (`webhook_batch`). Every event must be addressed to our client id (see `checkRecipients`).
 */

import { isRecord, type JsonRecord } from '../shared/guards';
import { recipientsOf } from './envelope';

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

export type RecipientResult =
	/** `unaddressed`: events without any recipient field that `allowUnaddressed` let through */
	| { ok: true; unaddressed: number }
	| { ok: false; index: number; reason: 'mismatch' | 'unaddressed' | 'no-client-id' };

/**
 * No event of the delivery may be addressed to anyone but `clientId`. Adobe routes every event to
 * one client id and writes it into `recipientclientid` (and, until the end of 2026, the deprecated
 * `recipient_client_id`). Adobe's signing keys are shared by every Adobe customer, so a signature
 * only proves "Adobe sent this to somebody": the recipient says to whom.
 * - the recipient fields are read where the event's envelope defines them (`recipientsOf` in
 *   envelope.ts: the top level; for Marketo's `{eventid, event: {body}}` wrapper also inside `event`);
 * - every recipient field that is present must be a non-empty string equal to `clientId` (two
 *   fields that disagree — at one level or across levels —, an empty or a non-string value → `mismatch`);
 * - an event with neither field (`unaddressed`) fails unless `allowUnaddressed` — the caller's
 *   choice: the legacy HMAC signature is made with the user's own secret, and a user may accept
 *   unaddressed legacy events explicitly.
 * The whole delivery fails on the first bad event (`index`).
 */
export function checkRecipients(
	events: readonly JsonRecord[],
	clientId: string,
	options: { allowUnaddressed: boolean },
): RecipientResult {
	if (typeof clientId !== 'string' || clientId.length === 0)
		return { ok: false, index: 0, reason: 'no-client-id' };
	let unaddressed = 0;
	for (let i = 0; i < events.length; i++) {
		const recipients = recipientsOf(events[i]);
		if (recipients.some((value) => value !== clientId))
			return { ok: false, index: i, reason: 'mismatch' };
		if (recipients.length > 0) continue;
		if (!options.allowUnaddressed) return { ok: false, index: i, reason: 'unaddressed' };
		unaddressed++;
	}
	return { ok: true, unaddressed };
}
