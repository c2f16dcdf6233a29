import {
	NodeOperationError,
	type IDataObject,
	type IDisplayOptions,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { readDomain, readInteger } from '../helpers/validate';
import type { CallOptions } from '../transport/request';

/** Shows each property only for the given resource and operation (nodes-base's helper is not importable). */
export function forOperation(
	resource: string,
	operation: string,
	properties: INodeProperties[],
): INodeProperties[] {
	return properties.map((property) => {
		const show: IDisplayOptions['show'] = {
			...property.displayOptions?.show,
			resource: [resource],
			operation: [operation],
		};
		return { ...property, displayOptions: { ...property.displayOptions, show } };
	});
}

export function orgDomainField(overrides: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: 'Organization Domain',
		name: 'domain',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. example.com',
		description: 'Any domain of the organization (its primary domain or another one it owns)',
		...overrides,
	};
}

export function userEmailField(overrides: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: 'Email',
		name: 'email',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. name@example.com',
		description: "The user's primary email address",
		...overrides,
	};
}

export function returnAllAndLimit(maxLimit?: number): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			default: 50,
			typeOptions: { minValue: 1, ...(maxLimit ? { maxValue: maxLimit } : {}) },
			description: 'Max number of results to return',
			displayOptions: { show: { returnAll: [false] } },
		},
	];
}

export const DEFAULT_TIMEOUT_MS = 30000;

export const requestTimeoutOption: INodeProperties = {
	displayName: 'Request Timeout',
	name: 'requestTimeout',
	type: 'number',
	default: DEFAULT_TIMEOUT_MS,
	typeOptions: { minValue: 1000 },
	description: 'How long to wait for each answer from Proofpoint, in milliseconds, before giving up',
};

export function optionsCollection(extra: INodeProperties[] = []): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [...extra, requestTimeoutOption].sort((a, b) => a.displayName.localeCompare(b.displayName)),
	};
}

/** The item's transport options; a Request Timeout that is not a whole number of at least 1,000 ms is refused. */
export function callOptions(context: IExecuteFunctions, itemIndex: number): CallOptions {
	const timeout = readInteger(context, itemIndex, 'options.requestTimeout', 'Request Timeout', 1000, 3600000, DEFAULT_TIMEOUT_MS);
	return { itemIndex, timeoutMs: timeout };
}

export const MAX_LIMIT = 1000000;

/** Return All → undefined; otherwise the validated Limit. */
export function readLimit(context: IExecuteFunctions, itemIndex: number): number | undefined {
	if (context.getNodeParameter('returnAll', itemIndex, false)) return undefined;
	return readInteger(context, itemIndex, 'limit', 'Limit', 1, MAX_LIMIT, 50);
}

/** n8n's Limit semantics for an API without paging: everything, or the first `limit`. */
export function limitList<T>(list: T[], limit: number | undefined): T[] {
	return limit === undefined ? list : list.slice(0, limit);
}

/** The `domain` parameter every Essentials operation addresses its organization with. */
export function readOrgDomain(this: IExecuteFunctions, itemIndex: number): string {
	return readDomain(this, itemIndex, 'domain', 'Organization Domain');
}

/** Update operations refuse to send a request that would change nothing. */
export function requireChanges(context: IExecuteFunctions, itemIndex: number, changes: IDataObject): void {
	if (Object.keys(changes).length > 0) return;
	throw new NodeOperationError(context.getNode(), `Item ${itemIndex}: Update Fields is empty`, {
		itemIndex,
		description: 'Add at least one field to change under Update Fields.',
	});
}
