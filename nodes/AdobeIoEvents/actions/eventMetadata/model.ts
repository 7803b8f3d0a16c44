import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { SAMPLE_TEMPLATE_MAX_BASE64, parseJsonValue } from '../utils';

const EVENT_CODE = /^[\w\-.]+$/;

export function validateEventCode(this: IExecuteFunctions, eventCode: string, itemIndex: number): void {
	if (!eventCode || eventCode.length > 255 || !EVENT_CODE.test(eventCode)) {
		throw new NodeOperationError(this.getNode(), `"${eventCode}" is not a valid event code`, {
			itemIndex,
			description:
				'Use 1 to 255 letters, digits, dots, dashes or underscores, ideally reverse-DNS, e.g. com.example.order.created.',
		});
	}
}

export function validateLabels(this: IExecuteFunctions, model: IDataObject, itemIndex: number): void {
	for (const field of ['label', 'description'] as const) {
		const value = String(model[field] ?? '');
		if (value.length < 1 || value.length > 255) {
			throw new NodeOperationError(this.getNode(), `The event type ${field} must have 1 to 255 characters`, {
				itemIndex,
				description: value.length ? `It has ${value.length} characters.` : `Enter a ${field}.`,
			});
		}
	}
}

/**
 * The sample event template: typed as JSON, sent to Adobe base64-encoded (as its API requires).
 */
export function encodeSampleTemplate(
	this: IExecuteFunctions,
	value: unknown,
	itemIndex: number,
): string {
	const template = parseJsonValue.call(this, value, 'Sample Event Template', itemIndex, 'object');
	const encoded = Buffer.from(JSON.stringify(template), 'utf8').toString('base64');
	if (encoded.length > SAMPLE_TEMPLATE_MAX_BASE64) {
		throw new NodeOperationError(this.getNode(), 'The sample event template is too large', {
			itemIndex,
			description: `Adobe accepts at most ${SAMPLE_TEMPLATE_MAX_BASE64} base64 characters (about 64 KB of JSON); this one needs ${encoded.length}.`,
		});
	}
	return encoded;
}

/** Adds a decoded copy of a base64 sample template to what Adobe returned (tolerant). */
export function withDecodedTemplate(eventMetadata: IDataObject): IDataObject {
	const encoded = eventMetadata.sample_event_template;
	if (typeof encoded !== 'string' || encoded === '') return eventMetadata;
	try {
		const decoded = JSON.parse(Buffer.from(encoded, 'base64').toString('utf8')) as unknown;
		return { ...eventMetadata, sample_event_template_json: decoded as IDataObject };
	} catch {
		return eventMetadata;
	}
}
