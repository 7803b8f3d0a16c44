/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test code: runs outside n8n, needs node:events (ServerResponse-like events) and process */
/**
 * Found by the fault-injection suite (real n8n under load, Adobe's retries on the emulator clock):
 * webhook() remembers an eventid as "seen" the moment it accepts the delivery — before n8n has
 * started the execution. When n8n then fails to start it (e.g. SQLite "Timeout waiting for lock",
 * answered "500 There was a problem executing the workflow"), Adobe retries, and the retry was
 * acknowledged as a duplicate: the event was lost although Adobe did everything right.
 *
 * These cases drive webhook() with real n8n-core WebhookContexts and a response object that
 * behaves like Node's ServerResponse ('finish' when n8n's answer went out, 'close' without
 * 'finish' when Adobe hung up first; n8n still sets the status it decided on afterwards).
 */
import { EventEmitter } from 'node:events';

import { startTestServer, type TestServer } from '../helpers/http-server';
import { TestCredentialStore, TestWebhookResponse } from '../helpers/n8n-context';
import { callWebhook, type TriggerSetup } from '../nodes/AdobeIoEvents/trigger/harness';
import { cloudEvent, keyPairs, PATH_ONE, PATH_TWO, signedHeaders } from '../nodes/AdobeIoEvents/webhook/fixtures';

const CLIENT_ID = 'c5a34355b7f5491f8277b8dd63f0bfa3';

/** An express-like response with ServerResponse's events. */
class SocketResponse extends TestWebhookResponse {
	private readonly events = new EventEmitter();

	writableFinished = false;

	on(name: string, listener: (...args: unknown[]) => void) {
		this.events.on(name, listener);
		return this;
	}

	once(name: string, listener: (...args: unknown[]) => void) {
		this.events.once(name, listener);
		return this;
	}

	/** n8n's answer reached Adobe. */
	deliver(status: number) {
		this.statusCode = status;
		this.writableFinished = true;
		this.events.emit('finish');
		this.events.emit('close');
	}

	/** Adobe hung up before n8n answered. */
	hangUp() {
		this.events.emit('close');
	}
}

describe('dedupe vs. n8n failing to start the execution', () => {
	const [k1, k2] = keyPairs(2);
	let keyHost: TestServer;
	let n = 0;

	beforeAll(async () => {
		keyHost = await startTestServer((req, res) => {
			if (req.path === PATH_ONE) return res.text(200, k1.publicPem);
			if (req.path === PATH_TWO) return res.text(200, k2.publicPem);
			return res.text(404, 'not found');
		});
	});
	afterAll(async () => {
		await keyHost.close();
	});

	function setup(): TriggerSetup {
		return {
			parameters: {
				providerId: { __rl: true, mode: 'id', value: 'provider-1' },
				eventCodes: ['com.example.file_created'],
			} as TriggerSetup['parameters'],
			credentials: {
				authentication: 'oauthS2S',
				environment: 'custom',
				imsUrl: 'http://127.0.0.1:9/ims',
				apiUrl: 'http://127.0.0.1:9/api',
				ingressUrl: 'http://127.0.0.1:9/ingress',
				publicKeyUrl: keyHost.url,
				clientId: CLIENT_ID,
				clientSecret: 'unused',
				imsOrgId: 'ORG@AdobeOrg',
				consumerOrgId: '1',
				projectId: '2',
				workspaceId: '3',
			},
			store: new TestCredentialStore(),
			webhookBaseUrl: 'https://n8n.example.com/',
			staticData: {},
			testStaticData: {},
		};
	}

	function delivery() {
		n++;
		const id = `ack-${process.pid}-${n}-${Date.now()}`;
		const rawBody = Buffer.from(JSON.stringify(cloudEvent({ eventid: id, event_id: id })));
		return { rawBody, headers: signedHeaders(rawBody, [k1, k2]) };
	}

	async function attempt(d: ReturnType<typeof delivery>, response = new SocketResponse()) {
		const call = await callWebhook(setup(), { ...d, headers: { ...d.headers } }, response);
		return { executed: call.result.workflowData !== undefined, response };
	}

	it('n8n answered 500 (execution not started): Adobe’s retry executes', async () => {
		const d = delivery();
		const first = await attempt(d);
		expect(first.executed).toBe(true);
		first.response.deliver(500);
		expect((await attempt(d)).executed).toBe(true);
	});

	it('Adobe hung up, then n8n marked the dead response 500 ("aborted", execution started): the retry is a duplicate', async () => {
		const d = delivery();
		const first = await attempt(d);
		expect(first.executed).toBe(true);
		first.response.hangUp();
		first.response.status(500);
		expect((await attempt(d)).executed).toBe(false);
	});

	it('Adobe hung up, but n8n started the execution (ack lost): the retry is a duplicate', async () => {
		const d = delivery();
		const first = await attempt(d);
		expect(first.executed).toBe(true);
		first.response.hangUp();
		first.response.status(200);
		const retry = await attempt(d);
		expect(retry.executed).toBe(false);
		expect(retry.response.statusCode).toBe(200);
	});

	it('acknowledged normally: the retry is a duplicate, and a third attempt too', async () => {
		const d = delivery();
		const first = await attempt(d);
		first.response.deliver(200);
		expect((await attempt(d)).executed).toBe(false);
		expect((await attempt(d)).executed).toBe(false);
	});

	it('after a failed start is retried successfully, later copies are duplicates again', async () => {
		const d = delivery();
		(await attempt(d)).response.deliver(500);
		const retry = await attempt(d);
		expect(retry.executed).toBe(true);
		retry.response.deliver(200);
		expect((await attempt(d)).executed).toBe(false);
	});
});

