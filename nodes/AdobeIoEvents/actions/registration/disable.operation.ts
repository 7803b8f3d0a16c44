import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { registrationLocator } from '../common.descriptions';
import { getRequiredId } from '../utils';
import { getRegistration } from './get.operation';
import { toUpdateModel } from './model';
import { putRegistration } from './update.operation';

const properties: INodeProperties[] = [registrationLocator];

const displayOptions = { show: { resource: ['registration'], operation: ['disable'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/** Sets `enabled: false` with a full PUT that keeps every other field of the registration. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const registrationId = getRequiredId.call(this, 'registrationId', itemIndex, 'Registration');
	const current = await getRegistration.call(this, registrationId);
	const model = toUpdateModel(current);
	model.enabled = false;
	return await putRegistration.call(this, registrationId, model);
}
