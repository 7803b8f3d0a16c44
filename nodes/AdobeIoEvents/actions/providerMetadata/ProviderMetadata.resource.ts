import type { INodeProperties } from 'n8n-workflow';

import * as getAll from './getAll.operation';

export { getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['providerMetadata'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'Get many kinds of providers (provider metadata) the organization is entitled to',
				action: 'Get many provider metadata',
			},
		],
		default: 'getAll',
	},
	...getAll.description,
];
