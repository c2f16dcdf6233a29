import type { IDataObject } from 'n8n-workflow';

/** The four kinds of SIEM event, named as the arrays of an answer. */
export const EVENT_KINDS = ['clicksBlocked', 'clicksPermitted', 'messagesBlocked', 'messagesDelivered'] as const;

export type EventKind = (typeof EVENT_KINDS)[number];

const ENDPOINT_OF_KIND: Record<EventKind, string> = {
	clicksBlocked: 'clicks/blocked',
	clicksPermitted: 'clicks/permitted',
	messagesBlocked: 'messages/blocked',
	messagesDelivered: 'messages/delivered',
};

export function isEventKind(value: unknown): value is EventKind {
	return typeof value === 'string' && (EVENT_KINDS as readonly string[]).includes(value);
}

/**
 * The one SIEM endpoint (below /v2/siem/) that answers every chosen kind in one request and spends the
 * least quota: a kind's own endpoint (permitted clicks have a pool of their own), /issues for
 * permitted clicks with delivered messages, else /all. The Essentials Threat API has only /all.
 */
export function siemEndpoint(kinds: readonly EventKind[], api: 'tap' | 'essentials'): string {
	if (api === 'essentials') return 'all';
	const chosen = new Set(kinds);
	if (chosen.size === 1) return ENDPOINT_OF_KIND[kinds[0]];
	if (chosen.size === 2 && chosen.has('clicksPermitted') && chosen.has('messagesDelivered')) return 'issues';
	return 'all';
}

const GO_TIME = /^(\d{4}-\d\d-\d\d)[ T](\d\d:\d\d:\d\d)(\.\d+)? ?(?:([+-])(\d\d):?(\d\d)|Z)(?: [A-Z]{2,5})?$/;

/** An instant as either API writes it: TAP's ISO 8601, or the Essentials Threat API's Go layout ("2025-11-18 06:45:05 +0000 UTC"). */
export function parseInstant(value: unknown): number | undefined {
	if (typeof value !== 'string') return undefined;
	// The usual case, TAP's ISO form in UTC, parses directly (a SIEM answer can hold 20,000 of them).
	if (value.length >= 20 && value[10] === 'T' && value.endsWith('Z')) {
		const ms = Date.parse(value);
		if (!Number.isNaN(ms)) return ms;
	}
	const text = value.trim();
	const match = GO_TIME.exec(text);
	if (match) {
		const [, date, time, fraction = '', sign, hours, minutes] = match;
		const zone = sign ? `${sign}${hours}:${minutes}` : 'Z';
		// JavaScript dates keep milliseconds; the microseconds the Essentials API writes are dropped.
		const ms = Date.parse(`${date}T${time}${fraction.slice(0, 4)}${zone}`);
		return Number.isNaN(ms) ? undefined : ms;
	}
	const ms = Date.parse(text);
	return Number.isNaN(ms) ? undefined : ms;
}

const isClick = (kind: EventKind) => kind === 'clicksBlocked' || kind === 'clicksPermitted';

/** When the event happened: a message's messageTime, a click's clickTime. */
export function eventTime(kind: EventKind, event: IDataObject): number | undefined {
	return parseInstant(isClick(kind) ? event.clickTime : event.messageTime);
}

function recipientsOf(event: IDataObject): string {
	const recipient = event.recipient;
	const list = Array.isArray(recipient) ? recipient : recipient === undefined || recipient === null ? [] : [recipient];
	return list.map((entry) => String(entry).trim().toLowerCase()).sort().join(',');
}

/**
 * What makes an event itself. A click has its own id. A message is one event per recipient, sharing
 * GUID and messageTime, so its key is GUID + recipient (GUID alone would drop all but one recipient).
 * Nothing that changes later (threatStatus) is in a key, so a re-read event is not new.
 */
export function eventKey(kind: EventKind, event: IDataObject): string {
	if (isClick(kind) && typeof event.id === 'string' && event.id !== '') return `${kind}|${event.id}`;
	const time = isClick(kind) ? `|${String(event.clickTime)}|${String(event.url)}` : '';
	return `${kind}|${String(event.GUID)}|${recipientsOf(event)}${time}`;
}

const lower = (value: unknown) => (typeof value === 'string' ? value.toLowerCase() : null);

// Both APIs, and the docs against the live API, spell some keys differently (docs/api-facts.md#tap-siem-api): read each spelling.
const either = (object: IDataObject, ...keys: string[]) => {
	for (const key of keys) if (object[key] !== undefined && object[key] !== null) return object[key];
	return null;
};

/** An instant as TAP writes it, ISO with milliseconds: Essentials' microseconds (or its Go layout) become that, so both APIs give one form. */
function inTapForm(value: IDataObject[string]): IDataObject[string] {
	const instant = parseInstant(value);
	return instant === undefined ? value : new Date(instant).toISOString();
}

const SCORES = ['phishScore', 'spamScore', 'malwareScore', 'impostorScore'] as const;

/** An event as one flat item of the fields a person triages on; a message's first threat stands for it. */
export function simplifyEvent(kind: EventKind, event: IDataObject): IDataObject {
	const click = isClick(kind);
	const threats = click ? [event] : Array.isArray(event.threatsInfoMap) ? (event.threatsInfoMap as IDataObject[]) : [];
	const threat = threats[0] ?? {};
	const simple: IDataObject = {
		eventType: kind,
		time: inTapForm(either(event, click ? 'clickTime' : 'messageTime')),
		recipient: Array.isArray(event.recipient) ? event.recipient.join(', ') : either(event, 'recipient'),
		sender: either(event, 'sender'),
		subject: click ? null : either(event, 'subject'),
		classification: lower(threat.classification),
		threatId: either(threat, 'threatID', 'threatId'),
		threatIds: threats.map((entry) => either(entry, 'threatID', 'threatId')).filter((id) => id !== null),
		threatUrl: either(threat, 'threatURL', 'threatUrl'),
		threatType: click ? 'url' : lower(threat.threatType),
		threatStatus: either(threat, 'threatStatus'),
		campaignId: either(threat, 'campaignID', 'campaignId'),
		url: click ? either(event, 'url') : null,
		guid: either(event, 'GUID'),
		messageId: either(event, 'messageID'),
		id: either(event, 'id'),
		senderIp: either(event, 'senderIP'),
		clickIp: click ? either(event, 'clickIP') : null,
		userAgent: click ? either(event, 'userAgent') : null,
	};
	for (const score of SCORES) simple[score] = click ? null : either(event, score);
	if (event.customerName !== undefined) simple.customerName = event.customerName;
	return simple;
}

// The official field table and the live API name three of a threat summary's fields differently (docs/api-facts.md#tap-intelligence-apis).
const SUMMARY_SPELLINGS: Array<[string, string]> = [
	['severity', 'severityScore'],
	['verticals', 'verticallyTargeted'],
	['geographies', 'geoTargeted'],
];

/** A threat summary with each of those fields under both names, whichever the API sent, so a workflow can read either. */
export function withBothSpellings(summary: IDataObject): IDataObject {
	const filled = { ...summary };
	for (const [one, other] of SUMMARY_SPELLINGS) {
		if (filled[one] === undefined && filled[other] !== undefined) filled[one] = filled[other];
		else if (filled[other] === undefined && filled[one] !== undefined) filled[other] = filled[one];
	}
	return filled;
}
