import type { INodeProperties } from 'n8n-workflow';

import type { ResourceOperations } from '../operation';
import * as get from './get.operation';

export const operations: ResourceOperations = { get };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['endpoint'] } },
		options: [
			{ name: 'Get', value: 'get', action: 'Get the stack of an organization', description: 'Find which Proofpoint Essentials stack hosts a domain' },
		],
		default: 'get',
	},
	...get.description,
];
