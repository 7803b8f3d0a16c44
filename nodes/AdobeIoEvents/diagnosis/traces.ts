/**
 * Adobe's Debug Tracing entries (`TracingRequestResponse`, the tracing API) turned into flat delivery
 * records a workflow or a person can read: when, which event, what the webhook answered and what that
 * answer means. Pure: no n8n runtime calls. Tolerant of shapes Adobe does not document precisely
 * (header values as lists or strings, epoch or ISO times, missing fields).
 */
import type { IDataObject } from 'n8n-workflow';

import { isRecord } from '../shared/guards';

/** Adobe keeps the last 100 traces of a registration. */
export const MAX_TRACES = 100;
/** Default length (characters) of the request/response bodies a trace item carries. */
export const DEFAULT_BODY_LENGTH = 2000;
/** Longest body a trace item carries (Adobe trims bodies at 64 KB itself). */
export const MAX_BODY_LENGTH = 65536;

/** Adobe's own codes for deliveries that got no HTTP answer (Debug Tracing). */
export const ADOBE_DELIVERY_CODES: Record<number, string> = {
	601: 'Adobe hit an unexpected error while sending the request (601, like 501)',
	602: 'Adobe could not connect to the webhook: connection refused, DNS or network failure (602, like 502)',
	604: 'The webhook did not answer within the time Adobe waits (10 s): timeout (604, like 504)',
	611: 'The TLS / mTLS handshake with the webhook failed: certificate problem (611, like 511)',
};

const HTTP_MEANINGS: Record<number, string> = {
	400: 'Bad request: the webhook could not read what Adobe sent',
	401: 'Unauthorized: the webhook refused the request (for n8n: the signature or recipient check failed)',
	403: 'Forbidden: something in front of the webhook (firewall, proxy, authentication) refused Adobe',
	404: 'Not found: nothing listens at this URL (for n8n: the workflow is not published / active)',
	405: 'Method not allowed: the webhook does not accept POST',
	408: 'Request timeout reported by the webhook',
	410: 'Gone: the webhook no longer exists',
	413: 'Payload too large: the webhook (or a proxy) refused the body size',
	415: 'Unsupported media type: the webhook refused the content type',
	429: 'Too many requests: the webhook throttled Adobe',
	500: 'Internal server error in the webhook',
	502: 'Bad gateway: a proxy in front of the webhook could not reach it',
	503: 'Service unavailable: the webhook asked Adobe to come back later',
	504: 'Gateway timeout: a proxy in front of the webhook gave up waiting',
	505: 'HTTP version not supported',
};

export type TraceKind = 'delivery' | 'validation';

/** One delivery attempt (or validation request) as a flat record. */
export interface DeliveryTrace {
	/** ISO time of the attempt ('' when Adobe gave none) */
	time: string;
	/** epoch ms of `time` (undefined when unknown) */
	timeMs?: number;
	kind: TraceKind;
	eventId: string;
	/** every event of the attempt (a batch has several) */
	eventIds: string[];
	eventCode: string;
	/** HTTP status, or Adobe's 6xx code; null when the trace has none */
	responseCode: number | null;
	success: boolean;
	/** the response code in words (Adobe's meaning for 6xx) */
	meaning: string;
	/** whether Adobe retries after this answer (429, 5xx but 505, 6xx) */
	adobeRetries: boolean;
	/** how long the attempt took (ms), when Adobe says */
	responseTimeMs: number | null;
	/** 0 for a first attempt, else the retry number (x-adobe-retry-count) */
	retryCount: number;
	deliveryId: string;
	requestUrl: string;
	requestMethod: string;
	requestBody: string;
	requestBodyTrimmed: boolean;
	responseBody: string;
	responseBodyTrimmed: boolean;
}

function text(value: unknown): string {
	if (typeof value === 'string') return value;
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return '';
}

function numberOf(value: unknown): number | undefined {
	if (typeof value === 'number' && Number.isFinite(value)) return value;
	if (typeof value === 'string' && /^\d+(\.\d+)?$/.test(value.trim())) return Number(value);
	return undefined;
}

