import type { INodeProperties } from 'n8n-workflow';

import * as publish from './publish.operation';

export { publish };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['event'] } },
		options: [
			{
				name: 'Publish',
				value: 'publish',
				description: 'Publish a CloudEvent from your custom provider to its subscribers',
				action: 'Publish an event',
			},
		],
		default: 'publish',
	},
	...publish.description,
];
