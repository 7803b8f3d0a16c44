import { startEmulator, type Emulator } from './src/index';
import { JOURNAL_RESPONSE_CAP } from './src/journal';
import { apiClient, control, http, s2sToken } from './helpers';

const CC = '3a8a6f0e-7c5d-4b1f-9e2a-cc0a55e7e001';
const CODE = 'com.adobe.platform.events.file_created';

let emu: Emulator;
let api: ReturnType<typeof apiClient>;
let journalUrl: string;
let registrationId: string;

interface Page {
	events: Array<{ position: string; event: Record<string, unknown> }>;
	_page: { last: string; count: number };
}

function links(h: Headers): Record<string, string> {
	const out: Record<string, string> = {};
	for (const part of (h.get('link') ?? '').split(/,\s*(?=<)/)) {
		const m = /^<([^>]+)>;\s*rel="([^"]+)"/.exec(part.trim());
		if (m) out[m[2]] = m[1];
	}
	return out;
}

beforeAll(async () => {
	emu = await startEmulator({ clock: 'manual' });
});
afterAll(() => emu.close());
beforeEach(async () => {
	await control(emu, 'POST', '/reset');
	api = apiClient(emu, await s2sToken(emu));
	const res = await api.post(`${api.ws}/registrations`, { client_id: emu.credentials.clientId, name: 'journal one', delivery_type: 'journal', events_of_interest: [{ provider_id: CC, event_code: CODE }] });
	expect(res.status).toBe(201);
	const reg = res.json<{ registration_id: string; webhook_status: string; _links: Record<string, { href: string }> }>();
	expect(reg.webhook_status).toBe('verified');
	registrationId = reg.registration_id;
	journalUrl = reg._links['rel:events'].href;
});

