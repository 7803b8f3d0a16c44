import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { adobeApiRequestAllItems } from '../../transport';
import { operationDescription, returnAllAndLimit } from '../common.descriptions';

export const description = operationDescription('providerMetadata', 'getAll', [
	...returnAllAndLimit('providerMetadata',
	'getAll'),
]);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll ? undefined : (this.getNodeParameter('limit', itemIndex, 50) as number);
	return await adobeApiRequestAllItems.call(
		this,
		{ method: 'GET', path: '/events/providermetadata' },
		'providermetadata',
		limit,
	);
}
