import type { INodeProperties } from 'n8n-workflow';

import { EVENT_KINDS, isEventKind, type EventKind } from '../helpers/threatEvents';
import type { SiemQuery } from '../transport/siem';
import type { ThreatApi } from '../transport/tap';
import { invalidInput, type ParameterContext } from './read';

const KIND_NAMES: Record<EventKind, string> = {
	clicksBlocked: 'Clicks Blocked',
	clicksPermitted: 'Clicks Permitted',
	messagesBlocked: 'Messages Blocked',
	messagesDelivered: 'Messages Delivered',
};

const THREAT_TYPES = ['attachment', 'messageText', 'url'];
const THREAT_STATUSES = ['active', 'cleared', 'falsePositive'];

export const ESSENTIALS_SCOPES: Record<string, SiemQuery['essentials']> = {
	own: { ownData: true, customerData: false },
	customers: { ownData: false, customerData: true },
	ownAndCustomers: { ownData: true, customerData: true },
};

export const eventTypesField: INodeProperties = {
	displayName: 'Event Types',
	name: 'eventTypes',
	type: 'multiOptions',
	options: EVENT_KINDS.map((kind) => ({ name: KIND_NAMES[kind], value: kind })),
	default: [...EVENT_KINDS],
	description: 'Which events to read; all chosen types come in one request per window',
};

// Version 1 saved one Threat Type and one Threat Status; from 1.1 each is a multi-select. A workflow saved with 1 keeps its node and values.
const V1 = { show: { '@version': [1] } };
const TYPE_OPTIONS = [
	{ name: 'Attachment', value: 'attachment' },
	{ name: 'Message Text', value: 'messageText' },
	{ name: 'URL', value: 'url' },
];
const STATUS_OPTIONS = [
	{ name: 'Active', value: 'active' },
	{ name: 'Cleared', value: 'cleared' },
	{ name: 'False Positive', value: 'falsePositive' },
];
const FROM_V1_1 = { show: { '@version': [{ _cnd: { gte: 1.1 } }] } };

export const threatFilterFields: INodeProperties[] = [
	{
		displayName: 'Threat Type',
		name: 'threatType',
		type: 'options',
		options: [{ name: 'All', value: 'all' }, ...TYPE_OPTIONS],
		default: 'all',
		displayOptions: V1,
		description: 'Only events with threats of this type',
	},
	{
		displayName: 'Threat Status',
		name: 'threatStatus',
		type: 'options',
		options: [{ name: 'Active and Cleared', value: 'activeAndCleared', description: "Proofpoint's default" }, ...STATUS_OPTIONS],
		default: 'activeAndCleared',
		displayOptions: V1,
		description: 'Only events whose threats have this status',
	},
	{
		displayName: 'Threat Types',
		name: 'threatType',
		type: 'multiOptions',
		options: TYPE_OPTIONS,
		default: ['attachment', 'messageText', 'url'],
		displayOptions: FROM_V1_1,
		description: 'Only events with threats of these types; all three is every event, in the same one request per window',
	},
	{
		displayName: 'Threat Statuses',
		name: 'threatStatus',
		type: 'multiOptions',
		options: STATUS_OPTIONS,
		default: ['active', 'cleared'],
		displayOptions: FROM_V1_1,
		description: "Only events whose threats have one of these statuses (Proofpoint's default: active and cleared); several cost no more requests",
	},
	{
		displayName: 'Essentials Organizations',
		name: 'essentialsData',
		type: 'options',
		options: [
			{ name: 'Own Organization', value: 'own', description: "The events of the key's own organization" },
			{ name: 'Customer Organizations', value: 'customers', description: "A partner's child organizations (customer data)" },
			{ name: 'Own and Customer Organizations', value: 'ownAndCustomers' },
		],
		default: 'own',
		description: 'For the Essentials Threat API only: whose events to read (a partner key can read its customers)',
	},
];

