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

const THREAT_TYPES = ['url', 'attachment', 'messageText'];
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

export const threatFilterFields: INodeProperties[] = [
	{
		displayName: 'Threat Type',
		name: 'threatType',
		type: 'options',
		options: [
			{ name: 'All', value: 'all' },
			{ name: 'Attachment', value: 'attachment' },
			{ name: 'Message Text', value: 'messageText' },
			{ name: 'URL', value: 'url' },
		],
		default: 'all',
		description: 'Only events with threats of this type',
	},
	{
		displayName: 'Threat Status',
		name: 'threatStatus',
		type: 'options',
		options: [
			{ name: 'Active and Cleared', value: 'activeAndCleared', description: "Proofpoint's default" },
			{ name: 'Active', value: 'active' },
			{ name: 'Cleared', value: 'cleared' },
			{ name: 'False Positive', value: 'falsePositive' },
		],
		default: 'activeAndCleared',
		description: 'Only events whose threats have this status',
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

/** Threat Type, Threat Status and Essentials Organizations as a SIEM query, refusing what the credential's API cannot do. */
export function readThreatFilters(context: ParameterContext, itemIndex: number, api: ThreatApi, kinds: EventKind[]): SiemQuery {
	const threatType = context.getNodeParameter('threatType', itemIndex, 'all') as string;
	if (threatType !== 'all' && !THREAT_TYPES.includes(threatType)) {
		throw invalidInput(context, itemIndex, 'Threat Type', `"${String(threatType)}" is not a threat type`, `Use all or one of ${THREAT_TYPES.join(', ')}.`);
	}
	const threatStatus = context.getNodeParameter('threatStatus', itemIndex, 'activeAndCleared') as string;
	if (threatStatus !== 'activeAndCleared' && !THREAT_STATUSES.includes(threatStatus)) {
		throw invalidInput(context, itemIndex, 'Threat Status', `"${String(threatStatus)}" is not a threat status`, `Use activeAndCleared or one of ${THREAT_STATUSES.join(', ')}.`);
	}
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
		threatType: threatType === 'all' ? undefined : threatType,
		threatStatus: threatStatus === 'activeAndCleared' ? undefined : threatStatus,
		essentials: api.kind === 'essentials' ? ESSENTIALS_SCOPES[scope] : undefined,
	};
}
