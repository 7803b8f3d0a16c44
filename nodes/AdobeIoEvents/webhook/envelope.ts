/**
 * THE reader of an Adobe event envelope (pure, no n8n import, never throws).
 *
 * Adobe delivers (and journals) events in several envelopes; everything that needs to know what an
 * event says about itself — its id, its recipients, its type, source, subject, time and payload —
 * reads it here, so every part of the package reads every envelope the same way:
 *
 * | kind         | shape                                                                               |
 * |--------------|-------------------------------------------------------------------------------------|
 * | `cloudevent` | CloudEvents 1.0 (`specversion`, `id`, `source`, `type`, `time`, `data`, …) with Adobe's |
 * |              | extensions `eventid` / `recipientclientid` (deprecated twins `event_id` /           |
 * |              | `recipient_client_id`) at its top level                                             |
 * | `wrapper`    | Marketo's `{eventid, event: {body: <CloudEvent>}, recipientclientid}`; in one of    |
 * |              | Adobe's examples the recipient sits inside `event` instead                          |
 * | `pipeline`   | an Adobe pipeline message: `{event_id, event: {header, body}}`, bare `{header, body}` |
 * |              | (journal), or Analytics' `{event_id, event: {"com.adobe.mcloud.pipeline.pipelineMessage": |
 * |              | {header, <protocol>: …}}}`                                                          |
 * | `xdm`        | an XDM activity-stream event (`@id`, `@type`, `activitystreams:*`), bare (legacy AEM |
 * |              | add-on, journal) or as `{event_id, event: <xdm>}`                                   |
 * | `legacy`     | any other `{event_id, event: {…}}` (`adobe_io` format)                              |
 * | `partial`    | Commerce's partial `{event: {data: …}}`: no id, type or time at all                 |
 * | `unknown`    | none of the above (still read: top-level ids and recipients)                        |
 *
 * The event id users see is Adobe's `eventid` (legacy `event_id`) at the top level: the id
 * de-duplication, the journal and Adobe's delivery traces use (`x-adobe-event-id`). A CloudEvent's own
 * `id` is the provider's id and often differs; it is `sourceEventId`.
 *
 * Recipients are read only where an envelope defines them: the top level (every kind), and the
 * `event` object of Marketo's wrapper. Never from deeper or arbitrary nesting (a provider's payload
 * is not an address).
 */
import { isRecord, type JsonRecord } from '../shared/guards';
import { parseEventTime } from './eventTime';

export { MIN_EPOCH_MS, parseEventTime } from './eventTime';

export type EnvelopeKind =
	| 'cloudevent'
	| 'wrapper'
	| 'pipeline'
	| 'xdm'
	| 'legacy'
	| 'partial'
	| 'unknown';

export interface Envelope {
	kind: EnvelopeKind;
	/** Adobe's event id (`eventid`, else the deprecated `event_id`), top level only */
	eventId?: string;
	/** the provider's own id of the event: CloudEvent `id` (of the wrapped CloudEvent for `wrapper`), XDM `@id` */
	sourceEventId?: string;
	/**
	 * Event type / code: CloudEvent `type`; pipeline `header.eventCode` (else `header._adobeio.eventCode`, else
	 * the name of Analytics' protocol object); XDM `@type` (XDM events carry no event code)
	 */
	type?: string;
	/** CloudEvent `source`; pipeline `header.source`; XDM `activitystreams:generator` repository root */
	source?: string;
	/** CloudEvent `subject`; XDM `activitystreams:object` `@id` */
	subject?: string;
	/** the event's time as epoch milliseconds (see `parseEventTime`); undefined when absent or unreadable */
	time?: number;
	/** the CloudEvent: the event itself (`cloudevent`) or the wrapped one (`wrapper`) */
	cloudEvent?: JsonRecord;
	/**
	 * The object the envelope carries: the CloudEvent, the wrapped CloudEvent, the pipeline message, the XDM
	 * event, the legacy `event`, Commerce's partial `event`; the input itself for `unknown`.
	 */
	inner?: JsonRecord;
	/**
	 * The payload: CloudEvent `data` (any JSON value), the pipeline message's body (Analytics: its protocol
	 * object), the XDM event itself, the legacy `event`, Commerce's `event.data`.
	 */
	data?: unknown;
}

/** Adobe's recipient fields (new name first; the underscore twin is deprecated, end of 2026). */
export const RECIPIENT_FIELDS = ['recipientclientid', 'recipient_client_id'] as const;

const ANALYTICS_PIPELINE = 'com.adobe.mcloud.pipeline.pipelineMessage';

/** An own property (never one inherited through a prototype a hostile input may have set). */
export function own(record: JsonRecord, key: string): unknown {
	return Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}

function ownRecord(record: JsonRecord | undefined, key: string): JsonRecord | undefined {
	if (!record) return undefined;
	const value = own(record, key);
	return isRecord(value) ? value : undefined;
}

