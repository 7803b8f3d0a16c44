import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { ORG_PAGE_SIZE } from '../../../../nodes/AdobeIoEvents/registrations/client';
import { byId, run, runError, runJson, start, startReceiver, type Emulator } from './harness';

let emulator: Emulator;
let providerId: string;
const CODE_A = 'com.example.order.created';
const CODE_B = 'com.example.order.paid';

async function createJournalRegistration(name: string, extra: INodeParameters = {}): Promise<IDataObject> {
	const [registration] = await runJson(emulator, {
		resource: 'registration',
		operation: 'create',
		name,
		deliveryType: 'journal',
		providerId: byId(providerId),
		eventCodes: [CODE_A],
		additionalFields: extra,
	});
	return registration;
}

async function workspaceRegistrations(): Promise<IDataObject[]> {
	return await runJson(emulator, {
		resource: 'registration',
		operation: 'getAll',
		scope: 'workspace',
		returnAll: true,
	});
}

beforeAll(async () => {
	emulator = await start();
	const [provider] = await runJson(emulator, {
		resource: 'provider',
		operation: 'create',
		label: 'Registration test provider',
	});
	providerId = String(provider.id);
	for (const code of [CODE_A, CODE_B]) {
		await runJson(emulator, {
			resource: 'eventMetadata',
			operation: 'create',
			providerId: byId(providerId),
			eventCode: code,
			label: code,
			description: `Event ${code}`,
		});
	}
});

afterAll(async () => {
	await emulator.close();
});

describe('registration: create / get / delete', () => {
	it('creates a journal registration, gets it and deletes it; a second get is a 404', async () => {
		const created = await createJournalRegistration('Journal one', { description: 'first' });
		expect(created.registration_id).toEqual(expect.any(String));
		expect(created.delivery_type).toBe('journal');
		expect(created.client_id).toBe(emulator.credentials.clientId);
		expect(created.events_of_interest).toEqual([
			expect.objectContaining({ provider_id: providerId, event_code: CODE_A }),
		]);

		const [got] = await runJson(emulator, {
			resource: 'registration',
			operation: 'get',
			registrationId: byId(String(created.registration_id)),
		});
		expect(got.name).toBe('Journal one');
		expect(got.description).toBe('first');

		const [deleted] = await runJson(emulator, {
			resource: 'registration',
			operation: 'delete',
			registrationId: byId(String(created.registration_id)),
		});
		expect(deleted).toEqual({ deleted: true, registrationId: created.registration_id });

		const error = await runError(emulator, {
			resource: 'registration',
			operation: 'get',
			registrationId: byId(String(created.registration_id)),
		});
		expect(error.constructor.name).toBe('NodeApiError');
		expect(error.httpCode).toBe('404');
		expect(error.context?.itemIndex).toBe(0);
	});

	it('creates a webhook registration after the receiver answers the challenge', async () => {
		const receiver = await startReceiver();
		try {
			const [created] = await runJson(emulator, {
				resource: 'registration',
				operation: 'create',
				name: 'Webhook one',
				deliveryType: 'webhook',
				webhookUrl: receiver.url,
				providerId: byId(providerId),
				eventCodes: [CODE_A, CODE_B],
				additionalFields: {
					subscriberFilter: '{"data": {"status": ["paid"]}}',
					subscriberFilterName: 'paid only',
				},
			});
			expect(created.webhook_url).toBe(receiver.url);
			expect(created.webhook_status).toBe('verified');
			expect((created.events_of_interest as IDataObject[]).map((e) => e.event_code).sort()).toEqual([CODE_A, CODE_B]);
			expect(created.subscriber_filters).toEqual([
				expect.objectContaining({ name: 'paid only', subscriber_filter: '{"data":{"status":["paid"]}}' }),
			]);
		} finally {
			await receiver.close();
		}
	});

	it('creates an Amazon EventBridge registration and checks its destination before sending', async () => {
		const params = {
			resource: 'registration',
			operation: 'create',
			name: 'To EventBridge',
			deliveryType: 'aws_eventbridge',
			providerId: byId(providerId),
			eventCodes: [CODE_A],
		};
		const bad = await runError(emulator, { ...params, additionalFields: { awsRegion: 'mars-1', awsAccountId: '123456789012' } });
		expect(bad.message).toBe('Amazon EventBridge needs a valid AWS region');
		const [created] = await runJson(emulator, {
			...params,
			additionalFields: { awsRegion: 'eu-west-1', awsAccountId: '123456789012' },
		});
		expect(created.delivery_type).toBe('aws_eventbridge');
		expect(created.destination_metadata).toEqual({ aws_region: 'eu-west-1', aws_account_id: '123456789012' });
	});

	it('reports a duplicate name as a 409 naming the existing registration', async () => {
		const first = await createJournalRegistration('Duplicate name');
		const error = await runError(emulator, {
			resource: 'registration',
			operation: 'create',
			name: 'Duplicate name',
			deliveryType: 'journal',
			providerId: byId(providerId),
			eventCodes: [CODE_A],
		});
		expect(error.httpCode).toBe('409');
		expect(`${error.message} ${error.description ?? ''}`).toContain(String(first.registration_id));
	});
});

