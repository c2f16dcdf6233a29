import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { optionsCollection, orgDomainField } from '../../parameters/fields';
import { readOrgDomain } from '../../parameters/read';
import { essentialsObject } from '../../transport/essentials';
import type { CallOptions } from '../../transport/request';
import { forOperation } from '../descriptions';
import type { OperationOption } from '../operation';

export const option: OperationOption = {
	name: 'Get',
	action: 'Get an organization',
	description: 'Get an organization with its domains and package',
	tool: 'Returns one item: the organization named by any of its domains, as Proofpoint sends it (name, primary_domain, domains, licensing_package, user_licenses, active_users…). One Essentials request.',
};

export const description: INodeProperties[] = forOperation('organization', 'get', [orgDomainField(), optionsCollection()]);

export const prepare = readOrgDomain;

export async function run(this: IExecuteFunctions, domain: string, options: CallOptions) {
	return await essentialsObject.call(this, { method: 'GET', path: ['orgs', domain], target: { org: domain } }, options);
}
