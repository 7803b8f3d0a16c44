import { startEmulator, type Emulator } from './src/index';
import { Receiver, apiClient, control, s2sToken } from './helpers';

const CC = '3a8a6f0e-7c5d-4b1f-9e2a-cc0a55e7e001';
const CODE = 'com.adobe.platform.events.file_created';

let emu: Emulator;
let api: ReturnType<typeof apiClient>;

beforeAll(async () => {
	emu = await startEmulator();
});
afterAll(() => emu.close());
beforeEach(async () => {
	await control(emu, 'POST', '/reset');
	api = apiClient(emu, await s2sToken(emu));
});

const journalReg = (name: string, extra: Record<string, unknown> = {}) =>
	api.post(`${api.ws}/registrations`, { client_id: emu.credentials.clientId, name, delivery_type: 'journal', events_of_interest: [{ provider_id: CC, event_code: CODE }], ...extra });

type Hal = { _embedded: Record<string, Array<Record<string, unknown>>>; _links: Record<string, { href: string }>; page?: Record<string, number> };

describe('catalogue', () => {
	test('seeded providers cover CC (current + legacy), AEM, Marketo, AEP, Analytics, Campaign, Target, AJO and the 8 AsyncAPI channels', async () => {
		const list = (await api.get(`/events/${emu.credentials.consumerOrgId}/providers?eventmetadata=true`)).json<Hal>();
		const codes = list._embedded.providers.flatMap((p) => ((p._embedded as Hal['_embedded']).eventmetadata ?? []).map((e) => e.event_code));
		// The 8 channels of the AsyncAPI catalogue entry (shared/reference/background/asyncapi-catalogue-entry.txt,
		// which is not part of this repository), as event codes.
		const channels = [
			'experience-platform/dataset-ingestion',
			'experience-platform/profile-update',
			'experience-platform/segment-evaluation',
			'analytics/report-suite-change',
			'campaign/delivery-status',
			'campaign/workflow-execution',
			'target/activity-state-change',
			'journey-optimizer/journey-step',
		].map((c) => c.replace('/', '.'));
		expect(codes).toEqual(expect.arrayContaining([...channels, CODE, 'asset_created', 'aem.sites.contentFragment.modified', 'com.adobe.platform.marketo.activity.standard.changesegment']));
		const formats = Object.fromEntries(list._embedded.providers.map((p) => [p.provider_metadata, p.event_delivery_format]));
		expect(formats).toMatchObject({ ccstorage: 'adobe_io', cc_asset_events: 'cloud_events_v1' });
	});

	test('sample events: GET (format + string payload, HEAD), custom base64 template, POST to a registration', async () => {
		const s = await api.get(`/events/providers/${CC}/eventmetadata/${CODE}/sample_event`);
		expect(s.status).toBe(200);
		const body = s.json<{ format: string; sample_payload: string }>();
		expect(body.format).toBe('cloud_events_v1');
		expect(JSON.parse(body.sample_payload)).toMatchObject({ type: CODE, specversion: '1.0' });
		expect((await fetch(`${emu.urls.api}/events/providers/${CC}/eventmetadata/${CODE}/sample_event`, { method: 'HEAD', headers: api.headers() })).status).toBe(200);
		expect((await api.get(`/events/providers/${CC}/eventmetadata/nope/sample_event`)).status).toBe(404);

		const p = (await api.post(`${api.ws}/providers`, { label: 'Samples' })).json<{ id: string }>();
		const tpl = JSON.stringify({ order: 7 });
		await api.post(`${api.ws}/providers/${p.id}/eventmetadata`, { label: 'L', description: 'D', event_code: 'com.x.order', sample_event_template: Buffer.from(tpl).toString('base64') });
		expect((await api.get(`/events/providers/${p.id}/eventmetadata/com.x.order/sample_event`)).json().sample_payload).toBe(tpl);
		expect((await api.post(`${api.ws}/providers/${p.id}/eventmetadata`, { label: 'L', description: 'D', event_code: 'com.x.bad', sample_event_template: '***not base64***' })).status).toBe(400);
		expect((await api.post(`${api.ws}/providers/${p.id}/eventmetadata`, { label: 'L', description: 'D', event_code: 'com.x.big', sample_event_template: 'A'.repeat(87_383) })).status).toBe(400);

		const rx = await new Receiver().start();
		try {
			const reg = (await api.post(`${api.ws}/registrations`, { client_id: emu.credentials.clientId, name: 'sample target', delivery_type: 'webhook', webhook_url: rx.url, events_of_interest: [{ provider_id: CC, event_code: 'com.adobe.platform.events.file_deleted' }] })).json<{ registration_id: string }>();
			const posted = await api.post(`/events/providers/${CC}/eventmetadata/${CODE}/sample_event/${reg.registration_id}`, {});
			expect(posted.status).toBe(200);
			expect(rx.events()).toHaveLength(1);
			expect(JSON.parse(rx.events()[0].body.toString()).type).toBe(CODE);
		} finally {
			await rx.close();
		}
	});

	test('adobe-owned providers cannot be modified (403); unknown provider metadata → 404', async () => {
		expect((await api.put(`${api.ws}/providers/${CC}`, { label: 'mine now' })).status).toBe(403);
		expect((await api.post(`${api.ws}/providers/${CC}/eventmetadata`, { label: 'x', description: 'y', event_code: 'z' })).status).toBe(403);
		expect((await api.get(`/events/${emu.credentials.consumerOrgId}/providers?providerMetadataId=nope`)).status).toBe(404);
		expect((await api.post(`${api.ws}/providers`, { label: 'x', provider_metadata: 'nope' })).status).toBe(400);
	});
});

