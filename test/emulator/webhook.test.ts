import { createHmac, createPublicKey, verify } from 'node:crypto';
import { startEmulator, type Emulator } from './src/index';
import { Receiver, apiClient, control, http, s2sToken } from './helpers';

const CC = '3a8a6f0e-7c5d-4b1f-9e2a-cc0a55e7e001';
const FILE_CREATED = 'com.adobe.platform.events.file_created';

let emu: Emulator;
let api: ReturnType<typeof apiClient>;
let rx: Receiver;

beforeAll(async () => {
	emu = await startEmulator({ clock: 'manual' });
	api = apiClient(emu, await s2sToken(emu));
});
afterAll(() => emu.close());
beforeEach(async () => {
	await control(emu, 'POST', '/reset');
	api = apiClient(emu, await s2sToken(emu));
	rx = await new Receiver().start();
});
afterEach(() => rx.close());

function register(extra: Record<string, unknown> = {}) {
	return api.post(`${api.ws}/registrations`, {
		client_id: emu.credentials.clientId,
		name: `hook ${Math.random().toString(36).slice(2, 8)}`,
		description: 'test',
		delivery_type: 'webhook',
		webhook_url: rx.url,
		events_of_interest: [{ provider_id: CC, event_code: FILE_CREATED }],
		...extra,
	});
}

async function pem(path: string): Promise<string> {
	const res = await http(`${emu.urls.keys}${path}`);
	expect(res.status).toBe(200);
	return res.text;
}

