import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { optionsCollection, orgDomainField } from '../../parameters/fields';
import { readOrgDomain } from '../../parameters/read';
import { essentialsObject } from '../../transport/essentials';
import type { CallOptions } from '../../transport/request';
import { forOperation } from '../descriptions';
import type { OperationOption } from '../operation';

export const option: OperationOption = {
	name: 'Get Features',
	action: "Get an organization's features",
	description: "Get which features are on for the organization (URL and attachment defense, DLP, encryption, …); they depend on its package",
	tool: "Returns one item: the domain and the organization's feature switches (url_defense, attachment_defense, dlp, email_encryption, instant_replay in days…); which keys exist depends on its package. One Essentials request.",
};

export const description: INodeProperties[] = forOperation('organization', 'getFeatures', [orgDomainField(), optionsCollection()]);

export const prepare = readOrgDomain;

export async function run(this: IExecuteFunctions, domain: string, options: CallOptions) {
	const features = await essentialsObject.call(this, { method: 'GET', path: ['orgs', domain, 'features'], target: { org: domain } }, options);
	return { domain, ...features };
}
