import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { adobeApiRequest, getAdobeContext, workspacePath } from '../../transport';
import { registrationLocator } from '../common.descriptions';
import { getRequiredId, seg } from '../utils';

const properties: INodeProperties[] = [registrationLocator];

const displayOptions = { show: { resource: ['registration'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/** GET of one registration of the credential's workspace (shared by update/enable/disable/journal). */
export async function getRegistration(
	this: IExecuteFunctions,
	registrationId: string,
): Promise<IDataObject> {
	const context = await getAdobeContext.call(this);
	return (await adobeApiRequest.call(this, {
		method: 'GET',
		path: workspacePath(context, 'registrations', seg(registrationId)),
	})) as IDataObject;
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const registrationId = getRequiredId.call(this, 'registrationId', itemIndex, 'Registration');
	return await getRegistration.call(this, registrationId);
}