/** A header's value from a map whose values are lists or strings; case-insensitive. */
export function headerOf(headers: unknown, name: string): string {
	if (!isRecord(headers)) return '';
	const wanted = name.toLowerCase();
	for (const [key, value] of Object.entries(headers)) {
		if (key.toLowerCase() !== wanted) continue;
		if (Array.isArray(value))
			return value
				.map(text)
				.filter((v) => v !== '')
				.join(', ');
		return text(value);
	}
	return '';
}

/** Epoch ms from an epoch number (s or ms) or an ISO / HTTP date string. */
function timeOf(value: unknown): number | undefined {
	const n = numberOf(value);
	if (n !== undefined) {
		if (n > 1e12) return n; // epoch milliseconds
		if (n > 1e9) return n * 1000; // epoch seconds
		return undefined;
	}
	if (typeof value === 'string' && value.trim() !== '') {
		const parsed = Date.parse(value);
		return Number.isNaN(parsed) ? undefined : parsed;
	}
	return undefined;
}

/** True for answers Adobe counts as delivered. */
export function isSuccessCode(code: number | null): boolean {
	return code !== null && code >= 200 && code < 300;
}

/** Adobe retries 429, 5xx except 505 and its own 6xx codes; other answers drop the event. */
export function adobeRetries(code: number | null): boolean {
	if (code === null) return false;
	if (code === 429) return true;
	if (code >= 500 && code <= 599) return code !== 505;
	return code >= 600 && code <= 699;
}

/** A response code in words. */
export function meaningOf(code: number | null): string {
	if (code === null) return 'No response code in the trace';
	if (ADOBE_DELIVERY_CODES[code]) return ADOBE_DELIVERY_CODES[code];
	if (HTTP_MEANINGS[code]) return HTTP_MEANINGS[code];
	if (code >= 200 && code < 300) return 'Delivered';
	if (code >= 300 && code < 400)
		return 'Redirect: Adobe does not follow redirects, register the final URL (e.g. https instead of http)';
	if (code >= 600 && code < 700) return `Adobe could not deliver (${code})`;
	if (code >= 400 && code < 500)
		return 'Refused by the webhook: Adobe drops the event and does not retry';
	if (code >= 500) return 'Server error in the webhook';
	return `Unexpected status ${code}`;
}

function trimBody(body: string, max: number): { body: string; trimmed: boolean } {
	if (body.length <= max) return { body, trimmed: false };
	if (max === 0) return { body: '', trimmed: true };
	return { body: `${body.slice(0, max)}…`, trimmed: true };
}

function eventIdsFromBody(body: string): string[] {
	const trimmed = body.trim();
	if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return [];
	try {
		const parsed = JSON.parse(trimmed) as unknown;
		const list = Array.isArray(parsed) ? parsed : [parsed];
		return list
			.map((event) => (isRecord(event) ? text(event.eventid) || text(event.event_id) : ''))
			.filter((id) => id !== '');
	} catch {
		// A body trimmed at 64 KB is not valid JSON any more.
		return [];
	}
}

/**
 * A tracing entry as a flat record. `maxBodyLength` bounds the bodies (characters); 0 leaves them out.
 */
