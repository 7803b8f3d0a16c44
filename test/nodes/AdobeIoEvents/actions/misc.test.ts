import type { IDataObject, ILoadOptionsFunctions } from 'n8n-workflow';

import { LIST_SEARCH_LIMIT } from '../../../../nodes/AdobeIoEvents/methods/registrations';
import { JOURNAL_LIMIT_MAX } from '../../../../nodes/AdobeIoEvents/actions/journal/getEvents.operation';
import {
	byId,
	loadOptionsContext,
	oauth2CredentialsFor,
	run,
	runError,
	runJson,
	start,
	type Emulator,
} from './harness';

let emulator: Emulator;
let providerId: string;
let registrationId: string;
const WITH_SAMPLE = 'com.example.with.sample';
const WITHOUT_SAMPLE = 'com.example.without.sample';

beforeAll(async () => {
	emulator = await start();
	const [provider] = await runJson(emulator, {
		resource: 'provider',
		operation: 'create',
		label: 'Misc provider',
	});
	providerId = String(provider.id);
	await runJson(emulator, {
		resource: 'eventMetadata',
		operation: 'create',
		providerId: byId(providerId),
		eventCode: WITH_SAMPLE,
		label: 'With sample',
		description: 'Has a sample',
		additionalFields: { sampleEventTemplate: '{"status": "paid", "amount": 12}' },
	});
	await runJson(emulator, {
		resource: 'eventMetadata',
		operation: 'create',
		providerId: byId(providerId),
		eventCode: WITHOUT_SAMPLE,
		label: 'Without sample',
		description: 'Has no sample',
	});
	const [registration] = await runJson(emulator, {
		resource: 'registration',
		operation: 'create',
		name: 'Misc journal',
		deliveryType: 'journal',
		providerId: byId(providerId),
		eventCodes: [WITH_SAMPLE, WITHOUT_SAMPLE],
	});
	registrationId = String(registration.registration_id);
});

afterAll(async () => {
	await emulator.close();
});

describe('sample event', () => {
	it('sends the sample event to a registration (it lands in the journal)', async () => {
		const [sent] = await runJson(emulator, {
			resource: 'sampleEvent',
			operation: 'send',
			providerId: byId(providerId),
			eventCode: WITH_SAMPLE,
			registrationId: byId(registrationId),
		});
		expect(sent).toEqual(
			expect.objectContaining({
				sent: true,
				statusCode: 200,
				providerId,
				eventCode: WITH_SAMPLE,
				registrationId,
			}),
		);
		const [journal] = await runJson(emulator, {
			resource: 'journal',
			operation: 'getEvents',
			registrationId: byId(registrationId),
			startFrom: 'oldest',
		});
		expect(journal.count).toBe(1);
		const event = (journal.events as IDataObject[])[0].event as IDataObject;
		expect(event.type).toBe(WITH_SAMPLE);
		expect(event.data).toEqual({ status: 'paid', amount: 12 });
	});

	it('says clearly when an event type has no sample event', async () => {
		const error = await runError(emulator, {
			resource: 'sampleEvent',
			operation: 'send',
			providerId: byId(providerId),
			eventCode: WITHOUT_SAMPLE,
			registrationId: byId(registrationId),
		});
		expect(error.message).toBe('Adobe does not support sample events for this event type');
		const missing = await runError(emulator, {
			resource: 'sampleEvent',
			operation: 'get',
			providerId: byId(providerId),
			eventCode: WITHOUT_SAMPLE,
		});
		expect(missing.httpCode).toBe('404');
	});
});

