import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as del from './delete.operation';
import * as deleteAll from './deleteAll.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';

export { create, del as delete, deleteAll, get, getAll, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['eventMetadata'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Declare an event type of a custom provider',
				action: 'Create an event type',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete an event type of a custom provider',
				action: 'Delete an event type',
			},
			{
				name: 'Delete All',
				value: 'deleteAll',
				description: 'Delete every event type of a custom provider',
				action: 'Delete all event types of a provider',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get an event type of a provider',
				action: 'Get an event type',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'Get many event types of a provider',
				action: 'Get many event types',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Change an event type, keeping the fields you do not change',
				action: 'Update an event type',
			},
		],
		default: 'getAll',
	},
	...create.description,
	...del.description,
	...deleteAll.description,
	...get.description,
	...getAll.description,
	...update.description,
];
