/**
 * Registration → Get Delivery Traces and Registration → Diagnose, run the way n8n runs the node,
 * against the emulator: its webhook receivers really answer 200 / 401 / slowly, the emulator traces
 * what it really sent, and its health rules make the registration unstable and then disabled.
 */
import type { IDataObject } from 'n8n-workflow';

import { AdobeIoEvents } from '../../../../nodes/AdobeIoEvents/AdobeIoEvents.node';
import { Receiver, control } from '../../../emulator/helpers';
import { startEmulator } from '../../../emulator/src/index';
import { byId, credentialsFor, runError, runJson, type Emulator } from './harness';

const CC = '3a8a6f0e-7c5d-4b1f-9e2a-cc0a55e7e001';
const FILE_CREATED = 'com.adobe.platform.events.file_created';
/** The receivers serve n8n-shaped paths, so Diagnose can be told they are "this n8n". */
const N8N_PATH = '/webhook/6f1e8a52-3c4d-4e5f-8a9b-0c1d2e3f4a5b/webhook';

let emulator: Emulator;
let rx: Receiver;

beforeAll(async () => {
	emulator = await startEmulator({ port: 0, clock: 'manual' });
});
afterAll(async () => {
	await emulator.close();
});
beforeEach(async () => {
	await control(emulator, 'POST', '/reset');
	rx = await new Receiver().start(N8N_PATH);
});
afterEach(async () => {
	await rx.close();
});

async function createWebhookRegistration(name: string, deliveryType = 'webhook'): Promise<IDataObject> {
	const [registration] = await runJson(emulator, {
		resource: 'registration',
		operation: 'create',
		name,
		deliveryType,
		webhookUrl: rx.url,
		providerId: byId(CC),
		eventCodes: [FILE_CREATED],
		additionalFields: {},
	});
	expect(registration.webhook_status).toBe('verified');
	return registration;
}

async function emit(count: number, registrationId?: string): Promise<string[]> {
	const out = await control<{ event_ids: string[] }>(emulator, 'POST', '/events', {
		event_code: FILE_CREATED,
		count,
		wait: true,
		...(registrationId ? { registration_id: registrationId } : {}),
	});
	return out.event_ids;
}

const traces = async (registrationId: string, extra: IDataObject = {}) =>
	await runJson(emulator, { resource: 'registration', operation: 'getDeliveryTraces', registrationId: byId(registrationId), ...extra });

const diagnoseIt = async (registrationId: string, extra: IDataObject = {}) => {
	const out = await runJson(emulator, {
		resource: 'registration',
		operation: 'diagnose',
		registrationId: byId(registrationId),
		options: { webhookBaseUrl: new URL(rx.url).origin },
		...extra,
	});
	expect(out).toHaveLength(1);
	return out[0];
};