describe('subscriber filter: validate', () => {
	it('validates a filter and tells which sample events match', async () => {
		const [result] = await runJson(emulator, {
			resource: 'subscriberFilter',
			operation: 'validate',
			registrationId: byId(registrationId),
			filter: '{"data": {"status": ["paid"]}}',
			sampleEvents: JSON.stringify([{ data: { status: 'paid' } }, { data: { status: 'open' } }]),
		});
		expect(result.valid).toBe(true);
		expect(result.results).toEqual([{ matches: true }, { matches: false }]);
	});

	it('surfaces Adobe rejecting a filter, and refuses invalid JSON itself', async () => {
		const rejected = await runError(emulator, {
			resource: 'subscriberFilter',
			operation: 'validate',
			registrationId: byId(registrationId),
			filter: '{"data": {"status": "paid"}}',
		});
		expect(rejected.constructor.name).toBe('NodeApiError');
		expect(rejected.httpCode).toBe('400');
		expect(`${rejected.message} ${rejected.description ?? ''}`).toContain('status');
		const invalid = await runError(emulator, {
			resource: 'subscriberFilter',
			operation: 'validate',
			registrationId: byId(registrationId),
			filter: '{"data": {',
		});
		expect(invalid.constructor.name).toBe('NodeOperationError');
		expect(invalid.message).toBe('Filter is not valid JSON');
		const notObject = await runError(emulator, {
			resource: 'subscriberFilter',
			operation: 'validate',
			registrationId: byId(registrationId),
			filter: '["a"]',
		});
		expect(notObject.message).toBe('Filter must be a JSON object');
	});
});

describe('custom API call', () => {
	it('calls any path under /events with authentication and the credential ids filled in', async () => {
		const [list] = await runJson(emulator, {
			resource: 'customApiCall',
			operation: 'request',
			method: 'GET',
			path: '/events/{consumerOrgId}/{projectId}/{workspaceId}/registrations',
		});
		const registrations = (list._embedded as IDataObject).registrations as IDataObject[];
		expect(registrations.map((r) => r.registration_id)).toContain(registrationId);

		const [full] = await runJson(emulator, {
			resource: 'customApiCall',
			operation: 'request',
			method: 'GET',
			path: '/events/{consumerOrgId}/providers',
			query: '{"providerMetadataId": "3rd_party_custom_events"}',
			options: { fullResponse: true },
		});
		expect(full.statusCode).toBe(200);
		const providers = ((full.body as IDataObject)._embedded as IDataObject)
			.providers as IDataObject[];
		expect(providers.map((p) => p.id)).toEqual([providerId]);

		const [created] = await runJson(emulator, {
			resource: 'customApiCall',
			operation: 'request',
			method: 'POST',
			path: '/events/{consumerOrgId}/{projectId}/{workspaceId}/providers',
			body: '{"label": "Made by a custom call"}',
		});
		expect(created.label).toBe('Made by a custom call');

		const [deleted] = await runJson(emulator, {
			resource: 'customApiCall',
			operation: 'request',
			method: 'DELETE',
			path: `/events/{consumerOrgId}/{projectId}/{workspaceId}/providers/${String(created.id)}`,
		});
		expect(deleted).toEqual({ success: true, statusCode: 204 });
	});

	it('refuses paths outside the API, dot segments and authentication headers; surfaces 404', async () => {
		const base = { resource: 'customApiCall', operation: 'request', method: 'GET' };
		expect((await runError(emulator, { ...base, path: '/ims/token/v3' })).message).toBe(
			'Path "/ims/token/v3" is not allowed',
		);
		expect((await runError(emulator, { ...base, path: '/events/../ims' })).message).toBe(
			'Path "/events/../ims" is not allowed',
		);
		expect(
			(await runError(emulator, { ...base, path: 'https://evil.example/events' })).message,
		).toContain('is not allowed');
		expect((await runError(emulator, { ...base, path: '/events/x?y=1' })).message).toContain(
			'is not allowed',
		);
		const header = await runError(emulator, {
			...base,
			path: '/events/{consumerOrgId}/providers',
			options: { headers: '{"Authorization": "Bearer stolen"}' },
		});
		expect(header.message).toBe('Header "Authorization" cannot be set here');
		const notFound = await runError(emulator, {
			...base,
			path: '/events/providers/does-not-exist',
		});
		expect(notFound.httpCode).toBe('404');
	});
});

