/**
 * THE SHARED TEST HARNESS: real n8n node contexts for unit/integration tests.
 *
 * The contexts are n8n-core 2.40.3's own classes (ExecuteContext, HookContext, PollContext,
 * WebhookContext, LoadOptionsContext), so `helpers.httpRequest` and
 * `helpers.httpRequestWithAuthentication` are n8n's REAL implementations (axios via
 * @n8n/backend-network, preAuthentication + retry on the retry status code, requestOAuth2 for OAuth2
 * credentials). Credentials come from an in-memory store through `TestCredentialsHelper`
 * (./credentials-helper.ts), which reproduces n8n 2.40.7's CredentialsHelper (preAuthentication
 * persisted, function/generic authenticate, oauthTokenData updates).
 *
 * API (all factories take `HarnessOptions`):
 *   createExecuteContext({ ...opts, inputData? })          → { context: IExecuteFunctions, ...Harness }
 *   createHookContext({ ...opts, activation?, webhookName?, isTest? })  → IHookFunctions
 *   createPollContext({ ...opts, activation? })             → IPollFunctions
 *   createLoadOptionsContext({ ...opts, currentNodeParameters?, path? }) → ILoadOptionsFunctions
 *   createWebhookContext({ ...opts, webhookName?, request, isTest? }) → IWebhookFunctions + `response` recorder
 *   testCredential(type, data)   → what n8n's "Test" button answers ({ status, message })
 *
 * HarnessOptions:
 *   nodeType?    the node class under test (default: a bare node with the `authentication`
 *                parameter and both Adobe credentials)
 *   parameters?  node parameters (defaults of the node description are applied like n8n does)
 *   credentials? { adobeIoEventsApi?: {...fields}, adobeIoEventsOAuth2Api?: {..., oauthTokenData} }
 *   staticData?  initial workflow static data; nodeStaticData? initial node static data
 *   mode?        WorkflowExecuteMode (default 'trigger' for hook/poll, 'manual' for execute,
 *                'webhook' for webhook, 'internal' for load options)
 *   webhookBaseUrl? (default http://127.0.0.1:5678/webhook/), nodeName?, continueOnFail?
 *
 * Harness (returned next to `context`):
 *   store       TestCredentialStore — persisted credential data (`store.data(type)`) and
 *               `store.events` (preAuthentication calls, updates)
 *   workflow    the n8n Workflow; node: the INode
 *   nodeStaticData()  the node's static data object (the same object the node mutates)
 *   globalStaticData() workflow-global static data
 *
 * Example:
 *   const { context, store } = createExecuteContext({
 *     parameters: { authentication: 'serviceAccount' },
 *     credentials: { adobeIoEventsApi: { environment: 'custom', imsUrl, apiUrl, ingressUrl,
 *       publicKeyUrl, clientId: 'id', clientSecret: 's', imsOrgId: 'O@AdobeOrg',
 *       consumerOrgId: '1', projectId: '2', workspaceId: '3' } },
 *   });
 *   const body = await context.helpers.httpRequestWithAuthentication.call(context,
 *     'adobeIoEventsApi', { method: 'GET', url: `${apiUrl}/events/1/providers`, json: true });
 *   expect(store.count('preAuthentication')).toBe(1);
 *   expect(store.data('adobeIoEventsApi').accessToken).not.toBe('');
 *
 * Webhook example:
 *   const { context, response } = createWebhookContext({ nodeType: new AdobeIoEventsTrigger(),
 *     webhookName: 'default', request: { method: 'POST', headers: {...}, rawBody: Buffer.from(json) } });
 *   const result = await trigger.webhook.call(context);
 *   expect(response.statusCode).toBe(200);
 */
