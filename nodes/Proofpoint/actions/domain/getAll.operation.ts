import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { essentialsList } from '../../transport/essentials';
import type { CallOptions } from '../../transport/request';
import { forOperation, limitList, orgDomainField, readLimit, readOrgDomain, returnAllAndLimit } from '../common';

export const description: INodeProperties[] = forOperation('domain', 'getAll', [orgDomainField(), ...returnAllAndLimit()]);

interface Prepared {
	domain: string;
	limit: number | undefined;
}

export function prepare(this: IExecuteFunctions, itemIndex: number): Prepared {
	return { domain: readOrgDomain.call(this, itemIndex), limit: readLimit(this, itemIndex) };
}

export async function run(this: IExecuteFunctions, { domain, limit }: Prepared, options: CallOptions) {
	const domains = await essentialsList.call(
		this,
		{ method: 'GET', path: ['orgs', domain, 'domains'], target: { org: domain } },
		'domains',
		options,
	);
	return limitList(domains, limit);
}
