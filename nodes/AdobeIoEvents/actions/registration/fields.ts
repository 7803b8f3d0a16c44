/**
 * Fields that the Create and Update operations of a registration both offer (Create at the top level
 * or under "Additional Fields", Update under "Update Fields"); where their wording differs, the
 * caller passes the description. Each call returns a fresh object.
 */
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

export function awsAccountIdField(): INodeProperties {
	return {
		displayName: 'AWS Account ID',
		name: 'awsAccountId',
		type: 'string',
		default: '',
		placeholder: 'e.g. 123456789012',
		description: 'Amazon EventBridge only: the 12-digit AWS account ID',
	};
}

export function awsRegionField(): INodeProperties {
	return {
		displayName: 'AWS Region',
		name: 'awsRegion',
		type: 'string',
		default: '',
		placeholder: 'e.g. us-east-1',
		description: 'Amazon EventBridge only: the AWS region of the event bus',
	};
}

export function registrationDescriptionField(): INodeProperties {
	return {
		displayName: 'Description',
		name: 'description',
		type: 'string',
		typeOptions: { rows: 2 },
		default: '',
		description: 'Description of the registration (up to 5000 characters)',
	};
}

export function subscriberFilterNameField(): INodeProperties {
	return {
		displayName: 'Subscriber Filter Name',
		name: 'subscriberFilterName',
		type: 'string',
		default: '',
		description: 'Name of the subscriber filter (3 to 80 characters)',
	};
}

/** How Adobe delivers a registration's events (Adobe's `delivery_type`). */
const deliveryTypeOptions: INodePropertyOptions[] = [
	{
		name: 'Amazon EventBridge',
		value: 'aws_eventbridge',
		description: 'Deliver the events to an Amazon EventBridge event bus',
	},
	{
		name: 'Journal Only',
		value: 'journal',
		description: 'No push delivery: read the events from the journal (pull)',
	},
	{
		name: 'Webhook',
		value: 'webhook',
		description: 'Deliver each event to an HTTPS webhook',
	},
	{
		name: 'Webhook (Batch)',
		value: 'webhook_batch',
		description: 'Deliver events in batches (up to 20 events) to an HTTPS webhook',
	},
];

export function deliveryTypeField(description: string): INodeProperties {
	return {
		displayName: 'Delivery Type',
		name: 'deliveryType',
		type: 'options',
		options: deliveryTypeOptions,
		default: 'webhook',
		description,
	};
}

export function enabledField(description: string): INodeProperties {
	return {
		displayName: 'Enabled',
		name: 'enabled',
		type: 'boolean',
		default: true,
		description,
	};
}

export function registrationNameField(description: string): INodeProperties {
	return {
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		description,
	};
}

export function runtimeActionField(): INodeProperties {
	return {
		displayName: 'Runtime Action',
		name: 'runtimeAction',
		type: 'string',
		default: '',
		description: 'Adobe I/O Runtime action that receives the events instead of a webhook URL',
	};
}

/** The event-ruler pattern of the registration's one subscriber filter (JSON object). */
export function subscriberFilterField(description: string): INodeProperties {
	return {
		displayName: 'Subscriber Filter',
		name: 'subscriberFilter',
		type: 'json',
		default: '',
		description,
	};
}

export function webhookUrlField(description: string): INodeProperties {
	return {
		displayName: 'Webhook URL',
		name: 'webhookUrl',
		type: 'string',
		default: '',
		placeholder: 'e.g. https://example.com/webhook',
		description,
	};
}
