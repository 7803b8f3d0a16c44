/**
 * Reading the trigger's parameters in hook and webhook contexts — the one reader of both layouts
 * (trigger/description.ts): typeVersion 1 and 1.1 keep Delivery and Signature Check on the first
 * screen, 2 keeps them under Options. Same names, same values; `layoutSetting` picks the place.
 */
import {
	NodeOperationError,
	type IDataObject,
	type IHookFunctions,
	type WebhookType,
	type IWebhookFunctions,
} from 'n8n-workflow';

import { PROVIDER_ID_HINT, PROVIDER_ID_PATTERN } from '../shared/descriptions';
import {
	OPTIONS_LAYOUT_VERSION,
	type MOVED_TO_OPTIONS,
	type DeliveryType,
	type SignatureCheck,
} from './description';
import { outputModeOf, type OutputMode } from '../webhook/output';
import {
	normaliseSubscriberFilter,
	registrationDescription,
	registrationName,
	type TriggerSettings,
} from './registration';

const EVENT_CODE_PATTERN = /^[\w.:-]{1,255}$/;

/** The settings whose place depends on the typeVersion. */
type LayoutSetting = (typeof MOVED_TO_OPTIONS)[number];

/**
 * A setting of the first screen (typeVersion 1, 1.1) or of Options (2 and later), from the already
 * read `options`. Reads only static parameters: safe on the delivery hot path.
 */
function layoutSetting(
	fn: IHookFunctions | IWebhookFunctions,
	options: IDataObject,
	name: LayoutSetting,
	fallback: string,
): unknown {
	if (fn.getNode().typeVersion >= OPTIONS_LAYOUT_VERSION) return options[name] ?? fallback;
	return fn.getNodeParameter(name, fallback);
}

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
	const options = this.getNodeParameter('options', {}) as IDataObject;
	const deliveryType =
		layoutSetting(this, options, 'deliveryType', 'webhook') === 'webhook_batch'
			? 'webhook_batch'
			: 'webhook';
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
	const options = this.getNodeParameter('options', {}) as IDataObject;
	const check = layoutSetting(this, options, 'signatureCheck', 'digital');
	const signatureCheck: SignatureCheck =
		check === 'hmac' || check === 'either' || check === 'none' ? check : 'digital';
	const output = outputModeOf(this.getNodeParameter('output', 'full'));
	return {
		signatureCheck,
		output,
		dedupe: options.dedupe !== false,
		includeDeliveryMetadata: options.includeDeliveryMetadata === true,
		acceptUnaddressed: options.acceptUnaddressed === true,
	};
}
