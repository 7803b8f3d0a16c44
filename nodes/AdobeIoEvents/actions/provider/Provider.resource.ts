import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as del from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';

export { create, del as delete, get, getAll, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['provider'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Create a custom events provider to publish your own events',
				action: 'Create a provider',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete a custom events provider',
				action: 'Delete a provider',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get a provider with its event types',
				action: 'Get a provider',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'Get many providers the organization is entitled to',
				action: 'Get many providers',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Change the label, description or documentation URL of a custom provider',
				action: 'Update a provider',
			},
		],
		default: 'getAll',
	},
	...create.description,
	...del.description,
	...get.description,
	...getAll.description,
	...update.description,
];
