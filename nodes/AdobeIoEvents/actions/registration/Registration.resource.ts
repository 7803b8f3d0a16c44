import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as del from './delete.operation';
import * as disable from './disable.operation';
import * as enable from './enable.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';

export { create, del as delete, disable, enable, get, getAll, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['registration'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Subscribe a webhook, journal or EventBridge to event types',
				action: 'Create a registration',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete a registration',
				action: 'Delete a registration',
			},
			{
				name: 'Disable',
				value: 'disable',
				description: 'Stop delivering events to a registration (keeps everything else)',
				action: 'Disable a registration',
			},
			{
				name: 'Enable',
				value: 'enable',
				description: 'Resume delivering events to a registration (keeps everything else)',
				action: 'Enable a registration',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get a registration with its status and journal link',
				action: 'Get a registration',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'Get many registrations of the workspace or the whole organization',
				action: 'Get many registrations',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Change a registration, keeping the fields you do not change',
				action: 'Update a registration',
			},
		],
		default: 'getAll',
	},
	...create.description,
	...del.description,
	...disable.description,
	...enable.description,
	...get.description,
	...getAll.description,
	...update.description,
];
