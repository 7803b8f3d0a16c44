/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code: runs outside n8n, needs node:util to inspect errors for leaked secrets */
/**
 * Where the access token goes, and what error texts may show (issue 18 items 5 and 6b/6d), with n8n's
 * real request helpers against real HTTP servers on 127.0.0.1: every server is its own origin on the
 * SAME host name, which is exactly the case a host-name comparison gets wrong.
 */
import { inspect } from 'node:util';

import { NodeApiError, NodeOperationError, type ICredentialDataDecryptedObject } from 'n8n-workflow';

import {
	adobeApiRequest,
	adobeApiRequestAllItems,
	type AdobeApi,
} from '../../../../nodes/AdobeIoEvents/transport';
import {
	createExecuteContext,
	failureOf,
	serverCredentials,
	startTestServer,
	type TestHandler,
	type TestServer,
} from '../../../helpers';

/** A secret long enough to straddle a cut; its first characters must never show. */
const SECRET = ['zq9', 'Secret', 'Crossing', 'The', 'Cut', '77'].join('-');
const SECRET_PREFIX = SECRET.slice(0, 7);

describe('transport: the token only goes to the configured origins', () => {
	let ims: TestServer;
	let api: TestServer;
	let other: TestServer;
	let keys: TestServer;
	let imsHandler: TestHandler;
	let handler: TestHandler;
	let tokenCount = 0;

	const token: TestHandler = (_req, res) => {
		tokenCount++;
		res.json(200, { access_token: `tok-${tokenCount}`, token_type: 'bearer', expires_in: 86399 });
	};

	beforeAll(async () => {
		ims = await startTestServer((req, res) => imsHandler(req, res));
		api = await startTestServer((req, res) => handler(req, res));
		other = await startTestServer((_req, res) => res.json(200, { _embedded: { registrations: [{ id: 'stolen' }] } }));
		keys = await startTestServer((_req, res) => res.text(200, 'key'));
	});
	beforeEach(() => {
		for (const server of [ims, api, other, keys]) server.requests.length = 0;
		imsHandler = token;
		handler = (_req, res) => res.json(200, { ok: true });
	});
	afterAll(async () => {
		await Promise.all([ims, api, other, keys].map(async (s) => await s.close()));
	});

	const harness = (extra: ICredentialDataDecryptedObject = {}) =>
		createExecuteContext({
			credentials: {
				adobeIoEventsApi: serverCredentials(
					{ ims: ims.url, api: api.url, publicKey: keys.url },
					{ clientSecret: SECRET, ...extra },
				),
			},
		});
	const failure = failureOf<NodeApiError>;

	const errorText = (error: unknown) => `${inspect(error, { depth: 10 })} ${JSON.stringify(error)}`;

	it('a HAL next link to another port of the same host gets no request, so no Authorization (item 5)', async () => {
		handler = (_req, res) =>
			res.json(200, {
				_embedded: { registrations: [{ id: 'r0' }] },
				_links: { next: { href: `${other.url}/events/11/22/33/registrations?page=1` } },
			});
		const { context } = harness();
		const error = await failure(
			adobeApiRequestAllItems.call(context, { method: 'GET', path: '/events/11/22/33/registrations' }, 'registrations'),
		);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toBe(
			`Refusing to send the Adobe credentials to ${other.url}: it is not an Adobe I/O Events host.`,
		);
		expect(error.description).toMatch(/origins \(scheme, host and port\)/);
		expect(api.requests).toHaveLength(1);
		expect(other.requests).toHaveLength(0);
	});

	it('an Adobe answer redirecting to another port is not followed: the token stays with the API (item 5)', async () => {
		handler = (_req, res) => res.empty(302, { location: `${other.url}/events/11/22/33/registrations` });
		const { context } = harness();
		const error = await failure(adobeApiRequest.call(context, { method: 'GET', path: '/events/11/22/33/registrations' }));
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.httpCode).toBe('302');
		expect(error.message).toBe(
			`The Adobe I/O Events API answered with a redirect (HTTP 302 to ${other.url}): redirects are not followed, so the Adobe credentials only go to the configured hosts. Check the base URLs of the credential.`,
		);
		expect(api.requests).toHaveLength(1);
		expect(api.requests[0].headers.authorization).toMatch(/^Bearer tok-/);
		expect(other.requests).toHaveLength(0);
	});

	it("the Custom Journal URL's origin gets the token (the emulator's journal listener)", async () => {
		const { context } = harness({ journalUrl: other.url });
		await expect(
			adobeApiRequest.call(context, { method: 'GET', api: 'journal', url: `${other.url}/events/organizations/11/integrations/44/r1` }),
		).resolves.toEqual({ _embedded: { registrations: [{ id: 'stolen' }] } });
		expect(other.requests).toHaveLength(1);
		expect(other.requests[0].headers.authorization).toMatch(/^Bearer tok-/);
		// ...and without it, the same journal link is refused before anything is sent
		const refused = await failure(
			adobeApiRequest.call(harness().context, { method: 'GET', api: 'journal', url: `${other.url}/events/organizations/11/integrations/44/r1` }),
		);
		expect(refused).toBeInstanceOf(NodeOperationError);
		expect(refused.description).toMatch(/Journal URL/);
		expect(other.requests).toHaveLength(1);
	});

	it.each(['keys', 'ims'])('never sends the token to api "%s" (item 6d), nor to its origin by URL', async (name) => {
		const { context } = harness();
		const error = await failure(
			adobeApiRequest.call(context, { method: 'GET', api: name as AdobeApi, path: '/prod/keys/pub-key-a.pem' }),
		);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toBe(
			`The Adobe access token is not sent to "${name}": only the Events API (with the journal) and ingress receive it.`,
		);
		const server = name === 'keys' ? keys : ims;
		const byUrl = await failure(adobeApiRequest.call(context, { method: 'GET', url: `${server.url}/prod/keys/pub-key-a.pem` }));
		expect(byUrl).toBeInstanceOf(NodeOperationError);
		expect(keys.requests).toHaveLength(0);
		expect(ims.requests.filter((r) => r.headers.authorization !== undefined)).toHaveLength(0);
	});

	describe('secrets are redacted BEFORE a text is cut to length (item 6b)', () => {
		it('an Adobe error body: a secret crossing the 500-character cut leaves no trace', async () => {
			// a broken gateway echoing what it got, with the secret across character 500
			handler = (_req, res) => res.text(400, `${'a'.repeat(493)}${SECRET} and more`);
			const { context } = harness();
			const error = await failure(adobeApiRequest.call(context, { method: 'GET', path: '/events/x' }));
			expect(error).toBeInstanceOf(NodeApiError);
			expect(error.message).toMatch(/^Adobe rejected the request: a{493}\[redact\. /);
			expect(errorText(error)).not.toContain(SECRET_PREFIX);
		});

		it('an IMS error description: a secret crossing the 300-character cut leaves no trace', async () => {
			imsHandler = (_req, res) =>
				res.json(400, { error: 'invalid_request', error_description: `${'b'.repeat(295)}${SECRET} and more` });
			const { context } = harness();
			const error = await failure(adobeApiRequest.call(context, { method: 'GET', path: '/events/x' }));
			expect(error).toBeInstanceOf(NodeApiError);
			expect(error.message).toMatch(/\(IMS answered HTTP 400 invalid_request: b{295}\[reda\)/);
			expect(errorText(error)).not.toContain(SECRET_PREFIX);
			expect(api.requests).toHaveLength(0);
		});
	});
});
