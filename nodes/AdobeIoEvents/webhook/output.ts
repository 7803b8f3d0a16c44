/**
 * Shaping events into n8n item JSON (pure, no n8n import). Shared by the Watch Events webhook
 * trigger, the journal trigger and Journal → Get Events.
 *
 *   shapeEvent(event, { output: 'full' })                → the CloudEvent as delivered
 *   shapeEvent(event, { output: 'data' })                → only its `data` (objects as is,
 *                                                          other values wrapped as `{ data }`)
 *   shapeEvent(event, { output: 'simplified' })          → simplifyEvent(event): one flat item, ≤ 12 fields
 *   shapeEvent(event, { output, metadata })              → adds `_delivery: metadata`
 *
 * `deliveryMetadataFromHeaders(headers)` builds the metadata of a webhook delivery from its
 * `x-adobe-*` headers; the journal trigger can pass its own (e.g. `{ position }`).
 */
import { isRecord, type JsonRecord } from '../shared/guards';
import { HeaderIndex, headerValue, type HeaderBag } from './headers';
import { simplifyEvent } from './simplify';

/** Output parameter values (the parameter `output` of the triggers and of Journal → Get Events). */
export type OutputMode = 'full' | 'data' | 'simplified';

/** The Output parameter's value as an OutputMode (anything unknown is 'full', the first versions' default). */
export function outputModeOf(value: unknown): OutputMode {
	return value === 'data' || value === 'simplified' ? value : 'full';
}

/** Key under which delivery metadata is attached to an item. */
export const METADATA_KEY = '_delivery';

export interface ShapeOptions {
	output: OutputMode;
	/** When given, attached as `_delivery` (never overwrites a field of the event itself). */
	metadata?: JsonRecord;
	/**
	 * The caller owns `event` and drops it after shaping (e.g. a journal page it just parsed): the
	 * result reuses the event object (or its `data` object) instead of a copy, and `_delivery` is added to
	 * it. Saves a copy per event on large batches. Default false: the input is never modified.
	 */
	reuseInput?: boolean;
}

/**
 * Returns a new object; the input is not modified (unless `reuseInput`). For `data` mode the payload is the
 * CloudEvent `data`; for the legacy `adobe_io` format (`{ event_id, event }`) it is `event`.
 * If `data` is a JSON string that holds an object (some providers send it that way) it is
 * returned as a string inside `{ data }` — we never guess-parse provider payloads.
 */
export function shapeEvent(event: unknown, options: ShapeOptions): JsonRecord {
	let shaped: JsonRecord;
	if (options.output === 'simplified') {
		shaped = simplifyEvent(event);
	} else if (!isRecord(event)) {
		shaped = { data: event ?? null };
	} else if (options.output === 'data') {
		const payload = 'data' in event ? event.data : 'event' in event ? event.event : undefined;
		shaped = isRecord(payload)
			? options.reuseInput
				? payload
				: { ...payload }
			: { data: payload ?? null };
	} else {
		shaped = options.reuseInput ? event : { ...event };
	}
	if (options.metadata) {
		const key = METADATA_KEY in shaped ? `${METADATA_KEY}_adobe` : METADATA_KEY;
		shaped[key] = { ...options.metadata };
	}
	return shaped;
}

/** Delivery metadata from Adobe's headers; absent headers are omitted. */
export function deliveryMetadataFromHeaders(
	headers: HeaderBag | undefined,
	receivedAt?: Date,
): JsonRecord {
	const pick: Array<[string, string]> = [
		['deliveryId', 'x-adobe-delivery-id'],
		['eventId', 'x-adobe-event-id'],
		['eventCode', 'x-adobe-event-code'],
		['provider', 'x-adobe-provider'],
		['requestId', 'x-request-id'],
		['traceparent', 'traceparent'],
	];
	const meta: JsonRecord = {};
	const index = new HeaderIndex(headers);
	for (const [name, header] of pick) {
		const value = headerValue(index, header);
		if (value !== undefined && value.length <= 512) meta[name] = value;
	}
	const retry = headerValue(index, 'x-adobe-retry-count');
	const retryCount = retry !== undefined && /^\d{1,6}$/.test(retry) ? Number(retry) : 0;
	meta.retryCount = retryCount;
	if (receivedAt) meta.receivedAt = receivedAt.toISOString();
	return meta;
}
