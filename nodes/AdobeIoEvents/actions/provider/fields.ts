/**
 * Fields of a custom provider that the Create and Update operations offer in the same form (Create
 * makes the label required, see `requiredWithExample`). Each call returns a fresh object.
 */
import type { INodeProperties } from 'n8n-workflow';

export function providerLabelField(): INodeProperties {
	return {
		displayName: 'Label',
		name: 'label',
		type: 'string',
		default: '',
		description: 'Name of the provider shown in the Adobe Developer Console',
	};
}

export function providerDescriptionField(): INodeProperties {
	return {
		displayName: 'Description',
		name: 'description',
		type: 'string',
		default: '',
		description: 'Description of the provider (up to 255 characters)',
	};
}

export function providerDocsUrlField(): INodeProperties {
	return {
		displayName: 'Documentation URL',
		name: 'docsUrl',
		type: 'string',
		default: '',
		placeholder: 'e.g. https://example.com/docs/events',
		description: 'Where subscribers can read about the events of this provider',
	};
}
