import type { IDataObject } from 'n8n-workflow';

import { eventKey, eventTime, parseInstant, siemEndpoint, type EventKind } from '../helpers/threatEvents';
import { DAY_MS, HOUR_MS, isoInstant, MINUTE_MS, type RangeRules, type TimeRange } from '../helpers/timeRange';
import { asNodeError } from './nodeError';
import type { ApiContext, CallOptions } from './request';
import { siemRequest, type ThreatApi } from './tap';
import { walkWindows, type WalkedWindow, type WindowRules } from './windows';

/** A SIEM request covers at least 30 seconds and at most an hour (docs/api-facts.md#tap-siem-api, docs/api-facts.md#essentials-threat-api). */
export const SIEM_WINDOW: WindowRules = { maxMs: HOUR_MS, minMs: 30 * 1000 };

/** How far back each API serves events (TAP 7 days, the Essentials Threat API 3 days) and its shortest window. */
export function siemRangeRules(api: ThreatApi['kind']): RangeRules {
	return api === 'tap'
		? { servedMs: 7 * DAY_MS, minMs: SIEM_WINDOW.minMs, keeper: 'TAP' }
		: { servedMs: 3 * DAY_MS, minMs: SIEM_WINDOW.minMs, keeper: 'the Essentials Threat API' };
}

export interface SiemQuery {
	kinds: readonly EventKind[];
	/** Some of url, attachment, messageText, each sent as its own threatType; undefined: every type. */
	threatType?: string | string[];
	/** Some of active, cleared, falsePositive, each sent as its own threatStatus; undefined: the API's default (active and cleared). */
	threatStatus?: string | string[];
	/** The Essentials Threat API's scope: the key's own organization, its child organizations, or both. */
	essentials?: { ownData: boolean; customerData: boolean };
}

/** Whether an API error is the SIEM API's 400 for an interval that ends now or later. */
function isStillCurrent(error: unknown): boolean {
	const { httpCode, errorResponse } = error as { httpCode?: unknown; errorResponse?: { apiMessage?: unknown } };
	return String(httpCode) === '400' && /still current/i.test(String(errorResponse?.apiMessage ?? ''));
}

export interface SiemEvent {
	kind: EventKind;
	event: IDataObject;
}

/** An event with its key and the instant it happened, for ordering and de-duplicating. */
export interface TimedEvent {
	key: string;
	time: number;
	event: SiemEvent;
}

/** An event whose time cannot be read counts as happening at the start of the window that returned it, never before. */
export function timedEvents(events: SiemEvent[], window: TimeRange): TimedEvent[] {
	return events.map((entry) => ({ key: eventKey(entry.kind, entry.event), time: eventTime(entry.kind, entry.event) ?? window.start, event: entry }));
}

/** Events in the order they happened; ties in a fixed order, so a capped read is repeatable. Sorts in place. */
export function inTimeOrder<T extends { time: number; key: string }>(events: T[]): T[] {
	return events.sort((a, b) => a.time - b.time || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

function querystring(base: ThreatApi, window: TimeRange, query: SiemQuery): IDataObject {
	const qs: IDataObject = { interval: `${isoInstant(window.start)}/${isoInstant(window.end)}` };
	// TAP answers syslog unless asked for JSON; the Essentials Threat API speaks JSON only.
	if (base.kind === 'tap') qs.format = 'json';
	if (query.threatType) qs.threatType = query.threatType;
	if (query.threatStatus) qs.threatStatus = query.threatStatus;
	if (base.kind === 'essentials') {
		const scope = query.essentials ?? { ownData: true, customerData: false };
		qs.ownData = scope.ownData;
		qs.customerData = scope.customerData;
	}
	return qs;
}

function eventsOf(body: IDataObject | undefined, kinds: readonly EventKind[]): SiemEvent[] {
	const events: SiemEvent[] = [];
	if (!body) return events;
	for (const kind of kinds) {
		const list = body[kind];
		if (Array.isArray(list)) for (const event of list as IDataObject[]) events.push({ kind, event });
	}
	return events;
}

/** The keys of the events that lie exactly on `instant`, where two adjacent windows meet. */
function keysAt(events: SiemEvent[], instant: number): Set<string> {
	const keys = new Set<string>();
	for (const { kind, event } of events) if (eventTime(kind, event) === instant) keys.add(eventKey(kind, event));
	return keys;
}

/**
 * Reads `range` of SIEM events in windows of at most an hour, each starting at the previous answer's
 * queryEndTime, with one request per window for every chosen kind. Yields each window's events.
 */
export async function* siemWindows(
	context: ApiContext,
	base: ThreatApi,
	range: TimeRange,
	query: SiemQuery,
	options: CallOptions,
): AsyncGenerator<WalkedWindow<SiemEvent[]>> {
	const endpoint = siemEndpoint(query.kinds, base.kind);
	const read = async (window: TimeRange) => {
		const { body } = await siemRequest.call(
			context,
			base,
			{ path: ['v2', 'siem', ...endpoint.split('/')], qs: querystring(base, window, query), target: { siem: endpoint } },
			options,
		);
		return { answer: eventsOf(body, query.kinds), coveredUntil: parseInstant(body?.queryEndTime) };
	};
	let skewed = false;
	const walk = walkWindows(range, SIEM_WINDOW, async (window) => {
		try {
			return await read(window);
		} catch (error) {
			// Proofpoint's clock behind ours: the end it calls "still current" is read a minute earlier, once; the rest waits for the next read.
			if (skewed || !isStillCurrent(error)) throw asNodeError(context, error, options.itemIndex);
			skewed = true;
			const earlier = window.end - MINUTE_MS;
			if (earlier - window.start < SIEM_WINDOW.minMs) return { answer: [], endedAt: window.start };
			return { ...(await read({ start: window.start, end: earlier })), endedAt: earlier };
		}
	});
	// Whether an interval includes its end is not documented [?]: an event on a shared boundary is kept once.
	let boundary: { instant: number; keys: Set<string> } | undefined;
	for await (const walked of walk) {
		let events = walked.answer;
		if (boundary && boundary.instant === walked.window.start && boundary.keys.size) {
			const seen = boundary.keys;
			events = events.filter(({ kind, event }) => eventTime(kind, event) !== walked.window.start || !seen.has(eventKey(kind, event)));
		}
		boundary = { instant: walked.cursor, keys: keysAt(events, walked.cursor) };
		yield { ...walked, answer: events };
	}
}
