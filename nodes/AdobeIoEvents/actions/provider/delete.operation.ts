import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { adobeApiRequest, getAdobeContext, workspacePath } from '../../transport';
import { customProviderLocator } from '../common.descriptions';
import { getRequiredId, seg } from '../utils';

const properties: INodeProperties[] = [customProviderLocator];

const displayOptions = { show: { resource: ['provider'], operation: ['delete'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const providerId = getRequiredId.call(this, 'providerId', itemIndex, 'Provider');
	const context = await getAdobeContext.call(this);
	await adobeApiRequest.call(this, {
		method: 'DELETE',
		path: workspacePath(context, 'providers', seg(providerId)),
	});
	return { deleted: true, providerId };
}
