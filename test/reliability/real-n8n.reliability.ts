/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/require-node-api-error, @n8n/community-nodes/no-hardcoded-secrets -- test code: runs outside n8n (fs, process, timers); plain Errors are right outside a node; key paths are public URLs, not secrets (the secrets here are random per run) */
/**
 * Reliability and security in ONE real n8n 2.40.7 (Node 24) with the packed package installed as
 * a community package and the Adobe emulator beside it (scripts/n8n/stack.ts):
 *
 * 1. Bad-delivery matrix: crafted requests on the production webhook URLs; each case asserts the
 *    HTTP status AND that no execution started (per case, and at the end by attributing every
 *    execution to an eventid). Then the attacks of issue 18 items 1, 2 and 4: a flood of random
 *    key paths (key-fetch budget), unsigned validationUrl POSTs (validation gate), and a Signature
 *    Check "None" trigger flooded with batches (per-trigger dedupe windows).
 * 2. HTTP fuzz: generated requests straight at n8n's webhook: 0 HTTP 500, 0 executions.
 * 3. Lifecycle churn: publish / unpublish / restart cycles with injected Adobe API and IMS
 *    faults: the emulator's own creations and deletions are counted (one creation per publish, none
 *    on a restart, one deletion per unpublish): never two registrations for one URL, none left behind.
 * 4. Fault injection under Adobe's retry rules (emulator clock): key host 5xx and timeouts after
 *    a key rotation, lost acknowledgements, delivery failures, n8n restarted mid-stream; single and
 *    batch deliveries: every event executed exactly once (counted per eventid); an extra execution
 *    or a lost event is excused only when tied to its own delivery attempt (attempts.ts).
 *
 * "No execution" is always read from a settled execution list (N8nClient.settledExecutions), never
 * after a fixed sleep.
 * 5. Secrets: every captured n8n log line, error and execution item is scanned for the client
 *    secret, every IMS token issued and the JWT private key.
 *
 * Sizes come from budget.ts (fast inside `npm test`; RELIABILITY_SOAK=1 for `npm run test:soak`).
 */
