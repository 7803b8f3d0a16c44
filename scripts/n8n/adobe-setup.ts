/* eslint-disable @n8n/community-nodes/no-restricted-globals -- harness code: runs outside n8n, needs timers */
/**
 * Steps shared by the demo, the E2E suite and the benchmark: the emulator credential in n8n, a
 * live Watch Events workflow, and waiting until Adobe (the emulator) holds its verified
 * registration.
 */
import { EmulatorControl, type EmulatorRegistration } from './emulator-control';
import type { N8nCredentialRef, N8nNode } from './n8n-api';
import type { Stack } from './stack';
import { randomUUID } from 'node:crypto';
import { credentialType, emulatorCredentialData, plainWebhookWorkflow, triggerPathOf, watchEventsWorkflow, webhookUrls } from './workflows';

/** Creative Cloud Asset Events in the emulator's seeded catalogue. */
export const CC_PROVIDER_ID = '3a8a6f0e-7c5d-4b1f-9e2a-cc0a55e7e001';
export const CC_EVENT_CODES = [
	'com.adobe.platform.events.file_created',
	'com.adobe.platform.events.file_updated',
	'com.adobe.platform.events.file_deleted',
];

/** Further providers of the emulator's catalogue (test/emulator/src/catalogue.ts), in Adobe's event shapes. */
export const AEM_PROVIDER_ID = '6c2f1b9d-9f3e-4f0a-a7d1-aem000000001';
export const MARKETO_PROVIDER_ID = '8d4c2e1a-1b2c-4d3e-8f4a-marketo00001';
export const COMMERCE_PROVIDER_ID = '5d6e7f80-91a2-4b3c-8d4e-commerce0001';
export const CLOUD_MANAGER_PROVIDER_ID = '9f8e7d6c-5b4a-4392-8170-cloudmanager1';

/**
 * What `npm run demo` watches: one Watch Events workflow per feed (typeVersion 2, Output left at its default,
 * Simplified), and the catalogue events it lets the emulator deliver — a CloudEvent, a CloudEvent with `data`
 * first and the older id fields, an XDM activity in the legacy format, Marketo's wrapper.
 */
export const DEMO_FEEDS: ReadonlyArray<{ name: string; providerId: string; eventCodes: string[]; summary: string }> = [
	{
		name: 'Creative Cloud files',
		providerId: CC_PROVIDER_ID,
		eventCodes: CC_EVENT_CODES,
		summary: '={{ $json.action }} {{ $json.name }} ({{ $json.format }}, {{ $json.size }} bytes)',
	},
	{
		name: 'Commerce orders',
		providerId: COMMERCE_PROVIDER_ID,
		eventCodes: ['com.adobe.commerce.observer.sales_order_place_after'],
		summary: '={{ "order " + $json.orderId + ": " + $json.total + " " + $json.currency + " from " + $json.customerEmail }}',
	},
	{
		name: 'Cloud Manager pipelines',
		providerId: CLOUD_MANAGER_PROVIDER_ID,
		eventCodes: ['pipeline_execution_end'],
		summary: '={{ "pipeline " + $json.pipelineId + " execution " + $json.executionId + " " + $json.event + ": " + $json.status }}',
	},
	{
		name: 'Marketo user audit',
		providerId: MARKETO_PROVIDER_ID,
		eventCodes: ['com.adobe.platform.marketo.audit.user.email'],
		summary: '={{ $json.userId + " " + $json.action + " " + $json.componentType + " " + $json.componentId }}',
	},
];

export function control(stack: Stack): EmulatorControl {
	if (!stack.emulator) throw new Error('this stack runs without the emulator');
	return new EmulatorControl(stack.emulator.urls.control);
}

/** The emulator credential (Custom environment → the emulator's URLs), created through n8n's public API. */
export async function createEmulatorCredential(stack: Stack, name = 'Adobe I/O Events (local emulator)'): Promise<N8nCredentialRef> {
	if (!stack.emulator) throw new Error('this stack runs without the emulator');
	return await stack.client.createCredential(name, credentialType, emulatorCredentialData(stack.emulator));
}

export function triggerParameters(overrides: Record<string, unknown> = {}): Record<string, unknown> {
	return {
		authentication: 'serviceAccount',
		providerId: { __rl: true, mode: 'id', value: CC_PROVIDER_ID },
		eventCodes: CC_EVENT_CODES,
		deliveryType: 'webhook',
		signatureCheck: 'digital',
		output: 'full',
		options: {},
		...overrides,
	};
}

