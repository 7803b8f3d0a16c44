/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test code: runs outside n8n; sets the SDK log level via process.env and waits on real timers */
/**
 * Conformance: Adobe's own SDK, @adobe/aio-lib-events 4.1.0 (unmodified), is the client.
 * `eventsBaseURL` / `eventsIngressURL` point at the emulator; every one of its 22 methods is exercised
 * for success and for the failure its documentation describes.
 *
 * Two seams, both outside the SDK's own files (which are not modified):
 *  - `@adobe/aio-lib-state` only works inside Adobe I/O Runtime (it needs OpenWhisk credentials), and the
 *    SDK's verifyDigitalSignatureForEvent caches public keys in it. It is replaced by an in-memory store.
 *  - the SDK hardcodes `https://static.adobeioevents.com` as the key host. `node-fetch` is wrapped so that
 *    requests to exactly that host are sent to the emulator's key origin (same path); every other host is
 *    refused, which lets the test observe where the SDK would fetch an off-host key from.
 */
import { startEmulator, type Emulator } from './src/index';
import { Receiver, control, s2sToken, waitFor } from './helpers';

const mockKeyFetches: string[] = [];
const mockKeyHost: { base: string } = { base: '' };

jest.mock('@adobe/aio-lib-state', () => {
	const store = new Map<string, string>();
	return {
		init: async () => ({
			get: async (key: string) => (store.has(key) ? { value: store.get(key) } : undefined),
			put: async (key: string, value: string) => {
				store.set(key, value);
				return key;
			},
		}),
		mockStore: store,
	};
});

jest.mock('node-fetch', () => {
	const real = jest.requireActual<((url: unknown, init?: unknown) => Promise<unknown>) & Record<string, unknown>>('node-fetch');
	const wrapped = Object.assign((url: unknown, init?: unknown) => {
		if (typeof url === 'string' && url.startsWith('https://')) {
			const u = new URL(url);
			mockKeyFetches.push(u.host);
			if (u.host !== 'static.adobeioevents.com') return Promise.reject(new Error(`off-host key fetch refused: ${u.host}`));
			return real(`${mockKeyHost.base}${u.pathname}`, init);
		}
		return real(url, init);
	}, real);
	return Object.assign(wrapped, { default: wrapped });
});

interface SdkError extends Error {
	code: string;
	sdkDetails: { requestId?: string; conflictingId?: string; url?: string };
}
type Obj = Record<string, unknown> & { _embedded?: Record<string, Array<Record<string, unknown>>>; _links?: Record<string, { href: string }> };
interface Subscription {
	unsubscribe(): void;
}
interface EventsClient {
	getAllProviders(c: string, o?: unknown): Promise<Obj>;
	getProvider(id: string, withEvents?: boolean): Promise<Obj>;
	createProvider(c: string, p: string, w: string, body: unknown): Promise<Obj>;
	updateProvider(c: string, p: string, w: string, id: string, body: unknown): Promise<Obj>;
	deleteProvider(c: string, p: string, w: string, id: string): Promise<undefined>;
	getProviderMetadata(): Promise<Obj>;
	getAllEventMetadataForProvider(id: string): Promise<Obj>;
	getEventMetadataForProvider(id: string, code: string): Promise<Obj>;
	createEventMetadataForProvider(c: string, p: string, w: string, id: string, body: unknown): Promise<Obj>;
	updateEventMetadataForProvider(c: string, p: string, w: string, id: string, code: string, body: unknown): Promise<Obj>;
	deleteEventMetadata(c: string, p: string, w: string, id: string, code: string): Promise<undefined>;
	deleteAllEventMetadata(c: string, p: string, w: string, id: string): Promise<undefined>;
	createRegistration(c: string, p: string, w: string, body: unknown): Promise<Obj>;
	updateRegistration(c: string, p: string, w: string, id: string, body: unknown): Promise<Obj>;
	getRegistration(c: string, p: string, w: string, id: string): Promise<Obj>;
	getAllRegistrationsForWorkspace(c: string, p: string, w: string): Promise<Obj>;
	getAllRegistrationsForOrg(c: string, page?: { page?: number; size?: number }): Promise<Obj & { page: { totalElements: number } }>;
	deleteRegistration(c: string, p: string, w: string, id: string): Promise<undefined>;
	publishEvent(ev: unknown): Promise<string | undefined>;
	getEventsFromJournal(url: string, opts?: Record<string, unknown>, headers?: boolean): Promise<Obj & { events?: Array<{ position: string; event: Obj }>; link?: Record<string, string>; retryAfter?: number; _page?: { last: string } }>;
	getEventsObservableFromJournal(url: string, opts?: Record<string, unknown>, polling?: { interval?: number }): { subscribe(o: { next: (e: { position: string; event: Obj }) => void; error?: (e: unknown) => void }): Subscription };
	verifyDigitalSignatureForEvent(event: string, recipient: string, opts: Record<string, string>): Promise<unknown>;
}
interface SdkModule {
	init(org: string, apiKey: string, token: string, httpOptions?: Record<string, unknown>): Promise<EventsClient>;
}