describe('registration: bad input fails the item and changes nothing', () => {
	it('refuses an event code the provider does not declare, before creating anything', async () => {
		const before = (await workspaceRegistrations()).length;
		const error = await runError(emulator, {
			resource: 'registration',
			operation: 'create',
			name: 'Unknown code',
			deliveryType: 'journal',
			providerId: byId(providerId),
			eventCodes: [CODE_A, 'com.example.nope'],
		});
		expect(error.constructor.name).toBe('NodeOperationError');
		expect(error.message).toContain('has no event type "com.example.nope"');
		expect(error.description).toContain(CODE_A);
		expect(error.context?.itemIndex).toBe(0);
		expect((await workspaceRegistrations()).length).toBe(before);
	});

	it('refuses an unknown provider with a clear message', async () => {
		const error = await runError(emulator, {
			resource: 'registration',
			operation: 'create',
			name: 'Unknown provider',
			deliveryType: 'journal',
			providerId: byId('no-such-provider'),
			eventCodes: [CODE_A],
		});
		expect(error.message).toBe('Provider "no-such-provider" does not exist');
	});

	it('refuses invalid JSON in More Events of Interest and in the subscriber filter', async () => {
		const before = (await workspaceRegistrations()).length;
		const badEvents = await runError(emulator, {
			resource: 'registration',
			operation: 'create',
			name: 'Bad events JSON',
			deliveryType: 'journal',
			additionalFields: { moreEvents: '[{"provider_id": "x", ' },
		});
		expect(badEvents.message).toBe('More Events of Interest is not valid JSON');
		const badFilter = await runError(emulator, {
			resource: 'registration',
			operation: 'create',
			name: 'Bad filter JSON',
			deliveryType: 'journal',
			providerId: byId(providerId),
			eventCodes: [CODE_A],
			additionalFields: { subscriberFilter: '{"data": ' },
		});
		expect(badFilter.message).toBe('Subscriber Filter is not valid JSON');
		expect((await workspaceRegistrations()).length).toBe(before);
	});

	it('refuses a webhook registration without URL and a missing registration ID', async () => {
		const noUrl = await runError(emulator, {
			resource: 'registration',
			operation: 'create',
			name: 'No URL',
			deliveryType: 'webhook',
			providerId: byId(providerId),
			eventCodes: [CODE_A],
		});
		expect(noUrl.message).toBe('A webhook registration needs a webhook URL');
		const noId = await runError(emulator, { resource: 'registration', operation: 'get', registrationId: byId('') });
		expect(noId.constructor.name).toBe('NodeOperationError');
		expect(noId.message).toBe('Registration is required');
	});
});

describe('registration: update keeps what the user does not change', () => {
	it('renames a registration and keeps description, events, filter and delivery type', async () => {
		const created = await createJournalRegistration('Before rename', {
			description: 'keep me',
			subscriberFilter: '{"data": {"amount": [{"numeric": [">", 10]}]}}',
			subscriberFilterName: 'big orders',
		});
		const [updated] = await runJson(emulator, {
			resource: 'registration',
			operation: 'update',
			registrationId: byId(String(created.registration_id)),
			updateFields: { name: 'After rename' },
		});
		expect(updated.name).toBe('After rename');
		expect(updated.description).toBe('keep me');
		expect(updated.delivery_type).toBe('journal');
		expect(updated.events_of_interest).toEqual([expect.objectContaining({ provider_id: providerId, event_code: CODE_A })]);
		expect(updated.subscriber_filters).toEqual([expect.objectContaining({ name: 'big orders' })]);

		const [replaced] = await runJson(emulator, {
			resource: 'registration',
			operation: 'update',
			registrationId: byId(String(created.registration_id)),
			updateFields: {
				eventsOfInterest: JSON.stringify([{ provider_id: providerId, event_code: CODE_B }]),
				removeSubscriberFilter: true,
			},
		});
		expect(replaced.name).toBe('After rename');
		expect(replaced.events_of_interest).toEqual([expect.objectContaining({ event_code: CODE_B })]);
		expect(replaced.subscriber_filters ?? []).toEqual([]);
	});

	it('refuses an update to an unknown event code and leaves the registration as it was', async () => {
		const created = await createJournalRegistration('Update unknown code');
		const error = await runError(emulator, {
			resource: 'registration',
			operation: 'update',
			registrationId: byId(String(created.registration_id)),
			updateFields: {
				name: 'Should not apply',
				eventsOfInterest: JSON.stringify([{ provider_id: providerId, event_code: 'com.example.nope' }]),
			},
		});
		expect(error.constructor.name).toBe('NodeOperationError');
		const [after] = await runJson(emulator, {
			resource: 'registration',
			operation: 'get',
			registrationId: byId(String(created.registration_id)),
		});
		expect(after.name).toBe('Update unknown code');
		expect(after.events_of_interest).toEqual([expect.objectContaining({ event_code: CODE_A })]);
	});

	it('disables and enables a registration, keeping its other fields', async () => {
		const created = await createJournalRegistration('Toggle me', { description: 'toggled' });
		const [disabled] = await runJson(emulator, {
			resource: 'registration',
			operation: 'disable',
			registrationId: byId(String(created.registration_id)),
		});
		expect(disabled.enabled).toBe(false);
		expect(disabled.description).toBe('toggled');
		const [enabled] = await runJson(emulator, {
			resource: 'registration',
			operation: 'enable',
			registrationId: byId(String(created.registration_id)),
		});
		expect(enabled.enabled).toBe(true);
		expect(enabled.name).toBe('Toggle me');
	});

	it('reports an update of a deleted registration as 404', async () => {
		const error = await runError(emulator, {
			resource: 'registration',
			operation: 'update',
			registrationId: byId('00000000-0000-4000-8000-000000000000'),
			updateFields: { name: 'ghost' },
		});
		expect(error.httpCode).toBe('404');
	});
});

