import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { adobeApiRequest } from '../../transport';
import { eventCodeOption, providerLocator } from '../common.descriptions';
import { getRequiredId, seg } from '../utils';
import { withDecodedTemplate } from './model';

const properties: INodeProperties[] = [providerLocator, eventCodeOption];

const displayOptions = { show: { resource: ['eventMetadata'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function getEventMetadata(
	this: IExecuteFunctions,
	providerId: string,
	eventCode: string,
): Promise<IDataObject> {
	return (await adobeApiRequest.call(this, {
		method: 'GET',
		path: `/events/providers/${seg(providerId)}/eventmetadata/${seg(eventCode)}`,
	})) as IDataObject;
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const providerId = getRequiredId.call(this, 'providerId', itemIndex, 'Provider');
	const eventCode = getRequiredId.call(this, 'eventCode', itemIndex, 'Event type');
	return withDecodedTemplate(await getEventMetadata.call(this, providerId, eventCode));
}
