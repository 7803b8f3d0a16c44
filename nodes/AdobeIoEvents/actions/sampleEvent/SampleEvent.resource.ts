import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as send from './send.operation';

export { get, send };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['sampleEvent'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description: 'Get the sample event of an event type',
				action: 'Get a sample event',
			},
			{
				name: 'Send',
				value: 'send',
				description: 'Send the sample event of an event type to a registration (to test it)',
				action: 'Send a sample event to a registration',
			},
		],
		default: 'get',
	},
	...get.description,
	...send.description,
];
