import type { TimeRange } from './timeRange';
import { describeValue, hasControl, type Checked } from './validate';

/*
 * Cloud Threat Response (the Threat Protection API's /tric/ paths): the filter values the peers send,
 * the time form, paging over startRow/endRow, and the flat items Simplify gives. No requests here.
 */

/** The most rows one CTR search answers [M: a Python client, for messages; the sandbox cuts incidents there too]. */
export const CTR_PAGE_ROWS = 100;

/** Filter values as the CTR peers send them [P: XSOAR CTR pack's allowed sets]; priorities from a Python client's filter models [M]. */
export const INCIDENT_SOURCES = ['abuse_mailbox', 'tap', 'smart_search', 'message_csv_upload'] as const;
export const INCIDENT_VERDICTS = ['threat', 'low_risk', 'manual_review', 'failed'] as const;
export const INCIDENT_CONFIDENCES = ['high', 'medium', 'low'] as const;
export const INCIDENT_PRIORITIES = ['high', 'medium', 'low'] as const;
export const INCIDENT_DISPOSITIONS = [
	'bulk',
	'clean',
	'impostor',
	'in_progress',
	'internal',
	'low_risk',
	'malware',
	'manual_review',
	'not_set',
	'phish',
	'scam',
	'simulated_phish',
	'spam',
	'suspicious',
	'tap_false_positive',
	'toad',
	'vendor',
] as const;

export const INCIDENT_STATES = ['open', 'closed'] as const;
export type IncidentState = (typeof INCIDENT_STATES)[number];

export type Order = 'newest' | 'oldest';

type Row = Record<string, unknown>;

