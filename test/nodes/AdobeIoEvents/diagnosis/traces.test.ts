import {
	ADOBE_DELIVERY_CODES,
	MAX_TRACES,
	adobeRetries,
	flattenTrace,
	flattenTraces,
	headerOf,
	meaningOf,
	traceItem,
} from '../../../../nodes/AdobeIoEvents/diagnosis/traces';

/** A tracing entry in the shape of Adobe's OpenAPI (TracingRequestResponse). */
function entry(overrides: { code?: number; ts?: number; body?: string; headers?: Record<string, unknown>; event?: string; method?: string; url?: string; responseBody?: string; responseTime?: number; insights?: unknown[]; date?: string } = {}) {
	const ts = overrides.ts ?? Date.parse('2026-05-04T10:00:00Z');
	return {
		event: overrides.event ?? 'com.adobe.platform.events.file_created',
		id: 'delivery-1',
		...(overrides.date !== undefined ? { date: overrides.date } : {}),
		clientId: 'client',
		registrationId: 'reg',
		trace: {
			tracingRequest: {
				requestUrl: overrides.url ?? 'https://n8n.example.com/webhook/abc/webhook',
				requestMethod: overrides.method ?? 'POST',
				contentType: 'application/cloudevents+json',
				requestBody: overrides.body ?? '{"eventid":"e-1","type":"com.adobe.platform.events.file_created"}',
				requestHeaders: overrides.headers ?? { 'x-adobe-event-id': ['e-1'], 'x-adobe-event-code': ['com.adobe.platform.events.file_created'] },
			},
			tracingResponse: { responseBody: overrides.responseBody ?? 'ok', responseCode: overrides.code ?? 200, responseTime: overrides.responseTime ?? 120, responseHeaders: {} },
			ts,
			deliveryTime: ts,
			insightsInfo: overrides.insights ?? [],
		},
	};
}

describe('flattenTrace', () => {
	it('reads time, event, code, meaning, duration and bodies from an OpenAPI-shaped entry', () => {
		const flat = flattenTrace(entry({ code: 401, responseBody: '{"error":"signature"}' }));
		expect(flat).toMatchObject({
			time: '2026-05-04T10:00:00.000Z',
			kind: 'delivery',
			eventId: 'e-1',
			eventIds: ['e-1'],
			eventCode: 'com.adobe.platform.events.file_created',
			responseCode: 401,
			success: false,
			adobeRetries: false,
			responseTimeMs: 120,
			retryCount: 0,
			requestMethod: 'POST',
			responseBody: '{"error":"signature"}',
			requestBodyTrimmed: false,
		});
		expect(flat.meaning).toMatch(/signature or recipient check failed/);
	});

	it('takes every event id of a batch from insightsInfo, else the header, else the body', () => {
		expect(flattenTrace(entry({ insights: [{ providerName: 'p', eventCode: 'c', eventIds: ['a', 'b', 'c'] }] })).eventIds).toEqual(['a', 'b', 'c']);
		expect(flattenTrace(entry({ headers: { 'X-Adobe-Event-Id': 'h-1' } })).eventIds).toEqual(['h-1']);
		expect(flattenTrace(entry({ headers: {}, body: '[{"eventid":"b1"},{"event_id":"b2"}]' })).eventIds).toEqual(['b1', 'b2']);
		expect(flattenTrace(entry({ headers: {}, body: '{"eventid":"cut off at 64 KB' })).eventIds).toEqual([]);
	});

	it('recognises validation requests (challenge GET, validationUrl POST)', () => {
		expect(flattenTrace(entry({ event: 'challenge', method: 'GET', url: 'https://x.example/hook?challenge=1', body: '' })).kind).toBe('validation');
		const post = flattenTrace(entry({ event: 'x', body: '{"validationUrl":"https://csm.adobe.io/x"}', headers: {} }));
		expect(post).toMatchObject({ kind: 'validation', eventIds: [], eventCode: '' });
	});

	it('explains Adobe’s 6xx codes in words and knows which answers Adobe retries', () => {
		for (const code of [601, 602, 604, 611]) {
			expect(flattenTrace(entry({ code })).meaning).toBe(ADOBE_DELIVERY_CODES[code]);
			expect(adobeRetries(code)).toBe(true);
		}
		expect(meaningOf(604)).toMatch(/did not answer within/);
		expect(meaningOf(602)).toMatch(/could not connect/);
		expect([429, 500, 503, 504].every(adobeRetries)).toBe(true);
		expect([200, 301, 400, 401, 404, 505].some(adobeRetries)).toBe(false);
		expect(meaningOf(302)).toMatch(/does not follow redirects/);
		expect(meaningOf(204)).toBe('Delivered');
	});

	it('trims bodies to the requested length, marks them, and leaves them out with 0', () => {
		const long = 'x'.repeat(5000);
		const flat = flattenTrace(entry({ body: long, responseBody: long }), 100);
		expect(flat.requestBody).toBe(`${'x'.repeat(100)}…`);
		expect(flat).toMatchObject({ requestBodyTrimmed: true, responseBodyTrimmed: true });
		expect(flattenTrace(entry({ body: long }), 0)).toMatchObject({ requestBody: '', requestBodyTrimmed: true });
		expect(flattenTrace(entry({ body: 'short' }), 0)).toMatchObject({ requestBody: '', requestBodyTrimmed: true });
		expect(flattenTrace(entry({ body: '' }), 0)).toMatchObject({ requestBody: '', requestBodyTrimmed: false });
	});

	it('tolerates other shapes: header strings, ISO date, epoch seconds, missing parts', () => {
		expect(headerOf({ 'X-Adobe-Retry-Count': '2' }, 'x-adobe-retry-count')).toBe('2');
		expect(headerOf({ a: ['1', '2'] }, 'A')).toBe('1, 2');
		expect(flattenTrace(entry({ headers: { 'x-adobe-retry-count': ['3'] } })).retryCount).toBe(3);
		expect(flattenTrace(entry({ date: '2026-01-02T03:04:05Z' })).time).toBe('2026-01-02T03:04:05.000Z');
		expect(flattenTrace(entry({ ts: 1_700_000_000 })).time).toBe(new Date(1_700_000_000_000).toISOString());
		// a responseTime that is a time stamp is not taken for a duration
		expect(flattenTrace(entry({ responseTime: 1_750_000_000_000 })).responseTimeMs).toBeNull();
		expect(flattenTrace({})).toMatchObject({ time: '', responseCode: null, success: false, kind: 'delivery', eventId: '' });
		expect(flattenTrace('garbage').meaning).toMatch(/No response code/);
	});
});

describe('flattenTraces', () => {
	it('sorts newest first, bounds the list, and accepts a wrapped list', () => {
		const base = Date.parse('2026-05-04T10:00:00Z');
		const list = Array.from({ length: 250 }, (_, i) => entry({ ts: base + i * 1000, code: i % 2 ? 200 : 500 }));
		const flat = flattenTraces(list);
		expect(flat).toHaveLength(MAX_TRACES);
		expect(flat[0].timeMs).toBeGreaterThan(flat[1].timeMs ?? 0);
		expect(flattenTraces({ traces: [entry()] })).toHaveLength(1);
		expect(flattenTraces({})).toEqual([]);
		expect(flattenTraces(null)).toEqual([]);
	});

	it('traceItem drops the internal epoch field', () => {
		const item = traceItem(flattenTrace(entry()));
		expect(item).not.toHaveProperty('timeMs');
		expect(item).toHaveProperty('time');
	});
});
