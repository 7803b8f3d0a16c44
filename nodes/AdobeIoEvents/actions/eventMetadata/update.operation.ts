import type { IDataObject, IExecuteFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { httpCodeOf } from '../../registrations/errors';
import { updateFieldsCollection } from '../../shared/descriptions';
import { isRecord } from '../../shared/guards';
import { adobeApiRequest } from '../../transport';
import {
	customProviderLocator,
	eventCodeOption,
	operationDescription,
} from '../common.descriptions';
import { providerPath, writeCustomProvider } from '../provider/api';
import { getRequiredId, getUpdateFields, isUnsetJson } from '../utils';
import { eventTypeDescriptionField, eventTypeLabelField, sampleEventTemplateField } from './fields';
import { getEventMetadata } from './get.operation';
import { encodeSampleTemplate, validateLabels, withDecodedTemplate } from './model';

export const description = operationDescription('eventMetadata', 'update', [
	customProviderLocator,
	eventCodeOption,
	updateFieldsCollection([
		eventTypeDescriptionField(),
		eventTypeLabelField(),
		sampleEventTemplateField('Example of the event data as JSON (sent to Adobe base64-encoded)'),
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
			path: providerPath(providerId, 'eventmetadata', eventCode, 'sample_event'),
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
	const changes = getUpdateFields.call(this, itemIndex);
	let template: string | undefined;
	if (!isUnsetJson(changes.sampleEventTemplate)) {
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

	const updated = await writeCustomProvider.call(
		this,
		'PUT',
		[providerId, 'eventmetadata', eventCode],
		body,
	);
	return withDecodedTemplate(updated);
}
