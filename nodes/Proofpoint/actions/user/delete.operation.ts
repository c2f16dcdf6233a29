import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { optionsCollection, orgDomainField, userEmailField } from '../../parameters/fields';
import { essentialsRequest } from '../../transport/essentials';
import type { CallOptions } from '../../transport/request';
import { forOperation } from '../descriptions';
import type { OperationOption } from '../operation';
import { readOrgUser, type OrgUser } from './fields';

export const option: OperationOption = {
	name: 'Delete',
	action: 'Delete a user',
	description: 'Remove a user from an organization',
	tool: 'Removes a user, named by primary email, from an organization. One Essentials DELETE request. Returns one item: deleted: true, the email and the domain.',
	changes: true,
};

export const description: INodeProperties[] = forOperation('user', 'delete', [orgDomainField(), userEmailField(), optionsCollection()]);

export const prepare = readOrgUser;

export async function run(this: IExecuteFunctions, { domain, email }: OrgUser, options: CallOptions) {
	await essentialsRequest.call(
		this,
		{ method: 'DELETE', path: ['orgs', domain, 'users', email], target: { org: domain, user: email } },
		options,
	);
	return { deleted: true, email, domain };
}
