import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { adobeApiRequestAllItems, getAdobeContext, workspacePath } from '../../transport';
import { returnAllAndLimit } from '../common.descriptions';
import { seg } from '../utils';

/** Adobe's maximum page size for the organization-wide list. */
export const ORG_PAGE_SIZE = 100;

const show = { resource: ['registration'], operation: ['getAll'] };

const properties: INodeProperties[] = [
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
	...returnAllAndLimit(show),
];

export const description = updateDisplayOptions({ show }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const scope = this.getNodeParameter('scope', itemIndex, 'workspace') as string;
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll ? undefined : (this.getNodeParameter('limit', itemIndex, 50) as number);
	const context = await getAdobeContext.call(this);

	if (scope === 'organization') {
		const size = limit === undefined ? ORG_PAGE_SIZE : Math.min(Math.max(limit, 1), ORG_PAGE_SIZE);
		return await adobeApiRequestAllItems.call(
			this,
			{
				method: 'GET',
				path: `/events/${seg(context.consumerOrgId)}/registrations`,
				qs: { page: 0, size },
			},
			'registrations',
			limit,
		);
	}
	return await adobeApiRequestAllItems.call(
		this,
		{ method: 'GET', path: workspacePath(context, 'registrations') },
		'registrations',
		limit,
	);
}
