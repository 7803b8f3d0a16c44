import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { adobeApiRequestAllItems } from '../../transport';
import { providerLocator, returnAllAndLimit } from '../common.descriptions';
import { getRequiredId, seg } from '../utils';
import { withDecodedTemplate } from './model';

const show = { resource: ['eventMetadata'], operation: ['getAll'] };

const properties: INodeProperties[] = [providerLocator, ...returnAllAndLimit(show)];

export const description = updateDisplayOptions({ show }, properties);

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
