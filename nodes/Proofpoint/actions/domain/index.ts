import type { INodeProperties } from 'n8n-workflow';

import type { ResourceOperations } from '../operation';
import * as create from './create.operation';
import * as del from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';

export const operations: ResourceOperations = { create, delete: del, get, getAll, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['domain'] } },
		options: [
			{ name: 'Create', value: 'create', action: 'Create a domain', description: 'Add a domain to an organization' },
			{ name: 'Delete', value: 'delete', action: 'Delete a domain', description: 'Remove a domain from an organization' },
			{ name: 'Get', value: 'get', action: 'Get a domain', description: 'Get the delivery settings of a domain' },
			{ name: 'Get Many', value: 'getAll', action: 'Get many domains', description: 'List the domains of an organization' },
			{ name: 'Update', value: 'update', action: 'Update a domain', description: 'Change delivery settings of a domain' },
		],
		default: 'get',
	},
	...create.description,
	...del.description,
	...get.description,
	...getAll.description,
	...update.description,
];
