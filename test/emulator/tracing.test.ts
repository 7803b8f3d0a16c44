/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code: runs outside n8n, needs node:net for a port nobody listens on */
/**
 * Adobe's Debug Tracing API (`GET /events/organizations/{c}/integrations/{credentialId}/tracing/{rid}`)
 * served from the requests the emulator really sent: real answers (200, 401), real timeouts (604) and
 * refused connections (602), batches, the 64 KB body limit, the last 100, 7 days, `rel:trace`.
 */
import { createServer } from 'node:net';

import { startEmulator, type Emulator } from './src/index';
import { TRACE_BODY_LIMIT, trimUtf8 } from './src/delivery';
import type { Trace } from './src/model';
import { Receiver, apiClient, control, s2sToken } from './helpers';

const CC = '3a8a6f0e-7c5d-4b1f-9e2a-cc0a55e7e001';
const FILE_CREATED = 'com.adobe.platform.events.file_created';

/** An entry of the tracing API: the emulator's model of Adobe's TracingRequestResponse. */
type ApiTrace = Trace;

let emu: Emulator;
let api: ReturnType<typeof apiClient>;
let rx: Receiver;

beforeAll(async () => {
	emu = await startEmulator({ clock: 'manual' });
});
afterAll(() => emu.close());
beforeEach(async () => {
	await control(emu, 'POST', '/reset');
	api = apiClient(emu, await s2sToken(emu));
	rx = await new Receiver().start();
});
afterEach(() => rx.close());

async function register(extra: Record<string, unknown> = {}): Promise<{ registration_id: string; _links: Record<string, { href: string }> }> {
	const res = await api.post(`${api.ws}/registrations`, {
		client_id: emu.credentials.clientId,
		name: `traced ${Math.random().toString(36).slice(2, 8)}`,
		delivery_type: 'webhook',
		webhook_url: rx.url,
		events_of_interest: [{ provider_id: CC, event_code: FILE_CREATED }],
		...extra,
	});
	expect(res.status).toBe(201);
	return res.json();
}

function tracingPath(registrationId: string, credentialId = emu.credentials.credentialId, consumerOrgId = emu.credentials.consumerOrgId): string {
	return `/events/organizations/${consumerOrgId}/integrations/${credentialId}/tracing/${registrationId}`;
}

async function traces(registrationId: string): Promise<ApiTrace[]> {
	const res = await api.get(tracingPath(registrationId));
	expect(res.status).toBe(200);
	expect(res.headers.get('content-type')).toMatch(/^application\/json/);
	return res.json<ApiTrace[]>();
}

/** A loopback port with nobody listening (Adobe: connection failure → 602). */
async function closedPort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
	const { port } = server.address() as { port: number };
	await new Promise<void>((r) => server.close(() => r()));
	return port;
}

