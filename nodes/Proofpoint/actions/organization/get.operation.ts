import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { ORGANIZATION_OUTPUT } from '../../helpers/output';
import { optionsCollection, orgDomainField } from '../../parameters/fields';
import { outputFields } from '../../parameters/output';
import { readOrgDomain } from '../../parameters/read';
import { essentialsObject } from '../../transport/essentials';
import type { CallOptions } from '../../transport/request';
import { forOperation } from '../descriptions';
import type { OperationOption } from '../operation';

export const option: OperationOption = {
	name: 'Get',
	action: 'Get an organization',
	description: 'Get an organization with its domains and package',
	tool: 'Returns one item: the organization named by any of its domains, with eid, primary_domain, name, is_active, licensing_package, is_on_trial, user_licenses, active_users, when_renewal and its domain names (Output Raw: every field, addresses and sender lists too). One Essentials request.',
};

export const output = ORGANIZATION_OUTPUT;

export const description: INodeProperties[] = forOperation('organization', 'get', [orgDomainField(), ...outputFields(output), optionsCollection()]);

export const prepare = readOrgDomain;

export async function run(this: IExecuteFunctions, domain: string, options: CallOptions) {
	return await essentialsObject.call(this, { method: 'GET', path: ['orgs', domain], target: { org: domain } }, options);
}
