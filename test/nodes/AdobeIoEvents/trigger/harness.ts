/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code: runs outside n8n, needs node:http to receive Adobe's challenge and deliveries over real HTTP */
/**
 * Runs the Watch Events trigger the way n8n does: parameter defaults applied, real n8n-core
 * HookContext / WebhookContext from the shared harness, and a real node:http server that routes
 * GET/POST requests (Adobe's challenge, validation POST and signed deliveries) to `webhook()`.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import {
	NodeHelpers,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type IHookFunctions,
	type INodeExecutionData,
	type INodeParameters,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { inLayoutOf } from '../../../../scripts/n8n/workflows';
import { AdobeIoEventsTrigger } from '../../../../nodes/AdobeIoEvents/AdobeIoEventsTrigger.node';
import {
	checkExists,
	create,
	deleteRegistration,
} from '../../../../nodes/AdobeIoEvents/trigger/lifecycle';
import { WEBHOOK_NAMES } from '../../../../nodes/AdobeIoEvents/trigger/settings';
import {
	handleWebhook,
	type TriggerRuntime,
} from '../../../../nodes/AdobeIoEvents/trigger/webhookHandler';
import {
	createHookContext,
	createWebhookContext,
	TestCredentialStore,
	TestWebhookResponse,
	type HarnessOptions,
	type TestWebhookRequest,
} from '../../../helpers/n8n-context';
import { CC_PROVIDER_ID } from '../../../../scripts/n8n/adobe-setup';
import { emulatorCredentials } from '../../../helpers/emulator-credentials';
import type { Emulator } from '../../../emulator/src/index';

export const WEBHOOK_ID = 'd1f5c0a4-0000-4000-8000-00000000abcd';
/** Creative Cloud Asset Events in the emulator's seeded catalogue. */
export const CC_PROVIDER = CC_PROVIDER_ID;

/** The typeVersion trigger tests run with unless they choose one (the first-screen layout). */
export const DEFAULT_TEST_VERSION = 1.1;
/** One typeVersion per parameter layout (trigger/description.ts): first screen, and Options. */
export const LAYOUT_VERSIONS = [1.1, 2] as const;

/** Tests write the first-screen layout; a version-2 node keeps Delivery and Signature Check under Options. */
export { inLayoutOf };

/** The node's parameters as n8n stores them: defaults of `typeVersion` applied. */
export function triggerParameters(
	parameters: INodeParameters,
	typeVersion: number = DEFAULT_TEST_VERSION,
): INodeParameters {
	const node = new AdobeIoEventsTrigger();
	const layout = inLayoutOf(typeVersion, parameters);
	const full = NodeHelpers.getNodeParameters(
		node.description.properties,
		layout,
		true,
		false,
		{ typeVersion },
		node.description,
	);
	return { ...(full ?? {}), ...layout };
}

/** A trigger watching one event type of one provider (parameters in the first-screen layout). */
export function watchOneEventType(): INodeParameters {
	return {
		providerId: { __rl: true, mode: 'id', value: 'provider-1' },
		eventCodes: ['com.example.file_created'],
	};
}

/** The service credential's identity fields; each test adds its environment and endpoints. */
export const SERVICE_CREDENTIAL_IDENTITY = {
	authentication: 'oauthS2S',
	clientId: 'c5a34355b7f5491f8277b8dd63f0bfa3',
	clientSecret: 'secret-value-1',
	imsOrgId: 'ORG@AdobeOrg',
	consumerOrgId: '1',
	projectId: '2',
	workspaceId: '3',
} as const;

export interface TriggerSetup {
	parameters: INodeParameters;
	credentials: ICredentialDataDecryptedObject;
	store: TestCredentialStore;
	webhookBaseUrl: string;
	/** production static data of the node (mutated by hooks, read by webhooks) */
	staticData: IDataObject;
	testStaticData: IDataObject;
	/**
	 * The delivery state webhook() uses (one per simulated n8n process). Default: the package's
	 * process-wide runtime, as in n8n.
	 */
	runtime?: TriggerRuntime;
	/** default 'wf-test-1' (n8n-context's default): another id is another trigger */
	workflowId?: string;
	/** the workflow's global static data (mutated by hooks in production, as n8n keeps it) */
	globalStaticData?: IDataObject;
	/** more nodes of the workflow and the connections (the trigger node is "Adobe I/O Events Trigger") */
	extraNodes?: HarnessOptions['extraNodes'];
	connections?: HarnessOptions['connections'];
	/** the trigger's typeVersion (default DEFAULT_TEST_VERSION); parameters are given in the 1.x layout */
	typeVersion?: number;
}