// The SDK logs fetched PEMs at info level; keep the test output readable.
process.env.LOG_LEVEL = 'error';
const sdk = jest.requireActual<SdkModule>('@adobe/aio-lib-events');

let emu: Emulator;
let client: EventsClient;
let C: string, P: string, W: string;
let rx: Receiver;

async function rejects(p: Promise<unknown>, code: string, status?: number): Promise<SdkError> {
	let err: SdkError | undefined;
	try {
		await p;
	} catch (e) {
		err = e as SdkError;
	}
	expect(err).toBeDefined();
	expect((err as SdkError).code).toBe(code);
	if (status !== undefined) expect((err as SdkError).message).toContain(String(status));
	return err as SdkError;
}

beforeAll(async () => {
	emu = await startEmulator();
	mockKeyHost.base = emu.urls.keys;
	({ consumerOrgId: C, projectId: P, workspaceId: W } = emu.credentials);
	client = await sdk.init(emu.credentials.imsOrgId, emu.credentials.clientId, await s2sToken(emu), { eventsBaseURL: emu.urls.api, eventsIngressURL: emu.urls.ingress });
	rx = await new Receiver().start();
});
afterAll(async () => {
	await rx.close();
	await emu.close();
});

const CC = '3a8a6f0e-7c5d-4b1f-9e2a-cc0a55e7e001';