describe('journal', () => {
	test('URL shape, empty journal → 204 with retry-after and a next link', async () => {
		const c = emu.credentials;
		expect(journalUrl).toBe(`${emu.urls.journal}/events/organizations/${c.consumerOrgId}/integrations/${c.credentialId}/${registrationId}`);
		const res = await api.journal(journalUrl);
		expect(res.status).toBe(204);
		expect(res.headers.get('retry-after')).toBe('10');
		expect(links(res.headers).next).toMatch(new RegExp(`^/events/organizations/${c.consumerOrgId}/integrations/${c.credentialId}/${registrationId}\\?since=`));
	});

	test('paging with limit: since is exclusive, Link next carries limit, end → 204 whose next is the same position', async () => {
		const { event_ids } = await control<{ event_ids: string[] }>(emu, 'POST', '/events', { event_code: CODE, count: 25 });
		const seen: string[] = [];
		let url = `${journalUrl}?limit=10`;
		const counts: number[] = [];
		for (let i = 0; i < 10; i++) {
			const res = await api.journal(url);
			if (res.status === 204) {
				expect(new URL(links(res.headers).next, journalUrl).toString()).toBe(url);
				break;
			}
			expect(res.status).toBe(200);
			const page = res.json<Page>();
			counts.push(page._page.count);
			expect(page._page.last).toBe(page.events[page.events.length - 1].position);
			seen.push(...page.events.map((e) => e.event.eventid as string));
			const next = links(res.headers).next;
			expect(next.startsWith('/')).toBe(true); // root-relative
			expect(next).toContain('limit=10');
			url = new URL(next, journalUrl).toString();
		}
		expect(counts).toEqual([10, 10, 5]);
		expect(seen).toEqual(event_ids);
		// since = a position returns what follows it, not the event itself
		const first = (await api.journal(`${journalUrl}?limit=2`)).json<Page>();
		const after = (await api.journal(`${journalUrl}?since=${encodeURIComponent(first.events[0].position)}&limit=1`)).json<Page>();
		expect(after.events[0].position).toBe(first.events[1].position);
	});

	test('events carry the enriched CloudEvent; every entry has a unique opaque position', async () => {
		await control(emu, 'POST', '/events', { event_code: CODE, count: 3 });
		const page = (await api.journal(journalUrl)).json<Page>();
		expect(new Set(page.events.map((e) => e.position)).size).toBe(3);
		expect(page.events[0].event).toMatchObject({ type: CODE, recipientclientid: emu.credentials.clientId, recipient_client_id: emu.credentials.clientId });
	});

	test('latest=true skips history; events published afterwards arrive via next', async () => {
		await control(emu, 'POST', '/events', { event_code: CODE, count: 5 });
		const res = await api.journal(`${journalUrl}?latest=true`);
		expect(res.status).toBe(204);
		const next = new URL(links(res.headers).next, journalUrl).toString();
		const { event_ids } = await control<{ event_ids: string[] }>(emu, 'POST', '/events', { event_code: CODE, count: 2 });
		const page = (await api.journal(next)).json<Page>();
		expect(page.events.map((e) => e.event.eventid)).toEqual(event_ids);
	});

	test('seek=-PT1H returns only the last hour', async () => {
		await control(emu, 'POST', '/events', { event_code: CODE, count: 3 });
		await control(emu, 'POST', '/clock/advance', { hours: 2 });
		const { event_ids } = await control<{ event_ids: string[] }>(emu, 'POST', '/events', { event_code: CODE, count: 2 });
		const page = (await api.journal(`${journalUrl}?seek=-PT1H`)).json<Page>();
		expect(page.events.map((e) => e.event.eventid)).toEqual(event_ids);
		expect((await api.journal(`${journalUrl}?seek=-P1D`)).json<Page>()._page.count).toBe(5);
	});

	test.each([
		['limit=0', /limit/],
		['limit=abc', /limit/],
		['seek=PT1H', /seek/],
		['seek=yesterday', /seek/],
		['since=garbage', /Invalid position/],
		['since=emu:000000000000:1', /does not belong/],
		['latest=maybe', /latest/],
	])('bad query %s → 400 {reason,message}', async (q, reason) => {
		const res = await api.journal(`${journalUrl}?${q}`);
		expect(res.status).toBe(400);
		expect(res.json()).toEqual({ reason: expect.stringMatching(reason), message: 'Bad Request' });
	});

	test('since + seek together → 400', async () => {
		await control(emu, 'POST', '/events', { event_code: CODE });
		const page = (await api.journal(journalUrl)).json<Page>();
		expect((await api.journal(`${journalUrl}?since=${page._page.last}&seek=-PT1H`)).status).toBe(400);
	});

	test('expired position → 410 text; retention prunes old events; resetting to oldest works', async () => {
		await control(emu, 'POST', '/events', { event_code: CODE, count: 3 });
		const page = (await api.journal(`${journalUrl}?limit=1`)).json<Page>();
		await control(emu, 'POST', '/journal/expire', { registration_id: registrationId });
		const res = await api.journal(`${journalUrl}?since=${encodeURIComponent(page._page.last)}`);
		expect(res.status).toBe(410);
		expect(res.text).toBe(`Events at position ${page._page.last} have expired.`);
		// retention: 7 days on the emulator clock
		await control(emu, 'POST', '/events', { event_code: CODE, count: 2 });
		const before = (await api.journal(journalUrl)).json<Page>();
		await control(emu, 'POST', '/clock/advance', { hours: 24 * 7 + 1 });
		const { event_ids } = await control<{ event_ids: string[] }>(emu, 'POST', '/events', { event_code: CODE });
		api = apiClient(emu, await s2sToken(emu));
		expect((await api.journal(`${journalUrl}?since=${encodeURIComponent(before.events[0].position)}`)).status).toBe(410);
		// the position of the last retained... still valid when nothing after it was lost
		const fresh = (await api.journal(journalUrl)).json<Page>();
		expect(fresh.events.map((e) => e.event.eventid)).toEqual(event_ids);
		expect((await api.journal(`${journalUrl}?since=${encodeURIComponent(before._page.last)}`)).status).toBe(200);
	});

	test('1.5 MB response cap even without limit; at least one event always returned', async () => {
		await control(emu, 'POST', '/config', { journalDefaultLimit: 1000 });
		await control(emu, 'POST', '/events', { event_code: CODE, count: 12, data: { blob: 'y'.repeat(200 * 1024) } });
		const res = await api.journal(journalUrl);
		expect(res.status).toBe(200);
		expect(Buffer.byteLength(res.text)).toBeLessThanOrEqual(JOURNAL_RESPONSE_CAP);
		const page = res.json<Page>();
		expect(page._page.count).toBe(7);
		const rest = (await api.journal(new URL(links(res.headers).next, journalUrl).toString())).json<Page>();
		expect(rest._page.count).toBe(5);
		await control(emu, 'POST', '/events', { event_code: CODE, data: { blob: 'z'.repeat(1600 * 1024) } });
		const huge = await api.journal(`${journalUrl}?since=${encodeURIComponent(rest._page.last)}`);
		expect(huge.json<Page>()._page.count).toBe(1);
	});

	test('journal keeps bounded size (journalMaxEntries): the oldest are dropped and their positions expire', async () => {
		await control(emu, 'POST', '/config', { journalMaxEntries: 5 });
		await control(emu, 'POST', '/events', { event_code: CODE, count: 2 });
		const early = (await api.journal(`${journalUrl}?limit=1`)).json<Page>();
		await control(emu, 'POST', '/events', { event_code: CODE, count: 6 });
		expect((await api.journal(journalUrl)).json<Page>()._page.count).toBe(5);
		expect((await api.journal(`${journalUrl}?since=${encodeURIComponent(early._page.last)}`)).status).toBe(410);
	});

	test('auth: missing token → 403, unknown registration → 404', async () => {
		expect((await http(journalUrl, { headers: { 'x-api-key': emu.credentials.clientId } })).status).toBe(403);
		const res = await api.journal(journalUrl.replace(registrationId, '00000000-0000-0000-0000-000000000000'));
		expect(res.status).toBe(404);
		expect(res.json().reason).toMatch(/does not exist/);
	});

	test('10 000 events emitted and drained in well under the test budget', async () => {
		const t0 = Date.now();
		const { event_ids } = await control<{ event_ids: string[] }>(emu, 'POST', '/events', { event_code: CODE, count: 10_000, data: { n: 1 } });
		let url = `${journalUrl}?limit=500`;
		let total = 0;
		for (;;) {
			const res = await api.journal(url);
			if (res.status === 204) break;
			total += res.json<Page>()._page.count;
			url = new URL(links(res.headers).next, journalUrl).toString();
		}
		expect(total).toBe(event_ids.length);
		expect(Date.now() - t0).toBeLessThan(8000);
	});
});