/** An instant as the CTR filters take it: 'YYYY-MM-DD HH:MM:SS' in UTC, without a zone. */
export function ctrTime(ms: number): string {
	return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

/**
 * A node range (start included, end excluded, in ms) as a time_range_filter. The API's edges are not public [?]:
 * both are widened to whole seconds, so a row on an edge may be read twice (the trigger keeps it once) but none is missed.
 */
export function ctrTimeRange(range: TimeRange): { start: string; end: string } {
	return { start: ctrTime(Math.floor(range.start / 1000) * 1000), end: ctrTime(Math.ceil(range.end / 1000) * 1000) };
}

/** What an incident search is to select, in the node's terms. */
export interface IncidentQuery {
	range?: TimeRange;
	states: IncidentState[];
	sources?: string[];
	dispositions?: string[];
	verdicts?: string[];
	confidences?: string[];
	priorities?: string[];
	vapOnly?: boolean;
	/** Display ids ("781") or UUIDs. */
	incidentIds?: string[];
}

const given = (values: string[] | undefined): values is string[] => Array.isArray(values) && values.length > 0;

/** The `filters` of POST /tric/incidents for a query: the keys the peers send (a plain `disposition` is ignored by the API). */
export function incidentFilters(query: IncidentQuery): Row {
	const filters: Row = {};
	if (query.range) filters.time_range_filter = ctrTimeRange(query.range);
	if (given(query.incidentIds)) filters.incident_id_filters = [...query.incidentIds];
	if (given(query.sources)) filters.source_filters = [...query.sources];
	const other: string[] = [];
	// Open with closed in other_filters selects nothing [P]: one state is sent alone, and both rely on an unfiltered search returning both [?].
	if (query.states.length === 1) other.push(`${query.states[0]}_incidents`);
	if (query.vapOnly) other.push('vap');
	if (other.length) filters.other_filters = other;
	if (given(query.verdicts)) filters.verdict_filters = query.verdicts.map((verdict) => `verdict_${verdict}`);
	if (given(query.dispositions)) filters.disposition_filters = [...query.dispositions];
	if (given(query.confidences)) filters.confidence_filters = query.confidences.map((confidence) => `confidence_${confidence}`);
	if (given(query.priorities)) filters.priority_filters = [...query.priorities];
	return filters;
}

/** What a message search is to select. */
export interface MessageQuery {
	range?: TimeRange;
	senders?: string[];
	recipients?: string[];
	subject?: string;
	/** Message-ID headers, in their brackets (checkMessageIdHeader). */
	messageIds?: string[];
}

/**
 * A Message-ID header as the filter sends it: in angle brackets, as mail and TAP's messageID write it, whether
 * given with them or not (the sandbox matches either way; which form the API needs is not public [?]).
 */
export function checkMessageIdHeader(value: string): Checked<string> {
	const bare = value.trim().replace(/^<|>$/g, '');
	if (bare === '') return { problem: 'is empty: enter a Message-ID such as <abc.123@mail.example>' };
	if (/[\s<>]/.test(bare) || hasControl(bare) || bare.length > 998) {
		return { problem: `${describeValue(value)} is not a Message-ID such as <abc.123@mail.example>` };
	}
	return { value: `<${bare}>` };
}

/** The `filters` of POST /tric/messages [P: CTR README; M: a Python client's filter models]. */
export function messageFilters(query: MessageQuery): Row {
	const filters: Row = {};
	if (query.range) filters.time_range_filter = ctrTimeRange(query.range);
	if (given(query.senders)) filters.sender_address_filters = [...query.senders];
	if (given(query.recipients)) filters.recipient_address_filters = [...query.recipients];
	if (query.subject) filters.subject_filters = [query.subject];
	if (given(query.messageIds)) filters.message_id_filters = [...query.messageIds];
	return filters;
}

export type CtrSearchKind = 'incidents' | 'messages';

/** The sort column of each search: creation time for incidents, the time CTR received a message [P; M for received_time]. */
const SORT_COLUMNS: Record<CtrSearchKind, string> = { incidents: 'createdAt', messages: 'received_time' };

/** The sortParams of a search: by its time column, or (`column`) another the API sorts by, such as an incident's updatedAt. */
export function sortParams(kind: CtrSearchKind, order: Order, column: string = SORT_COLUMNS[kind]): Row[] {
	return [{ sort: order === 'newest' ? 'desc' : 'asc', colId: column }];
}

/** Where a search has got to: the next row to ask for, the distinct rows kept, the last answer. */
export interface CtrPaging {
	nextRow: number;
	collected: number;
	total?: number;
	lastPage?: { asked: number; got: number; added: number };
}

/**
 * The next window to ask for ({startRow, endRow}, endRow excluded), or undefined when the search is done:
 * a short page, the Limit reached, the reported total passed, or a full page with nothing new (an API
 * repeating itself would otherwise be paged forever).
 */
export function nextCtrWindow(paging: CtrPaging, limit: number | undefined): { startRow: number; endRow: number } | undefined {
	const { lastPage } = paging;
	if (lastPage && (lastPage.got < lastPage.asked || lastPage.added === 0)) return undefined;
	if (limit !== undefined && paging.collected >= limit) return undefined;
	if (paging.total !== undefined && paging.nextRow >= paging.total) return undefined;
	const rows = limit === undefined ? CTR_PAGE_ROWS : Math.min(CTR_PAGE_ROWS, limit - paging.collected);
	return { startRow: paging.nextRow, endRow: paging.nextRow + rows };
}

/**
 * The rows of a page not seen before (by id), remembering them in `seen`. A row arriving between two pages
 * shifts the rows after it, so a later page can repeat one of an earlier page. A row without an id is kept.
 */
export function unseenRows<T extends Row>(rows: T[], seen: Set<string>): T[] {
	return rows.filter((row) => {
		const id = row.id;
		if (typeof id !== 'string' && typeof id !== 'number') return true;
		const key = String(id);
		if (seen.has(key)) return false;
		seen.add(key);
		return true;
	});
}

const CTR_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$/;

/**
 * An id that goes into a CTR path (an incident, message, workflow or run): letters, digits and . _ : -,
 * never '..'. Ids are UUIDs or display numbers, so anything else is refused before a request is built.
 */
export function checkCtrId(value: unknown, example: string): Checked<string> {
	const id = value === undefined || value === null ? '' : typeof value === 'string' ? value.trim() : typeof value === 'number' && Number.isInteger(value) ? String(value) : value;
	if (typeof id !== 'string') return { problem: `must be an id such as ${example}, but it is ${describeValue(value)}` };
	if (id === '') return { problem: `is empty: enter an id such as ${example}` };
	if (hasControl(id)) return { problem: `${describeValue(id)} contains a line break or another control character` };
	if (/[/\\]/.test(id)) return { problem: `${describeValue(id)} contains a slash, which would change the request's path: enter an id such as ${example}` };
	if (id.includes('..')) return { problem: `${describeValue(id)} contains "..", which would change the request's path: enter an id such as ${example}` };
	if (!CTR_ID.test(id)) return { problem: `${describeValue(id)} is not a Cloud Threat Response id: ids are letters, digits, dots, colons, dashes and underscores, such as ${example}` };
	return { value: id };
}

/** An incident's display id as the id filter takes it ("781" for 781 or INC-781), or undefined for another id (a UUID). */
export function displayIdOf(id: string): string | undefined {
	const match = /^(?:inc-?)?(\d{1,12})$/i.exec(id.trim());
	return match ? String(Number(match[1])) : undefined;
}

/** A time the API writes as ISO 8601 with an offset, or as epoch ms (a message's detail), in ISO 8601 UTC; anything else as it came. */
export function isoTime(value: unknown): unknown {
	if (value === null || value === undefined || value === '') return value ?? null;
	const ms = typeof value === 'number' ? value : typeof value === 'string' ? Date.parse(value) : Number.NaN;
	return Number.isFinite(ms) ? new Date(ms).toISOString() : value;
}

/** The object without its undefined fields: an answer that does not carry a field gives no key, not a made-up null. */
function present(fields: Row): Row {
	return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
}

const list = (value: unknown): unknown[] | undefined => (Array.isArray(value) ? value : value === null ? [] : undefined);
const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const objects = (value: unknown): Row[] | undefined => list(value)?.filter((entry): entry is Row => Boolean(entry) && typeof entry === 'object');

// An incident's sourceTypes in the filter's words (tap_alert ↔ tap [P]); its detail says the same with flags instead.
const SOURCE_TYPES: Record<string, string> = { tap_alert: 'tap' };
const SOURCE_FLAGS: Record<string, string> = {
	hasAbuseAlert: 'abuse_mailbox',
	hasTapAlert: 'tap',
	hasSmartSearchImport: 'smart_search',
	hasMessageCsvUpload: 'message_csv_upload',
	hasWorkbenchEvent: 'workbench',
	hasImdAlert: 'imd',
	hasMailBombAlert: 'mail_bomb',
};

function incidentSources(incident: Row): string[] | undefined {
	const types = list(incident.sourceTypes);
	if (types) return types.map((type) => SOURCE_TYPES[String(type)] ?? String(type));
	const flags = incident.messageSourceData;
	if (!flags || typeof flags !== 'object') return undefined;
	return Object.entries(SOURCE_FLAGS)
		.filter(([flag]) => (flags as Row)[flag] === true)
		.map(([, source]) => source);
}

/**
 * The fields a SOC reads of an incident, from a search row or from a Get's `summary` (which names the
 * assignee differently and carries no dispositions or verdicts): one flat shape for both.
 */
export function simplifyIncident(incident: Row): Row {
	return present({
		id: incident.id,
		displayId: incident.displayId,
		title: incident.title,
		state: incident.state,
		priority: incident.priority,
		sources: incidentSources(incident),
		dispositions: list(incident.dispositions),
		verdicts: list(incident.clearVerdicts),
		confidences: list(incident.clearConfidences),
		vap: incident.vap,
		messageCount: incident.messageCount,
		commentCount: incident.commentCount,
		assignedTeam: incident.assignedTeamName,
		assignee: 'assignedUserName' in incident ? incident.assignedUserName : incident.assignedApplicationUserName,
		description: incident.description,
		createdAt: isoTime(incident.createdAt),
		updatedAt: isoTime(incident.updatedAt),
		closedAt: incident.closedAt === undefined ? undefined : isoTime(incident.closedAt),
	});
}

/** A field a search row writes in snake_case and a Get's `details` in camelCase. */
function either(message: Row, snake: string): unknown {
	if (message[snake] !== undefined) return message[snake];
	return message[snake.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase())];
}

