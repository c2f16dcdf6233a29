'use strict';

const { createRandom } = require('./random');
const {
	SOURCES,
	mailboxesOf,
	drawIncident,
	generateIncidents,
	titleOf,
	summaryOf,
	messageItemOf,
} = require('./threat-protection-data');

/*
 * The Cloud Threat Response records behind the sandbox: the seeded incidents of the 30 days
 * before the sandbox started (made when first asked for), incidents arriving on the sandbox
 * clock, and the ones a test adds or updates. Lists stay oldest first.
 */

const INCIDENT_FIELDS = {
	title: (value) => typeof value === 'string',
	description: (value) => value === null || typeof value === 'string',
	state: (value) => ['open', 'closed'].includes(value),
	priority: (value) => value === null || ['high', 'medium', 'low'].includes(value),
	vap: (value) => typeof value === 'boolean',
	dispositions: Array.isArray,
	clearVerdicts: (value) => value === null || Array.isArray(value),
	clearConfidences: (value) => value === null || Array.isArray(value),
	assignedUserName: (value) => value === null || typeof value === 'string',
};
// A test names a message's fields as the message search answers them.
const MESSAGE_FIELDS = {
	sender_address: 'sender',
	recipient_address: 'recipient',
	email_subject: 'subject',
	message_id: 'messageId',
	pps_guid: 'ppsGuid',
	received_at: 'receivedAt',
	disposition: 'disposition',
	clear_verdict: 'clearVerdict',
	clear_confidence: 'clearConfidence',
	remediation_status: 'remediationStatus',
};

function toMs(value, fallback) {
	if (value === undefined || value === null) return fallback;
	const ms =
		value instanceof Date ? value.getTime() : typeof value === 'number' ? value : Date.parse(value);
	if (Number.isNaN(ms)) throw new Error(`Not a time: ${value}`);
	return ms;
}

/** Index of the first record created after `time`: where a record of that time goes. */
function insertionPoint(list, time) {
	let low = 0;
	let high = list.length;
	while (low < high) {
		const middle = (low + high) >>> 1;
		if (list[middle].createdAt <= time) low = middle + 1;
		else high = middle;
	}
	return low;
}

function setIncidentFields(incident, fields, at) {
	for (const [field, value] of Object.entries(fields)) {
		if (!Object.hasOwn(INCIDENT_FIELDS, field)) {
			throw new Error(
				`Unknown incident field ${field}; use ${Object.keys(INCIDENT_FIELDS).join(', ')}, createdAt, updatedAt`,
			);
		}
		if (!INCIDENT_FIELDS[field](value)) {
			throw new Error(`Invalid ${field}: ${JSON.stringify(value)}`);
		}
		incident[field] = Array.isArray(value) ? [...value] : value;
	}
	if (fields.state === 'closed' && incident.closedAt === null) incident.closedAt = at;
	if (fields.state === 'open') incident.closedAt = null;
}

function setMessageFields(message, fields) {
	for (const [field, value] of Object.entries(fields)) {
		if (!Object.hasOwn(MESSAGE_FIELDS, field)) {
			throw new Error(
				`Unknown message field ${field}; use ${Object.keys(MESSAGE_FIELDS).join(', ')}`,
			);
		}
		message[MESSAGE_FIELDS[field]] = field === 'received_at' ? toMs(value) : value;
	}
}

function createStore({ config, tenant, anchor, clock }) {
	const incidents = [];
	const messages = [];
	const incidentById = new Map();
	const messageById = new Map();
	const mailboxes = mailboxesOf(tenant);
	const departed = new Set(mailboxes.departed.map((address) => address.toLowerCase()));
	const added = createRandom(config.seed * 131 + 17);
	const arriving = createRandom(config.seed * 31 + 7);
	let generated = false;
	let arrivals = 0;
	let nextDisplayId = 1001 + config.incidentCount;

	function insert({ incident, messages: incidentMessages }) {
		incidents.splice(insertionPoint(incidents, incident.createdAt), 0, incident);
		incidentById.set(incident.id, incident);
		for (const message of incidentMessages) {
			messages.splice(insertionPoint(messages, message.createdAt), 0, message);
			messageById.set(message.id, message);
		}
	}

	// Every `everyMs` of the sandbox clock one incident arrives (it exists from then on); about a
	// third were created up to `lateMs` earlier, as late as SIEM events can be indexed.
	function arrive(now) {
		const { everyMs, lateMs = 0 } = config.arrivals ?? {};
		if (!(everyMs > 0)) return;
		while (anchor + (arrivals + 1) * everyMs <= now) {
			arrivals += 1;
			const arrivedAt = anchor + arrivals * everyMs;
			const late = lateMs > 0 && arriving.chance(0.35) ? arriving.int(1, lateMs) : 0;
			const drawn = drawIncident(arriving, {
				createdAt: arrivedAt - late,
				now: arrivedAt,
				displayId: nextDisplayId++,
				mailboxes,
				fresh: true,
			});
			insert(drawn);
		}
	}

	/** Brings the records up to the sandbox clock: the seeded set once, then the arrivals due. */
	function catchUp() {
		if (!generated) {
			generated = true;
			const { seed, incidentCount: count, spanDays } = config;
			for (const drawn of generateIncidents({ seed, count, spanDays, anchor, mailboxes }))
				insert(drawn);
		}
		arrive(clock());
	}

	function addIncident(partial = {}) {
		const { messages: messageParts, createdAt, updatedAt, source, ...fields } = partial;
		if (source !== undefined && !Object.hasOwn(SOURCES, source)) {
			throw new Error(`Unknown source ${source}; use one of ${Object.keys(SOURCES).join(', ')}`);
		}
		const now = clock();
		const created = toMs(createdAt, now);
		const updated = Math.max(created, toMs(updatedAt, now));
		const drawn = drawIncident(added, {
			createdAt: created,
			now: updated,
			displayId: nextDisplayId++,
			mailboxes,
			messageCount: messageParts?.length,
			source,
			fresh: true,
		});
		const { incident } = drawn;
		setIncidentFields(incident, fields, updated);
		drawn.messages.forEach((message, index) => {
			if (fields.dispositions) message.disposition = fields.dispositions[0];
			setMessageFields(message, messageParts?.[index] ?? {});
		});
		if (fields.title === undefined) {
			const [first] = drawn.messages;
			incident.title = titleOf(incident.source, first.recipient, first.subject);
		}
		insert(drawn);
		return summaryOf(incident);
	}

	function updateIncident(id, changes = {}) {
		const incident = incidentById.get(id);
		if (!incident) throw new Error(`No incident ${id} in the sandbox`);
		const { updatedAt, ...fields } = changes;
		const at = toMs(updatedAt, clock());
		setIncidentFields(incident, fields, at);
		incident.updatedAt = at;
		return summaryOf(incident);
	}

	return {
		incidents,
		messages,
		incidentById,
		messageById,
		catchUp,
		isDeparted: (address) => departed.has(String(address).toLowerCase()),
		messagesOf: (incident) => incident.messageIds.map((id) => messageById.get(id)),
		addActivity(incident, activity) {
			incident.activities.push(activity);
			incident.updatedAt = Math.max(incident.updatedAt, activity.at);
		},
		// The caller brings the records up to the clock (catchUp) before each of these.
		api: {
			incidents: () => incidents.map(summaryOf),
			messages: () => messages.map((message) => messageItemOf(message, incidentById)),
			addIncident,
			updateIncident,
		},
	};
}

module.exports = { createStore };
