import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { mapWithConcurrency } from '../helpers/concurrency';
import { invalidInput, readInteger } from '../parameters/read';
import { essentialsList } from '../transport/essentials';
import type { CallOptions } from '../transport/request';

/** A customer organization of a partner, as its list names it. */
export interface ChildOrganization {
	domain: string;
	name?: unknown;
}

export const DEFAULT_CHILD_CONCURRENCY = 5;

/** "This Organization" or "Every Child Organization": the choice of the partner reports, under `name`. */
export function organizationsField(name: string, displayName: string): INodeProperties {
	return {
		displayName,
		name,
		type: 'options',
		options: [
			{ name: 'This Organization', value: 'organization' },
			{ name: 'Every Child Organization', value: 'children', description: 'For a partner: one item per customer organization' },
		],
		default: 'organization',
	};
}

/** Options → Concurrency, shown when `field` is Every Child Organization. */
export function childConcurrencyOption(field: string, eachOrganization: string): INodeProperties {
	return {
		displayName: 'Concurrency',
		name: 'concurrency',
		type: 'number',
		default: DEFAULT_CHILD_CONCURRENCY,
		typeOptions: { minValue: 1, maxValue: 20 },
		description: `How many organizations are read at the same time (${eachOrganization})`,
		displayOptions: { show: { [`/${field}`]: ['children'] } },
	};
}

/** The item's choice of organizations and Concurrency, checked before any request. */
export function readOrganizations(
	context: IExecuteFunctions,
	itemIndex: number,
	field: string,
	displayName: string,
): { children: boolean; concurrency: number } {
	const value = context.getNodeParameter(field, itemIndex, 'organization');
	if (value !== 'organization' && value !== 'children') {
		throw invalidInput(context, itemIndex, displayName, `"${String(value)}" is not a choice`, 'Choose This Organization or Every Child Organization.');
	}
	return {
		children: value === 'children',
		concurrency: readInteger(context, itemIndex, 'options.concurrency', 'Concurrency', 1, 20, DEFAULT_CHILD_CONCURRENCY),
	};
}

/** The partner's child organizations, in its list's order: one request. */
export async function listChildren(context: IExecuteFunctions, partnerDomain: string, options: CallOptions): Promise<ChildOrganization[]> {
	const orgs = await essentialsList.call(context, { method: 'GET', path: ['orgs', partnerDomain, 'orgs'], target: { org: partnerDomain } }, 'orgs', options);
	return orgs.map((org) => ({ domain: String(org.primary_domain), name: org.name }));
}

/**
 * `read` for each of `children`, at most `concurrency` at a time, in their order. One organization failing is
 * reported in its own item; the others are still read.
 */
export async function eachChild(
	children: ChildOrganization[],
	concurrency: number,
	read: (child: ChildOrganization) => Promise<IDataObject>,
): Promise<IDataObject[]> {
	return await mapWithConcurrency(children, concurrency, async (child) => {
		try {
			return await read(child);
		} catch (error) {
			const { message, description, httpCode } = error as { message: string; description?: string; httpCode?: string };
			return { ...named(child), status: 'failed', error: message, ...(description ? { description } : {}), ...(httpCode ? { httpCode } : {}) };
		}
	});
}

/** `read` for every child organization of the partner: one request for the list, then `eachChild`. */
export async function forEveryChild(
	context: IExecuteFunctions,
	partnerDomain: string,
	concurrency: number,
	options: CallOptions,
	read: (child: ChildOrganization) => Promise<IDataObject>,
): Promise<IDataObject[]> {
	return await eachChild(await listChildren(context, partnerDomain, options), concurrency, read);
}

/** The organization's domain, and its name when the partner's list gave one. */
export function named(org: ChildOrganization): IDataObject {
	return { domain: org.domain, ...(org.name !== undefined ? { name: org.name as IDataObject[string] } : {}) };
}