/** The fields a SOC reads of a message, from a search row (snake_case) or a Get's `details` (camelCase, receivedAt in ms). */
export function simplifyMessage(message: Row): Row {
	const status = either(message, 'message_status');
	const statusRow = status && typeof status === 'object' ? (status as Row) : undefined;
	return present({
		id: message.id,
		messageId: either(message, 'message_id'),
		subject: either(message, 'email_subject'),
		sender: either(message, 'sender_address'),
		recipient: either(message, 'recipient_address'),
		receivedAt: isoTime(either(message, 'received_at')),
		disposition: message.disposition,
		verdict: either(message, 'clear_verdict'),
		confidence: either(message, 'clear_confidence'),
		remediationStatus: either(message, 'remediation_status'),
		incidents: objects(message.incidents)?.map((incident) => present({ id: incident.id, displayId: either(incident, 'display_id'), title: incident.title })),
		sources: objects(message.sources)?.map((source) => text(source.type) ?? null),
		vap: message.vap,
		isRead: statusRow ? either(statusRow, 'is_read') : undefined,
		permittedClicks: statusRow ? either(statusRow, 'permitted_clicks') : undefined,
		emailId: either(message, 'email_id'),
		ppsGuid: either(message, 'pps_guid'),
	});
}

/** The states a workflow run can be in [P: CTR README]; only IN_PROGRESS is not final. */
export const RUN_IN_PROGRESS = 'IN_PROGRESS';
export const RUN_FAILED_STATES = ['FAILED', 'CANCELLED'];

/** The longest Max Wait and the shortest Poll Interval the node allows, in seconds. */
export const MAX_WAIT_LIMIT_SECONDS = 600;
export const MIN_POLL_INTERVAL_SECONDS = 1;

/**
 * How long to wait before the next poll of a run, or undefined when the wait is over: polls fall at
 * every interval after the start and once at Max Wait, so a wait makes at most ⌈maxWait / interval⌉ polls.
 */
export function nextPollDelay(startedAt: number, now: number, polls: number, intervalMs: number, maxWaitMs: number): number | undefined {
	if (polls >= Math.ceil(maxWaitMs / intervalMs)) return undefined;
	const due = startedAt + Math.min((polls + 1) * intervalMs, maxWaitMs);
	return Math.max(0, due - now);
}

/** Why a finished run failed, in Proofpoint's words: its reason, else its failed targets' reasons. */
export function runFailureReason(run: Row): string {
	const reason = text(run.reason);
	if (reason) return reason;
	const failed = (objects(run.results) ?? []).filter((result) => result.state !== 'SUCCESS' && result.reason);
	if (failed.length) return failed.map((result) => `${String(result.targetId)}: ${String(result.reason)}`).join('; ');
	return 'Proofpoint gave no reason';
}

/** Target ids once each, in the order given. */
export function distinct(values: string[]): string[] {
	return [...new Set(values)];
}
