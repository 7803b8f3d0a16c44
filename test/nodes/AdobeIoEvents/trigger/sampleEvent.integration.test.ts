/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test code: runs outside n8n, polls the emulator with setTimeout and watches process for unhandled rejections */
/**
 * "Listen for test event" → the sample event, against the emulator over real HTTP.
 *
 * n8n answers the editor's run request with `waitingForWebhook` only after the lifecycle hook has
 * returned, and the editor only then enters "Listening for test event". Adobe (like the emulator)
 * delivers a requested sample at once, so a sample requested inside create() ran the test
 * execution before the editor was listening and left it stuck. These tests pin the order: nothing
 * is requested before the hook returns, the sample arrives SAMPLE_EVENT_DELAY_MS later, exactly
 * once, also for an adopted test registration; never for production, never with the option off,
 * and a test stopped meanwhile or an Adobe failure ends in a log line, not an unhandled rejection.
 */
import type { IDataObject } from 'n8n-workflow';

import { SAMPLE_EVENT_DELAY_MS } from '../../../../nodes/AdobeIoEvents/trigger/sampleEvent';
import { startEmulator, type Emulator } from '../../../emulator/src/index';
import { TestCredentialStore } from '../../../helpers/n8n-context';
import { hook, startReceiver, WEBHOOK_ID, type Receiver, type TriggerSetup } from './harness';
import { emulatorCredentials } from '../../../helpers/emulator-credentials';

const PROVIDER = '3a8a6f0e-7c5d-4b1f-9e2a-cc0a55e7e001';
const CREATED = 'com.adobe.platform.events.file_created';
/** Longest we wait for anything the detached sample request does (well above the delay). */
const SETTLE_MS = SAMPLE_EVENT_DELAY_MS + 10_000;

const delay = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

async function eventually<T>(
	what: string,
	probe: () => T | undefined,
	timeoutMs = SETTLE_MS,
): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = probe();
		if (value !== undefined) return value;
		if (Date.now() > deadline)
			throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
		await delay(25);
	}
}