/**
 * A fresh setup of one Watch Events trigger against the emulator: Creative Cloud Asset Events, the given
 * event codes (default file_created), its webhooks at `webhookBaseUrl` (a receiver), empty static data.
 */
export function emulatorSetup(
	emulator: Emulator,
	webhookBaseUrl: string,
	parameters: IDataObject = {},
	extra: Partial<TriggerSetup> = {},
): TriggerSetup {
	return {
		parameters: {
			providerId: { __rl: true, mode: 'list', value: CC_PROVIDER },
			eventCodes: ['com.adobe.platform.events.file_created'],
			...parameters,
		} as TriggerSetup['parameters'],
		credentials: emulatorCredentials(emulator),
		store: new TestCredentialStore(),
		webhookBaseUrl,
		staticData: {},
		testStaticData: {},
		...extra,
	};
}

export function hook(setup: TriggerSetup, opts: { isTest?: boolean } = {}) {
	const nodeType = new AdobeIoEventsTrigger();
	const typeVersion = setup.typeVersion ?? DEFAULT_TEST_VERSION;
	const h = createHookContext({
		nodeType,
		typeVersion,
		parameters: triggerParameters(setup.parameters, typeVersion),
		credentials: { adobeIoEventsApi: setup.credentials },
		store: setup.store,
		webhookBaseUrl: setup.webhookBaseUrl,
		webhookId: WEBHOOK_ID,
		nodeStaticData: opts.isTest ? setup.testStaticData : setup.staticData,
		isTest: opts.isTest,
		workflowId: setup.workflowId,
		staticData: !opts.isTest && setup.globalStaticData ? { global: setup.globalStaticData } : undefined,
		extraNodes: setup.extraNodes,
		connections: setup.connections,
	});
	const sync = () => {
		const data = JSON.parse(JSON.stringify(h.nodeStaticData())) as IDataObject;
		const target = opts.isTest ? setup.testStaticData : setup.staticData;
		for (const k of Object.keys(target)) delete target[k];
		Object.assign(target, data);
		if (!opts.isTest && setup.globalStaticData) {
			const global = JSON.parse(JSON.stringify(h.globalStaticData())) as IDataObject;
			for (const k of Object.keys(setup.globalStaticData)) delete setup.globalStaticData[k];
			Object.assign(setup.globalStaticData, global);
		}
	};
	// With its own runtime the setup is one isolated "n8n process": hooks and webhook() share it.
	const { runtime } = setup;
	const methods = runtime
		? {
				checkExists: async function (this: IHookFunctions) {
					return await checkExists.call(this, runtime);
				},
				create: async function (this: IHookFunctions) {
					return await create.call(this, runtime);
				},
				delete: async function (this: IHookFunctions) {
					return await deleteRegistration.call(this, runtime);
				},
			}
		: nodeType.webhookMethods.default;
	return {
		context: h.context,
		checkExists: async () => {
			try {
				return await methods.checkExists.call(h.context);
			} finally {
				sync();
			}
		},
		create: async () => {
			try {
				return await methods.create.call(h.context);
			} finally {
				sync();
			}
		},
		delete: async () => {
			try {
				return await methods.delete.call(h.context);
			} finally {
				sync();
			}
		},
		/** n8n's activation: checkExists, then create when it answered false */
		activate: async () => {
			try {
				if (!(await methods.checkExists.call(h.context))) await methods.create.call(h.context);
			} finally {
				sync();
			}
		},
	};
}

export interface WebhookCall {
	result: IWebhookResponseData;
	status: number;
	headers: Record<string, string>;
	body: unknown;
	readRawBodyCalls: number;
	warnings: string[];
}

