import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { typedUser } from '../../helpers/coerce';
import { optionsCollection, orgDomainField, userEmailField } from '../../parameters/fields';
import { essentialsObject } from '../../transport/essentials';
import type { CallOptions } from '../../transport/request';
import { forOperation } from '../descriptions';
import type { OperationOption } from '../operation';
import { readOrgUser, type OrgUser } from './fields';

export const option: OperationOption = {
	name: 'Get',
	action: 'Get a user',
	description: 'Get a user by primary email',
};

export const description: INodeProperties[] = forOperation('user', 'get', [orgDomainField(), userEmailField(), optionsCollection()]);

export const prepare = readOrgUser;

export async function run(this: IExecuteFunctions, { domain, email }: OrgUser, options: CallOptions) {
	const user = await essentialsObject.call(
		this,
		{ method: 'GET', path: ['orgs', domain, 'users', email], target: { org: domain, user: email } },
		options,
	);
	return typedUser(user);
}