describe('@adobe/aio-lib-events against the emulator', () => {
	test('init: rejects missing arguments with ERROR_SDK_INITIALIZATION', async () => {
		const err = await rejects(sdk.init(emu.credentials.imsOrgId, '', ''), 'ERROR_SDK_INITIALIZATION');
		expect(err.message).toContain('apiKey, accessToken');
	});

	test('getProviderMetadata, getAllProviders (filters, eventmetadata), getProvider', async () => {
		const meta = await client.getProviderMetadata();
		expect(meta._embedded?.providermetadata.map((m) => m.id)).toEqual(expect.arrayContaining(['ccstorage', 'aem', '3rd_party_custom_events']));
		const all = await client.getAllProviders(C);
		expect(all._embedded?.providers.length).toBeGreaterThanOrEqual(9);
		const withEvents = await client.getAllProviders(C, { fetchEventMetadata: true, filterBy: { providerMetadataIds: ['aem', 'marketo'] } });
		expect(withEvents._embedded?.providers.map((p) => p.provider_metadata).sort()).toEqual(['aem', 'marketo']);
		expect((withEvents._embedded?.providers[0]._embedded as Record<string, unknown[]>).eventmetadata.length).toBeGreaterThan(0);
		const aem = await client.getAllProviders(C, { filterBy: { providerMetadataId: 'aem', instanceId: 'author-p63947-e1249010' } });
		expect(aem._embedded?.providers).toHaveLength(1);
		await rejects(client.getAllProviders(C, { filterBy: { providerMetadataId: 'aem', providerMetadataIds: ['x'] } }), 'ERROR_GET_ALL_PROVIDERS');
		await rejects(client.getAllProviders('999'), 'ERROR_GET_ALL_PROVIDERS', 404);
		const p = await client.getProvider(CC, true);
		expect(p).toMatchObject({ id: CC, source: `urn:uuid:${CC}`, publisher: 'Adobe' });
		expect((p._embedded as Record<string, Obj[]>).eventmetadata.map((e) => e.event_code)).toContain('com.adobe.platform.events.file_created');
		const err = await rejects(client.getProvider('nope'), 'ERROR_GET_PROVIDER', 404);
		expect(err.sdkDetails.requestId).toMatch(/[0-9a-f-]{36}/);
	});

	test('provider + event metadata lifecycle (create 201, update, 409 conflicting id, delete one / all)', async () => {
		const p = await client.createProvider(C, P, W, { label: 'SDK provider', description: 'made by the SDK', docs_url: 'https://example.com/docs' });
		expect(p._links?.['rel:update']).toBeDefined();
		const id = p.id as string;
		const dup = await rejects(client.createProvider(C, P, W, { label: 'SDK provider' }), 'ERROR_CREATE_PROVIDER', 409);
		expect(dup.sdkDetails.conflictingId).toBe(id);
		await rejects(client.createProvider(C, P, W, { description: 'no label' }), 'ERROR_CREATE_PROVIDER', 400);
		expect((await client.updateProvider(C, P, W, id, { label: 'SDK provider 2', description: 'x' })).label).toBe('SDK provider 2');
		await rejects(client.updateProvider(C, P, W, CC, { label: 'hijack' }), 'ERROR_UPDATE_PROVIDER', 403);

		const sample = Buffer.from(JSON.stringify({ hello: 'sample' })).toString('base64');
		const em = await client.createEventMetadataForProvider(C, P, W, id, { label: 'Order', description: 'An order', event_code: 'com.sdk.order', sample_event_template: sample });
		expect(em).toMatchObject({ event_code: 'com.sdk.order', label: 'Order' });
		await client.createEventMetadataForProvider(C, P, W, id, { label: 'Refund', description: 'A refund', event_code: 'com.sdk.refund' });
		await rejects(client.createEventMetadataForProvider(C, P, W, id, { label: 'x', description: 'x', event_code: 'bad code!' }), 'ERROR_CREATE_EVENTMETADATA', 400);
		expect((await client.getAllEventMetadataForProvider(id))._embedded?.eventmetadata).toHaveLength(2);
		expect((await client.getEventMetadataForProvider(id, 'com.sdk.order')).description).toBe('An order');
		await rejects(client.getEventMetadataForProvider(id, 'com.sdk.none'), 'ERROR_GET_EVENTMETADATA', 404);
		expect((await client.updateEventMetadataForProvider(C, P, W, id, 'com.sdk.order', { label: 'Order v2', description: 'd', event_code: 'com.sdk.order' })).label).toBe('Order v2');
		await rejects(client.updateEventMetadataForProvider(C, P, W, id, 'com.sdk.order', { label: 'x', description: 'd', event_code: 'com.sdk.other' }), 'ERROR_UPDATE_EVENTMETADATA', 400);
		expect(await client.deleteEventMetadata(C, P, W, id, 'com.sdk.refund')).toBeUndefined();
		await rejects(client.deleteEventMetadata(C, P, W, id, 'com.sdk.refund'), 'ERROR_DELETE_EVENTMETADATA', 404);
		expect(await client.deleteAllEventMetadata(C, P, W, id)).toBeUndefined();
		expect((await client.getAllEventMetadataForProvider(id))._embedded?.eventmetadata).toHaveLength(0);
		await rejects(client.deleteAllEventMetadata(C, P, W, 'nope'), 'ERROR_DELETE_ALL_EVENTMETADATA', 404);
		expect(await client.deleteProvider(C, P, W, id)).toBeUndefined();
		await rejects(client.deleteProvider(C, P, W, id), 'ERROR_DELETE_PROVIDER', 404);
	});

	test('registrations: create (webhook, journal), 409 conflicting id, get, list workspace, list org paginated, update, delete', async () => {
		const eoi = [{ provider_id: CC, event_code: 'com.adobe.platform.events.file_created' }];
		const hook = await client.createRegistration(C, P, W, { client_id: emu.credentials.clientId, name: 'sdk webhook', description: 'd', delivery_type: 'webhook', webhook_url: rx.url, events_of_interest: eoi });
		expect(hook).toMatchObject({ webhook_status: 'verified', enabled: true, delivery_type: 'webhook', client_id: emu.credentials.clientId });
		const dup = await rejects(client.createRegistration(C, P, W, { client_id: emu.credentials.clientId, name: 'sdk webhook', delivery_type: 'journal', events_of_interest: eoi }), 'ERROR_CREATE_REGISTRATION', 409);
		expect(dup.sdkDetails.conflictingId).toBe(hook.registration_id);
		await rejects(client.createRegistration(C, P, W, { client_id: emu.credentials.clientId, name: 'x', delivery_type: 'WEBHOOK', events_of_interest: eoi }), 'ERROR_CREATE_REGISTRATION', 400);
		const journal = await client.createRegistration(C, P, W, { client_id: emu.credentials.clientId, name: 'sdk journal', description: 'd', delivery_type: 'journal', events_of_interest: eoi });
		const id = journal.registration_id as string;
		expect((await client.getRegistration(C, P, W, id)).name).toBe('sdk journal');
		await rejects(client.getRegistration(C, P, W, 'nope'), 'ERROR_GET_REGISTRATION', 404);
		const ws = await client.getAllRegistrationsForWorkspace(C, P, W);
		expect(ws._embedded?.registrations.map((r) => r.name)).toEqual(expect.arrayContaining(['sdk webhook', 'sdk journal']));
		await rejects(client.getAllRegistrationsForWorkspace(C, P, 'other'), 'ERROR_GET_ALL_REGISTRATION', 404);
		const page = await client.getAllRegistrationsForOrg(C, { page: 0, size: 1 });
		expect(page._embedded?.registrations).toHaveLength(1);
		expect(page.page.totalElements).toBeGreaterThanOrEqual(2);
		expect(page._links?.next.href).toContain('page=1&size=1');
		await rejects(client.getAllRegistrationsForOrg(C, { size: 101 }), 'ERROR_GET_ALL_REGISTRATIONS_FOR_ORG', 400);
		const updated = await client.updateRegistration(C, P, W, id, { name: 'sdk journal 2', description: 'd2', delivery_type: 'journal', events_of_interest: eoi });
		expect(updated.name).toBe('sdk journal 2');
		await rejects(client.updateRegistration(C, P, W, id, { name: 'x' }), 'ERROR_UPDATE_REGISTRATION', 400);
		expect(await client.deleteRegistration(C, P, W, id)).toBeUndefined();
		await rejects(client.deleteRegistration(C, P, W, id), 'ERROR_DELETE_REGISTRATION', 404);
		await client.deleteRegistration(C, P, W, hook.registration_id as string);
	});

	test('publishEvent → journal (getEventsFromJournal with since/limit/latest, 204 retryAfter, 410 error) and observable', async () => {
		const provider = await client.createProvider(C, P, W, { label: 'SDK publisher' });
		const pid = provider.id as string;
		await client.createEventMetadataForProvider(C, P, W, pid, { label: 'Ping', description: 'ping', event_code: 'com.sdk.ping' });
		const ev = (id: string) => ({ specversion: '1.0', id, source: `urn:uuid:${pid}`, type: 'com.sdk.ping', datacontenttype: 'application/json', data: { id } });
		expect(await client.publishEvent(ev('before'))).toBeUndefined(); // 204: no registration yet
		await rejects(client.publishEvent({ id: 'x' }), 'ERROR_PUBLISH_EVENT', 400);
		const reg = await client.createRegistration(C, P, W, { client_id: emu.credentials.clientId, name: 'sdk pull', delivery_type: 'journal', events_of_interest: [{ provider_id: pid, event_code: 'com.sdk.ping' }] });
		const journalUrl = (reg._links as Record<string, { href: string }>)['rel:events'].href;
		for (let i = 0; i < 5; i++) expect(await client.publishEvent(ev(`e${i}`))).toBe('OK');

		const first = await client.getEventsFromJournal(journalUrl, { limit: 2 }, true);
		expect(first.events?.map((e) => e.event.id)).toEqual(['e0', 'e1']);
		expect(first.link?.next).toContain(`${emu.urls.journal}/events/organizations/`);
		expect(first.responseHeaders).toBeDefined();
		const second = await client.getEventsFromJournal(first.link?.next as string);
		expect(second.events?.map((e) => e.event.id)).toEqual(['e2', 'e3']);
		const rest = await client.getEventsFromJournal(journalUrl, { since: second._page?.last });
		expect(rest.events?.map((e) => e.event.id)).toEqual(['e4']);
		const end = await client.getEventsFromJournal(rest.link?.next as string);
		expect(end.events).toBeUndefined();
		expect(end.retryAfter).toBe(10_000);
		const latest = await client.getEventsFromJournal(journalUrl, { latest: true });
		expect(latest.events).toBeUndefined();
		const seek = await client.getEventsFromJournal(journalUrl, { seek: '-PT1H', limit: 10 });
		expect(seek.events).toHaveLength(5);
		await control(emu, 'POST', '/journal/expire', { registration_id: reg.registration_id });
		await rejects(client.getEventsFromJournal(journalUrl, { since: first._page?.last }), 'ERROR_GET_JOURNAL_DATA', 410);

		// Observable: polls, emits {position, event} wrappers, follows next links. Its polling loop never
		// stops (setTimeout chain, also without subscribers), so it runs on fake timers that are cleared after.
		const realSetTimeout = setTimeout;
		jest.useFakeTimers({ advanceTimers: true, doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
		try {
			const got: string[] = [];
			// the journal was just expired, so polling from the oldest position sees exactly the new events
			const sub = client.getEventsObservableFromJournal(journalUrl, {}, { interval: 50 }).subscribe({ next: (e) => got.push(e.event.id as string) });
			await jest.advanceTimersByTimeAsync(100);
			for (let i = 5; i < 8; i++) await client.publishEvent(ev(`e${i}`));
			await waitFor(async () => {
				await jest.advanceTimersByTimeAsync(60);
				return got.length >= 3;
			});
			sub.unsubscribe();
			// let an in-flight poll settle so its follow-up timer is a fake one
			await new Promise((r) => realSetTimeout(r, 300));
			expect(got).toEqual(['e5', 'e6', 'e7']);
		} finally {
			jest.clearAllTimers();
			jest.useRealTimers();
		}
	});

	test('verifyDigitalSignatureForEvent with keys fetched from the emulator key host', async () => {
		rx.received = [];
		const reg = await client.createRegistration(C, P, W, { client_id: emu.credentials.clientId, name: 'sdk verify', delivery_type: 'webhook', webhook_url: rx.url, events_of_interest: [{ provider_id: CC, event_code: 'com.adobe.platform.events.file_updated' }] });
		await control(emu, 'POST', '/faults', [
			{ target: 'deliveries', mode: 'bad_signature', count: 1, registration_id: reg.registration_id },
		]);
		await control(emu, 'POST', '/events', { event_code: 'com.adobe.platform.events.file_updated', count: 2, wait: true });
		await control(emu, 'POST', '/faults', [
			{ target: 'deliveries', mode: 'wrong_recipient', count: 1 },
			{ target: 'deliveries', mode: 'key_path_off_host', count: 1 },
		]);
		await control(emu, 'POST', '/events', { event_code: 'com.adobe.platform.events.file_updated', count: 2, wait: true });
		const deliveries = rx.events();
		expect(deliveries).toHaveLength(4);
		const opts = (h: Record<string, unknown>) => ({
			digiSignature1: h['x-adobe-digital-signature-1'] as string,
			digiSignature2: h['x-adobe-digital-signature-2'] as string,
			publicKeyPath1: h['x-adobe-public-key1-path'] as string,
			publicKeyPath2: h['x-adobe-public-key2-path'] as string,
		});
		const verifyRaw = (i: number) => client.verifyDigitalSignatureForEvent(deliveries[i].body.toString('utf8'), emu.credentials.clientId, opts(deliveries[i].headers));
		const byFault = await control<{ deliveries: Array<{ fault?: string; event_ids: string[] }> }>(emu, 'GET', `/deliveries?registration_id=${reg.registration_id}`);
		const indexOf = (fault: string | undefined) => {
			const d = byFault.deliveries.find((x) => x.fault === fault) as { event_ids: string[] };
			return deliveries.findIndex((x) => x.headers['x-adobe-event-id'] === d.event_ids[0]);
		};
		mockKeyFetches.length = 0;
		expect(await verifyRaw(indexOf(undefined))).toBe(true);
		expect(mockKeyFetches).toContain('static.adobeioevents.com');
		expect(await verifyRaw(indexOf('bad_signature'))).toBeFalsy();
		expect(await verifyRaw(indexOf('wrong_recipient'))).toEqual({ error: expect.objectContaining({ statusCode: 401, body: 'Unable to authenticate, not a valid target recipient' }) });
		// The SDK concatenates the host and the header path: "@evil.example/..." makes it fetch from evil.example.
		// (The SDK caches keys by file name only, so the attack needs a cold cache.)
		jest.requireMock<{ mockStore: Map<string, string> }>('@adobe/aio-lib-state').mockStore.clear();
		mockKeyFetches.length = 0;
		await expect(verifyRaw(indexOf('key_path_off_host'))).rejects.toThrow(/off-host key fetch refused: evil\.example/);
		// base64-encoded raw body (Runtime style) is accepted by the SDK too
		const i = indexOf(undefined);
		expect(await client.verifyDigitalSignatureForEvent(deliveries[i].body.toString('base64'), emu.credentials.clientId, opts(deliveries[i].headers))).toBe(true);
	});

	test('errors carry the x-request-id and auth failures surface as SDK errors', async () => {
		const bad = await sdk.init(emu.credentials.imsOrgId, emu.credentials.clientId, 'forged', { eventsBaseURL: emu.urls.api, eventsIngressURL: emu.urls.ingress });
		const err = await rejects(bad.getProviderMetadata(), 'ERROR_GET_ALL_PROVIDER_METADATA', 401);
		expect(err.sdkDetails.requestId).toMatch(/[0-9a-f-]{36}/);
	});
});
