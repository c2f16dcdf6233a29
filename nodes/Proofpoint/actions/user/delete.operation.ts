import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { essentialsRequest } from '../../transport/essentials';
import type { CallOptions } from '../../transport/request';
import { forOperation, orgDomainField, userEmailField } from '../common';
import { readOrgUser, type OrgUser } from './fields';

export const description: INodeProperties[] = forOperation('user', 'delete', [orgDomainField(), userEmailField()]);

export const prepare = readOrgUser;

export async function run(this: IExecuteFunctions, { domain, email }: OrgUser, options: CallOptions) {
	await essentialsRequest.call(
		this,
		{ method: 'DELETE', path: ['orgs', domain, 'users', email], target: { org: domain, user: email } },
		options,
	);
	return { deleted: true, email, domain };
}
