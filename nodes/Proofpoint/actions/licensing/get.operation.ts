import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { optionsCollection, orgDomainField } from '../../parameters/fields';
import { readOrgDomain } from '../../parameters/read';
import { essentialsObject } from '../../transport/essentials';
import type { CallOptions } from '../../transport/request';
import { forOperation } from '../descriptions';
import type { OperationOption } from '../operation';

export const option: OperationOption = {
	name: 'Get',
	action: 'Get licensing',
	description: "Get an organization's license count and package",
	tool: "Returns one item: the domain and the organization's license_count, package, is_on_trial and is_beginner_plus, as Proofpoint sends them. One Essentials request.",
};

export const description: INodeProperties[] = forOperation('licensing', 'get', [orgDomainField(), optionsCollection()]);

export const prepare = readOrgDomain;

export async function run(this: IExecuteFunctions, domain: string, options: CallOptions) {
	const licensing = await essentialsObject.call(
		this,
		{ method: 'GET', path: ['orgs', domain, 'licensing'], target: { org: domain } },
		options,
	);
	return { domain, ...licensing };
}
