import { NodeApiError } from 'n8n-workflow';

import {
	createExecuteContext,
	createHookContext,
	createLoadOptionsContext,
	createPollContext,
	createWebhookContext,
	startTestServer,
	TestWebhookResponse,
	type TestServer,
} from './index';

describe('test harness (real n8n-core contexts)', () => {
	let ims: TestServer;
	let api: TestServer;
	let tokens = 0;

	beforeAll(async () => {
		ims = await startTestServer((req, res) => {
			tokens++;
			res.json(200, { access_token: `token-${tokens}`, token_type: 'bearer', expires_in: 86399 });
		});
		api = await startTestServer((req, res) => {
			if (req.headers.authorization === 'Bearer expired') return res.json(401, { error_code: '401013', message: 'Oauth token is not valid' });
			res.json(200, { path: req.path, auth: req.headers.authorization, apiKey: req.headers['x-api-key'] });
		});
	});
	afterAll(async () => {
		await ims.close();
		await api.close();
	});

	const credentials = () => ({
		adobeIoEventsApi: {
			environment: 'custom',
			imsUrl: ims.url,
			apiUrl: api.url,
			ingressUrl: api.url,
			publicKeyUrl: api.url,
			clientId: 'client-1',
			clientSecret: 'secret-1',
			imsOrgId: 'ORG@AdobeOrg',
			consumerOrgId: '1',
			projectId: '2',
			workspaceId: '3',
		},
	});

	it('performs a simple GET with the real httpRequest helper', async () => {
		const { context } = createExecuteContext();
		const body = await context.helpers.httpRequest({ method: 'GET', url: `${api.url}/hello`, json: true });
		expect(body).toMatchObject({ path: '/hello' });
	});

	it('runs preAuthentication once, persists the token and authenticates', async () => {
		const { context, store } = createExecuteContext({ credentials: credentials() });
		const first = await context.helpers.httpRequestWithAuthentication.call(context, 'adobeIoEventsApi', {
			method: 'GET',
			url: `${api.url}/a`,
			json: true,
		});
		expect(first).toMatchObject({ auth: expect.stringMatching(/^Bearer token-\d+$/), apiKey: 'client-1' });
		const stored = store.data('adobeIoEventsApi').accessToken;
		expect(stored).toMatch(/^token-/);
		await context.helpers.httpRequestWithAuthentication.call(context, 'adobeIoEventsApi', {
			method: 'GET',
			url: `${api.url}/b`,
			json: true,
		});
		expect(store.count('preAuthentication')).toBe(1);
	});

	it('refreshes the token after a 401 and retries once', async () => {
		const { context, store } = createExecuteContext({ credentials: credentials() });
		store.patch('adobeIoEventsApi', { accessToken: 'expired' });
		const body = await context.helpers.httpRequestWithAuthentication.call(context, 'adobeIoEventsApi', {
			method: 'GET',
			url: `${api.url}/c`,
			json: true,
		});
		expect(body).toMatchObject({ auth: expect.stringMatching(/^Bearer token-/) });
		expect(store.events.filter((e) => e.kind === 'preAuthentication')).toEqual([
			expect.objectContaining({ credentialsExpired: true }),
		]);
	});

	it('wraps HTTP failures in NodeApiError', async () => {
		const { context, store } = createExecuteContext({ credentials: credentials() });
		store.patch('adobeIoEventsApi', { accessToken: 'expired' });
		api.setHandler((req, res) => res.json(401, { error_code: '401013', message: 'Oauth token is not valid' }));
		try {
			await expect(
				context.helpers.httpRequestWithAuthentication.call(context, 'adobeIoEventsApi', { method: 'GET', url: `${api.url}/d` }),
			).rejects.toBeInstanceOf(NodeApiError);
		} finally {
			api.setHandler((req, res) => res.json(200, { path: req.path, auth: req.headers.authorization }));
		}
	});

	it('builds hook, poll, load-options and webhook contexts with inspectable static data', async () => {
		const hook = createHookContext({ nodeStaticData: { registrationId: 'r1' } });
		expect(hook.context.getWorkflowStaticData('node').registrationId).toBe('r1');
		hook.context.getWorkflowStaticData('node').registrationId = 'r2';
		expect(hook.nodeStaticData().registrationId).toBe('r2');
		expect(hook.context.getNodeWebhookUrl('default')).toMatch(/^http:\/\/127\.0\.0\.1:5678\/webhook\/.+\/webhook$/);

		const poll = createPollContext();
		poll.context.getWorkflowStaticData('node').cursor = 'x';
		expect(poll.nodeStaticData()).toEqual({ cursor: 'x' });

		const load = createLoadOptionsContext({ parameters: { authentication: 'oAuth2' } });
		expect(load.context.getNodeParameter('authentication')).toBe('oAuth2');

		const hook2 = createWebhookContext({
			webhookName: 'setup',
			request: { method: 'GET', query: { challenge: 'abc' }, rawBody: Buffer.from('x'), rawBodyPreRead: false },
		});
		expect(hook2.context.getWebhookName()).toBe('setup');
		expect(hook2.context.getQueryData()).toEqual({ challenge: 'abc' });
		const req = hook2.context.getRequestObject();
		expect(req.rawBody).toBeUndefined();
		await req.readRawBody();
		expect(req.rawBody.toString()).toBe('x');
		hook2.context.getResponseObject().status(200).send('abc');
		expect(hook2.response).toMatchObject({ statusCode: 200, body: 'abc', ended: true });
	});

	it('TestWebhookResponse is complete when the node sends it, like express (onFinish once)', () => {
		const finished: Array<{ status: number; body: unknown; type?: string }> = [];
		const response = new TestWebhookResponse((r) =>
			finished.push({ status: r.statusCode, body: r.body, type: r.getHeader('content-type') }),
		);
		const w = createWebhookContext({ request: { method: 'POST' }, response });
		const res = w.context.getResponseObject();
		res.status(202);
		expect(finished).toEqual([]);
		res.json({ ok: true });
		expect(finished).toEqual([{ status: 202, body: { ok: true }, type: 'application/json' }]);
		res.end();
		res.send('again');
		expect(finished).toHaveLength(1);
		const statusOnly = new TestWebhookResponse((r) => finished.push({ status: r.statusCode, body: r.body }));
		statusOnly.sendStatus(204);
		expect(finished[1]).toEqual({ status: 204, body: undefined });
	});
});
