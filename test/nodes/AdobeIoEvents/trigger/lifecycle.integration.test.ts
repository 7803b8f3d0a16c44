/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test code: runs outside n8n, polls the emulator with setTimeout */
/**
 * The Watch Events trigger against the Adobe I/O Events emulator over real HTTP: the lifecycle
 * (checkExists / create / delete) through n8n-core's real HookContext and request helpers, the
 * emulator's challenge reaching webhook() through a real HTTP receiver, signed deliveries
 * verified with keys fetched from the emulator's key host, async validation completed.
 */
import type { IDataObject } from 'n8n-workflow';

import type { DeliveryCredential } from '../../../../nodes/AdobeIoEvents/trigger/runtime';
import { SAMPLE_EVENT_DELAY_MS } from '../../../../nodes/AdobeIoEvents/trigger/sampleEvent';
import { createDeliveryRuntime } from '../../../../nodes/AdobeIoEvents/webhook/runtime';
import { startEmulator, type Emulator } from '../../../emulator/src/index';
import { keyPairs, PATH_ONE, signBytes } from '../webhook/fixtures';
import {
	CC_PROVIDER as PROVIDER,
	emulatorSetup,
	hook,
	LAYOUT_VERSIONS,
	startReceiver,
	WEBHOOK_ID,
	type Receiver,
	type TriggerSetup,
} from './harness';

const CREATED = 'com.adobe.platform.events.file_created';
const UPDATED = 'com.adobe.platform.events.file_updated';

