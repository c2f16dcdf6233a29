import type { INodeProperties } from 'n8n-workflow';

import type { ResourceOperations } from '../operation';
import * as getAll from './getAll.operation';

export const operations: ResourceOperations = { getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['vap'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many very attacked people',
				description: 'List the most attacked people in the TAP People API (50 requests a day)',
			},
		],
		default: 'getAll',
	},
	...getAll.description,
];
