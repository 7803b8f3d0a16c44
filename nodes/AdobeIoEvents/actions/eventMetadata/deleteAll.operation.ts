import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { adobeApiRequest, getAdobeContext, workspacePath } from '../../transport';
import { customProviderLocator, operationDescription } from '../common.descriptions';
import { getRequiredId, seg } from '../utils';

export const description = operationDescription('eventMetadata', 'deleteAll', [
	customProviderLocator,
]);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const providerId = getRequiredId.call(this, 'providerId', itemIndex, 'Provider');
	const context = await getAdobeContext.call(this);
	await adobeApiRequest.call(this, {
		method: 'DELETE',
		path: workspacePath(context, 'providers', seg(providerId), 'eventmetadata'),
	});
	return { deleted: true, providerId, allEventTypes: true };
}
