/**
 * How the emulator writes an event the way each Adobe product does: the envelope around it, which of
 * Adobe's id / recipient fields it carries, the order of its fields, and its time format. The shapes
 * follow Adobe's real payloads (listed per catalogue entry in docs/emulator.md); the values are ours.
 *
 * `cloud_events_v1` providers: the envelope is chosen per event type (`EventShape.envelope`).
 * `adobe_io` providers: always `{event_id, event: <provider object>, recipient_client_id}` on the webhook
 * and the bare provider object in the journal (an XDM activity, a pipeline message or any object).
 */

import type { DeliveryFormat } from './catalogue';

/**
 * - `cloudevent`: CloudEvents 1.0 with Adobe's attributes at its top level (default);
 * - `marketo-wrapper`: Marketo's `{eventid, event: {body: <CloudEvent>}, recipientclientid}`;
 * - `marketo-wrapper-inner`: the same with the recipient inside `event` (one of Adobe's Marketo examples);
 * - `commerce-partial`: Commerce's `{event: {data: …}}` (no id, type or time) with the recipient at the top.
 */
export type EnvelopeShape =
	| 'cloudevent'
	| 'marketo-wrapper'
	| 'marketo-wrapper-inner'
	| 'commerce-partial';

/**
 * How the event's time is written (CloudEvent `time`, the wrapped CloudEvent's `time`, an XDM activity's
 * `activitystreams:published`, a pipeline header's `sentTime`):
 * `iso` 2026-01-15T09:41:07.123Z · `iso-seconds` …07Z · `iso-micro` …07.123999Z · `iso-nano` …07.123999999Z ·
 * `zoneless-ms` 2026-01-15 09:41:07.123 (UTC) · `epoch-ms` 1768470067123 · `epoch-ms-string` "1768470067123" ·
 * `offset-colon` 2026-01-15T10:41:07+01:00 · `offset-hhmm` 2026-01-15T09:41:07.123+0000 · `offset-hh`
 * 2026-01-15T01:41:07-08 · `offset-hh-ms` 2026-01-15T10:41:07.123+01 · `java-date` Thu Jan 15 09:41:07 UTC 2026 ·
 * `none` no time at all.
 */
export type TimeFormat =
	| 'iso'
	| 'iso-seconds'
	| 'iso-micro'
	| 'iso-nano'
	| 'zoneless-ms'
	| 'epoch-ms'
	| 'epoch-ms-string'
	| 'offset-colon'
	| 'offset-hhmm'
	| 'offset-hh'
	| 'offset-hh-ms'
	| 'java-date'
	| 'none';

