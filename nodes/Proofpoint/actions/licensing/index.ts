import type { INodeProperties } from 'n8n-workflow';

import type { ResourceOperations } from '../operation';
import * as get from './get.operation';
import * as update from './update.operation';

export const operations: ResourceOperations = { get, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['licensing'] } },
		options: [
			{ name: 'Get', value: 'get', action: 'Get licensing', description: "Get an organization's license count and package" },
			{ name: 'Update', value: 'update', action: 'Update licensing', description: "Change an organization's license count or package" },
		],
		default: 'get',
	},
	...get.description,
	...update.description,
];
