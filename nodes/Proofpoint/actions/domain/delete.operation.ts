import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { domainNameField, optionsCollection, orgDomainField } from '../../parameters/fields';
import { essentialsRequest } from '../../transport/essentials';
import type { CallOptions } from '../../transport/request';
import { forOperation } from '../descriptions';
import type { OperationOption } from '../operation';
import { readOrgAndDomain, type OrgDomain } from './fields';

export const option: OperationOption = {
	name: 'Delete',
	action: 'Delete a domain',
	description: 'Remove a domain from an organization',
	tool: "Removes one domain from an organization; the organization and its other domains stay. One Essentials DELETE request. Returns one item: deleted: true, the domain name and the organization's domain.",
	changes: true,
};

export const description: INodeProperties[] = forOperation('domain', 'delete', [orgDomainField(), domainNameField(), optionsCollection()]);

export const prepare = readOrgAndDomain;

export async function run(this: IExecuteFunctions, { domain, name }: OrgDomain, options: CallOptions) {
	await essentialsRequest.call(
		this,
		{ method: 'DELETE', path: ['orgs', domain, 'domains', name], target: { org: domain, domain: name } },
		options,
	);
	return { deleted: true, name, domain };
}
