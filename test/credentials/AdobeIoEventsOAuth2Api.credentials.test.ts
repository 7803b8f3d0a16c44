import type { ICredentialDataDecryptedObject, IWorkflowExecuteAdditionalData } from 'n8n-workflow';

import { adobeApiRequest } from '../../nodes/AdobeIoEvents/transport';
import {
	connectOAuth2Credential,
	createExecuteContext,
	defaultCredentialTypes,
	startTestServer,
	TestCredentialsHelper,
	TestCredentialStore,
	testCredential,
	type TestServer,
} from '../helpers';

describe('adobeIoEventsOAuth2Api credential', () => {
	let ims: TestServer;
	let api: TestServer;
	let issued = 0;

	beforeAll(async () => {
		ims = await startTestServer((req, res) => {
			if (req.path === '/ims/token/v3') {
				issued++;
				const grant = req.form.get('grant_type');
				if (grant === 'authorization_code' && req.form.get('code') !== 'code-123') return res.json(400, { error: 'invalid_grant' });
				return res.json(200, {
					access_token: `user-tok-${issued}`,
					refresh_token: `refresh-${issued}`,
					token_type: 'bearer',
					expires_in: 86399,
				});
			}
			res.json(404, {});
		});
		api = await startTestServer((req, res) => {
			if (req.headers.authorization === 'Bearer user-tok-stale') return res.json(401, { error_code: '401013', message: 'Oauth token is not valid' });
			res.json(200, { _embedded: { registrations: [] }, seen: { auth: req.headers.authorization, key: req.headers['x-api-key'], org: req.headers['x-ims-org-id'] } });
		});
	});
	beforeEach(() => {
		ims.requests.length = 0;
		api.requests.length = 0;
	});
	afterAll(async () => {
		await ims.close();
		await api.close();
	});

	const data = (): ICredentialDataDecryptedObject => ({
		environment: 'custom',
		imsUrl: `${ims.url}/`,
		apiUrl: api.url,
		ingressUrl: api.url,
		publicKeyUrl: api.url,
		clientId: 'web-client',
		clientSecret: 'web-secret',
		imsOrgId: 'ORG@AdobeOrg',
		consumerOrgId: '1',
		projectId: '2',
		workspaceId: '3',
	});

	async function decrypted(fields: ICredentialDataDecryptedObject) {
		const store = new TestCredentialStore();
		const helper = new TestCredentialsHelper(defaultCredentialTypes(), store);
		const entry = store.add('adobeIoEventsOAuth2Api', fields);
		return await helper.getDecrypted({} as IWorkflowExecuteAdditionalData, { id: entry.id, name: entry.name }, 'adobeIoEventsOAuth2Api', 'internal');
	}

	it('derives the IMS authorize and token endpoints from the environment', async () => {
		expect(await decrypted({ clientId: 'a', clientSecret: 'b' })).toMatchObject({
			grantType: 'authorizationCode',
			authUrl: 'https://ims-na1.adobelogin.com/ims/authorize/v2',
			accessTokenUrl: 'https://ims-na1.adobelogin.com/ims/token/v3',
			authentication: 'body',
			scope: expect.stringContaining('offline_access'),
		});
		expect(await decrypted({ environment: 'stage' })).toMatchObject({
			authUrl: 'https://ims-na1-stg1.adobelogin.com/ims/authorize/v2',
		});
		expect(await decrypted(data())).toMatchObject({
			authUrl: `${ims.url}/ims/authorize/v2`,
			accessTokenUrl: `${ims.url}/ims/token/v3`,
		});
	});

	it('connects through the authorization code flow (authorize → callback → token)', async () => {
		const result = await connectOAuth2Credential('adobeIoEventsOAuth2Api', { ...data(), scope: 'openid,AdobeID,adobeio_api' }, async (url, redirect) => {
			const authorize = new URL(url);
			expect(authorize.origin + authorize.pathname).toBe(`${ims.url}/ims/authorize/v2`);
			expect(authorize.searchParams.get('client_id')).toBe('web-client');
			expect(authorize.searchParams.get('response_type')).toBe('code');
			expect(authorize.searchParams.get('scope')).toBe('openid,AdobeID,adobeio_api');
			expect(authorize.searchParams.get('redirect_uri')).toBe(redirect);
			return `${redirect}?code=code-123&state=${authorize.searchParams.get('state')}`;
		});
		const [tokenRequest] = ims.requests;
		expect(tokenRequest.path).toBe('/ims/token/v3');
		expect(Object.fromEntries(tokenRequest.form)).toMatchObject({
			grant_type: 'authorization_code',
			code: 'code-123',
			client_id: 'web-client',
			client_secret: 'web-secret',
		});
		expect(result.oauthTokenData).toMatchObject({ access_token: expect.stringMatching(/^user-tok-/), refresh_token: expect.any(String) });
		expect(result.store.data('adobeIoEventsOAuth2Api').oauthTokenData).toMatchObject({ access_token: result.oauthTokenData.access_token });
	});

	it('transport adds x-api-key and the org headers to OAuth2-signed requests', async () => {
		const { context } = createExecuteContext({
			parameters: { authentication: 'oAuth2' },
			credentials: { adobeIoEventsOAuth2Api: { ...data(), oauthTokenData: { access_token: 'user-tok-A', refresh_token: 'r-A' } } },
		});
		const body = await adobeApiRequest.call(context, { method: 'GET', path: '/events/1/2/3/registrations' });
		expect(body.seen).toEqual({ auth: 'Bearer user-tok-A', key: 'web-client', org: 'ORG@AdobeOrg' });
	});

	it('refreshes an expired user token with the refresh token and stores it', async () => {
		const { context, store } = createExecuteContext({
			parameters: { authentication: 'oAuth2' },
			credentials: { adobeIoEventsOAuth2Api: { ...data(), oauthTokenData: { access_token: 'user-tok-stale', refresh_token: 'r-stale' } } },
		});
		const body = await adobeApiRequest.call(context, { method: 'GET', path: '/events/1/2/3/registrations' });
		expect(String((body.seen as { auth: string }).auth)).toMatch(/^Bearer user-tok-\d+$/);
		const refresh = ims.requests.find((r) => r.form.get('grant_type') === 'refresh_token');
		expect(refresh?.form.get('refresh_token')).toBe('r-stale');
		expect(store.data('adobeIoEventsOAuth2Api').oauthTokenData).toMatchObject({ access_token: expect.stringMatching(/^user-tok-\d+$/) });
		expect(store.count('updateCredentialsOauthTokenData')).toBe(1);
	});

	it('the credential test lists the workspace with the user token', async () => {
		const result = await testCredential('adobeIoEventsOAuth2Api', { ...data(), oauthTokenData: { access_token: 'user-tok-T', refresh_token: 'r' } });
		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(api.requests[0].headers).toMatchObject({ authorization: 'Bearer user-tok-T', 'x-api-key': 'web-client', 'x-ims-org-id': 'ORG@AdobeOrg' });
	});
});
