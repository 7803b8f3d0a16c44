/** Every bound of the emulator is reached at least once here (the others live next to their feature tests). */
import { startEmulator, type Emulator } from './src/index';
import { Receiver, apiClient, control, http, s2sToken } from './helpers';

const CC = '3a8a6f0e-7c5d-4b1f-9e2a-cc0a55e7e001';
const CODE = 'com.adobe.platform.events.file_created';

let emu: Emulator;
let rx: Receiver;
let api: ReturnType<typeof apiClient>;
beforeAll(async () => {
	emu = await startEmulator({ clock: 'manual' });
	api = apiClient(emu, await s2sToken(emu));
	rx = await new Receiver().start();
});
afterAll(async () => {
	await rx.close();
	await emu.close();
});

test('delivery log (maxDeliveryRecords) and traces (100 per registration) are bounded', async () => {
	await control(emu, 'POST', '/config', { maxDeliveryRecords: 50 });
	const reg = (await api.post(`${api.ws}/registrations`, { client_id: emu.credentials.clientId, name: 'bounded', delivery_type: 'webhook', webhook_url: rx.url, events_of_interest: [{ provider_id: CC, event_code: CODE }] })).json<{ registration_id: string }>();
	await control(emu, 'POST', '/events', { event_code: CODE, count: 130, wait: true });
	const log = await control<{ count: number; deliveries: Array<{ event_ids: string[] }> }>(emu, 'GET', '/deliveries');
	expect(log.count).toBeGreaterThanOrEqual(50);
	expect(log.count).toBeLessThanOrEqual(55);
	const traces = await control<unknown[]>(emu, 'GET', `/registrations/${reg.registration_id}/traces`);
	expect(traces).toHaveLength(100);
	const viaApi = await api.get(`/events/organizations/${emu.credentials.consumerOrgId}/integrations/${emu.credentials.credentialId}/tracing/${reg.registration_id}`);
	expect(viaApi.json<unknown[]>()).toHaveLength(100);
});

test('fault queue holds at most 1000', async () => {
	const batch = Array.from({ length: 100 }, () => ({ target: 'keys', status: 500, match: '/never-requested' }));
	for (let i = 0; i < 10; i++) await control(emu, 'POST', '/faults', batch);
	const over = await http(`${emu.urls.control}/faults`, { method: 'POST', json: { target: 'keys', status: 500 } });
	expect(over.status).toBe(400);
	expect(over.json().reason).toMatch(/at most 1000/);
	await control(emu, 'DELETE', '/faults');
	expect((await control<{ faults: unknown[] }>(emu, 'GET', '/faults')).faults).toHaveLength(0);
});

test('published keys are bounded (8) while current keys always stay', async () => {
	for (let i = 0; i < 4; i++) await control(emu, 'POST', '/keys/rotate');
	const { keys } = await control<{ keys: Array<{ path: string; current: boolean }> }>(emu, 'GET', '/keys');
	expect(keys).toHaveLength(8);
	expect(keys.filter((k) => k.current)).toHaveLength(2);
	for (const k of keys) expect((await http(`${emu.urls.keys}${k.path}`)).status).toBe(200);
}, 30_000);

test('control emit count is bounded (100 000)', async () => {
	const res = await http(`${emu.urls.control}/events`, { method: 'POST', json: { event_code: CODE, count: 100_001 } });
	expect(res.status).toBe(400);
	expect(res.json().reason).toMatch(/count/);
});

test('IMS remembers at most maxTokens access tokens: the oldest is forgotten (401 at the gateway)', async () => {
	await control(emu, 'POST', '/config', { maxTokens: 3 });
	try {
		const tokens: string[] = [];
		for (let i = 0; i < 5; i++) tokens.push(await s2sToken(emu));
		const status = async (token: string) => (await apiClient(emu, token).get(`${apiClient(emu, token).ws}/registrations`)).status;
		expect(await status(tokens[0])).toBe(401);
		expect(await status(tokens[1])).toBe(401);
		for (const t of tokens.slice(2)) expect(await status(t)).toBe(200);
	} finally {
		await control(emu, 'POST', '/config', { maxTokens: 50_000 });
	}
});
