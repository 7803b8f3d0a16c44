import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { listEventMetadata } from '../../methods/eventCodes';
import { operationDescription, providerLocator, returnAllAndLimit } from '../common.descriptions';
import { getLimit, getRequiredId } from '../utils';
import { withDecodedTemplate } from './model';

export const description = operationDescription('eventMetadata', 'getAll', [
	providerLocator,
	...returnAllAndLimit('eventMetadata', 'getAll'),
]);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const providerId = getRequiredId.call(this, 'providerId', itemIndex, 'Provider');
	const limit = getLimit.call(this, itemIndex);
	const list = await listEventMetadata.call(this, providerId, limit);
	return list.map(withDecodedTemplate);
}
