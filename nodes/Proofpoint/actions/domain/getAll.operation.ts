import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { optionsCollection, orgDomainField, returnAllAndLimit } from '../../parameters/fields';
import { limitList, readLimit, readOrgDomain } from '../../parameters/read';
import { essentialsList } from '../../transport/essentials';
import type { CallOptions } from '../../transport/request';
import { forOperation } from '../descriptions';
import type { OperationOption } from '../operation';

export const option: OperationOption = {
	name: 'Get Many',
	action: 'Get many domains',
	description: 'List the domains of an organization',
	tool: "Lists an organization's domains, one item per domain with its delivery settings (name, is_active, is_relay, destination, failovers). One Essentials request reads the whole list (no paging); Limit (default 50) cuts the output, Return All keeps all.",
};

export const description: INodeProperties[] = forOperation('domain', 'getAll', [orgDomainField(), ...returnAllAndLimit(), optionsCollection()]);

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
