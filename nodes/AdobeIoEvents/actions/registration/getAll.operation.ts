import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { registrationsFor } from '../../registrations/client';
import { operationDescription, returnAllAndLimit } from '../common.descriptions';
import { getLimit } from '../utils';

export const description = operationDescription('registration', 'getAll', [
	{
		displayName: 'Scope',
		name: 'scope',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'This Workspace',
				value: 'workspace',
				description: 'Registrations of the project workspace set in the credential',
			},
			{
				name: 'Whole Organization',
				value: 'organization',
				description: 'Registrations of every project of the organization (paged)',
			},
		],
		default: 'workspace',
	},
	...returnAllAndLimit('registration', 'getAll'),
]);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const scope = this.getNodeParameter('scope', itemIndex, 'workspace') as string;
	const limit = getLimit.call(this, itemIndex);
	const registrations = await registrationsFor(this);
	return scope === 'organization'
		? await registrations.listOrganization(limit)
		: await registrations.list(limit);
}
