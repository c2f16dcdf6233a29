import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { optionsCollection, orgDomainField, returnAllAndLimit } from '../../parameters/fields';
import { limitList, readDomain, readLimit } from '../../parameters/read';
import { essentialsList } from '../../transport/essentials';
import type { CallOptions } from '../../transport/request';
import { forOperation } from '../descriptions';
import type { OperationOption } from '../operation';

export const option: OperationOption = {
	name: 'Get Many',
	action: 'Get many organizations',
	description: 'List the child organizations of a partner',
	tool: 'Lists the child organizations of a partner, one item per organization (name, primary_domain, domains, licensing_package…). One Essentials request: the API does not page, so the whole list is read and Limit (default 50) only cuts the output; Return All keeps every one.',
};

export const description: INodeProperties[] = forOperation('organization', 'getAll', [
	orgDomainField({
		displayName: 'Partner Domain',
		description: 'A domain of the partner whose child organizations to list',
	}),
	...returnAllAndLimit(),
	optionsCollection(),
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