export const simplifyEventsField: INodeProperties = {
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: true,
	description:
		'Whether to return each event as one flat item (time, type, recipient, sender, subject, classification, threat, campaign, scores) instead of the raw API object',
};

/** The chosen event kinds, in a fixed order, each known. */
export function readEventKinds(context: ParameterContext, itemIndex: number): EventKind[] {
	const raw = context.getNodeParameter('eventTypes', itemIndex, []);
	const chosen = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(',').map((entry) => entry.trim()) : [];
	const unknown = chosen.filter((entry) => !isEventKind(entry));
	if (unknown.length) {
		throw invalidInput(context, itemIndex, 'Event Types', `has unknown types: ${unknown.map(String).join(', ')}`, `Use ${EVENT_KINDS.join(', ')}.`);
	}
	if (chosen.length === 0) throw invalidInput(context, itemIndex, 'Event Types', 'is empty', 'Choose at least one event type.');
	return EVENT_KINDS.filter((kind) => chosen.includes(kind));
}

/**
 * One filter's chosen values: a version 1 string (`all` / `activeAndCleared` meaning the API's
 * default), or from 1.1 a list; undefined when the choice is the API's default and need not be sent.
 */
function readChoices(
	context: ParameterContext,
	itemIndex: number,
	name: string,
	field: string,
	known: string[],
	apiDefault: { word: string; values: string[] },
): string[] | undefined {
	const raw = context.getNodeParameter(name, itemIndex, apiDefault.values);
	const chosen = Array.isArray(raw) ? raw.map(String) : raw === apiDefault.word ? apiDefault.values : typeof raw === 'string' ? raw.split(',').map((entry) => entry.trim()) : [];
	const unknown = chosen.filter((entry) => !known.includes(entry));
	if (unknown.length) {
		throw invalidInput(context, itemIndex, field, `has ${unknown.map((entry) => `"${entry}"`).join(', ')}, not one of ${known.join(', ')}`, `Choose from ${known.join(', ')}.`);
	}
	if (chosen.length === 0) throw invalidInput(context, itemIndex, field, 'is empty', `Choose at least one of ${known.join(', ')}.`);
	const ordered = known.filter((value) => chosen.includes(value));
	const isDefault = ordered.length === apiDefault.values.length && apiDefault.values.every((value) => ordered.includes(value));
	return isDefault ? undefined : ordered;
}

/** Threat Type, Threat Status and Essentials Organizations as a SIEM query, refusing what the credential's API cannot do. */
export function readThreatFilters(context: ParameterContext, itemIndex: number, api: ThreatApi, kinds: EventKind[]): SiemQuery {
	const threatType = readChoices(context, itemIndex, 'threatType', 'Threat Type', THREAT_TYPES, { word: 'all', values: THREAT_TYPES });
	const threatStatus = readChoices(context, itemIndex, 'threatStatus', 'Threat Status', THREAT_STATUSES, { word: 'activeAndCleared', values: ['active', 'cleared'] });
	const scope = context.getNodeParameter('essentialsData', itemIndex, 'own') as string;
	if (!Object.prototype.hasOwnProperty.call(ESSENTIALS_SCOPES, scope)) {
		throw invalidInput(context, itemIndex, 'Essentials Organizations', `"${String(scope)}" is not a choice`, 'Use own, customers or ownAndCustomers.');
	}
	if (api.kind === 'tap' && scope !== 'own') {
		throw invalidInput(
			context,
			itemIndex,
			'Essentials Organizations',
			'asks for customer organizations, but the credential reaches TAP, which has none',
			'Customer data is an Essentials Threat API scope: choose Own Organization, or a credential whose Platform is the Essentials Threat API.',
		);
	}
	return {
		kinds,
		threatType,
		threatStatus,
		essentials: api.kind === 'essentials' ? ESSENTIALS_SCOPES[scope] : undefined,
	};
}
