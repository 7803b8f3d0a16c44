/**
 * Workflow and credential builders shared by the demo, the E2E suite and the benchmark. Every
 * webhook-based node gets a fresh `webhookId` (n8n's REST create does not add one for API imports),
 * so its URLs are `<base>/webhook/<webhookId>/webhook` and `<base>/webhook-test/<webhookId>/webhook`.
 */
import { randomUUID } from 'node:crypto';
import {
	MOVED_TO_OPTIONS,
	OPTIONS_LAYOUT_VERSION,
	TRIGGER_DEFAULT_VERSION as NODE_DEFAULT_VERSION,
	TRIGGER_VERSIONS as NODE_VERSIONS,
} from '../../nodes/AdobeIoEvents/trigger/description';
import type { N8nCredentialRef, N8nNode, N8nWorkflowInput } from './n8n-api';
import {
	ACTION_NODE_TYPE,
	CREDENTIAL_TYPE,
	JOURNAL_NODE_TYPE,
	TRIGGER_NODE_TYPE,
	type EmulatorHandle,
} from './stack';

export const TRIGGER_NAME = 'Adobe I/O Events Trigger';
export const JOURNAL_NAME = 'Adobe I/O Events Journal Trigger';
export const ACTION_NAME = 'Adobe I/O Events';
export const SET_NAME = 'Event Summary';
export const MANUAL_NAME = 'When clicking Execute workflow';
/**
 * Watch Events trigger versions: 1 and 1.1 (saved workflows; Delivery and Signature Check on the first
 * screen) and 2 (what the editor gives new nodes; those two under Options).
 */
export const TRIGGER_VERSIONS: readonly number[] = NODE_VERSIONS;
export const TRIGGER_DEFAULT_VERSION = NODE_DEFAULT_VERSION;

/**
 * Trigger parameters written in the first-screen layout (typeVersion 1, 1.1), as the node of
 * `typeVersion` stores them: from version 2 on, Delivery and Signature Check move under Options.
 */
export function inLayoutOf<T extends Record<string, unknown>>(typeVersion: number, parameters: T): T {
	if (typeVersion < OPTIONS_LAYOUT_VERSION) return parameters;
	const moved: Record<string, unknown> = { ...parameters };
	const options: Record<string, unknown> = { ...((parameters.options ?? {}) as Record<string, unknown>) };
	for (const name of MOVED_TO_OPTIONS) {
		if (name in moved) {
			options[name] = moved[name];
			delete moved[name];
		}
	}
	return { ...moved, options } as unknown as T;
}

/** `adobeIoEventsApi` credential data pointing every Adobe URL at the emulator (Custom environment). */
export function emulatorCredentialData(emulator: EmulatorHandle): Record<string, unknown> {
	const c = emulator.credentials;
	return {
		authentication: 'oauthS2S',
		environment: 'custom',
		imsUrl: emulator.urls.ims,
		apiUrl: emulator.urls.api,
		ingressUrl: emulator.urls.ingress,
		publicKeyUrl: emulator.urls.keys,
		journalUrl: emulator.urls.journal,
		clientId: c.clientId,
		clientSecret: c.clientSecret,
		scopes: 'AdobeID,openid,read_organizations,additional_info.projectedProductContext,adobeio_api',
		imsOrgId: c.imsOrgId,
		consumerOrgId: c.consumerOrgId,
		projectId: c.projectId,
		workspaceId: c.workspaceId,
		credentialId: c.credentialId,
	};
}

export const credentialType = CREDENTIAL_TYPE;

/** The trigger's webhook path: `webhook` (Acknowledge: When Queued) or `webhook-finished` (When the Workflow Has Finished). */
export type TriggerPath = 'webhook' | 'webhook-finished';

export function webhookUrls(baseUrl: string, webhookId: string, path: TriggerPath = 'webhook'): { production: string; test: string } {
	return {
		production: `${baseUrl}/webhook/${webhookId}/${path}`,
		test: `${baseUrl}/webhook-test/${webhookId}/${path}`,
	};
}

/** The path the trigger registers for these parameters (Options → Acknowledge). */
export function triggerPathOf(triggerParameters: Record<string, unknown> | undefined): TriggerPath {
	const options = (triggerParameters?.options ?? {}) as Record<string, unknown>;
	return options.acknowledge === 'whenFinished' ? 'webhook-finished' : 'webhook';
}

/** A Set ("Edit Fields") node that keeps the event and adds a few readable fields. */
export function setNode(name: string, position: [number, number], fields: Record<string, string>): N8nNode {
	return {
		id: randomUUID(),
		name,
		type: 'n8n-nodes-base.set',
		typeVersion: 3.4,
		position,
		parameters: {
			mode: 'manual',
			assignments: {
				assignments: Object.entries(fields).map(([fieldName, value]) => ({
					id: randomUUID(),
					name: fieldName,
					value,
					type: 'string',
				})),
			},
			includeOtherFields: true,
			options: {},
		},
	};
}

export function connect(from: string, to: string): Record<string, unknown> {
	return { [from]: { main: [[{ node: to, type: 'main', index: 0 }]] } };
}

export interface TriggerWorkflow {
	workflow: N8nWorkflowInput;
	webhookId: string;
}

/** n8n's Wait node, waiting `seconds` in the execution (a number or an expression; < 65 s stays in-process). */
export function waitNode(name: string, position: [number, number], seconds: number | string): N8nNode {
	return {
		id: randomUUID(),
		name,
		type: 'n8n-nodes-base.wait',
		typeVersion: 1.1,
		position,
		webhookId: randomUUID(),
		parameters: { resume: 'timeInterval', amount: seconds, unit: 'seconds' },
	};
}

