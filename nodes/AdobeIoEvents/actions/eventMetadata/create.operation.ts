import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { additionalFieldsCollection } from '../../shared/descriptions';
import {
	customProviderLocator,
	operationDescription,
	requiredWithExample,
} from '../common.descriptions';
import { writeCustomProvider } from '../provider/api';
import { getRequiredId, getString, isUnsetJson } from '../utils';
import { eventTypeDescriptionField, eventTypeLabelField, sampleEventTemplateField } from './fields';
import {
	encodeSampleTemplate,
	validateEventCode,
	validateLabels,
	withDecodedTemplate,
} from './model';

export const description = operationDescription('eventMetadata', 'create', [
	customProviderLocator,
	{
		displayName: 'Event Code',
		name: 'eventCode',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. com.example.order.created',
		description: 'Unique code of the event type; it becomes the CloudEvents "type" of published events',
	},
	requiredWithExample(eventTypeLabelField(), 'e.g. Order created'),
	requiredWithExample(eventTypeDescriptionField(), 'e.g. A customer placed an order'),
	additionalFieldsCollection([
		sampleEventTemplateField(
			'Example of the event data as JSON, shown to subscribers (sent to Adobe base64-encoded)',
		),
	]),
]);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const providerId = getRequiredId.call(this, 'providerId', itemIndex, 'Provider');
	const eventCode = getString.call(this, 'eventCode', itemIndex);
	validateEventCode.call(this, eventCode, itemIndex);
	const body: IDataObject = {
		event_code: eventCode,
		label: getString.call(this, 'label', itemIndex),
		description: getString.call(this, 'description', itemIndex),
	};
	validateLabels.call(this, body, itemIndex);
	const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	if (!isUnsetJson(additional.sampleEventTemplate)) {
		body.sample_event_template = encodeSampleTemplate.call(this, additional.sampleEventTemplate, itemIndex);
	}

	const created = await writeCustomProvider.call(this, 'POST', [providerId, 'eventmetadata'], body);
	return withDecodedTemplate(created);
}
