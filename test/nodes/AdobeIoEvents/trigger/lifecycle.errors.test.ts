/**
 * Which message a failed registration create/update gives the user: classified by the HTTP
 * status and Adobe's own words, never by our request URL (which always contains "/events/").
 * A scripted Adobe (IMS + management API) over real HTTP answers the list call and then fails
 * the POST / PUT the way each case needs.
 */
import type { IDataObject } from 'n8n-workflow';

import { startTestServer, type TestServer } from '../../../helpers/http-server';
import { TestCredentialStore } from '../../../helpers/n8n-context';
import {
	hook,
	SERVICE_CREDENTIAL_IDENTITY,
	watchOneEventType,
	WEBHOOK_ID,
	type TriggerSetup,
} from './harness';

const WEBHOOK_BASE = 'https://n8n.example.com/';
const WEBHOOK_URL = `${WEBHOOK_BASE}webhook/${WEBHOOK_ID}/webhook`;

describe('Watch Events trigger: create/update failure messages', () => {
	let adobe: TestServer;
	let write: { status: number; body: IDataObject; headers?: Record<string, string> };
	let existing: IDataObject[];

	beforeAll(async () => {
		adobe = await startTestServer((req, res) => {
			if (req.path.endsWith('/token/v3')) {
				return res.json(200, { access_token: 'token-1', token_type: 'bearer', expires_in: 86399 });
			}
			if (req.method === 'GET' && req.path.endsWith('/registrations')) {
				return res.json(200, { _embedded: { registrations: existing }, _links: {} });
			}
			if (req.method === 'POST' || req.method === 'PUT') {
				return res.json(write.status, write.body, write.headers ?? {});
			}
			return res.json(404, { reason: 'Not Found', message: 'nothing here' });
		});
	});
	afterAll(async () => await adobe.close());
	beforeEach(() => {
		existing = [];
	});

	function setup(): TriggerSetup {
		return {
			parameters: watchOneEventType(),
			credentials: {
				...SERVICE_CREDENTIAL_IDENTITY,
				environment: 'custom',
				imsUrl: adobe.url,
				apiUrl: adobe.url,
				ingressUrl: adobe.url,
				publicKeyUrl: adobe.url,
			},
			store: new TestCredentialStore(),
			webhookBaseUrl: WEBHOOK_BASE,
			staticData: {},
			testStaticData: {},
		};
	}

	async function createError(): Promise<Error & { description?: string }> {
		const h = hook(setup());
		const error = await h.create().then(
			() => undefined,
			(e: unknown) => e as Error & { description?: string },
		);
		if (!error) throw new Error('create() did not fail');
		return error;
	}

	it('a malformed provider ID (ID mode, not checked by the editor for the trigger) fails going live, before any Adobe call', async () => {
		const before = adobe.requests.length;
		const s = setup();
		s.parameters = {
			...s.parameters,
			providerId: { __rl: true, mode: 'id', value: 'not a provider/../id' },
		};
		const error = await hook(s)
			.create()
			.then(
				() => undefined,
				(e: unknown) => e as Error & { description?: string },
			);
		expect(error?.message).toBe('"not a provider/../id" is not a provider ID');
		expect(error?.description).toMatch(/at most 38 characters/);
		expect(adobe.requests.length).toBe(before);
	});

	it('an Adobe outage (5xx after the retries) says so, not "unknown event type"', async () => {
		write = {
			status: 503,
			body: { reason: 'Service Unavailable', message: 'try later' },
			headers: { 'retry-after': '0' },
		};
		const error = await createError();
		expect(error.message).toMatch(/^Could not register the webhook with Adobe I\/O Events/);
		expect(error.message).not.toMatch(/event type/i);
		expect(error.description).toMatch(/temporary/);
	});

	it('rate limiting (429) is reported as temporary too', async () => {
		write = {
			status: 429,
			body: { error_code: '429050', message: 'Too many requests' },
			headers: { 'retry-after': '0' },
		};
		const error = await createError();
		expect(error.message).toMatch(/^Could not register the webhook/);
		expect(error.message).not.toMatch(/event type/i);
	});

	it('a 400 about another field keeps Adobe’s words and does not blame the event types', async () => {
		write = {
			status: 400,
			body: { reason: 'Bad Request', message: 'name must not contain control characters' },
		};
		const error = await createError();
		expect(error.message).toBe('Adobe refused to register the webhook registration');
		expect(error.description).toContain('name must not contain control characters');
	});

	it('a 400 naming the event of interest is the unknown-event-type message', async () => {
		write = {
			status: 400,
			body: {
				reason: 'Bad Request',
				message:
					'Invalid Event of Interest, no matching Event com.example.file_created for provider provider-1',
			},
		};
		expect((await createError()).message).toMatch(/does not know one of the event types/);
	});

	it('a 400 about the webhook is the challenge message', async () => {
		write = { status: 400, body: { reason: 'Webhook is invalid', message: 'Invalid webhook url' } };
		expect((await createError()).message).toMatch(/challenge failed/);
	});

	it('the same classification applies to the drift PUT of an adopted registration', async () => {
		existing = [
			{
				registration_id: 'reg-1',
				name: 'old name',
				webhook_url: WEBHOOK_URL,
				delivery_type: 'webhook',
				events_of_interest: [{ provider_id: 'provider-1', event_code: 'com.example.file_created' }],
				enabled: true,
				webhook_status: 'verified',
			},
		];
		write = { status: 502, body: { message: 'Bad gateway' }, headers: { 'retry-after': '0' } };
		const error = await hook(setup())
			.checkExists()
			.then(
				() => undefined,
				(e: unknown) => e as Error,
			);
		expect(error?.message).toMatch(/^Could not update the webhook with Adobe I\/O Events/);
	});
});
