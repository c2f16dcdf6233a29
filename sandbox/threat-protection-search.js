'use strict';

const { isPlainObject, toInteger } = require('./coerce');
const {
	SOURCES,
	DISPOSITIONS,
	CONFIDENCES,
	PRIORITIES,
	VERDICTS,
	bareMessageId,
} = require('./threat-protection-data');

/*
 * The Cloud Threat Response searches (POST /tric/incidents, /tric/messages, /incidents/count):
 * filters, sort and startRow/endRow paging, as the peers send them [P: XSOAR CTR; M: two Python clients].
 */

const MAX_ROWS = 100;
const FILTER_TIME = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d)$/;

const prefixed = (prefix, values) => values.map((value) => `${prefix}${value}`);
const lower = (value) => String(value ?? '').toLowerCase();
const anyIn = (list, values) => (list ?? []).some((item) => values.includes(item));
const unprefixed = (values, prefix) => values.map((value) => value.slice(prefix.length));
// An incident id filter holds display ids ("781" for INC-781) [P]; the incident's UUID is taken too [I].
const isIncident = (incident, ids) =>
	ids.some((id) => String(id) === String(incident.displayId) || id === incident.id);

const INCIDENT_STATES = {
	open_incidents: (incident) => incident.state === 'open',
	closed_incidents: (incident) => incident.state === 'closed',
	vap: (incident) => incident.vap,
};
const MESSAGE_STATUSES = {
	message_delivered: () => true,
	message_unread: (message) => !message.isRead,
	message_read: (message) => message.isRead,
	permitted_click: (message) => message.permittedClicks > 0,
};

/** Each filter key: the `values` it accepts (null: any) and `test(record, values, lookup)`. */
const INCIDENT_FILTERS = {
	incident_id_filters: { values: null, numbers: true, test: isIncident },
	source_filters: {
		values: Object.keys(SOURCES),
		test: (incident, values) => values.includes(incident.source),
	},
	// Every other_filters value must hold: open with closed selects nothing, the quirk the peer documents [P].
	other_filters: {
		values: Object.keys(INCIDENT_STATES),
		test: (incident, values) => values.every((value) => INCIDENT_STATES[value](incident)),
	},
	verdict_filters: {
		values: prefixed('verdict_', VERDICTS),
		test: (incident, values) => anyIn(incident.clearVerdicts, unprefixed(values, 'verdict_')),
	},
	disposition_filters: {
		values: DISPOSITIONS,
		test: (incident, values) => anyIn(incident.dispositions, values),
	},
	confidence_filters: {
		values: prefixed('confidence_', CONFIDENCES),
		test: (incident, values) => anyIn(incident.clearConfidences, unprefixed(values, 'confidence_')),
	},
	priority_filters: {
		values: PRIORITIES,
		test: (incident, values) => values.includes(incident.priority),
	},
};

const MESSAGE_FILTERS = {
	message_id_filters: {
		values: null,
		test: (message, ids) =>
			ids.some((id) => bareMessageId(id) === bareMessageId(message.messageId)),
	},
	recipient_address_filters: {
		values: null,
		test: (message, values) => values.some((value) => lower(value) === lower(message.recipient)),
	},
	sender_address_filters: {
		values: null,
		test: (message, values) => values.some((value) => lower(value) === lower(message.sender)),
	},
	// A subject filter is a substring, as the peer describes it [P]; case does not matter [I].
	subject_filters: {
		values: null,
		test: (message, values) =>
			values.some((value) => lower(message.subject).includes(lower(value))),
	},
	incident_id_filters: {
		values: null,
		numbers: true,
		test: (message, ids, { incidentById }) =>
			message.incidentIds.some((id) => isIncident(incidentById.get(id), ids)),
	},
	source_filters: {
		values: [...Object.keys(SOURCES), 'mail_bomb'],
		test: (message, values) => values.includes(message.source),
	},
	status_filters: {
		values: Object.keys(MESSAGE_STATUSES),
		test: (message, values) => values.some((value) => MESSAGE_STATUSES[value](message)),
	},
	// quarantine_<status> selects a remediation_status (quarantine_success → success) [M: a client's filter list; I: the pairing].
	quarantine_filters: {
		values: null,
		test: (message, values) => values.includes(`quarantine_${message.remediationStatus}`),
	},
	disposition_filters: {
		values: DISPOSITIONS,
		test: (message, values) => values.includes(message.disposition),
	},
	verdict_filters: {
		values: prefixed('verdict_', VERDICTS),
		test: (message, values) => unprefixed(values, 'verdict_').includes(message.clearVerdict),
	},
	confidence_filters: {
		values: prefixed('confidence_', CONFIDENCES),
		test: (message, values) => unprefixed(values, 'confidence_').includes(message.clearConfidence),
	},
};

function readTimeRange(range) {
	if (range === undefined || range === null) return {};
	if (!isPlainObject(range)) {
		return { error: 'filters.time_range_filter must be an object {"start", "end"}' };
	}
	const bounds = {};
	for (const edge of ['start', 'end']) {
		const value = range[edge];
		if (value === undefined || value === null || value === '') continue;
		const match = FILTER_TIME.exec(typeof value === 'string' ? value : '');
		const ms = match ? Date.parse(`${match[1]}T${match[2]}Z`) : NaN;
		if (Number.isNaN(ms)) {
			return {
				error: `filters.time_range_filter.${edge} must be a UTC time written YYYY-MM-DD HH:MM:SS, not ${JSON.stringify(value)}`,
			};
		}
		bounds[edge] = ms;
	}
	// Both edges are inclusive, to the whole second each names (the real API's edges are not public) [I].
	const { start = -Infinity, end = Infinity } = bounds;
	return { test: (time) => time >= start && time <= end };
}

