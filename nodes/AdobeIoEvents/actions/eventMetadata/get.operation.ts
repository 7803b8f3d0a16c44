import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { adobeApiRequest } from '../../transport';
import { eventCodeOption, operationDescription, providerLocator } from '../common.descriptions';
import { providerPath } from '../provider/api';
import { getRequiredId } from '../utils';
import { withDecodedTemplate } from './model';

export const description = operationDescription('eventMetadata', 'get', [
	providerLocator,
	eventCodeOption,
]);

export async function getEventMetadata(
	this: IExecuteFunctions,
	providerId: string,
	eventCode: string,
): Promise<IDataObject> {
	return (await adobeApiRequest.call(this, {
		method: 'GET',
		path: providerPath(providerId, 'eventmetadata', eventCode),
	})) as IDataObject;
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const providerId = getRequiredId.call(this, 'providerId', itemIndex, 'Provider');
	const eventCode = getRequiredId.call(this, 'eventCode', itemIndex, 'Event type');
	return withDecodedTemplate(await getEventMetadata.call(this, providerId, eventCode));
}
