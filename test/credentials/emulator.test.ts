/**
 * Integration: both credentials and the transport over HTTP against the Adobe I/O Events emulator
 * (test/emulator): S2S token, JWT exchange, OAuth2 authorization code flow, credential tests,
 * management GET/POST, HAL pagination, error shapes, retries and token refresh.
 */
import { NodeApiError, type ICredentialDataDecryptedObject } from 'n8n-workflow';

import {
	adobeApiRequest,
	adobeApiRequestAllItems,
	getAdobeContext,
	workspacePath,
} from '../../nodes/AdobeIoEvents/transport';
import { startEmulator, type Emulator } from '../emulator/src/index';
import { connectOAuth2Credential, createExecuteContext, testCredential, TestCredentialStore } from '../helpers';

describe('credentials + transport against the emulator', () => {
	let emulator: Emulator;

	beforeAll(async () => {
		emulator = await startEmulator();
	});
	afterAll(async () => {
		await emulator.close();
	});
	beforeEach(async () => {
		await fetch(`${emulator.urls.control}/reset`, { method: 'POST' });
	});

	const base = (): ICredentialDataDecryptedObject => ({
		environment: 'custom',
		imsUrl: emulator.urls.ims,
		apiUrl: emulator.urls.api,
		ingressUrl: emulator.urls.ingress,
		publicKeyUrl: emulator.urls.keys,
		journalUrl: emulator.urls.journal,
		clientId: emulator.credentials.clientId,
		clientSecret: emulator.credentials.clientSecret,
		imsOrgId: emulator.credentials.imsOrgId,
		consumerOrgId: emulator.credentials.consumerOrgId,
		projectId: emulator.credentials.projectId,
		workspaceId: emulator.credentials.workspaceId,
		credentialId: emulator.credentials.credentialId,
	});
	const s2s = (): ICredentialDataDecryptedObject => ({ ...base(), authentication: 'oauthS2S' });
	const jwt = (): ICredentialDataDecryptedObject => ({
		...base(),
		authentication: 'jwt',
		technicalAccountId: emulator.credentials.technicalAccountId,
		privateKey: emulator.credentials.privateKey,
		metascopes: 'ent_adobeio_sdk,event_receiver_api',
	});

	async function failure(p: Promise<unknown>): Promise<NodeApiError> {
		try {
			await p;
		} catch (error) {
			return error as NodeApiError;
		}
		throw new Error('expected a failure');
	}

	it('credential test passes for OAuth Server-to-Server and stores the token', async () => {
		const store = new TestCredentialStore();
		await expect(testCredential('adobeIoEventsApi', s2s(), { store })).resolves.toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(String(store.data('adobeIoEventsApi').accessToken).length).toBeGreaterThan(10);
	});

	it('credential test passes for Service Account (JWT)', async () => {
		await expect(testCredential('adobeIoEventsApi', jwt())).resolves.toEqual({ status: 'OK', message: 'Connection successful!' });
	});

	it('credential test names the field for a wrong secret, a wrong key, wrong ids and a wrong client id', async () => {
		const secret = await testCredential('adobeIoEventsApi', { ...s2s(), clientSecret: 'wrong-secret-value' });
		expect(secret.status).toBe('Error');
		expect(secret.message).toMatch(/Client ID or the Client Secret/);
		expect(secret.message).not.toContain('wrong-secret-value');

		const { generateKeyPairSync } = await import('node:crypto');
		const otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
		const key = await testCredential('adobeIoEventsApi', { ...jwt(), privateKey: otherKey });
		expect(key.status).toBe('Error');
		expect(key.message).toMatch(/Private Key|signed JWT|signature/);

		const ids = await testCredential('adobeIoEventsApi', { ...s2s(), workspaceId: '1' });
		expect(ids).toEqual({ status: 'Error', message: expect.stringMatching(/Consumer Org ID, Project ID and Workspace ID/) });
	});

	it('OAuth2: authorization code flow through the emulator IMS, then API calls with the user token', async () => {
		const store = new TestCredentialStore();
		const { oauthTokenData } = await connectOAuth2Credential(
			'adobeIoEventsOAuth2Api',
			{ ...base(), scope: 'openid,AdobeID,adobeio_api' },
			async (authorizeUrl) => {
				const answer = await fetch(authorizeUrl, { redirect: 'manual' });
				expect(answer.status).toBe(302);
				return answer.headers.get('location') as string;
			},
			{ store },
		);
		expect(oauthTokenData).toMatchObject({ access_token: expect.any(String), refresh_token: expect.any(String) });

		const { context } = createExecuteContext({
			parameters: { authentication: 'oAuth2' },
			store,
			credentials: { adobeIoEventsOAuth2Api: {} },
		});
		const ctx = await getAdobeContext.call(context);
		const list = await adobeApiRequest.call(context, { method: 'GET', path: workspacePath(ctx, 'registrations') });
		expect(list._embedded).toEqual({ registrations: [] });

		// all access tokens invalidated → n8n refreshes with the refresh token and resends
		await fetch(`${emulator.urls.control}/tokens/invalidate`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
		await expect(adobeApiRequest.call(context, { method: 'GET', path: workspacePath(ctx, 'registrations') })).resolves.toHaveProperty('_embedded');
		expect(store.count('updateCredentialsOauthTokenData')).toBe(1);
	});

	it('S2S: management POST/GET, 409 with x-conflicting-id, refresh after token invalidation', async () => {
		const { context, store } = createExecuteContext({ credentials: { adobeIoEventsApi: s2s() } });
		const ctx = await getAdobeContext.call(context);
		const created = await adobeApiRequest.call(context, { method: 'POST', path: workspacePath(ctx, 'providers'), body: { label: 'Integration Provider' } });
		expect(created.id).toEqual(expect.any(String));
		const again = await failure(adobeApiRequest.call(context, { method: 'POST', path: workspacePath(ctx, 'providers'), body: { label: 'Integration Provider' } }));
		expect(again).toBeInstanceOf(NodeApiError);
		expect(again.httpCode).toBe('409');
		expect(again.context.conflictingId).toBe(created.id);
		expect(again.message).toMatch(/conflicting ID/);

		await fetch(`${emulator.urls.control}/tokens/invalidate`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
		const fetched = await adobeApiRequest.call(context, { method: 'GET', path: `/events/providers/${String(created.id)}` });
		expect(fetched.label).toBe('Integration Provider');
		expect(store.count('preAuthentication')).toBe(2);
	});

	it('JWT: the exchanged token works for management calls', async () => {
		const { context } = createExecuteContext({ credentials: { adobeIoEventsApi: jwt() } });
		const providers = await adobeApiRequest.call(context, { method: 'GET', path: `/events/${emulator.credentials.consumerOrgId}/providers` });
		expect(providers._embedded).toBeDefined();
	});

	it('follows HAL pagination of the organization registration list', async () => {
		const { context } = createExecuteContext({ credentials: { adobeIoEventsApi: s2s() } });
		const ctx = await getAdobeContext.call(context);
		const provider = await adobeApiRequest.call(context, { method: 'POST', path: workspacePath(ctx, 'providers'), body: { label: 'Paging Provider' } });
		await adobeApiRequest.call(context, {
			method: 'POST',
			path: workspacePath(ctx, 'providers', String(provider.id), 'eventmetadata'),
			body: { event_code: 'com.example.paged', label: 'Paged', description: 'paged event' },
		});
		for (let i = 0; i < 5; i++) {
			await adobeApiRequest.call(context, {
				method: 'POST',
				path: workspacePath(ctx, 'registrations'),
				body: {
					name: `Paged registration ${i}`,
					client_id: ctx.clientId,
					delivery_type: 'journal',
					events_of_interest: [{ provider_id: provider.id, event_code: 'com.example.paged' }],
				},
			});
		}
		const items = await adobeApiRequestAllItems.call(
			context,
			{ method: 'GET', path: `/events/${ctx.consumerOrgId}/registrations`, qs: { page: 0, size: 2 } },
			'registrations',
		);
		expect(items.map((r) => r.name).sort()).toEqual([0, 1, 2, 3, 4].map((i) => `Paged registration ${i}`));
		const limited = await adobeApiRequestAllItems.call(context, { method: 'GET', path: `/events/${ctx.consumerOrgId}/registrations`, qs: { size: 2 } }, 'registrations', 3);
		expect(limited).toHaveLength(3);
	});

	it('maps the gateway error for a wrong API key and retries injected 503s', async () => {
		const creds = s2s();
		const { context } = createExecuteContext({ credentials: { adobeIoEventsApi: creds } });
		await fetch(`${emulator.urls.control}/faults`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ target: 'api', status: 503, count: 2, retry_after: 0 }),
		});
		const list = await adobeApiRequest.call(context, { method: 'GET', path: `/events/${emulator.credentials.consumerOrgId}/providers`, retry: { baseDelayMs: 1 } });
		expect(list._embedded).toBeDefined();

		const other = createExecuteContext({ credentials: { adobeIoEventsApi: { ...s2s(), clientId: 'not-the-client' } } });
		const error = await failure(adobeApiRequest.call(other.context, { method: 'GET', path: '/events/providers/x' }));
		expect(error.message).toMatch(/Client ID/);
	});
});