describe('tracing API', () => {
	test('one trace per request really sent: the challenge, then each delivery with the receiver’s real answer, newest first', async () => {
		const reg = await register();
		rx.responder = () => ({ status: 401, headers: { 'content-type': 'application/json', 'x-why': 'bad signature' }, body: '{"error":"signature check failed"}' });
		const emitted = await control<{ event_ids: string[] }>(emu, 'POST', '/events', { event_code: FILE_CREATED, count: 2, wait: true });

		const list = await traces(reg.registration_id);
		expect(list.map((t) => [t.event, t.trace.tracingRequest.requestMethod, t.trace.tracingResponse.responseCode])).toEqual([
			[FILE_CREATED, 'POST', 401],
			[FILE_CREATED, 'POST', 401],
			['challenge', 'GET', 200],
		]);
		// Newest first, and each delivery trace IS an entry of the delivery log (same id, same event).
		const log = await control<{ deliveries: Array<{ delivery_id: string; event_ids: string[]; status: number }> }>(emu, 'GET', `/deliveries?registration_id=${reg.registration_id}`);
		expect(list.slice(0, 2).map((t) => t.id).sort()).toEqual(log.deliveries.map((d) => d.delivery_id).sort());
		const [latest] = list;
		const delivered = log.deliveries.find((d) => d.delivery_id === latest.id);
		expect(latest.trace.insightsInfo).toEqual([{ providerName: expect.any(String), eventCode: FILE_CREATED, eventIds: delivered?.event_ids }]);
		expect(emitted.event_ids).toContain(delivered?.event_ids[0]);
		// What the receiver got is what the trace says was sent; what it answered is what the trace says came back.
		const received = rx.events().find((r) => r.headers['x-adobe-delivery-id'] === latest.id);
		expect(received).toBeDefined();
		expect(latest.trace.tracingRequest.requestBody).toBe(received?.body.toString());
		expect(latest.trace.tracingRequest.requestUrl).toBe(rx.url);
		expect(latest.trace.tracingRequest.requestHeaders['x-adobe-event-id']).toEqual([received?.headers['x-adobe-event-id']]);
		expect(latest.trace.tracingRequest.requestHeaders['x-adobe-digital-signature-1']).toBeUndefined();
		expect(latest.trace.tracingResponse.responseBody).toBe('{"error":"signature check failed"}');
		expect(latest.trace.tracingResponse.responseHeaders['x-why']).toEqual(['bad signature']);
		expect(latest.trace.tracingResponse.responseTime).toEqual(expect.any(Number));
		expect(latest).toMatchObject({ clientId: emu.credentials.clientId, registrationId: reg.registration_id });
		// Epoch milliseconds on the emulator clock (Adobe's OpenAPI: int64), `date` the same instant.
		expect(latest.trace.ts).toBe(Date.parse(latest.date));
		expect(latest.trace.ts).toBe(emu.core.clock.now());
	});

	test('no HTTP answer: a real timeout is 604 (after the 10 s Adobe waits, here 300 ms), a refused connection 602', async () => {
		await control(emu, 'POST', '/config', { deliveryTimeoutMs: 300 });
		const slow = await register();
		rx.responder = () => ({ delayMs: 900, status: 200 });
		await control(emu, 'POST', '/events', { event_code: FILE_CREATED, registration_id: slow.registration_id, wait: true });
		const [timedOut] = await traces(slow.registration_id);
		expect(timedOut.trace.tracingResponse).toMatchObject({ responseCode: 604, responseBody: '' });
		expect(timedOut.trace.tracingResponse.responseTime).toBeGreaterThanOrEqual(290);

		// A registration whose receiver went away (n8n stopped): Adobe cannot connect.
		const gone = await register();
		const port = await closedPort();
		emu.core.registrations.get(gone.registration_id)!.webhook_url = `http://127.0.0.1:${port}/webhook`;
		await control(emu, 'POST', '/events', { event_code: FILE_CREATED, registration_id: gone.registration_id, wait: true });
		const [refused] = await traces(gone.registration_id);
		expect(refused.trace.tracingResponse.responseCode).toBe(602);
		expect(refused.trace.tracingRequest.requestUrl).toBe(`http://127.0.0.1:${port}/webhook`);
		const log = await control<{ deliveries: Array<{ adobe_status?: number; outcome: string }> }>(emu, 'GET', `/deliveries?registration_id=${gone.registration_id}`);
		expect(log.deliveries).toEqual([expect.objectContaining({ adobe_status: 602, outcome: 'retry_scheduled' })]);
	});

	test('an injected delivery timeout is traced as 604 with the full timeout as response time', async () => {
		const reg = await register();
		await control(emu, 'POST', '/faults', { target: 'deliveries', timeout: true, registration_id: reg.registration_id });
		await control(emu, 'POST', '/events', { event_code: FILE_CREATED, wait: true });
		const [trace] = await traces(reg.registration_id);
		expect(trace.trace.tracingResponse).toMatchObject({ responseCode: 604, responseTime: 10_000 });
	});

	test('a batch delivery is one trace naming every event id of the batch', async () => {
		const reg = await register({ delivery_type: 'webhook_batch' });
		const emitted = await control<{ event_ids: string[] }>(emu, 'POST', '/events', { event_code: FILE_CREATED, count: 3, wait: true });
		const [batch] = await traces(reg.registration_id);
		expect(batch.trace.insightsInfo[0].eventIds).toEqual(emitted.event_ids);
		expect(JSON.parse(batch.trace.tracingRequest.requestBody)).toHaveLength(3);
	});

	test('request and response bodies are trimmed at 64 KB (bytes), never inside a character', async () => {
		const reg = await register();
		// Multi-byte characters: 64 KB of text is far fewer than 64 K characters.
		const answer = '€'.repeat(30_000); // 90 000 bytes
		rx.responder = () => ({ status: 200, body: answer });
		const data = { note: 'ü'.repeat(40_000) }; // > 64 KB once serialised
		await control(emu, 'POST', '/events', { event_code: FILE_CREATED, data, wait: true });
		const [trace] = await traces(reg.registration_id);
		const { requestBody } = trace.trace.tracingRequest;
		const { responseBody } = trace.trace.tracingResponse;
		expect(Buffer.byteLength(responseBody)).toBeLessThanOrEqual(TRACE_BODY_LIMIT);
		expect(Buffer.byteLength(responseBody)).toBeGreaterThan(TRACE_BODY_LIMIT - 3);
		expect(responseBody).toBe('€'.repeat(Math.floor(TRACE_BODY_LIMIT / 3)));
		expect(Buffer.byteLength(requestBody)).toBeLessThanOrEqual(TRACE_BODY_LIMIT);
		expect(Buffer.byteLength(requestBody)).toBeGreaterThan(TRACE_BODY_LIMIT - 2);
		expect(requestBody).not.toContain('\uFFFD');
		// The webhook itself got the whole event.
		expect(rx.events()[0].body.length).toBeGreaterThan(80_000);
		expect(rx.events()[0].body.toString().startsWith(requestBody)).toBe(true);
	});

	test('trimUtf8 keeps whole characters at the boundary', () => {
		expect(trimUtf8('ab€', 3)).toBe('ab');
		expect(trimUtf8('ab€', 5)).toBe('ab€');
		expect(trimUtf8('a😀', 4)).toBe('a');
		expect(trimUtf8(Buffer.from('plain'), 3)).toBe('pla');
	});

	test('the last 100 traces, none older than 7 days (emulator clock)', async () => {
		const reg = await register();
		await control(emu, 'POST', '/events', { event_code: FILE_CREATED, count: 105, wait: true });
		const all = await traces(reg.registration_id);
		expect(all).toHaveLength(100);
		expect(all.every((t) => t.event === FILE_CREATED)).toBe(true); // the challenge fell out first

		await control(emu, 'POST', '/clock/advance', { hours: 6 * 24 });
		await control(emu, 'POST', '/events', { event_code: FILE_CREATED, count: 2, wait: true });
		await control(emu, 'POST', '/clock/advance', { hours: 24 + 1 });
		api = apiClient(emu, await s2sToken(emu)); // the old token expired with the clock
		const recent = await traces(reg.registration_id);
		expect(recent).toHaveLength(2);
		expect(recent.every((t) => t.trace.ts > emu.core.clock.now() - 7 * 86_400_000)).toBe(true);
	});

	test('rel:trace on the registration is the tracing endpoint; a wrong credential id, org or registration is a 404', async () => {
		const reg = await register();
		expect(reg._links['rel:trace'].href).toBe(`${emu.urls.api}${tracingPath(reg.registration_id)}`);
		const viaLink = await api.get(reg._links['rel:trace'].href);
		expect(viaLink.status).toBe(200);
		expect(viaLink.json<ApiTrace[]>()).toHaveLength(1);

		expect((await api.get(tracingPath(reg.registration_id, '999999'))).status).toBe(404);
		expect((await api.get(tracingPath(reg.registration_id, undefined, '1'))).status).toBe(404);
		const unknown = await api.get(tracingPath('00000000-0000-0000-0000-000000000000'));
		expect(unknown.status).toBe(404);
		expect(unknown.json()).toMatchObject({ reason: expect.stringMatching(/does not exist/) });
		// Like every management call, it needs a token.
		const anonymous = await fetch(`${emu.urls.api}${tracingPath(reg.registration_id)}`, { headers: { 'x-api-key': emu.credentials.clientId } });
		expect(anonymous.status).toBe(403);
	});
});
