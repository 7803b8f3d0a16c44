/**
 * Reading the trigger's parameters in hook and webhook contexts.
 */
import {
	NodeOperationError,
	type IDataObject,
	type IHookFunctions,
	type WebhookType,
	type IWebhookFunctions,
} from 'n8n-workflow';

import { PROVIDER_ID_HINT, PROVIDER_ID_PATTERN } from '../shared/descriptions';
import type { DeliveryType, OutputMode, SignatureCheck } from './description';
import {
	normaliseSubscriberFilter,
	registrationDescription,
	registrationName,
	type TriggerSettings,
} from './registration';

const EVENT_CODE_PATTERN = /^[\w.:-]{1,255}$/;

function toCodeList(value: unknown): string[] {
	const raw = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [];
	const codes = raw.map((v) => String(v).trim()).filter((v) => v.length > 0);
	return [...new Set(codes)];
}

/** Everything the lifecycle needs; throws NodeOperationError for unusable parameters. */
export function readTriggerSettings(this: IHookFunctions): TriggerSettings {
	const node = this.getNode();
	const providerId = String(
		this.getNodeParameter('providerId', '', { extractValue: true }) ?? '',
	).trim();
	if (!providerId) {
		throw new NodeOperationError(node, 'Choose a provider', {
			description: 'Pick the events provider in the "Provider" parameter (or enter its ID).',
		});
	}
	if (!PROVIDER_ID_PATTERN.test(providerId)) {
		throw new NodeOperationError(node, `"${providerId.slice(0, 80)}" is not a provider ID`, {
			description: `${PROVIDER_ID_HINT}. Pick the provider From List, or copy its ID from the Adobe I/O Events node (Provider → Get Many).`,
		});
	}
	const eventCodes = toCodeList(this.getNodeParameter('eventCodes', []));
	if (eventCodes.length === 0) {
		throw new NodeOperationError(node, 'Choose at least one event type', {
			description: 'Pick the event types to watch in "Event Type Names or IDs".',
		});
	}
	const invalid = eventCodes.find((code) => !EVENT_CODE_PATTERN.test(code));
	if (invalid !== undefined) {
		throw new NodeOperationError(node, `"${invalid.slice(0, 80)}" is not a valid event type code`, {
			description: 'Event codes look like com.example.order.created (letters, digits, . _ - :).',
		});
	}
	const deliveryType =
		this.getNodeParameter('deliveryType', 'webhook') === 'webhook_batch'
			? 'webhook_batch'
			: 'webhook';
	const options = this.getNodeParameter('options', {}) as IDataObject;
	const filter = normaliseSubscriberFilter(options.subscriberFilter);
	if (!filter.ok) {
		throw new NodeOperationError(node, filter.reason, {
			description: 'Fix or clear Options → Subscriber Filter (JSON).',
		});
	}
	const workflow = this.getWorkflow();
	const naming = {
		workflowId: String(workflow.id ?? ''),
		workflowName: String(workflow.name ?? ''),
		nodeName: node.name,
		isTest: this.getMode() === 'manual',
		customName: typeof options.registrationName === 'string' ? options.registrationName : undefined,
		customDescription:
			typeof options.registrationDescription === 'string'
				? options.registrationDescription
				: undefined,
	};
	return {
		providerId,
		eventCodes,
		deliveryType: deliveryType as DeliveryType,
		name: registrationName(naming),
		description: registrationDescription(naming),
		subscriberFilter: filter.value,
	};
}

/**
 * Each Acknowledge mode has its own webhook path (a static responseMode each: a responseMode written
 * as an expression would be evaluated by n8n on every request). The registration points at the
 * path of the chosen mode; the lifecycle moves it when the option changes.
 */
export const WEBHOOK_NAMES: Record<
	'whenQueued' | 'whenFinished',
	{ setup: WebhookType; delivery: WebhookType }
> = {
	whenQueued: { setup: 'setup', delivery: 'default' },
	// n8n-workflow types webhook names as 'default' | 'setup' only; n8n itself treats a name as an
	// opaque key (webhookMethods[name], getNodeWebhookUrl(name)), so further names work on 1.x and 2.x.
	whenFinished: {
		setup: 'setupWhenFinished' as WebhookType,
		delivery: 'whenFinished' as WebhookType,
	},
};
export type AcknowledgeMode = keyof typeof WEBHOOK_NAMES;

/** The Acknowledge option (hooks only: webhook() knows its mode from the webhook it was called on). */
export function readAcknowledgeMode(this: IHookFunctions): AcknowledgeMode {
	const options = this.getNodeParameter('options', {}) as IDataObject;
	return options.acknowledge === 'whenFinished' ? 'whenFinished' : 'whenQueued';
}

export interface DeliverySettings {
	signatureCheck: SignatureCheck;
	output: OutputMode;
	dedupe: boolean;
	includeDeliveryMetadata: boolean;
	/** Options → Accept Events Without a Recipient (legacy) */
	acceptUnaddressed: boolean;
}

export function readDeliverySettings(this: IWebhookFunctions): DeliverySettings {
	const check = this.getNodeParameter('signatureCheck', 'digital') as string;
	const signatureCheck: SignatureCheck =
		check === 'hmac' || check === 'either' || check === 'none' ? check : 'digital';
	const output: OutputMode = this.getNodeParameter('output', 'full') === 'data' ? 'data' : 'full';
	const options = this.getNodeParameter('options', {}) as IDataObject;
	return {
		signatureCheck,
		output,
		dedupe: options.dedupe !== false,
		includeDeliveryMetadata: options.includeDeliveryMetadata === true,
		acceptUnaddressed: options.acceptUnaddressed === true,
	};
}