describe('Watch Events trigger: sample event for "Listen for test event"', () => {
	let emulator: Emulator;
	let receiver: Receiver;
	let current: TriggerSetup;
	const unhandled: unknown[] = [];
	const onUnhandled = (reason: unknown) => unhandled.push(reason);

	const testUrl = () => `${receiver.url}webhook-test/${WEBHOOK_ID}/webhook`;
	const productionUrl = () => `${receiver.url}webhook/${WEBHOOK_ID}/webhook`;
	const deliveriesTo = (url: string) =>
		emulator.core.delivery.deliveries.filter((d) => d.url === url);
	const registrationsFor = (url: string) =>
		[...emulator.core.registrations.values()].filter((r) => r.webhook_url === url);

	async function control(method: string, path: string, body?: unknown): Promise<void> {
		const res = await fetch(new URL(path, emulator.urls.control), {
			method,
			headers: { 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		if (!res.ok) throw new Error(`control ${method} ${path}: ${res.status} ${await res.text()}`);
	}

	function newSetup(options: IDataObject = {}): TriggerSetup {
		return {
			parameters: {
				providerId: { __rl: true, mode: 'list', value: PROVIDER },
				eventCodes: [CREATED],
				options,
			} as TriggerSetup['parameters'],
			credentials: emulatorCredentials(emulator),
			store: new TestCredentialStore(),
			webhookBaseUrl: receiver.url,
			staticData: {},
			testStaticData: {},
		};
	}

	/** The hooks of one n8n call, with the node's log lines recorded. */
	function hooks(setup: TriggerSetup, isTest: boolean) {
		const h = hook(setup, { isTest });
		const logs: string[] = [];
		const record = (level: string) => (message: string) => logs.push(`${level}: ${message}`);
		Object.defineProperty(h.context, 'logger', {
			value: {
				error: record('error'),
				warn: record('warn'),
				info: record('info'),
				debug: record('debug'),
			},
			configurable: true,
		});
		return { ...h, logs };
	}

	beforeAll(async () => {
		emulator = await startEmulator({ port: 0 });
		receiver = await startReceiver(() => current);
		process.on('unhandledRejection', onUnhandled);
	});
	afterAll(async () => {
		process.off('unhandledRejection', onUnhandled);
		await receiver.close();
		await emulator.close();
	});
	beforeEach(async () => {
		await control('POST', '/reset', {});
		receiver.executions.length = 0;
		receiver.calls.length = 0;
		unhandled.length = 0;
		current = newSetup();
	});
	afterEach(() => {
		expect(unhandled).toEqual([]);
	});

	it('is requested only after create() has returned, then arrives once and becomes the test item', async () => {
		const listen = hooks(current, true);
		expect(await listen.checkExists()).toBe(false);
		expect(await listen.create()).toBe(true);
		const returnedAt = Date.now();
		// When create() returns (n8n then answers the editor "waitingForWebhook"), nothing has run yet.
		expect(registrationsFor(testUrl())).toHaveLength(1);
		expect(deliveriesTo(testUrl())).toEqual([]);
		expect(receiver.executions).toEqual([]);
		expect(listen.logs.filter((l) => /sample/i.test(l))).toEqual([]);

		const [delivery] = await eventually('the sample delivery', () => {
			const list = deliveriesTo(testUrl());
			return list.length > 0 ? list : undefined;
		});
		expect(Date.now() - returnedAt).toBeGreaterThanOrEqual(SAMPLE_EVENT_DELAY_MS - 50);
		expect([delivery.status, delivery.outcome, delivery.event_codes]).toEqual([
			200,
			'delivered',
			[CREATED],
		]);
		await eventually('the sample request to be logged', () =>
			listen.logs.find((l) => l.includes(`asked Adobe to send a sample ${CREATED} event`)),
		);
		expect(receiver.executions).toHaveLength(1);
		expect(receiver.executions[0][0].json.type).toBe(CREATED);
		expect(listen.logs.filter((l) => l.startsWith('warn'))).toEqual([]);

		// Exactly one sample: nothing else follows.
		await delay(1_000);
		expect(deliveriesTo(testUrl())).toHaveLength(1);
		await listen.delete();
		expect(registrationsFor(testUrl())).toHaveLength(0);
	}, 30_000);

	it('is requested for a left-over test registration that checkExists adopts', async () => {
		// A test registration left behind (say n8n stopped while listening), without a sample.
		current = newSetup({ sendSampleEvent: false });
		await hook(current, { isTest: true }).activate();
		expect(registrationsFor(testUrl())).toHaveLength(1);

		// The next "Listen for test event": new test static data, default options.
		current = newSetup();
		const listen = hooks(current, true);
		expect(await listen.checkExists()).toBe(true);
		expect(deliveriesTo(testUrl())).toEqual([]);
		await eventually('the sample delivery', () =>
			deliveriesTo(testUrl()).length === 1 ? true : undefined,
		);
		expect(registrationsFor(testUrl())).toHaveLength(1);
		await eventually('one execution', () => (receiver.executions.length === 1 ? true : undefined));
		expect(receiver.executions[0][0].json.type).toBe(CREATED);
		await listen.delete();
	}, 30_000);

	it('is never requested with the option off, nor for production registrations', async () => {
		const production = hooks(current, false);
		await production.activate();
		const off = newSetup({ sendSampleEvent: false });
		const listen = hooks(off, true);
		await listen.activate();
		expect(registrationsFor(productionUrl())).toHaveLength(1);
		expect(registrationsFor(testUrl())).toHaveLength(1);

		await delay(SAMPLE_EVENT_DELAY_MS + 1_500);
		expect(emulator.core.delivery.deliveries).toEqual([]);
		expect(receiver.executions).toEqual([]);
		expect([...production.logs, ...listen.logs].filter((l) => /sample/i.test(l))).toEqual([]);
		await listen.delete();
		await production.delete();
	}, 30_000);

	it('stopping the test before the sample is requested ends in a log line, no delivery', async () => {
		const listen = hooks(current, true);
		await listen.activate();
		// "Stop Listening" (or a real event ending the test) right away: n8n calls delete.
		await hook(current, { isTest: true }).delete();
		expect(registrationsFor(testUrl())).toHaveLength(0);

		const line = await eventually('the sample task to finish', () =>
			listen.logs.find((l) => /sample/i.test(l)),
		);
		expect(line).toMatch(/^info: .*no sample event sent; the test registration .* is already gone/);
		expect(deliveriesTo(testUrl())).toEqual([]);
		expect(receiver.executions).toEqual([]);
	}, 30_000);

	it('an Adobe failure of the sample request is logged once (not retried), not thrown', async () => {
		const listen = hooks(current, true);
		await listen.activate();
		await control('POST', '/faults', {
			target: 'api',
			status: 500,
			match: '/sample_event/',
			count: 5,
		});

		const line = await eventually('the sample task to finish', () =>
			listen.logs.find((l) => /sample/i.test(l)),
		);
		expect(line).toMatch(/^warn: Adobe I\/O Events: Adobe did not send a sample event/);
		// One attempt: a retry after a lost answer could deliver the sample twice.
		expect(emulator.core.faults.all().map((f) => f.remaining)).toEqual([4]);
		expect(deliveriesTo(testUrl())).toEqual([]);
		await control('DELETE', '/faults');
		await listen.delete();
	}, 30_000);
});