export interface EventShape {
	/** cloud_events_v1 providers only (default `cloudevent`) */
	envelope?: EnvelopeShape;
	/**
	 * Default: `iso` for CloudEvents; for `adobe_io` samples the time is only rewritten (to the emission
	 * time) when a format is given.
	 */
	time?: TimeFormat;
	/**
	 * Adobe's id/recipient pairs on a CloudEvent: `both` (default: eventid + event_id, recipientclientid +
	 * recipient_client_id), `current` (eventid + recipientclientid only, as since March 2025) or `deprecated`
	 * (event_id + recipient_client_id only, as in older captures).
	 */
	ids?: 'both' | 'current' | 'deprecated';
	/** `data` before the CloudEvents attributes (Commerce and InDesign captures) */
	dataFirst?: boolean;
	/** the CloudEvent has no `id` (Marketo's wrapped CloudEvents) */
	noCloudEventId?: boolean;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `YYYY-MM-DD`, `hh:mm:ss`, `.sss` of `ms` shifted by `offsetMinutes` (the wall clock in that zone). */
function wallClock(
	ms: number,
	offsetMinutes: number,
): { date: string; time: string; millis: string } {
	const d = new Date(ms + offsetMinutes * 60_000);
	return {
		date: `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`,
		time: `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`,
		millis: pad(d.getUTCMilliseconds(), 3),
	};
}

/**
 * `ms` written in `format`. Sub-millisecond digits are 9s, so a reader that rounds instead of cutting them
 * off reads another millisecond. Formats without milliseconds drop them (the time is then up to 999 ms early).
 */
export function formatTime(ms: number, format: TimeFormat): string | number | undefined {
	const utc = wallClock(ms, 0);
	switch (format) {
		case 'none':
			return undefined;
		case 'iso':
			return `${utc.date}T${utc.time}.${utc.millis}Z`;
		case 'iso-seconds':
			return `${utc.date}T${utc.time}Z`;
		case 'iso-micro':
			return `${utc.date}T${utc.time}.${utc.millis}999Z`;
		case 'iso-nano':
			return `${utc.date}T${utc.time}.${utc.millis}999999Z`;
		case 'zoneless-ms':
			return `${utc.date} ${utc.time}.${utc.millis}`;
		case 'epoch-ms':
			return ms;
		case 'epoch-ms-string':
			return String(ms);
		case 'offset-colon': {
			const w = wallClock(ms, 60);
			return `${w.date}T${w.time}+01:00`;
		}
		case 'offset-hhmm':
			return `${utc.date}T${utc.time}.${utc.millis}+0000`;
		case 'offset-hh': {
			const w = wallClock(ms, -480);
			return `${w.date}T${w.time}-08`;
		}
		case 'offset-hh-ms': {
			const w = wallClock(ms, 60);
			return `${w.date}T${w.time}.${w.millis}+01`;
		}
		case 'java-date': {
			const d = new Date(ms);
			return `${WEEKDAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${pad(d.getUTCDate())} ${utc.time} UTC ${d.getUTCFullYear()}`;
		}
	}
}

const isObject = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Writes the emission time into an `adobe_io` provider object where its format keeps it: an XDM
 * activity's `activitystreams:published`, a pipeline message's `header.sentTime` (also Analytics'
 * `com.adobe.mcloud.pipeline.pipelineMessage.header.sentTime`). Other objects are left as they are.
 */
export function stampProviderObject(
	object: Record<string, unknown>,
	format: TimeFormat,
	ms: number,
): void {
	const value = formatTime(ms, format);
	if ('activitystreams:published' in object) {
		if (value === undefined) delete object['activitystreams:published'];
		else object['activitystreams:published'] = value;
		return;
	}
	const analytics = object['com.adobe.mcloud.pipeline.pipelineMessage'];
	const header = isObject(analytics) ? analytics.header : object.header;
	if (isObject(header) && 'sentTime' in header) header.sentTime = value;
}

/**
 * The CloudEvent a `cloud_events_v1` provider emits, in its shape: `attributes` (specversion, id, source,
 * type, datacontenttype, time and the type's extra attributes, in order) and `data`.
 */
export function cloudEventOf(
	attributes: Record<string, unknown>,
	data: unknown,
	shape: EventShape,
	ms: number,
): Record<string, unknown> {
	const attrs = { ...attributes };
	const time = formatTime(ms, shape.time ?? 'iso');
	if (time === undefined) delete attrs.time;
	else attrs.time = time;
	if (shape.noCloudEventId) delete attrs.id;
	return shape.dataFirst ? { data, ...attrs } : { ...attrs, data };
}

/** What one registration receives for a `cloud_events_v1` event: its envelope around the CloudEvent `base`. */
export function deliveredCloudEvent(
	base: Record<string, unknown>,
	shape: EventShape,
	eventid: string,
	clientId: string,
): Record<string, unknown> {
	switch (shape.envelope ?? 'cloudevent') {
		case 'marketo-wrapper':
			return { eventid, event: { body: base }, recipientclientid: clientId };
		case 'marketo-wrapper-inner':
			return { eventid, event: { body: base, recipientclientid: clientId } };
		case 'commerce-partial':
			return { event: { data: base.data }, recipientclientid: clientId };
		case 'cloudevent': {
			const ids = shape.ids ?? 'both';
			const current = ids !== 'deprecated';
			const deprecated = ids !== 'current';
			const { data, ...rest } = base;
			const adobe = {
				...(current ? { eventid } : {}),
				...(deprecated ? { event_id: eventid, recipient_client_id: clientId } : {}),
				...(current ? { recipientclientid: clientId } : {}),
			};
			if (data === undefined) return { ...rest, ...adobe };
			return shape.dataFirst ? { data, ...rest, ...adobe } : { ...rest, ...adobe, data };
		}
	}
}

/**
 * The event a provider emits (before I/O Events adds its ids and the recipient), in the shape of its
 * type: an `adobe_io` provider object (`data`, else the sample with its time rewritten to `now` when the
 * type has a time format), or a CloudEvent of `data` (else the sample).
 */
export function providerEvent(args: {
	providerId: string;
	format: DeliveryFormat;
	eventCode: string;
	/** the catalogue's sample (a fresh copy: it is modified) */
	sample: unknown;
	attributes?: Record<string, unknown>;
	shape?: EventShape;
	/** the payload the caller gives instead of the sample */
	data?: unknown;
	extra?: Record<string, unknown>;
	now: number;
	/** the CloudEvent id */
	id: string;
}): Record<string, unknown> {
	const shape = args.shape ?? {};
	if (args.format === 'adobe_io') {
		if (args.data !== undefined) return args.data as Record<string, unknown>;
		const sample = (isObject(args.sample) ? args.sample : {}) as Record<string, unknown>;
		if (shape.time) stampProviderObject(sample, shape.time, args.now);
		return sample;
	}
	const attributes = {
		specversion: '1.0',
		id: args.id,
		source: `urn:uuid:${args.providerId}`,
		type: args.eventCode,
		datacontenttype: 'application/json',
		time: '',
		...(args.attributes ?? {}),
		...(args.extra ?? {}),
	};
	const payload = args.data === undefined ? (args.sample ?? {}) : args.data;
	return cloudEventOf(attributes, payload, shape, args.now);
}

/** What one registration receives for an event: the webhook body element and the journal entry's `event`. */
export function deliveredPayloads(
	format: DeliveryFormat,
	base: Record<string, unknown>,
	shape: EventShape,
	eventid: string,
	clientId: string,
): { webhook: Record<string, unknown>; journal: Record<string, unknown> } {
	if (format === 'adobe_io') {
		return {
			webhook: { event_id: eventid, event: base, recipient_client_id: clientId },
			journal: base,
		};
	}
	const delivered = deliveredCloudEvent(base, shape, eventid, clientId);
	return { webhook: delivered, journal: delivered };
}
