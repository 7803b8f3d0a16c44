import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { adobeApiRequest, getAdobeContext, workspacePath } from '../../transport';
import { additionalFieldsCollection } from '../../shared/descriptions';
import { customProviderLocator, operationDescription } from '../common.descriptions';
import { getRequiredId, getString, seg } from '../utils';
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
	{
		displayName: 'Label',
		name: 'label',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Order created',
		description: 'Name of the event type shown to subscribers',
	},
	{
		displayName: 'Description',
		name: 'description',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. A customer placed an order',
		description: 'What the event means (1 to 255 characters)',
	},
	additionalFieldsCollection([
		{
			displayName: 'Sample Event Template',
			name: 'sampleEventTemplate',
			type: 'json',
			default: '{}',
			description:
				'Example of the event data as JSON, shown to subscribers (sent to Adobe base64-encoded)',
		},
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
	if (additional.sampleEventTemplate !== undefined && additional.sampleEventTemplate !== '') {
		body.sample_event_template = encodeSampleTemplate.call(this, additional.sampleEventTemplate, itemIndex);
	}

	const context = await getAdobeContext.call(this);
	const created = (await adobeApiRequest.call(this, {
		method: 'POST',
		path: workspacePath(context, 'providers', seg(providerId), 'eventmetadata'),
		body,
	})) as IDataObject;
	return withDecodedTemplate(created);
}
