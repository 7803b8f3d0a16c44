import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { adobeApiRequestAllItems } from '../../transport';
import { operationDescription, returnAllAndLimit } from '../common.descriptions';
import { getLimit } from '../utils';

export const description = operationDescription(
	'providerMetadata',
	'getAll',
	returnAllAndLimit('providerMetadata', 'getAll'),
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const limit = getLimit.call(this, itemIndex);
	return await adobeApiRequestAllItems.call(
		this,
		{ method: 'GET', path: '/events/providermetadata' },
		'providermetadata',
		limit,
	);
}
