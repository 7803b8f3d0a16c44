/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code: runs outside n8n, needs node:util to inspect errors for leaked secrets */
import { inspect } from 'node:util';

import { NodeApiError, NodeOperationError, type ICredentialDataDecryptedObject } from 'n8n-workflow';

import {
	adobeApiRequest,
	adobeApiRequestAllItems,
	getAdobeContext,
	parseRetryAfter,
	workspacePath,
} from '../../../../nodes/AdobeIoEvents/transport';
import { createExecuteContext, startTestServer, type TestHandler, type TestServer } from '../../../helpers';

const SECRET = ['client', 'secret', 'xyz'].join('-');

describe('transport: adobeApiRequest', () => {
	let ims: TestServer;
	let api: TestServer;
	let handler: TestHandler;
	let tokenCount = 0;

	beforeAll(async () => {
		ims = await startTestServer((req, res) => {
			tokenCount++;
			res.json(200, { access_token: `tok-${tokenCount}`, token_type: 'bearer', expires_in: 86399 });
		});
		api = await startTestServer((req, res) => handler(req, res));
	});
	beforeEach(() => {
		api.requests.length = 0;
		ims.requests.length = 0;
		handler = (req, res) => res.json(200, { ok: true });
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
			apiUrl: `${api.url}/`,
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
	const harness = () => createExecuteContext({ credentials: credentials() });

	async function failure(promise: Promise<unknown>): Promise<NodeApiError> {
		try {
			await promise;
		} catch (error) {
			return error as NodeApiError;
		}
		throw new Error('expected a failure');
	}

	function expectNoSecrets(error: unknown, token?: string) {
		const text = `${inspect(error, { depth: 10 })} ${JSON.stringify(error)}`;
		expect(text).not.toContain(SECRET);
		if (token) expect(text).not.toContain(token);
	}

	it('sends the management headers and resolves the body', async () => {
		handler = (req, res) => res.json(200, { hello: 'world' });
		const { context } = harness();
		const ctx = await getAdobeContext.call(context);
		expect(ctx).toMatchObject({ consumerOrgId: '11', projectId: '22', workspaceId: '33', credentialId: '44', clientId: 'client-1', environment: 'custom' });
		const body = await adobeApiRequest.call(context, { method: 'GET', path: workspacePath(ctx, 'registrations') });
		expect(body).toEqual({ hello: 'world' });
		const [req] = api.requests;
		expect(req.path).toBe('/events/11/22/33/registrations');
		expect(req.headers).toMatchObject({
			authorization: 'Bearer tok-' + String(tokenCount),
			'x-api-key': 'client-1',
			'x-ims-org-id': 'ORG@AdobeOrg',
			'x-gw-ims-org-id': 'ORG@AdobeOrg',
			accept: 'application/hal+json',
		});
	});

	it('sends JSON bodies, query strings and uses the ingress base URL', async () => {
		handler = (req, res) => res.empty(200);
		const { context } = harness();
		const body = await adobeApiRequest.call(context, {
			method: 'POST',
			api: 'ingress',
			path: '/',
			qs: { a: '1' },
			body: { specversion: '1.0' },
			headers: { 'Content-Type': 'application/cloudevents+json' },
		});
		expect(body).toEqual({});
		const [req] = api.requests;
		expect(req.url).toBe('/ingress/?a=1');
		expect(req.headers['content-type']).toBe('application/cloudevents+json');
		expect(req.json()).toEqual({ specversion: '1.0' });
		expect(req.headers.accept).not.toBe('application/hal+json');
	});

	it('returns the full response on request', async () => {
		handler = (req, res) => res.empty(204, { 'retry-after': '10' });
		const { context } = harness();
		const response = await adobeApiRequest.call(context, { method: 'GET', path: '/x', returnFullResponse: true });
		expect(response).toMatchObject({ statusCode: 204, headers: expect.objectContaining({ 'retry-after': '10' }) });
	});

	it('workspacePath names an empty id field', () => {
		expect(() => workspacePath({ consumerOrgId: '1', projectId: '', workspaceId: '3' }, 'registrations')).toThrow(/"Project ID" is empty/);
		expect(workspacePath({ consumerOrgId: '1', projectId: '2', workspaceId: '3' }, 'registrations', 'abc')).toBe('/events/1/2/3/registrations/abc');
	});

	describe('token refresh', () => {
		it('refreshes after a 401 and resends once', async () => {
			const { context, store } = harness();
			store.patch('adobeIoEventsApi', { accessToken: 'stale' });
			handler = (req, res) => (req.headers.authorization === 'Bearer stale' ? res.json(401, { error_code: '401013', message: 'Oauth token is not valid' }) : res.json(200, { ok: 1 }));
			await expect(adobeApiRequest.call(context, { method: 'GET', path: '/x' })).resolves.toEqual({ ok: 1 });
			expect(api.requests).toHaveLength(2);
			expect(store.data('adobeIoEventsApi').accessToken).toMatch(/^tok-/);
		});

		it('refreshes after a 403 "Oauth token is not valid"', async () => {
			const { context, store } = harness();
			store.patch('adobeIoEventsApi', { accessToken: 'stale' });
			handler = (req, res) => (req.headers.authorization === 'Bearer stale' ? res.json(403, { error_code: '403010', message: 'Oauth token is not valid' }) : res.json(200, { ok: 2 }));
			await expect(adobeApiRequest.call(context, { method: 'GET', path: '/x' })).resolves.toEqual({ ok: 2 });
			expect(store.events.filter((e) => e.kind === 'preAuthentication').map((e) => 'credentialsExpired' in e && e.credentialsExpired)).toEqual([true]);
		});

		it('does not fetch a new token for 403 "Api Key is invalid"', async () => {
			const { context, store } = harness();
			store.patch('adobeIoEventsApi', { accessToken: 'good' });
			handler = (req, res) => res.json(403, { error_code: '403003', message: 'Api Key is invalid' });
			const error = await failure(adobeApiRequest.call(context, { method: 'GET', path: '/x' }));
			expect(error).toBeInstanceOf(NodeApiError);
			expect(error.message).toMatch(/^Adobe rejected the API key \(Client ID\)/);
			expect(error.httpCode).toBe('403');
			expect(api.requests).toHaveLength(1);
			expect(store.count('preAuthentication')).toBe(0);
		});
	});

	describe('error mapping', () => {
		const cases: Array<[string, number, unknown, Record<string, string>, RegExp]> = [
			['service {reason,message}', 400, { reason: 'Invalid Event of Interest, no matching Event', message: 'Bad Request' }, {}, /Adobe rejected the request: Bad Request — Invalid Event of Interest/],
			['gateway 403000', 403, { error_code: '403000', message: 'Api Key is required' }, {}, /did not receive an API key/],
			['gateway 403011', 403, { error_code: '403011', message: 'Scope mismatch' }, {}, /lacks the required scope/],
			['gateway 429001', 429, { error_code: '429001', message: 'Service usage limit reached' }, {}, /usage limit/],
			['IMS {error,error_description}', 400, { error: 'invalid_client', error_description: 'bad client' }, {}, /Client ID or the Client Secret/],
			['409 duplicate', 409, { reason: 'duplicate', message: 'Conflict' }, { 'x-conflicting-id': 'reg-42' }, /conflicting ID reg-42/],
			['409 quota', 409, { message: 'Registration quota reached for this client id' }, {}, /quota reached.*delete registrations/],
			['404', 404, { reason: 'HTTP 404 Not Found', message: 'Application error' }, {}, /found nothing at .*\/missing/],
			['plain text 500', 500, 'upstream exploded', {}, /unavailable right now \(HTTP 500\)/],
		];
		it.each(cases)('%s', async (_label, status, body, headers, pattern) => {
			handler = (req, res) => (typeof body === 'string' ? res.text(status, body, headers) : res.json(status, body, { 'x-request-id': 'req-7', ...headers }));
			const { context } = harness();
			const error = await failure(adobeApiRequest.call(context, { method: 'GET', path: '/missing', retry: { maxAttempts: 1 } }));
			expect(error).toBeInstanceOf(NodeApiError);
			expect(error.message).toMatch(pattern);
			expect(error.httpCode).toBe(String(status));
			if (headers['x-conflicting-id']) expect(error.context.conflictingId).toBe('reg-42');
			if (typeof body !== 'string') {
				expect(error.context.requestId).toBe('req-7');
				expect(error.description).toMatch(/Request ID \(for Adobe support\): req-7/);
			}
			expectNoSecrets(error, 'tok-');
		});

		it('never exposes the token, the secret or the request headers', async () => {
			handler = (req, res) => res.json(400, { message: `echo ${String(req.headers.authorization)}` });
			const { context, store } = harness();
			const error = await failure(adobeApiRequest.call(context, { method: 'GET', path: '/x' }));
			const token = store.data('adobeIoEventsApi').accessToken as string;
			expect(token).toMatch(/^tok-/);
			expect(error.message).toContain('[redacted]');
			expectNoSecrets(error, token);
		});

		it('reports an unreachable API with its origin', async () => {
			const dead = await startTestServer(() => undefined);
			await dead.close();
			const creds = credentials();
			creds.adobeIoEventsApi.apiUrl = dead.url;
			const { context } = createExecuteContext({ credentials: creds });
			const error = await failure(adobeApiRequest.call(context, { method: 'GET', path: '/x', retry: { maxAttempts: 1 } }));
			expect(error.message).toBe(`Could not reach The Adobe I/O Events API at ${dead.url} (connection refused).`);
			expectNoSecrets(error);
		});

		it('surfaces a token failure with the field to fix', async () => {
			const creds = credentials();
			creds.adobeIoEventsApi.clientSecret = '';
			const { context } = createExecuteContext({ credentials: creds });
			const error = await failure(adobeApiRequest.call(context, { method: 'GET', path: '/x' }));
			expect(error).toBeInstanceOf(NodeApiError);
			expect(error.message).toMatch(/"Client Secret" is empty/);
		});

		it('names the credential field when a Custom base URL is unusable (request and context alike)', async () => {
			const creds = credentials();
			creds.adobeIoEventsApi.apiUrl = 'ftp://emulator.local';
			const { context } = createExecuteContext({ credentials: creds });
			for (const attempt of [
				adobeApiRequest.call(context, { method: 'GET', path: '/x' }),
				getAdobeContext.call(context),
			]) {
				const error = await failure(attempt);
				expect(error).toBeInstanceOf(NodeOperationError);
				expect(error.message).toMatch(/credential field ".+" must be an absolute http\(s\) URL/);
				expect(error.description).toMatch(/fix the field named above/);
			}
			expect(api.requests).toHaveLength(0);
		});

		it('refuses to send the token to a foreign host', async () => {
			const { context } = harness();
			const error = await failure(adobeApiRequest.call(context, { method: 'GET', url: 'http://evil.example.com/steal' }));
			expect(error).toBeInstanceOf(NodeOperationError);
			expect(error.message).toMatch(/Refusing to send the Adobe credentials to http:\/\/evil\.example\.com/);
		});
	});

	describe('retries', () => {
		it('retries 5xx with backoff and succeeds', async () => {
			let calls = 0;
			handler = (req, res) => (++calls < 3 ? res.json(503, { message: 'busy' }) : res.json(200, { ok: calls }));
			const { context } = harness();
			await expect(adobeApiRequest.call(context, { method: 'GET', path: '/x', retry: { baseDelayMs: 5 } })).resolves.toEqual({ ok: 3 });
		});

		it('honours Retry-After on 429', async () => {
			let calls = 0;
			handler = (req, res) => (++calls === 1 ? res.json(429, { error_code: '429050', message: 'Too many requests' }, { 'retry-after': '1' }) : res.json(200, { ok: true }));
			const { context } = harness();
			const started = Date.now();
			await adobeApiRequest.call(context, { method: 'GET', path: '/x', retry: { baseDelayMs: 1 } });
			expect(Date.now() - started).toBeGreaterThanOrEqual(950);
			expect(api.requests).toHaveLength(2);
		});

		it('stops at maxAttempts and says how often it tried', async () => {
			handler = (req, res) => res.json(502, { message: 'bad gateway' });
			const { context } = harness();
			const error = await failure(adobeApiRequest.call(context, { method: 'GET', path: '/x', retry: { maxAttempts: 3, baseDelayMs: 1 } }));
			expect(api.requests).toHaveLength(3);
			expect(error.httpCode).toBe('502');
			expect(error.description).toMatch(/Tried 3 times/);
		});

		it('does not wait for a Retry-After beyond maxDelayMs', async () => {
			handler = (req, res) => res.json(429, { error_code: '429001', message: 'Service usage limit reached' }, { 'retry-after': '3600' });
			const { context } = harness();
			const started = Date.now();
			const error = await failure(adobeApiRequest.call(context, { method: 'GET', path: '/x', retry: { maxDelayMs: 2000 } }));
			expect(Date.now() - started).toBeLessThan(1500);
			expect(api.requests).toHaveLength(1);
			expect(error.description).toMatch(/asked to wait 3600 s/);
		});

		it('caps maxAttempts at 10', async () => {
			handler = (req, res) => res.json(500, {});
			const { context } = harness();
			await failure(adobeApiRequest.call(context, { method: 'GET', path: '/x', retry: { maxAttempts: 50, baseDelayMs: 0 } }));
			expect(api.requests).toHaveLength(10);
		});

		it('does not retry other 4xx', async () => {
			handler = (req, res) => res.json(400, { message: 'nope' });
			const { context } = harness();
			await failure(adobeApiRequest.call(context, { method: 'GET', path: '/x' }));
			expect(api.requests).toHaveLength(1);
		});

		it('parses Retry-After seconds and HTTP dates', () => {
			expect(parseRetryAfter('5')).toBe(5000);
			expect(parseRetryAfter(new Date(10_000).toUTCString(), 4_000)).toBe(6000);
			expect(parseRetryAfter('soon')).toBeUndefined();
			expect(parseRetryAfter(undefined)).toBeUndefined();
		});
	});

	describe('HAL pagination', () => {
		const page = (n: number, total: number, size = 2) => ({
			_embedded: { registrations: Array.from({ length: size }, (_, i) => ({ id: `r${n * size + i}` })) },
			_links: n < total - 1 ? { next: { href: `${api.url}/events/11/registrations?page=${n + 1}&size=${size}` } } : {},
			page: { number: n, size, totalPages: total, totalElements: total * size },
		});

		it('follows _links.next until the last page', async () => {
			handler = (req, res) => res.json(200, page(Number(req.query.get('page') ?? 0), 3));
			const { context } = harness();
			const items = await adobeApiRequestAllItems.call(context, { method: 'GET', path: '/events/11/registrations' }, 'registrations');
			expect(items.map((i) => i.id)).toEqual(['r0', 'r1', 'r2', 'r3', 'r4', 'r5']);
			expect(api.requests.map((r) => r.url)).toEqual([
				'/events/11/registrations',
				'/events/11/registrations?page=1&size=2',
				'/events/11/registrations?page=2&size=2',
			]);
			expect(api.requests[2].headers.accept).toBe('application/hal+json');
		});

		it('stops at the limit', async () => {
			handler = (req, res) => res.json(200, page(Number(req.query.get('page') ?? 0), 5));
			const { context } = harness();
			const items = await adobeApiRequestAllItems.call(context, { method: 'GET', path: '/events/11/registrations' }, 'registrations', 3);
			expect(items).toHaveLength(3);
			expect(api.requests).toHaveLength(2);
		});

		it('fails when more than maxPages pages come back', async () => {
			handler = (req, res) => res.json(200, page(Number(req.query.get('page') ?? 0), 1000));
			const { context } = harness();
			const error = await failure(adobeApiRequestAllItems.call(context, { method: 'GET', path: '/events/11/registrations' }, 'registrations', undefined, { maxPages: 4 }));
			expect(error).toBeInstanceOf(NodeOperationError);
			expect(error.message).toMatch(/more than 4 pages/);
			expect(api.requests).toHaveLength(4);
		});

		it('stops on a next link that loops back', async () => {
			handler = (req, res) => res.json(200, { _embedded: { registrations: [{ id: 'x' }] }, _links: { next: { href: `${api.url}/loop` } } });
			const { context } = harness();
			const items = await adobeApiRequestAllItems.call(context, { method: 'GET', path: '/start' }, 'registrations');
			expect(items).toHaveLength(2);
			expect(api.requests).toHaveLength(2);
		});

		it('handles an empty collection', async () => {
			handler = (req, res) => res.json(200, { _embedded: { registrations: [] } });
			const { context } = harness();
			await expect(adobeApiRequestAllItems.call(context, { method: 'GET', path: '/e' }, 'registrations')).resolves.toEqual([]);
		});
	});
});
