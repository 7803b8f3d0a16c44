import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { adobeApiRequestAllItems, getAdobeContext } from '../../transport';
import { operationDescription, returnAllAndLimit } from '../common.descriptions';
import { getLimit, seg } from '../utils';

export const description = operationDescription('provider', 'getAll', [
	...returnAllAndLimit('provider', 'getAll'),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Include Event Types',
				name: 'includeEventTypes',
				type: 'boolean',
				default: false,
				description: 'Whether to include the event types (event metadata) of every provider',
			},
			{
				displayName: 'Instance ID',
				name: 'instanceId',
				type: 'string',
				default: '',
				description: 'Only the provider with this instance ID (needs exactly one provider metadata ID)',
			},
			{
				displayName: 'Provider Metadata IDs',
				name: 'providerMetadataIds',
				type: 'string',
				default: '',
				placeholder: 'e.g. 3rd_party_custom_events, aem',
				description: 'Only providers of these kinds, comma-separated (see resource Provider Metadata)',
			},
		],
	},
]);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const limit = getLimit.call(this, itemIndex);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;

	const metadataIds = String(filters.providerMetadataIds ?? '')
		.split(',')
		.map((id) => id.trim())
		.filter((id) => id !== '');
	const instanceId = String(filters.instanceId ?? '').trim();
	if (instanceId && metadataIds.length !== 1) {
		throw new NodeOperationError(this.getNode(), 'Instance ID needs exactly one provider metadata ID', {
			itemIndex,
			description: 'Adobe looks up an instance within one kind of provider: enter one provider metadata ID.',
		});
	}
	// Adobe wants providerMetadataIds repeated (?providerMetadataIds=a&providerMetadataIds=b),
	// so the query string is built here rather than left to the array format of the HTTP client.
	const query: string[] = [`eventmetadata=${filters.includeEventTypes === true}`];
	if (metadataIds.length === 1) {
		query.push(`providerMetadataId=${seg(metadataIds[0])}`);
		if (instanceId) query.push(`instanceId=${seg(instanceId)}`);
	} else {
		for (const id of metadataIds) query.push(`providerMetadataIds=${seg(id)}`);
	}

	const context = await getAdobeContext.call(this);
	return await adobeApiRequestAllItems.call(
		this,
		{ method: 'GET', path: `/events/${seg(context.consumerOrgId)}/providers?${query.join('&')}` },
		'providers',
		limit,
	);
}
