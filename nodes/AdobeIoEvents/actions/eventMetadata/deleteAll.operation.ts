import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { customProviderLocator, operationDescription } from '../common.descriptions';
import { writeCustomProvider } from '../provider/api';
import { getRequiredId } from '../utils';

export const description = operationDescription('eventMetadata', 'deleteAll', [
	customProviderLocator,
]);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const providerId = getRequiredId.call(this, 'providerId', itemIndex, 'Provider');
	await writeCustomProvider.call(this, 'DELETE', [providerId, 'eventmetadata']);
	return { deleted: true, providerId, allEventTypes: true };
}
