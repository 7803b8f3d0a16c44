import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { byId, runError, runJson, start, type Emulator } from './harness';

let emulator: Emulator;

beforeAll(async () => {
	emulator = await start();
});

afterAll(async () => {
	await emulator.close();
});

async function createProvider(label: string, additionalFields: INodeParameters = {}): Promise<IDataObject> {
	const [provider] = await runJson(emulator, {
		resource: 'provider',
		operation: 'create',
		label,
		additionalFields,
	});
	return provider;
}

describe('provider', () => {
	it('creates, gets (with event types), lists, updates (keeping other fields) and deletes a custom provider', async () => {
		const created = await createProvider('Webshop orders', {
			description: 'Orders of the webshop',
			docsUrl: 'https://example.com/docs',
		});
		const id = String(created.id);
		expect(created.source).toBe(`urn:uuid:${id}`);
		expect(created.provider_metadata).toBe('3rd_party_custom_events');

		await runJson(emulator, {
			resource: 'eventMetadata',
			operation: 'create',
			providerId: byId(id),
			eventCode: 'com.example.order.created',
			label: 'Order created',
			description: 'A customer placed an order',
		});

		const [withTypes] = await runJson(emulator, { resource: 'provider', operation: 'get', providerId: byId(id) });
		const embedded = (withTypes._embedded as IDataObject).eventmetadata as IDataObject[];
		expect(embedded.map((e) => e.event_code)).toEqual(['com.example.order.created']);

		const [withoutTypes] = await runJson(emulator, {
			resource: 'provider',
			operation: 'get',
			providerId: byId(id),
			includeEventTypes: false,
		});
		expect((withoutTypes._embedded as IDataObject | undefined)?.eventmetadata).toBeUndefined();

		const custom = await runJson(emulator, {
			resource: 'provider',
			operation: 'getAll',
			returnAll: true,
			filters: { providerMetadataIds: '3rd_party_custom_events' },
		});
		expect(custom.map((p) => p.id)).toContain(id);
		expect(custom.every((p) => p.provider_metadata === '3rd_party_custom_events')).toBe(true);

		const all = await runJson(emulator, { resource: 'provider', operation: 'getAll', returnAll: true });
		expect(all.length).toBeGreaterThan(custom.length);
		const two = await runJson(emulator, { resource: 'provider', operation: 'getAll', returnAll: false, limit: 2 });
		expect(two).toHaveLength(2);

		const [updated] = await runJson(emulator, {
			resource: 'provider',
			operation: 'update',
			providerId: byId(id),
			updateFields: { label: 'Webshop orders v2' },
		});
		expect(updated.label).toBe('Webshop orders v2');
		expect(updated.description).toBe('Orders of the webshop');
		expect(updated.docs_url).toBe('https://example.com/docs');

		const [deleted] = await runJson(emulator, { resource: 'provider', operation: 'delete', providerId: byId(id) });
		expect(deleted).toEqual({ deleted: true, providerId: id });
		const gone = await runError(emulator, { resource: 'provider', operation: 'get', providerId: byId(id) });
		expect(gone.httpCode).toBe('404');
	});

	it('reports a second provider with the same label as a 409 that names the existing provider', async () => {
		const first = await createProvider('Twice');
		const error = await runError(emulator, { resource: 'provider', operation: 'create', label: 'Twice' });
		expect(error.constructor.name).toBe('NodeApiError');
		expect(error.httpCode).toBe('409');
		expect(`${error.message} ${error.description ?? ''}`).toContain(String(first.id));
	});

	it('refuses invalid fields before calling Adobe', async () => {
		const badLabel = await runError(emulator, { resource: 'provider', operation: 'create', label: 'bad <label>' });
		expect(badLabel.message).toBe('The provider label is not valid');
		const badUrl = await runError(emulator, {
			resource: 'provider',
			operation: 'create',
			label: 'Fine',
			additionalFields: { docsUrl: 'not a url' },
		});
		expect(badUrl.message).toBe('"not a url" is not a valid documentation URL');
		const custom = await runJson(emulator, {
			resource: 'provider',
			operation: 'getAll',
			returnAll: true,
			filters: { providerMetadataIds: '3rd_party_custom_events' },
		});
		expect(custom.some((p) => p.label === 'Fine')).toBe(false);
		const instanceOnly = await runError(emulator, {
			resource: 'provider',
			operation: 'getAll',
			returnAll: true,
			filters: { instanceId: 'abc' },
		});
		expect(instanceOnly.message).toBe('Instance ID needs exactly one provider metadata ID');
	});

	it('lists provider metadata', async () => {
		const metadata = await runJson(emulator, { resource: 'providerMetadata', operation: 'getAll', returnAll: true });
		expect(metadata.map((m) => m.id)).toContain('3rd_party_custom_events');
		const one = await runJson(emulator, { resource: 'providerMetadata', operation: 'getAll', returnAll: false, limit: 1 });
		expect(one).toHaveLength(1);
	});
});