function checkValues(key, values, filter) {
	const allowed = (value) =>
		typeof value === 'string' || (filter.numbers && Number.isInteger(value));
	if (!Array.isArray(values) || !values.every(allowed)) {
		return `filters.${key} must be a list of strings`;
	}
	const unknown = filter.values && values.find((value) => !filter.values.includes(value));
	// A value outside the documented list is refused, naming the filter (the real API's answer is not public) [I].
	if (unknown)
		return `filters.${key} has an unknown value "${unknown}": use one of ${filter.values.join(', ')}`;
	return undefined;
}

/** {test(record)} for a body's `filters`, or {error}. */
function readFilters(filters, { table, timeOf, lookup }) {
	if (filters === undefined || filters === null) return { test: () => true };
	if (!isPlainObject(filters)) return { error: 'filters must be a JSON object' };
	const checks = [];
	const range = readTimeRange(filters.time_range_filter);
	if (range.error) return range;
	if (range.test) checks.push((record) => range.test(timeOf(record)));
	for (const [key, filter] of Object.entries(table)) {
		const values = filters[key];
		if (values === undefined || values === null) continue;
		const error = checkValues(key, values, filter);
		if (error) return { error };
		if (values.length) checks.push((record) => filter.test(record, values, lookup));
	}
	// A key the API does not know (a plain `disposition`) is ignored without an error, as the peer's newest test says [P].
	return { test: (record) => checks.every((check) => check(record)) };
}

function readPage(body) {
	const startRow = body.startRow === undefined ? 0 : toInteger(body.startRow);
	if (startRow === undefined || startRow < 0) {
		return { error: 'startRow must be a whole number, 0 or more' };
	}
	const endRow = body.endRow === undefined ? startRow + MAX_ROWS : toInteger(body.endRow);
	if (endRow === undefined || endRow < startRow) {
		return { error: 'endRow must be a whole number, not below startRow' };
	}
	// endRow is exclusive [P]; a window of more than 100 rows is cut to 100 [I].
	return { startRow, endRow: Math.min(endRow, startRow + MAX_ROWS) };
}

function readSort(sortParams, { columns, defaultSort }) {
	const params =
		sortParams === undefined ||
		sortParams === null ||
		(Array.isArray(sortParams) && !sortParams.length)
			? [defaultSort]
			: sortParams;
	if (!Array.isArray(params)) return { error: 'sortParams must be a list of {"sort", "colId"}' };
	const keys = [];
	for (const [index, param] of params.entries()) {
		if (!isPlainObject(param) || !Object.hasOwn(columns, param.colId)) {
			return {
				error: `sortParams[${index}].colId must be one of ${Object.keys(columns).join(', ')}`,
			};
		}
		if (!['asc', 'desc'].includes(param.sort)) {
			return { error: `sortParams[${index}].sort must be asc or desc` };
		}
		keys.push({ valueOf: columns[param.colId], sign: param.sort === 'asc' ? 1 : -1 });
	}
	return {
		compare: (a, b) => {
			for (const { valueOf, sign } of keys) {
				const difference = (valueOf(a) - valueOf(b)) * sign;
				if (difference) return difference;
			}
			return 0;
		},
	};
}

/**
 * One page of `records` (kept oldest first, so equal sort keys keep a fixed order) for a search
 * body: {total, startRow, endRow, rows} or {error}.
 */
function search(records, body = {}, spec) {
	if (!isPlainObject(body)) return { error: 'The request body must be a JSON object' };
	const filter = readFilters(body.filters, spec);
	if (filter.error) return filter;
	const page = readPage(body);
	if (page.error) return page;
	const sort = readSort(body.sortParams, spec);
	if (sort.error) return sort;
	const matches = records.filter(filter.test).sort(sort.compare);
	const rows = matches.slice(page.startRow, page.endRow);
	// The answer's endRow is where the next page starts: startRow plus the rows sent [I].
	return {
		total: matches.length,
		startRow: page.startRow,
		endRow: page.startRow + rows.length,
		rows,
	};
}

/** {count} of the records a body's filters select, or {error}. */
function count(records, body = {}, spec) {
	if (!isPlainObject(body)) return { error: 'The request body must be a JSON object' };
	const filter = readFilters(body.filters, spec);
	return filter.error ? filter : { count: records.filter(filter.test).length };
}

const INCIDENT_SEARCH = {
	table: INCIDENT_FILTERS,
	// The time range selects by creation time [P: the peers filter and fetch by createdAt; none sends an update-time filter].
	timeOf: (incident) => incident.createdAt,
	columns: {
		createdAt: (incident) => incident.createdAt,
		updatedAt: (incident) => incident.updatedAt,
		displayId: (incident) => incident.displayId,
	},
	defaultSort: { sort: 'desc', colId: 'createdAt' },
};

const messageSearch = (lookup) => ({
	table: MESSAGE_FILTERS,
	// A message's time is when CTR received it, received_time, the column a client sorts by [M]; filtering on it is inferred [I].
	timeOf: (message) => message.createdAt,
	columns: {
		received_time: (message) => message.createdAt,
		received_at: (message) => message.receivedAt,
		created_at: (message) => message.createdAt,
		updated_at: (message) => message.updatedAt,
	},
	defaultSort: { sort: 'desc', colId: 'received_time' },
	lookup,
});

module.exports = { MAX_ROWS, INCIDENT_SEARCH, messageSearch, search, count };
