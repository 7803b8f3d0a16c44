import type {
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { getEventCodes, searchEventCodes } from './methods/eventCodes';
import { searchProviders } from './methods/providers';
import { adobeCredentials } from './shared/descriptions';
import { DOCS } from './shared/docs';
import {
	TRIGGER_DEFAULT_VERSION,
	TRIGGER_VERSIONS,
	triggerPanel,
	triggerProperties,
} from './trigger/description';
import { checkExists, create, deleteRegistration } from './trigger/lifecycle';
import { WEBHOOK_NAMES } from './trigger/settings';
import { handleWebhook } from './trigger/webhookHandler';

// Evaluated by the editor only (n8n does not read ndvHideUrl when it serves a request).
const HIDE_WHEN_FINISHED = '={{$parameter["options"]["acknowledge"] === "whenFinished"}}';
const HIDE_WHEN_QUEUED = '={{$parameter["options"]["acknowledge"] !== "whenFinished"}}';

export class AdobeIoEventsTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Adobe I/O Events Trigger',
		name: 'adobeIoEventsTrigger',
		icon: { light: 'file:../../icons/adobe.svg', dark: 'file:../../icons/adobe.dark.svg' },
		group: ['trigger'],
		// 1.1 has the same parameters and behaviour as 1. It exists for n8n: for a start node of
		// typeVersion 1, n8n evaluates an expression on every webhook request (an isolated-vm
		// isolate under its `vm` engine) to decide how to parse the body; for 1.1 and 2 it does not.
		// 2 moves the rarely changed settings under Options (trigger/description.ts). Saved workflows
		// keep their version; new nodes get 2.
		version: TRIGGER_VERSIONS,
		defaultVersion: TRIGGER_DEFAULT_VERSION,
		subtitle: '={{"Watch " + ([].concat($parameter["eventCodes"] || []).join(", ") || "events")}}',
		description:
			'Starts the workflow when Adobe I/O Events delivers an event (Creative Cloud, AEM, Marketo, Experience Platform, custom events…)',
		// n8n's Docs link: as written (the codex URL would get ?utm_… appended after its #anchor).
		documentationUrl: DOCS.watchEvents,
		defaults: { name: 'Adobe I/O Events Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: adobeCredentials,
		eventTriggerDescription: 'Waiting for Adobe to deliver an event',
		triggerPanel,
		activationMessage: 'Adobe I/O Events will now deliver the chosen events to this workflow.',
		// One path per Options → Acknowledge mode, each with a static responseMode (see trigger/settings.ts
		// WEBHOOK_NAMES); the editor shows only the URLs of the chosen mode.
		// 'default' (whose webhookMethods create the Adobe registration) must come LAST: n8n registers a
		// node's webhooks one after another in this order and runs create() while registering 'default',
		// so every path Adobe's challenge may call (GET/POST of either mode) must already be live then.
		webhooks: [
			{
				name: 'setup',
				httpMethod: 'GET',
				responseMode: 'onReceived',
				path: 'webhook',
				ndvHideUrl: HIDE_WHEN_FINISHED,
			},
			{
				name: WEBHOOK_NAMES.whenFinished.setup,
				httpMethod: 'GET',
				responseMode: 'onReceived',
				path: 'webhook-finished',
				ndvHideUrl: HIDE_WHEN_QUEUED,
			},
			{
				name: WEBHOOK_NAMES.whenFinished.delivery,
				httpMethod: 'POST',
				responseMode: 'lastNode',
				responseData: 'noData',
				path: 'webhook-finished',
				ndvHideUrl: HIDE_WHEN_QUEUED,
			},
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				path: 'webhook',
				ndvHideUrl: HIDE_WHEN_FINISHED,
			},
		],
		properties: triggerProperties,
	};

	methods = {
		loadOptions: { getEventCodes },
		listSearch: { searchProviders, searchEventCodes },
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await checkExists.call(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await create.call(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await deleteRegistration.call(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await handleWebhook.call(this);
	}
}