describe('Registration → Get Delivery Traces', () => {
	it('one item per delivery, newest first, with the answer in words; Only Failures, Limit, bodies, validations', async () => {
		const registration = await createWebhookRegistration('traced deliveries');
		const rid = String(registration.registration_id);
		let n = 0;
		rx.responder = () => (++n % 2 === 0 ? { status: 401, body: '{"message":"Signature verification failed"}' } : { status: 200, body: 'ok' });
		const eventIds = await emit(4);

		const all = await traces(rid);
		expect(all).toHaveLength(4);
		expect(all.map((t) => t.kind)).toEqual(['delivery', 'delivery', 'delivery', 'delivery']);
		expect(new Set(all.map((t) => t.eventId))).toEqual(new Set(eventIds));
		expect(all.map((t) => t.responseCode).sort()).toEqual([200, 200, 401, 401]);
		for (const t of all) {
			expect(t).toMatchObject({ eventCode: FILE_CREATED, requestUrl: rx.url, requestMethod: 'POST', retryCount: 0 });
			expect(t.time).toMatch(/^\d{4}-\d\d-\d\dT/);
			expect(t.responseTimeMs).toEqual(expect.any(Number));
			expect(String(t.requestBody)).toContain(String(t.eventId));
		}
		const refused = all.find((t) => t.responseCode === 401)!;
		expect(refused).toMatchObject({ success: false, adobeRetries: false, responseBody: '{"message":"Signature verification failed"}' });
		expect(refused.meaning).toMatch(/^Unauthorized/);
		// The items are exactly what the emulator's delivery log recorded.
		const log = await control<{ deliveries: Array<{ delivery_id: string; status: number }> }>(emulator, 'GET', `/deliveries?registration_id=${rid}`);
		expect(all.map((t) => t.deliveryId).sort()).toEqual(log.deliveries.map((d) => d.delivery_id).sort());

		const failures = await traces(rid, { onlyFailures: true });
		expect(failures.map((t) => t.responseCode)).toEqual([401, 401]);
		expect(await traces(rid, { limit: 3 })).toHaveLength(3);
		const short = await traces(rid, { limit: 1, options: { bodyLength: 10 } });
		expect(String(short[0].requestBody)).toHaveLength(11);
		expect(short[0].requestBodyTrimmed).toBe(true);
		const withValidations = await traces(rid, { options: { includeValidations: true } });
		expect(withValidations.map((t) => t.kind)).toEqual(['delivery', 'delivery', 'delivery', 'delivery', 'validation']);
	});

	it('no answer: a timeout is 604 and a stopped webhook 602, both in words', async () => {
		await control(emulator, 'POST', '/config', { deliveryTimeoutMs: 200 });
		const registration = await createWebhookRegistration('silent webhook');
		const rid = String(registration.registration_id);
		rx.responder = () => ({ delayMs: 600 });
		await emit(1);
		await rx.close();
		await emit(1);
		const [unreachable, timedOut] = await traces(rid);
		expect(timedOut).toMatchObject({ responseCode: 604, success: false, adobeRetries: true });
		expect(timedOut.meaning).toMatch(/did not answer within the time Adobe waits/);
		expect(unreachable).toMatchObject({ responseCode: 602, adobeRetries: true });
		expect(unreachable.meaning).toMatch(/could not connect/);
		rx = await new Receiver().start(N8N_PATH); // afterEach closes it
	});

	it('an empty Credential ID fails with a message naming the field and where to find it', async () => {
		const registration = await createWebhookRegistration('no credential id');
		const error = await runError(
			emulator,
			{ resource: 'registration', operation: 'getDeliveryTraces', registrationId: byId(String(registration.registration_id)) },
			{ credentials: { ...credentialsFor(emulator), credentialId: '' } },
		);
		expect(error.message).toMatch(/The credential field "Credential ID" is empty/);
		expect(error.description).toMatch(/project\.workspace\.details\.credentials\[\]\.id/);
		expect(error.description).toMatch(/not the Client ID/);
	});

	it('a Credential ID of another project: Adobe has no traces (404) → says which field to check', async () => {
		const registration = await createWebhookRegistration('wrong credential id');
		const error = await runError(
			emulator,
			{ resource: 'registration', operation: 'getDeliveryTraces', registrationId: byId(String(registration.registration_id)) },
			{ credentials: { ...credentialsFor(emulator), credentialId: '123' } },
		);
		expect(error.message).toMatch(/Adobe has no delivery traces for registration ".+" under Credential ID 123/);
		expect(error.description).toMatch(/"Credential ID" belongs to the project of this registration/);
	});

	it('other API failures keep Adobe’s reason (continue on fail: an error item)', async () => {
		const registration = await createWebhookRegistration('tracing outage');
		await control(emulator, 'POST', '/faults', { target: 'api', status: 400, match: '/tracing/', count: 1 });
		const [item] = await runJson(
			emulator,
			{ resource: 'registration', operation: 'getDeliveryTraces', registrationId: byId(String(registration.registration_id)) },
			{ continueOnFail: true },
		);
		expect(item).toMatchObject({ httpCode: '400' });
		expect(String(item.error)).not.toBe('');
	});
});

