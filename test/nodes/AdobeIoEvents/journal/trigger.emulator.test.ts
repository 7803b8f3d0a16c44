/**
 * The journal trigger against the emulator over HTTP, with n8n's real PollContext and request helpers.
 * Every poll is a restart: a fresh context from the JSON of the static data the previous poll left.
 */
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { apiClient, control, s2sToken } from '../../../emulator/helpers';
import { TestCredentialStore } from '../../../helpers/n8n-context';
import { afterRetryAfter, byId, poll, start, type Emulator } from './harness';

const AEM = '6c2f1b9d-9f3e-4f0a-a7d1-aem000000001';
const PUBLISHED = 'aem.sites.page.published';
const UNPUBLISHED = 'aem.sites.page.unpublished';

let emulator: Emulator;
let api: ReturnType<typeof apiClient>;
let seq = 0;

beforeAll(async () => {
	emulator = await start();
	api = apiClient(emulator, await s2sToken(emulator));
});

afterAll(async () => {
	await emulator.close();
});

async function createRegistration(
	deliveryType = 'journal',
	events = [PUBLISHED],
): Promise<{ id: string; journalUrl: string }> {
	const res = await api.post(`${api.ws}/registrations`, {
		client_id: emulator.credentials.clientId,
		name: `journal test ${++seq} ${Date.now()}`,
		description: 'test',
		delivery_type: deliveryType,
		events_of_interest: events.map((event_code) => ({ provider_id: AEM, event_code })),
	});
	if (res.status >= 300) throw new Error(`create registration: ${res.status} ${res.text}`);
	const body = res.json<{ registration_id: string; _links: Record<string, { href: string }> }>();
	return { id: body.registration_id, journalUrl: body._links['rel:events'].href };
}

async function publish(
	registrationId: string,
	count: number,
	data?: unknown,
	eventCode = PUBLISHED,
): Promise<string[]> {
	const out = await control<{ event_ids: string[] }>(emulator, 'POST', '/events', {
		event_code: eventCode,
		provider_id: AEM,
		count,
		registration_id: registrationId,
		...(data !== undefined ? { data } : {}),
	});
	return out.event_ids;
}

const eventIds = (items: INodeExecutionData[] | null): string[] =>
	(items ?? []).map((i) => String(i.json.eventid));

function existing(id: string, extra: INodeParameters = {}): INodeParameters {
	return {
		registrationSource: 'existing',
		registrationId: byId(id),
		startFrom: 'oldest',
		...extra,
	};
}

/** Polls until a poll returns nothing; returns every poll's event ids. */
async function drainAll(params: INodeParameters, staticData: IDataObject, maxPolls: number) {
	const polls: string[][] = [];
	let state = staticData;
	for (let i = 0; i < maxPolls; i++) {
		const out = await poll(emulator, params, state);
		state = out.staticData;
		if (out.items === null) return { polls, state };
		polls.push(eventIds(out.items));
	}
	throw new Error(`still not drained after ${maxPolls} polls`);
}

