import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { licenceUsage } from '../../helpers/licenceUsage';
import { optionsCollection, orgDomainField } from '../../parameters/fields';
import { readOrgDomain } from '../../parameters/read';
import { essentialsList, essentialsObject } from '../../transport/essentials';
import type { CallOptions } from '../../transport/request';
import { childConcurrencyOption, forEveryChild, named, organizationsField, readOrganizations, type ChildOrganization } from '../childOrganizations';
import { forOperation } from '../descriptions';
import type { OperationOption } from '../operation';

export const option: OperationOption = {
	name: 'Get Usage',
	action: 'Get licence usage',
	description:
		"Compare an organization's licences with its users (by type, active, billable, functional accounts), or every child organization's for a partner: two requests per organization, read only",
	tool: "Compares an organization's licenses with its users: one item with licenses, package, users, byType, active, billable, functionalAccounts, difference and licensing (over-licensed, under-licensed, exact). Two Essentials requests per organization; Every Child Organization adds one for the partner's list and gives one item per child, a failed one with status failed.",
};

export const description: INodeProperties[] = forOperation('licensing', 'getUsage', [
	orgDomainField(),
	organizationsField('usageOf', 'Usage Of'),
	optionsCollection([childConcurrencyOption('usageOf', 'each one is two requests, one after the other')]),
]);

interface Prepared {
	domain: string;
	children: boolean;
	concurrency: number;
}

export function prepare(this: IExecuteFunctions, itemIndex: number): Prepared {
	return { domain: readOrgDomain.call(this, itemIndex), ...readOrganizations(this, itemIndex, 'usageOf', 'Usage Of') };
}

/** One organization's usage: its licensing and its users list, one request each. */
async function usageOfOrg(context: IExecuteFunctions, org: ChildOrganization, options: CallOptions): Promise<IDataObject> {
	const target = { org: org.domain };
	// One after the other: the organizations run side by side already, and a failing licensing read spares the users list.
	const licensing = await essentialsObject.call(context, { method: 'GET', path: ['orgs', org.domain, 'licensing'], target }, options);
	const users = await essentialsList.call(context, { method: 'GET', path: ['orgs', org.domain, 'users'], target }, 'users', options);
	return { ...named(org), ...licenceUsage(licensing, users), status: 'ok' };
}

export async function run(this: IExecuteFunctions, { domain, children, concurrency }: Prepared, options: CallOptions) {
	if (!children) return await usageOfOrg(this, { domain }, options);
	return await forEveryChild(this, domain, concurrency, options, async (child) => await usageOfOrg(this, child, options));
}
