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
const SECRET = ['hmac', 'test', 'value', '0123456789'].join('-');

// Every case runs once per parameter layout (typeVersion 1.1: first screen; 2: under Options).
describe.each(LAYOUT_VERSIONS)('Watch Events webhook() (typeVersion %s)', (typeVersion) => {
	const [k1, k2, rogue] = keyPairs(3);
	let keyHost: TestServer;
	let validationHost: TestServer;
	let n = 0;

	beforeAll(async () => {
		keyHost = await startTestServer((req, res) => {
			if (req.path === PATH_ONE) return res.text(200, k1.publicPem);
			if (req.path === PATH_TWO) return res.text(200, k2.publicPem);
			if (req.path.startsWith('/prod/keys/pub-key-down')) return res.text(503, 'unavailable');
			if (req.path.startsWith('/prod/keys/pub-key-forbidden'))
				return res.text(403, 'forbidden by a CDN rule');
			if (req.path.startsWith('/prod/keys/pub-key-ratelimited')) return res.text(429, 'slow down');
			return res.text(404, 'not found');
		});
		validationHost = await startTestServer((_req, res) => res.json(200, { status: 'validated' }));
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

	describe('async validation POST', () => {
		const PROD_SCOPE = 'wf-test-1|node-1|prod';
		const validationBody = (url: string) => Buffer.from(JSON.stringify({ validationUrl: url }));
		const validationUrl = () =>
			new URL('/csm/registrations/validate?id=1&challenge=2', validationHost.url).toString();

		it('is refused at once (403) and nothing is fetched while no registration of this trigger is being validated', async () => {
			const before = validationHost.requests.length;
			const call = await callWebhook(setup(), {
				rawBody: validationBody(validationUrl()),
				headers: {},
			});
			expect(call.status).toBe(403);
			expect(call.result.workflowData).toBeUndefined();
			expect(validationHost.requests.length).toBe(before);
		});

		it('while the lifecycle awaits validation: answers 200, follows the URL on the credential API host once, no execution', async () => {
			runtime.validations.expect(PROD_SCOPE);
			const before = validationHost.requests.length;
			const call = await callWebhook(setup(), {
				rawBody: validationBody(validationUrl()),
				headers: { 'content-type': 'application/json' },
			});
			expect(call.warnings.filter((w) => w.startsWith('warn'))).toEqual([]);
			expect(call.status).toBe(200);
			expect(call.result.workflowData).toBeUndefined();
			expect(validationHost.requests.length).toBe(before + 1);
			expect(validationHost.requests[before].path).toBe('/csm/registrations/validate');
			// completed: the gate is closed again
			const again = await callWebhook(setup(), {
				rawBody: validationBody(validationUrl()),
				headers: {},
			});
			expect(again.status).toBe(403);
			expect(validationHost.requests.length).toBe(before + 1);
		});

		it('follows at most one validation URL at a time per trigger', async () => {
			runtime.validations.expect(PROD_SCOPE);
			const first = callWebhook(setup(), { rawBody: validationBody(validationUrl()), headers: {} });
			const second = await callWebhook(setup(), {
				rawBody: validationBody(validationUrl()),
				headers: {},
			});
			expect(second.status).toBe(409);
			expect((await first).status).toBe(200);
		});

		it.each([
			'https://evil.example/csm',
			'http://169.254.169.254/latest/meta-data',
			'https://csm.adobe.io@evil.example/x',
		])('refuses %s without calling it, even while validation is expected', async (url) => {
			runtime.validations.expect(PROD_SCOPE);
			const before = validationHost.requests.length;
			const call = await callWebhook(setup(), { rawBody: validationBody(url), headers: {} });
			expect(call.status).toBe(400);
			expect(call.result.workflowData).toBeUndefined();
			expect(validationHost.requests.length).toBe(before);
		});
	});
});
