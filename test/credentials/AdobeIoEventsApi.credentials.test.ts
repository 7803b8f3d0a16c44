/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code: runs outside n8n, needs node:util to inspect errors for leaked secrets */
import { createVerify, generateKeyPairSync } from 'node:crypto';
import { inspect } from 'node:util';

import type { ICredentialDataDecryptedObject, IHttpRequestHelper } from 'n8n-workflow';

import { AdobeIoEventsApi } from '../../credentials/AdobeIoEventsApi.credentials';
import { createExecuteContext, startTestServer, testCredential, TestCredentialStore, type TestServer } from '../helpers';

const SECRET = ['S3cr3t', 'client', 'secret', 'value'].join('-');
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const PASSPHRASE = 'pass-phrase-value';
const encryptedKey = privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: PASSPHRASE }) as string;

describe('adobeIoEventsApi credential', () => {
	let ims: TestServer;
	let api: TestServer;
	let imsReply: (form: URLSearchParams, path: string) => { status: number; body: unknown };

	beforeAll(async () => {
		ims = await startTestServer((req, res) => {
			const reply = imsReply(req.form, req.path);
			res.json(reply.status, reply.body);
		});
		api = await startTestServer((req, res) => {
			if (req.path === '/events/111/222/333/registrations') {
				return res.json(200, { _embedded: { registrations: [] }, _links: { self: { href: `${api.url}${req.path}` } } });
			}
			if (req.headers.authorization !== 'Bearer tok-1') return res.json(401, { error_code: '401013', message: 'Oauth token is not valid' });
			res.json(404, { reason: 'not found', message: 'Not Found' });
		});
	});
	beforeEach(() => {
		imsReply = () => ({ status: 200, body: { access_token: 'tok-1', token_type: 'bearer', expires_in: 86399 } });
		ims.requests.length = 0;
		api.requests.length = 0;
	});
	afterAll(async () => {
		await ims.close();
		await api.close();
	});

	const s2s = (): ICredentialDataDecryptedObject => ({
		authentication: 'oauthS2S',
		environment: 'custom',
		imsUrl: `${ims.url}/`,
		apiUrl: api.url,
		ingressUrl: api.url,
		publicKeyUrl: api.url,
		clientId: 'client-abc',
		clientSecret: SECRET,
		scopes: 'openid, AdobeID,adobeio_api',
		imsOrgId: 'ORG1@AdobeOrg',
		consumerOrgId: '111',
		projectId: '222',
		workspaceId: '333',
	});
	const jwt = (): ICredentialDataDecryptedObject => ({
		...s2s(),
		authentication: 'jwt',
		technicalAccountId: 'TECH1@techacct.adobe.com',
		privateKey: encryptedKey,
		privateKeyPassphrase: PASSPHRASE,
		metascopes: 'ent_adobeio_sdk,event_receiver_api',
	});

	/** preAuthentication exactly as n8n calls it: this = { helpers: { httpRequest } } (real helper). */
	async function preAuth(credentials: ICredentialDataDecryptedObject) {
		const { context } = createExecuteContext();
		const helper = { helpers: { httpRequest: context.helpers.httpRequest } } as IHttpRequestHelper;
		return await new AdobeIoEventsApi().preAuthentication.call(helper, credentials);
	}

	async function preAuthError(credentials: ICredentialDataDecryptedObject): Promise<Error> {
		try {
			await preAuth(credentials);
		} catch (error) {
			return error as Error;
		}
		throw new Error('expected preAuthentication to fail');
	}

	function expectNoSecret(value: unknown) {
		const text = `${inspect(value, { depth: 8 })} ${JSON.stringify(value)} ${(value as Error)?.message ?? ''}`;
		expect(text).not.toContain(SECRET);
		expect(text).not.toContain(PASSPHRASE);
		expect(text).not.toContain(encryptedKey.split('\n')[2]);
	}

	it('S2S: POSTs the client_credentials form to /ims/token/v3', async () => {
		await expect(preAuth(s2s())).resolves.toEqual({ accessToken: 'tok-1' });
		expect(ims.requests).toHaveLength(1);
		const [req] = ims.requests;
		expect(req.method).toBe('POST');
		expect(req.path).toBe('/ims/token/v3');
		expect(req.headers['content-type']).toBe('application/x-www-form-urlencoded');
		expect(Object.fromEntries(req.form)).toEqual({
			grant_type: 'client_credentials',
			client_id: 'client-abc',
			client_secret: SECRET,
			scope: 'openid,AdobeID,adobeio_api',
		});
	});

	it('S2S: uses the default scopes when the field is empty', async () => {
		await preAuth({ ...s2s(), scopes: '' });
		expect(ims.requests[0].form.get('scope')).toContain('adobeio_api');
	});

	it('JWT: signs the claims with the (encrypted) private key and exchanges them at /ims/exchange/jwt', async () => {
		imsReply = () => ({ status: 200, body: { access_token: 'jwt-tok', token_type: 'bearer', expires_in: 86399996 } });
		await expect(preAuth(jwt())).resolves.toEqual({ accessToken: 'jwt-tok' });
		const [req] = ims.requests;
		expect(req.path).toBe('/ims/exchange/jwt');
		expect(req.form.get('client_id')).toBe('client-abc');
		expect(req.form.get('client_secret')).toBe(SECRET);
		const token = req.form.get('jwt_token') as string;
		const [h, p, s] = token.split('.');
		expect(createVerify('RSA-SHA256').update(`${h}.${p}`).verify(publicKey, Buffer.from(s, 'base64url'))).toBe(true);
		const claims = JSON.parse(Buffer.from(p, 'base64url').toString()) as Record<string, unknown>;
		expect(claims).toMatchObject({
			iss: 'ORG1@AdobeOrg',
			sub: 'TECH1@techacct.adobe.com',
			aud: `${ims.url}/c/client-abc`,
			[`${ims.url}/s/ent_adobeio_sdk`]: true,
			[`${ims.url}/s/event_receiver_api`]: true,
		});
		const now = Math.floor(Date.now() / 1000);
		expect(claims.exp).toBeGreaterThan(now);
		expect(claims.exp).toBeLessThanOrEqual(now + 301);
	});

	it('JWT: a wrong passphrase names the passphrase field and sends nothing', async () => {
		const error = await preAuthError({ ...jwt(), privateKeyPassphrase: 'nope-wrong' });
		expect(error.message).toMatch(/Private Key Passphrase/);
		expect(ims.requests).toHaveLength(0);
		expectNoSecret(error);
	});

	it('JWT: a malformed PEM names the private key field', async () => {
		const error = await preAuthError({ ...jwt(), privateKey: 'not a key' });
		expect(error.message).toMatch(/"Private Key" is not a PEM private key/);
	});

	it.each([
		['clientId', /"Client ID" is empty/],
		['clientSecret', /"Client Secret" is empty/],
	])('S2S: a missing %s is named', async (field, pattern) => {
		const error = await preAuthError({ ...s2s(), [field]: '' });
		expect(error.message).toMatch(pattern);
		expect(ims.requests).toHaveLength(0);
	});

	it.each([
		['imsOrgId', /"Organization ID" is empty/],
		['technicalAccountId', /"Technical Account ID" is empty/],
		['privateKey', /"Private Key" is empty/],
	])('JWT: a missing %s is named', async (field, pattern) => {
		const error = await preAuthError({ ...jwt(), [field]: '' });
		expect(error.message).toMatch(pattern);
	});

	it('Custom environment: an empty or invalid IMS URL is named', async () => {
		expect((await preAuthError({ ...s2s(), imsUrl: '' })).message).toMatch(/"IMS URL" is empty/);
		expect((await preAuthError({ ...s2s(), imsUrl: 'ims.example' })).message).toMatch(/"IMS URL" must be an absolute/);
	});

	it('IMS invalid_client names Client ID / Client Secret and surfaces the IMS text', async () => {
		imsReply = () => ({ status: 401, body: { error: 'invalid_client', error_description: 'invalid client_secret parameter' } });
		const error = await preAuthError(s2s());
		expect(error.message).toMatch(/rejected the Client ID or the Client Secret/);
		expect(error.message).toMatch(/invalid client_secret parameter/);
		expectNoSecret(error);
	});

	it('IMS errors that echo the secret are redacted', async () => {
		imsReply = () => ({ status: 400, body: { error: 'invalid_scope', error_description: `scope bad for ${SECRET}` } });
		const error = await preAuthError(s2s());
		expect(error.message).toMatch(/Scopes/);
		expect(error.message).toContain('[redacted]');
		expectNoSecret(error);
	});

	it('JWT: invalid_signature points at the private key', async () => {
		imsReply = () => ({ status: 400, body: { error: 'invalid_signature', error_description: 'JWT signature invalid' } });
		const error = await preAuthError(jwt());
		expect(error.message).toMatch(/Private Key does not belong/);
	});

	it('an unreachable IMS names the IMS URL', async () => {
		const closed = await startTestServer(() => undefined);
		await closed.close();
		const error = await preAuthError({ ...s2s(), imsUrl: closed.url });
		expect(error.message).toMatch(new RegExp(`Could not reach Adobe IMS at ${closed.url} \\(connection refused\\)`));
		expect(error.message).toMatch(/IMS URL/);
		expectNoSecret(error);
	});

	it('a 200 answer without access_token is reported', async () => {
		imsReply = () => ({ status: 200, body: { hello: 'world' } });
		expect((await preAuthError(s2s())).message).toMatch(/without an access token/);
	});

	it('authenticate adds the bearer token, the API key and both org headers', async () => {
		const options = await new AdobeIoEventsApi().authenticate(
			{ ...s2s(), accessToken: 'tok-9' },
			{ url: `${api.url}/x`, headers: { Accept: 'application/hal+json' } },
		);
		expect(options.headers).toEqual({
			Accept: 'application/hal+json',
			Authorization: 'Bearer tok-9',
			'x-api-key': 'client-abc',
			'x-ims-org-id': 'ORG1@AdobeOrg',
			'x-gw-ims-org-id': 'ORG1@AdobeOrg',
		});
	});

	describe('authenticate signs only requests to Adobe I/O Events origins (issue 22 #6)', () => {
		const production = (): ICredentialDataDecryptedObject => ({ ...s2s(), environment: 'production', accessToken: 'tok-9' });
		const custom = (): ICredentialDataDecryptedObject => ({ ...s2s(), journalUrl: 'http://127.0.0.1:1/journal', accessToken: 'tok-9' });
		const sign = async (data: ICredentialDataDecryptedObject, options: Record<string, unknown>) =>
			await new AdobeIoEventsApi().authenticate(data, { ...options } as never);

		it.each([
			[{ url: 'https://api.adobe.io/events/1/providers' }],
			[{ url: 'https://events-va6.adobe.io/events/organizations/1/integrations/2/abc' }],
			[{ baseURL: 'https://api.adobe.io', url: '/events/1/2/3/registrations' }],
			[{ uri: 'https://eventsingress.adobe.io/' }],
		])('production: signs %j', async (options) => {
			const signed = await sign(production(), options);
			expect(signed.headers?.Authorization).toBe('Bearer tok-9');
		});

		it.each([
			[{ url: 'https://evil.example/collect' }],
			[{ url: 'http://api.adobe.io/events' }],
			[{ url: 'https://api.adobe.io:8443/events' }],
			[{ url: 'https://api.adobe.io.evil.example/events' }],
			[{ url: 'https://api.adobe.io@evil.example/events' }],
			[{ url: 'https://ims-na1.adobelogin.com/ims/token/v3' }],
			[{ url: 'https://static.adobeioevents.com/prod/keys/pub-key-x.pem' }],
			[{ uri: 'https://evil.example/collect' }],
			[{ baseURL: 'https://api.adobe.io', url: '//evil.example/collect' }],
			[{ baseURL: 'https://api.adobe.io', url: '\\\\evil.example/collect' }],
			[{ baseURL: 'https://evil.example', url: '/events' }],
			[{ url: 'not a url' }],
			[{}],
		])('production: refuses %j and adds nothing', async (options) => {
			const request = { ...options, headers: { Accept: 'x' } };
			await expect(new AdobeIoEventsApi().authenticate(production(), request as never)).rejects.toThrow(
				/Refusing to send the Adobe I\/O Events credential/,
			);
			expect(request.headers).toEqual({ Accept: 'x' });
		});

		it('custom: exactly the origins of the Events API, Ingress and Journal URLs — not IMS, not another port', async () => {
			const port = Number(new URL(api.url).port);
			expect((await sign(custom(), { url: `${api.url}/events` })).headers?.Authorization).toBe('Bearer tok-9');
			expect((await sign(custom(), { url: 'http://127.0.0.1:1/journal/x' })).headers?.Authorization).toBe('Bearer tok-9');
			for (const url of [`${ims.url}/ims/token/v3`, `http://127.0.0.1:${port + 1}/events`, `https://127.0.0.1:${port}/events`]) {
				await expect(sign(custom(), { url })).rejects.toThrow(/not an Adobe I\/O Events host/);
			}
			// an unusable Custom environment allows no origin
			await expect(sign({ ...custom(), apiUrl: '' }, { url: `${api.url}/events` })).rejects.toThrow(/Refusing/);
		});

		it('through n8n’s real request helpers: the request is refused with an error on the node, and the foreign server receives nothing', async () => {
			const foreign = await startTestServer((_req, res) => res.json(200, { leaked: true }));
			try {
				const { context } = createExecuteContext({ credentials: { adobeIoEventsApi: { ...s2s(), accessToken: 'tok-1' } } });
				await expect(
					context.helpers.httpRequestWithAuthentication.call(context, 'adobeIoEventsApi', { method: 'GET', url: `${foreign.url}/collect` }),
				).rejects.toThrow(/Refusing to send the Adobe I\/O Events credential/);
				// the legacy helper (the HTTP Request node's path)
				await expect(
					context.helpers.requestWithAuthentication.call(context, 'adobeIoEventsApi', { method: 'GET', uri: `${foreign.url}/collect` }),
				).rejects.toThrow(/Refusing to send the Adobe I\/O Events credential/);
				expect(foreign.requests).toEqual([]);
				// an Adobe origin still works through the same helper
				const body = await context.helpers.httpRequestWithAuthentication.call(context, 'adobeIoEventsApi', {
					method: 'GET',
					url: `${api.url}/events/111/222/333/registrations`,
					json: true,
				});
				expect(body).toMatchObject({ _embedded: { registrations: [] } });
			} finally {
				await foreign.close();
			}
		});
	});

	describe('credential test (n8n CredentialsTester semantics)', () => {
		it('succeeds when token and the org/project/workspace ids fit, and persists the token', async () => {
			const store = new TestCredentialStore();
			await expect(testCredential('adobeIoEventsApi', s2s(), { store })).resolves.toEqual({
				status: 'OK',
				message: 'Connection successful!',
			});
			const [req] = api.requests;
			expect(req.path).toBe('/events/111/222/333/registrations');
			expect(req.headers).toMatchObject({
				authorization: 'Bearer tok-1',
				'x-api-key': 'client-abc',
				'x-ims-org-id': 'ORG1@AdobeOrg',
				accept: 'application/hal+json',
			});
			expect(store.data('adobeIoEventsApi').accessToken).toBe('tok-1');
			expect(store.count('preAuthentication')).toBe(1);
		});

		it('a wrong workspace id gives a message naming the three ids', async () => {
			const result = await testCredential('adobeIoEventsApi', { ...s2s(), workspaceId: '999' });
			expect(result.status).toBe('Error');
			expect(result.message).toMatch(/Consumer Org ID, Project ID and Workspace ID/);
		});

		it('an IMS rejection is reported with the field to fix, without the secret', async () => {
			imsReply = () => ({ status: 401, body: { error: 'invalid_client', error_description: 'bad' } });
			const result = await testCredential('adobeIoEventsApi', s2s());
			expect(result.status).toBe('Error');
			expect(result.message).toMatch(/Client ID or the Client Secret/);
			expect(result.message).not.toContain(SECRET);
		});

		it('a wrong passphrase is reported by the test', async () => {
			const result = await testCredential('adobeIoEventsApi', { ...jwt(), privateKeyPassphrase: 'bad' });
			expect(result).toEqual({ status: 'Error', message: expect.stringMatching(/Private Key Passphrase/) });
		});
	});
});