describe('ingress', () => {
	async function customProvider(): Promise<string> {
		const p = await api.post(`${api.ws}/providers`, { label: 'My shop', description: 'orders' });
		expect(p.status).toBe(201);
		const id = p.json<{ id: string }>().id;
		expect((await api.post(`${api.ws}/providers/${id}/eventmetadata`, { label: 'Order', description: 'An order', event_code: 'com.shop.order' })).status).toBe(201);
		return id;
	}
	const publish = (body: unknown, headers: Record<string, string> = {}) =>
		http(emu.urls.ingress, { method: 'POST', headers: { authorization: api.headers().authorization, 'x-api-key': emu.credentials.clientId, 'content-type': 'application/cloudevents+json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });

	test('204 without registrations, 200 "OK" with one; phidata extension; journal receives the published event', async () => {
		const pid = await customProvider();
		const ev = { specversion: '1.0', id: 'order-1', source: `urn:uuid:${pid}`, type: 'com.shop.order', datacontenttype: 'application/json', data: { total: 42 } };
		const none = await publish(ev);
		expect(none.status).toBe(204);
		const reg = (await api.post(`${api.ws}/registrations`, { client_id: emu.credentials.clientId, name: 'orders', delivery_type: 'journal', events_of_interest: [{ provider_id: pid, event_code: 'com.shop.order' }] })).json<{ _links: Record<string, { href: string }> }>();
		const ok = await publish({ ...ev, id: 'order-2' }, { 'x-event-phidata': 'true' });
		expect(ok.status).toBe(200);
		expect(ok.text).toBe('OK');
		const page = (await api.journal(reg._links['rel:events'].href)).json<Page>();
		expect(page.events[0].event).toMatchObject({ id: 'order-2', source: `urn:uuid:${pid}`, data: { total: 42 }, phidata: true, recipientclientid: emu.credentials.clientId });
	});

	test.each([
		[{ id: 'x', source: 'urn:uuid:x', type: 't' }, /specversion/],
		[{ specversion: '1.0', source: 'urn:uuid:x', type: 't' }, /id is required/],
		[{ specversion: '1.0', id: 'x', source: 'urn:uuid:x', type: 't', datacontenttype: 'text/xml' }, /datacontenttype/],
		[{ specversion: '1.0', id: 'x', source: 'nope', type: 't' }, /source/],
		[{ specversion: '1.0', id: 'x', source: 'urn:uuid:x', type: 't', BadName: 1 }, /BadName/],
		['[1,2]', /CloudEvents JSON object/],
		['{not json', /not valid JSON/],
	])('invalid CloudEvent %j → 400', async (body, reason) => {
		const res = await publish(body);
		expect(res.status).toBe(400);
		expect(res.json().reason).toMatch(reason);
	});

	test('publishing to an Adobe provider → 403; wrong content type → 415', async () => {
		expect((await publish({ specversion: '1.0', id: 'x', source: `urn:uuid:${CC}`, type: CODE })).status).toBe(403);
		expect((await publish({ specversion: '1.0' }, { 'content-type': 'text/plain' })).status).toBe(415);
	});

	test('throttling: 429 + Retry-After past the configured rate', async () => {
		const pid = await customProvider();
		await control(emu, 'POST', '/config', { ingressRateLimit: { requests: 3, windowMs: 60_000 } });
		const ev = { specversion: '1.0', id: 'x', source: `urn:uuid:${pid}`, type: 'com.shop.order' };
		for (let i = 0; i < 3; i++) expect((await publish(ev)).status).toBe(204);
		const res = await publish(ev);
		expect(res.status).toBe(429);
		expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
	});
});
