import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readDomain } from '../../helpers/validate';
import { essentialsList } from '../../transport/essentials';
import type { CallOptions } from '../../transport/request';
import { forOperation, limitList, orgDomainField, readLimit, returnAllAndLimit } from '../common';

export const description: INodeProperties[] = forOperation('organization', 'getAll', [
	orgDomainField({
		displayName: 'Partner Domain',
		description: 'A domain of the partner whose child organizations to list',
	}),
	...returnAllAndLimit(),
]);

interface Prepared {
	domain: string;
	limit: number | undefined;
}

export function prepare(this: IExecuteFunctions, itemIndex: number): Prepared {
	return { domain: readDomain(this, itemIndex, 'domain', 'Partner Domain'), limit: readLimit(this, itemIndex) };
}

export async function run(this: IExecuteFunctions, { domain, limit }: Prepared, options: CallOptions) {
	const orgs = await essentialsList.call(
		this,
		{ method: 'GET', path: ['orgs', domain, 'orgs'], target: { org: domain } },
		'orgs',
		options,
	);
	return limitList(orgs, limit);
}