// Every case runs once per parameter layout (typeVersion 1.1: first screen; 2: under Options).
describe.each(LAYOUT_VERSIONS)('Watch Events trigger ↔ emulator (typeVersion %s)', (typeVersion) => {
	const [rogue] = keyPairs(1);
	let emulator: Emulator;
	let receiver: Receiver;
	let current: TriggerSetup;
	const runtime = createDeliveryRuntime<DeliveryCredential>();

	async function control(method: string, path: string, body?: unknown): Promise<IDataObject> {
		const res = await fetch(new URL(path, emulator.urls.control), {
			method,
			headers: { 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await res.text();
		if (!res.ok) throw new Error(`control ${method} ${path}: ${res.status} ${text}`);
		return (text ? JSON.parse(text) : {}) as IDataObject;
	}

	function registrationsForUrl(url: string) {
		return [...emulator.core.registrations.values()].filter((r) => r.webhook_url === url);
	}

	const productionUrl = () => `${receiver.url}webhook/${WEBHOOK_ID}/webhook`;
	const testUrl = () => `${receiver.url}webhook-test/${WEBHOOK_ID}/webhook`;

	function newSetup(parameters: IDataObject = {}): TriggerSetup {
		return emulatorSetup(emulator, receiver.url, parameters, {
			typeVersion,
			// The first layout runs through the node's own hooks and process-wide runtime; the second is
			// another n8n process (the emulator's event IDs repeat after a reset).
			runtime: typeVersion === LAYOUT_VERSIONS[0] ? undefined : runtime,
		});
	}

	beforeAll(async () => {
		emulator = await startEmulator({ port: 0 });
		receiver = await startReceiver(() => current);
	});
	afterAll(async () => {
		await receiver.close();
		await emulator.close();
	});
	beforeEach(async () => {
		await control('POST', '/reset', {});
		receiver.executions.length = 0;
		receiver.calls.length = 0;
		receiver.failChallengeWith = undefined;
		receiver.failPostWith = undefined;
		current = newSetup();
	});

	it('registers on activation: the challenge reaches webhook() and the registration is verified', async () => {
		const h = hook(current);
		expect(await h.checkExists()).toBe(false);
		await h.create();
		const regs = registrationsForUrl(productionUrl());
		expect(regs).toHaveLength(1);
		expect(regs[0].webhook_status).toBe('verified');
		expect(regs[0].name).toMatch(/^n8n: .+ \/ Adobe I\/O Events Trigger \(wf-test-1\)$/);
		expect(current.staticData.registrationId).toBe(regs[0].registration_id);
		expect(receiver.calls.some((c) => c.method === 'GET' && c.status === 200)).toBe(true);
		expect(await hook(current).checkExists()).toBe(true);
	});

	it('stays at one registration under 5 activation attempts and restarts with lost static data', async () => {
		for (let i = 0; i < 5; i++) {
			current.staticData = {};
			await hook(current).activate();
		}
		await hook(current).create(); // create re-checks by URL before POSTing
		expect(registrationsForUrl(productionUrl())).toHaveLength(1);
	});

	it('Acknowledge "When the Workflow Has Finished" registers its own path; switching moves the one registration, also with lost static data', async () => {
		const finishedUrl = () => `${receiver.url}webhook/${WEBHOOK_ID}/webhook-finished`;
		await hook(current).activate();
		expect(registrationsForUrl(productionUrl())).toHaveLength(1);

		current.parameters = { ...current.parameters, options: { acknowledge: 'whenFinished' } };
		expect(await hook(current).checkExists()).toBe(true);
		expect(registrationsForUrl(productionUrl())).toHaveLength(0);
		const moved = registrationsForUrl(finishedUrl());
		expect(moved).toHaveLength(1);
		expect(moved[0].webhook_status).toBe('verified');
		// Adobe's challenge was answered on the finished path
		expect(
			receiver.calls.some(
				(c) => c.method === 'GET' && c.path.endsWith('/webhook-finished') && c.status === 200,
			),
		).toBe(true);

		// back to "When Queued" after static data was lost: found by the other URL and moved, still one
		current.staticData = {};
		current.parameters = { ...current.parameters, options: {} };
		await hook(current).activate();
		expect(registrationsForUrl(productionUrl())).toHaveLength(1);
		expect(registrationsForUrl(finishedUrl())).toHaveLength(0);

		// a fresh publish in "finished" mode with lost static data adopts it too (no second registration)
		current.staticData = {};
		current.parameters = { ...current.parameters, options: { acknowledge: 'whenFinished' } };
		await hook(current).create();
		expect(registrationsForUrl(finishedUrl())).toHaveLength(1);
		expect(emulator.core.registrations.size).toBe(1);

		// unpublish without static data finds it on either path
		current.staticData = {};
		await hook(current).delete();
		expect(emulator.core.registrations.size).toBe(0);
	});

	it('signed deliveries are verified with keys from the emulator key host and become items', async () => {
		await hook(current).activate();
		const out = await control('POST', '/events', {
			event_code: CREATED,
			provider_id: PROVIDER,
			data: { hello: 'world' },
			wait: true,
		});
		expect(receiver.executions).toHaveLength(1);
		const item = receiver.executions[0][0].json;
		if (typeVersion >= 2) {
			// version 2's default output: Simplified — Adobe's event id as eventId, the Creative Cloud asset
			// fields (null: this event's data holds none of them)
			expect(item).toEqual({
				eventId: (out.event_ids as string[])[0],
				type: CREATED,
				time: expect.stringMatching(/^\d{4}-\d\d-\d\dT[\d:.]+Z$/),
				source: `urn:uuid:${PROVIDER}`,
				...Object.fromEntries(
					['action', 'name', 'path', 'format', 'size', 'assetId', 'user', 'modified'].map((k) => [k, null]),
				),
			});
		} else {
			expect(item.eventid).toBe((out.event_ids as string[])[0]);
			expect(item.recipientclientid).toBe(emulator.credentials.clientId);
		}
		const deliveries = (
			await control(
				'GET',
				`/deliveries?registration_id=${String(current.staticData.registrationId)}`,
			)
		).deliveries as IDataObject[];
		expect(deliveries.at(-1)?.outcome).toBe('delivered');
	});

	it('batch delivery: one item per event', async () => {
		current = newSetup({ deliveryType: 'webhook_batch' });
		await hook(current).activate();
		await control('POST', '/events', {
			event_code: CREATED,
			provider_id: PROVIDER,
			count: 3,
			wait: true,
		});
		await control('POST', '/idle', {});
		const items = receiver.executions.flat();
		expect(items).toHaveLength(3);
		const idField = typeVersion >= 2 ? 'eventId' : 'eventid'; // version 2: Simplified by default
		expect(new Set(items.map((i) => i.json[idField])).size).toBe(3);
	});

	it('forged and tampered deliveries get 401 and start nothing', async () => {
		await hook(current).activate();
		const event = {
			recipientclientid: emulator.credentials.clientId,
			eventid: 'forged-1',
			type: CREATED,
		};
		const body = JSON.stringify(event);
		const headers: Record<string, string> = {
			'content-type': 'application/cloudevents+json',
			'x-adobe-digital-signature-1': signBytes(Buffer.from(body), rogue.privateKey),
			'x-adobe-digital-signature-2': signBytes(Buffer.from(body), rogue.privateKey),
			'x-adobe-public-key1-path': PATH_ONE,
			'x-adobe-public-key2-path': ['@evil.example', 'x.pem'].join('/'),
		};
		const forged = await fetch(productionUrl(), { method: 'POST', headers, body });
		expect(forged.status).toBe(401);
		const tampered = await fetch(productionUrl(), {
			method: 'POST',
			headers,
			body: body.replace('forged-1', 'forged-2'),
		});
		expect(tampered.status).toBe(401);
		expect(receiver.executions).toHaveLength(0);
	});

	it('completes asynchronous validation when the GET challenge fails', async () => {
		receiver.failChallengeWith = 500;
		await hook(current).activate();
		const reg = registrationsForUrl(productionUrl())[0];
		expect(reg).toBeDefined();
		// webhook() answered the validation POST and GETted the validationUrl on the API host
		for (let i = 0; i < 100 && reg.webhook_status !== 'verified'; i++)
			await new Promise((r) => setTimeout(r, 100));
		expect(reg.webhook_status).toBe('verified');
		expect(receiver.executions).toHaveLength(0);
	});

	it('a changed webhook URL (PUT) completes asynchronous validation when the GET challenge fails (issue 22 #5)', async () => {
		await hook(current).activate();
		const id = String(current.staticData.registrationId);
		// n8n's public URL changes (N8N_WEBHOOK_URL): the stored registration is moved with a PUT,
		// whose challenge fails, so Adobe falls back to asynchronous validation
		current.webhookBaseUrl = receiver.url.replace('127.0.0.1', 'localhost');
		receiver.failChallengeWith = 500;
		expect(await hook(current).checkExists()).toBe(true);
		const reg = emulator.core.registrations.get(id);
		expect(reg?.webhook_url).toBe(`${current.webhookBaseUrl}webhook/${WEBHOOK_ID}/webhook`);
		for (let i = 0; i < 100 && reg?.webhook_status !== 'verified'; i++)
			await new Promise((r) => setTimeout(r, 100));
		expect(reg?.webhook_status).toBe('verified');
		expect(receiver.calls.filter((c) => c.method === 'POST').map((c) => c.status)).toEqual([200]);
		expect(receiver.executions).toHaveLength(0);
	});

	it('create fails clearly when the challenge fails completely, leaving nothing behind', async () => {
		receiver.failChallengeWith = 500;
		receiver.failPostWith = 500;
		await expect(hook(current).activate()).rejects.toThrow(/challenge failed/i);
		expect(registrationsForUrl(productionUrl())).toHaveLength(0);
	});

	it('create fails clearly for an unknown event code', async () => {
		current = newSetup({ eventCodes: ['com.example.does_not_exist'] });
		await expect(hook(current).activate()).rejects.toThrow(/event type/i);
	});

	it('create fails clearly when the registration quota is reached', async () => {
		await control('POST', '/config', { registrationQuotaPerClient: 0 });
		await expect(hook(current).activate()).rejects.toThrow(/limit is reached|name is taken/i);
	});

	it('a name taken by another URL is reported, not adopted', async () => {
		await hook(current).activate();
		const other = newSetup();
		other.webhookBaseUrl = receiver.url.replace('127.0.0.1', 'localhost');
		await expect(hook(other).activate()).rejects.toThrow(/already exists for another URL/);
		expect(registrationsForUrl(productionUrl())).toHaveLength(1);
	});

	it('fixes drifted event types with a PUT and forgets stale IDs on 404', async () => {
		await hook(current).activate();
		const id = String(current.staticData.registrationId);
		current.parameters = { ...current.parameters, eventCodes: [CREATED, UPDATED] };
		expect(await hook(current).checkExists()).toBe(true);
		const reg = emulator.core.registrations.get(id);
		expect(reg?.events_of_interest.map((e) => e.event_code).sort()).toEqual([CREATED, UPDATED]);
		emulator.core.registrations.delete(id);
		expect(await hook(current).checkExists()).toBe(false);
		expect(current.staticData.registrationId).toBeUndefined();
	});

	it('re-enables a registration Adobe disabled (hook_unreachable) on the next start', async () => {
		await hook(current).activate();
		const id = String(current.staticData.registrationId);
		await control('POST', `/registrations/${id}`, { health: 'DISABLED' });
		expect(emulator.core.registrations.get(id)?.webhook_status).toBe('hook_unreachable');
		expect(await hook(current).checkExists()).toBe(true);
		expect(emulator.core.registrations.get(id)?.webhook_status).toBe('verified');
		expect(current.staticData.health).toBe('ok');
		// still unreachable: activation fails with the explanation, the ID is kept for the next try
		await control('POST', `/registrations/${id}`, { health: 'DISABLED' });
		receiver.failChallengeWith = 500;
		receiver.failPostWith = 500;
		await expect(hook(current).checkExists()).rejects.toThrow(/challenge failed/i);
		expect(current.staticData.registrationId).toBe(id);
	});

	it('delete removes the registration, treats 404 as done, keeps the ID when Adobe is unreachable', async () => {
		await hook(current).activate();
		const id = String(current.staticData.registrationId);
		await hook(current).delete();
		expect(registrationsForUrl(productionUrl())).toHaveLength(0);
		current.staticData.registrationId = id; // stale ID: 404 is success
		await hook(current).delete();
		expect(current.staticData.registrationId).toBeUndefined();

		await hook(current).activate();
		const kept = String(current.staticData.registrationId);
		await control('POST', '/faults', {
			target: 'api',
			status: 503,
			count: 50,
			match: '/registrations/',
		});
		await expect(hook(current).delete()).rejects.toThrow(/Could not delete/);
		expect(current.staticData.registrationId).toBe(kept);
		await control('DELETE', '/faults');
		await hook(current).delete();
		expect(registrationsForUrl(productionUrl())).toHaveLength(0);
	});

	it('test registrations are separate, labelled, and receive a sample event', async () => {
		await hook(current).activate();
		await hook(current, { isTest: true }).activate();
		const prod = registrationsForUrl(productionUrl());
		const test = registrationsForUrl(testUrl());
		expect(prod).toHaveLength(1);
		expect(test).toHaveLength(1);
		expect(test[0].name.startsWith('[n8n test] ')).toBe(true);
		// The sample is requested after the hook returned (sampleEvent.integration.test.ts): wait for it.
		const deadline = Date.now() + SAMPLE_EVENT_DELAY_MS + 10_000;
		while (receiver.executions.length === 0 && Date.now() < deadline)
			await new Promise((resolve) => setTimeout(resolve, 50));
		expect(receiver.executions).toHaveLength(1);
		expect(receiver.executions[0][0].json.type).toBe(CREATED);
		await hook(current, { isTest: true }).delete();
		expect(registrationsForUrl(testUrl())).toHaveLength(0);
		expect(registrationsForUrl(productionUrl())).toHaveLength(1);
	});
});
