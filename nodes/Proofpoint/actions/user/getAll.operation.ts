import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { asBoolean, typedUser } from '../../helpers/coerce';
import { USER_OUTPUT } from '../../helpers/output';
import { optionsCollection, orgDomainField, returnAllAndLimit } from '../../parameters/fields';
import { outputFields } from '../../parameters/output';
import { readDomain, readLimit } from '../../parameters/read';
import { essentialsList } from '../../transport/essentials';
import type { CallOptions } from '../../transport/request';
import { forOperation } from '../descriptions';
import type { OperationOption } from '../operation';
import { userTypeOptions } from './fields';

export const option: OperationOption = {
	name: 'Get Many',
	action: 'Get many users',
	description: 'List the users of an organization',
	tool: "Lists an organization's users, one item per user (uid, primary_email, firstname, surname, type, is_active, is_billable, alias_emails), optionally only some types or active state. One Essentials request reads the whole list (the API does not page); the filters and Limit (default 50) apply to the output, Return All keeps every match.",
};

export const output = USER_OUTPUT;

export const description: INodeProperties[] = forOperation('user', 'getAll', [
	orgDomainField(),
	...returnAllAndLimit(),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Types',
				name: 'types',
				type: 'multiOptions',
				options: userTypeOptions,
				default: [],
				description: 'Only users of these types',
			},
			{
				displayName: 'Active State',
				name: 'active',
				type: 'options',
				options: [
					{ name: 'Active or Inactive', value: 'any' },
					{ name: 'Active Only', value: 'active' },
					{ name: 'Inactive Only', value: 'inactive' },
				],
				default: 'any',
			},
		],
	},
	...outputFields(output),
	optionsCollection(),
]);

interface Prepared {
	domain: string;
	limit: number | undefined;
	types: string[];
	active: string;
}

export function prepare(this: IExecuteFunctions, itemIndex: number): Prepared {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	return {
		domain: readDomain(this, itemIndex, 'domain', 'Organization Domain'),
		limit: readLimit(this, itemIndex),
		types: (filters.types as string[] | undefined) ?? [],
		active: (filters.active as string | undefined) ?? 'any',
	};
}

/** Whether a listed user passes the filters (the API has no filtering or paging of its own). */
export function matchesFilters(user: IDataObject, types: string[], active: string): boolean {
	if (types.length && !types.includes(user.type as string)) return false;
	if (active === 'any') return true;
	return asBoolean(user.is_active) === (active === 'active');
}

export async function run(this: IExecuteFunctions, { domain, limit, types, active }: Prepared, options: CallOptions) {
	const users = await essentialsList.call(
		this,
		{ method: 'GET', path: ['orgs', domain, 'users'], target: { org: domain } },
		'users',
		options,
	);
	// The list was parsed for this call alone, so it is filtered in place: 50,000 users allocate no second array.
	let kept = 0;
	for (let index = 0; index < users.length && (limit === undefined || kept < limit); index++) {
		if (matchesFilters(users[index], types, active)) users[kept++] = typedUser(users[index]);
	}
	users.length = kept;
	return users;
}