describe('journal trigger against the emulator', () => {
	it('drains 10 000 events over several polls, none lost or duplicated, every poll a restart', async () => {
		const reg = await createRegistration();
		const published = await publish(reg.id, 10_000);
		const params = existing(reg.id, { options: { maxEvents: 3000, pageSize: 200 } });
		const { polls, state } = await drainAll(params, {}, 10);
		expect(polls.map((p) => p.length)).toEqual([3000, 3000, 3000, 1000]);
		const all = polls.flat();
		expect(new Set(all).size).toBe(10_000);
		expect(all).toEqual(published);
		// caught up: the 204 left its position and the retry-after deadline
		const cursor = state.cursor as IDataObject;
		expect(cursor.journalUrl).toBe(reg.journalUrl);
		expect(String(cursor.next)).toContain('since=');
		expect(Number(cursor.notBefore)).toBeGreaterThan(Date.now());
		expect((cursor.seen as unknown[]).length).toBe(1000);
	}, 120_000);

	it("keeps the position across a restart with a new credential store, and items look like the webhook trigger's", async () => {
		const reg = await createRegistration();
		const first = await publish(reg.id, 30);
		const params = existing(reg.id, { options: { maxEvents: 12, includeDeliveryMetadata: true } });
		const a = await poll(emulator, params, {}, { store: new TestCredentialStore() });
		expect(a.items![0].json._delivery).toBeDefined();
		expect(eventIds(a.items)).toEqual(first.slice(0, 12));
		const restarted = JSON.parse(JSON.stringify(a.staticData)) as IDataObject;
		const b = await poll(emulator, params, restarted, { store: new TestCredentialStore() });
		expect(eventIds(b.items)).toEqual(first.slice(12, 24));
		const item = b.items![0].json;
		expect(item.type).toBe(PUBLISHED);
		expect(item.specversion).toBe('1.0');
		expect(item._delivery).toEqual({
			source: 'journal',
			position: expect.stringMatching(/^emu:/),
			registrationId: reg.id,
			eventId: first[12],
			eventCode: PUBLISHED,
		});
		const dataOnly = await poll(
			emulator,
			{ ...params, output: 'data', options: { maxEvents: 1 } },
			b.staticData,
		);
		expect(dataOnly.items).toHaveLength(1);
		expect(dataOnly.items![0].json.type).toBeUndefined();
		expect(dataOnly.items![0].json._delivery).toBeUndefined();
	});

	it('start latest (default): the first poll only remembers the end; later events come exactly once', async () => {
		const reg = await createRegistration();
		await publish(reg.id, 5);
		const params: INodeParameters = {
			registrationSource: 'existing',
			registrationId: byId(reg.id),
		};
		const first = await poll(emulator, params, {});
		expect(first.items).toBeNull();
		const cursor = first.staticData.cursor as IDataObject;
		expect(cursor.next).toBeDefined();
		const later = await publish(reg.id, 3);
		const second = await poll(emulator, params, afterRetryAfter(first.staticData));
		expect(eventIds(second.items)).toEqual(later);
	});

	it('start from a seek duration reads the recent events', async () => {
		const reg = await createRegistration();
		const ids = await publish(reg.id, 4);
		const out = await poll(
			emulator,
			existing(reg.id, { startFrom: 'seek', seekDuration: 'PT1H' }),
			{},
		);
		expect(eventIds(out.items)).toEqual(ids);
		await expect(
			poll(emulator, existing(reg.id, { startFrom: 'seek', seekDuration: '2 hours' }), {}),
		).rejects.toThrow(NodeOperationError);
	});

	it('empty journal: returns nothing, honours retry-after on the next poll (no request), then resumes', async () => {
		const reg = await createRegistration();
		const params = existing(reg.id);
		const first = await poll(emulator, params, {});
		expect(first.items).toBeNull();
		const cursor = first.staticData.cursor as IDataObject;
		expect(Number(cursor.notBefore) - Date.now()).toBeGreaterThan(5_000); // emulator sends retry-after: 10
		const ids = await publish(reg.id, 2);
		// a poll within the retry-after window does not ask Adobe
		await control(emulator, 'POST', '/faults', {
			target: 'journal',
			status: 500,
			count: 1,
			match: reg.id,
		});
		const waiting = await poll(emulator, params, first.staticData);
		expect(waiting.items).toBeNull();
		expect(waiting.staticData).toEqual(first.staticData);
		await control(emulator, 'DELETE', '/faults');
		// later (simulated by moving the deadline back), the next poll reads on from the same position
		const resumed = await poll(emulator, params, afterRetryAfter(first.staticData));
		expect(eventIds(resumed.items)).toEqual(ids);
	});

	it('410 (position expired): restarts from the oldest available event with a warning', async () => {
		const reg = await createRegistration();
		await publish(reg.id, 10);
		const params = existing(reg.id);
		const a = await poll(emulator, params, {});
		expect(a.items).toHaveLength(10);
		await publish(reg.id, 5); // never read ...
		await control(emulator, 'POST', '/journal/expire', { registration_id: reg.id }); // ... and now expired
		const fresh = await publish(reg.id, 3);
		const b = await poll(emulator, params, afterRetryAfter(a.staticData));
		expect(eventIds(b.items)).toEqual(fresh);
		expect(b.warnings.join('\n')).toMatch(/expired.*oldest event still available/);
	});

	it('410 with "restart from now": skips what is in the journal, then delivers new events', async () => {
		const reg = await createRegistration();
		await publish(reg.id, 4);
		const params = existing(reg.id, { options: { onExpired: 'latest' } });
		const a = await poll(emulator, params, {});
		await publish(reg.id, 2);
		await control(emulator, 'POST', '/journal/expire', { registration_id: reg.id });
		await publish(reg.id, 3);
		const b = await poll(emulator, params, afterRetryAfter(a.staticData));
		expect(b.items).toBeNull();
		expect(b.warnings.join('\n')).toMatch(/expired.*latest/);
		const later = await publish(reg.id, 2);
		const c = await poll(emulator, params, afterRetryAfter(b.staticData));
		expect(eventIds(c.items)).toEqual(later);
	});

	it('limit: every request asks for Page Size events and gets exactly that many', async () => {
		const reg = await createRegistration();
		const ids = await publish(reg.id, 30);
		const out = await poll(
			emulator,
			existing(reg.id, { options: { pageSize: 7, maxPages: 2 } }),
			{},
		);
		expect(eventIds(out.items)).toEqual(ids.slice(0, 14));
		const next = await poll(
			emulator,
			existing(reg.id, { options: { pageSize: 7, maxPages: 10 } }),
			out.staticData,
		);
		expect(eventIds(next.items)).toEqual(ids.slice(14));
	});

	it('1.5 MB cap: big events arrive in smaller pages and none is lost', async () => {
		const reg = await createRegistration();
		const big = { blob: 'x'.repeat(300_000) };
		const ids = await publish(reg.id, 12, big);
		// 12 × ~300 KB with page size 100: the emulator caps each page at 1.5 MB (≤ 5 events)
		const onePage = await poll(
			emulator,
			existing(reg.id, { options: { pageSize: 100, maxPages: 1 } }),
			{},
		);
		expect(onePage.items!.length).toBeGreaterThan(0);
		expect(onePage.items!.length).toBeLessThan(6);
		const rest = await poll(
			emulator,
			existing(reg.id, { options: { pageSize: 100 } }),
			onePage.staticData,
		);
		expect([...eventIds(onePage.items), ...eventIds(rest.items)]).toEqual(ids);
		expect((rest.items![0].json.data as IDataObject).blob).toHaveLength(300_000);
	});

	it('manual mode returns a sample and moves nothing', async () => {
		const reg = await createRegistration();
		const ids = await publish(reg.id, 15);
		const params = existing(reg.id, { options: { maxEvents: 5 } });
		const a = await poll(emulator, params, {});
		expect(eventIds(a.items)).toEqual(ids.slice(0, 5));
		const manual = await poll(emulator, params, a.staticData, { mode: 'manual' });
		expect(eventIds(manual.items)).toEqual(ids.slice(5, 10));
		expect(manual.staticData).toEqual(a.staticData);
		// with start "latest" and no position yet, the sample comes from the oldest events
		const fromScratch = await poll(
			emulator,
			{ registrationSource: 'existing', registrationId: byId(reg.id) },
			{},
			{ mode: 'manual' },
		);
		expect(eventIds(fromScratch.items)).toEqual(ids.slice(0, 10));
		expect(fromScratch.staticData).toEqual({});
	});

	it('a failing journal fails the poll and keeps the saved position', async () => {
		const reg = await createRegistration();
		const ids = await publish(reg.id, 6);
		const params = existing(reg.id, { options: { maxEvents: 3 } });
		const a = await poll(emulator, params, {});
		await control(emulator, 'POST', '/faults', {
			target: 'journal',
			status: 400,
			count: 1,
			match: reg.id,
		});
		await expect(poll(emulator, params, a.staticData)).rejects.toThrow(NodeApiError);
		const b = await poll(emulator, params, a.staticData);
		expect(eventIds(b.items)).toEqual(ids.slice(3));
	});

	it('an error after some pages hands those over with the position right after them', async () => {
		const reg = await createRegistration();
		const ids = await publish(reg.id, 9);
		const params = existing(reg.id, { options: { pageSize: 3 } });
		const a = await poll(emulator, params, {}, { failJournalRequest: 3 });
		expect(eventIds(a.items)).toEqual(ids.slice(0, 6));
		expect(a.warnings.join('\n')).toMatch(/stopped after 6 events/);
		const b = await poll(emulator, params, a.staticData);
		expect(eventIds(b.items)).toEqual(ids.slice(6));
		// failing on the very first request: the poll fails and nothing moves
		await expect(
			poll(emulator, params, afterRetryAfter(b.staticData), { failJournalRequest: 1 }),
		).rejects.toThrow(/Could not reach/);
	});

	it('limits outside their bounds (e.g. from an expression) are parameter errors', async () => {
		const reg = await createRegistration();
		for (const [option, value, label] of [
			['pageSize', 1001, 'Page Size'],
			['maxEvents', 0, 'Max Events per Poll'],
			['maxPages', 1.5, 'Max Requests per Poll'],
			['dedupeWindow', 10_001, 'Dedupe Window'],
		] as const) {
			await expect(
				poll(emulator, existing(reg.id, { options: { [option]: value } }), {}),
			).rejects.toThrow(new RegExp(`${label} must be a whole number`));
		}
	});

	it('an unknown registration is a clear parameter error', async () => {
		await expect(
			poll(emulator, existing('00000000-0000-4000-8000-00000000dead'), {}),
		).rejects.toThrow(/does not exist/);
	});
});