/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test code: runs outside n8n; needs node:fs/os/path and process.env to keep n8n-core's instance settings in a temp folder, and n8n-core internals */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { ExecuteContext } from 'n8n-core/dist/execution-engine/node-execution-context/execute-context';
import { HookContext } from 'n8n-core/dist/execution-engine/node-execution-context/hook-context';
import { LoadOptionsContext } from 'n8n-core/dist/execution-engine/node-execution-context/load-options-context';
import { PollContext } from 'n8n-core/dist/execution-engine/node-execution-context/poll-context';
import { WebhookContext } from 'n8n-core/dist/execution-engine/node-execution-context/webhook-context';
import { RoutingNode } from 'n8n-core/dist/execution-engine/routing-node';
import {
	createEmptyRunExecutionData,
	NodeConnectionTypes,
	Workflow,
	type ICredentialDataDecryptedObject,
	type ICredentialsDecrypted,
	type ICredentialTestRequest,
	type ICredentialType,
	type IDataObject,
	type IExecuteData,
	type IExecuteFunctions,
	type IHookFunctions,
	type ILoadOptionsFunctions,
	type INode,
	type INodeCredentialTestResult,
	type INodeExecutionData,
	type INodeParameters,
	type INodeType,
	type INodeTypes,
	type IPollFunctions,
	type IWebhookData,
	type IWebhookDescription,
	type IWebhookFunctions,
	type IWorkflowExecuteAdditionalData,
	type WorkflowActivateMode,
	type WorkflowExecuteMode,
} from 'n8n-workflow';

import { AdobeIoEventsApi } from '../../credentials/AdobeIoEventsApi.credentials';
import { AdobeIoEventsOAuth2Api } from '../../credentials/AdobeIoEventsOAuth2Api.credentials';
import { adobeCredentials, authenticationProperty } from '../../nodes/AdobeIoEvents/shared/descriptions';
import { TestCredentialsHelper, TestCredentialStore } from './credentials-helper';
import { OAuth2Api } from './oauth2-api.credential';

// n8n-core's InstanceSettings writes a settings file into N8N_USER_FOLDER (default ~/.n8n).
if (!process.env.N8N_USER_FOLDER) {
	process.env.N8N_USER_FOLDER = mkdtempSync(join(tmpdir(), 'n8n-adobe-io-events-test-'));
}

export { TestCredentialsHelper, TestCredentialStore } from './credentials-helper';

/** A bare node type using the shared authentication parameter and both Adobe credentials. */
export class HarnessNode implements INodeType {
	description = {
		displayName: 'Adobe I/O Events Harness',
		name: 'adobeIoEventsHarness',
		icon: 'file:../../icons/adobe.svg' as const,
		group: ['transform'],
		version: 1,
		description: 'test node',
		defaults: { name: 'Adobe I/O Events Harness' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: adobeCredentials,
		webhooks: [
			{ name: 'setup', httpMethod: 'GET', responseMode: 'onReceived', path: 'webhook' },
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' },
		] as IWebhookDescription[],
		properties: [authenticationProperty],
	} as INodeType['description'];
}

export const defaultCredentialTypes = (): ICredentialType[] => [
	new AdobeIoEventsApi(),
	new AdobeIoEventsOAuth2Api(),
	new OAuth2Api(),
];

export interface HarnessOptions {
	nodeType?: INodeType;
	/** package-qualified type name of the node (default `n8n-nodes-adobe-io-events.<description.name>`) */
	nodeTypeName?: string;
	nodeName?: string;
	parameters?: INodeParameters;
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	/** extra credential types (ours and oAuth2Api are always registered) */
	credentialTypes?: ICredentialType[];
	/** reuse a store (e.g. to share persisted tokens between contexts) */
	store?: TestCredentialStore;
	staticData?: IDataObject;
	nodeStaticData?: IDataObject;
	mode?: WorkflowExecuteMode;
	webhookBaseUrl?: string;
	webhookId?: string;
	continueOnFail?: boolean;
	workflowId?: string;
	active?: boolean;
	/** the node's typeVersion (default: the last of the node type's versions) */
	typeVersion?: number;
}

export interface Harness {
	node: INode;
	workflow: Workflow;
	nodeType: INodeType;
	additionalData: IWorkflowExecuteAdditionalData;
	credentialsHelper: TestCredentialsHelper;
	store: TestCredentialStore;
	/** the node's static data (the live object the node reads and mutates) */
	nodeStaticData(): IDataObject;
	globalStaticData(): IDataObject;
}

class SingleNodeTypes implements INodeTypes {
	constructor(private readonly types: Record<string, INodeType>) {}

	getByName(nodeType: string): INodeType {
		return this.types[nodeType];
	}