describe('registration challenge', () => {
	test('sync challenge answered as text/plain → 201 verified, GET carried ?challenge=', async () => {
		const res = await register();
		expect(res.status).toBe(201);
		const reg = res.json();
		expect(reg.webhook_status).toBe('verified');
		expect(reg.enabled).toBe(true);
		const get = rx.received.find((r) => r.method === 'GET');
		expect(get?.url).toMatch(/^\/webhook\?challenge=[0-9a-f-]{36}$/);
		expect(get?.headers['user-agent']).toBe('Adobe/1.0');
	});

	test('sync challenge answered as JSON {"challenge"} → verified', async () => {
		rx.challengeMode = 'json';
		expect((await register()).json().webhook_status).toBe('verified');
	});

	test('right value with the wrong content type (text/html) is rejected; async POST accepted → webhook_status accepted', async () => {
		rx.challengeMode = 'html';
		const res = await register();
		expect(res.status).toBe(201);
		const reg = res.json<{ registration_id: string; webhook_status: string }>();
		expect(reg.webhook_status).toBe('accepted');
		const state = await control(emu, 'GET', `/registrations/${reg.registration_id}`);
		expect(state.challenge).toMatchObject({ mode: 'async', detail: expect.stringContaining('wrong content type') });
		const post = rx.received.find((r) => r.method === 'POST');
		const { validationUrl } = JSON.parse(post?.body.toString() ?? '{}') as { validationUrl: string };
		expect(validationUrl.startsWith(`${emu.urls.api}/csm/registrations/validate?id=`)).toBe(true);
		// no deliveries while validation is pending
		await control(emu, 'POST', '/events', { event_code: FILE_CREATED, wait: true });
		expect(rx.events()).toHaveLength(0);
		// visiting the URL (no auth, like a browser) validates it
		const v = await http(validationUrl);
		expect(v.status).toBe(200);
		expect((await api.get(`${api.ws}/registrations/${reg.registration_id}`)).json().webhook_status).toBe('verified');
		await control(emu, 'POST', '/events', { event_code: FILE_CREATED, wait: true });
		expect(rx.events()).toHaveLength(1);
		expect((await http(validationUrl)).status).toBe(404); // single use
	});

	test('async validation not completed within 5 minutes → disabled (hook_unreachable, enabled:false)', async () => {
		rx.challengeMode = 'wrong';
		const reg = (await register()).json<{ registration_id: string }>();
		const validationUrl = (JSON.parse(rx.received.find((r) => r.method === 'POST')?.body.toString() ?? '{}') as { validationUrl: string }).validationUrl;
		await control(emu, 'POST', '/clock/advance', { ms: 4 * 60_000 });
		expect((await api.get(`${api.ws}/registrations/${reg.registration_id}`)).json().webhook_status).toBe('accepted');
		await control(emu, 'POST', '/clock/advance', { ms: 61_000 });
		const after = (await api.get(`${api.ws}/registrations/${reg.registration_id}`)).json();
		expect(after).toMatchObject({ webhook_status: 'hook_unreachable', enabled: false });
		expect((await http(validationUrl)).status).toBe(404);
	});

	test('challenge and async POST both fail → 400 "Webhook is invalid", nothing created', async () => {
		rx.challengeMode = 'error';
		rx.asyncValidation = false;
		const res = await register({ name: 'doomed' });
		expect(res.status).toBe(400);
		expect(res.json()).toEqual({ reason: expect.stringContaining('HTTP 500'), message: 'Webhook is invalid' });
		expect((await api.get(`${api.ws}/registrations`)).json<{ _embedded: { registrations: unknown[] } }>()._embedded.registrations).toHaveLength(0);
	});

	test('unreachable webhook → 400; non-loopback http → 400 (Adobe requires https)', async () => {
		const res = await register({ webhook_url: 'http://127.0.0.1:1/hook' });
		expect(res.status).toBe(400);
		expect(res.json().reason).toMatch(/could not be reached/);
		const plain = await register({ webhook_url: 'http://example.com/hook' });
		expect(plain.status).toBe(400);
		expect(plain.json().reason).toMatch(/https/);
	});

	test('challenge timeout honours challengeTimeoutMs', async () => {
		await control(emu, 'POST', '/config', { challengeTimeoutMs: 200 });
		rx.challengeMode = 'timeout';
		rx.asyncValidation = false;
		const res = await register();
		expect(res.status).toBe(400);
		expect(res.json().reason).toMatch(/timed out/);
	});

	test('PUT re-runs the challenge; a failing one leaves the registration unchanged', async () => {
		const reg = (await register({ name: 'keep me' })).json<{ registration_id: string }>();
		rx.challengeMode = 'error';
		rx.asyncValidation = false;
		const res = await api.put(`${api.ws}/registrations/${reg.registration_id}`, { name: 'renamed', delivery_type: 'webhook', webhook_url: rx.url, events_of_interest: [{ provider_id: CC, event_code: FILE_CREATED }] });
		expect(res.status).toBe(400);
		expect((await api.get(`${api.ws}/registrations/${reg.registration_id}`)).json().name).toBe('keep me');
	});
});