import { generateKeyPairSync, randomUUID, sign as rsaSign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';

import { CC_EVENT_CODES, control, oneVerified, publishWatchEvents, triggerParameters } from '../../scripts/n8n/adobe-setup';
import type { EmulatorControl, EmulatorRegistration } from '../../scripts/n8n/emulator-control';
import { N8nHttpError, type N8nCredentialRef } from '../../scripts/n8n/n8n-api';
import { startStack, type Stack } from '../../scripts/n8n/stack';
import { credentialType, emulatorCredentialData, TRIGGER_NAME, watchEventsWorkflow, webhookUrls } from '../../scripts/n8n/workflows';
import { BUDGET, SOAK } from './budget';
import { attemptOf, describeAttempt, judgeDuplicates, judgeLoss, type Attempt, type Death } from './attempts';
import { adobeCloudEvent, adobeSignedHeaders, census, CT_CLOUDEVENTS, executionCount, headerLines, sendForged, sendRaw, sleep, startRecordingHost, type RecordingHost, type WireResponse } from './wire';

const [FILE_CREATED, FILE_UPDATED, FILE_DELETED] = CC_EVENT_CODES;

const log = (message: string): void => {
	process.stderr.write(`[reliability] ${message}\n`);
};

/** Random, per-run secrets: anything found in a log was leaked by this run. */
const CLIENT_SECRET = `p8e-${randomUUID().replace(/-/g, '')}`;
const JWT_KEY = generateKeyPairSync('rsa', { modulusLength: 2048 });
const JWT_PRIVATE_PEM = JWT_KEY.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
const ROGUE = generateKeyPairSync('rsa', { modulusLength: 2048 });

function rogueSign(body: Buffer | string): string {
	return rsaSign('sha256', Buffer.isBuffer(body) ? body : Buffer.from(body), ROGUE.privateKey).toString('base64');
}

describe('reliability and security in a real n8n', () => {
	let stack: Stack;
	let ctl: EmulatorControl;
	let clientId: string;
	let s2s: N8nCredentialRef;
	let jwt: N8nCredentialRef;
	let evil: RecordingHost;
	const issuedTokens: string[] = [];
	/** every request the emulator's services received (observed, not changed): key host, validation URL */
	const emulatorRequests: Array<{ target: string; path: string }> = [];
	/** every registration the emulator created or deleted, in order (observed, not changed): the churn's count */
	const registrationLog: Array<{ op: 'create' | 'delete'; url: string; id: string }> = [];
	/** every error text we saw from n8n's API (activation errors, refusals) — scanned for secrets */
	const capturedErrors: string[] = [];
	/** every workflow created here (secrets scan reads all their executions) */
	const workflowIds: string[] = [];
	const summary: string[] = [];

	beforeAll(async () => {
		stack = await startStack({
			tarball: process.env.RELIABILITY_TARBALL,
			log,
			keepWorkDir: process.env.RELIABILITY_KEEP === '1',
			emulator: { credentials: { clientSecret: CLIENT_SECRET, privateKey: JWT_PRIVATE_PEM } },
			// A restart lets running executions finish (the harness SIGKILLs after 20 s). Executions
			// acknowledged to Adobe and then dropped by n8n's shutdown would be lost for good (n8n does
			// not re-run crashed executions), whatever the trigger does.
			env: { N8N_LOG_LEVEL: 'debug', N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '18' },
		});
		const emulator = stack.emulator!;
		// Observe (not replace) token issuing, so the scan knows every token n8n was ever given.
		const ims = emulator.core.ims;
		const issue = ims.issue.bind(ims);
		ims.issue = (...args: Parameters<typeof ims.issue>) => {
			const issued = issue(...args);
			issuedTokens.push(issued.token);
			return issued;
		};
		const faults = emulator.core.faults;
		const applyFault = faults.apply.bind(faults);
		faults.apply = (...args: Parameters<typeof faults.apply>) => {
			emulatorRequests.push({ target: args[0], path: args[1].path });
			return applyFault(...args);
		};
		const registrations = emulator.core.registrations;
		const storeRegistration = registrations.set.bind(registrations);
		registrations.set = (id, registration) => {
			if (!registrations.has(id)) registrationLog.push({ op: 'create', url: String(registration.webhook_url), id });
			return storeRegistration(id, registration);
		};
		const core = emulator.core;
		const deleteRegistration = core.delete.bind(core);
		core.delete = (registration) => {
			registrationLog.push({ op: 'delete', url: String(registration.webhook_url), id: registration.registration_id });
			deleteRegistration(registration);
		};
		ctl = control(stack);
		clientId = emulator.credentials.clientId;
		s2s = await stack.client.createCredential('Adobe (S2S, emulator)', credentialType, emulatorCredentialData(emulator));
		jwt = await stack.client.createCredential('Adobe (JWT, emulator)', credentialType, {
			...emulatorCredentialData(emulator),
			authentication: 'jwt',
			technicalAccountId: emulator.credentials.technicalAccountId,
			privateKey: JWT_PRIVATE_PEM,
			metascopes: 'ent_adobeio_sdk,event_receiver_api',
		});
		evil = await startRecordingHost();
	}, 300_000);

	afterAll(async () => {
		if (summary.length) log(`summary (${SOAK ? 'long variant, RELIABILITY_SOAK=1' : 'fast variant'}):\n  ${summary.join('\n  ')}`);
		await evil?.close();
		await stack?.stop();
	});

	async function publish(name: string, credential: N8nCredentialRef, parameters: Record<string, unknown>) {
		const published = await publishWatchEvents(stack, { name, credential, parameters });
		workflowIds.push(published.workflowId);
		return published;
	}

	function event(overrides: Record<string, unknown> = {}): Record<string, unknown> {
		return adobeCloudEvent(clientId, overrides);
	}

	/** Adobe's headers for exact bytes: both RSA signatures, key paths and the legacy HMAC. */
	async function adobeSigned(body: string): Promise<Record<string, string>> {
		return await adobeSignedHeaders(ctl, body);
	}

	// =====================================================================================
	describe('bad-delivery matrix', () => {
		let digitalUrl: string;
		let hmacUrl: string;
		let digitalId: string;
		let hmacId: string;
		/** eventids that must have executed exactly once (positive controls); anything else must not */
		const mustExecute = new Set<string>();
		const cases: string[] = [];

		type Built = { url?: string; method?: string; headers: Array<[string, string]>; body?: Buffer | string; executes?: string[] };
		interface Case {
			name: string;
			status: number;
			workflow?: 'digital' | 'hmac';
			build: () => Promise<Built>;
			check?: (response: WireResponse) => void;
		}

		let replayOf: { body: string; headers: Record<string, string>; eventid: string } | undefined;

		async function validDelivery(overrides: Record<string, unknown> = {}) {
			const e = event(overrides);
			const body = JSON.stringify(e);
			return { e, body, headers: await adobeSigned(body) };
		}

		const hostilePath = (path: string) => async (): Promise<Built> => {
			const { body, headers } = await validDelivery();
			return {
				headers: headerLines({ ...headers, 'x-adobe-public-key1-path': path, 'x-adobe-public-key2-path': path }),
				body,
			};
		};

		/** The same answer whether the validation gate is open or closed, whatever the URL (issue 22 #3). */
		const sameValidationAnswer = (response: WireResponse): void => {
			expect(JSON.parse(response.body)).toEqual({ message: 'Validation request received' });
		};

		const evilPath = (): string => `@${new URL(evil.url).host}/prod/keys/pub-key-evil000001.pem`;

		const CASES: Case[] = [
			{
				name: 'valid signed delivery (positive control)',
				status: 200,
				build: async () => {
					const { e, body, headers } = await validDelivery();
					replayOf = { body, headers, eventid: String(e.eventid) };
					const executes = [String(e.eventid)];
					return { executes, headers: headerLines(headers), body };
				},
			},
			{
				name: 'forged: both signatures made with a rogue key, Adobe key paths',
				status: 401,
				build: async () => {
					const { body, headers } = await validDelivery();
					return {
						headers: headerLines({ ...headers, 'x-adobe-digital-signature-1': rogueSign(body), 'x-adobe-digital-signature-2': rogueSign(body) }),
						body,
					};
				},
			},
			{
				name: 'forged: random base64 of signature length',
				status: 401,
				build: async () => {
					const { body, headers } = await validDelivery();
					const junk = (): string => Buffer.from(randomUUID().repeat(8).slice(0, 256)).toString('base64');
					return { headers: headerLines({ ...headers, 'x-adobe-digital-signature-1': junk(), 'x-adobe-digital-signature-2': junk() }), body };
				},
			},
			{
				name: 'one tampered byte inside the data (still valid JSON)',
				status: 401,
				build: async () => {
					const { body, headers } = await validDelivery();
					const i = body.indexOf('"size":1234') + '"size":123'.length;
					return { headers: headerLines(headers), body: `${body.slice(0, i)}5${body.slice(i + 1)}` };
				},
			},
			{
				name: 'one tampered byte: a single bit flipped in the raw bytes',
				status: 401,
				build: async () => {
					const { body, headers } = await validDelivery();
					const bytes = Buffer.from(body);
					bytes[bytes.length >> 1] ^= 0x01;
					return { headers: headerLines(headers), body: bytes };
				},
			},
			{
				name: 'one byte appended (trailing newline)',
				status: 401,
				build: async () => {
					const { body, headers } = await validDelivery();
					return { headers: headerLines(headers), body: `${body}\n` };
				},
			},
			{
				name: 're-serialised JSON body (signed pretty-printed, sent compact)',
				status: 401,
				build: async () => {
					const e = event();
					const signedBody = JSON.stringify(e, null, 2);
					const headers = await adobeSigned(signedBody);
					return { headers: headerLines(headers), body: JSON.stringify(JSON.parse(signedBody)) };
				},
			},
			{
				name: 're-serialised JSON body (same members, other key order and \\u escapes)',
				status: 401,
				build: async () => {
					const { e, headers } = await validDelivery();
					const reordered = Object.fromEntries(Object.entries(e).reverse());
					return { headers: headerLines(headers), body: JSON.stringify(reordered).replace(/ü/g, '\\u00fc') };
				},
			},
			{
				name: 'unsigned (no signature or key path headers)',
				status: 401,
				build: async () => ({ headers: [['content-type', CT_CLOUDEVENTS]], body: JSON.stringify(event()) }),
			},
			{
				name: 'signatures without key paths',
				status: 401,
				build: async () => {
					const { body, headers } = await validDelivery();
					delete headers['x-adobe-public-key1-path'];
					delete headers['x-adobe-public-key2-path'];
					return { headers: headerLines(headers), body };
				},
			},
			{
				name: 'signature 1 bad, signature 2 good (must pass)',
				status: 200,
				build: async () => {
					const { e, body, headers } = await validDelivery();
					const executes = [String(e.eventid)];
					return { executes, headers: headerLines({ ...headers, 'x-adobe-digital-signature-1': rogueSign(body) }), body };
				},
			},
			{
				name: 'signature 1 good, signature 2 bad (must pass)',
				status: 200,
				build: async () => {
					const { e, body, headers } = await validDelivery();
					const executes = [String(e.eventid)];
					return { executes, headers: headerLines({ ...headers, 'x-adobe-digital-signature-2': rogueSign(body) }), body };
				},
			},
			{
				name: 'both signatures bad',
				status: 401,
				build: async () => {
					const { body, headers } = await validDelivery();
					const other = await adobeSigned(`${body} `);
					return {
						headers: headerLines({
							...headers,
							'x-adobe-digital-signature-1': other['x-adobe-digital-signature-1'],
							'x-adobe-digital-signature-2': other['x-adobe-digital-signature-2'],
						}),
						body,
					};
				},
			},
			{
				name: 'wrong recipient (Adobe-signed, addressed to another client ID)',
				status: 401,
				build: async () => {
					const other = 'ffffffffffffffffffffffffffffffff';
					const { body, headers } = await validDelivery({ recipientclientid: other, recipient_client_id: other });
					return { headers: headerLines(headers), body };
				},
			},
			{
				name: 'wrong recipient in recipientclientid, ours only in the deprecated field',
				status: 401,
				build: async () => {
					const { body, headers } = await validDelivery({ recipientclientid: 'ffffffffffffffffffffffffffffffff' });
					return { headers: headerLines(headers), body };
				},
			},
			{
				name: 'empty recipient field',
				status: 401,
				build: async () => {
					const { body, headers } = await validDelivery({ recipientclientid: '', recipient_client_id: '' });
					return { headers: headerLines(headers), body };
				},
			},
			{
				name: 'key path off the key host: @evil host, rogue signatures',
				status: 401,
				build: async () => {
					const { body, headers } = await validDelivery();
					return {
						headers: headerLines({
							...headers,
							'x-adobe-digital-signature-1': rogueSign(body),
							'x-adobe-digital-signature-2': rogueSign(body),
							'x-adobe-public-key1-path': evilPath(),
							'x-adobe-public-key2-path': evilPath(),
						}),
						body,
					};
				},
			},
			{ name: 'key path `@evil.example/…` (valid signatures)', status: 401, build: hostilePath('@evil.example/prod/keys/pub-key-lyTiz3gQe4.pem') },
			{ name: 'key path with `/../`', status: 401, build: hostilePath('/prod/keys/../../evil/pub-key-lyTiz3gQe4.pem') },
			{ name: 'key path `%2e%2e` encoded traversal', status: 401, build: hostilePath('/prod/keys/%2e%2e/%2e%2e/pub-key-x.pem') },
			{ name: 'key path `http:` URL', status: 401, build: hostilePath('http://evil.example/prod/keys/pub-key-x.pem') },
			{ name: 'key path protocol-relative `//evil.example/…`', status: 401, build: hostilePath('//evil.example/prod/keys/pub-key-x.pem') },
			{ name: 'key path look-alike host `https://static.adobeioevents.com.evil.example/…`', status: 401, build: hostilePath('https://static.adobeioevents.com.evil.example/prod/keys/pub-key-x.pem') },
			{ name: 'key path in upper case (`/PROD/KEYS/…`)', status: 401, build: hostilePath('/PROD/KEYS/PUB-KEY-X.PEM') },
			{
				name: 'key path on the key host that does not exist, rogue signatures',
				status: 401,
				build: async () => {
					const { body, headers } = await validDelivery();
					return {
						headers: headerLines({
							...headers,
							'x-adobe-digital-signature-1': rogueSign(body),
							'x-adobe-digital-signature-2': rogueSign(body),
							'x-adobe-public-key1-path': '/prod/keys/pub-key-doesnotexist1.pem',
							'x-adobe-public-key2-path': '/prod/keys/pub-key-doesnotexist2.pem',
						}),
						body,
					};
				},
			},
			{
				name: 'oversized body (11 MB, over the node limit, under n8n’s)',
				status: 413,
				build: async () => {
					const e = event({ data: { blob: 'x'.repeat(11 * 1024 * 1024) } });
					return { headers: [['content-type', CT_CLOUDEVENTS]], body: JSON.stringify(e) };
				},
			},
			{
				name: 'non-JSON body with valid Adobe signatures (cloudevents content type)',
				status: 400,
				build: async () => {
					const body = '<event>not json</event>';
					return { headers: headerLines(await adobeSigned(body)), body };
				},
			},
			{
				name: 'non-JSON body sent as application/json (n8n’s parser refuses it)',
				status: 422,
				build: async () => ({ headers: [['content-type', 'application/json']], body: '{"eventid": nope' }),
			},
			{
				name: 'empty body',
				status: 400,
				build: async () => ({ headers: headerLines(await adobeSigned('')), body: '' }),
			},
			{
				name: 'JSON scalar, Adobe-signed',
				status: 400,
				build: async () => ({ headers: headerLines(await adobeSigned('42')), body: '42' }),
			},
			{
				name: 'empty batch `[]`, Adobe-signed',
				status: 400,
				build: async () => ({ headers: headerLines(await adobeSigned('[]')), body: '[]' }),
			},
			{
				name: 'batch with one foreign recipient (Adobe-signed)',
				status: 401,
				build: async () => {
					const other = 'ffffffffffffffffffffffffffffffff';
					const batch = [event(), event(), event({ recipientclientid: other, recipient_client_id: other })];
					const body = JSON.stringify(batch);
					return { headers: headerLines(await adobeSigned(body)), body };
				},
			},
			{
				name: 'batch of three for us (positive control: one execution, three items)',
				status: 200,
				build: async () => {
					const batch = [event(), event(), event()];
					const executes = batch.map((b) => String(b.eventid));
					const body = JSON.stringify(batch);
					return { executes, headers: headerLines(await adobeSigned(body)), body };
				},
			},
			{
				name: 'replayed eventid: identical bytes and headers',
				status: 200,
				build: async () => ({ headers: headerLines(replayOf!.headers), body: replayOf!.body }),
			},
			{
				name: 'replayed eventid: new delivery id and x-adobe-retry-count',
				status: 200,
				build: async () => ({
					headers: headerLines({ ...replayOf!.headers, 'x-adobe-delivery-id': randomUUID(), 'x-adobe-retry-count': '3' }),
					body: replayOf!.body,
				}),
			},
			{
				name: 'replayed eventid in a different, freshly signed body',
				status: 200,
				build: async () => {
					const e = { ...(JSON.parse(replayOf!.body) as Record<string, unknown>), data: { changed: true } };
					const body = JSON.stringify(e);
					return { headers: headerLines(await adobeSigned(body)), body };
				},
			},
			{
				name: 'batch of one replayed eventid and one new event (only the new one executes)',
				status: 200,
				build: async () => {
					const fresh = event();
					const executes = [String(fresh.eventid)];
					const body = JSON.stringify([JSON.parse(replayOf!.body), fresh]);
					return { executes, headers: headerLines(await adobeSigned(body)), body };
				},
			},
			{
				name: 'header case variants: every header name in UPPER CASE (must pass)',
				status: 200,
				build: async () => {
					const { e, body, headers } = await validDelivery();
					const executes = [String(e.eventid)];
					return { executes, headers: Object.entries(headers).map(([k, v]) => [k.toUpperCase(), v] as [string, string]), body };
				},
			},
			{
				name: 'header case variants: Title-Case names (must pass)',
				status: 200,
				build: async () => {
					const { e, body, headers } = await validDelivery();
					const executes = [String(e.eventid)];
					const title = (k: string): string => k.replace(/(^|-)([a-z])/g, (_m, dash: string, c: string) => `${dash}${c.toUpperCase()}`);
					return { executes, headers: Object.entries(headers).map(([k, v]) => [title(k), v] as [string, string]), body };
				},
			},
			{
				name: 'duplicated headers: both signature headers sent twice (valid + rogue)',
				status: 401,
				build: async () => {
					const { body, headers } = await validDelivery();
					const lines = headerLines(headers);
					lines.push(['x-adobe-digital-signature-1', rogueSign(body)], ['x-adobe-digital-signature-2', rogueSign(body)]);
					return { headers: lines, body };
				},
			},
			{
				name: 'duplicated headers: key path 1 twice (Adobe + evil), signature 2 rogue',
				status: 401,
				build: async () => {
					const { body, headers } = await validDelivery();
					const lines = headerLines({ ...headers, 'x-adobe-digital-signature-2': rogueSign(body) });
					lines.push(['X-Adobe-Public-Key1-Path', evilPath()]);
					return { headers: lines, body };
				},
			},
			{
				// the one answer to every validationUrl POST (issue 22 #3); no validation of this trigger is
				// pending, so the URL is not even looked at (issue 18 #2): the evil host sees no request
				name: 'async validationUrl pointing at a foreign host (that host must see no request)',
				status: 200,
				check: sameValidationAnswer,
				build: async () => ({
					headers: [['content-type', 'application/json']],
					body: JSON.stringify({ validationUrl: `${evil.url}/csm/registrations/validate?id=1&challenge=2` }),
				}),
			},
			{
				name: 'async validationUrl on a look-alike host (csm.adobe.io.evil.example)',
				status: 200,
				check: sameValidationAnswer,
				build: async () => ({
					headers: [['content-type', 'application/json']],
					body: JSON.stringify({ validationUrl: 'https://csm.adobe.io.evil.example/csm/registrations/validate?id=1' }),
				}),
			},
			{
				name: 'async validationUrl with userinfo (https://csm.adobe.io@evil.example/)',
				status: 200,
				check: sameValidationAnswer,
				build: async () => ({
					headers: [['content-type', 'application/json']],
					body: JSON.stringify({ validationUrl: `https://csm.adobe.io@${new URL(evil.url).host}/validate` }),
				}),
			},
			{
				name: 'GET without a challenge',
				status: 400,
				build: async () => ({ method: 'GET', headers: [] }),
			},
			{
				name: 'GET with a script as challenge (no reflection)',
				status: 400,
				build: async () => ({ method: 'GET', url: `${digitalUrl}?challenge=${encodeURIComponent('<script>alert(1)</script>')}`, headers: [] }),
			},
			{
				name: 'legacy HMAC: right x-adobe-signature (must pass)',
				status: 200,
				workflow: 'hmac',
				build: async () => {
					const { e, body, headers } = await validDelivery();
					const executes = [String(e.eventid)];
					return { executes, headers: headerLines(headers), body };
				},
			},
			{
				name: 'legacy HMAC: wrong x-adobe-signature',
				status: 401,
				workflow: 'hmac',
				build: async () => {
					const { body, headers } = await validDelivery();
					const other = await adobeSigned(`${body} `);
					return { headers: headerLines({ ...headers, 'x-adobe-signature': other['x-adobe-signature'] }), body };
				},
			},
			{
				name: 'legacy HMAC: missing (valid RSA signatures do not count in HMAC mode)',
				status: 401,
				workflow: 'hmac',
				build: async () => {
					const { body, headers } = await validDelivery();
					delete headers['x-adobe-signature'];
					return { headers: headerLines(headers), body };
				},
			},
			{
				name: 'legacy HMAC: computed over the re-serialised body',
				status: 401,
				workflow: 'hmac',
				build: async () => {
					const e = event();
					const signedBody = JSON.stringify(e, null, 1);
					const headers = await adobeSigned(signedBody);
					return { headers: headerLines(headers), body: JSON.stringify(e) };
				},
			},
			{
				name: 'legacy HMAC: header sent twice (right + wrong)',
				status: 401,
				workflow: 'hmac',
				build: async () => {
					const { body, headers } = await validDelivery();
					const lines = headerLines(headers);
					lines.push(['x-adobe-signature', Buffer.from(randomUUID()).toString('base64')]);
					return { headers: lines, body };
				},
			},
		];

		beforeAll(async () => {
			const digital = await publish('matrix: digital signatures', s2s, { eventCodes: [FILE_DELETED] });
			const hmac = await publish('matrix: legacy HMAC', jwt, { eventCodes: [FILE_DELETED], signatureCheck: 'hmac' });
			digitalUrl = digital.productionUrl;
			hmacUrl = hmac.productionUrl;
			digitalId = digital.workflowId;
			hmacId = hmac.workflowId;
			// The legacy HMAC header is off by default (Adobe no longer sends it); the HMAC workflow needs it.
			await ctl.config({ hmacSignature: true });
			// warm the key cache the way Adobe would: one real delivery through the emulator
			await ctl.emit({ eventCode: FILE_DELETED, wait: true });
			await stack.client.waitForExecutions(digitalId, 1, { timeoutMs: 60_000 });
			await stack.client.waitForExecutions(hmacId, 1, { timeoutMs: 60_000 });
		}, 180_000);

		let positives = 0;

		it(`has at least 30 cases (${CASES.length})`, () => {
			expect(CASES.length).toBeGreaterThanOrEqual(30);
		});

		it.each(CASES.map((c, i) => [i, c.name] as const))('case %i: %s', async (index) => {
			const c = CASES[index];
			const workflowId = c.workflow === 'hmac' ? hmacId : digitalId;
			const before = await executionCount(stack.client, workflowId);
			const built = await c.build();
			const response = await sendRaw(built.url ?? (c.workflow === 'hmac' ? hmacUrl : digitalUrl), {
				method: built.method ?? 'POST',
				headers: built.headers,
				body: built.body,
			});
			cases.push(`${response.status} ${c.name}`);
			expect({ case: c.name, status: response.status }).toEqual({ case: c.name, status: c.status });
			for (const id of built.executes ?? []) mustExecute.add(id);
			if (built.executes?.length) {
				positives++;
				const executions = await stack.client.waitForExecutions(workflowId, before + 1, { timeoutMs: 30_000 });
				expect(executions.length).toBe(before + 1);
			} else {
				// settled list (N8nClient.settledExecutions): n8n creates an execution before it answers
				expect(await executionCount(stack.client, workflowId)).toBe(before);
			}
		});

		it('a body over N8N_PAYLOAD_SIZE_MAX (16 MB): n8n core answers 500 for JSON it parses itself, the 1.1 trigger answers 413 for cloudevents+json; no execution', async () => {
			const before = await executionCount(stack.client, digitalId);
			const body = Buffer.alloc(17 * 1024 * 1024, 0x20);
			// n8n's own answer (raw-body limit inside parseRequestBody, before any node runs); Adobe never sends more than 2 MB
			expect((await sendRaw(digitalUrl, { headers: [['content-type', 'application/json']], body })).status).toBe(500);
			// a typeVersion 1.1 trigger reads Adobe's content type raw itself and refuses it
			expect((await sendRaw(digitalUrl, { headers: [['content-type', CT_CLOUDEVENTS]], body })).status).toBe(413);
			expect(await executionCount(stack.client, digitalId)).toBe(before);
		});

		// ---------------------------------------------------------------- issue 18: attacks by unsigned requests
		const keyFileRequests = (pattern: RegExp): number =>
			emulatorRequests.filter((r) => r.target === 'keys' && pattern.test(r.path)).length;

		it('issue 18 #1: a flood of unsigned requests with random /prod/keys/ paths → 401/503, 0 executions, ≤ 10 key fetches; a real delivery sent during the flood → 200 with its item', async () => {
			const FLOOD = 30; // requests, two never-seen key URLs each: 60 > the budget of 10 per minute
			const floodPath = (): string => `/prod/keys/pub-key-flood${randomUUID().replace(/-/g, '').slice(0, 10)}.pem`;
			const before = await executionCount(stack.client, digitalId);
			const statuses: Record<number, number> = {};
			const floodOne = async (): Promise<void> => {
				const response = await sendForged(digitalUrl, JSON.stringify(event()), rogueSign, [floodPath(), floodPath()]);
				statuses[response.status] = (statuses[response.status] ?? 0) + 1;
			};
			const { e: legit, body: legitBody, headers: legitHeaders } = await validDelivery();
			let legitResponse: WireResponse | undefined;
			for (let wave = 0; wave < FLOOD / 6; wave++) {
				const requests = Array.from({ length: 6 }, async () => await floodOne());
				// Adobe's real delivery lands in the middle of the flood
				if (wave === 2) {
					requests.push(
						(async () => {
							legitResponse = await sendRaw(digitalUrl, { headers: headerLines(legitHeaders), body: legitBody });
						})(),
					);
				}
				await Promise.all(requests);
			}
			const fetched = keyFileRequests(/^\/prod\/keys\/pub-key-flood/);
			log(`issue 18 #1: ${FLOOD} requests with ${2 * FLOOD} random key paths → statuses ${JSON.stringify(statuses)}, key host fetches for them ${fetched}; real delivery during the flood → ${legitResponse?.status}`);
			expect(legitResponse?.status).toBe(200);
			mustExecute.add(String(legit.eventid));
			expect(fetched).toBeLessThanOrEqual(10);
			expect(Object.keys(statuses).map(Number).filter((status) => status !== 401 && status !== 503)).toEqual([]);
			expect(statuses[503] ?? 0).toBeGreaterThan(0);
			const executions = await stack.client.waitForExecutions(digitalId, before + 1, { timeoutMs: 30_000 });
			expect(await executionCount(stack.client, digitalId)).toBe(before + 1);
			const census1 = await census(stack.client, digitalId, TRIGGER_NAME);
			expect(census1.perEvent.get(String(legit.eventid))).toBe(1);
			expect(executions.length).toBe(before + 1);
			summary.push(`issue 18 #1 key-path flood: ${FLOOD} unsigned requests with ${2 * FLOOD} random key paths → ${JSON.stringify(statuses)}, ${fetched} key-host fetches (budget 10/min), 0 executions; the real delivery sent during the flood → 200, executed once`);
		});

		it('issue 18 #2: unsigned {"validationUrl"} POSTs to a published trigger → answered at once (the one answer every such POST gets, issue 22 #3), Adobe’s validation endpoint sees no request, 0 executions', async () => {
			const before = await executionCount(stack.client, digitalId);
			const seenBefore = emulatorRequests.filter((r) => r.target === 'api' && r.path.startsWith('/csm/')).length;
			const answers: Array<{ status: number; body: unknown; ms: number }> = [];
			for (let i = 0; i < 5; i++) {
				const validationUrl = `${stack.emulator!.urls.api}/csm/registrations/validate?id=${randomUUID()}&challenge=${randomUUID()}`;
				const started = Date.now();
				const response = await sendRaw(digitalUrl, { headers: [['content-type', 'application/json']], body: JSON.stringify({ validationUrl }) });
				answers.push({ status: response.status, body: JSON.parse(response.body) as unknown, ms: Date.now() - started });
			}
			// The old behaviour followed the URL a quarter second after answering; give it time to show.
			await sleep(2_000);
			const validationGets = emulatorRequests.filter((r) => r.target === 'api' && r.path.startsWith('/csm/')).length - seenBefore;
			log(`issue 18 #2: validationUrl POSTs → ${JSON.stringify(answers)}; validation endpoint requests ${validationGets}`);
			expect(answers.map((a) => ({ status: a.status, body: a.body }))).toEqual(
				answers.map(() => ({ status: 200, body: { message: 'Validation request received' } })),
			);
			// "at once": no request held while a URL is followed (that took 7–47 s)
			expect(Math.max(...answers.map((a) => a.ms))).toBeLessThan(5_000);
			expect(validationGets).toBe(0);
			expect(await executionCount(stack.client, digitalId)).toBe(before);
			summary.push(`issue 18 #2 validationUrl POSTs: ${answers.length} → the one answer 200 "Validation request received" (slowest ${Math.max(...answers.map((a) => a.ms))} ms), 0 requests to Adobe's validation endpoint, 0 executions`);
		});

		it('issue 18 #4: 11 unsigned batches of 1 000 events to a Signature Check "None" trigger do not evict a signed trigger’s event ids: Adobe’s retry stays a duplicate', async () => {
			const none = await publishWatchEvents(stack, {
				name: 'matrix: signature check none',
				credential: s2s,
				parameters: { eventCodes: ['com.adobe.platform.events.file_copied'], signatureCheck: 'none' },
				withSetNode: false,
			});
			workflowIds.push(none.workflowId);
			// the signed trigger takes an event …
			const { e, body, headers } = await validDelivery();
			const eventid = String(e.eventid);
			const before = await executionCount(stack.client, digitalId);
			expect((await sendRaw(digitalUrl, { headers: headerLines(headers), body })).status).toBe(200);
			mustExecute.add(eventid);
			await stack.client.waitForExecutions(digitalId, before + 1, { timeoutMs: 30_000 });
			// … then 11 000 fresh event ids arrive, unsigned, at the "None" trigger (more than one 10 000-id window)
			const BATCHES = 11;
			const floodStatuses: number[] = [];
			for (let i = 0; i < BATCHES; i++) {
				const batch = Array.from({ length: 1000 }, () => event({ data: { flood: i } }));
				const response = await sendRaw(none.productionUrl, { headers: [['content-type', CT_CLOUDEVENTS]], body: JSON.stringify(batch) });
				floodStatuses.push(response.status);
			}
			expect(floodStatuses).toEqual(floodStatuses.map(() => 200));
			// … and Adobe retries the signed trigger's event (its acknowledgement got lost): still a duplicate
			const retry = await sendRaw(digitalUrl, {
				headers: headerLines({ ...headers, 'x-adobe-delivery-id': randomUUID(), 'x-adobe-retry-count': '1' }),
				body,
			});
			expect(retry.status).toBe(200);
			await stack.client.waitForExecutions(none.workflowId, BATCHES, { timeoutMs: 120_000 });
			const after = await census(stack.client, digitalId, TRIGGER_NAME);
			log(`issue 18 #4: ${BATCHES} unsigned batches of 1000 → ${JSON.stringify(floodStatuses)}; signed retry → ${retry.status}; executions of that event ${after.perEvent.get(eventid)}`);
			expect({ eventid, executions: after.perEvent.get(eventid) }).toEqual({ eventid, executions: 1 });
			expect(await executionCount(stack.client, digitalId)).toBe(before + 1);
			await stack.client.takeOffline(none.workflowId);
			summary.push(`issue 18 #4 dedupe flood: ${BATCHES}×1000 unsigned events to a "None" trigger; the signed trigger's retried event ran once (its window is its own)`);
		});

		afterAll(async () => {
			await ctl.config({ hmacSignature: false }).catch(() => undefined);
		});

		it('every execution belongs to a positive control, each exactly once; the evil host saw no request', async () => {
			const seen = new Map<string, number>();
			for (const id of [digitalId, hmacId]) {
				const c = await census(stack.client, id, TRIGGER_NAME);
				for (const [eventid, n] of c.perEvent) seen.set(eventid, (seen.get(eventid) ?? 0) + n);
				expect(c.statuses.error ?? 0).toBe(0);
			}
			// the warm-up event (emitted by the emulator to both workflows) is the only other one
			const unexpected = [...seen.entries()].filter(([eventid]) => !mustExecute.has(eventid));
			expect(unexpected.length).toBe(1);
			expect(unexpected[0][1]).toBe(2);
			for (const eventid of mustExecute) expect({ eventid, n: seen.get(eventid) }).toEqual({ eventid, n: 1 });
			expect(evil.hits).toEqual([]);
			summary.push(`bad-delivery matrix: ${CASES.length} cases (${CASES.length - positives} refused or acknowledged without execution, ${positives} positive controls), ${mustExecute.size} legitimate events executed once each`);
		});
	});

	// =====================================================================================
	describe(`HTTP fuzz of the real webhook (${BUDGET.httpFuzzRuns} requests)`, () => {
		let url: string;
		let workflowId: string;

		beforeAll(async () => {
			const published = await publish('fuzz target', s2s, { eventCodes: [FILE_DELETED], options: {} });
			url = published.productionUrl;
			workflowId = published.workflowId;
		}, 120_000);

		it('0 HTTP 500, 0 executions', async () => {
			const [sigA, pathA] = await (async () => {
				const h = await adobeSigned('{}');
				return [h['x-adobe-digital-signature-1'], h['x-adobe-public-key1-path']];
			})();
			const headerNames = [
				'x-adobe-digital-signature-1',
				'x-adobe-digital-signature-2',
				'x-adobe-public-key1-path',
				'x-adobe-public-key2-path',
				'x-adobe-signature',
				'x-adobe-event-id',
				'x-adobe-retry-count',
				'x-adobe-delivery-id',
			];
			const printable = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 80 });
			const headerValue = fc.oneof(printable, fc.constantFrom(sigA, pathA, '@evil.example/x.pem', '/prod/keys/../x.pem', ''), fc.base64String({ maxLength: 400 }));
			const contentType = fc.constantFrom(
				CT_CLOUDEVENTS,
				'application/cloudevents+json',
				'application/json',
				'application/json; charset=utf-8',
				'text/plain',
				'application/x-www-form-urlencoded',
				'application/octet-stream',
				// NOT 'application/xml' / 'text/xml': n8n core parses XML bodies of every webhook with ONE
				// shared xml2js parser (async mode); after some malformed bodies it never settles again and
				// later XML requests hang with no answer (n8n 2.40.7 middlewares/body-parser.js, reproduced
				// with xml2js alone). That happens before any node runs; Adobe never sends XML.
				'text/html',
				'',
			);
			const body = fc.oneof(
				fc.uint8Array({ maxLength: 1024 }).map((b) => Buffer.from(b)),
				fc.jsonValue({ maxDepth: 4 }).map((v) => Buffer.from(JSON.stringify(v) ?? 'null')),
				fc.constantFrom('x').map(() => Buffer.from(JSON.stringify(event()))),
				fc.record({ validationUrl: fc.webUrl() }).map((v) => Buffer.from(JSON.stringify(v))),
			);
			const request = fc.record({
				method: fc.constantFrom('POST', 'POST', 'POST', 'GET'),
				query: fc.option(fc.string({ maxLength: 40 }), { nil: undefined }),
				contentType,
				headers: fc.array(fc.tuple(fc.constantFrom(...headerNames).chain((h) => fc.mixedCase(fc.constant(h))), headerValue), { maxLength: 8 }),
				body,
			});
			const before = await executionCount(stack.client, workflowId);
			const statuses: Record<number, number> = {};
			let fiveHundreds = 0;
			await fc.assert(
				fc.asyncProperty(request, async (r) => {
					const lines: Array<[string, string]> = [...r.headers];
					if (r.contentType) lines.push(['content-type', r.contentType]);
					const target = r.query === undefined ? url : `${url}?challenge=${encodeURIComponent(r.query)}`;
					const response = await sendRaw(target, { method: r.method, headers: lines, body: r.method === 'GET' ? undefined : r.body });
					statuses[response.status] = (statuses[response.status] ?? 0) + 1;
					if (response.status >= 500) fiveHundreds++;
					expect(response.status).toBeLessThan(500);
				}),
				{ numRuns: BUDGET.httpFuzzRuns, endOnFailure: true },
			);
			const after = await executionCount(stack.client, workflowId);
			log(`HTTP fuzz: ${BUDGET.httpFuzzRuns} requests, statuses ${JSON.stringify(statuses)}, executions ${after - before}`);
			expect(fiveHundreds).toBe(0);
			expect(after - before).toBe(0);
			summary.push(`HTTP fuzz of the real webhook: ${BUDGET.httpFuzzRuns} requests, 0 HTTP 5xx, 0 executions (${JSON.stringify(statuses)})`);
		});
	});

	// =====================================================================================
	describe(`lifecycle churn (${BUDGET.churnCycles} cycles)`, () => {
		it('publish / unpublish / restart with Adobe API and IMS faults: never two registrations per URL, none left behind', async () => {
			const { workflow, webhookId } = watchEventsWorkflow({
				name: 'churn',
				credential: jwt,
				triggerParameters: triggerParameters({ eventCodes: [FILE_DELETED] }),
			});
			const created = await stack.client.createWorkflow(workflow);
			workflowIds.push(created.id);
			const url = webhookUrls(stack.webhookBaseUrl, webhookId).production;
			const forUrl = async (): Promise<EmulatorRegistration[]> => (await ctl.registrations()).filter((r) => r.webhook_url === url);
			// Counted, not sampled: every creation and deletion for this URL as the emulator performed them.
			const logOfUrl = (from: number) => registrationLog.slice(from).filter((entry) => entry.url === url);
			const creations = (from: number): number => logOfUrl(from).filter((entry) => entry.op === 'create').length;
			const deletions = (from: number): number => logOfUrl(from).filter((entry) => entry.op === 'delete').length;
			let restarts = 0;
			let faultsInjected = 0;
			const watch = async (what: string, until: (list: EmulatorRegistration[]) => boolean, timeoutMs = 90_000): Promise<void> => {
				const deadline = Date.now() + timeoutMs;
				for (;;) {
					const list = await forUrl();
					if (until(list)) return;
					if (Date.now() > deadline) {
						let activationError = '';
						try {
							activationError = JSON.stringify((await stack.client.request('GET', `/rest/active-workflows/error/${created.id}`)).body);
						} catch (error) {
							activationError = String(error);
						}
						capturedErrors.push(activationError);
						throw new Error(`churn: ${what} not reached; registrations ${JSON.stringify(list.map((r) => [r.registration_id, r.webhook_status, r.enabled]))}; activation error ${activationError}`);
					}
					await sleep(200);
				}
			};
			// Fault plans (deterministic): what Adobe / IMS does wrong during activation, then deactivation.
			const activationFaults = [
				[{ target: 'api', status: 500, count: 1, match: '/registrations' }],
				[{ target: 'api', status: 429, count: 2, retry_after: 1, match: '/registrations' }],
				[{ target: 'api', status: 503, count: 1, retry_after: 1 }],
				[{ target: 'ims', status: 503, count: 1 }],
				[{ target: 'api', status: 502, count: 3, match: '/registrations' }],
				[],
			];
			const deactivationFaults = [
				[{ target: 'api', status: 500, count: 1, match: '/registrations/' }],
				[{ target: 'api', status: 429, count: 1, retry_after: 1, match: '/registrations/' }],
				[],
				[{ target: 'api', status: 503, count: 2, retry_after: 1, match: '/registrations/' }],
			];
			const churnStart = registrationLog.length;
			for (let cycle = 1; cycle <= BUDGET.churnCycles; cycle++) {
				const before = activationFaults[cycle % activationFaults.length];
				if (before.length) {
					await ctl.faults(before);
					faultsInjected += before.length;
				}
				const cycleStart = registrationLog.length;
				await stack.client.makeLive(created.id);
				await watch(`cycle ${cycle}: one verified registration after publish`, oneVerified);
				// publishing created exactly one registration (also the positive control of the count)
				expect({ cycle, created: creations(cycleStart), deleted: deletions(cycleStart) }).toEqual({ cycle, created: 1, deleted: 0 });
				if (cycle % BUDGET.churnRestartEvery === 0) {
					const restartStart = registrationLog.length;
					await stack.restartN8n();
					restarts++;
					// n8n re-runs checkExists on start: it must adopt the registration, not add one
					await watch(`cycle ${cycle}: still one verified registration after restart`, oneVerified);
					const probe = await sendRaw(`${url}?challenge=churn-${cycle}`, { method: 'GET', headers: [] });
					expect(probe.status).toBe(200);
					expect({ cycle, restart: true, created: creations(restartStart), deleted: deletions(restartStart) }).toEqual({ cycle, restart: true, created: 0, deleted: 0 });
				}
				await ctl.clearFaults();
				const after = deactivationFaults[cycle % deactivationFaults.length];
				if (after.length) {
					await ctl.faults(after);
					faultsInjected += after.length;
				}
				await stack.client.takeOffline(created.id);
				await watch(`cycle ${cycle}: no registration after unpublish`, (list) => list.length === 0);
				await ctl.clearFaults();
				expect({ cycle, deleted: deletions(cycleStart) }).toEqual({ cycle, deleted: 1 });
			}
			// Never two at once: replaying the emulator's own creations and deletions for the URL in order.
			let live = 0;
			let maxLive = 0;
			for (const entry of logOfUrl(churnStart)) {
				live += entry.op === 'create' ? 1 : -1;
				maxLive = Math.max(maxLive, live);
			}
			expect({ created: creations(churnStart), maxLive, left: live }).toEqual({ created: BUDGET.churnCycles, maxLive: 1, left: 0 });
			// globally: no URL has more than one registration, and nothing of the churn workflow remains
			const all = await ctl.registrations();
			const perUrl = new Map<string, number>();
			for (const r of all) perUrl.set(String(r.webhook_url), (perUrl.get(String(r.webhook_url)) ?? 0) + 1);
			expect([...perUrl.entries()].filter(([, n]) => n > 1)).toEqual([]);
			expect(all.filter((r) => r.webhook_url === url)).toEqual([]);
			summary.push(`lifecycle churn: ${BUDGET.churnCycles} publish/unpublish cycles, ${restarts} n8n restarts, ${faultsInjected} fault plans injected; the emulator created ${creations(churnStart)} registrations for the URL (one per publish, none on restart) and deleted as many; at most ${maxLive} at once, orphans 0`);
		});
	});

	// =====================================================================================
	describe(`fault injection under Adobe's retry rules (${BUDGET.singleEvents} single + ${BUDGET.batchEvents} batched events)`, () => {
		let single: { workflowId: string; registration: EmulatorRegistration };
		let batch: { workflowId: string; registration: EmulatorRegistration };
		const singleIds: string[] = [];
		const batchIds: string[] = [];

		async function controlCall<T>(method: string, path: string, body?: unknown): Promise<T> {
			const response = await fetch(`${stack.emulator!.urls.control}${path}`, {
				method,
				headers: body === undefined ? {} : { 'content-type': 'application/json' },
				body: body === undefined ? undefined : JSON.stringify(body),
				signal: AbortSignal.timeout(600_000),
			});
			const text = await response.text();
			if (!response.ok) throw new Error(`control ${method} ${path} → ${response.status}: ${text}`);
			return JSON.parse(text) as T;
		}

		async function emitSingles(count: number, wait = true): Promise<void> {
			let left = count;
			while (left > 0) {
				const n = Math.min(left, 50);
				const result = await ctl.emit({ eventCode: FILE_CREATED, count: n, wait });
				singleIds.push(...result.event_ids);
				left -= n;
			}
		}

		/** Runs Adobe's retry schedule on the emulator clock until nothing is pending (≤ 24 h + 1 h). */
		async function drain(): Promise<number> {
			let advanced = 0;
			for (let step = 0; step < 110; step++) {
				await ctl.idle();
				const root = await controlCall<{ pending_retries: number }>('GET', '/');
				if (root.pending_retries === 0) return advanced;
				await controlCall('POST', '/clock/advance', { minutes: 15 });
				advanced += 15;
			}
			throw new Error('retries still pending after 27 emulated hours');
		}

		beforeAll(async () => {
			await controlCall('POST', '/clock', { mode: 'manual' });
			// Include Delivery Metadata: every execution names the attempt that started it (attempts.ts ties them).
			const options = { includeDeliveryMetadata: true };
			const s = await publish('faults: single deliveries', s2s, { eventCodes: [FILE_CREATED], options });
			const b = await publish('faults: batch deliveries', s2s, { eventCodes: [FILE_UPDATED], deliveryType: 'webhook_batch', options });
			single = { workflowId: s.workflowId, registration: s.registration };
			batch = { workflowId: b.workflowId, registration: b.registration };
		}, 180_000);

		afterAll(async () => {
			await ctl.clearFaults().catch(() => undefined);
			await controlCall('POST', '/config', { deliveryTimeoutMs: 10_000 }).catch(() => undefined);
			await controlCall('POST', '/clock', { mode: 'real' }).catch(() => undefined);
		});

		it('delivers every event exactly once through key-host faults, lost acks, delivery failures and an n8n restart', async () => {
			const quarter = Math.max(1, Math.floor(BUDGET.singleEvents / 5));
			let restart: Death = { killAt: 0, goneAt: 0, backAt: 0 };
			let crashedByN8n = 0;
			let ranAgainAfter500 = 0;
			let resumedAtBoot = 0;
			const phases: string[] = [];

			// 1. key rotation, then the key host fails (5xx, then a timeout) while fetching the new key
			await controlCall('POST', '/keys/rotate', {});
			await ctl.faults([
				{ target: 'keys', status: 500, count: 2 },
				{ target: 'keys', status: 503, count: 1, retry_after: 1 },
				{ target: 'keys', timeout: 6_000, count: 1 },
			]);
			await emitSingles(quarter);
			phases.push(`key host 5xx+timeout: ${quarter}`);

			// 2. acknowledgements lost: n8n gets the event but Adobe times out first → retried later
			await controlCall('POST', '/config', { deliveryTimeoutMs: 30 });
			await emitSingles(quarter);
			await controlCall('POST', '/config', { deliveryTimeoutMs: 10_000 });
			phases.push(`lost acks: ${quarter}`);
			// Adobe retries those (1 min later) while this n8n process still remembers the eventids.
			// KNOWN LIMIT: the de-duplication window lives in the n8n process; an event whose ack was
			// lost right before n8n restarts runs again when Adobe retries it after the restart
			// (at-least-once, as Adobe itself documents). Measured in the first runs of this suite.
			let minutes = await drain();

			// 3. delivery attempts that never reach n8n (Adobe-side 5xx / 429 / timeouts)
			await ctl.faults([
				{ target: 'deliveries', status: 502, count: 10, registration_id: single.registration.registration_id },
				{ target: 'deliveries', status: 429, count: 10, registration_id: single.registration.registration_id },
				{ target: 'deliveries', timeout: 1, count: 10, registration_id: single.registration.registration_id },
			]);
			await emitSingles(quarter);
			phases.push(`delivery 502/429/timeout: ${quarter}`);

			// 4. n8n restarted mid-stream
			const rest = BUDGET.singleEvents - 3 * quarter;
			const streaming = emitSingles(rest, false);
			await sleep(1_500);
			const killAt = Date.now();
			await stack.stopN8n();
			const goneAt = Date.now();
			await stack.startN8n();
			restart = { killAt, goneAt, backAt: Date.now() };
			await streaming;
			phases.push(`restart mid-stream: ${rest}`);

			// 5. batches (≤ 20 events each) with failing attempts and a lost ack
			await ctl.faults([
				{ target: 'deliveries', status: 500, count: 5, registration_id: batch.registration.registration_id },
				{ target: 'deliveries', timeout: 1, count: 3, registration_id: batch.registration.registration_id },
			]);
			let left = BUDGET.batchEvents;
			while (left > 0) {
				const n = Math.min(left, 100);
				batchIds.push(...(await ctl.emit({ eventCode: FILE_UPDATED, count: n, wait: true })).event_ids);
				left -= n;
			}
			phases.push(`batches with 500/timeout: ${BUDGET.batchEvents}`);

			minutes += await drain();
			await ctl.clearFaults();

			// Adobe's view: every event's last attempt delivered, none dropped or exhausted
			const deliveries = [
				...(await ctl.deliveries({ registrationId: single.registration.registration_id })),
				...(await ctl.deliveries({ registrationId: batch.registration.registration_id })),
			];
			const bad = deliveries.filter((d) => d.outcome === 'dropped' || d.outcome === 'retries_exhausted');
			expect(bad.map((d) => `${d.status} ${d.outcome} ${d.event_ids[0]}`)).toEqual([]);
			const retried = deliveries.filter((d) => d.retry_count > 0).length;

			// n8n's view: executions per eventid, each tied to the attempt that started it (attempts.ts)
			const attempts = new Map(deliveries.map((d) => [d.delivery_id, attemptOf(d)] as const));
			const attemptsOfEvent = new Map<string, Attempt[]>();
			for (const a of attempts.values()) for (const id of a.eventIds) attemptsOfEvent.set(id, [...(attemptsOfEvent.get(id) ?? []), a]);
			const since = (t: number): string => `${t - restart.killAt} ms`;
			const expectExactlyOnce = async (workflowId: string, ids: string[], label: string): Promise<number> => {
				const wanted = new Set(ids);
				let c = await census(stack.client, workflowId, TRIGGER_NAME);
				for (let i = 0; i < 120 && [...wanted].some((id) => !c.perEvent.has(id)); i++) {
					await sleep(500);
					c = await census(stack.client, workflowId, TRIGGER_NAME);
				}
				// Duplicates: every execution beyond the first must come from its own attempt whose answer Adobe never
				// got as 2xx — unanswered, and then only across the n8n restart (KNOWN LIMIT, documented: the
				// de-duplication window lives in the n8n process; an event whose acknowledgement Adobe did not get before
				// the restart runs again on the retry), or answered 5xx by n8n itself (When Queued forgets an event n8n
				// answered 5xx for, so that a failed start is retried; counted as ranAgainAfter500). Any other duplicate
				// fails the test, whatever other attempts of the event got.
				const report = judgeDuplicates(c.runsByEvent, attempts, [restart], { unanswered: 'across-restart', n8n5xx: true });
				for (const line of report.unexplained) log(`${label}: unexplained duplicate ${line}`);
				for (const [id, runs] of c.runsByEvent) {
					if (runs.length < 2) continue;
					const times = runs.map((r) => since(r.startedAt ?? Number.NaN)).join(', ');
					const tried = (attemptsOfEvent.get(id) ?? []).map(describeAttempt).join('; ');
					log(`${label}: ${id} ran ${runs.length}× at ${times} after the stop began (n8n gone after ${restart.goneAt - restart.killAt} ms, back after ${restart.backAt - restart.killAt} ms); Adobe's attempts: ${tried}`);
				}
				// Losses: n8n-CORE LIMIT (documented, counted, not hidden): during a shutdown n8n keeps accepting webhooks
				// and acknowledging them until it is stopped; executions still running then end as "crashed" and n8n never
				// re-runs them. A lost event is excused only when an execution holding it never finished and started in the
				// process that was stopped; any other missing event fails.
				const lost = ids.filter((id) => !c.perEvent.has(id));
				const unfinished = c.executions.filter((e) => e.status !== 'success');
				const losses = lost.map((id) =>
					judgeLoss(id, {
						attempts: attemptsOfEvent.get(id) ?? [],
						unfinished: unfinished.filter((e) => JSON.stringify(e.data ?? {}).includes(id)).map((e) => ({
							executionId: String(e.id),
							eventId: id,
							status: e.status,
							startedAt: e.startedAt ? Date.parse(e.startedAt) : undefined,
						})),
						deaths: [restart],
						allowed: ['unfinished-at-death'],
					}),
				);
				const unexplainedLosses = losses.flatMap((l) => ('unexplained' in l ? [l.unexplained] : []));
				const crashedAfterAck = losses.length - unexplainedLosses.length;
				const foreign = [...c.perEvent.keys()].filter((id) => !wanted.has(id));
				const acrossRestart = report.excused['unanswered-across-restart'];
				log(`${label}: ${ids.length} events, ${c.executions.length} executions, lost ${lost.length} (${crashedAfterAck} in an execution n8n's shutdown cut off), duplicated ${report.duplicates} (${acrossRestart} across the n8n restart — of them ${report.resumedAtBoot} first run by n8n at boot from the stopped process's queue — ${report.excused['n8n-5xx']} from an attempt n8n answered 5xx), statuses ${JSON.stringify(c.statuses)}`);
				expect({ label, unexplainedLosses, unexplainedDuplicates: report.unexplained, foreign: foreign.length }).toEqual({
					label,
					unexplainedLosses: [],
					unexplainedDuplicates: [],
					foreign: 0,
				});
				expect(c.statuses.error ?? 0).toBe(0);
				crashedByN8n += crashedAfterAck;
				ranAgainAfter500 += report.excused['n8n-5xx'];
				resumedAtBoot += report.resumedAtBoot;
				return acrossRestart;
			};
			const restartDuplicates =
				(await expectExactlyOnce(single.workflowId, singleIds, 'single deliveries')) +
				(await expectExactlyOnce(batch.workflowId, batchIds, 'batch deliveries'));
			expect(singleIds.length + batchIds.length).toBe(BUDGET.singleEvents + BUDGET.batchEvents);
			summary.push(
				`fault injection: ${singleIds.length + batchIds.length} events (${phases.join('; ')}), ${deliveries.length} delivery attempts of which ${retried} retries over ${minutes} emulated minutes; unexplained losses 0, unexplained duplicates 0 (every execution tied to its own delivery attempt), ran again after n8n answered that very attempt 5xx ${ranAgainAfter500}, ran twice across the n8n restart ${restartDuplicates} (first run started by n8n at boot from the stopped process's queue: ${resumedAtBoot}), acknowledged then cut off by n8n's shutdown ${crashedByN8n}`,
			);
		});
	});

	// =====================================================================================
	describe('secrets', () => {
		it('no log line, error or item holds the client secret, an IMS token or the private key', async () => {
			expect(issuedTokens.length).toBeGreaterThan(0);
			const keyBody = JWT_PRIVATE_PEM.split('\n').filter((l) => l && !l.startsWith('-----'));
			const needles: Array<[string, string]> = [
				['client secret', CLIENT_SECRET],
				['private key (PEM header)', 'BEGIN PRIVATE KEY'],
				...keyBody.slice(1, -1).map((line, i) => [`private key line ${i + 2}`, line] as [string, string]),
				...issuedTokens.map((t, i) => [`IMS token #${i + 1}`, t] as [string, string]),
				...issuedTokens.map((t, i) => [`IMS token #${i + 1} signature`, t.split('.')[2]] as [string, string]),
			];
			const sources: Array<[string, string]> = [];
			const logText = readFileSync(stack.logFile, 'utf8');
			sources.push(['n8n log', logText]);
			for (const workflowId of workflowIds) {
				const executions = await stack.client.listExecutions(workflowId, { includeData: true });
				for (const e of executions) sources.push([`execution ${e.id} of ${workflowId}`, JSON.stringify(e)]);
				try {
					const activationError = await stack.client.request('GET', `/rest/active-workflows/error/${workflowId}`);
					sources.push([`activation error of ${workflowId}`, JSON.stringify(activationError.body)]);
				} catch (error) {
					if (!(error instanceof N8nHttpError)) throw error;
					sources.push([`activation error of ${workflowId}`, error.message]);
				}
			}
			for (const r of await ctl.registrations()) {
				const traces = await fetch(`${stack.emulator!.urls.control}/registrations/${r.registration_id}/traces`);
				sources.push([`traces of ${r.registration_id} (n8n's answers to Adobe)`, await traces.text()]);
			}
			for (const [i, text] of capturedErrors.entries()) sources.push([`captured error ${i}`, text]);
			const leaks: string[] = [];
			for (const [source, text] of sources) {
				for (const [what, needle] of needles) {
					if (needle && text.includes(needle)) leaks.push(`${what} in ${source}`);
				}
			}
			const lines = logText.split('\n').length;
			log(`secret scan: ${needles.length} needles over ${sources.length} sources (${lines} n8n log lines); leaks: ${leaks.length}`);
			expect(leaks).toEqual([]);
			summary.push(`secrets: ${lines} n8n log lines, ${sources.length - 1} executions/errors/traces scanned for the client secret, ${issuedTokens.length} IMS tokens and the private key: 0 found`);
		});
	});
});
