import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { mapWithConcurrency } from '../../helpers/concurrency';
import { licenceUsage } from '../../helpers/licenceUsage';
import { optionsCollection, orgDomainField } from '../../parameters/fields';
import { invalidInput, readInteger, readOrgDomain } from '../../parameters/read';
import { essentialsList, essentialsObject } from '../../transport/essentials';
import type { CallOptions } from '../../transport/request';
import { forOperation } from '../descriptions';
import type { OperationOption } from '../operation';

export const option: OperationOption = {
	name: 'Get Usage',
	action: 'Get licence usage',
	description:
		"Compare an organization's licences with its users (by type, active, billable, functional accounts), or every child organization's for a partner: two requests per organization, read only",
	tool: "Compares an organization's licenses with its users: one item with licenses, package, users, byType, active, billable, functionalAccounts, difference and licensing (over-licensed, under-licensed, exact). Two Essentials requests per organization; Every Child Organization adds one for the partner's list and gives one item per child, a failed one with status failed.",
};

export const DEFAULT_USAGE_CONCURRENCY = 5;

export const description: INodeProperties[] = forOperation('licensing', 'getUsage', [
	orgDomainField(),
	{
		displayName: 'Usage Of',
		name: 'usageOf',
		type: 'options',
		options: [
			{ name: 'This Organization', value: 'organization' },
			{ name: 'Every Child Organization', value: 'children', description: 'For a partner: one item per customer organization' },
		],
		default: 'organization',
	},
	optionsCollection([
		{
			displayName: 'Concurrency',
			name: 'concurrency',
			type: 'number',
			default: DEFAULT_USAGE_CONCURRENCY,
			typeOptions: { minValue: 1, maxValue: 20 },
			description: 'How many organizations are read at the same time (each one is two requests, one after the other)',
			displayOptions: { show: { '/usageOf': ['children'] } },
		},
	]),
]);

interface Prepared {
	domain: string;
	children: boolean;
	concurrency: number;
}

export function prepare(this: IExecuteFunctions, itemIndex: number): Prepared {
	const usageOf = this.getNodeParameter('usageOf', itemIndex, 'organization');
	if (usageOf !== 'organization' && usageOf !== 'children') {
		throw invalidInput(this, itemIndex, 'Usage Of', `"${String(usageOf)}" is not a choice`, 'Choose This Organization or Every Child Organization.');
	}
	return {
		domain: readOrgDomain.call(this, itemIndex),
		children: usageOf === 'children',
		concurrency: readInteger(this, itemIndex, 'options.concurrency', 'Concurrency', 1, 20, DEFAULT_USAGE_CONCURRENCY),
	};
}

/** One organization's usage: its licensing and its users list, one request each. */
async function usageOfOrg(context: IExecuteFunctions, org: { domain: string; name?: unknown }, options: CallOptions): Promise<IDataObject> {
	const target = { org: org.domain };
	// One after the other: the organizations run side by side already, and a failing licensing read spares the users list.
	const licensing = await essentialsObject.call(context, { method: 'GET', path: ['orgs', org.domain, 'licensing'], target }, options);
	const users = await essentialsList.call(context, { method: 'GET', path: ['orgs', org.domain, 'users'], target }, 'users', options);
	return { domain: org.domain, ...(org.name !== undefined ? { name: org.name } : {}), ...licenceUsage(licensing, users), status: 'ok' };
}

export async function run(this: IExecuteFunctions, { domain, children, concurrency }: Prepared, options: CallOptions) {
	if (!children) return await usageOfOrg(this, { domain }, options);
	const orgs = await essentialsList.call(this, { method: 'GET', path: ['orgs', domain, 'orgs'], target: { org: domain } }, 'orgs', options);
	// One organization failing is reported in its own item; the others are still read.
	return await mapWithConcurrency(orgs, concurrency, async (org) => {
		const child = { domain: String(org.primary_domain), name: org.name };
		try {
			return await usageOfOrg(this, child, options);
		} catch (error) {
			const { message, description, httpCode } = error as { message: string; description?: string; httpCode?: string };
			return { ...child, status: 'failed', error: message, ...(description ? { description } : {}), ...(httpCode ? { httpCode } : {}) };
		}
	});
}

