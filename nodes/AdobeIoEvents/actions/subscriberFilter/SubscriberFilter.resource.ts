import type { INodeProperties } from 'n8n-workflow';

import * as validate from './validate.operation';

export { validate };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['subscriberFilter'] } },
		options: [
			{
				name: 'Validate',
				value: 'validate',
				description: 'Check a subscriber filter with Adobe before using it on a registration',
				action: 'Validate a subscriber filter',
			},
		],
		default: 'validate',
	},
	...validate.description,
];
