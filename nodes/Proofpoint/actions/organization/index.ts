import type { INodeProperties } from 'n8n-workflow';

import type { ResourceOperations } from '../operation';
import * as create from './create.operation';
import * as del from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';
import * as updatePackage from './updatePackage.operation';

export const operations: ResourceOperations = { create, delete: del, get, getAll, update, updatePackage };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['organization'] } },
		options: [
			{ name: 'Create', value: 'create', action: 'Create an organization', description: 'Create a child organization of a partner' },
			{ name: 'Delete', value: 'delete', action: 'Delete an organization', description: 'Delete a child organization with its users and domains' },
			{ name: 'Get', value: 'get', action: 'Get an organization', description: 'Get an organization with its domains and package' },
			{ name: 'Get Many', value: 'getAll', action: 'Get many organizations', description: 'List the child organizations of a partner' },
			{ name: 'Update', value: 'update', action: 'Update an organization', description: "Change an organization's details" },
			{ name: 'Update Package', value: 'updatePackage', action: 'Update an organization package', description: "Change an organization's licensing package" },
		],
		default: 'get',
	},
	...create.description,
	...del.description,
	...get.description,
	...getAll.description,
	...update.description,
	...updatePackage.description,
];
