/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code: runs outside n8n, needs node:util to inspect errors for leaked secrets */
/**
 * The transport's per-run credential session (openAdobeSession), which the journal trigger opens once per
 * poll: the credential is looked up once for the whole drain (not twice per request), a token refreshed by
 * n8n during the run is used by the following requests, OAuth2 keeps n8n's own lookup, and errors never
 * show the session's secrets. Real n8n request helpers (harness) against local HTTP servers.
 */
import { inspect } from 'node:util';

import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import {
	adobeApiRequest,
	openAdobeSession,
} from '../../../../nodes/AdobeIoEvents/transport';
import {
	createPollContext,
	startTestServer,
	type TestHandler,
	type TestServer,
} from '../../../helpers';

const SECRET = ['session', 'secret', 'xyz'].join('-');

describe('transport: openAdobeSession (one credential lookup per run)', () => {
	let ims: TestServer;
	let api: TestServer;
	let handler: TestHandler;
	let tokenCount = 0;

	beforeAll(async () => {
		ims = await startTestServer((_req, res) => {
			tokenCount++;
			res.json(200, { access_token: `tok-${tokenCount}`, token_type: 'bearer', expires_in: 86399 });
		});
		api = await startTestServer((req, res) => handler(req, res));
	});
	beforeEach(() => {
		api.requests.length = 0;
		ims.requests.length = 0;
		handler = (_req, res) => res.json(200, { ok: true });
	});
	afterAll(async () => {
		await ims.close();
		await api.close();
	});

	const credentials = (): Record<string, ICredentialDataDecryptedObject> => ({
		adobeIoEventsApi: {
			authentication: 'oauthS2S',
			environment: 'custom',
			imsUrl: ims.url,
			apiUrl: api.url,
			ingressUrl: `${api.url}/ingress`,
			publicKeyUrl: api.url,
			clientId: 'client-1',
			clientSecret: SECRET,
			imsOrgId: 'ORG@AdobeOrg',
			consumerOrgId: '11',
			projectId: '22',
			workspaceId: '33',
			credentialId: '44',
		},
	});

	it('looks the credential up once for a whole run of requests (without a session: per request)', async () => {
		const { context } = createPollContext({ credentials: credentials() });
		const lookups = jest.spyOn(context, 'getCredentials');
		const session = await openAdobeSession.call(context);
		for (let i = 0; i < 5; i++) {
			await expect(
				adobeApiRequest.call(context, { method: 'GET', url: `${api.url}/journal?i=${i}`, session }),
			).resolves.toEqual({ ok: true });
		}
		expect(lookups).toHaveBeenCalledTimes(1);
		expect(api.requests).toHaveLength(5);
		// the credential's headers are still set on every request, with one token
		const auth = new Set(api.requests.map((r) => r.headers.authorization));
		expect(auth.size).toBe(1);
		expect([...auth][0]).toMatch(/^Bearer tok-\d+$/);
		expect(api.requests.every((r) => r.headers['x-api-key'] === 'client-1')).toBe(true);
		expect(ims.requests).toHaveLength(1);

		// control: without a session every request looks the credential up once (a session of its own,
		// handed to n8n, which then does not look it up a second time)
		lookups.mockClear();
		for (let i = 0; i < 5; i++) {
			await adobeApiRequest.call(context, { method: 'GET', url: `${api.url}/journal?i=${i}` });
		}
		expect(lookups).toHaveBeenCalledTimes(5);
	});

	it('uses a token n8n refreshed during the run for the following requests (no second refresh)', async () => {
		const { context, store } = createPollContext({ credentials: credentials() });
		store.patch('adobeIoEventsApi', { accessToken: 'stale' });
		const session = await openAdobeSession.call(context);
		handler = (req, res) =>
			req.headers.authorization === 'Bearer stale'
				? res.json(401, { error_code: '401013', message: 'Oauth token is not valid' })
				: res.json(200, { ok: 1 });
		for (let i = 0; i < 3; i++) {
			await expect(
				adobeApiRequest.call(context, { method: 'GET', url: `${api.url}/j`, session }),
			).resolves.toEqual({ ok: 1 });
		}
		// stale → 401 → one refresh → resent; the next two requests send the new token straight away
		expect(api.requests.map((r) => r.headers.authorization)).toEqual([
			'Bearer stale',
			expect.stringMatching(/^Bearer tok-\d+$/),
			api.requests[1].headers.authorization,
			api.requests[1].headers.authorization,
		]);
		expect(ims.requests).toHaveLength(1);
		expect(store.count('preAuthentication')).toBe(1);
		// n8n persisted the new token, and the session holds it too
		const fresh = store.data('adobeIoEventsApi').accessToken as string;
		expect(`Bearer ${fresh}`).toBe(api.requests[1].headers.authorization);
		expect(session.credentials.data?.accessToken).toBe(fresh);
	});

	it('refreshes once after 403 "Oauth token is not valid" with a session too', async () => {
		const { context, store } = createPollContext({ credentials: credentials() });
		store.patch('adobeIoEventsApi', { accessToken: 'stale' });
		const session = await openAdobeSession.call(context);
		handler = (req, res) =>
			req.headers.authorization === 'Bearer stale'
				? res.json(403, { error_code: '403010', message: 'Oauth token is not valid' })
				: res.json(200, { ok: 2 });
		await expect(
			adobeApiRequest.call(context, { method: 'GET', url: `${api.url}/j`, session }),
		).resolves.toEqual({ ok: 2 });
		await expect(
			adobeApiRequest.call(context, { method: 'GET', url: `${api.url}/j`, session }),
		).resolves.toEqual({ ok: 2 });
		expect(ims.requests).toHaveLength(1);
		expect(api.requests.map((r) => r.headers.authorization)[0]).toBe('Bearer stale');
		expect(api.requests).toHaveLength(4); // 401 try, 403 retry with refresh, then the second request
	});

	it('never shows the session token or secret in an error', async () => {
		const { context, store } = createPollContext({ credentials: credentials() });
		const session = await openAdobeSession.call(context);
		handler = (req, res) => res.json(400, { message: `echo ${String(req.headers.authorization)}` });
		let caught: unknown;
		try {
			await adobeApiRequest.call(context, { method: 'GET', url: `${api.url}/j`, session });
		} catch (error) {
			caught = error;
		}
		expect(caught).toBeDefined();
		const token = store.data('adobeIoEventsApi').accessToken as string;
		expect(token).toMatch(/^tok-/);
		const text = `${inspect(caught, { depth: 10 })} ${JSON.stringify(caught)}`;
		expect(text).toContain('[redacted]');
		expect(text).not.toContain(token);
		expect(text).not.toContain(SECRET);
	});

	it('still refuses a URL outside the credential hosts', async () => {
		const { context } = createPollContext({ credentials: credentials() });
		const session = await openAdobeSession.call(context);
		await expect(
			adobeApiRequest.call(context, { method: 'GET', url: 'http://evil.example.com/j', session }),
		).rejects.toThrow(/Refusing to send the Adobe credentials/);
		expect(api.requests).toHaveLength(0);
	});
});
