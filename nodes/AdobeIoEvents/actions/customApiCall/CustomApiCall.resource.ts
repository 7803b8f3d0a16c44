import type { INodeProperties } from 'n8n-workflow';

import * as request from './request.operation';

export { request };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['customApiCall'] } },
		options: [
			{
				name: 'Make a Request',
				value: 'request',
				description: 'Call any path of the Adobe I/O Events API with authentication added',
				action: 'Make an API request',
			},
		],
		default: 'request',
	},
	...request.description,
];
