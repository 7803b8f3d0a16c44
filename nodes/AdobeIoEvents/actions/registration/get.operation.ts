import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { registrationsFor } from '../../registrations/client';
import { registrationLocator } from '../common.descriptions';
import { getRequiredId } from '../utils';

const properties: INodeProperties[] = [registrationLocator];

const displayOptions = { show: { resource: ['registration'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const registrationId = getRequiredId.call(this, 'registrationId', itemIndex, 'Registration');
	return await (await registrationsFor(this)).get(registrationId);
}
