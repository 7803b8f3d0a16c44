import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { adobeApiRequest } from '../../transport';
import { providerLocator } from '../common.descriptions';
import { getRequiredId, seg } from '../utils';

const properties: INodeProperties[] = [
	providerLocator,
	{
		displayName: 'Include Event Types',
		name: 'includeEventTypes',
		type: 'boolean',
		default: true,
		description: 'Whether to include the event types (event metadata) of the provider',
	},
];

const displayOptions = { show: { resource: ['provider'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function getProvider(
	this: IExecuteFunctions,
	providerId: string,
	includeEventTypes: boolean,
): Promise<IDataObject> {
	return (await adobeApiRequest.call(this, {
		method: 'GET',
		path: `/events/providers/${seg(providerId)}`,
		qs: { eventmetadata: includeEventTypes },
	})) as IDataObject;
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const providerId = getRequiredId.call(this, 'providerId', itemIndex, 'Provider');
	const includeEventTypes = this.getNodeParameter('includeEventTypes', itemIndex, true) as boolean;
	return await getProvider.call(this, providerId, includeEventTypes);
}
