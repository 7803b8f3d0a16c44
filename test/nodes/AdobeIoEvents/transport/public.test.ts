import { generateKeyPairSync } from 'node:crypto';

import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import {
	confirmValidationUrl,
	fetchPublicKeyPem,
	isAllowedAdobeUrl,
	isAllowedPublicKeyUrl,
	MAX_PUBLIC_KEY_BYTES,
	publicKeyFailureOf,
	type AdobeContext,
} from '../../../../nodes/AdobeIoEvents/transport';
import { ENVIRONMENT_URLS } from '../../../../nodes/AdobeIoEvents/shared/constants';
import { createWebhookContext, startTestServer, type TestHandler, type TestServer } from '../../../helpers';

const pem = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'pem' }) as string;

describe('transport: public key and validation URL', () => {
	let server: TestServer;
	let handler: TestHandler;
	beforeAll(async () => {
		server = await startTestServer((req, res) => handler(req, res));
	});
	afterAll(async () => await server.close());
	beforeEach(() => {
		server.requests.length = 0;
	});

	const ctx = (): Pick<AdobeContext, 'environment' | 'urls'> => ({
		environment: 'custom',
		urls: { ims: server.url, api: server.url, ingress: server.url, publicKey: server.url },
	});
	const context = () => createWebhookContext({ request: { method: 'POST' } }).context;

	async function failure(p: Promise<unknown>): Promise<Error> {
		try {
			await p;
		} catch (error) {
			return error as Error;
		}
		throw new Error('expected failure');
	}

	it('fetches a PEM by path from the public key host without credentials', async () => {
		handler = (req, res) => res.text(200, pem);
		await expect(fetchPublicKeyPem.call(context(), '/prod/keys/pub-key-1.pem', ctx())).resolves.toBe(pem.trim());
		expect(server.requests[0].path).toBe('/prod/keys/pub-key-1.pem');
		expect(server.requests[0].headers.authorization).toBeUndefined();
	});

	it('refuses other hosts, traversal and query strings', async () => {
		handler = (req, res) => res.text(200, pem);
		expect(await failure(fetchPublicKeyPem.call(context(), 'http://evil.example/k.pem', ctx()))).toBeInstanceOf(NodeOperationError);
		expect(await failure(fetchPublicKeyPem.call(context(), '/prod/../k.pem?x=1', ctx()))).toBeInstanceOf(NodeOperationError);
		expect(server.requests).toHaveLength(0);
	});

	it('rejects non-PEM, oversized and failed answers', async () => {
		handler = (req, res) => res.text(200, 'hello');
		expect((await failure(fetchPublicKeyPem.call(context(), '/k.pem', ctx()))).message).toMatch(/not a PEM public key/);
		handler = (req, res) => res.text(200, `${pem}${'x'.repeat(MAX_PUBLIC_KEY_BYTES)}`);
		expect((await failure(fetchPublicKeyPem.call(context(), '/k.pem', ctx()))).message).toMatch(/not a PEM public key/);
		handler = (req, res) => res.text(404, 'missing');
		const error = (await failure(fetchPublicKeyPem.call(context(), '/k.pem', ctx()))) as NodeApiError;
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toMatch(/answered HTTP 404/);
	});

	it('confirms a validation URL with a GET and reports failures', async () => {
		handler = (req, res) => res.text(200, 'ok');
		await expect(confirmValidationUrl.call(context(), `${server.url}/csm/registrations/validate?id=1&challenge=x`, ctx())).resolves.toBe(200);
		expect(server.requests[0].url).toBe('/csm/registrations/validate?id=1&challenge=x');
		handler = (req, res) => res.text(410, 'expired');
		expect((await failure(confirmValidationUrl.call(context(), `${server.url}/v`, ctx()))).message).toMatch(/answered HTTP 410/);
		expect(await failure(confirmValidationUrl.call(context(), 'https://csm.adobe.io.evil.com/v', ctx()))).toBeInstanceOf(NodeOperationError);
	});

	it('host rules: adobe.io over https for production, configured hosts for custom', () => {
		const prod = { environment: 'production' as const, urls: ENVIRONMENT_URLS.production };
		expect(isAllowedAdobeUrl('https://events-va6.adobe.io/events/organizations/1', prod)).toBe(true);
		expect(isAllowedAdobeUrl('https://csm.adobe.io/csm/registrations/validate', prod)).toBe(true);
		expect(isAllowedAdobeUrl('http://api.adobe.io/x', prod)).toBe(false);
		expect(isAllowedAdobeUrl('https://adobe.io.evil.com/x', prod)).toBe(false);
		expect(isAllowedAdobeUrl('https://user:pw@api.adobe.io/x', prod)).toBe(false);
		expect(isAllowedAdobeUrl(`${server.url}/journal`, ctx())).toBe(true);
		// another port of a configured host is another service (issue 18 item 5): no token there
		expect(isAllowedAdobeUrl('http://127.0.0.1:1234/journal', ctx())).toBe(false);
		expect(isAllowedAdobeUrl('http://localhost:1234/journal', ctx())).toBe(false);
		expect(isAllowedPublicKeyUrl('https://static.adobeioevents.com/prod/keys/pub-key-x.pem', prod)).toBe(true);
		expect(isAllowedPublicKeyUrl('https://static.adobeioevents.com.evil/prod/keys/x.pem', prod)).toBe(false);
	});

	describe('no redirects (issue 18 items 2 and 3): only the checked host\'s own answer counts', () => {
		let other: TestServer;
		beforeAll(async () => {
			// another origin on the same machine that would happily serve a key / record a visit
			other = await startTestServer((req, res) => res.text(200, pem));
		});
		afterAll(async () => await other.close());
		beforeEach(() => {
			other.requests.length = 0;
		});

		it('a key host answering 302 to another origin: the key there is NOT trusted, nothing is fetched from it', async () => {
			handler = (req, res) => res.empty(302, { location: `${other.url}/prod/keys/pub-key-1.pem` });
			const error = (await failure(fetchPublicKeyPem.call(context(), '/prod/keys/pub-key-1.pem', ctx()))) as NodeApiError;
			expect(error).toBeInstanceOf(NodeApiError);
			expect(error.httpCode).toBe('302');
			expect(error.message).toBe(
				`The Adobe public key host answered HTTP 302 (a redirect to ${other.url}, not followed) for ${server.url}/prod/keys/pub-key-1.pem.`,
			);
			expect(publicKeyFailureOf(error)).toBe('transient');
			expect(other.requests).toHaveLength(0);
			expect(server.requests).toHaveLength(1);
		});

		it('a validation URL answering 302 to another origin is not followed', async () => {
			handler = (req, res) => res.empty(302, { location: `${other.url}/internal/admin` });
			const error = (await failure(confirmValidationUrl.call(context(), `${server.url}/csm/validate?id=1`, ctx()))) as NodeApiError;
			expect(error).toBeInstanceOf(NodeApiError);
			expect(error.httpCode).toBe('302');
			expect(error.message).toMatch(/^Adobe's validation URL answered HTTP 302 \(a redirect to http:\/\/127\.0\.0\.1:\d+, not followed\)/);
			expect(other.requests).toHaveLength(0);
		});
	});

	describe('key host answers: "no such key" vs transient (issue 18 item 1, transport side)', () => {
		it.each([
			[404, 'missing'],
			[410, 'missing'],
			[403, 'transient'],
			[429, 'transient'],
			[500, 'transient'],
			[503, 'transient'],
			[400, 'transient'],
		] as const)('HTTP %s → %s, with its httpCode', async (status, kind) => {
			handler = (req, res) => res.text(status, 'nope');
			const error = (await failure(fetchPublicKeyPem.call(context(), '/prod/keys/pub-key-1.pem', ctx()))) as NodeApiError;
			expect(error).toBeInstanceOf(NodeApiError);
			expect(error.httpCode).toBe(String(status));
			expect(publicKeyFailureOf(error)).toBe(kind);
		});

		it('no answer (network) and a non-PEM answer are transient; a refused URL is "refused"', async () => {
			const dead = await startTestServer(() => undefined);
			await dead.close();
			const deadCtx = { ...ctx(), urls: { ...ctx().urls, publicKey: dead.url } };
			const network = (await failure(fetchPublicKeyPem.call(context(), '/prod/keys/pub-key-1.pem', deadCtx))) as NodeApiError;
			expect(network).toBeInstanceOf(NodeApiError);
			expect(network.message).toBe(`Could not fetch the Adobe signature public key from ${dead.url}/prod/keys/pub-key-1.pem (connection refused).`);
			expect(publicKeyFailureOf(network)).toBe('transient');

			handler = (req, res) => res.text(200, '<html>maintenance</html>');
			expect(publicKeyFailureOf(await failure(fetchPublicKeyPem.call(context(), '/prod/keys/pub-key-1.pem', ctx())))).toBe('transient');

			const refused = await failure(fetchPublicKeyPem.call(context(), 'http://evil.example/k.pem', ctx()));
			expect(refused).toBeInstanceOf(NodeOperationError);
			expect(publicKeyFailureOf(refused)).toBe('refused');
		});
	});
});