	getByNameAndVersion(nodeType: string): INodeType {
		const type = this.types[nodeType];
		if (!type) throw new Error(`Unknown node type ${nodeType}`);
		return type;
	}

	getKnownTypes() {
		return {};
	}
}

function buildHarness(opts: HarnessOptions, defaultMode: WorkflowExecuteMode) {
	const nodeType = opts.nodeType ?? new HarnessNode();
	const typeName = opts.nodeTypeName ?? `n8n-nodes-adobe-io-events.${nodeType.description.name}`;
	const store = opts.store ?? new TestCredentialStore();
	const credentialsHelper = new TestCredentialsHelper(
		[...defaultCredentialTypes(), ...(opts.credentialTypes ?? [])],
		store,
	);
	const nodeName = opts.nodeName ?? String(nodeType.description.defaults.name ?? 'Node');
	const nodeCredentials: INode['credentials'] = {};
	for (const [type, data] of Object.entries(opts.credentials ?? {})) {
		const existing = store.findByType(type);
		const entry = existing ?? store.add(type, data);
		nodeCredentials[type] = { id: entry.id, name: entry.name };
	}
	const version = nodeType.description.version;
	const node: INode = {
		id: 'node-1',
		name: nodeName,
		type: typeName,
		typeVersion: opts.typeVersion ?? (Array.isArray(version) ? version[version.length - 1] : version),
		position: [0, 0],
		parameters: JSON.parse(JSON.stringify(opts.parameters ?? {})) as INodeParameters,
		credentials: nodeCredentials,
		webhookId: opts.webhookId ?? 'd1f5c0a4-0000-4000-8000-000000000001',
		...(opts.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
	};
	const staticData: IDataObject = JSON.parse(JSON.stringify(opts.staticData ?? {})) as IDataObject;
	if (opts.nodeStaticData) staticData[`node:${nodeName}`] = JSON.parse(JSON.stringify(opts.nodeStaticData)) as IDataObject;
	const workflow = new Workflow({
		id: opts.workflowId ?? 'wf-test-1',
		name: 'Adobe I/O Events test workflow',
		nodes: [node],
		connections: {},
		active: opts.active ?? true,
		nodeTypes: new SingleNodeTypes({ [typeName]: nodeType }),
		staticData,
		settings: {},
	});
	const webhookBaseUrl = opts.webhookBaseUrl ?? 'http://127.0.0.1:5678/';
	const additionalData = {
		credentialsHelper,
		executionId: 'exec-test-1',
		currentNodeExecutionIndex: 0,
		restApiUrl: 'http://127.0.0.1:5678/rest',
		instanceBaseUrl: 'http://127.0.0.1:5678/',
		formBaseUrl: `${webhookBaseUrl}form`,
		formWaitingBaseUrl: `${webhookBaseUrl}form-waiting`,
		formTestBaseUrl: `${webhookBaseUrl}form-test`,
		webhookBaseUrl: `${webhookBaseUrl}webhook`,
		webhookWaitingBaseUrl: `${webhookBaseUrl}webhook-waiting`,
		webhookTestBaseUrl: `${webhookBaseUrl}webhook-test`,
		mcpBaseUrl: `${webhookBaseUrl}mcp`,
		mcpTestBaseUrl: `${webhookBaseUrl}mcp-test`,
		variables: {},
		userId: 'user-test-1',
		workflowId: workflow.id,
		logAiEvent: () => undefined,
		getRunExecutionData: async () => undefined,
		executeWorkflow: async () => {
			throw new Error('executeWorkflow is not available in the test harness');
		},
		getRuntimeCredential: async () => undefined,
		startRunnerTask: async () => {
			throw new Error('startRunnerTask is not available in the test harness');
		},
	} as unknown as IWorkflowExecuteAdditionalData;
	const harness: Harness = {
		node: workflow.getNode(nodeName) as INode,
		workflow,
		nodeType,
		additionalData,
		credentialsHelper,
		store,
		nodeStaticData: () => workflow.getStaticData('node', workflow.getNode(nodeName) as INode),
		globalStaticData: () => workflow.getStaticData('global'),
	};
	return { harness, mode: opts.mode ?? defaultMode };
}

export function createExecuteContext(
	opts: HarnessOptions & { inputData?: INodeExecutionData[] } = {},
): Harness & { context: IExecuteFunctions } {
	const { harness, mode } = buildHarness(opts, 'manual');
	const items = opts.inputData ?? [{ json: {} }];
	const inputData = { main: [items] };
	const executeData: IExecuteData = { node: harness.node, data: inputData, source: null };
	const context = new ExecuteContext(
		harness.workflow,
		harness.node,
		harness.additionalData,
		mode,
		createEmptyRunExecutionData(),
		0,
		items,
		inputData,
		executeData,
		[],
	);
	return { ...harness, context: context as unknown as IExecuteFunctions };
}

function webhookData(harness: Harness, name: string, isTest: boolean): IWebhookData {
	const description = (harness.nodeType.description.webhooks ?? []).find((w) => w.name === name) ?? {
		name,
		httpMethod: 'POST',
		path: 'webhook',
	};
	return {
		httpMethod: (typeof description.httpMethod === 'string' ? description.httpMethod : 'POST') as IWebhookData['httpMethod'],
		node: harness.node.name,
		path: `${harness.node.webhookId}/webhook`,
		webhookDescription: description as IWebhookDescription,
		workflowId: harness.workflow.id,
		workflowExecuteAdditionalData: harness.additionalData,
		webhookId: harness.node.webhookId,
		isTest,
	};
}

export function createHookContext(
	opts: HarnessOptions & { activation?: WorkflowActivateMode; webhookName?: string; isTest?: boolean } = {},
): Harness & { context: IHookFunctions } {
	const { harness, mode } = buildHarness(opts, opts.isTest ? 'manual' : 'trigger');
	const context = new HookContext(
		harness.workflow,
		harness.node,
		harness.additionalData,
		mode,
		opts.activation ?? 'activate',
		webhookData(harness, opts.webhookName ?? 'default', opts.isTest ?? false),
	);
	return { ...harness, context: context as unknown as IHookFunctions };
}

export function createPollContext(
	opts: HarnessOptions & { activation?: WorkflowActivateMode } = {},
): Harness & { context: IPollFunctions } {
	const { harness, mode } = buildHarness(opts, 'trigger');
	const context = new PollContext(
		harness.workflow,
		harness.node,
		harness.additionalData,
		mode,
		opts.activation ?? 'activate',
	);
	return { ...harness, context: context as unknown as IPollFunctions };
}

export function createLoadOptionsContext(
	opts: HarnessOptions & { currentNodeParameters?: INodeParameters; path?: string } = {},
): Harness & { context: ILoadOptionsFunctions } {
	const { harness } = buildHarness(opts, 'internal');
	harness.additionalData.currentNodeParameters = opts.currentNodeParameters ?? harness.node.parameters;
	const context = new LoadOptionsContext(
		harness.workflow,
		harness.node,
		harness.additionalData,
		opts.path ?? 'parameters',
	);
	return { ...harness, context: context as unknown as ILoadOptionsFunctions };
}

/** What a test supplies as the incoming webhook request (an express-like Request is built from it). */
export interface TestWebhookRequest {
	method?: string;
	headers?: Record<string, string | string[] | undefined>;
	query?: IDataObject;
	params?: IDataObject;
	/** parsed body as n8n's body parser would set it (undefined for application/cloudevents+json) */
	body?: unknown;
	/** exact bytes of the body */
	rawBody?: Buffer;
	/** false (default true): rawBody is only available after `await req.readRawBody()` (typeVersion > 1) */
	rawBodyPreRead?: boolean;
	url?: string;
}

/**
 * Records what the node does with the express Response. Like express, the response is complete
 * the moment the node calls send()/json()/end()/sendStatus() — not when webhook() returns: pass
 * `onFinish` to receive it then (exactly once), e.g. to write it to a real HTTP socket while
 * webhook() keeps working (Adobe's async validation answers first and follows the URL after).
 */
export class TestWebhookResponse {
	constructor(private readonly onFinish?: (response: TestWebhookResponse) => void) {}

	statusCode = 200;

	headers: Record<string, string> = {};

	body: unknown = undefined;

	ended = false;

	headersSent = false;

	status(code: number) {
		this.statusCode = code;
		return this;
	}

	sendStatus(code: number) {
		this.statusCode = code;
		return this.end();
	}

	setHeader(name: string, value: string | number | readonly string[]) {
		this.headers[name.toLowerCase()] = String(value);
		return this;
	}

	set(name: string | Record<string, string>, value?: string) {
		if (typeof name === 'string') this.setHeader(name, value ?? '');
		else for (const [k, v] of Object.entries(name)) this.setHeader(k, v);
		return this;
	}

	header(name: string, value: string) {
		return this.setHeader(name, value);
	}

	getHeader(name: string) {
		return this.headers[name.toLowerCase()];
	}

	type(value: string) {
		const mime = value.includes('/') ? value : value === 'json' ? 'application/json' : value === 'text' || value === 'txt' ? 'text/plain' : value === 'html' ? 'text/html' : value;
		return this.setHeader('content-type', mime);
	}

	contentType(value: string) {
		return this.type(value);
	}

	writeHead(code: number, headers?: Record<string, string>) {
		this.statusCode = code;
		if (headers) this.set(headers);
		this.headersSent = true;
		return this;
	}

	write(chunk: unknown) {
		this.body = this.body === undefined ? chunk : `${String(this.body)}${String(chunk)}`;
		return true;
	}

	send(body?: unknown) {
		this.body = body;
		return this.finish();
	}

	json(body: unknown) {
		this.setHeader('content-type', 'application/json');
		return this.send(body);
	}

	end(body?: unknown) {
		if (body !== undefined) this.body = body;
		return this.finish();
	}

	private finish() {
		const first = !this.ended;
		this.ended = true;
		this.headersSent = true;
		if (first) this.onFinish?.(this);
		return this;
	}
}

export function createWebhookContext(
	opts: HarnessOptions & {
		webhookName?: string;
		request: TestWebhookRequest;
		response?: TestWebhookResponse;
		isTest?: boolean;
	},
): Harness & { context: IWebhookFunctions; response: TestWebhookResponse; request: IDataObject } {
	const { harness, mode } = buildHarness(opts, 'webhook');
	const r = opts.request;
	const headers: Record<string, string | string[] | undefined> = {};
	for (const [k, v] of Object.entries(r.headers ?? {})) headers[k.toLowerCase()] = v;
	const request: IDataObject & { rawBody?: Buffer; readRawBody: () => Promise<void> } = {
		method: r.method ?? 'POST',
		url: r.url ?? `/webhook/${harness.node.webhookId}/webhook`,
		headers,
		query: r.query ?? {},
		params: r.params ?? {},
		body: r.body as IDataObject,
		rawBody: r.rawBodyPreRead === false ? undefined : r.rawBody,
		readRawBodyCalls: 0,
		async readRawBody() {
			request.readRawBodyCalls = Number(request.readRawBodyCalls) + 1;
			if (request.rawBody === undefined) request.rawBody = r.rawBody ?? Buffer.alloc(0);
		},
		header(name: string) {
			return headers[name.toLowerCase()];
		},
		get(name: string) {
			return headers[name.toLowerCase()];
		},
	};
	const response = opts.response ?? new TestWebhookResponse();
	harness.additionalData.httpRequest = request as unknown as IWorkflowExecuteAdditionalData['httpRequest'];
	harness.additionalData.httpResponse = response as unknown as IWorkflowExecuteAdditionalData['httpResponse'];
	const context = new WebhookContext(
		harness.workflow,
		harness.node,
		harness.additionalData,
		mode,
		webhookData(harness, opts.webhookName ?? 'default', opts.isTest ?? false),
		[],
		null,
	);
	return { ...harness, context: context as unknown as IWebhookFunctions, response, request };
}

/** The noOp node type n8n's credential tester runs the credential's `test` request through. */
class NoOpNode implements INodeType {
	description = {
		displayName: 'No Operation, do nothing',
		name: 'n8n-nodes-base.noOp',
		group: ['organization'],
		version: 1,
		description: 'No Operation',
		defaults: { name: 'No Operation, do nothing' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	} as unknown as INodeType['description'];
}

/**
 * Runs a credential's `test` request exactly like n8n's CredentialsTester.runRequestTest
 * (n8n 2.40.7 dist/services/credentials-tester.service.js): defaults applied, a temporary noOp node
 * whose `temp` parameter routes the test request through RoutingNode → httpRequestWithAuthentication
 * (preAuthentication always runs while testing), then the `rules` mapping of the answer.
 * The credential is stored in `store` (pass one to inspect what was persisted).
 */
export async function testCredential(
	type: string,
	data: ICredentialDataDecryptedObject,
	opts: { store?: TestCredentialStore; credentialTypes?: ICredentialType[] } = {},
): Promise<INodeCredentialTestResult> {
	const store = opts.store ?? new TestCredentialStore();
	const credentialsHelper = new TestCredentialsHelper(
		[...defaultCredentialTypes(), ...(opts.credentialTypes ?? [])],
		store,
	);
	const credentialType = credentialsHelper.getType(type);
	const testFunction = credentialType.test as ICredentialTestRequest | undefined;
	if (!testFunction) return { status: 'Error', message: 'No testing function found for this credential.' };
	const entry = store.add(type, data);
	const baseAdditional = buildHarness({ store, credentials: {} }, 'internal').harness.additionalData;
	baseAdditional.credentialsHelper = credentialsHelper;
	let credentialsDecrypted: ICredentialsDecrypted;
	try {
		credentialsDecrypted = {
			id: entry.id,
			name: entry.name,
			type,
			data: await credentialsHelper.applyDefaultsAndOverwrites(baseAdditional, entry.data, type, 'internal'),
		};
	} catch (error) {
		return { status: 'Error', message: String((error as Error).message) };
	}
	const noOp = new NoOpNode();
	const nodeTypeCopy = {
		description: {
			...noOp.description,
			credentials: [{ name: type, required: true }],
			properties: [
				{ displayName: 'Temp', name: 'temp', type: 'string', routing: { request: testFunction.request }, default: '' },
			],
		},
	} as unknown as INodeType;
	const node: INode = {
		id: 'temp',
		parameters: {},
		name: 'Temp-Node',
		type: 'n8n-nodes-base.noOp',
		typeVersion: 1,
		position: [0, 0],
		credentials: { [type]: { id: entry.id, name: entry.name } },
	};
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: new SingleNodeTypes({ 'n8n-nodes-base.noOp': nodeTypeCopy }),
	});
	const inputData = { main: [[{ json: {} }]] };
	baseAdditional.currentNodeParameters = node.parameters;
	const executeData: IExecuteData = { node, data: {}, source: null };
	const executeFunctions = new ExecuteContext(
		workflow,
		workflow.getNode('Temp-Node') as INode,
		baseAdditional,
		'internal',
		createEmptyRunExecutionData(),
		0,
		[],
		inputData,
		executeData,
		[],
	);
	const routingNode = new RoutingNode(executeFunctions, nodeTypeCopy, credentialsDecrypted);
	let response: INodeExecutionData[][] | null | undefined;
	try {
		await workflow.expression.acquireIsolate();
		response = await routingNode.runNode();
	} catch (caught) {
		const error = caught as { cause?: { response?: { status: number; statusText?: string }; code?: string }; message: string };
		if (error.cause?.response) {
			const statusCode = error.cause.response.status;
			for (const rule of testFunction.rules ?? []) {
				if (rule.type === 'responseCode' && statusCode === rule.properties.value) {
					return { status: 'Error', message: rule.properties.message };
				}
			}
			if (statusCode < 199 || statusCode > 299) {
				return {
					status: 'Error',
					message: error.cause.response.statusText || `Received HTTP status code: ${statusCode}`,
				};
			}
		} else if (error.cause?.code) {
			return { status: 'Error', message: error.cause.code };
		}
		return { status: 'Error', message: String(error.message) };
	} finally {
		await workflow.expression.releaseIsolate();
	}
	for (const rule of testFunction.rules ?? []) {
		if (rule.type === 'responseSuccessBody') {
			const json = response?.[0]?.[0]?.json as IDataObject | undefined;
			const value = rule.properties.key.split('.').reduce<unknown>((acc, k) => (acc as IDataObject | undefined)?.[k], json);
			if (value === rule.properties.value) return { status: 'Error', message: rule.properties.message };
		}
	}
	return { status: 'OK', message: 'Connection successful!' };
}
