/**
 * n8n's public webhook base reaches Adobe on every n8n line. n8n listens on 127.0.0.1:<port>; a reverse proxy on
 * another port is the public base, set through the variable n8n's line reads (the harness's webhookBaseEnv:
 * WEBHOOK_URL on n8n 1.x, which reads nothing else, N8N_WEBHOOK_URL on 2.x). Adobe's (the emulator's)
 * registrations must carry the proxy's base — a harness that set N8N_WEBHOOK_URL on 1.x registered
 * http://127.0.0.1:<port>/ and hid that 1.x users who followed our old hint registered the wrong URL —
 * and the challenge and deliveries go through the proxy to n8n.
 *
 * Run on n8n 1.x with N8N_VERSION=1.123.81 (`npm run test:compat` runs it on every supported version).
 */
import { CC_EVENT_CODES, control, createEmulatorCredential, oneVerified, publishWatchEvents, triggerParameters, waitForRegistrations } from '../../scripts/n8n/adobe-setup';
import type { EmulatorControl } from '../../scripts/n8n/emulator-control';
import type { N8nCredentialRef } from '../../scripts/n8n/n8n-api';
import { startLoadBalancer, type LoadBalancer } from '../../scripts/queue/load-balancer';
import { freePort, webhookBaseEnv, type Stack } from '../../scripts/n8n/stack';
import { TRIGGER_NAME, watchEventsWorkflow, webhookUrls } from '../../scripts/n8n/workflows';
import { startE2eStack } from './helpers';

describe('the public webhook base URL in a real n8n', () => {
	let stack: Stack;
	let proxy: LoadBalancer;
	let ctl: EmulatorControl;
	let credential: N8nCredentialRef;
	let n8nPort: number;

	beforeAll(async () => {
		n8nPort = await freePort();
		// Everything to n8n (no separate webhook processors).
		proxy = await startLoadBalancer({ mainUrl: `http://127.0.0.1:${n8nPort}`, webhookUrls: [] });
		stack = await startE2eStack({ port: n8nPort, webhookBaseUrl: proxy.url });
		ctl = control(stack);
		credential = await createEmulatorCredential(stack);
	});

	afterAll(async () => {
		await stack?.stop();
		await proxy?.close();
	});

	it("sets the variable of n8n's line to a base other than n8n's listen address", () => {
		expect(stack.webhookBaseUrl).toBe(proxy.url);
		expect(proxy.port).not.toBe(n8nPort);
		const variable = stack.runtime.n8nVersion.startsWith('1.') ? 'WEBHOOK_URL' : 'N8N_WEBHOOK_URL';
		expect(stack.n8nEnv[variable]).toBe(`${proxy.url}/`);
		expect(webhookBaseEnv(stack.runtime.n8nVersion, 'x')).toEqual({ [variable]: 'x' });
	});

	it("published workflow: Adobe's registration carries the base; challenge and deliveries go through it", async () => {
		const before = proxy.counts()[`http://127.0.0.1:${n8nPort}`] ?? 0;
		// publishWatchEvents resolves only once the emulator holds one verified registration for the proxy's URL.
		const published = await publishWatchEvents(stack, { name: 'e2e public base', credential, parameters: { eventCodes: [CC_EVENT_CODES[0]] } });
		expect(published.registration.webhook_url).toBe(`${proxy.url}/webhook/${published.webhookId}/webhook`);
		expect(published.registration.challenge?.ok).toBe(true);
		expect((await ctl.registrations()).map((r) => r.webhook_url)).toEqual([published.productionUrl]);

		const result = await ctl.emit({ eventCode: CC_EVENT_CODES[0], wait: true });
		expect(result.webhook_deliveries).toBe(1);
		const [delivery] = await ctl.deliveries({ registrationId: published.registration.registration_id });
		expect(delivery).toMatchObject({ status: 200, outcome: 'delivered', url: published.productionUrl });
		await stack.client.waitForExecutions(published.workflowId, 1);
		// the challenge and the delivery passed the proxy
		expect((proxy.counts()[`http://127.0.0.1:${n8nPort}`] ?? 0) - before).toBeGreaterThanOrEqual(2);

		await stack.client.takeOffline(published.workflowId);
		await waitForRegistrations(ctl, published.productionUrl, (list) => list.length === 0);
	});

	it('"Listen for test event": the test registration carries the base too', async () => {
		const { workflow, webhookId } = watchEventsWorkflow({
			name: 'e2e public base (test)',
			credential,
			triggerParameters: triggerParameters({ eventCodes: [CC_EVENT_CODES[1]], options: { sendSampleEvent: false } }),
		});
		const created = await stack.client.createWorkflow(workflow);
		expect((await stack.client.runManually(created.id, TRIGGER_NAME)).waitingForWebhook).toBe(true);
		const urls = webhookUrls(proxy.url, webhookId);
		const [registration] = await waitForRegistrations(ctl, urls.test, oneVerified);
		expect(registration.webhook_url).toBe(`${proxy.url}/webhook-test/${webhookId}/webhook`);
		await stack.client.stopTestWebhook(created.id);
		await waitForRegistrations(ctl, urls.test, (list) => list.length === 0);
	});
});
