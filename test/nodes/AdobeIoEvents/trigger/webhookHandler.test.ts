/**
 * webhook() of the Watch Events trigger with real n8n-core WebhookContexts, real RSA keys served
 * by a real HTTP key host, and exact signed bytes.
 */
import type { TriggerRuntime } from '../../../../nodes/AdobeIoEvents/trigger/webhookHandler';
import { createDeliveryRuntime } from '../../../../nodes/AdobeIoEvents/webhook/runtime';
import { startTestServer, type TestServer } from '../../../helpers/http-server';
import { TestCredentialStore } from '../../../helpers/n8n-context';
import {
	cloudEvent,
	keyPairs,
	PATH_ONE,
	PATH_TWO,
	signedHeaders,
	hmacSignature,
} from '../webhook/fixtures';
import { callWebhook, LAYOUT_VERSIONS, type TriggerSetup } from './harness';

const CLIENT_ID = 'c5a34355b7f5491f8277b8dd63f0bfa3';
/** Keys Adobe rotated to: served by the key host, never fetched before the test that uses them. */
const PATH_THREE = '/prod/keys/pub-key-rotated0003.pem';
const PATH_FOUR = '/prod/keys/pub-key-rotated0004.pem';
const SECRET = ['hmac', 'test', 'value', '0123456789'].join('-');