describe('dropdowns and list search', () => {
	it('lists registrations (filterable), custom providers, all providers and event codes of the chosen provider', async () => {
		const { context, adobeNode } = loadOptionsContext(emulator, {
			resource: 'event',
			operation: 'publish',
			providerId: byId(providerId),
		});
		const listSearch = adobeNode.methods.listSearch;
		const all = await listSearch.searchRegistrations.call(context as ILoadOptionsFunctions);
		expect(all.results).toEqual([
			expect.objectContaining({ name: 'Misc journal (journal)', value: registrationId }),
		]);
		const none = await listSearch.searchRegistrations.call(
			context as ILoadOptionsFunctions,
			'zzz-no-match',
		);
		expect(none.results).toEqual([]);

		const custom = await listSearch.searchCustomProviders.call(context as ILoadOptionsFunctions);
		expect(custom.results.map((r) => r.value)).toEqual([providerId]);
		const providers = await listSearch.searchProviders.call(context as ILoadOptionsFunctions);
		expect(providers.results.length).toBeGreaterThan(1);
		expect(providers.results.map((r) => r.value)).toContain(providerId);

		const codes = await adobeNode.methods.loadOptions.getEventCodes.call(
			context as ILoadOptionsFunctions,
		);
		expect(codes.map((c) => c.value).sort()).toEqual([WITH_SAMPLE, WITHOUT_SAMPLE]);
	});
});

describe('OAuth2 (personal Adobe ID) authentication', () => {
	it('runs operations with the OAuth2 credential (x-api-key and org headers added by the transport)', async () => {
		const credentials = await oauth2CredentialsFor(emulator);
		const registrations = await runJson(
			emulator,
			{
				authentication: 'oAuth2',
				resource: 'registration',
				operation: 'getAll',
				scope: 'workspace',
				returnAll: true,
			},
			{ credentials, credentialType: 'adobeIoEventsOAuth2Api' },
		);
		expect(registrations.map((r) => r.registration_id)).toContain(registrationId);
		const [published] = await runJson(
			emulator,
			{
				authentication: 'oAuth2',
				resource: 'event',
				operation: 'publish',
				providerId: byId(providerId),
				eventCode: WITH_SAMPLE,
				data: '{"via": "oauth2"}',
			},
			{ credentials, credentialType: 'adobeIoEventsOAuth2Api' },
		);
		expect(published.delivered).toBe(true);
	});
});

describe('limits', () => {
	it(`refuses a journal limit above ${JOURNAL_LIMIT_MAX}`, async () => {
		const error = await runError(emulator, {
			resource: 'journal',
			operation: 'getEvents',
			registrationId: byId(registrationId),
			startFrom: 'oldest',
			limit: JOURNAL_LIMIT_MAX + 1,
		});
		expect(error.message).toBe(`Limit must be a whole number from 1 to ${JOURNAL_LIMIT_MAX}`);
		const [atMax] = await runJson(emulator, {
			resource: 'journal',
			operation: 'getEvents',
			registrationId: byId(registrationId),
			startFrom: 'oldest',
			limit: JOURNAL_LIMIT_MAX,
		});
		expect(atMax.count).toEqual(expect.any(Number));
	});

	it(`shows at most ${LIST_SEARCH_LIMIT} registrations in the list search`, async () => {
		const items = Array.from({ length: LIST_SEARCH_LIMIT + 10 }, (_, i) => ({
			n: i,
			client: `list-client-${Math.floor(i / 30)}`,
		}));
		const created = await run(
			emulator,
			{
				resource: 'registration',
				operation: 'create',
				name: '={{ "Listed " + String($json.n).padStart(3, "0") }}',
				deliveryType: 'journal',
				providerId: byId(providerId),
				eventCodes: [WITH_SAMPLE],
				additionalFields: { clientId: '={{ $json.client }}' },
			},
			{ items },
		);
		expect(created).toHaveLength(LIST_SEARCH_LIMIT + 10);
		const { context, adobeNode } = loadOptionsContext(emulator, {
			resource: 'registration',
			operation: 'get',
		});
		const all = await adobeNode.methods.listSearch.searchRegistrations.call(
			context as ILoadOptionsFunctions,
		);
		expect(all.results).toHaveLength(LIST_SEARCH_LIMIT);
		const filtered = await adobeNode.methods.listSearch.searchRegistrations.call(
			context as ILoadOptionsFunctions,
			'Listed 20',
		);
		expect(filtered.results.map((r) => r.name)).toEqual(
			Array.from({ length: 10 }, (_, i) => `Listed 20${i} (journal)`),
		);
	});
});

describe('router', () => {
	it.each([
		['registration', 'description'],
		['registration', 'toString'],
	])(
		'resource "%s" operation "%s" (e.g. set by an expression) is "not supported", not a crash',
		async (resource, operation) => {
			const error = await runError(emulator, { resource, operation });
			expect(error.message).toBe(
				`The operation "${operation}" of resource "${resource}" is not supported`,
			);
		},
	);
});
