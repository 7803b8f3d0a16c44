import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { registrationsFor } from '../../registrations/client';
import { operationDescription, registrationLocator } from '../common.descriptions';
import { getRequiredId } from '../utils';

export const description = operationDescription('registration', 'delete', [registrationLocator]);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const registrationId = getRequiredId.call(this, 'registrationId', itemIndex, 'Registration');
	await (await registrationsFor(this)).remove(registrationId, { mustExist: true });
	return { deleted: true, registrationId };
}
