/**
 * Feature detection, n8n 1.x vs 2.x (issue 19): n8n 2.x's PollContext has getPollBudgetMs() (how long
 * a poll may take); n8n 1.x's has not. The journal trigger stops starting new pages once 60% of that
 * budget is used, and falls back to 5 minutes where n8n does not say. Both lines also run the journal
 * trigger for real in `npm run test:compat` (test/e2e/journal-action.e2e.test.ts).
 */
import type { INodeExecutionData } from 'n8n-workflow';

import { apiClient, control, s2sToken } from '../../../emulator/helpers';
import { byId, poll, start, type Emulator } from './harness';

const AEM = '6c2f1b9d-9f3e-4f0a-a7d1-aem000000001';
const PUBLISHED = 'aem.sites.page.published';

let emulator: Emulator;
let api: ReturnType<typeof apiClient>;

beforeAll(async () => {
	emulator = await start();
	api = apiClient(emulator, await s2sToken(emulator));
});

afterAll(async () => {
	await emulator.close();
});

async function journalWith(count: number): Promise<{ id: string; eventIds: string[] }> {
	const res = await api.post(`${api.ws}/registrations`, {
		client_id: emulator.credentials.clientId,
		name: `poll budget ${Date.now()} ${Math.random()}`,
		description: 'test',
		delivery_type: 'journal',
		events_of_interest: [{ provider_id: AEM, event_code: PUBLISHED }],
	});
	if (res.status >= 300) throw new Error(`create registration: ${res.status} ${res.text}`);
	const id = res.json<{ registration_id: string }>().registration_id;
	const out = await control<{ event_ids: string[] }>(emulator, 'POST', '/events', {
		event_code: PUBLISHED,
		provider_id: AEM,
		count,
		registration_id: id,
	});
	return { id, eventIds: out.event_ids };
}

const ids = (items: INodeExecutionData[] | null): string[] => (items ?? []).map((i) => String(i.json.eventid));
const params = (id: string) => ({
	registrationSource: 'existing',
	registrationId: byId(id),
	startFrom: 'oldest',
	options: { pageSize: 5, maxPages: 50 },
});

describe('journal trigger: the poll budget, with and without n8n 2.x getPollBudgetMs', () => {
	it('n8n 2.x: a used-up budget stops the drain after the first page; the next poll goes on from there', async () => {
		const { id, eventIds } = await journalWith(30);
		const first = await poll(emulator, params(id), {}, { pollBudgetMs: 1 });
		expect(ids(first.items)).toEqual(eventIds.slice(0, 5));
		const second = await poll(emulator, params(id), first.staticData, { pollBudgetMs: 1 });
		expect(ids(second.items)).toEqual(eventIds.slice(5, 10));
	});

	it('n8n 2.x: a budget that is not used up lets one poll drain all pages', async () => {
		const { id, eventIds } = await journalWith(30);
		const out = await poll(emulator, params(id), {}, { pollBudgetMs: 10 * 60 * 1000 });
		expect(ids(out.items)).toEqual(eventIds);
	});

	it('n8n 1.x (no getPollBudgetMs): the 5-minute default applies — one poll drains all pages, nothing fails', async () => {
		const { id, eventIds } = await journalWith(30);
		const out = await poll(emulator, params(id), {}, { pollBudgetMs: null });
		expect(ids(out.items)).toEqual(eventIds);
		expect(out.warnings).toEqual([]);
	});
});
