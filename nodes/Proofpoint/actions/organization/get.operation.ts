import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { essentialsObject } from '../../transport/essentials';
import type { CallOptions } from '../../transport/request';
import { forOperation, orgDomainField, readOrgDomain } from '../common';

export const description: INodeProperties[] = forOperation('organization', 'get', [orgDomainField()]);

export const prepare = readOrgDomain;

export async function run(this: IExecuteFunctions, domain: string, options: CallOptions) {
	return await essentialsObject.call(this, { method: 'GET', path: ['orgs', domain], target: { org: domain } }, options);
}