function ownString(record: JsonRecord | undefined, key: string): string | undefined {
	if (!record) return undefined;
	const value = own(record, key);
	return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** Adobe's event id of an event object: `eventid`, else the deprecated `event_id` (top level). */
export function eventIdOf(event: unknown): string | undefined {
	if (!isRecord(event)) return undefined;
	return ownString(event, 'eventid') ?? ownString(event, 'event_id');
}

function isCloudEvent(record: JsonRecord): boolean {
	if (typeof own(record, 'specversion') === 'string') return true;
	return typeof own(record, 'source') === 'string' && typeof own(record, 'id') === 'string';
}

function isXdm(record: JsonRecord): boolean {
	return (
		own(record, 'activitystreams:object') !== undefined ||
		own(record, 'activitystreams:published') !== undefined ||
		own(record, 'xdmEventEnvelope:objectType') !== undefined
	);
}

/** The pipeline message `{header, body}` or Analytics' `{header, <protocol>}` inside `message`, if any. */
function pipelineOf(
	message: JsonRecord,
): { header: JsonRecord; body: unknown; protocol?: string } | undefined {
	const analytics = ownRecord(message, ANALYTICS_PIPELINE);
	if (analytics) {
		const header = ownRecord(analytics, 'header') ?? {};
		const protocol = Object.keys(analytics).find((key) => key !== 'header');
		return { header, body: protocol === undefined ? undefined : analytics[protocol], protocol };
	}
	const header = ownRecord(message, 'header');
	if (header && own(message, 'body') !== undefined) return { header, body: own(message, 'body') };
	return undefined;
}

/** Which envelope this is, and the object it carries. */
function classify(event: JsonRecord): { kind: EnvelopeKind; inner: JsonRecord } {
	if (typeof own(event, 'specversion') === 'string') return { kind: 'cloudevent', inner: event };
	const wrapped = ownRecord(event, 'event');
	if (wrapped) {
		if (pipelineOf(wrapped)) return { kind: 'pipeline', inner: wrapped };
		const body = ownRecord(wrapped, 'body');
		if (body && isCloudEvent(body)) return { kind: 'wrapper', inner: body };
		if (isXdm(wrapped)) return { kind: 'xdm', inner: wrapped };
		if (eventIdOf(event) !== undefined) return { kind: 'legacy', inner: wrapped };
		if (own(wrapped, 'data') !== undefined) return { kind: 'partial', inner: wrapped };
		return { kind: 'legacy', inner: wrapped };
	}
	if (isCloudEvent(event)) return { kind: 'cloudevent', inner: event };
	if (isXdm(event)) return { kind: 'xdm', inner: event };
	if (pipelineOf(event)) return { kind: 'pipeline', inner: event };
	return { kind: 'unknown', inner: event };
}

/** Reads one event object in any envelope. Never throws; a non-object gives `{ kind: 'unknown' }`. */
export function readEnvelope(event: unknown): Envelope {
	if (!isRecord(event)) return { kind: 'unknown', data: event };
	const { kind, inner } = classify(event);
	const envelope: Envelope = { kind, eventId: eventIdOf(event), inner };
	switch (kind) {
		case 'cloudevent':
		case 'wrapper': {
			envelope.cloudEvent = inner;
			envelope.sourceEventId = ownString(inner, 'id');
			envelope.type = ownString(inner, 'type');
			envelope.source = ownString(inner, 'source');
			envelope.subject = ownString(inner, 'subject');
			envelope.time = parseEventTime(own(inner, 'time'));
			envelope.data = own(inner, 'data');
			break;
		}
		case 'pipeline': {
			const pipeline = pipelineOf(inner);
			const header = pipeline?.header;
			envelope.type =
				ownString(header, 'eventCode') ??
				ownString(ownRecord(header, '_adobeio'), 'eventCode') ??
				pipeline?.protocol;
			envelope.source = ownString(header, 'source');
			envelope.time =
				parseEventTime(own(header ?? {}, 'sentTime')) ?? parseEventTime(own(inner, 'createTime'));
			envelope.data = pipeline?.body;
			break;
		}
		case 'xdm': {
			envelope.sourceEventId = ownString(inner, '@id');
			envelope.type = ownString(inner, '@type');
			envelope.source = ownString(
				ownRecord(inner, 'activitystreams:generator'),
				'xdmContentRepository:root',
			);
			envelope.subject = ownString(ownRecord(inner, 'activitystreams:object'), '@id');
			envelope.time = parseEventTime(own(inner, 'activitystreams:published'));
			envelope.data = inner;
			break;
		}
		case 'partial':
			envelope.data = own(inner, 'data');
			break;
		case 'legacy':
		case 'unknown':
			envelope.data = inner;
			break;
	}
	return envelope;
}

/**
 * Every recipient value the envelope carries where it defines one — top level, and for Marketo's
 * wrapper also inside `event` — in that order; `null` counts as absent. The caller decides (see
 * checkRecipients in cloudEvent.ts): all values must name the same client id.
 */
export function recipientsOf(event: unknown): unknown[] {
	if (!isRecord(event)) return [];
	const values: unknown[] = [];
	const collect = (record: JsonRecord) => {
		for (const field of RECIPIENT_FIELDS) {
			const value = own(record, field);
			if (value !== undefined && value !== null) values.push(value);
		}
	};
	collect(event);
	if (classify(event).kind === 'wrapper') collect(own(event, 'event') as JsonRecord);
	return values;
}

/**
 * Stable identity of an event for de-duplication: `eventid:<Adobe's event id>` (same for every retry
 * of the event), else `ce:<source>\0<id>` of the CloudEvent (the wrapped one for Marketo's wrapper).
 * `undefined` when the event carries neither (it is then never treated as a duplicate).
 */
export function eventIdentity(event: unknown): string | undefined {
	const eventId = eventIdOf(event);
	if (eventId !== undefined) return `eventid:${eventId}`;
	if (!isRecord(event)) return undefined;
	const { kind, inner } = classify(event);
	if (kind !== 'cloudevent' && kind !== 'wrapper') return undefined;
	const id = ownString(inner, 'id');
	const source = own(inner, 'source');
	if (id !== undefined && typeof source === 'string') return `ce:${source}\u0000${id}`;
	return undefined;
}
