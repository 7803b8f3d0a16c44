/**
 * Fields of an event type that the Create and Update operations offer in the same form (Create makes
 * label and description required, see `requiredWithExample`). Each call returns a fresh object.
 */
import type { INodeProperties } from 'n8n-workflow';

export function eventTypeLabelField(): INodeProperties {
	return {
		displayName: 'Label',
		name: 'label',
		type: 'string',
		default: '',
		description: 'Name of the event type shown to subscribers',
	};
}

export function eventTypeDescriptionField(): INodeProperties {
	return {
		displayName: 'Description',
		name: 'description',
		type: 'string',
		default: '',
		description: 'What the event means (1 to 255 characters)',
	};
}

/** The sample event template (JSON, sent base64-encoded: see `encodeSampleTemplate`). */
export function sampleEventTemplateField(description: string): INodeProperties {
	return {
		displayName: 'Sample Event Template',
		name: 'sampleEventTemplate',
		type: 'json',
		default: '{}',
		description,
	};
}
