import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as del from './delete.operation';
import * as diagnose from './diagnose.operation';
import * as disable from './disable.operation';
import * as enable from './enable.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getDeliveryTraces from './getDeliveryTraces.operation';
import * as update from './update.operation';

export { create, del as delete, diagnose, disable, enable, get, getAll, getDeliveryTraces, update };

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
				name: 'Diagnose',
				value: 'diagnose',
				description:
					'Find out why events do not arrive: a verdict from the registration’s status and its delivery traces',
				action: 'Diagnose a registration',
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
				name: 'Get Delivery Traces',
				value: 'getDeliveryTraces',
				description:
					'Get the last deliveries Adobe made to the registration’s webhook, with the answers (Debug Tracing)',
				action: 'Get delivery traces of a registration',
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
	...diagnose.description,
	...disable.description,
	...enable.description,
	...get.description,
	...getAll.description,
	...getDeliveryTraces.description,
	...update.description,
];
