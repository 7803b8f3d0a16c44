import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { adobeApiRequest } from '../../transport';
import { operationDescription, providerLocator } from '../common.descriptions';
import { getRequiredId } from '../utils';
import { providerPath } from './api';

export const description = operationDescription('provider', 'get', [
	providerLocator,
	{
		displayName: 'Include Event Types',
		name: 'includeEventTypes',
		type: 'boolean',
		default: true,
		description: 'Whether to include the event types (event metadata) of the provider',
	},
]);

export async function getProvider(
	this: IExecuteFunctions,
	providerId: string,
	includeEventTypes: boolean,
): Promise<IDataObject> {
	return (await adobeApiRequest.call(this, {
		method: 'GET',
		path: providerPath(providerId),
		qs: { eventmetadata: includeEventTypes },
	})) as IDataObject;
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const providerId = getRequiredId.call(this, 'providerId', itemIndex, 'Provider');
	const includeEventTypes = this.getNodeParameter('includeEventTypes', itemIndex, true) as boolean;
	return await getProvider.call(this, providerId, includeEventTypes);
}