describe('registration: many items, paging, quota, continueOnFail', () => {
	it('creates 120 registrations in one execution (4 client IDs × 30), pairs every item, then pages the organization past 100', async () => {
		const items = Array.from({ length: 120 }, (_, i) => ({ n: i, client: `bulk-client-${Math.floor(i / 30)}` }));
		const output = await run(
			emulator,
			{
				resource: 'registration',
				operation: 'create',
				name: '={{ "Bulk " + $json.n }}',
				deliveryType: 'journal',
				providerId: byId(providerId),
				eventCodes: [CODE_A],
				additionalFields: { clientId: '={{ $json.client }}' },
			},
			{ items },
		);
		expect(output).toHaveLength(120);
		output.forEach((item, i) => {
			expect(item.pairedItem).toEqual({ item: i });
			expect(item.json.name).toBe(`Bulk ${i}`);
		});

		const all = await runJson(emulator, {
			resource: 'registration',
			operation: 'getAll',
			scope: 'organization',
			returnAll: true,
		});
		expect(all.length).toBeGreaterThan(ORG_PAGE_SIZE);
		const ids = new Set(all.map((r) => r.registration_id));
		expect(ids.size).toBe(all.length);
		for (let i = 0; i < 120; i++) expect(all.some((r) => r.name === `Bulk ${i}`)).toBe(true);

		const limited = await runJson(emulator, {
			resource: 'registration',
			operation: 'getAll',
			scope: 'organization',
			returnAll: false,
			limit: 105,
		});
		expect(limited).toHaveLength(105);
		expect(new Set(limited.map((r) => r.registration_id)).size).toBe(105);

		const few = await runJson(emulator, {
			resource: 'registration',
			operation: 'getAll',
			scope: 'workspace',
			returnAll: false,
			limit: 3,
		});
		expect(few).toHaveLength(3);
	});

	it('reports the per-client quota (409) for the 31st registration; with continueOnFail the other items still run', async () => {
		const items = [{ client: 'bulk-client-0', name: 'Over quota' }, { client: 'fresh-client', name: 'Fresh one' }];
		const output = await runJson(
			emulator,
			{
				resource: 'registration',
				operation: 'create',
				name: '={{ $json.name }}',
				deliveryType: 'journal',
				providerId: byId(providerId),
				eventCodes: [CODE_A],
				additionalFields: { clientId: '={{ $json.client }}' },
			},
			{ items, continueOnFail: true },
		);
		expect(output).toHaveLength(2);
		expect(output[0].error).toEqual(expect.any(String));
		expect(output[0].httpCode).toBe('409');
		expect(`${String(output[0].error)} ${String(output[0].description ?? '')}`).toMatch(/Maximum number of registrations/);
		expect(output[1].name).toBe('Fresh one');
	});

	it('without continueOnFail the failing item stops the node and names its index', async () => {
		const items = [{ id: '' }, { id: 'x' }];
		const error = await runError(
			emulator,
			{ resource: 'registration', operation: 'get', registrationId: byId('={{ $json.id }}') },
			{ items: items.reverse() },
		);
		// items are [{id:'x'}, {id:''}]: item 0 is a 404 from Adobe
		expect(error.context?.itemIndex).toBe(0);
		expect(error.httpCode).toBe('404');
	});
});
