import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { ORGANIZATION_OUTPUT } from '../../helpers/output';
import { optionsCollection, orgDomainField, returnAllAndLimit } from '../../parameters/fields';
import { outputFields } from '../../parameters/output';
import { limitList, readDomain, readLimit } from '../../parameters/read';
import { essentialsList } from '../../transport/essentials';
import type { CallOptions } from '../../transport/request';
import { forOperation } from '../descriptions';
import type { OperationOption } from '../operation';

export const option: OperationOption = {
	name: 'Get Many',
	action: 'Get many organizations',
	description: 'List the child organizations of a partner',
	tool: 'Lists the child organizations of a partner, one item per organization (eid, primary_domain, name, is_active, licensing_package, user_licenses, active_users, domain names…). One Essentials request: the API does not page, so the whole list is read and Limit (default 50) only cuts the output; Return All keeps every one.',
};

export const output = ORGANIZATION_OUTPUT;

export const description: INodeProperties[] = forOperation('organization', 'getAll', [
	orgDomainField({
		displayName: 'Partner Domain',
		description: 'A domain of the partner whose child organizations to list',
	}),
	...returnAllAndLimit(),
	...outputFields(output),
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
