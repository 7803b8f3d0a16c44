import type { IDataObject } from 'n8n-workflow';

import { byId, run, runError, runJson, start, type Emulator } from './harness';

let emulator: Emulator;
let providerId: string;
let registrationId: string;
const CODE = 'com.example.order.created';
const QUIET = 'com.example.nobody.listens';

async function control(path: string, body: unknown): Promise<IDataObject> {
	const response = await fetch(`${emulator.urls.control}${path}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
	expect(response.ok).toBe(true);
	return (await response.json()) as IDataObject;
}

async function journal(parameters: IDataObject = {}): Promise<IDataObject> {
	const [out] = await runJson(emulator, {
		resource: 'journal',
		operation: 'getEvents',
		registrationId: byId(registrationId),
		startFrom: 'oldest',
		limit: 100,
		...(parameters as Record<string, string | number | boolean>),
	});
	return out;
}

function publishParams(extra: IDataObject = {}) {
	return {
		resource: 'event',
		operation: 'publish',
		providerId: byId(providerId),
		eventCode: CODE,
		data: '{"orderId": "A-1"}',
		...(extra as Record<string, string>),
	};
}

beforeAll(async () => {
	emulator = await start();
	const [provider] = await runJson(emulator, { resource: 'provider', operation: 'create', label: 'Publisher' });
	providerId = String(provider.id);
	for (const code of [CODE, QUIET]) {
		await runJson(emulator, {
			resource: 'eventMetadata',
			operation: 'create',
			providerId: byId(providerId),
			eventCode: code,
			label: code,
			description: code,
		});
	}
});

afterAll(async () => {
	await emulator.close();
});

describe('event: publish', () => {
	it('reports clearly that nobody listens (Adobe 204) instead of a silent success', async () => {
		const error = await runError(emulator, publishParams({ eventCode: QUIET }));
		expect(error.constructor.name).toBe('NodeOperationError');
		expect(error.message).toContain('no registration listens');
		expect(error.description).toContain(QUIET);

		const [out] = await runJson(emulator, { ...publishParams({ eventCode: QUIET }), options: { noListener: 'output' } });
		expect(out.published).toBe(true);
		expect(out.delivered).toBe(false);
		expect(out.statusCode).toBe(204);
		expect(String(out.message)).toContain('nobody received it');
	});

	it('publishes CloudEvents (generated ids, source from the provider, JSON data, PHI flag) that reach the journal', async () => {
		const [registration] = await runJson(emulator, {
			resource: 'registration',
			operation: 'create',
			name: 'Journal reader',
			deliveryType: 'journal',
			providerId: byId(providerId),
			eventCodes: [CODE],
		});
		registrationId = String(registration.registration_id);

		const output = await run(
			emulator,
			{
				...publishParams(),
				data: '={{ JSON.stringify({ orderId: $json.order, total: $json.total }) }}',
				options: { phiData: '={{ $json.phi }}', subject: '={{ $json.order }}' },
			},
			{
				items: [
					{ order: 'A-1', total: 10, phi: false },
					{ order: 'A-2', total: 20, phi: true },
					{ order: 'A-3', total: 30, phi: false },
				],
			},
		);
		expect(output).toHaveLength(3);
		const events = output.map((item, i) => {
			expect(item.pairedItem).toEqual({ item: i });
			expect(item.json.delivered).toBe(true);
			expect(item.json.statusCode).toBe(200);
			return item.json.event as IDataObject;
		});
		expect(new Set(events.map((e) => e.id)).size).toBe(3);
		for (const event of events) {
			expect(event.id).toMatch(/^[0-9a-f-]{36}$/);
			expect(event.source).toBe(`urn:uuid:${providerId}`);
			expect(event.type).toBe(CODE);
			expect(event.specversion).toBe('1.0');
			expect(event.datacontenttype).toBe('application/json');
		}

		const batch = await journal({ limit: 2 });
		expect(batch.count).toBe(2);
		const first = batch.events as IDataObject[];
		expect(first.map((e) => (e.event as IDataObject).data)).toEqual([
			{ orderId: 'A-1', total: 10 },
			{ orderId: 'A-2', total: 20 },
		]);
		expect((first[1].event as IDataObject).phidata).toBe(true);
		expect((first[0].event as IDataObject).phidata).toBeUndefined();
		expect((first[1].event as IDataObject).subject).toBe('A-2');
		expect(batch.nextPosition).toEqual(expect.any(String));
		expect(batch.nextPosition).not.toBe('');

		const rest = await journal({ startFrom: 'position', position: String(batch.nextPosition) });
		expect(rest.count).toBe(1);
		expect(((rest.events as IDataObject[])[0].event as IDataObject).id).toBe(events[2].id);

		const end = await journal({ startFrom: 'position', position: String(rest.nextPosition) });
		expect(end.count).toBe(0);
		expect(end.events).toEqual([]);
		expect(end.endOfJournal).toBe(true);
		expect(end.nextPosition).not.toBe('');
		expect(end.retryAfterSeconds).toEqual(expect.any(Number));

		const latest = await journal({ startFrom: 'latest' });
		expect(latest.count).toBe(0);
		await runJson(emulator, { ...publishParams(), data: '{"orderId": "A-4"}', options: { eventId: 'my-own-id-4' } });
		const afterLatest = await journal({ startFrom: 'position', position: String(latest.nextPosition) });
		expect(afterLatest.count).toBe(1);
		expect(((afterLatest.events as IDataObject[])[0].event as IDataObject).id).toBe('my-own-id-4');

		const sought = await journal({ startFrom: 'seek', seek: 'PT1H' });
		expect(sought.count).toBe(4);

		const split = await runJson(emulator, {
			resource: 'journal',
			operation: 'getEvents',
			registrationId: byId(registrationId),
			startFrom: 'oldest',
			limit: 3,
			split: true,
		});
		expect(split).toHaveLength(3);
		expect(split[0]).toEqual(
			expect.objectContaining({ position: expect.any(String), event: expect.any(Object), nextPosition: expect.any(String) }),
		);
	});

	it('refuses bad input before publishing anything', async () => {
		const before = (await journal()).count;
		const badJson = await runError(emulator, publishParams({ data: '{"orderId": ' }));
		expect(badJson.constructor.name).toBe('NodeOperationError');
		expect(badJson.message).toBe('Data is not valid JSON');
		const unknown = await runError(emulator, publishParams({ eventCode: 'com.example.unknown' }));
		expect(unknown.message).toBe(`Provider "${providerId}" has no event type "com.example.unknown"`);
		const badExtension = await runError(emulator, {
			...publishParams(),
			options: { extensions: '{"Bad-Name": "x"}' },
		});
		expect(badExtension.message).toBe('"Bad-Name" cannot be a CloudEvents extension attribute');
		const noProvider = await runError(emulator, publishParams({ providerId: byId('') as unknown as string }));
		expect(noProvider.message).toBe('Provider is required');
		expect((await journal()).count).toBe(before);
	});

	it('continues after a failing item with continueOnFail, pairing every output item', async () => {
		const before = (await journal()).count;
		const output = await run(
			emulator,
			{ ...publishParams(), data: '={{ $json.data }}' },
			{ items: [{ data: '{"ok": 1}' }, { data: 'not json' }, { data: '{"ok": 3}' }], continueOnFail: true },
		);
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(output[0].json.delivered).toBe(true);
		expect(output[1].json.error).toBe('Data is not valid JSON');
		expect(output[2].json.delivered).toBe(true);
		expect((await journal()).count).toBe(Number(before) + 2);
	});

	it('reports Adobe throttling (429) after bounded retries', async () => {
		await control('/faults', { target: 'ingress', status: 429, count: 10, retry_after: 0 });
		const error = await runError(emulator, publishParams());
		expect(error.constructor.name).toBe('NodeApiError');
		expect(error.httpCode).toBe('429');
		await fetch(`${emulator.urls.control}/faults`, { method: 'DELETE' });
	});
});

describe('journal: errors', () => {
	it('refuses a bad duration and an empty position without calling Adobe', async () => {
		const badSeek = await runError(emulator, {
			resource: 'journal',
			operation: 'getEvents',
			registrationId: byId(registrationId),
			startFrom: 'seek',
			seek: 'yesterday',
		});
		expect(badSeek.message).toBe('"yesterday" is not an ISO 8601 duration');
		const noPosition = await runError(emulator, {
			resource: 'journal',
			operation: 'getEvents',
			registrationId: byId(registrationId),
			startFrom: 'position',
			position: '',
		});
		expect(noPosition.message).toBe('Position is required');
	});

	it('explains an expired position (410)', async () => {
		const { nextPosition } = await journal({ limit: 1 });
		await control('/journal/expire', { registration_id: registrationId });
		const error = await runError(emulator, {
			resource: 'journal',
			operation: 'getEvents',
			registrationId: byId(registrationId),
			startFrom: 'position',
			position: String(nextPosition),
		});
		expect(error.constructor.name).toBe('NodeApiError');
		expect(error.httpCode).toBe('410');
		expect(error.message).toBe('The journal position has expired');
	});

	it('reports an unknown registration as 404', async () => {
		const error = await runError(emulator, {
			resource: 'journal',
			operation: 'getEvents',
			registrationId: byId('00000000-0000-4000-8000-00000000dead'),
			startFrom: 'oldest',
		});
		expect(error.httpCode).toBe('404');
	});
});
