import type { INodeProperties } from 'n8n-workflow';

import type { ResourceOperations } from '../operation';
import * as create from './create.operation';
import * as del from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as markFunctionalAccounts from './markFunctionalAccounts.operation';
import * as update from './update.operation';

export const operations: ResourceOperations = { create, delete: del, get, getAll, markFunctionalAccounts, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['user'] } },
		options: [
			{ name: 'Create', value: 'create', action: 'Create a user', description: 'Add a user to an organization' },
			{ name: 'Delete', value: 'delete', action: 'Delete a user', description: 'Remove a user from an organization' },
			{ name: 'Get', value: 'get', action: 'Get a user', description: 'Get a user by primary email' },
			{ name: 'Get Many', value: 'getAll', action: 'Get many users', description: 'List the users of an organization' },
			{
				name: 'Mark Functional Accounts From HR List',
				value: 'markFunctionalAccounts',
				action: 'Mark functional accounts from an HR list',
				description: 'Users no active employee owns stop consuming licenses: previewable, bounded, idempotent',
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update a user',
				description: 'Change type (e.g. functional account), state, names, aliases or sender lists',
			},
		],
		default: 'get',
	},
	...create.description,
	...del.description,
	...get.description,
	...getAll.description,
	...markFunctionalAccounts.description,
	...update.description,
];