describe('deliveries', () => {
	test('CloudEvent body, x-adobe headers and both RSA signatures verify against the published keys', async () => {
		const reg = (await register()).json<{ registration_id: string }>();
		const { event_ids } = await control<{ event_ids: string[] }>(emu, 'POST', '/events', { event_code: FILE_CREATED, data: { hello: 'wörld ✓ \u2028', n: 1.5e300 }, wait: true });
		const [d] = rx.events();
		const h = d.headers;
		expect(h['content-type']).toBe('application/cloudevents+json; charset=UTF-8');
		expect(h['user-agent']).toBe('Adobe/1.0');
		expect(h['x-adobe-event-id']).toBe(event_ids[0]);
		expect(h['x-adobe-event-code']).toBe(FILE_CREATED);
		expect(h['x-adobe-provider']).toBe('cc_asset_events');
		expect(h['x-adobe-delivery-id']).toMatch(/[0-9a-f-]{36}/);
		expect(h['x-adobe-retry-count']).toBeUndefined();
		expect(h['x-adobe-signature']).toBeUndefined();
		const body = JSON.parse(d.body.toString()) as Record<string, unknown>;
		expect(body).toMatchObject({
			specversion: '1.0',
			type: FILE_CREATED,
			source: `urn:uuid:${CC}`,
			eventid: event_ids[0],
			event_id: event_ids[0],
			recipientclientid: emu.credentials.clientId,
			recipient_client_id: emu.credentials.clientId,
			dataschema: 'http://ns.adobe.com/adobecloud/repository/event/asset',
		});
		expect(body.id).not.toBe(body.eventid);
		for (const i of [1, 2]) {
			const path = h[`x-adobe-public-key${i}-path`] as string;
			expect(path).toMatch(/^\/prod\/keys\/pub-key-[A-Za-z0-9]{10}\.pem$/);
			const key = createPublicKey({ key: await pem(path), format: 'pem', type: 'spki' });
			const sig = Buffer.from(h[`x-adobe-digital-signature-${i}`] as string, 'base64');
			expect(sig).toHaveLength(256); // RSA-2048
			expect(verify('rsa-sha256', d.body, key, sig)).toBe(true);
			expect(verify('rsa-sha256', Buffer.from(d.body.toString() + ' '), key, sig)).toBe(false);
		}
		const deliveries = await control<{ deliveries: Array<Record<string, unknown>> }>(emu, 'GET', `/deliveries?registration_id=${reg.registration_id}`);
		expect(deliveries.deliveries).toEqual([expect.objectContaining({ status: 200, outcome: 'delivered', retry_count: 0, event_ids: event_ids })]);
		// tracing API shows the challenge and the delivery
		const traces = await api.get(`/events/organizations/${emu.credentials.consumerOrgId}/integrations/${emu.credentials.credentialId}/tracing/${reg.registration_id}`);
		expect(traces.json<Array<{ trace: { tracingRequest: { requestMethod: string } } }>>().map((t) => t.trace.tracingRequest.requestMethod)).toEqual(['POST', 'GET']);
	});

	test('key rotation: new deliveries use the new key, old public key stays published', async () => {
		await register();
		await control(emu, 'POST', '/events', { event_code: FILE_CREATED, wait: true });
		const oldPath = rx.events()[0].headers['x-adobe-public-key1-path'] as string;
		await control(emu, 'POST', '/keys/rotate', { slot: 1 });
		await control(emu, 'POST', '/events', { event_code: FILE_CREATED, wait: true });
		const d = rx.events()[1];
		expect(d.headers['x-adobe-public-key1-path']).not.toBe(oldPath);
		expect(d.headers['x-adobe-public-key2-path']).toBe(rx.events()[0].headers['x-adobe-public-key2-path']);
		expect((await http(`${emu.urls.keys}${oldPath}`)).status).toBe(200);
		const key = createPublicKey(await pem(d.headers['x-adobe-public-key1-path'] as string));
		expect(verify('rsa-sha256', d.body, key, Buffer.from(d.headers['x-adobe-digital-signature-1'] as string, 'base64'))).toBe(true);
		expect((await http(`${emu.urls.keys}/prod/keys/pub-key-doesnotexist.pem`)).status).toBe(404);
	});

	test('legacy HMAC x-adobe-signature (per registration) = base64 HMAC-SHA256(client secret, raw body)', async () => {
		const reg = (await register()).json<{ registration_id: string }>();
		await control(emu, 'PATCH', `/registrations/${reg.registration_id}`, { hmac_signature: true });
		await control(emu, 'POST', '/events', { event_code: FILE_CREATED, wait: true });
		const d = rx.events()[0];
		expect(d.headers['x-adobe-signature']).toBe(createHmac('sha256', emu.credentials.clientSecret).update(d.body).digest('base64'));
	});

	test('legacy adobe_io provider: {event_id, event, recipient_client_id} envelope as application/json', async () => {
		await register({ events_of_interest: [{ provider_id: 'ccstorage', event_code: 'asset_created' }] });
		const { event_ids } = await control<{ event_ids: string[] }>(emu, 'POST', '/events', { event_code: 'asset_created', wait: true });
		const d = rx.events()[0];
		expect(d.headers['content-type']).toBe('application/json; charset=utf-8');
		const body = JSON.parse(d.body.toString()) as Record<string, unknown>;
		expect(body).toEqual({ event_id: event_ids[0], event: expect.objectContaining({ '@type': 'xdmCreated', 'xdmEventEnvelope:objectType': 'xdmAsset' }), recipient_client_id: emu.credentials.clientId });
	});

	test('fault modes: bad_signature, wrong_recipient, key_path_off_host', async () => {
		const reg = (await register()).json<{ registration_id: string }>();
		await control(emu, 'POST', '/faults', [
			{ target: 'deliveries', mode: 'bad_signature' },
			{ target: 'deliveries', mode: 'wrong_recipient' },
			{ target: 'deliveries', mode: 'key_path_off_host' },
		]);
		await control(emu, 'POST', '/events', { event_code: FILE_CREATED, count: 3, wait: true });
		const [a, b, c] = rx.events();
		const check = async (d: typeof a) => verify('rsa-sha256', d.body, createPublicKey(await pem(d.headers['x-adobe-public-key1-path'] as string)), Buffer.from(d.headers['x-adobe-digital-signature-1'] as string, 'base64'));
		expect(await check(a)).toBe(false);
		expect(JSON.parse(b.body.toString()).recipientclientid).not.toBe(emu.credentials.clientId);
		expect(await check(b)).toBe(true); // correctly signed, but for someone else
		expect(c.headers['x-adobe-public-key1-path']).toMatch(/^@evil\.example\/prod\/keys\//);
		const log = await control<{ deliveries: Array<{ fault?: string }> }>(emu, 'GET', `/deliveries?registration_id=${reg.registration_id}`);
		expect(log.deliveries.map((d) => d.fault)).toEqual(['bad_signature', 'wrong_recipient', 'key_path_off_host']);
	});

	test('subscriber filter: only matching events are delivered and journaled', async () => {
		const filter = JSON.stringify({ data: { xdmEntity: { 'event:sequence': [{ numeric: ['<', 0] }] }, tier: ['gold'] } });
		const reg = (await register({ subscriber_filters: [{ name: 'gold only', subscriber_filter: filter }] })).json<{ registration_id: string; subscriber_filters: unknown[] }>();
		expect(reg.subscriber_filters).toHaveLength(1);
		await control(emu, 'POST', '/events', { event_code: FILE_CREATED, data: { tier: 'silver', xdmEntity: { 'event:sequence': -1 } }, wait: true });
		await control(emu, 'POST', '/events', { event_code: FILE_CREATED, data: { tier: 'gold', xdmEntity: { 'event:sequence': -1 } }, wait: true });
		expect(rx.events()).toHaveLength(1);
		expect(JSON.parse(rx.events()[0].body.toString()).data.tier).toBe('gold');
		const bad = await register({ name: 'bad filter', subscriber_filters: [{ name: 'broken', subscriber_filter: '{"a": 1}' }] });
		expect(bad.status).toBe(400);
	});
});

describe('webhook_batch', () => {
	test('45 events → arrays of 20, 20, 5; every element signed as one body', async () => {
		await register({ delivery_type: 'webhook_batch' });
		const { event_ids } = await control<{ event_ids: string[] }>(emu, 'POST', '/events', { event_code: FILE_CREATED, count: 45, wait: true });
		const batches = rx.events().map((d) => JSON.parse(d.body.toString()) as Array<Record<string, unknown>>);
		expect(batches.map((b) => b.length).sort((a, b) => b - a)).toEqual([20, 20, 5]);
		expect(batches.flat().map((e) => e.eventid).sort()).toEqual([...event_ids].sort());
		for (const d of rx.events()) {
			const key = createPublicKey(await pem(d.headers['x-adobe-public-key2-path'] as string));
			expect(verify('rsa-sha256', d.body, key, Buffer.from(d.headers['x-adobe-digital-signature-2'] as string, 'base64'))).toBe(true);
			for (const e of JSON.parse(d.body.toString()) as Array<Record<string, unknown>>) expect(e.recipientclientid).toBe(emu.credentials.clientId);
		}
	});

	test('2 MB cap: large events split before 20', async () => {
		await register({ delivery_type: 'webhook_batch' });
		const big = 'x'.repeat(300 * 1024);
		await control(emu, 'POST', '/events', { event_code: FILE_CREATED, data: { big }, count: 10, wait: true });
		const sizes = rx.events().map((d) => d.body.length);
		for (const s of sizes) expect(s).toBeLessThanOrEqual(2 * 1024 * 1024);
		expect(rx.events().map((d) => (JSON.parse(d.body.toString()) as unknown[]).length).sort()).toEqual([4, 6]);
	});
});

describe('retries and health on the manual clock', () => {
	test('5xx retried at 1, 2, 4, 8, 15, 15 … minutes with x-adobe-retry-count, for 24 h', async () => {
		rx.responder = () => ({ status: 503 });
		const reg = (await register()).json<{ registration_id: string }>();
		const { event_ids } = await control<{ event_ids: string[] }>(emu, 'POST', '/events', { event_code: FILE_CREATED, wait: true });
		expect(rx.events()).toHaveLength(1);
		await control(emu, 'POST', '/clock/advance', { ms: 59_000 });
		expect(rx.events()).toHaveLength(1);
		await control(emu, 'POST', '/clock/advance', { ms: 1_000 });
		expect(rx.events()).toHaveLength(2);
		expect(rx.events()[1].headers['x-adobe-retry-count']).toBe('1');
		expect(rx.events()[1].headers['x-adobe-event-id']).toBe(event_ids[0]);
		expect(rx.events()[1].headers['x-adobe-delivery-id']).not.toBe(rx.events()[0].headers['x-adobe-delivery-id']);
		await control(emu, 'POST', '/clock/advance', { hours: 26 });
		const log = (await control<{ deliveries: Array<{ time: string; retry_count: number; outcome: string; status: number }> }>(emu, 'GET', `/deliveries?registration_id=${reg.registration_id}`)).deliveries;
		const t0 = Date.parse(log[0].time);
		const gaps = log.slice(1).map((d, i) => (Date.parse(d.time) - Date.parse(log[i].time)) / 60_000);
		expect(gaps.slice(0, 7)).toEqual([1, 2, 4, 8, 15, 15, 15]);
		expect(Date.parse(log[log.length - 1].time) - t0).toBeLessThanOrEqual(24 * 3_600_000);
		expect(log[log.length - 1].outcome).toBe('retries_exhausted');
		expect(log.map((d) => d.retry_count)).toEqual(log.map((_, i) => i));
		expect(log.length).toBe(1 + 5 + Math.floor((24 * 60 - 30) / 15)); // 100 attempts within 24 h
		// health: ≥ 10 attempts, ≥ 80 % failed → UNSTABLE, then after 24 h still failing → DISABLED
		const state = await control<{ health: string; webhook_status: string; enabled: boolean }>(emu, 'GET', `/registrations/${reg.registration_id}`);
		expect(state.health).toBe('DISABLED');
		expect(state).toMatchObject({ webhook_status: 'hook_unreachable', enabled: false });
	});

	test.each([429, 500, 502, 504])('%s is retried', async (status) => {
		rx.responder = () => ({ status });
		await register();
		await control(emu, 'POST', '/events', { event_code: FILE_CREATED, wait: true });
		await control(emu, 'POST', '/clock/advance', { minutes: 1 });
		expect(rx.events()).toHaveLength(2);
	});

	test.each([400, 401, 404, 410, 505, 302])('%s is dropped without retry', async (status) => {
		rx.responder = () => ({ status });
		const reg = (await register()).json<{ registration_id: string }>();
		await control(emu, 'POST', '/events', { event_code: FILE_CREATED, wait: true });
		await control(emu, 'POST', '/clock/advance', { hours: 2 });
		expect(rx.events()).toHaveLength(1);
		const log = await control<{ deliveries: Array<{ outcome: string; status: number }> }>(emu, 'GET', `/deliveries?registration_id=${reg.registration_id}`);
		expect(log.deliveries).toEqual([expect.objectContaining({ status, outcome: 'dropped' })]);
	});

	test('timeouts (deliveryTimeoutMs) are retried and recorded as 604', async () => {
		await control(emu, 'POST', '/config', { deliveryTimeoutMs: 150 });
		rx.responder = () => ({ delayMs: 1000 });
		const reg = (await register()).json<{ registration_id: string }>();
		await control(emu, 'POST', '/events', { event_code: FILE_CREATED, wait: true });
		const log = await control<{ deliveries: Array<Record<string, unknown>> }>(emu, 'GET', `/deliveries?registration_id=${reg.registration_id}`);
		expect(log.deliveries[0]).toMatchObject({ status: null, error: 'timeout', adobe_status: 604, outcome: 'retry_scheduled' });
	});

	test('ACTIVE → UNSTABLE → ACTIVE when the webhook recovers; DISABLED stops new deliveries but journals', async () => {
		let failing = true;
		rx.responder = () => ({ status: failing ? 500 : 200 });
		const reg = (await register()).json<{ registration_id: string }>();
		await control(emu, 'POST', '/events', { event_code: FILE_CREATED, count: 10, wait: true });
		let state = await control<{ health: string; webhook_status: string }>(emu, 'GET', `/registrations/${reg.registration_id}`);
		expect(state.health).toBe('UNSTABLE');
		expect(state.webhook_status).toBe('unstable');
		// still delivering while unstable
		failing = false;
		await control(emu, 'POST', '/clock/advance', { minutes: 20 });
		await control(emu, 'POST', '/events', { event_code: FILE_CREATED, count: 40, wait: true });
		await control(emu, 'POST', '/clock/advance', { hours: 24 });
		state = await control(emu, 'GET', `/registrations/${reg.registration_id}`);
		expect(state.health).toBe('ACTIVE');
		expect(state.webhook_status).toBe('verified');
		// forced DISABLED: new events journaled, not delivered
		await control(emu, 'PATCH', `/registrations/${reg.registration_id}`, { health: 'DISABLED' });
		const before = rx.events().length;
		await control(emu, 'POST', '/events', { event_code: FILE_CREATED, wait: true });
		expect(rx.events()).toHaveLength(before);
		const j = await control<{ journal: { count: number } }>(emu, 'GET', `/registrations/${reg.registration_id}`);
		expect(j.journal.count).toBe(51);
		// PUT with enabled:true re-runs the challenge and re-activates (the old token expired during the 24 h)
		api = apiClient(emu, await s2sToken(emu));
		const put = await api.put(`${api.ws}/registrations/${reg.registration_id}`, { name: 'revived', delivery_type: 'webhook', webhook_url: rx.url, enabled: true, events_of_interest: [{ provider_id: CC, event_code: FILE_CREATED }] });
		expect(put.json()).toMatchObject({ webhook_status: 'verified', enabled: true });
		await control(emu, 'POST', '/events', { event_code: FILE_CREATED, wait: true });
		expect(rx.events()).toHaveLength(before + 1);
	});

	test('deleting a registration keeps scheduled retries running (Adobe behaviour) but stops new events', async () => {
		rx.responder = () => ({ status: 500 });
		const reg = (await register()).json<{ registration_id: string }>();
		await control(emu, 'POST', '/events', { event_code: FILE_CREATED, wait: true });
		expect((await api.del(`${api.ws}/registrations/${reg.registration_id}`)).status).toBe(204);
		await control(emu, 'POST', '/clock/advance', { minutes: 1 });
		expect(rx.events()).toHaveLength(2);
		await control(emu, 'POST', '/events', { event_code: FILE_CREATED, wait: true });
		expect(rx.events()).toHaveLength(2);
	});
});
