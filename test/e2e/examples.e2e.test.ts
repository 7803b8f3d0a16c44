/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code: runs outside n8n, reads the example files and runs a local HTTP receiver */
/**
 * The importable example workflows of examples/ in a real n8n: each file is imported as shipped, given
 * only what its sticky note asks a user for (credentials, provider or registration, the URL of their own
 * service — here a local receiver), made live and run against the emulator. Assertions read n8n's
 * executions, the requests the workflows sent and the emulator's state. Every file in examples/ must be
 * run by a test here (the last test fails otherwise), and every node of every example must exist, in its
 * typeVersion, in the running n8n (2.x and, with N8N_VERSION=1.123.81, 1.x).
 *
 * Third-party services, as a user's n8n would reach them:
 *   - Send Email → a mail server on 127.0.0.1 (scripts/n8n/fakes/smtp.ts), set in the SMTP credential;
 *   - OpenAI Chat Model → an OpenAI-compatible model on 127.0.0.1 (scripts/n8n/fakes/chat-model.ts), set as
 *     the OpenAI credential's Base URL;
 *   - nodes that cannot be pointed elsewhere (Slack, Google Sheets) get what the event gave them (their input
 *     in the execution) and fail for lack of network — the only error accepted from them. n8n runs without
 *     DNS for any name but localhost (scripts/n8n/fakes/offline-dns.cjs), so that failure is the same where
 *     the machine has internet.
 *
 * The tests run in order on one n8n + emulator.
 */
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

import { CC_EVENT_CODES, CC_PROVIDER_ID, control, createEmulatorCredential, publishWatchEvents } from '../../scripts/n8n/adobe-setup';
import type { EmulatorControl, EmulatorRegistration } from '../../scripts/n8n/emulator-control';
import { startCloudManagerFake } from '../../scripts/n8n/fakes/cloud-manager';
import { messageText, startChatModelFake, type ChatMessage, type ChatReply, type ChatRequest } from '../../scripts/n8n/fakes/chat-model';
import { startSmtpFake, type SmtpFake, type SmtpMessage } from '../../scripts/n8n/fakes/smtp';
import { outputItems, type N8nCredentialRef, type N8nExecution, type N8nNode, type N8nWorkflowInput } from '../../scripts/n8n/n8n-api';
import { CREDENTIAL_TYPE, PACKAGE_NAME, REPO_ROOT, type Stack } from '../../scripts/n8n/stack';
import { MANUAL_NAME, actionWorkflow } from '../../scripts/n8n/workflows';
import { simplifyEvent } from '../../nodes/AdobeIoEvents/webhook/simplify';
import { PROVIDERS, type SeedEvent } from '../emulator/src/catalogue';
import { stampProviderObject } from '../emulator/src/shapes';
import { catalogueSamples } from '../emulator/src/samples';
import { eventually, failureOf, sleep, startE2eStack } from './helpers';

const EXAMPLES = join(REPO_ROOT, 'examples');
const AEM_PROVIDER_ID = '6c2f1b9d-9f3e-4f0a-a7d1-aem000000001';
const ORDER_CODE = 'com.example.shop.order_placed';
/** n8n without DNS (see the file comment). */
const OFFLINE_DNS = join(REPO_ROOT, 'scripts', 'n8n', 'fakes', 'offline-dns.cjs');
/** Node types whose imports get a webhook id of their own, as n8n's editor gives them. */
const WEBHOOK_NODE_TYPES = [`${PACKAGE_NAME}.adobeIoEventsTrigger`, '@n8n/n8n-nodes-langchain.chatTrigger'];
/** Diagnose verdicts the health-check example does not alert on (examples/scheduled-health-check.json). */
const FINE_VERDICTS = ['healthy', 'recovered', 'no_webhook'];
const SMTP_LOGIN = { user: 'n8n-alerts@example.com', password: 'smtp-secret-for-tests' };
const COMMERCE_PROVIDER_ID = '5d6e7f80-91a2-4b3c-8d4e-commerce0001';
const CLOUD_MANAGER_PROVIDER_ID = '9f8e7d6c-5b4a-4392-8170-cloudmanager1';
/** What n8n says when a host name does not resolve (n8n-workflow's NodeApiError for ENOTFOUND). */
const NO_NETWORK = 'The connection cannot be established, this usually occurs due to an incorrect host (domain) value';
const OPENAI_KEY = 'sk-local-fake-model';

interface Received {
	path: string;
	body: Record<string, unknown>;
}

/**
 * What a user fills in after importing, per node name: a list choice (provider, registration, channel…), the
 * URL of their service, the credential of a third-party node.
 */
interface Fill {
	locators?: Record<string, { parameter: string; value: string }>;
	urls?: Record<string, string>;
	credentials?: Record<string, Record<string, N8nCredentialRef>>;
	/** a parameter the user sets to another choice than shipped: `shipped` is the value in the file (undefined: n8n's default) */
	parameters?: Record<string, { name: string; shipped: unknown; value: unknown }>;
	/** placeholder text in the node's parameters (`YOUR_CLIENT_ID`, a service's base URL) → what the user writes instead */
	placeholders?: Record<string, Record<string, string>>;
}

/** Every example a test imported: the last test checks that none of examples/ was left out. */
const imported = new Set<string>();

function readExample(file: string): N8nWorkflowInput & { pinData?: unknown } {
	return JSON.parse(readFileSync(join(EXAMPLES, file), 'utf8')) as N8nWorkflowInput;
}

/** Files of examples/ that are workflows. */
const exampleFiles = (): string[] => readdirSync(EXAMPLES).filter((f) => f.endsWith('.json')).sort();

/**
 * The example as a user imports it, plus the user's choices. Fails when the file no longer needs exactly
 * these choices (a placeholder disappeared, or a shipped value would be silently overwritten).
 */
