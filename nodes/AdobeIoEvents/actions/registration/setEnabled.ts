import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { registrationsFor } from '../../registrations/client';
import { operationDescription, registrationLocator } from '../common.descriptions';
import { getRequiredId } from '../utils';

/**
 * Registration → Enable / Disable: sets `enabled` with a full PUT that keeps every other field of
 * the registration (one implementation for both operations).
 */
export function setEnabledOperation(operation: 'enable' | 'disable'): {
	description: INodeProperties[];
	execute: (this: IExecuteFunctions, itemIndex: number) => Promise<IDataObject>;
} {
	return {
		description: operationDescription('registration', operation, [registrationLocator]),
		async execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
			const registrationId = getRequiredId.call(this, 'registrationId', itemIndex, 'Registration');
			return await (
				await registrationsFor(this)
			).setEnabled(registrationId, operation === 'enable');
		},
	};
}