describe('Registration → Diagnose', () => {
	it('healthy: "Healthy: 3 deliveries, all 200", this n8n’s production URL', async () => {
		const registration = await createWebhookRegistration('healthy hook');
		await emit(3);
		const d = await diagnoseIt(String(registration.registration_id));
		expect(d).toMatchObject({
			verdict: 'healthy',
			severity: 'ok',
			status: 'Active',
			summary: 'Healthy: 3 deliveries, all 200.',
			thisN8n: true,
			n8nWebhook: 'production',
			tracesRead: true,
			webhookStatus: 'verified',
			enabled: true,
		});
		expect(d.deliveries).toMatchObject({ total: 3, succeeded: 3, failed: 0, responseCodes: { '200': 3 } });
		expect(d.findings).toEqual([expect.stringMatching(/this n8n’s production webhook URL/)]);
	});

	it('a webhook answering 401 drives the registration unstable, then Adobe disables it: the verdict names the cause', async () => {
		const registration = await createWebhookRegistration('refusing hook');
		const rid = String(registration.registration_id);
		rx.responder = () => ({ status: 401, body: 'signature check failed' });
		await emit(10);
		const unstable = await diagnoseIt(rid);
		expect(unstable).toMatchObject({ verdict: 'unstable', status: 'Unstable', webhookStatus: 'unstable' });
		expect(unstable.summary).toMatch(/^Adobe marked this registration unstable: 10 of 10 deliveries in 24 h failed; the last 10 answers were 401 \(signature check failed\) — a proxy in front of n8n is probably changing the body/);
		expect(unstable.lastFailures).toHaveLength(5);

		// The failures go on; 24 h after it became unstable Adobe re-evaluates and disables it.
		await control(emulator, 'POST', '/clock/advance', { hours: 12 });
		await emit(12);
		await control(emulator, 'POST', '/clock/advance', { hours: 12 });
		const state = await control<{ health: string }>(emulator, 'GET', `/registrations/${rid}`);
		expect(state.health).toBe('DISABLED');
		const disabled = await diagnoseIt(rid);
		expect(disabled).toMatchObject({ verdict: 'disabled', severity: 'error', status: 'Disabled', enabled: false });
		expect(disabled.summary).toBe(
			'Adobe disabled this registration after 22 failed deliveries in 24 h; the last 22 answers were 401 (signature check failed) — a proxy in front of n8n is probably changing the body (Adobe signs the exact bytes), or the Watch Events trigger’s credential belongs to another Adobe project than this registration. New events are not delivered.',
		);
		expect(disabled.action).toMatch(/Registration → Enable/);
		expect((disabled.findings as string[]).join('\n')).toMatch(/22 failed deliveries got an answer Adobe does not retry/);
	});

	it('without a Credential ID the verdict comes from the registration alone and says what is missing', async () => {
		const registration = await createWebhookRegistration('diagnose without traces');
		const [d] = await runJson(
			emulator,
			{ resource: 'registration', operation: 'diagnose', registrationId: byId(String(registration.registration_id)) },
			{ credentials: { ...credentialsFor(emulator), credentialId: '' } },
		);
		expect(d).toMatchObject({ verdict: 'healthy', tracesRead: false, thisN8n: false });
		expect(d.action).toMatch(/Credential ID/);
		expect((d.findings as string[])[0]).toMatch(/Delivery traces were not read: The credential field "Credential ID" is empty/);
	});

	it('a journal registration is not a webhook: no tracing call, the journal is the answer', async () => {
		const [registration] = await runJson(emulator, {
			resource: 'registration',
			operation: 'create',
			name: 'journal only',
			deliveryType: 'journal',
			providerId: byId(CC),
			eventCodes: [FILE_CREATED],
			additionalFields: {},
		});
		await control(emulator, 'POST', '/faults', { target: 'api', status: 500, match: '/tracing/', count: 100 });
		try {
			const d = await diagnoseIt(String(registration.registration_id));
			expect(d).toMatchObject({ verdict: 'no_webhook', severity: 'info', tracesRead: false });
		} finally {
			await control(emulator, 'DELETE', '/faults');
		}
	});
});

describe('the action node as an AI agent tool', () => {
	it('stays usable as a tool, and both operations have an action name', () => {
		const node = new AdobeIoEvents();
		expect(node.description.usableAsTool).toBe(true);
		const operation = node.description.properties.find(
			(p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes('registration'),
		);
		const options = (operation?.options ?? []) as Array<{ value: string; action?: string }>;
		expect(options.find((o) => o.value === 'getDeliveryTraces')?.action).toBe('Get delivery traces of a registration');
		expect(options.find((o) => o.value === 'diagnose')?.action).toBe('Diagnose a registration');
	});
});