function prepare(file: string, credential: N8nCredentialRef, fill: Fill): N8nWorkflowInput {
	imported.add(file);
	const example = readExample(file);
	const nodes: N8nNode[] = example.nodes.map((node) => {
		const copy: N8nNode = JSON.parse(JSON.stringify(node)) as N8nNode;
		expect(copy.credentials).toBeUndefined(); // shipped without: the user picks theirs
		if (copy.type.startsWith(`${PACKAGE_NAME}.`)) {
			copy.credentials = { [CREDENTIAL_TYPE]: credential };
		}
		if (fill.credentials?.[copy.name]) copy.credentials = fill.credentials[copy.name];
		// n8n's editor gives every webhook node of an imported workflow a webhookId of its own; n8n 2.x's public
		// API does it too, n8n 1.x's does not (its webhook path would then hold the node's name, see README
		// "Compatibility"). Shipped without one, so imports never share a path.
		if (WEBHOOK_NODE_TYPES.includes(copy.type)) {
			expect(copy.webhookId).toBeUndefined();
			copy.webhookId = randomUUID();
		}
		const locator = fill.locators?.[copy.name];
		if (locator) {
			expect(copy.parameters[locator.parameter]).toEqual({ __rl: true, mode: 'list', value: '' });
			copy.parameters[locator.parameter] = { __rl: true, mode: 'id', value: locator.value };
		}
		const url = fill.urls?.[copy.name];
		if (url) {
			expect(String(copy.parameters.url)).toMatch(/^https:\/\/(hooks\.slack\.com|[a-z]+\.example\.com)\//);
			copy.parameters.url = url;
		}
		const parameter = fill.parameters?.[copy.name];
		if (parameter) {
			expect(copy.parameters[parameter.name]).toEqual(parameter.shipped);
			copy.parameters[parameter.name] = parameter.value;
		}
		let text = JSON.stringify(copy.parameters);
		for (const [placeholder, value] of Object.entries(fill.placeholders?.[copy.name] ?? {})) {
			expect({ node: copy.name, has: text.includes(placeholder) }).toEqual({ node: copy.name, has: true });
			text = text.split(placeholder).join(value);
		}
		copy.parameters = JSON.parse(text) as Record<string, unknown>;
		return copy;
	});
	const named = [fill.locators, fill.urls, fill.credentials, fill.parameters, fill.placeholders].flatMap((f) => Object.keys(f ?? {}));
	for (const name of named) {
		expect(nodes.map((n) => n.name)).toContain(name);
	}
	return { name: example.name, nodes, connections: example.connections, settings: example.settings };
}

describe('example workflows in a real n8n', () => {
	let stack: Stack;
	let ctl: EmulatorControl;
	let credential: N8nCredentialRef;
	let receiver: Server;
	let receiverUrl: string;
	const received: Received[] = [];
	let ccRegistration: EmulatorRegistration;
	let smtp: SmtpFake;
	let smtpCredential: N8nCredentialRef;
	/** registrations the health check and the AI agent judge: one healthy, one whose newest delivery failed */
	let healthyWatch: Awaited<ReturnType<typeof publishWatchEvents>>;
	let failingWatch: Awaited<ReturnType<typeof publishWatchEvents>>;

	const receivedAt = (path: string): Received[] => received.filter((r) => r.path === path);
	let journalReads = 0;

	/**
	 * A credential through n8n's public API. n8n 1.x's API schema demands some fields the editor never asks for
	 * (Slack's `notice`, OAuth2's `serverUrl`): `ifAsked` gives them, only where the running n8n's schema has them.
	 */
	async function createCredential(name: string, type: string, data: Record<string, unknown>, ifAsked: Record<string, unknown> = {}): Promise<N8nCredentialRef> {
		const schema = (await stack.client.credentialSchema(type)) as { properties?: Record<string, unknown> } | undefined;
		const asked = Object.entries(ifAsked).filter(([key]) => schema?.properties?.[key] !== undefined);
		return await stack.client.createCredential(name, type, { ...data, ...Object.fromEntries(asked) });
	}

	/** Publishes an imported Watch Events example; resolves with its verified registration at Adobe. */
	async function publishTriggerExample(workflow: N8nWorkflowInput): Promise<{ id: string; registration: EmulatorRegistration }> {
		const created = await stack.client.createWorkflow(workflow);
		await stack.client.makeLive(created.id);
		const registration = await eventually(
			`the verified registration of "${workflow.name}"`,
			async () => (await ctl.registrations()).find((r) => r.name.includes(`(${created.id})`) && r.webhook_status === 'verified'),
			{ timeoutMs: 60000 },
		);
		// n8n gives the imported trigger a webhook id of its own: the production URL is /webhook/<id>/webhook
		expect(registration.webhook_url).toMatch(new RegExp(`^${stack.webhookBaseUrl}/webhook/[^/]+/webhook$`));
		return { id: created.id, registration };
	}

	beforeAll(async () => {
		receiver = createServer((req, res) => {
			const chunks: Buffer[] = [];
			req.on('data', (chunk: Buffer) => chunks.push(chunk));
			req.on('end', () => {
				let body: Record<string, unknown> = {};
				try {
					body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
				} catch {
					body = { raw: Buffer.concat(chunks).toString('utf8') };
				}
				received.push({ path: req.url ?? '', body });
				res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
			});
		});
		await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
		receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
		smtp = await startSmtpFake(SMTP_LOGIN);
		stack = await startE2eStack({ env: { NODE_OPTIONS: `--require ${OFFLINE_DNS}` } });
		ctl = control(stack);
		credential = await createEmulatorCredential(stack);
		// journal requests the emulator received (observed, not changed): proof that a poll happened
		const faults = stack.emulator!.core.faults;
		const apply = faults.apply.bind(faults);
		faults.apply = (...args: Parameters<typeof faults.apply>) => {
			if (args[0] === 'journal') journalReads++;
			return apply(...args);
		};
		smtpCredential = await stack.client.createCredential('Mail server (local)', 'smtp', {
			user: SMTP_LOGIN.user,
			password: SMTP_LOGIN.password,
			host: smtp.host,
			port: smtp.port,
			secure: false,
			disableStartTls: true,
		});
	});

	afterAll(async () => {
		await stack?.stop();
		await smtp?.close();
		await new Promise<void>((resolve) => (receiver ? receiver.close(() => resolve()) : resolve()));
	});

	it('every example is an importable n8n workflow of this package, with a setup note, whose nodes this n8n has in their versions', async () => {
		const files = exampleFiles();
		// the node types the editor loads: one entry per node (and per version class), tool variants included
		const { body: known } = await stack.client.request<Array<{ name: string; version: number | number[] }>>('GET', '/types/nodes.json', { auth: 'cookie' });
		const has = (w: { name: string; version: number }): boolean =>
			known.some((k) => k.name === w.name && (Array.isArray(k.version) ? k.version.includes(w.version) : k.version === w.version));
		for (const file of files) {
			const example = readExample(file);
			expect(example.name).toEqual(expect.any(String));
			expect(example.nodes.some((n) => n.type.startsWith(`${PACKAGE_NAME}.`))).toBe(true);
			expect(example.nodes.some((n) => n.type === 'n8n-nodes-base.stickyNote')).toBe(true);
			for (const node of example.nodes) {
				expect(node.credentials).toBeUndefined();
				for (const target of Object.keys(example.connections)) expect(example.nodes.map((n) => n.name)).toContain(target);
			}
			// n8n imports a node of an unknown type or version as a "?" node that cannot run
			const wanted = example.nodes.map((n) => ({ name: n.type, version: n.typeVersion }));
			expect({ file, missing: wanted.filter((w) => !has(w)) }).toEqual({ file, missing: [] });
		}
	});

	it('Creative Cloud: a new file → enriched → a Slack message', async () => {
		const workflow = prepare('creative-cloud-asset-notify.json', credential, {
			locators: { 'Adobe I/O Events Trigger': { parameter: 'providerId', value: CC_PROVIDER_ID } },
			urls: { 'Notify Slack': `${receiverUrl}/slack` },
		});
		const { id, registration } = await publishTriggerExample(workflow);
		ccRegistration = registration;
		const emitted = await ctl.emit({ eventCode: 'com.adobe.platform.events.file_created', registrationId: registration.registration_id, wait: true });
		const [execution] = await stack.client.waitForExecutions(id, 1, { timeoutMs: 60000 });
		expect({ status: execution.status, failure: execution.status === 'success' ? '' : failureOf(execution) }).toEqual({ status: 'success', failure: '' });
		const [enriched] = outputItems(execution, 'Enrich');
		expect(enriched).toMatchObject({ fileName: 'summer-banner.png', path: '/cloud-content/Campaigns/summer-banner.png', format: 'image/png', sizeKb: 47, eventId: emitted.event_ids[0] });
		const [message] = await eventually('the Slack message', async () => (receivedAt('/slack').length ? receivedAt('/slack') : undefined));
		expect(message.body).toEqual({
			text: 'New Creative Cloud file *summer-banner.png* (image/png, 47 KB) in /cloud-content/Campaigns/summer-banner.png',
			eventId: emitted.event_ids[0],
		});
	});

	it('AEM: page published / unpublished / fragment modified → each to its own HTTP call', async () => {
		const workflow = prepare('aem-route-by-event-type.json', credential, {
			locators: { 'Adobe I/O Events Trigger': { parameter: 'providerId', value: AEM_PROVIDER_ID } },
			urls: {
				'Purge CDN Cache': `${receiverUrl}/cdn/purge`,
				'Remove from Search': `${receiverUrl}/search/remove`,
				'Reindex Fragment': `${receiverUrl}/search/reindex`,
			},
		});
		const { id, registration } = await publishTriggerExample(workflow);
		const emit = async (eventCode: string) =>
			(await ctl.emit({ eventCode, providerId: AEM_PROVIDER_ID, registrationId: registration.registration_id, wait: true })).event_ids[0];
		const published = await emit('aem.sites.page.published');
		const unpublished = await emit('aem.sites.page.unpublished');
		const modified = await emit('aem.sites.contentFragment.modified');
		const executions = await stack.client.waitForExecutions(id, 3, { timeoutMs: 60000 });
		expect(executions.map((e) => e.status)).toEqual(['success', 'success', 'success']);
		await eventually('the three HTTP calls', async () => (receivedAt('/cdn/purge').length + receivedAt('/search/remove').length + receivedAt('/search/reindex').length === 3 ? true : undefined));
		expect(receivedAt('/cdn/purge').map((r) => r.body)).toEqual([{ path: '/content/wknd/us/en/adventures', reason: 'aem.sites.page.published', eventId: published }]);
		expect(receivedAt('/search/remove').map((r) => r.body)).toEqual([{ path: '/content/wknd/us/en/adventures', eventId: unpublished }]);
		expect(receivedAt('/search/reindex').map((r) => r.body)).toEqual([
			{ fragmentId: '1c1c0b9e-6f9a-4a4e-9d42-4a5c3b6e7f80', path: '/content/dam/wknd/en/adventures/surf-camp', changed: ['title', 'price'], eventId: modified },
		]);
		await stack.client.takeOffline(id);
	});

	it('custom events: one workflow publishes an order event, another receives it', async () => {
		// Once: a custom provider and the event type (with the action node, as the sticky note says).
		const setup = await stack.client.createWorkflow(
			actionWorkflow({
				name: 'e2e examples: custom provider',
				credential,
				steps: [
					{ name: 'Create Provider', parameters: { resource: 'provider', operation: 'create', label: 'Example Shop', additionalFields: {} } },
					{
						name: 'Create Event Type',
						parameters: {
							resource: 'eventMetadata',
							operation: 'create',
							providerId: { __rl: true, mode: 'id', value: "={{ $('Create Provider').item.json.id }}" },
							eventCode: ORDER_CODE,
							label: 'Order placed',
							description: 'An order was placed in the shop',
							additionalFields: {},
						},
					},
				],
			}),
		);
		const setupRun = await stack.client.waitForExecution(await stack.client.executeManualTrigger(setup.id, MANUAL_NAME), 60000);
		expect(setupRun.status).toBe('success');
		const providerId = String(outputItems(setupRun, 'Create Provider')[0].id);

		const receive = prepare('custom-events-receive.json', credential, { locators: { 'Adobe I/O Events Trigger': { parameter: 'providerId', value: providerId } } });
		const { id: receiverId } = await publishTriggerExample(receive);

		const publish = prepare('custom-events-publish.json', credential, { locators: { 'Publish Order Event': { parameter: 'providerId', value: providerId } } });
		const publisher = await stack.client.createWorkflow(publish);
		const run = await stack.client.waitForExecution(await stack.client.executeManualTrigger(publisher.id, 'When clicking Execute workflow'), 60000);
		expect({ status: run.status, failure: run.status === 'success' ? '' : failureOf(run) }).toEqual({ status: 'success', failure: '' });

		const [execution] = await stack.client.waitForExecutions(receiverId, 1, { timeoutMs: 60000 });
		expect(execution.status).toBe('success');
		const [order] = outputItems(execution, 'Order Received');
		expect(order).toMatchObject({ orderId: 'A-1001', customer: 'jane@example.com', total: 99.5, currency: 'EUR' });
		expect(order.eventId).toEqual(expect.any(String));
		await stack.client.takeOffline(receiverId);
	});

	it('journal catch-up: events the webhook missed are processed from the journal, once', async () => {
		// The Creative Cloud webhook misses two events (Adobe got 404 and dropped them); the journal kept them.
		const rid = ccRegistration.registration_id;
		await ctl.faults({ target: 'deliveries', status: 404, count: 2, registration_id: rid });
		const missed = await ctl.emit({ eventCode: 'com.adobe.platform.events.file_created', count: 2, registrationId: rid, wait: true });
		const missedDeliveries = await ctl.deliveries({ registrationId: rid });
		expect(missedDeliveries.filter((d) => missed.event_ids.includes(d.event_ids[0])).map((d) => d.outcome)).toEqual(['dropped', 'dropped']);

		const workflow = prepare('journal-catch-up.json', credential, {
			locators: { 'Adobe I/O Events Journal Trigger': { parameter: 'registrationId', value: rid } },
			urls: { 'Process Event': `${receiverUrl}/process` },
		});
		const created = await stack.client.createWorkflow(workflow);
		await stack.client.makeLive(created.id); // the first poll runs at once
		const [execution] = await stack.client.waitForExecutions(created.id, 1, { timeoutMs: 60000 });
		expect({ status: execution.status, failure: execution.status === 'success' ? '' : failureOf(execution) }).toEqual({ status: 'success', failure: '' });
		await eventually('the journal events at the receiver', async () => (receivedAt('/process').length >= 3 ? true : undefined));
		const processed = receivedAt('/process').map((r) => String(r.body.eventId));
		// the event delivered earlier and the two the webhook missed, each once
		expect(processed).toHaveLength(3);
		expect(processed).toEqual(expect.arrayContaining(missed.event_ids));
		expect(receivedAt('/process').every((r) => r.body.type === 'com.adobe.platform.events.file_created')).toBe(true);

		// Publishing again polls again: nothing new, nothing processed twice. The journal's retry-after of its
		// last empty page is cut to 1 s and has passed, so the new poll really reads it (observed); then n8n's
		// execution list must settle before the receiver is counted.
		await ctl.config({ journalRetryAfterSec: 1 });
		await eventually(
			'a poll that reads the journal once its last retry-after has passed',
			async () => {
				const before = journalReads;
				await stack.client.takeOffline(created.id);
				await stack.client.makeLive(created.id);
				return await eventually('the journal read', async () => (journalReads > before ? true : undefined), { timeoutMs: 5_000 }).catch(() => undefined);
			},
			{ timeoutMs: 60_000, intervalMs: 1_500 },
		);
		await stack.client.settledExecutions(created.id, { quietMs: 1000 });
		expect(receivedAt('/process')).toHaveLength(3);
		await stack.client.takeOffline(created.id);
	});

	it('never miss an event: the webhook delivers, the journal hands over what Adobe dropped, each event reaches the step once', async () => {
		const workflow = prepare('never-miss-an-event.json', credential, {
			locators: { 'Adobe I/O Events Trigger': { parameter: 'providerId', value: CC_PROVIDER_ID } },
			urls: { 'Process Event': `${receiverUrl}/never-miss` },
		});
		// A Delay of 0 instead of the template's 5 minutes (a user's choice), so the test does not wait 5 minutes.
		const journal = workflow.nodes.find((n) => n.name === 'Adobe I/O Events Journal Trigger')!;
		expect(journal.parameters).toMatchObject({ registrationSource: 'watchEvents', backupDelay: 5 });
		journal.parameters.backupDelay = 0;
		const { id, registration } = await publishTriggerExample(workflow);
		const rid = registration.registration_id;
		const code = 'com.adobe.platform.events.file_created';
		const delivered = (await ctl.emit({ eventCode: code, registrationId: rid, wait: true })).event_ids;
		// n8n answered 404 (e.g. while it was starting): Adobe drops the event; its journal keeps it.
		await ctl.faults({ target: 'deliveries', status: 404, count: 1, registration_id: rid });
		const missed = (await ctl.emit({ eventCode: code, registrationId: rid, wait: true })).event_ids;
		expect((await ctl.deliveries({ registrationId: rid })).find((d) => d.event_ids.includes(missed[0]))?.outcome).toBe('dropped');

		const processed = () => receivedAt('/never-miss').map((r) => String(r.body.eventId));
		// The Journal Trigger polls every minute (its first poll may run before the Watch Events trigger registered).
		await eventually('both events at the receiver', async () => (processed().length >= 2 ? true : undefined), { timeoutMs: 180000, intervalMs: 1000 });
		expect(processed().sort()).toEqual([...delivered, ...missed].sort());
		const executions = await stack.client.listExecutions(id, { includeData: true });
		const byMode = (mode: string) => executions.filter((e) => e.mode === mode && e.status === 'success').flatMap((e) => outputItems(e, 'Remove Duplicates').map((i) => String(i.eventid)));
		expect({ webhook: byMode('webhook'), journal: byMode('trigger') }).toEqual({ webhook: delivered, journal: missed });
		expect(executions.filter((e) => e.status !== 'success').map((e) => failureOf(e))).toEqual([]);

		// Another poll later: nothing reaches the step twice.
		await sleep(65000);
		expect(processed().sort()).toEqual([...delivered, ...missed].sort());
		await stack.client.takeOffline(id);
	}, 420000);

	it('AEM Assets: asset processed → the Slack node gets the asset as plain fields; its only error is the missing network', async () => {
		const slack = await createCredential('Slack (example bot)', 'slackApi', { accessToken: 'xoxb-e2e-example-token' }, { notice: '' });
		const workflow = prepare('aem-asset-processed-slack.json', credential, {
			locators: {
				'Adobe I/O Events Trigger': { parameter: 'providerId', value: AEM_PROVIDER_ID },
				'Post to Slack': { parameter: 'channelId', value: 'C0AEMASSETS' },
			},
			credentials: { 'Post to Slack': { slackApi: slack } },
		});
		const { id, registration } = await publishTriggerExample(workflow);
		const emitted = await ctl.emit({ eventCode: 'aem.assets.asset.processing_completed', providerId: AEM_PROVIDER_ID, registrationId: registration.registration_id, wait: true });
		const [execution] = await stack.client.waitForExecutions(id, 1, { timeoutMs: 60000 });
		// what reached the Slack node: the catalogue's processed asset (test/emulator/src/catalogue.ts) as Output →
		// Simplified gives it (the mapping's hand-written expectations: test/nodes/AdobeIoEvents/webhook/simplify.test.ts)
		const asset = catalogueSamples().find((c) => c.provider.id === AEM_PROVIDER_ID && c.event.event_code === 'aem.assets.asset.processing_completed');
		const received = inputItems(execution, workflow, 'Post to Slack');
		expect(received).toEqual([{ ...simplifyEvent(asset!.webhook), eventId: emitted.event_ids[0], time: expect.stringMatching(/^\d{4}-\d\d-\d\dT[\d:.]+Z$/) }]);
		expect(received[0]).toMatchObject({ name: 'surf-camp-hero.jpg', format: 'image/jpeg', size: 1843220, userName: 'Casey Editor', path: '/content/dam/wknd/en/adventures/surf-camp/surf-camp-hero.jpg' });
		// n8n renders an expression that reads a missing field as empty, silently: every field the message reads
		// must be one the node received
		expect(fieldsReadBy(workflow, 'Post to Slack', 'text').filter((field) => received[0][field] === undefined || received[0][field] === null)).toEqual([]);
		expectOnlyNoNetwork(execution, 'Post to Slack', 'slack.com');
		await stack.client.takeOffline(id);
	});

	it('Commerce: order placed → one row for Google Sheets (the Sheets node’s input); its only error is the missing network', async () => {
		const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
		const google = await stack.client.createCredential('Google service account (example)', 'googleApi', {
			region: 'europe-west1',
			email: 'orders-sheet@example-project.iam.gserviceaccount.com',
			privateKey,
			inpersonate: false,
			httpNode: false,
		});
		const workflow = prepare('commerce-order-google-sheets.json', credential, {
			locators: {
				'Adobe I/O Events Trigger': { parameter: 'providerId', value: COMMERCE_PROVIDER_ID },
				'Append Order': { parameter: 'documentId', value: '1OrdersSheetExampleId' },
			},
			// the note's other choice: a Service Account (OAuth2 needs a browser sign-in)
			parameters: { 'Append Order': { name: 'authentication', shipped: undefined, value: 'serviceAccount' } },
			credentials: { 'Append Order': { googleApi: google } },
		});
		const sheet = workflow.nodes.find((n) => n.name === 'Append Order');
		expect(sheet?.parameters.sheetName).toEqual({ __rl: true, mode: 'list', value: '' });
		sheet!.parameters.sheetName = { __rl: true, mode: 'name', value: 'Orders' };
		const { id, registration } = await publishTriggerExample(workflow);
		const emitted = await ctl.emit({ eventCode: 'com.adobe.commerce.observer.sales_order_place_after', providerId: COMMERCE_PROVIDER_ID, registrationId: registration.registration_id, wait: true });
		const [execution] = await stack.client.waitForExecutions(id, 1, { timeoutMs: 60000 });
		// the row the sheet would get: the catalogue's order (Commerce's numbers-as-strings as numbers)
		expect(inputItems(execution, workflow, 'Append Order')).toEqual([
			{
				Order: '000000187',
				'Placed At': '2026-01-15 09:41:05',
				Customer: 'Alex Rivera',
				Email: 'buyer@example.com',
				Items: 2,
				Total: 129.9,
				Currency: 'EUR',
				Status: 'pending',
				'Event ID': emitted.event_ids[0],
			},
		]);
		expectOnlyNoNetwork(execution, 'Append Order', 'oauth2.googleapis.com');
		await stack.client.takeOffline(id);
	});

	it('Cloud Manager: pipeline ended → its status from Cloud Manager’s API → an email only when it failed', async () => {
		const emulator = stack.emulator!;
		const cloudManager = await startCloudManagerFake({
			clientId: emulator.credentials.clientId,
			imsOrgId: emulator.credentials.imsOrgId,
			isValidToken: (token) => emulator.core.ims.lookup(token)?.clientId === emulator.credentials.clientId,
		});
		try {
			cloudManager.setExecution({ programId: '41822', pipelineId: '7730915', executionId: '1046', status: 'FAILED', steps: [{ action: 'build', status: 'FINISHED' }, { action: 'codeQuality', status: 'FAILED' }] });
			cloudManager.setExecution({ programId: '41822', pipelineId: '7730915', executionId: '1047', status: 'FINISHED', steps: [{ action: 'build', status: 'FINISHED' }, { action: 'deploy', status: 'FINISHED' }] });
			// the user's Cloud Manager API credential: client credentials at Adobe IMS (here the emulator's IMS)
			const adobeApi = await createCredential(
				'Cloud Manager API (OAuth2)',
				'oAuth2Api',
				{
					grantType: 'clientCredentials',
					accessTokenUrl: `${emulator.urls.ims}/ims/token/v3`,
					clientId: emulator.credentials.clientId,
					clientSecret: emulator.credentials.clientSecret,
					scope: 'openid,AdobeID,read_organizations',
					authentication: 'body',
				},
				{ serverUrl: '' },
			);
			const workflow = prepare('cloud-manager-pipeline-failed-email.json', credential, {
				locators: { 'Adobe I/O Events Trigger': { parameter: 'providerId', value: CLOUD_MANAGER_PROVIDER_ID } },
				placeholders: {
					'Get Execution': { 'https://cloudmanager.adobe.io': cloudManager.url, YOUR_CLIENT_ID: emulator.credentials.clientId, 'YOUR_ORG_ID@AdobeOrg': emulator.credentials.imsOrgId },
				},
				credentials: { 'Get Execution': { oAuth2Api: adobeApi }, 'Email the Team': { smtp: smtpCredential } },
			});
			const { id, registration } = await publishTriggerExample(workflow);
			// Adobe's event for execution 1046 as the catalogue has it, then the same event for execution 1047
			const ended = catalogueEvent(CLOUD_MANAGER_PROVIDER_ID, 'pipeline_execution_end');
			const secondData = JSON.parse(JSON.stringify(ended.sample).split('/execution/1046').join('/execution/1047').split('IMSORG@AdobeOrg').join(emulator.credentials.imsOrgId)) as Record<string, unknown>;
			// stamped with the emulator's now, as the first: the trigger runs no signed event older than 48 h (freshness.ts)
			stampProviderObject(secondData, ended.shape!.time!, emulator.core.clock.now());
			const first = await ctl.emit({ eventCode: 'pipeline_execution_end', providerId: CLOUD_MANAGER_PROVIDER_ID, registrationId: registration.registration_id, wait: true });
			const second = await ctl.emit({
				eventCode: 'pipeline_execution_end',
				providerId: CLOUD_MANAGER_PROVIDER_ID,
				registrationId: registration.registration_id,
				data: secondData,
				wait: true,
			});
			const executions = await stack.client.waitForExecutions(id, 2, { timeoutMs: 60000 });
			for (const execution of executions) expect({ status: execution.status, failure: execution.status === 'success' ? '' : failureOf(execution) }).toEqual({ status: 'success', failure: '' });
			// what the event gave Get Execution: the execution's ids as plain fields (Simplified)
			expect(executions.map((e) => inputItems(e, workflow, 'Get Execution')[0])).toEqual([
				expect.objectContaining({ eventId: first.event_ids[0], programId: '41822', pipelineId: '7730915', executionId: '1046' }),
				expect.objectContaining({ eventId: second.event_ids[0], programId: '41822', pipelineId: '7730915', executionId: '1047' }),
			]);
			// Cloud Manager's API was asked with an IMS token, the client id and the organization, and answered both
			expect(cloudManager.requests).toEqual([
				{ path: '/api/program/41822/pipeline/7730915/execution/1046', status: 200 },
				{ path: '/api/program/41822/pipeline/7730915/execution/1047', status: 200 },
			]);
			// the failed execution was emailed, the finished one went the other way
			expect(outputItems(executions[0], 'Email the Team')).toHaveLength(1);
			expect(outputItems(executions[1], 'Email the Team')).toHaveLength(0);
			expect(outputItems(executions[1], 'Not Failed')).toEqual([expect.objectContaining({ id: '1047', status: 'FINISHED' })]);
			const mails = smtp.messages.filter((m) => m.subject.startsWith('Cloud Manager:'));
			expect(mails).toHaveLength(1);
			expect(mails[0]).toMatchObject({ user: SMTP_LOGIN.user, from: 'n8n@example.com', to: ['aem-devs@example.com'], subject: 'Cloud Manager: pipeline 7730915 of program 41822 failed' });
			expect(mails[0].text).toContain('Execution 1046 of pipeline 7730915 (program 41822) ended with status FAILED at 2026-01-15T09:41:06.877Z.');
			expect(mails[0].text).toContain('Failed step: codeQuality');
			expect(mails[0].text).toContain(`Execution API: https://cloudmanager.adobe.io/api/program/41822/pipeline/7730915/execution/1046`);
			await stack.client.takeOffline(id);
		} finally {
			await cloudManager.close();
		}
	});

	it('scheduled health check: every registration diagnosed, one email per registration that is not healthy', async () => {
		// Two registrations of live Watch Events workflows: one gets a delivery its webhook answers 200, the other
		// one whose answer was 404 (Adobe dropped it) — the state of a webhook whose workflow was deleted.
		const eventCode = CC_EVENT_CODES[0];
		healthyWatch = await publishWatchEvents(stack, { name: 'Orders (healthy)', credential, parameters: { eventCodes: [eventCode] } });
		await ctl.emit({ eventCode, registrationId: healthyWatch.registration.registration_id, wait: true });
		failingWatch = await publishWatchEvents(stack, { name: 'Assets (failing)', credential, parameters: { eventCodes: [eventCode] } });
		await ctl.faults({ target: 'deliveries', status: 404, count: 1, registration_id: failingWatch.registration.registration_id });
		await ctl.emit({ eventCode, registrationId: failingWatch.registration.registration_id, wait: true });

		const mailsBefore = smtp.messages.length;
		const workflow = prepare('scheduled-health-check.json', credential, { credentials: { 'Email Alert': { smtp: smtpCredential } } });
		const created = await stack.client.createWorkflow(workflow);
		await stack.client.makeLive(created.id); // the hourly schedule is registered
		expect((await stack.client.getWorkflow(created.id)).active).toBe(true);
		// "Execute workflow": the check once now, as the sticky note says (the schedule's next run is an hour away)
		const execution = await stack.client.waitForExecution(await stack.client.executeManualTrigger(created.id, 'Every Hour'), 120000);
		expect({ status: execution.status, failure: execution.status === 'success' ? '' : failureOf(execution) }).toEqual({ status: 'success', failure: '' });

		// every registration of the workspace was diagnosed
		const diagnoses = outputItems(execution, 'Diagnose');
		const atAdobe = await ctl.registrations();
		expect(diagnoses.map((d) => d.registrationId).sort()).toEqual(atAdobe.map((r) => r.registration_id).sort());
		const diagnosisOf = (id: string): Record<string, unknown> | undefined => diagnoses.find((d) => d.registrationId === id);
		expect(diagnosisOf(healthyWatch.registration.registration_id)).toMatchObject({ verdict: 'healthy', summary: 'Healthy: 1 delivery, all 200.' });
		expect(diagnosisOf(failingWatch.registration.registration_id)).toMatchObject({ verdict: 'failing', summary: expect.stringContaining('404') });

		// the Filter lets through exactly the registrations that are not fine, and each gets its email
		const unhealthy = diagnoses.filter((d) => !FINE_VERDICTS.includes(String(d.verdict)));
		expect(outputItems(execution, 'Not Healthy')).toEqual(unhealthy);
		expect(unhealthy.map((d) => d.registrationId)).toContain(failingWatch.registration.registration_id);
		expect(unhealthy.map((d) => d.registrationId)).not.toContain(healthyWatch.registration.registration_id);
		const alerts = (): SmtpMessage[] => smtp.messages.slice(mailsBefore);
		await eventually('the alert emails', async () => (alerts().length >= unhealthy.length ? true : undefined));
		expect(alerts()).toHaveLength(unhealthy.length);
		expect(smtp.refusedLogins).toBe(0);
		for (const diagnosis of unhealthy) {
			const subject = `Adobe I/O Events: ${String(diagnosis.registrationName)} is ${String(diagnosis.status)} (${String(diagnosis.verdict)})`;
			const mail = alerts().find((m) => m.subject === subject);
			expect({ subject, found: Boolean(mail) }).toEqual({ subject, found: true });
			expect(mail).toMatchObject({ user: SMTP_LOGIN.user, from: 'n8n@example.com', to: ['adobe-admins@example.com'] });
			expect(mail?.text).toContain(String(diagnosis.summary));
			expect(mail?.text).toContain(`What to do: ${String(diagnosis.action)}`);
			expect(mail?.text).toContain(`Registration: ${String(diagnosis.registrationName)} (${String(diagnosis.registrationId)})`);
		}
		await stack.client.takeOffline(created.id);
	});

	it('AI agent: the chat model calls the action node as a tool; what it returned reaches the model and the answer', async () => {
		const model = await startChatModelFake({ apiKey: OPENAI_KEY, reply: registrationAgent });
		try {
			const openAi = await stack.client.createCredential('OpenAI (local model)', 'openAiApi', { apiKey: OPENAI_KEY, url: model.baseUrl, header: false });
			const workflow = prepare('ai-agent-registrations.json', credential, { credentials: { 'OpenAI Chat Model': { openAiApi: openAi } } });
			const chat = workflow.nodes.find((n) => n.type === '@n8n/n8n-nodes-langchain.chatTrigger');
			const created = await stack.client.createWorkflow(workflow);
			await stack.client.makeLive(created.id);
			const chatPath = `/webhook/${String(chat?.webhookId)}/chat`;
			const message = { action: 'sendMessage', sessionId: randomUUID(), chatInput: 'Is any of my registrations unhealthy, and why?' };

			// n8n User Auth: without a signed-in n8n user the chat refuses
			const anonymous = await eventually('the published chat', async () => {
				const answer = await stack.client.request<string>('POST', chatPath, { body: message, auth: 'none', okStatuses: [401, 404] });
				return answer.status === 401 ? answer : undefined;
			});
			expect(anonymous.body).toBe('User not authenticated!');
			expect(model.requests).toHaveLength(0);

			const reply = await stack.client.request<{ output: string }>('POST', chatPath, { body: message, auth: 'cookie', okStatuses: [200, 500] });
			const [execution] = await stack.client.waitForExecutions(created.id, 1, { timeoutMs: 120000 });
			expect({ status: execution.status, failure: execution.status === 'success' ? '' : failureOf(execution) }).toEqual({ status: 'success', failure: '' });
			expect(reply.status).toBe(200);

			// what n8n offered the model: our two nodes as tools, Diagnose with the registrationId the agent fills in
			const offered = model.requests[0].tools;
			expect(offered.map((t) => t.name).sort()).toEqual(['Diagnose_Registration', 'List_Registrations']);
			expect(offered.find((t) => t.name === 'Diagnose_Registration')?.parameters).toMatchObject({ properties: { registrationId: { type: 'string' } } });

			// our node really ran as a tool, twice over: the list, then one diagnosis per listed registration
			const listed = toolOutputs(execution, 'List Registrations');
			const atAdobe = (await ctl.registrations()).map((r) => r.registration_id).sort();
			expect(listed.map((r) => r.registration_id).sort()).toEqual(atAdobe);
			const diagnosed = toolOutputs(execution, 'Diagnose Registration');
			expect(diagnosed.map((d) => d.registrationId).sort()).toEqual(atAdobe);
			const failing = diagnosed.find((d) => d.registrationId === failingWatch.registration.registration_id);
			expect(failing).toMatchObject({ verdict: 'failing', registrationName: failingWatch.registration.name });

			// what it returned reached the model: the tool results in the model's next requests
			expect(model.requests).toHaveLength(3);
			const toolTexts = (request: ChatRequest): string => request.messages.filter((m) => m.role === 'tool').map(messageText).join('\n');
			for (const id of atAdobe) expect(toolTexts(model.requests[1])).toContain(id);
			expect(toolTexts(model.requests[2])).toContain(String(failing?.summary));

			// and the chat answer is the model's, built from those results
			expect(reply.body.output).toBe(answerFrom(model.requests[2]));
			expect(reply.body.output).toContain(`${failingWatch.registration.name}: failing — ${String(failing?.summary)}`);
			await stack.client.takeOffline(created.id);
		} finally {
			await model.close();
		}
	});

	it('every file in examples/ was run by a test above', () => {
		expect(exampleFiles().filter((file) => !imported.has(file))).toEqual([]);
	});
});

// ------------------------------------------------------------------------------------------------ AI agent

/** The tool calls the model made so far: call id → tool name. */
function toolCallNames(messages: ChatMessage[]): Map<string, string> {
	const names = new Map<string, string>();
	for (const m of messages) for (const call of m.tool_calls ?? []) names.set(call.id, call.function.name);
	return names;
}

/** Objects in a tool result (n8n sends a tool's items as JSON text). */
function resultObjects(text: string): Array<Record<string, unknown>> {
	try {
		const value: unknown = JSON.parse(text);
		const list = Array.isArray(value) ? value : [value];
		return list.flatMap((v) => (typeof v === 'object' && v !== null ? [v as Record<string, unknown>] : []));
	} catch {
		return [];
	}
}

/** The answer the model gives once it has the diagnoses: one line per registration. */
function answerFrom(request: ChatRequest): string {
	const names = toolCallNames(request.messages);
	const diagnoses = request.messages
		.filter((m) => m.role === 'tool' && names.get(m.tool_call_id ?? '') === 'Diagnose_Registration')
		.flatMap((m) => resultObjects(messageText(m)));
	return diagnoses.map((d) => `${String(d.registrationName)}: ${String(d.verdict)} — ${String(d.summary)}`).join('\n');
}

/**
 * A model that does what a good model does with these tools, decided only by what the tools returned: list
 * the registrations, diagnose every registration_id the list holds, then answer with each verdict.
 */
function registrationAgent(request: ChatRequest): ChatReply {
	const names = toolCallNames(request.messages);
	const results = (tool: string): string[] =>
		request.messages.filter((m) => m.role === 'tool' && names.get(m.tool_call_id ?? '') === tool).map(messageText);
	const listed = results('List_Registrations');
	if (listed.length === 0) return { toolCalls: [{ name: 'List_Registrations', arguments: {} }] };
	if (results('Diagnose_Registration').length === 0) {
		const ids = [...new Set(listed.flatMap((text) => resultObjects(text).map((r) => String(r.registration_id))))];
		if (ids.length === 0) throw new Error(`no registration_id in the List Registrations result: ${listed.join(' ').slice(0, 300)}`);
		return { toolCalls: ids.map((registrationId) => ({ name: 'Diagnose_Registration', arguments: { registrationId } })) };
	}
	return { content: answerFrom(request) };
}

/** What a tool node returned in an execution (n8n records a tool's run with its output items). */
function toolOutputs(execution: N8nExecution, nodeName: string): Array<Record<string, unknown>> {
	const runs = (execution.data?.resultData.runData[nodeName] ?? []) as Array<{ data?: Record<string, Array<Array<{ json: Record<string, unknown> }> | null>> }>;
	const items: Array<Record<string, unknown>> = [];
	for (const run of runs) for (const output of Object.values(run.data ?? {})) for (const item of output?.[0] ?? []) items.push(item.json);
	return items;
}

// ------------------------------------------------------------------------------------------------ reading executions

/** The items a node received: what the nodes connected to its input put out on that connection. */
function inputItems(execution: N8nExecution, workflow: N8nWorkflowInput, nodeName: string): Array<Record<string, unknown>> {
	const items: Array<Record<string, unknown>> = [];
	for (const [from, outputs] of Object.entries(workflow.connections as Record<string, { main?: Array<Array<{ node: string }>> }>)) {
		(outputs.main ?? []).forEach((targets, output) => {
			if (targets.some((t) => t.node === nodeName)) items.push(...outputItems(execution, from, output));
		});
	}
	return items;
}

/**
 * The execution failed at `nodeName` and only there, because `host` does not resolve (no network): n8n's
 * NodeApiError for ENOTFOUND, naming the host. Any other error — a wrong parameter, a missing credential, an
 * expression that fails — fails the test.
 */
function expectOnlyNoNetwork(execution: N8nExecution, nodeName: string, host: string): void {
	const runData = execution.data?.resultData.runData ?? {};
	const failed = Object.entries(runData).flatMap(([name, runs]) => runs.filter((r) => r.error).map((r) => ({ name, error: r.error as Record<string, unknown> })));
	expect({ status: execution.status, failedNodes: failed.map((f) => f.name) }).toEqual({ status: 'error', failedNodes: [nodeName] });
	const { error } = failed[0];
	// n8n keeps the system error's text in the error it saves (its shape differs between n8n lines)
	const unresolved = /getaddrinfo ENOTFOUND ([\w.-]+)/.exec(JSON.stringify(error))?.[1];
	expect({ message: error.message, unresolved, ...(unresolved === host ? {} : { error }) }).toEqual({ message: NO_NETWORK, unresolved: host });
}

/** The `$json` fields a node's parameter reads (`$json.name`, `$json['name']`), in order. */
function fieldsReadBy(workflow: N8nWorkflowInput, nodeName: string, parameter: string): string[] {
	const text = String(workflow.nodes.find((n) => n.name === nodeName)?.parameters[parameter] ?? '');
	const fields = [...text.matchAll(/\$json(?:\.([A-Za-z_$][\w$]*)|\[\s*['"]([^'"]+)['"]\s*\])/g)].map((m) => m[1] ?? m[2]);
	expect(fields.length).toBeGreaterThan(0);
	return fields;
}

/** A catalogue event type (test/emulator/src/catalogue.ts): its sample and shape. */
function catalogueEvent(providerId: string, eventCode: string): SeedEvent {
	const event = PROVIDERS.find((p) => p.id === providerId)?.events.find((e) => e.event_code === eventCode);
	if (event?.sample === undefined) throw new Error(`the emulator's catalogue has no ${eventCode} of provider ${providerId}`);
	return event;
}
