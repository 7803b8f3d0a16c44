import type { IDataObject, IExecuteFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { isRecord } from '../../shared/guards';
import { httpCodeOf } from '../../registrations/errors';

import { adobeApiRequest, getAdobeContext, workspacePath } from '../../transport';
import { updateFieldsCollection } from '../../shared/descriptions';
import {
	customProviderLocator,
	eventCodeOption,
	operationDescription,
} from '../common.descriptions';
import { getRequiredId, seg } from '../utils';
import { getEventMetadata } from './get.operation';
import { encodeSampleTemplate, validateLabels, withDecodedTemplate } from './model';

export const description = operationDescription('eventMetadata', 'update', [
	customProviderLocator,
	eventCodeOption,
	updateFieldsCollection([
		{
			displayName: 'Description',
			name: 'description',
			type: 'string',
			default: '',
			description: 'What the event means (1 to 255 characters)',
		},
		{
			displayName: 'Label',
			name: 'label',
			type: 'string',
			default: '',
			description: 'Name of the event type shown to subscribers',
		},
		{
			displayName: 'Sample Event Template',
			name: 'sampleEventTemplate',
			type: 'json',
			default: '{}',
			description: 'Example of the event data as JSON (sent to Adobe base64-encoded)',
		},
	]),
]);

/**
 * The sample template the event type has now, base64-encoded, so that a PUT which does not change
 * it keeps it. Adobe does not return the template with the event type, only a `rel:sample_event`
 * link to the sample (whose payload is the template).
 */
async function currentTemplate(
	this: IExecuteFunctions,
	providerId: string,
	eventCode: string,
	current: IDataObject,
): Promise<string | undefined> {
	if (typeof current.sample_event_template === 'string' && current.sample_event_template !== '') {
		return current.sample_event_template;
	}
	const links = isRecord<IDataObject>(current._links) ? current._links : {};
	if (!isRecord<IDataObject>(links['rel:sample_event'])) return undefined;
	let sample: IDataObject;
	try {
		sample = (await adobeApiRequest.call(this, {
			method: 'GET',
			path: `/events/providers/${seg(providerId)}/eventmetadata/${seg(eventCode)}/sample_event`,
		})) as IDataObject;
	} catch (error) {
		if (httpCodeOf(error) === '404') return undefined;
		throw new NodeApiError(this.getNode(), error as JsonObject);
	}
	const payload = sample.sample_payload;
	if (payload === undefined || payload === null || payload === '') return undefined;
	const text = typeof payload === 'string' ? payload : JSON.stringify(payload);
	return Buffer.from(text, 'utf8').toString('base64');
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const providerId = getRequiredId.call(this, 'providerId', itemIndex, 'Provider');
	const eventCode = getRequiredId.call(this, 'eventCode', itemIndex, 'Event type');
	const changes = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	if (Object.keys(changes).length === 0) {
		throw new NodeOperationError(this.getNode(), 'Nothing to update', {
			itemIndex,
			description: 'Add at least one field under Update Fields.',
		});
	}
	let template: string | undefined;
	if (changes.sampleEventTemplate !== undefined && changes.sampleEventTemplate !== '') {
		template = encodeSampleTemplate.call(this, changes.sampleEventTemplate, itemIndex);
	}

	// The PUT replaces the event type: start from what Adobe has now.
	const current = await getEventMetadata.call(this, providerId, eventCode);
	const body: IDataObject = {
		event_code: eventCode,
		label: changes.label !== undefined ? String(changes.label).trim() : current.label,
		description:
			changes.description !== undefined ? String(changes.description).trim() : current.description,
	};
	if (template !== undefined) body.sample_event_template = template;
	else {
		const kept = await currentTemplate.call(this, providerId, eventCode, current);
		if (kept !== undefined) body.sample_event_template = kept;
	}
	validateLabels.call(this, body, itemIndex);

	const context = await getAdobeContext.call(this);
	const updated = (await adobeApiRequest.call(this, {
		method: 'PUT',
		path: workspacePath(context, 'providers', seg(providerId), 'eventmetadata', seg(eventCode)),
		body,
	})) as IDataObject;
	return withDecodedTemplate(updated);
}