describe('event type (event metadata)', () => {
	let providerId: string;

	beforeAll(async () => {
		providerId = String((await createProvider('Event type provider')).id);
	});

	it('creates an event type with a JSON sample template sent base64-encoded, reads it back and updates it', async () => {
		const template = { orderId: 'A-1', total: 42.5, items: [{ sku: 'X' }] };
		const [created] = await runJson(emulator, {
			resource: 'eventMetadata',
			operation: 'create',
			providerId: byId(providerId),
			eventCode: 'com.example.sample',
			label: 'With sample',
			description: 'Has a sample template',
			additionalFields: { sampleEventTemplate: JSON.stringify(template) },
		});
		expect(created.event_code).toBe('com.example.sample');

		const [sample] = await runJson(emulator, {
			resource: 'sampleEvent',
			operation: 'get',
			providerId: byId(providerId),
			eventCode: 'com.example.sample',
		});
		expect(sample.sample_payload).toEqual(template);

		const [updated] = await runJson(emulator, {
			resource: 'eventMetadata',
			operation: 'update',
			providerId: byId(providerId),
			eventCode: 'com.example.sample',
			updateFields: { label: 'Renamed' },
		});
		expect(updated.label).toBe('Renamed');
		expect(updated.description).toBe('Has a sample template');
		const [sampleAfter] = await runJson(emulator, {
			resource: 'sampleEvent',
			operation: 'get',
			providerId: byId(providerId),
			eventCode: 'com.example.sample',
		});
		expect(sampleAfter.sample_payload).toEqual(template);

		const [got] = await runJson(emulator, {
			resource: 'eventMetadata',
			operation: 'get',
			providerId: byId(providerId),
			eventCode: 'com.example.sample',
		});
		expect(got.label).toBe('Renamed');
	});

	it('gets many, deletes one, deletes all; a deleted event type is a 404', async () => {
		for (const code of ['com.example.a', 'com.example.b', 'com.example.c']) {
			await runJson(emulator, {
				resource: 'eventMetadata',
				operation: 'create',
				providerId: byId(providerId),
				eventCode: code,
				label: code,
				description: code,
			});
		}
		const all = await runJson(emulator, {
			resource: 'eventMetadata',
			operation: 'getAll',
			providerId: byId(providerId),
			returnAll: true,
		});
		expect(all.map((e) => e.event_code)).toEqual(expect.arrayContaining(['com.example.a', 'com.example.b', 'com.example.c']));
		const two = await runJson(emulator, {
			resource: 'eventMetadata',
			operation: 'getAll',
			providerId: byId(providerId),
			returnAll: false,
			limit: 2,
		});
		expect(two).toHaveLength(2);

		await runJson(emulator, {
			resource: 'eventMetadata',
			operation: 'delete',
			providerId: byId(providerId),
			eventCode: 'com.example.a',
		});
		const gone = await runError(emulator, {
			resource: 'eventMetadata',
			operation: 'get',
			providerId: byId(providerId),
			eventCode: 'com.example.a',
		});
		expect(gone.httpCode).toBe('404');

		const [deletedAll] = await runJson(emulator, {
			resource: 'eventMetadata',
			operation: 'deleteAll',
			providerId: byId(providerId),
		});
		expect(deletedAll).toEqual({ deleted: true, providerId, allEventTypes: true });
		const none = await runJson(emulator, {
			resource: 'eventMetadata',
			operation: 'getAll',
			providerId: byId(providerId),
			returnAll: true,
		});
		expect(none).toEqual([]);
	});

	it('reports a duplicate event code as 409 and refuses bad codes and bad template JSON before writing', async () => {
		const params = {
			resource: 'eventMetadata',
			operation: 'create',
			providerId: byId(providerId),
			eventCode: 'com.example.dup',
			label: 'Dup',
			description: 'Dup',
		};
		await runJson(emulator, params);
		const dup = await runError(emulator, params);
		expect(dup.httpCode).toBe('409');

		const badCode = await runError(emulator, { ...params, eventCode: 'has spaces' });
		expect(badCode.message).toBe('"has spaces" is not a valid event code');
		const badTemplate = await runError(emulator, {
			...params,
			eventCode: 'com.example.badtemplate',
			additionalFields: { sampleEventTemplate: '{"a": ' },
		});
		expect(badTemplate.message).toBe('Sample Event Template is not valid JSON');
		const tooBig = await runError(emulator, {
			...params,
			eventCode: 'com.example.toobig',
			additionalFields: { sampleEventTemplate: JSON.stringify({ blob: 'x'.repeat(70_000) }) },
		});
		expect(tooBig.message).toBe('The sample event template is too large');
		const codes = (
			await runJson(emulator, { resource: 'eventMetadata', operation: 'getAll', providerId: byId(providerId), returnAll: true })
		).map((e) => e.event_code);
		expect(codes).not.toContain('com.example.badtemplate');
		expect(codes).not.toContain('com.example.toobig');
	});
});
