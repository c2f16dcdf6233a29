import type { INodeProperties } from 'n8n-workflow';

import { DEFAULT_TIMEOUT_MS } from '../transport/request';

// Pickers store {__rl, mode, value}; a workflow saved when these were plain strings keeps its string, which reads the same.
function locator(
	base: Pick<INodeProperties, 'displayName' | 'name' | 'description'>,
	list: { searchListMethod: string; placeholder: string },
	typed: { name: string; displayName: string; placeholder: string },
	defaultMode: 'list' | 'typed',
): INodeProperties {
	return {
		...base,
		type: 'resourceLocator',
		required: true,
		default: { mode: defaultMode === 'list' ? 'list' : typed.name, value: '' },
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: list.placeholder,
				typeOptions: { searchListMethod: list.searchListMethod, searchable: true },
			},
			{ displayName: typed.displayName, name: typed.name, type: 'string', placeholder: typed.placeholder },
		],
	};
}

/** The organization an Essentials operation addresses: picked from the credential's own and child organizations, or by any of its domains. */
export function orgDomainField(overrides: Partial<INodeProperties> = {}, defaultMode: 'list' | 'typed' = 'list'): INodeProperties {
	return {
		...locator(
			{
				displayName: 'Organization Domain',
				name: 'domain',
				description: 'The organization: pick it, or give any domain it owns (its primary domain or another one)',
			},
			{ searchListMethod: 'searchOrganizations', placeholder: 'Select an organization…' },
			{ name: 'domain', displayName: 'By Domain', placeholder: 'e.g. example.com' },
			defaultMode,
		),
		...overrides,
	};
}

/** A user of the chosen organization: picked from its users, or by primary email. */
export function userEmailField(overrides: Partial<INodeProperties> = {}): INodeProperties {
	return {
		...locator(
			{ displayName: 'Email', name: 'email', description: "The user: pick them, or give their primary email address" },
			{ searchListMethod: 'searchUsers', placeholder: 'Select a user…' },
			{ name: 'email', displayName: 'By Email', placeholder: 'e.g. name@example.com' },
			'list',
		),
		...overrides,
	};
}

/** The email of a user who does not exist yet (User → Create): typed, never picked. */
export function newUserEmailField(overrides: Partial<INodeProperties> = {}): INodeProperties {
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

/** One of the organization's domains: picked from them, or by name. */
export function domainNameField(overrides: Partial<INodeProperties> = {}): INodeProperties {
	return {
		...locator(
			{ displayName: 'Domain Name', name: 'domainName', description: 'The domain to work on, one of those the organization owns' },
			{ searchListMethod: 'searchDomains', placeholder: 'Select a domain…' },
			{ name: 'name', displayName: 'By Name', placeholder: 'e.g. example.co.uk' },
			'list',
		),
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

const FIELD_COLLECTIONS = {
	additionalFields: 'Additional Fields',
	updateFields: 'Update Fields',
} as const;

/** The Additional Fields of a create, or the Update Fields of an update: optional attributes, each added on its own. */
export function fieldsCollection(name: keyof typeof FIELD_COLLECTIONS, options: INodeProperties[]): INodeProperties {
	return { displayName: FIELD_COLLECTIONS[name], name, type: 'collection', placeholder: 'Add Field', default: {}, options };
}

export const requestTimeoutOption: INodeProperties = {
	displayName: 'Request Timeout',
	name: 'requestTimeout',
	type: 'number',
	default: DEFAULT_TIMEOUT_MS,
	typeOptions: { minValue: 1000 },
	description: 'How long to wait for each answer from Proofpoint, in milliseconds, before giving up',
};

/** The Options collection: the operation's own options, and Request Timeout, which every operation reads. */
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

/** The time range of a read over time (SIEM events, campaign ids): the last N minutes, hours or days, or between two instants. */
export function timeRangeFields(what: string, longest: string): INodeProperties[] {
	return [
		{
			displayName: 'Time Range',
			name: 'timeRange',
			type: 'options',
			options: [
				{ name: 'Last N Minutes, Hours or Days', value: 'last', description: 'Up to the start of the current minute' },
				{ name: 'Between Two Instants', value: 'between', description: 'From a start to an end, e.g. from a Schedule Trigger' },
			],
			default: 'last',
			description: `Which ${what} to read; ${longest}`,
		},
		{
			displayName: 'Amount',
			name: 'lastAmount',
			type: 'number',
			default: 1,
			typeOptions: { minValue: 1 },
			displayOptions: { show: { timeRange: ['last'] } },
			description: 'How many minutes, hours or days back from now',
		},
		{
			displayName: 'Unit',
			name: 'lastUnit',
			type: 'options',
			options: [
				{ name: 'Minutes', value: 'minutes' },
				{ name: 'Hours', value: 'hours' },
				{ name: 'Days', value: 'days' },
			],
			default: 'hours',
			displayOptions: { show: { timeRange: ['last'] } },
		},
		{
			displayName: 'Start',
			name: 'startTime',
			type: 'dateTime',
			required: true,
			default: '',
			displayOptions: { show: { timeRange: ['between'] } },
			description: "The start of the range (included); a time without a zone is in the workflow's timezone (Workflow Settings → Timezone)",
		},
		{
			displayName: 'End',
			name: 'endTime',
			type: 'dateTime',
			required: true,
			default: '',
			displayOptions: { show: { timeRange: ['between'] } },
			description: "The end of the range (not included), in the workflow's timezone when it has no zone; an end now or later (such as {{ $now }}) reads up to the start of the current minute",
		},
	];
}