function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Waits until the emulator holds registrations for `url` that satisfy `accept`; returns them. */
export async function waitForRegistrations(
	ctl: EmulatorControl,
	url: string,
	accept: (registrations: EmulatorRegistration[]) => boolean,
	timeoutMs = 60000,
): Promise<EmulatorRegistration[]> {
	const deadline = Date.now() + timeoutMs;
	let last: EmulatorRegistration[] = [];
	for (;;) {
		last = (await ctl.registrations()).filter((r) => r.webhook_url === url);
		if (accept(last)) return last;
		if (Date.now() > deadline) {
			throw new Error(
				`registrations for ${url} never reached the expected state; last: ${JSON.stringify(
					last.map((r) => ({ id: r.registration_id, status: r.webhook_status, enabled: r.enabled })),
				)}`,
			);
		}
		await sleep(200);
	}
}

export const oneVerified = (list: EmulatorRegistration[]): boolean =>
	list.length === 1 && list[0].webhook_status === 'verified' && list[0].enabled;

/**
 * Creates and publishes Watch Events → Set (or → `steps`); resolves once Adobe holds exactly one verified
 * registration for the production URL of the chosen Acknowledge mode.
 */
export async function publishWatchEvents(
	stack: Stack,
	options: {
		name: string;
		credential: N8nCredentialRef;
		parameters?: Record<string, unknown>;
		withSetNode?: boolean;
		/** Trigger typeVersion (default 1.1). */
		typeVersion?: number;
		/** nodes after the trigger, chained in order (instead of the Set node) */
		steps?: N8nNode[];
	},
): Promise<{ workflowId: string; webhookId: string; productionUrl: string; testUrl: string; registration: EmulatorRegistration }> {
	const parameters = triggerParameters(options.parameters);
	const { workflow, webhookId } = watchEventsWorkflow({
		name: options.name,
		credential: options.credential,
		triggerParameters: parameters,
		withSetNode: options.withSetNode,
		typeVersion: options.typeVersion,
		steps: options.steps,
	});
	const created = await stack.client.createWorkflow(workflow);
	await stack.client.makeLive(created.id);
	const urls = webhookUrls(stack.webhookBaseUrl, webhookId, triggerPathOf(parameters));
	const [registration] = await waitForRegistrations(control(stack), urls.production, oneVerified);
	return { workflowId: created.id, webhookId, productionUrl: urls.production, testUrl: urls.test, registration };
}

/** A published workflow a benchmark sends to: its id, URL and the headers every request needs. */
export interface BaselineTarget {
	workflowId: string;
	url: string;
	headers: Record<string, string>;
}

/**
 * The benchmarks' references: n8n's own Webhook node, bare and with a Header Auth credential (any node with a
 * credential pays n8n's credential work per request, as the trigger would), both published.
 */
export async function publishWebhookBaselines(stack: Stack, label: string): Promise<{ webhook: BaselineTarget; webhookCred: BaselineTarget }> {
	const path = `${label}-${randomUUID()}`;
	const bare = await stack.client.createWorkflow(plainWebhookWorkflow(`${label}: n8n Webhook`, path));
	await stack.client.makeLive(bare.id);
	const headerValue = randomUUID();
	const headerCredential = await stack.client.createCredential(`${label} header auth`, 'httpHeaderAuth', {
		name: 'x-bench-key',
		value: headerValue,
	});
	const input = plainWebhookWorkflow(`${label}: n8n Webhook + credential`, `${path}-cred`);
	input.nodes[0].parameters.authentication = 'headerAuth';
	input.nodes[0].credentials = { httpHeaderAuth: headerCredential };
	const withCredential = await stack.client.createWorkflow(input);
	await stack.client.makeLive(withCredential.id);
	const json = { 'content-type': 'application/json' };
	return {
		webhook: { workflowId: bare.id, url: `${stack.webhookBaseUrl}/webhook/${path}`, headers: json },
		webhookCred: {
			workflowId: withCredential.id,
			url: `${stack.webhookBaseUrl}/webhook/${path}-cred`,
			headers: { ...json, 'x-bench-key': headerValue },
		},
	};
}