describe('registrations', () => {
	test('201 with HAL links, fields and journal href', async () => {
		const res = await journalReg('first');
		expect(res.status).toBe(201);
		const r = res.json<Record<string, unknown> & { _links: Record<string, { href: string }>; events_of_interest: Array<Record<string, unknown>> }>();
		expect(r).toMatchObject({ name: 'first', client_id: emu.credentials.clientId, delivery_type: 'journal', enabled: true, webhook_status: 'verified', consumer_id: emu.credentials.consumerOrgId, project_id: emu.credentials.projectId, workspace_id: emu.credentials.workspaceId });
		expect(typeof r.id).toBe('number');
		expect(r.registration_id).toMatch(/^[0-9a-f-]{36}$/);
		expect(r.webhook_url).toBeUndefined();
		expect(r._links.self.href).toBe(`${emu.urls.api}${api.ws}/registrations/${r.registration_id}`);
		expect(r.events_of_interest[0]).toMatchObject({ provider_id: CC, event_code: CODE, provider: 'cc_asset_events', event_delivery_format: 'cloud_events_v1', event_label: 'File created' });
	});

	test('409 with x-conflicting-id for a duplicate name; quota of 30 per client id → 409', async () => {
		const first = (await journalReg('dup')).json<{ registration_id: string }>();
		const dup = await journalReg('dup');
		expect(dup.status).toBe(409);
		expect(dup.headers.get('x-conflicting-id')).toBe(first.registration_id);
		for (let i = 1; i < 30; i++) expect((await journalReg(`quota ${i}`)).status).toBe(201);
		const over = await journalReg('quota 31');
		expect(over.status).toBe(409);
		expect(over.headers.get('x-conflicting-id')).toBeNull();
		expect(over.json().reason).toMatch(/Maximum number of registrations \(30\)/);
	});

	test('org list: pagination with HAL links, page object, size bounds', async () => {
		for (let i = 0; i < 5; i++) await journalReg(`page ${i}`);
		const c = emu.credentials.consumerOrgId;
		const p1 = (await api.get(`/events/${c}/registrations?page=1&size=2`)).json<Hal>();
		expect(p1.page).toEqual({ size: 2, number: 1, numberOfElements: 2, totalElements: 5, totalPages: 3 });
		expect(Object.keys(p1._links).sort()).toEqual(['first', 'last', 'next', 'prev', 'self']);
		expect(p1._links.next.href).toBe(`${emu.urls.api}/events/${c}/registrations?page=2&size=2`);
		const last = (await api.get(p1._links.last.href)).json<Hal>();
		expect(last._links.next).toBeUndefined();
		expect(last._embedded.registrations).toHaveLength(1);
		const dflt = (await api.get(`/events/${c}/registrations`)).json<Hal>();
		expect(dflt.page?.size).toBe(10);
		for (const q of ['size=0', 'size=101', 'page=-1', 'page=9&size=2', 'size=abc']) {
			const res = await api.get(`/events/${c}/registrations?${q}`);
			expect(res.status).toBe(400);
			expect(res.json().reason).toMatch(/Page number or size exceeded/);
		}
		expect((await api.get(`/events/${c}/registrations?size=100`)).status).toBe(200);
	});

	test.each([
		[{ name: 'ab' }, /name/],
		[{ name: 'x'.repeat(256) }, /name/],
		[{ client_id: 'a b c' }, /client_id/],
		[{ client_id: undefined }, /client_id is required/],
		[{ delivery_type: 'carrier_pigeon' }, /delivery_type/],
		[{ delivery_type: undefined }, /delivery_type is required/],
		[{ events_of_interest: [] }, /events_of_interest/],
		[{ events_of_interest: [{ provider_id: CC, event_code: 'com.nope' }] }, /no matching Event/],
		[{ events_of_interest: [{ provider_id: 'x'.repeat(39), event_code: CODE }] }, /provider_id/],
		[{ delivery_type: 'webhook' }, /webhook_url is required/],
		[{ delivery_type: 'webhook', webhook_url: 'https://a.example', runtime_action: 'ns/act' }, /not both/],
		[{ delivery_type: 'webhook', webhook_url: 'not a url' }, /valid URL/],
		[{ description: 'd'.repeat(5001) }, /description/],
		[{ enabled: 'yes' }, /enabled/],
		[{ delivery_type: 'aws_eventbridge', destination_metadata: { aws_region: 'mars-1', aws_account_id: '1' } }, /aws_region/],
		[{ subscriber_filters: [{ name: 'a', subscriber_filter: '{}' }, { name: 'b', subscriber_filter: '{}' }] }, /at most 1/],
	])('validation %j → 400 {reason,message}', async (extra, reason) => {
		const res = await journalReg('valid name', extra);
		expect(res.status).toBe(400);
		expect(res.json()).toEqual({ reason: expect.stringMatching(reason), message: 'Bad Request' });
	});

	test('uppercase delivery_type is accepted (tolerant), aws_eventbridge with destination metadata', async () => {
		expect((await journalReg('upper', { delivery_type: 'JOURNAL' })).json().delivery_type).toBe('journal');
		const aws = await journalReg('bridge', { delivery_type: 'aws_eventbridge', destination_metadata: { aws_region: 'us-east-1', aws_account_id: '123456789012' } });
		expect(aws.status).toBe(201);
		expect(aws.json().destination_metadata).toEqual({ aws_region: 'us-east-1', aws_account_id: '123456789012' });
	});

	test('PUT is a full replacement; PATCH applies JSON Patch; DELETE 204 then 404', async () => {
		const r = (await journalReg('put me', { description: 'old' })).json<{ registration_id: string }>();
		const url = `${api.ws}/registrations/${r.registration_id}`;
		const put = await api.put(url, { name: 'put me', delivery_type: 'journal', events_of_interest: [{ provider_id: 'ccstorage', event_code: 'asset_deleted' }] });
		expect(put.status).toBe(200);
		expect(put.json()).toMatchObject({ description: '', events_of_interest: [expect.objectContaining({ provider_id: 'ccstorage', event_code: 'asset_deleted' })] });
		const patch = await fetch(`${emu.urls.api}${url}`, { method: 'PATCH', headers: { ...api.headers(), 'content-type': 'application/json-patch+json' }, body: JSON.stringify([{ op: 'replace', path: '/description', value: 'patched' }, { op: 'add', path: '/events_of_interest/-', value: { provider_id: CC, event_code: CODE } }]) });
		expect(patch.status).toBe(200);
		const patched = (await patch.json()) as { description: string; events_of_interest: unknown[] };
		expect(patched.description).toBe('patched');
		expect(patched.events_of_interest).toHaveLength(2);
		const other = (await journalReg('taken')).json<{ registration_id: string }>();
		const clash = await api.put(url, { name: 'taken', delivery_type: 'journal', events_of_interest: [{ provider_id: CC, event_code: CODE }] });
		expect(clash.status).toBe(409);
		expect(clash.headers.get('x-conflicting-id')).toBe(other.registration_id);
		expect((await api.del(url)).status).toBe(204);
		expect((await api.del(url)).status).toBe(404);
		expect((await api.get(url)).json()).toEqual({ reason: expect.stringContaining('does not exist'), message: 'Not Found' });
	});

	test('workspace list is scoped; unknown workspace → 404', async () => {
		await journalReg('scoped');
		const ws = (await api.get(`${api.ws}/registrations`)).json<Hal>();
		expect(ws._embedded.registrations.map((r) => r.name)).toEqual(['scoped']);
		expect((await api.get(`/events/${emu.credentials.consumerOrgId}/${emu.credentials.projectId}/999/registrations`)).status).toBe(404);
	});

	test('subscriber filter endpoints: create, get, update, validate, delete', async () => {
		const r = (await journalReg('filtered')).json<{ registration_id: string }>();
		const base = `${api.ws}/registrations/${r.registration_id}`;
		const f = await api.post(`${base}/filters`, { name: 'only moves', subscriber_filter: JSON.stringify({ type: [{ suffix: 'file_moved' }] }) });
		expect(f.status).toBe(201);
		const id = f.json<{ id: string }>().id;
		expect((await api.post(`${base}/filters`, { name: 'second', subscriber_filter: '{"a":["b"]}' })).status).toBe(400);
		expect((await api.get(`${base}/filters/${id}`)).json().name).toBe('only moves');
		expect((await api.put(`${base}/filters/${id}`, { name: 'renamed', subscriber_filter: '{"a":["b"]}' })).json().name).toBe('renamed');
		expect((await api.get(`${base}/filters`)).json<Hal>()._embedded.subscriber_filters).toHaveLength(1);
		const valid = await api.post(`${base}/filter/validate`, { subscriber_filter: '{"data":{"x":[{"numeric":[">",1]}]}}', sample_events: [{ data: { x: 2 } }, { data: { x: 0 } }] });
		expect(valid.json()).toEqual({ valid: true, results: [{ matches: true }, { matches: false }] });
		expect((await api.post(`${base}/filter/validate`, { subscriber_filter: '{"x": 1}' })).status).toBe(400);
		expect((await api.del(`${base}/filters/${id}`)).status).toBe(204);
		expect((await api.get(`${base}/filters/${id}`)).status).toBe(404);
	});
});