describe('owned journal registration', () => {
	const owned = (codes: string[], extra: INodeParameters = {}): INodeParameters => ({
		registrationSource: 'create',
		providerId: byId(AEM),
		eventCodes: codes,
		startFrom: 'oldest',
		...extra,
	});

	async function registrationsNamed(workflowId: string) {
		const list = await api.get(`${api.ws}/registrations`);
		const regs = list.json<{ _embedded: { registrations: Array<IDataObject> } }>()._embedded
			.registrations;
		return regs.filter((r) => String(r.name).includes(`workflow ${workflowId} `));
	}

	it('is created once, adopted after lost static data, updated in place, re-created, and deleted when switching', async () => {
		const workflowId = `wf-owned-${Date.now()}`;
		const a = await poll(emulator, owned([PUBLISHED]), {}, { workflowId });
		expect(a.items).toBeNull();
		let regs = await registrationsNamed(workflowId);
		expect(regs).toHaveLength(1);
		const id = String(regs[0].registration_id);
		expect(regs[0].delivery_type).toBe('journal');
		expect((a.staticData.owned as IDataObject).registrationId).toBe(id);

		const ids = await publish(id, 3);
		const b = await poll(emulator, owned([PUBLISHED]), afterRetryAfter(a.staticData), {
			workflowId,
		});
		expect(eventIds(b.items)).toEqual(ids);

		// lost static data: the same registration is adopted (409 on the name), not a second one created
		const c = await poll(emulator, owned([PUBLISHED]), {}, { workflowId });
		expect((c.staticData.owned as IDataObject).registrationId).toBe(id);
		expect(await registrationsNamed(workflowId)).toHaveLength(1);

		// events changed: updated in place, position kept
		const more = await publish(id, 2);
		const d = await poll(emulator, owned([PUBLISHED, UNPUBLISHED]), afterRetryAfter(b.staticData), {
			workflowId,
		});
		expect(eventIds(d.items)).toEqual(more);
		regs = await registrationsNamed(workflowId);
		expect(regs).toHaveLength(1);
		expect((regs[0].events_of_interest as IDataObject[]).map((e) => e.event_code).sort()).toEqual(
			[PUBLISHED, UNPUBLISHED].sort(),
		);

		// deleted outside n8n: re-created with a warning
		expect((await api.del(`${api.ws}/registrations/${id}`)).status).toBe(204);
		const e = await poll(emulator, owned([PUBLISHED, UNPUBLISHED]), afterRetryAfter(d.staticData), {
			workflowId,
		});
		expect(e.warnings.join('\n')).toMatch(/deleted outside n8n/);
		regs = await registrationsNamed(workflowId);
		expect(regs).toHaveLength(1);
		const newId = String(regs[0].registration_id);
		expect(newId).not.toBe(id);
		const fresh = await publish(newId, 2, undefined, UNPUBLISHED);
		const f = await poll(emulator, owned([PUBLISHED, UNPUBLISHED]), afterRetryAfter(e.staticData), {
			workflowId,
		});
		expect(eventIds(f.items)).toEqual(fresh);

		// switched to an existing registration: the owned one is deleted on the next poll
		const other = await createRegistration();
		const g = await poll(emulator, existing(other.id), f.staticData, { workflowId });
		expect(g.warnings.join('\n')).toMatch(/Deleted the journal registration/);
		expect(await registrationsNamed(workflowId)).toHaveLength(0);
		expect(g.staticData.owned).toBeUndefined();
		expect(g.staticData.ownedSwept).toBe(true);
	});

	it('manual mode creates (or adopts) the registration but saves nothing', async () => {
		const workflowId = `wf-manual-${Date.now()}`;
		const out = await poll(emulator, owned([PUBLISHED]), {}, { workflowId, mode: 'manual' });
		expect(out.items).toBeNull();
		expect(out.staticData).toEqual({});
		const regs = await registrationsNamed(workflowId);
		expect(regs).toHaveLength(1);
		const ids = await publish(String(regs[0].registration_id), 2);
		const again = await poll(emulator, owned([PUBLISHED]), {}, { workflowId, mode: 'manual' });
		expect(eventIds(again.items)).toEqual(ids);
		expect(await registrationsNamed(workflowId)).toHaveLength(1);
	});

	it('a full registration quota is a clear error (409 without a registration to adopt)', async () => {
		const config = await control<Record<string, unknown>>(emulator, 'GET', '/config');
		await control(emulator, 'POST', '/config', { registrationQuotaPerClient: 0 });
		try {
			await expect(
				poll(emulator, owned([PUBLISHED]), {}, { workflowId: `wf-quota-${Date.now()}` }),
			).rejects.toThrow(/quota|409|maximum|limit/i);
		} finally {
			await control(emulator, 'POST', '/config', {
				registrationQuotaPerClient: config.registrationQuotaPerClient,
			});
		}
	});

	it('asks for a provider and event types', async () => {
		await expect(poll(emulator, owned([]), {})).rejects.toThrow(/at least one event type/);
	});
});
