import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { adobeApiRequest, getAdobeContext, workspacePath } from '../../transport';
import {
	customProviderLocator,
	eventCodeOption,
	operationDescription,
} from '../common.descriptions';
import { getRequiredId, seg } from '../utils';

export const description = operationDescription('eventMetadata', 'delete', [
	customProviderLocator,
	eventCodeOption,
]);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const providerId = getRequiredId.call(this, 'providerId', itemIndex, 'Provider');
	const eventCode = getRequiredId.call(this, 'eventCode', itemIndex, 'Event type');
	const context = await getAdobeContext.call(this);
	await adobeApiRequest.call(this, {
		method: 'DELETE',
		path: workspacePath(context, 'providers', seg(providerId), 'eventmetadata', seg(eventCode)),
	});
	return { deleted: true, providerId, eventCode };
}
