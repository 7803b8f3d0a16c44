/**
 * Signed deliveries to the Watch Events trigger's webhook() in-process: real RSA keys served by a real
 * key host, exact bytes, real n8n-core WebhookContexts (harness.ts), a fresh DeliveryRuntime per test.
 * Register it inside a describe block (it adds beforeAll/afterAll/beforeEach hooks).
 *
 * Each delivery arrives a minute after its newest event's time (the runtime's clock), as Adobe delivers
 * it: a signed event older than 48 h does not run (webhook/freshness.ts). `at` sets another moment.
 */
import type { INodeParameters } from 'n8n-workflow';

import type { TriggerRuntime } from '../../../../nodes/AdobeIoEvents/trigger/webhookHandler';
import { freshnessTimeOf } from '../../../../nodes/AdobeIoEvents/webhook/freshness';
import { createDeliveryRuntime } from '../../../../nodes/AdobeIoEvents/webhook/runtime';
import { startTestServer, type TestServer } from '../../../helpers/http-server';
import { TestCredentialStore } from '../../../helpers/n8n-context';
import { keyPairs, PATH_ONE, PATH_TWO, signedHeaders } from '../webhook/fixtures';
import { callWebhook, type TriggerSetup } from './harness';

export interface DeliverOptions {
	/** the trigger's Options collection */
	options?: Record<string, unknown>;
	/** further parameters, as a saved workflow holds them (e.g. output) */
	parameters?: INodeParameters;
	/** the trigger's typeVersion (default: the harness's) */
	typeVersion?: number;
	/** when the delivery arrives (epoch ms; default: a minute after its newest event's time, else now) */
	at?: number;
}

/** The times freshness reads from a delivery's events (undefined where an event has none it can use). */
export function deliveryTimes(bytes: Buffer): Array<number | undefined> {
	const json = JSON.parse(bytes.toString('utf8')) as unknown;
	return (Array.isArray(json) ? json : [json]).map((event) => freshnessTimeOf(event));
}

export function deliveryHarness() {
	const [k1, k2] = keyPairs(2);
	let keyHost: TestServer;
	const state: { runtime: TriggerRuntime; clock: number } = {
		runtime: createDeliveryRuntime(),
		clock: Date.now(),
	};
	const newRuntime = (): TriggerRuntime => createDeliveryRuntime({ now: () => state.clock });

	beforeAll(async () => {
		keyHost = await startTestServer((req, res) => {
			if (req.path === PATH_ONE) return res.text(200, k1.publicPem);
			if (req.path === PATH_TWO) return res.text(200, k2.publicPem);
			return res.text(404, 'not found');
		});
	});
	afterAll(async () => await keyHost.close());
	beforeEach(() => {
		state.runtime = newRuntime();
	});

	function setup(clientId: string, deliverOptions: DeliverOptions = {}): TriggerSetup {
		return {
			parameters: {
				providerId: { __rl: true, mode: 'id', value: 'provider-1' },
				eventCodes: ['com.example.any'],
				options: deliverOptions.options ?? {},
				...(deliverOptions.parameters ?? {}),
			} as TriggerSetup['parameters'],
			typeVersion: deliverOptions.typeVersion,
			credentials: {
				authentication: 'oauthS2S',
				environment: 'custom',
				imsUrl: 'http://127.0.0.1:9/ims',
				apiUrl: 'http://127.0.0.1:9/api',
				ingressUrl: 'http://127.0.0.1:9/ingress',
				publicKeyUrl: keyHost.url,
				clientId,
				clientSecret: 'not-used-by-digital-signatures',
				imsOrgId: 'ORG@AdobeOrg',
				consumerOrgId: '1',
				projectId: '2',
				workspaceId: '3',
			},
			store: new TestCredentialStore(),
			webhookBaseUrl: 'https://n8n.example.com/',
			staticData: {},
			testStaticData: {},
			runtime: state.runtime,
		};
	}

	async function deliver(bytes: Buffer, clientId: string, options?: DeliverOptions) {
		const times = deliveryTimes(bytes).filter((time): time is number => time !== undefined);
		state.clock = options?.at ?? (times.length > 0 ? Math.max(...times) + 60_000 : Date.now());
		return await callWebhook(setup(clientId, options), {
			rawBody: bytes,
			headers: signedHeaders(bytes, [k1, k2]),
		});
	}

	return {
		deliver,
		fresh: () => {
			state.runtime = newRuntime();
		},
	};
}
