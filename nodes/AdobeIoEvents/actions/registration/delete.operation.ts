import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { adobeApiRequest, getAdobeContext, workspacePath } from '../../transport';
import { registrationLocator } from '../common.descriptions';
import { getRequiredId, seg } from '../utils';

const properties: INodeProperties[] = [registrationLocator];

const displayOptions = { show: { resource: ['registration'], operation: ['delete'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const registrationId = getRequiredId.call(this, 'registrationId', itemIndex, 'Registration');
	const context = await getAdobeContext.call(this);
	await adobeApiRequest.call(this, {
		method: 'DELETE',
		path: workspacePath(context, 'registrations', seg(registrationId)),
	});
	return { deleted: true, registrationId };
}
