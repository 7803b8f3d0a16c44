import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { adobeApiRequestAllItems } from '../../transport';
import { returnAllAndLimit } from '../common.descriptions';

const show = { resource: ['providerMetadata'], operation: ['getAll'] };

const properties: INodeProperties[] = [...returnAllAndLimit(show)];

export const description = updateDisplayOptions({ show }, properties);

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
