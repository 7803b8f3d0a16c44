import type { INodeProperties } from 'n8n-workflow';

import * as getEvents from './getEvents.operation';

export { getEvents };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['journal'] } },
		options: [
			{
				name: 'Get Events',
				value: 'getEvents',
				description: 'Read a batch of events of a registration from its journal, with the next position',
				action: 'Get events from the journal',
			},
		],
		default: 'getEvents',
	},
	...getEvents.description,
];
