import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { domainNameField, optionsCollection, orgDomainField } from '../../parameters/fields';
import { essentialsObject } from '../../transport/essentials';
import type { CallOptions } from '../../transport/request';
import { forOperation } from '../descriptions';
import type { OperationOption } from '../operation';
import { readOrgAndDomain, type OrgDomain } from './fields';

export const option: OperationOption = {
	name: 'Get',
	action: 'Get a domain',
	description: 'Get the delivery settings of a domain',
	tool: 'Returns one item: one domain of the organization with its delivery settings as Proofpoint sends them (name, is_active, is_relay, destination, failovers). One Essentials request.',
};

export const description: INodeProperties[] = forOperation('domain', 'get', [orgDomainField(), domainNameField(), optionsCollection()]);

export const prepare = readOrgAndDomain;

export async function run(this: IExecuteFunctions, { domain, name }: OrgDomain, options: CallOptions) {
	return await essentialsObject.call(
		this,
		{ method: 'GET', path: ['orgs', domain, 'domains', name], target: { org: domain, domain: name } },
		options,
	);
}
