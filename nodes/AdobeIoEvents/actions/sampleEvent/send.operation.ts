import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { adobeApiRequest } from '../../transport';
import {
	eventCodeOption,
	operationDescription,
	providerLocator,
	registrationLocator,
} from '../common.descriptions';
import { providerPath } from '../provider/api';
import { getRequiredId } from '../utils';

export const description = operationDescription('sampleEvent', 'send', [
	providerLocator,
	eventCodeOption,
	{ ...registrationLocator, description: 'The registration that receives the sample event' },
]);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const providerId = getRequiredId.call(this, 'providerId', itemIndex, 'Provider');
	const eventCode = getRequiredId.call(this, 'eventCode', itemIndex, 'Event type');
	const registrationId = getRequiredId.call(this, 'registrationId', itemIndex, 'Registration');
	const response = (await adobeApiRequest.call(this, {
		method: 'POST',
		path: providerPath(providerId, 'eventmetadata', eventCode, 'sample_event', registrationId),
		returnFullResponse: true,
	})) as { statusCode: number; body?: unknown };
	if (response.statusCode === 204) {
		throw new NodeOperationError(this.getNode(), 'Adobe does not support sample events for this event type', {
			itemIndex,
			level: 'warning',
			description: `Nothing was sent to registration ${registrationId}: event type "${eventCode}" has no sample event (Adobe answered 204).`,
		});
	}
	const result: IDataObject = { sent: true, statusCode: response.statusCode, providerId, eventCode, registrationId };
	if (response.body !== undefined && response.body !== '' && response.body !== null) {
		result.response = response.body as IDataObject;
	}
	return result;
}
