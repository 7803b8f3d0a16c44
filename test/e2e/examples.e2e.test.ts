/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code: runs outside n8n, reads the example files and runs a local HTTP receiver */
/**
 * The importable example workflows of examples/ in a real n8n: each file is imported as shipped, given
 * only what its sticky note asks a user for (credential, provider or registration, the URL of their own
 * service — here a local receiver), made live and run against the emulator. Assertions read n8n's
 * executions, the requests the workflows sent and the emulator's state.
 *
 * The tests run in order on one n8n + emulator.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

import { CC_PROVIDER_ID, control, createEmulatorCredential } from '../../scripts/n8n/adobe-setup';
import type { EmulatorControl, EmulatorRegistration } from '../../scripts/n8n/emulator-control';
import { outputItems, type N8nCredentialRef, type N8nNode, type N8nWorkflowInput } from '../../scripts/n8n/n8n-api';
import { CREDENTIAL_TYPE, PACKAGE_NAME, REPO_ROOT, type Stack } from '../../scripts/n8n/stack';
import { MANUAL_NAME, actionWorkflow } from '../../scripts/n8n/workflows';
import { eventually, failureOf, startE2eStack } from './helpers';

const EXAMPLES = join(REPO_ROOT, 'examples');
const AEM_PROVIDER_ID = '6c2f1b9d-9f3e-4f0a-a7d1-aem000000001';
const ORDER_CODE = 'com.example.shop.order_placed';

interface Received {
	path: string;
	body: Record<string, unknown>;
}

/** What a user fills in after importing: per node name, a provider / registration id or the URL of their service. */
interface Fill {
	locators?: Record<string, { parameter: 'providerId' | 'registrationId'; value: string }>;
	urls?: Record<string, string>;
}

function readExample(file: string): N8nWorkflowInput & { pinData?: unknown } {
	return JSON.parse(readFileSync(join(EXAMPLES, file), 'utf8')) as N8nWorkflowInput;
}

/**
 * The example as a user imports it, plus the user's choices. Fails when the file no longer needs exactly
 * these choices (a placeholder disappeared, or a shipped value would be silently overwritten).
 */
function prepare(file: string, credential: N8nCredentialRef, fill: Fill): N8nWorkflowInput {
	const example = readExample(file);
	const nodes: N8nNode[] = example.nodes.map((node) => {
		const copy: N8nNode = JSON.parse(JSON.stringify(node)) as N8nNode;
		if (copy.type.startsWith(`${PACKAGE_NAME}.`)) {
			expect(copy.credentials).toBeUndefined(); // shipped without: the user picks theirs
			copy.credentials = { [CREDENTIAL_TYPE]: credential };
		}
		// n8n's editor gives every webhook node of an imported workflow a webhookId of its own; n8n 2.x's public
		// API does it too, n8n 1.x's does not (its webhook path would then hold the node's name, see README
		// "Compatibility"). Shipped without one, so imports never share a path.
		if (copy.type === `${PACKAGE_NAME}.adobeIoEventsTrigger`) {
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
		return copy;
	});
	for (const name of [...Object.keys(fill.locators ?? {}), ...Object.keys(fill.urls ?? {})]) {
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

	const receivedAt = (path: string): Received[] => received.filter((r) => r.path === path);
	let journalReads = 0;

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
		stack = await startE2eStack();
		ctl = control(stack);
		credential = await createEmulatorCredential(stack);
		// journal requests the emulator received (observed, not changed): proof that a poll happened
		const faults = stack.emulator!.core.faults;
		const apply = faults.apply.bind(faults);
		faults.apply = (...args: Parameters<typeof faults.apply>) => {
			if (args[0] === 'journal') journalReads++;
			return apply(...args);
		};
	});

	afterAll(async () => {
		await stack?.stop();
		await new Promise<void>((resolve) => (receiver ? receiver.close(() => resolve()) : resolve()));
	});

	it('every example is an importable n8n workflow of this package, with a setup note', () => {
		const files = readdirSync(EXAMPLES).filter((f) => f.endsWith('.json')).sort();
		expect(files).toEqual([
			'aem-route-by-event-type.json',
			'creative-cloud-asset-notify.json',
			'custom-events-publish.json',
			'custom-events-receive.json',
			'journal-catch-up.json',
		]);
		for (const file of files) {
			const example = readExample(file);
			expect(example.name).toEqual(expect.any(String));
			expect(example.nodes.some((n) => n.type.startsWith(`${PACKAGE_NAME}.`))).toBe(true);
			expect(example.nodes.some((n) => n.type === 'n8n-nodes-base.stickyNote')).toBe(true);
			for (const node of example.nodes) {
				expect(node.credentials).toBeUndefined();
				for (const target of Object.keys(example.connections)) expect(example.nodes.map((n) => n.name)).toContain(target);
			}
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
});