/** Calls webhook() once, in-process, with a real WebhookContext. */
export async function callWebhook(
	setup: TriggerSetup,
	request: TestWebhookRequest & {
		isTest?: boolean;
		/** the Acknowledge mode's path the request arrives on (default: when queued) */
		acknowledge?: 'whenQueued' | 'whenFinished';
	},
	response?: TestWebhookResponse,
): Promise<WebhookCall> {
	const nodeType = new AdobeIoEventsTrigger();
	const isGet = (request.method ?? 'POST').toUpperCase() === 'GET';
	const names = WEBHOOK_NAMES[request.acknowledge ?? 'whenQueued'];
	const typeVersion = setup.typeVersion ?? DEFAULT_TEST_VERSION;
	const w = createWebhookContext({
		nodeType,
		typeVersion,
		parameters: triggerParameters(setup.parameters, typeVersion),
		credentials: { adobeIoEventsApi: setup.credentials },
		store: setup.store,
		webhookBaseUrl: setup.webhookBaseUrl,
		webhookId: WEBHOOK_ID,
		nodeStaticData: request.isTest ? setup.testStaticData : setup.staticData,
		webhookName: isGet ? names.setup : names.delivery,
		workflowId: setup.workflowId,
		isTest: request.isTest,
		mode: request.isTest ? 'manual' : 'webhook',
		request: { rawBodyPreRead: false, ...request },
		response,
	});
	const warnings: string[] = [];
	const record =
		(level: string) =>
		(message: string, meta?: object): void => {
			warnings.push(`${level}: ${message} ${meta ? JSON.stringify(meta) : ''}`);
		};
	const logger = {
		error: record('error'),
		warn: record('warn'),
		info: record('info'),
		debug: record('debug'),
	};
	Object.defineProperty(w.context, 'logger', { value: logger, configurable: true });
	const result = setup.runtime
		? await handleWebhook.call(w.context, setup.runtime)
		: await nodeType.webhook.call(w.context);
	let status = w.response.statusCode;
	let body: unknown = w.response.body;
	if (!result.noWebhookResponse) {
		status = 200;
		body = result.workflowData
			? { message: 'Workflow was started' }
			: (result.webhookResponse ?? { message: 'Webhook call received' });
	}
	return {
		result,
		status,
		headers: w.response.headers,
		body,
		readRawBodyCalls: Number(w.request.readRawBodyCalls ?? 0),
		warnings,
	};
}

export interface Receiver {
	url: string;
	/** items of every execution started, in order */
	executions: INodeExecutionData[][];
	calls: Array<{ method: string; path: string; status: number }>;
	/** when set, GET answers this status (to make Adobe's challenge fail) */
	failChallengeWith?: number;
	/** when set, POSTs answer this status before reaching the node */
	failPostWith?: number;
	close(): Promise<void>;
}

/** A real HTTP endpoint that routes to webhook(), as n8n's webhook server would. */
export async function startReceiver(setup: () => TriggerSetup): Promise<Receiver> {
	const receiver: Receiver = {
		url: '',
		executions: [],
		calls: [],
		close: async () => undefined,
	};
	const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			void (async () => {
				const url = new URL(req.url ?? '/', 'http://127.0.0.1');
				const method = req.method ?? 'GET';
				const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
					receiver.calls.push({ method, path: url.pathname, status });
					const isText = typeof body === 'string';
					res.writeHead(status, {
						'content-type': isText ? 'text/plain' : 'application/json',
						...headers,
					});
					res.end(isText ? body : JSON.stringify(body ?? {}));
				};
				if (method === 'GET' && receiver.failChallengeWith)
					return send(receiver.failChallengeWith, 'down');
				if (method === 'POST' && receiver.failPostWith) return send(receiver.failPostWith, 'down');
				// What webhook() writes with res.status().json() goes out at once, as with express.
				const live = new TestWebhookResponse((r) => {
					const headers = { ...r.headers };
					delete headers['content-type'];
					send(r.statusCode, r.body, headers);
				});
				try {
					const call = await callWebhook(
						setup(),
						{
							method,
							url: url.pathname + url.search,
							headers: req.headers as Record<string, string | string[] | undefined>,
							query: Object.fromEntries(url.searchParams.entries()),
							rawBody: Buffer.concat(chunks),
							isTest: url.pathname.startsWith('/webhook-test/'),
							acknowledge: url.pathname.endsWith('/webhook-finished')
								? 'whenFinished'
								: 'whenQueued',
						},
						live,
					);
					if (call.result.workflowData) receiver.executions.push(call.result.workflowData[0]);
					if (!live.ended) {
						const headers = { ...call.headers };
						delete headers['content-type'];
						send(call.status, call.body, headers);
					}
				} catch (error) {
					if (!live.ended) send(500, { message: `webhook() threw: ${(error as Error).message}` });
				}
			})();
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
	receiver.close = async () => await new Promise<void>((resolve) => server.close(() => resolve()));
	return receiver;
}
