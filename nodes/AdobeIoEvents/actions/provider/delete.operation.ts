import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { customProviderLocator, operationDescription } from '../common.descriptions';
import { getRequiredId } from '../utils';
import { writeCustomProvider } from './api';

export const description = operationDescription('provider', 'delete', [customProviderLocator]);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const providerId = getRequiredId.call(this, 'providerId', itemIndex, 'Provider');
	await writeCustomProvider.call(this, 'DELETE', [providerId]);
	return { deleted: true, providerId };
}
