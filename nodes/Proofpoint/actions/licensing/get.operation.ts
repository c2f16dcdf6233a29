import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { essentialsObject } from '../../transport/essentials';
import type { CallOptions } from '../../transport/request';
import { forOperation, orgDomainField, readOrgDomain } from '../common';

export const description: INodeProperties[] = forOperation('licensing', 'get', [orgDomainField()]);

export const prepare = readOrgDomain;

export async function run(this: IExecuteFunctions, domain: string, options: CallOptions) {
	const licensing = await essentialsObject.call(
		this,
		{ method: 'GET', path: ['orgs', domain, 'licensing'], target: { org: domain } },
		options,
	);
	return { domain, ...licensing };
}
