import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import {
	customProviderLocator,
	eventCodeOption,
	operationDescription,
} from '../common.descriptions';
import { writeCustomProvider } from '../provider/api';
import { getRequiredId } from '../utils';

export const description = operationDescription('eventMetadata', 'delete', [
	customProviderLocator,
	eventCodeOption,
]);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const providerId = getRequiredId.call(this, 'providerId', itemIndex, 'Provider');
	const eventCode = getRequiredId.call(this, 'eventCode', itemIndex, 'Event type');
	await writeCustomProvider.call(this, 'DELETE', [providerId, 'eventmetadata', eventCode]);
	return { deleted: true, providerId, eventCode };
}