/** n8n's Code node (JavaScript, run once for all items). */
export function codeNode(name: string, position: [number, number], jsCode: string): N8nNode {
	return {
		id: randomUUID(),
		name,
		type: 'n8n-nodes-base.code',
		typeVersion: 2,
		position,
		parameters: { mode: 'runOnceForAllItems', language: 'javaScript', jsCode },
	};
}

/**
 * n8n's Remove Duplicates node, "Remove Items Processed in Previous Executions" / "Value Is New" on
 * `dedupeValue` (e.g. `={{ $json.eventid }}`): its history lives in n8n's database.
 */
export function removeDuplicatesNode(name: string, position: [number, number], dedupeValue: string, scope: 'node' | 'workflow' = 'node'): N8nNode {
	return {
		id: randomUUID(),
		name,
		type: 'n8n-nodes-base.removeDuplicates',
		typeVersion: 2,
		position,
		parameters: {
			operation: 'removeItemsSeenInPreviousExecutions',
			logic: 'removeItemsWithAlreadySeenKeyValues',
			dedupeValue,
			options: { scope },
		},
	};
}

/**
 * Watch Events trigger → Set node (the demo workflow; also the E2E and benchmark workflow), or
 * trigger → `steps` chained in order.
 */
export function watchEventsWorkflow(options: {
	name: string;
	credential: N8nCredentialRef;
	triggerParameters: Record<string, unknown>;
	withSetNode?: boolean;
	/** Trigger typeVersion (default: TRIGGER_DEFAULT_VERSION, the editor's default for new nodes). */
	typeVersion?: number;
	steps?: N8nNode[];
}): TriggerWorkflow {
	const webhookId = randomUUID();
	const typeVersion = options.typeVersion ?? TRIGGER_DEFAULT_VERSION;
	const trigger: N8nNode = {
		id: randomUUID(),
		name: TRIGGER_NAME,
		type: TRIGGER_NODE_TYPE,
		typeVersion,
		position: [0, 0],
		webhookId,
		// Written in the first-screen layout by every caller; stored as this version keeps them.
		parameters: inLayoutOf(typeVersion, options.triggerParameters),
		credentials: { [CREDENTIAL_TYPE]: options.credential },
	};
	const nodes: N8nNode[] = [trigger];
	let connections: Record<string, unknown> = {};
	if (options.steps) {
		let previous = TRIGGER_NAME;
		for (const step of options.steps) {
			nodes.push(step);
			Object.assign(connections, connect(previous, step.name));
			previous = step.name;
		}
	} else if (options.withSetNode !== false) {
		nodes.push(
			setNode(SET_NAME, [260, 0], {
				summary: '={{ $json.type }} ({{ $json.id }})',
				receivedBy: 'n8n-nodes-adobe-io-events',
			}),
		);
		connections = connect(TRIGGER_NAME, SET_NAME);
	}
	return { workflow: { name: options.name, nodes, connections }, webhookId };
}

/** n8n's own Webhook node (the benchmark's baseline), answering on `/webhook/<path>`. */
export function plainWebhookWorkflow(name: string, path: string): N8nWorkflowInput {
	return {
		name,
		nodes: [
			{
				id: randomUUID(),
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2.1,
				position: [0, 0],
				webhookId: randomUUID(),
				parameters: { httpMethod: 'POST', path, responseMode: 'onReceived', options: {} },
			},
		],
		connections: {},
	};
}

/** Journal polling trigger → Set node. */
export function journalWorkflow(options: {
	name: string;
	credential: N8nCredentialRef;
	parameters: Record<string, unknown>;
	/** Journal Trigger typeVersion (default 1; 1.1 outputs Simplified events by default) */
	typeVersion?: number;
	/** false: the trigger alone (no Set node) */
	withSetNode?: boolean;
}): N8nWorkflowInput {
	return {
		name: options.name,
		nodes: [
			{
				id: randomUUID(),
				name: JOURNAL_NAME,
				type: JOURNAL_NODE_TYPE,
				typeVersion: options.typeVersion ?? 1,
				position: [0, 0],
				parameters: options.parameters,
				credentials: { [CREDENTIAL_TYPE]: options.credential },
			},
			...(options.withSetNode === false ? [] : [setNode(SET_NAME, [260, 0], { summary: '={{ $json.type }} ({{ $json.id }})' })]),
		],
		connections: options.withSetNode === false ? {} : connect(JOURNAL_NAME, SET_NAME),
	};
}

/** Manual Trigger → one action-node step per entry (chained), for action-node smoke runs. */
export function actionWorkflow(options: {
	name: string;
	credential: N8nCredentialRef;
	steps: Array<{ name: string; parameters: Record<string, unknown> }>;
}): N8nWorkflowInput {
	const nodes: N8nNode[] = [
		{
			id: randomUUID(),
			name: MANUAL_NAME,
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		},
	];
	const connections: Record<string, unknown> = {};
	let previous = MANUAL_NAME;
	options.steps.forEach((step, index) => {
		nodes.push({
			id: randomUUID(),
			name: step.name,
			type: ACTION_NODE_TYPE,
			typeVersion: 1,
			position: [260 * (index + 1), 0],
			parameters: step.parameters,
			executeOnce: true,
			credentials: { [CREDENTIAL_TYPE]: options.credential },
		});
		Object.assign(connections, connect(previous, step.name));
		previous = step.name;
	});
	return { name: options.name, nodes, connections };
}