// Every case runs once per parameter layout (typeVersion 1.1: first screen; 2: under Options).
describe.each(LAYOUT_VERSIONS)('Watch Events webhook() (typeVersion %s)', (typeVersion) => {
	const [k1, k2, rogue, k3, k4] = keyPairs(5);
	let keyHost: TestServer;
	let validationHost: TestServer;
	let n = 0;

	beforeAll(async () => {
		keyHost = await startTestServer((req, res) => {
			if (req.path === PATH_ONE) return res.text(200, k1.publicPem);
			if (req.path === PATH_TWO) return res.text(200, k2.publicPem);
			if (req.path === PATH_THREE) return res.text(200, k3.publicPem);
			if (req.path === PATH_FOUR) return res.text(200, k4.publicPem);
			if (req.path.startsWith('/prod/keys/pub-key-down')) return res.text(503, 'unavailable');
			if (req.path.startsWith('/prod/keys/pub-key-forbidden'))
				return res.text(403, 'forbidden by a CDN rule');
			if (req.path.startsWith('/prod/keys/pub-key-ratelimited')) return res.text(429, 'slow down');
			return res.text(404, 'not found');
		});
		validationHost = await startTestServer((req, res) =>
			req.path === '/csm/junk'
				? res.json(404, { message: 'Unknown or expired validation request' })
				: res.json(200, { status: 'validated' }),
		);
	});
	afterAll(async () => {
		await keyHost.close();
		await validationHost.close();
	});
	// Every test starts as a fresh n8n process would: its own delivery state, its own clock.
	let now = Date.now();
	let runtime: TriggerRuntime;
	beforeEach(() => {
		now = Date.now();
		runtime = createDeliveryRuntime({ now: () => now });
	});

	function setup(parameters: Record<string, unknown> = {}, keysUrl?: string): TriggerSetup {
		return {
			parameters: {
				providerId: { __rl: true, mode: 'id', value: 'provider-1' },
				eventCodes: ['com.example.file_created'],
				// these cases check deliveries item by item against the event as delivered (version 2's
				// default is Simplified; its own cases are in output.versions.test.ts)
				output: 'full',
				...parameters,
			} as TriggerSetup['parameters'],
			credentials: {
				authentication: 'oauthS2S',
				environment: 'custom',
				imsUrl: 'http://127.0.0.1:9/ims',
				apiUrl: validationHost.url,
				ingressUrl: 'http://127.0.0.1:9/ingress',
				publicKeyUrl: keysUrl ?? keyHost.url,
				clientId: CLIENT_ID,
				clientSecret: SECRET,
				imsOrgId: 'ORG@AdobeOrg',
				consumerOrgId: '1',
				projectId: '2',
				workspaceId: '3',
			},
			store: new TestCredentialStore(),
			webhookBaseUrl: 'https://n8n.example.com/',
			staticData: {},
			testStaticData: {},
			runtime,
			typeVersion,
		};
	}

	function event(overrides: Record<string, unknown> = {}) {
		n++;
		return cloudEvent({
			eventid: `evt-${n}-${Date.now()}`,
			recipientclientid: CLIENT_ID,
			recipient_client_id: CLIENT_ID,
			...overrides,
		});
	}

	function signed(payload: unknown, pairs = [k1, k2], paths?: [string, string]) {
		const rawBody = Buffer.from(JSON.stringify(payload));
		return { rawBody, headers: signedHeaders(rawBody, pairs, paths) };
	}

	function noSecretsIn(lines: string[], ...secrets: string[]) {
		for (const line of lines) for (const s of secrets) expect(line).not.toContain(s);
	}

	describe('GET challenge (setup webhook)', () => {
		it('echoes the challenge as JSON', async () => {
			const call = await callWebhook(setup(), {
				method: 'GET',
				query: { challenge: '8ec8d794-e0ab-42df-9017-e3dada8e84f7' },
			});
			expect(call.status).toBe(200);
			expect(call.body).toEqual({ challenge: '8ec8d794-e0ab-42df-9017-e3dada8e84f7' });
			expect(call.headers['content-type']).toBe('application/json');
			expect(call.result.workflowData).toBeUndefined();
		});
		it.each([
			{},
			{ challenge: '' },
			{ challenge: '<b>x</b>' },
			{ challenge: 'a'.repeat(300) },
			{ challenge: ['a', 'b'] },
		])('400 for %j, no execution', async (query) => {
			const call = await callWebhook(setup(), { method: 'GET', query });
			expect(call.status).toBe(400);
			expect(call.result.workflowData).toBeUndefined();
		});
	});

	describe('signed deliveries', () => {
		it('verifies the raw bytes (reading them when n8n has not) and emits one item', async () => {
			const e = event();
			const call = await callWebhook(setup(), signed(e));
			expect(call.readRawBodyCalls).toBe(1);
			expect(call.result.workflowData?.[0]).toHaveLength(1);
			expect(call.result.workflowData?.[0][0].json).toEqual(e);
		});

		it('reads the credential once per minute, not per delivery (hot path), and picks up a change after that', async () => {
			const s = setup();
			expect((await callWebhook(s, signed(event()))).result.workflowData?.[0]).toHaveLength(1);
			// The credential now names another client: within the cache's lifetime deliveries are
			// still checked against the cached (registration-time) client id …
			s.store.patch('adobeIoEventsApi', { clientId: 'another-client-id' });
			expect((await callWebhook(s, signed(event()))).result.workflowData?.[0]).toHaveLength(1);
			expect(runtime.credentials.size).toBe(1);
			now += 59_000;
			expect((await callWebhook(s, signed(event()))).result.workflowData?.[0]).toHaveLength(1);
			// … and once the entry has expired (after 60 s) the changed credential is read again.
			now += 1_001;
			const call = await callWebhook(s, signed(event()));
			expect(call.status).toBe(401);
			expect(call.result.workflowData).toBeUndefined();
		});

		it('splits a batch into one item per event', async () => {
			const batch = [event(), event(), event()];
			const call = await callWebhook(setup({ deliveryType: 'webhook_batch' }), signed(batch));
			expect(call.result.workflowData?.[0].map((i) => i.json.eventid)).toEqual(
				batch.map((b) => b.eventid),
			);
		});

		it('data-only output with delivery metadata', async () => {
			const e = event({ data: { path: '/x.png' } });
			const req = signed(e);
			const call = await callWebhook(
				setup({ output: 'data', options: { includeDeliveryMetadata: true } }),
				{
					...req,
					headers: { ...req.headers, 'x-adobe-retry-count': '2' },
				},
			);
			const json = call.result.workflowData?.[0][0].json;
			expect(json?.path).toBe('/x.png');
			expect(json?._delivery).toMatchObject({
				deliveryId: 'delivery-1',
				eventCode: 'com.example.file_created',
				retryCount: 2,
			});
		});

		it('accepts header case variants and a body n8n already read', async () => {
			const req = signed(event());
			const upper = Object.fromEntries(
				Object.entries(req.headers).map(([k, v]) => [k.toUpperCase(), v]),
			);
			const call = await callWebhook(setup(), { ...req, headers: upper, rawBodyPreRead: true });
			expect(call.readRawBodyCalls).toBe(0);
			expect(call.result.workflowData?.[0]).toHaveLength(1);
		});

		it('drops duplicates by eventid within the window, and can be switched off', async () => {
			const e = event();
			const s = setup();
			expect((await callWebhook(s, signed(e))).result.workflowData?.[0]).toHaveLength(1);
			const again = await callWebhook(s, signed(e));
			expect(again.status).toBe(200);
			expect(again.result.workflowData).toBeUndefined();
			const batch = await callWebhook(
				setup({ deliveryType: 'webhook_batch' }),
				signed([e, event()]),
			);
			expect(batch.result.workflowData?.[0]).toHaveLength(1);
			const off = await callWebhook(setup({ options: { dedupe: false } }), signed(e));
			expect(off.result.workflowData?.[0]).toHaveLength(1);
		});
	});

	describe('rejections: correct status, no execution, no secret in logs', () => {
		async function expectRejected(
			s: TriggerSetup,
			request: Parameters<typeof callWebhook>[1],
			status: number,
		) {
			const call = await callWebhook(s, request);
			expect(call.status).toBe(status);
			expect(call.result.workflowData).toBeUndefined();
			const h = request.headers ?? {};
			const sigs = ['x-adobe-digital-signature-1', 'x-adobe-digital-signature-2'].map((k) =>
				String(h[k] ?? 'none-set'),
			);
			noSecretsIn(call.warnings, SECRET, ...sigs);
			return call;
		}

		it('401 forged (signed with foreign keys)', async () => {
			await expectRejected(setup(), signed(event(), [rogue, rogue]), 401);
		});
		it('401 tampered body', async () => {
			const req = signed(event());
			const tampered = Buffer.from(req.rawBody.toString().replace('/a/b.jpg', '/a/evil.jpg'));
			await expectRejected(setup(), { ...req, rawBody: tampered }, 401);
		});
		it('401 unsigned / missing headers', async () => {
			await expectRejected(
				setup(),
				{ rawBody: Buffer.from(JSON.stringify(event())), headers: {} },
				401,
			);
			const req = signed(event());
			const partial = { ...req.headers };
			delete partial['x-adobe-public-key1-path'];
			delete partial['x-adobe-digital-signature-2'];
			await expectRejected(setup(), { ...req, headers: partial }, 401);
		});
		it('401 duplicated signature headers', async () => {
			const req = signed(event());
			await expectRejected(
				setup(),
				{
					...req,
					headers: {
						...req.headers,
						'x-adobe-digital-signature-1': [
							req.headers['x-adobe-digital-signature-1'],
							req.headers['x-adobe-digital-signature-1'],
						],
						'x-adobe-digital-signature-2': `${req.headers['x-adobe-digital-signature-2']}, ${req.headers['x-adobe-digital-signature-2']}`,
					},
				},
				401,
			);
		});
		it.each([
			'@evil.example/x.pem',
			'/prod/keys/../../x.pem',
			'http://evil.example/prod/keys/pub-key-a.pem',
		])('401 for key path %s without fetching it', async (path) => {
			const before = keyHost.requests.length;
			await expectRejected(setup(), signed(event(), [k1, k2], [path, path]), 401);
			expect(keyHost.requests.length).toBe(before);
		});
		it('401 when a batch holds one foreign recipient', async () => {
			const batch = [
				event(),
				event({ recipientclientid: 'someone-else', recipient_client_id: 'someone-else' }),
				event(),
			];
			await expectRejected(setup({ deliveryType: 'webhook_batch' }), signed(batch), 401);
		});
		it('401 when a recipient field is present but empty (not treated as absent)', async () => {
			await expectRejected(
				setup(),
				signed(event({ recipientclientid: '', recipient_client_id: undefined })),
				401,
			);
		});
		it('503 (Adobe retries) when the credential has no Client ID to check against', async () => {
			const s = setup();
			s.credentials = { ...s.credentials, clientId: '' };
			const call = await expectRejected(s, signed(event()), 503);
			expect(call.headers['retry-after']).toBe('60');
			expect(call.warnings.join('\n')).toMatch(/no Client ID/);
		});
		it('503 when the key host is unreachable (Adobe retries)', async () => {
			const call = await expectRejected(setup({}, 'http://127.0.0.1:9'), signed(event()), 503);
			expect(call.headers['retry-after']).toBe('60');
		});
		it('503 when the key host answers 5xx', async () => {
			const paths: [string, string] = [
				'/prod/keys/pub-key-down1.pem',
				'/prod/keys/pub-key-down2.pem',
			];
			await expectRejected(setup(), signed(event(), [k1, k2], paths), 503);
		});
		it('400 malformed JSON (signed), 400 empty body, 400 non-object JSON', async () => {
			const raw = Buffer.from('{"specversion": "1.0", ');
			await expectRejected(setup(), { rawBody: raw, headers: signedHeaders(raw, [k1, k2]) }, 400);
			await expectRejected(setup(), { rawBody: Buffer.alloc(0), headers: {} }, 400);
			const num = Buffer.from('42');
			await expectRejected(setup(), { rawBody: num, headers: signedHeaders(num, [k1, k2]) }, 400);
		});
		it('401 for malformed unsigned JSON (verification comes first)', async () => {
			await expectRejected(setup(), { rawBody: Buffer.from('{not json'), headers: {} }, 401);
		});
		it('413 for a body over 10 MB', async () => {
			const huge = Buffer.alloc(10 * 1024 * 1024 + 1, 0x20);
			await expectRejected(setup(), { rawBody: huge, headers: {} }, 413);
		});
	});

	describe('signature modes', () => {
		it('legacy HMAC with the client secret', async () => {
			const raw = Buffer.from(JSON.stringify(event()));
			const ok = await callWebhook(setup({ signatureCheck: 'hmac' }), {
				rawBody: raw,
				headers: { 'x-adobe-signature': hmacSignature(raw, SECRET) },
			});
			expect(ok.result.workflowData?.[0]).toHaveLength(1);
			const bad = await callWebhook(setup({ signatureCheck: 'hmac' }), {
				rawBody: raw,
				headers: { 'x-adobe-signature': hmacSignature(raw, 'wrong') },
			});
			expect(bad.status).toBe(401);
			noSecretsIn(bad.warnings, SECRET);
		});
		it('hmac: the client secret is read once per minute, not per delivery; a rotated secret is picked up at once, a forged flood cannot force reads', async () => {
			const s = setup({ signatureCheck: 'hmac' });
			const reads = jest.spyOn(s.store, 'getById');
			const send = async (secret: string) => {
				const raw = Buffer.from(JSON.stringify(event()));
				return await callWebhook(s, {
					rawBody: raw,
					headers: { 'x-adobe-signature': hmacSignature(raw, secret) },
				});
			};
			for (let i = 0; i < 5; i++) expect((await send(SECRET)).status).toBe(200);
			const readsAfterFive = reads.mock.calls.length;
			// the user rotates the secret; Adobe signs with the new one: the cached old one fails, the
			// credential is re-read once, and the delivery is accepted instead of dropped (401)
			const rotated = `${SECRET}-rotated`;
			s.store.patch('adobeIoEventsApi', { clientSecret: rotated });
			expect((await send(rotated)).status).toBe(200);
			expect(reads.mock.calls.length).toBeGreaterThan(readsAfterFive);
			// forged requests with wrong signatures: 401, and within 5 s no further credential read
			const readsBeforeFlood = reads.mock.calls.length;
			for (let i = 0; i < 20; i++) expect((await send('forged')).status).toBe(401);
			expect(reads.mock.calls.length).toBe(readsBeforeFlood);
			reads.mockRestore();
		});
		it('either: digital or HMAC, one item each; neither → 401', async () => {
			const viaHmacEvent = event();
			const raw = Buffer.from(JSON.stringify(viaHmacEvent));
			const viaHmac = await callWebhook(setup({ signatureCheck: 'either' }), {
				rawBody: raw,
				headers: { 'x-adobe-signature': hmacSignature(raw, SECRET) },
			});
			expect(viaHmac.status).toBe(200);
			expect(viaHmac.result.workflowData?.[0].map((i) => i.json)).toEqual([viaHmacEvent]);
			const viaDigitalEvent = event();
			const viaDigital = await callWebhook(
				setup({ signatureCheck: 'either' }),
				signed(viaDigitalEvent),
			);
			expect(viaDigital.status).toBe(200);
			expect(viaDigital.result.workflowData?.[0].map((i) => i.json)).toEqual([viaDigitalEvent]);
			const neither = await callWebhook(setup({ signatureCheck: 'either' }), {
				rawBody: raw,
				headers: { 'x-adobe-signature': hmacSignature(raw, 'wrong') },
			});
			expect(neither.status).toBe(401);
			expect(neither.result.workflowData).toBeUndefined();
		});
		it('none: unsigned accepted as one item (recipient still checked)', async () => {
			const unsignedEvent = event();
			const raw = Buffer.from(JSON.stringify(unsignedEvent));
			const call = await callWebhook(setup({ signatureCheck: 'none' }), {
				rawBody: raw,
				headers: {},
			});
			expect(call.status).toBe(200);
			expect(call.result.workflowData?.[0].map((i) => i.json)).toEqual([unsignedEvent]);
			const foreign = Buffer.from(
				JSON.stringify(event({ recipientclientid: 'x', recipient_client_id: 'x' })),
			);
			const refused = await callWebhook(setup({ signatureCheck: 'none' }), {
				rawBody: foreign,
				headers: {},
			});
			expect(refused.status).toBe(401);
			expect(refused.result.workflowData).toBeUndefined();
		});
	});

	describe('events without a recipient field: refused unless HMAC-verified or accepted by the option', () => {
		const legacy = () => ({ event_id: `legacy-${++n}-${Date.now()}`, event: { hello: 'world' } });
		const unaddressed = () =>
			event({ recipientclientid: undefined, recipient_client_id: undefined });
		const accept = { options: { acceptUnaddressed: true } };

		it('digital: an unaddressed signed CloudEvent and legacy event get 401 by default (cross-customer replay)', async () => {
			for (const e of [unaddressed(), legacy()]) {
				const call = await callWebhook(setup(), signed(e));
				expect(call.status).toBe(401);
				expect(call.body).toEqual({ message: 'Event names no recipient' });
				expect(call.result.workflowData).toBeUndefined();
				expect(call.warnings.join('\n')).toMatch(/Accept Events Without a Recipient/);
			}
		});
		it('digital: 200 and one item each with Accept Events Without a Recipient on', async () => {
			for (const e of [unaddressed(), legacy()]) {
				const call = await callWebhook(setup(accept), signed(e));
				expect(call.status).toBe(200);
				expect(call.result.workflowData?.[0].map((i) => i.json)).toEqual([e]);
			}
		});
		it('digital: still 401 when the signature does not verify, option or not', async () => {
			const call = await callWebhook(setup(accept), signed(legacy(), [rogue, rogue]));
			expect(call.status).toBe(401);
			expect(call.result.workflowData).toBeUndefined();
		});
		it('batch: one unaddressed event fails the batch by default; with the option a foreign recipient still does', async () => {
			const mixed = [event(), legacy(), unaddressed()];
			const refused = await callWebhook(setup({ deliveryType: 'webhook_batch' }), signed(mixed));
			expect(refused.status).toBe(401);
			const ok = await callWebhook(
				setup({ deliveryType: 'webhook_batch', ...accept }),
				signed([event(), legacy(), unaddressed()]),
			);
			expect(ok.result.workflowData?.[0]).toHaveLength(3);
			const bad = await callWebhook(
				setup({ deliveryType: 'webhook_batch', ...accept }),
				signed([legacy(), event({ recipientclientid: 'someone-else' })]),
			);
			expect(bad.status).toBe(401);
			expect(bad.result.workflowData).toBeUndefined();
		});
		it('hmac and either: an HMAC-verified unaddressed event is accepted (the secret is the user’s own), a wrong HMAC is 401', async () => {
			for (const mode of ['hmac', 'either']) {
				for (const e of [legacy(), unaddressed()]) {
					const raw = Buffer.from(JSON.stringify(e));
					const ok = await callWebhook(setup({ signatureCheck: mode }), {
						rawBody: raw,
						headers: { 'x-adobe-signature': hmacSignature(raw, SECRET) },
					});
					expect(ok.status).toBe(200);
					expect(ok.result.workflowData?.[0].map((i) => i.json)).toEqual([e]);
					const bad = await callWebhook(setup({ signatureCheck: mode }), {
						rawBody: raw,
						headers: { 'x-adobe-signature': hmacSignature(raw, 'wrong') },
					});
					expect(bad.status).toBe(401);
				}
			}
		});
		it('either: an unaddressed event verified by the DIGITAL signature is refused by default', async () => {
			const call = await callWebhook(setup({ signatureCheck: 'either' }), signed(legacy()));
			expect(call.status).toBe(401);
		});
		it('none: refused by default, accepted with the option', async () => {
			const raw = Buffer.from(JSON.stringify(legacy()));
			const refused = await callWebhook(setup({ signatureCheck: 'none' }), {
				rawBody: raw,
				headers: {},
			});
			expect(refused.status).toBe(401);
			const ok = await callWebhook(setup({ signatureCheck: 'none', ...accept }), {
				rawBody: raw,
				headers: {},
			});
			expect(ok.result.workflowData?.[0]).toHaveLength(1);
		});
	});

	describe('recipient fields that disagree', () => {
		it.each([
			{ recipientclientid: CLIENT_ID, recipient_client_id: 'someone-else' },
			{ recipientclientid: '', recipient_client_id: CLIENT_ID },
			{ recipientclientid: 42, recipient_client_id: CLIENT_ID },
		])('401 for %j', async (fields) => {
			const call = await callWebhook(setup(), signed(event(fields)));
			expect(call.status).toBe(401);
			expect(call.result.workflowData).toBeUndefined();
		});
	});

	describe('key host answers and key paths', () => {
		it('403 / 429 from the key host are transient (503, Adobe retries), never "no such key" (401)', async () => {
			for (const kind of ['forbidden', 'ratelimited']) {
				const paths: [string, string] = [
					`/prod/keys/pub-key-${kind}1.pem`,
					`/prod/keys/pub-key-${kind}2.pem`,
				];
				const call = await callWebhook(setup(), signed(event(), [k1, k2], paths));
				expect(call.status).toBe(503);
				expect(call.result.workflowData).toBeUndefined();
			}
		});

		it('a flood of unsigned requests with random key paths never evicts the real keys, and is cut off by the new-key budget', async () => {
			const s = setup();
			// the real keys are cached by a real delivery
			expect((await callWebhook(s, signed(event()))).status).toBe(200);
			const fetchesBefore = keyHost.requests.length;
			for (let i = 0; i < 120; i++) {
				const junk: [string, string] = [
					`/prod/keys/pub-key-junk${i}a.pem`,
					`/prod/keys/pub-key-junk${i}b.pem`,
				];
				const call = await callWebhook(s, signed(event(), [rogue, rogue], junk));
				expect([401, 503]).toContain(call.status);
				expect(call.result.workflowData).toBeUndefined();
			}
			// the budget (10 unknown keys a minute) bounded what reached the key host
			expect(keyHost.requests.length - fetchesBefore).toBeLessThanOrEqual(10);
			// and a real delivery during the attack still verifies from the cached keys: 200, one item
			const real = await callWebhook(s, signed(event()));
			expect(real.status).toBe(200);
			expect(real.result.workflowData?.[0]).toHaveLength(1);
			expect(keyHost.requests.length - fetchesBefore).toBeLessThanOrEqual(10);
		});

		it('a production trigger refuses /stage/keys/ paths without fetching them (and stage refuses /prod/)', async () => {
			for (const [environment, path] of [
				['production', '/stage/keys/pub-key-abc.pem'],
				['stage', '/prod/keys/pub-key-abc.pem'],
			] as const) {
				// a fresh process per environment (the delivery context is cached per trigger)
				const s = { ...setup(), runtime: createDeliveryRuntime() } as TriggerSetup;
				s.credentials = { ...s.credentials, environment };
				const call = await callWebhook(s, signed(event(), [k1, k2], [path, path]));
				expect(call.status).toBe(401);
				expect(call.warnings.join('\n')).toMatch(/which this environment does not use/);
			}
		});
	});

	describe('key budget: a flood cannot starve a real delivery signed with never-fetched keys (issue 22 #1)', () => {
		let flood = 0;
		const freshPaths = (): [string, string] => {
			flood++;
			return [`/prod/keys/pub-key-flood${flood}a.pem`, `/prod/keys/pub-key-flood${flood}b.pem`];
		};
		const keyFetches = (path: string) => keyHost.requests.filter((r) => r.path === path).length;
		const floodFetches = () =>
			keyHost.requests.filter((r) => r.path.startsWith('/prod/keys/pub-key-flood')).length;

		it('a stranger who knows only the URL (not the client id): 300 forged requests with fresh key paths fetch nothing (401/400); a real delivery signed with never-fetched keys then → 200', async () => {
			const s = setup();
			const before = floodFetches();
			const statuses: Record<number, number> = {};
			const other = 'ffffffffffffffffffffffffffffffff';
			for (let i = 0; i < 300; i++) {
				const payload =
					i % 3 === 0
						? event({ recipientclientid: other, recipient_client_id: other })
						: i % 3 === 1
							? event({ recipientclientid: undefined, recipient_client_id: undefined })
							: undefined;
				const rawBody = payload ? Buffer.from(JSON.stringify(payload)) : Buffer.from('{"x": nope');
				const call = await callWebhook(s, {
					rawBody,
					headers: signedHeaders(rawBody, [rogue, rogue], freshPaths()),
				});
				statuses[call.status] = (statuses[call.status] ?? 0) + 1;
				expect(call.result.workflowData).toBeUndefined();
			}
			// Adobe's real delivery, signed with keys this process never fetched
			const real = await callWebhook(s, signed(event(), [k3, k4], [PATH_THREE, PATH_FOUR]));
			expect({ real: real.status, statuses, fetched: floodFetches() - before }).toEqual({
				real: 200,
				statuses: { 400: 100, 401: 200 },
				fetched: 0,
			});
			expect(real.result.workflowData?.[0]).toHaveLength(1);
		});

		it('an attacker who knows the client id spends only the budget of the trigger he floods: another trigger’s real delivery with never-fetched keys → 200, and then the flooded trigger’s too', async () => {
			const rotatedBefore = keyFetches(PATH_THREE) + keyFetches(PATH_FOUR);
			const flooded = { ...setup(), workflowId: 'wf-flooded' };
			const other = { ...setup(), workflowId: 'wf-other' };
			const before = floodFetches();
			const statuses: Record<number, number> = {};
			for (let i = 0; i < 60; i++) {
				const rawBody = Buffer.from(JSON.stringify(event()));
				const call = await callWebhook(flooded, {
					rawBody,
					headers: signedHeaders(rawBody, [rogue, rogue], freshPaths()),
				});
				statuses[call.status] = (statuses[call.status] ?? 0) + 1;
				expect(call.result.workflowData).toBeUndefined();
			}
			expect(floodFetches() - before).toBe(10); // the flooded trigger's budget: 10 a minute
			expect(statuses[503]).toBeGreaterThan(0);
			// the residual risk (docs/security.md): the flooded trigger's own new-key delivery waits …
			const waiting = await callWebhook(
				flooded,
				signed(event(), [k3, k4], [PATH_THREE, PATH_FOUR]),
			);
			expect(waiting.status).toBe(503);
			expect(keyFetches(PATH_THREE) + keyFetches(PATH_FOUR)).toBe(rotatedBefore);
			// … another trigger's is fetched from its own budget …
			const real = await callWebhook(other, signed(event(), [k3, k4], [PATH_THREE, PATH_FOUR]));
			expect(real.status).toBe(200);
			expect(real.result.workflowData?.[0]).toHaveLength(1);
			// … and Adobe's retry to the flooded trigger finds the key cached
			const retry = await callWebhook(flooded, signed(event(), [k3, k4], [PATH_THREE, PATH_FOUR]));
			expect(retry.status).toBe(200);
		});

		it('a key rotated while the other one still verifies is vouched for: when the other rotates too, the delivery verifies although the trigger’s budget is spent', async () => {
			const s = setup();
			const threeBefore = keyFetches(PATH_THREE);
			// both keys cached (signature 1 does not verify, so key 2 is fetched as well)
			expect((await callWebhook(s, signed(event(), [rogue, k2]))).status).toBe(200);
			// Adobe rotates slot 1: key 2 still verifies, key 3 is not needed (not fetched) …
			expect((await callWebhook(s, signed(event(), [k3, k2], [PATH_THREE, PATH_TWO]))).status).toBe(
				200,
			);
			expect(keyFetches(PATH_THREE)).toBe(threeBefore);
			// … an attacker who knows the client id spends the trigger's budget …
			for (let i = 0; i < 15; i++) {
				const rawBody = Buffer.from(JSON.stringify(event()));
				await callWebhook(s, {
					rawBody,
					headers: signedHeaders(rawBody, [rogue, rogue], freshPaths()),
				});
			}
			const spent = await callWebhook(s, {
				...signed(event(), [rogue, rogue], freshPaths()),
			});
			expect(spent.status).toBe(503);
			// … and Adobe rotates slot 2: key 3 was vouched for by a verified delivery
			const real = await callWebhook(s, signed(event(), [k3, k4], [PATH_THREE, PATH_FOUR]));
			expect(real.status).toBe(200);
			expect(keyFetches(PATH_THREE)).toBe(threeBefore + 1);
		});
	});

	describe('freshness of signed deliveries (issue 22 #4)', () => {
		const HOUR = 3_600_000;
		const aged = (hours: number) => event({ time: new Date(now - hours * HOUR).toISOString() });

		it('a captured delivery replayed after a restart, its event 49 h old: 200 and nothing runs; 47 h old it runs', async () => {
			const old = signed(aged(49));
			const call = await callWebhook(setup(), old);
			expect(call.status).toBe(200);
			expect(call.body).toEqual({
				message: 'Event too old; acknowledged without running the workflow',
			});
			expect(call.result.workflowData).toBeUndefined();
			expect(call.warnings.join('\n')).toMatch(/did not run 1 signed event older than 48 h/);
			const recent = await callWebhook(setup(), signed(aged(47)));
			expect(recent.result.workflowData?.[0]).toHaveLength(1);
		});

		it('the legacy HMAC signature too; Signature Check "None" proves nothing about time and is not checked', async () => {
			const e = aged(49);
			const rawBody = Buffer.from(JSON.stringify(e));
			const hmac = await callWebhook(setup({ signatureCheck: 'hmac' }), {
				rawBody,
				headers: { 'x-adobe-signature': hmacSignature(rawBody, SECRET) },
			});
			expect({ status: hmac.status, ran: hmac.result.workflowData !== undefined }).toEqual({
				status: 200,
				ran: false,
			});
			const none = await callWebhook(
				{ ...setup({ signatureCheck: 'none' }), workflowId: 'wf-none' },
				{ rawBody, headers: {} },
			);
			expect(none.result.workflowData?.[0]).toHaveLength(1);
		});

		it('"Listen for test event" is not limited: Adobe’s sample event may carry its template’s old time', async () => {
			const call = await callWebhook(setup(), { ...signed(aged(24 * 365)), isTest: true });
			expect(call.result.workflowData?.[0]).toHaveLength(1);
		});

		it('a batch runs its fresh events and drops the old ones', async () => {
			const batch = [aged(1), aged(72), aged(2)];
			const call = await callWebhook(setup({ deliveryType: 'webhook_batch' }), signed(batch));
			expect(call.result.workflowData?.[0].map((item) => item.json)).toEqual([batch[0], batch[2]]);
		});

		it('a burst of replays is logged once, the count carried into the next line a minute later', async () => {
			const s = setup();
			const lines: string[] = [];
			for (let i = 0; i < 30; i++) {
				const call = await callWebhook(s, signed(aged(50)));
				expect(call.result.workflowData).toBeUndefined();
				lines.push(...call.warnings.filter((w) => /older than 48 h/.test(w)));
			}
			expect(lines).toHaveLength(1);
			now += 60_000;
			const next = await callWebhook(s, signed(aged(50)));
			expect(next.warnings.filter((w) => /older than 48 h/.test(w)).join()).toMatch(
				/did not run 30 signed events/,
			);
		});
	});

	describe('per-trigger de-duplication', () => {
		it('a trigger with Signature Check "None" flooded with unsigned batches cannot evict another trigger’s event ids', async () => {
			const signedTrigger = setup();
			const seen = event();
			expect(
				(await callWebhook(signedTrigger, signed(seen))).result.workflowData?.[0],
			).toHaveLength(1);
			const open = {
				...setup({ signatureCheck: 'none', deliveryType: 'webhook_batch' }),
				workflowId: 'wf-open',
			};
			for (let round = 0; round < 11; round++) {
				const batch = Array.from({ length: 1000 }, () => event());
				const flood = await callWebhook(open, {
					rawBody: Buffer.from(JSON.stringify(batch)),
					headers: {},
				});
				expect(flood.result.workflowData?.[0]).toHaveLength(1000);
			}
			// Adobe's retry of the signed trigger's event is still a duplicate
			const retry = await callWebhook(signedTrigger, signed(seen));
			expect(retry.status).toBe(200);
			expect(retry.result.workflowData).toBeUndefined();
		});
	});

	describe('vouched keys after a restart (issue 22 #1)', () => {
		it('the key not needed by the first delivery is vouched for: when the other key rotates, it is fetched although the trigger’s budget is spent', async () => {
			const s = setup();
			// a fresh process: the first delivery fetches key 1 only (it verifies); key 2 is vouched for
			expect((await callWebhook(s, signed(event()))).status).toBe(200);
			const twoBefore = keyHost.requests.filter((r) => r.path === PATH_TWO).length;
			for (let i = 0; i < 15; i++) {
				const rawBody = Buffer.from(JSON.stringify(event()));
				await callWebhook(s, {
					rawBody,
					headers: signedHeaders(
						rawBody,
						[rogue, rogue],
						[`/prod/keys/pub-key-spend${i}a.pem`, `/prod/keys/pub-key-spend${i}b.pem`],
					),
				});
			}
			// Adobe rotates slot 1: key 3 is new (the spent budget refuses it), key 2 was vouched for
			const real = await callWebhook(s, signed(event(), [k3, k2], [PATH_THREE, PATH_TWO]));
			expect(real.status).toBe(200);
			expect(keyHost.requests.filter((r) => r.path === PATH_TWO).length).toBe(twoBefore + 1);
		});
	});

	describe('per-trigger "still running" set (issue 22 #2)', () => {
		it('a "None" trigger flooded with unsigned batches cannot push out another trigger’s running events: Adobe’s retry of an event whose workflow is still running → 503', async () => {
			const signedTrigger = setup({ options: { acknowledge: 'whenFinished' } });
			const seen = event();
			const first = await callWebhook(signedTrigger, {
				...signed(seen),
				acknowledge: 'whenFinished',
			});
			expect(first.result.workflowData?.[0]).toHaveLength(1);
			// its workflow has not finished: a retry now is told to come back
			const early = await callWebhook(signedTrigger, {
				...signed(seen),
				acknowledge: 'whenFinished',
			});
			expect(early.status).toBe(503);
			const open = {
				...setup({
					signatureCheck: 'none',
					deliveryType: 'webhook_batch',
					options: { acknowledge: 'whenFinished' },
				}),
				workflowId: 'wf-open',
			};
			for (let round = 0; round < 11; round++) {
				const batch = Array.from({ length: 1000 }, () => event());
				const flooded = await callWebhook(open, {
					rawBody: Buffer.from(JSON.stringify(batch)),
					headers: {},
					acknowledge: 'whenFinished',
				});
				expect(flooded.result.workflowData?.[0]).toHaveLength(1000);
			}
			// still running: 503 (not "Duplicate delivery ignored", which would lose the event if the workflow fails)
			const retry = await callWebhook(signedTrigger, {
				...signed(seen),
				acknowledge: 'whenFinished',
			});
			expect(retry.status).toBe(503);
			expect(retry.result.workflowData).toBeUndefined();
		});
	});

	describe('async validation POST (issue 22 #3)', () => {
		const PROD_SCOPE = 'wf-test-1|node-1|prod';
		const validationBody = (url: string) => Buffer.from(JSON.stringify({ validationUrl: url }));
		let v = 0;
		/** a distinct URL on the credential's API host (the Custom environment's validation host) */
		const validationUrl = (path = '/csm/registrations/validate') => {
			v++;
			return new URL(`${path}?id=${v}&challenge=c${v}`, validationHost.url).toString();
		};
		const gets = (path: string) => validationHost.requests.filter((r) => r.path === path).length;
		const post = async (url: string) =>
			await callWebhook(setup(), {
				rawBody: validationBody(url),
				headers: { 'content-type': 'application/json' },
			});

		it('the same answer whether the gate is open or closed, whatever the URL; nothing is fetched while closed', async () => {
			const before = validationHost.requests.length;
			const closed = [await post(validationUrl()), await post('https://evil.example/csm')];
			expect(validationHost.requests.length).toBe(before);
			runtime.validations.expect(PROD_SCOPE);
			const url = validationUrl();
			const open = [await post(url), await post('https://evil.example/csm'), await post(url)];
			const answers = [...closed, ...open].map((c) => ({ status: c.status, body: c.body }));
			expect(answers).toEqual(
				answers.map(() => ({ status: 200, body: { message: 'Validation request received' } })),
			);
			for (const c of [...closed, ...open]) expect(c.result.workflowData).toBeUndefined();
			// the open gate followed Adobe's URL once (the repeat was not followed again)
			expect(validationHost.requests.length).toBe(before + 1);
		});

		it('while the lifecycle awaits validation: follows the URL on the credential API host, no execution; a GET that succeeds does not close the gate', async () => {
			runtime.validations.expect(PROD_SCOPE);
			const before = gets('/csm/registrations/validate');
			const call = await post(validationUrl());
			expect(call.warnings.filter((w) => w.startsWith('warn'))).toEqual([]);
			expect(call.result.workflowData).toBeUndefined();
			expect(gets('/csm/registrations/validate')).toBe(before + 1);
			// a stranger's URL on the validation host that answers 2xx came first: Adobe's is still followed
			await post(validationUrl());
			expect(gets('/csm/registrations/validate')).toBe(before + 2);
			expect(runtime.validations.isOpen(PROD_SCOPE)).toBe(true);
		});

		it('a stranger’s URL that keeps failing does not hold Adobe’s back: distinct URLs are followed at once', async () => {
			runtime.validations.expect(PROD_SCOPE);
			const junkBefore = gets('/csm/junk');
			const realBefore = gets('/csm/registrations/validate');
			// 404 four times over ~7 s
			const junk = post(validationUrl('/csm/junk'));
			const started = Date.now();
			const real = await post(validationUrl());
			expect(real.status).toBe(200);
			expect(gets('/csm/registrations/validate')).toBe(realBefore + 1);
			expect(Date.now() - started).toBeLessThan(2_000);
			await junk;
			expect(gets('/csm/junk')).toBe(junkBefore + 4);
		}, 20_000);

		it('follows at most 16 distinct URLs per opening of the gate; the lifecycle opening it again starts over', async () => {
			runtime.validations.expect(PROD_SCOPE);
			const before = gets('/csm/registrations/validate');
			const calls = await Promise.all(
				Array.from({ length: 20 }, async () => await post(validationUrl())),
			);
			expect(calls.map((c) => c.status)).toEqual(calls.map(() => 200));
			expect(gets('/csm/registrations/validate')).toBe(before + 16);
			runtime.validations.expect(PROD_SCOPE);
			await post(validationUrl());
			expect(gets('/csm/registrations/validate')).toBe(before + 17);
		});

		it.each([
			'https://evil.example/csm',
			'http://169.254.169.254/latest/meta-data',
			'https://csm.adobe.io@evil.example/x',
		])('never calls %s, even while validation is expected (same answer)', async (url) => {
			runtime.validations.expect(PROD_SCOPE);
			const before = validationHost.requests.length;
			const call = await post(url);
			expect(call.status).toBe(200);
			expect(call.result.workflowData).toBeUndefined();
			expect(validationHost.requests.length).toBe(before);
		});
	});
});
