/**
 * Fields that the Create and Update operations of a registration offer in the same form
 * (in their "Additional Fields" / "Update Fields" collections). Each call returns a fresh object.
 */
import type { INodeProperties } from 'n8n-workflow';

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