export function flattenTrace(raw: unknown, maxBodyLength = DEFAULT_BODY_LENGTH): DeliveryTrace {
	const entry = isRecord(raw) ? raw : {};
	const trace = isRecord(entry.trace) ? entry.trace : {};
	const request = isRecord(trace.tracingRequest) ? trace.tracingRequest : {};
	const response = isRecord(trace.tracingResponse) ? trace.tracingResponse : {};
	const insights = Array.isArray(trace.insightsInfo) ? trace.insightsInfo.filter(isRecord) : [];
	const headers = request.requestHeaders;

	const requestUrl = text(request.requestUrl);
	const requestMethod = text(request.requestMethod).toUpperCase() || 'POST';
	const rawRequestBody = text(request.requestBody);
	const isValidation =
		text(entry.event) === 'challenge' ||
		requestMethod === 'GET' ||
		/[?&]challenge=/.test(requestUrl) ||
		/^\s*\{\s*"validationUrl"/.test(rawRequestBody);

	const insightIds = insights.flatMap((insight): string[] => {
		const ids: unknown = insight.eventIds;
		return Array.isArray(ids) ? ids.map(text).filter((id) => id !== '') : [];
	});
	const headerId = headerOf(headers, 'x-adobe-event-id');
	const eventIds = isValidation
		? []
		: insightIds.length
			? insightIds
			: headerId
				? [headerId]
				: eventIdsFromBody(rawRequestBody);
	const eventCode = isValidation
		? ''
		: text(insights[0]?.eventCode) ||
			headerOf(headers, 'x-adobe-event-code') ||
			(text(entry.event) === 'challenge' ? '' : text(entry.event));

	const code = numberOf(response.responseCode);
	const responseCode = code === undefined ? null : code;
	const timeMs = timeOf(entry.date) ?? timeOf(trace.ts) ?? timeOf(trace.deliveryTime);
	const duration = numberOf(response.responseTime);
	const retry = numberOf(headerOf(headers, 'x-adobe-retry-count'));
	const max = Math.max(0, Math.min(MAX_BODY_LENGTH, Math.floor(maxBodyLength)));
	const requestBody = trimBody(rawRequestBody, max);
	const responseBody = trimBody(text(response.responseBody), max);

	return {
		time: timeMs === undefined ? '' : new Date(timeMs).toISOString(),
		...(timeMs === undefined ? {} : { timeMs }),
		kind: isValidation ? 'validation' : 'delivery',
		eventId: eventIds[0] ?? '',
		eventIds,
		eventCode,
		responseCode,
		success: isSuccessCode(responseCode),
		meaning: meaningOf(responseCode),
		adobeRetries: adobeRetries(responseCode),
		// an epoch-sized value is a time stamp, not a duration
		responseTimeMs: duration !== undefined && duration < 1e9 ? duration : null,
		retryCount: retry ?? 0,
		deliveryId: headerOf(headers, 'x-adobe-delivery-id') || text(entry.id),
		requestUrl,
		requestMethod,
		requestBody: requestBody.body,
		requestBodyTrimmed: requestBody.trimmed,
		responseBody: responseBody.body,
		responseBodyTrimmed: responseBody.trimmed,
	};
}

/** The traces of a tracing response, flattened and sorted newest first (at most MAX_TRACES). */
export function flattenTraces(body: unknown, maxBodyLength = DEFAULT_BODY_LENGTH): DeliveryTrace[] {
	let list: unknown[] = [];
	if (Array.isArray(body)) list = body;
	else if (isRecord(body)) {
		const embedded = isRecord(body._embedded) ? body._embedded : {};
		const candidate = body.traces ?? embedded.traces ?? body.data;
		if (Array.isArray(candidate)) list = candidate;
	}
	const flat = list.slice(0, MAX_TRACES * 2).map((entry) => flattenTrace(entry, maxBodyLength));
	// Newest first; entries without a time keep their order after the dated ones.
	const order = flat.map((trace, index) => ({ trace, index }));
	order.sort((a, b) => {
		const ta = a.trace.timeMs;
		const tb = b.trace.timeMs;
		if (ta !== undefined && tb !== undefined && ta !== tb) return tb - ta;
		if (ta === undefined && tb !== undefined) return 1;
		if (tb === undefined && ta !== undefined) return -1;
		return a.index - b.index;
	});
	return order.map((o) => o.trace).slice(0, MAX_TRACES);
}

/** The item Get Delivery Traces outputs for one trace. */
export function traceItem(trace: DeliveryTrace): IDataObject {
	const { timeMs: _timeMs, ...item } = trace;
	void _timeMs;
	return item as unknown as IDataObject;
}
