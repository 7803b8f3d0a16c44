import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { adobeApiRequestAllItems } from '../../transport';
import { operationDescription, providerLocator, returnAllAndLimit } from '../common.descriptions';
import { getRequiredId, seg } from '../utils';
import { withDecodedTemplate } from './model';

export const description = operationDescription('eventMetadata', 'getAll', [
	providerLocator,
	...returnAllAndLimit('eventMetadata',
	'getAll'),
]);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const providerId = getRequiredId.call(this, 'providerId', itemIndex, 'Provider');
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll ? undefined : (this.getNodeParameter('limit', itemIndex, 50) as number);
	const list = await adobeApiRequestAllItems.call(
		this,
		{ method: 'GET', path: `/events/providers/${seg(providerId)}/eventmetadata` },
		'eventmetadata',
		limit,
	);
	return list.map(withDecodedTemplate);
}
