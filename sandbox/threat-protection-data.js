'use strict';

const { json } = require('./http');
const { createRandom } = require('./random');
const { isTrue } = require('./coerce');

/*
 * Cloud Threat Response incidents and their messages (docs/api-facts.md#threat-protection-api-in-the-sandbox).
 * Records keep their times as epoch milliseconds; the shape functions write them as the API does.
 * Field names come from the XSOAR CTR pack's test data and README [P]; where a value's meaning is
 * the sandbox's own, the constant says so.
 */

const MINUTE_MS = 60 * 1000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

// A source as the filter names it, as an incident's sourceTypes names it, and its sourcesData entry [P; I: the last two types].
const SOURCES = {
	abuse_mailbox: {
		sourceType: 'abuse_mailbox',
		data: { type: 'AbuseMailbox', name: 'Proofpoint CLEAR' },
	},
	tap: { sourceType: 'tap_alert', data: { type: 'TapAlert' } },
	smart_search: { sourceType: 'smart_search', data: { type: 'SmartSearch' } },
	message_csv_upload: { sourceType: 'message_csv_upload', data: { type: 'MessageCsvUpload' } },
};
const SOURCE_SHARES = [
	['abuse_mailbox', 0.45],
	['tap', 0.8],
	['smart_search', 0.92],
	['message_csv_upload', 1],
];
// A CLEAR verdict and the dispositions that go with it (the pairing is the sandbox's own [I]).
const VERDICT_DISPOSITIONS = {
	threat: ['phish', 'malware', 'impostor', 'toad', 'scam'],
	low_risk: ['low_risk', 'clean', 'spam', 'bulk'],
	manual_review: ['manual_review', 'suspicious'],
	failed: ['not_set'],
};
const VERDICTS = Object.keys(VERDICT_DISPOSITIONS);
const DISPOSITIONS = [
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
];
const CONFIDENCES = ['high', 'medium', 'low'];
const PRIORITIES = ['high', 'medium', 'low'];

const SENDERS = [
	'accounts@billing-notices.example',
	'no-reply@secure-mailer.test',
	'hr@hr-portal-updates.example',
	'tracking@parcel-tracking.test',
	'share@docs-sharing.example',
	'ceo.office@exec-mail.test',
];
const SUBJECTS = {
	threat: [
		'Your password expires today',
		'Invoice #48213 overdue',
		'Wire transfer needed today',
		'Document shared with you',
	],
	low_risk: ['Weekly newsletter', 'Your order has shipped', 'Limited time discount'],
	manual_review: ['Please review the attached', 'Quick favour', 'Updated payment details'],
	failed: ['(no subject)'],
};
const ANALYSTS = [null, null, 'Sam Rivera', 'Priya Shah'];

// The team every incident is assigned to, and the tenant: fixed ids, as one tenant has them.
const TENANT_ID = '7c1f3a52-0d4e-4b8a-9f61-2e5d8c0b7a13';
const TEAM = { id: '3b9e6d21-5a7c-4f08-b2d4-91c6e0f5a7b8', name: 'SOC_Analyst' };
const ABUSE_SOURCE_ID = 'a45d0c3e-8f12-4b6a-9d27-5e1b3c7f9a04';

/** A Cloud Threat Response error: {"errorMessage"}, the field a client reads [M: a third-party Python client]. */
const ctrError = (status, message) => json(status, { errorMessage: message });

const isoOffset = (ms) => new Date(ms).toISOString().replace(/Z$/, '+00:00');
const isoLocal = (ms) => new Date(ms).toISOString().replace(/Z$/, '');
const nullableIso = (ms) => (ms === null ? null : isoOffset(ms));
const defang = (text) => text.replace(/@/g, '[@]').replace(/\./g, '[.]');
const bareMessageId = (value) => String(value).trim().replace(/^<|>$/g, '');

/** The recipients of the TAP org (the tenant's first customer org): active mailboxes, and ones whose user has left. */
function mailboxesOf(tenant) {
	const records = Object.values(tenant.orgs);
	const record = records.find((candidate) => candidate.org.type === 'organization') ?? records[0];
	const users = record.users.filter((user) => user.type !== 'silent_user');
	const active = users.filter((user) => isTrue(user.is_active)).map((user) => user.primary_email);
	return {
		active: active.length ? active : [`postmaster@${record.org.primary_domain}`],
		// A departed user's mailbox is gone: pulling a message from it fails with mailbox_not_found [I].
		departed: users.filter((user) => !isTrue(user.is_active)).map((user) => user.primary_email),
	};
}

function pickSource(random) {
	const roll = random.next();
	return SOURCE_SHARES.find(([, share]) => roll < share)[0];
}

function titleOf(source, recipient, subject) {
	if (source === 'abuse_mailbox') return `${defang(recipient)} reported a message "${subject}"`;
	if (source === 'tap') return `Message Delivered to ${defang(recipient)} with a malicious link`;
	if (source === 'smart_search') return `Smart Search import: "${subject}"`;
	return `Message CSV upload: "${subject}"`;
}

/**
 * Draws an incident created at `createdAt` with `messageCount` messages, as records
 * {incident, messages}. `now` caps its last update and decides how likely it is closed; a
 * `fresh` one is open and updated at `now`, as one that just arrived.
 */
function drawIncident(
	random,
	{ createdAt, now, displayId, mailboxes, messageCount, source: given, fresh = false },
) {
	const source = given ?? pickSource(random);
	const verdict = random.pick(source === 'tap' ? ['threat'] : VERDICTS);
	const disposition = random.pick(VERDICT_DISPOSITIONS[verdict]);
	const confidence = random.pick(CONFIDENCES);
	const age = now - createdAt;
	const closed = !fresh && random.chance(age > 2 * DAY_MS ? 0.75 : 0.15);
	const updatedAt = fresh ? now : createdAt + random.int(0, Math.min(6 * HOUR_MS, age));
	const count = messageCount ?? random.int(1, 3);
	const recipients = Array.from({ length: count }, () =>
		mailboxes.departed.length && random.chance(0.04)
			? random.pick(mailboxes.departed)
			: random.pick(mailboxes.active),
	);
	const subject = random.pick(SUBJECTS[verdict]);
	const incident = {
		id: random.uuid(),
		displayId,
		createdAt,
		updatedAt,
		openedAt: createdAt,
		closedAt: closed ? updatedAt : null,
		title: titleOf(source, recipients[0], subject),
		description: null,
		priority: random.pick([...PRIORITIES, null]),
		state: closed ? 'closed' : 'open',
		assignedTeamId: TEAM.id,
		assignedTeamName: TEAM.name,
		assignedUserName: random.pick(ANALYSTS),
		vap: random.chance(0.08),
		source,
		dispositions: [disposition],
		// CLEAR verdicts come from abuse-mailbox reports; the peer's TAP incident has none [P].
		clearVerdicts: source === 'abuse_mailbox' ? [verdict] : null,
		clearConfidences: source === 'abuse_mailbox' ? [confidence] : null,
		creationActivityId: random.uuid(),
		activities: [],
		messageIds: [],
	};
	incident.assignedUserId = incident.assignedUserName ? random.uuid() : null;
	// One mail to several recipients: one email id, sender and Message-ID header, a message record each.
	const mail = {
		emailId: random.uuid(),
		senderId: random.uuid(),
		sender: random.pick(SENDERS),
		subject,
		verdict,
		confidence,
	};
	mail.messageId = `<${random.words(3)}@${mail.sender.split('@')[1]}>`;
	const messages = recipients.map((recipient) => drawMessage(random, incident, mail, recipient));
	incident.messageIds = messages.map((message) => message.id);
	return { incident, messages };
}

function drawMessage(random, incident, mail, recipient) {
	const { verdict, confidence } = mail;
	const pulled = incident.state === 'closed' && verdict === 'threat' && random.chance(0.6);
	return {
		id: random.uuid(),
		emailId: mail.emailId,
		senderId: mail.senderId,
		sourceId: random.uuid(),
		subject: mail.subject,
		sender: mail.sender,
		recipient,
		messageId: mail.messageId,
		ppsGuid: random.words(4).slice(0, 32),
		receivedAt: incident.createdAt - random.int(MINUTE_MS, 3 * HOUR_MS),
		createdAt: incident.createdAt,
		updatedAt: incident.updatedAt,
		disposition: incident.dispositions[0],
		clearVerdict: incident.clearVerdicts ? verdict : null,
		clearConfidence: incident.clearConfidences ? confidence : null,
		remediationStatus: pulled ? 'success' : 'not_attempted',
		source: incident.source,
		vap: incident.vap,
		isRead: random.chance(0.5),
		permittedClicks: incident.source === 'tap' ? random.int(0, 2) : 0,
		incidentIds: [incident.id],
		timeline: [],
	};
}

/** `count` incidents spread over the `spanDays` before `anchor`, display ids rising with time. */
function generateIncidents({ seed, count, spanDays, anchor, mailboxes }) {
	const random = createRandom(seed);
	const times = Array.from(
		{ length: count },
		() => anchor - Math.floor(random.next() * spanDays * DAY_MS),
	);
	times.sort((a, b) => a - b);
	return times.map((createdAt, index) =>
		drawIncident(random, { createdAt, now: anchor, displayId: 1001 + index, mailboxes }),
	);
}

function summaryOf(incident) {
	const source = SOURCES[incident.source];
	return {
		id: incident.id,
		createdAt: isoOffset(incident.createdAt),
		updatedAt: isoOffset(incident.updatedAt),
		tenantId: TENANT_ID,
		closedAt: nullableIso(incident.closedAt),
		titlePII: incident.title,
		displayId: incident.displayId,
		priority: incident.priority,
		title: incident.title,
		state: incident.state,
		assignedTeamName: incident.assignedTeamName,
		assignedUserName: incident.assignedUserName,
		assignedTeamId: incident.assignedTeamId,
		assignedUserId: incident.assignedUserId,
		messageCount: incident.messageIds.length,
		vap: incident.vap,
		abuseSourceIds: incident.source === 'abuse_mailbox' ? [ABUSE_SOURCE_ID] : null,
		sourceTypes: [source.sourceType],
		sourcesData: [{ ...source.data }],
		commentCount: 0,
		dispositions: [...incident.dispositions],
		clearVerdicts: incident.clearVerdicts && [...incident.clearVerdicts],
		clearConfidences: incident.clearConfidences && [...incident.clearConfidences],
	};
}

function activityOf(incident, { id, type, at, details, workflowName = null }) {
	return {
		id,
		content: null,
		tenant_id: TENANT_ID,
		cause_type: type === 'incident_creation' ? 'system' : 'history',
		comment_id: null,
		created_at: isoLocal(at),
		updated_at: isoLocal(at),
		incident_id: incident.id,
		occurred_at: isoLocal(at),
		activity_type: type,
		causing_api_key: null,
		activity_details: details,
		causing_user_name: null,
		causing_workflow_name: workflowName,
	};
}

/** GET /incidents/{id}: the summary fields of the peer's incident_get.json, comments and activities [P]. */
function detailOf(incident) {
	const creation = activityOf(incident, {
		id: incident.creationActivityId,
		type: 'incident_creation',
		at: incident.createdAt,
		details: {
			source_name: SOURCES[incident.source].data.name ?? SOURCES[incident.source].data.type,
			initial_title: incident.title,
			message_count: incident.messageIds.length,
			initial_team_name: incident.assignedTeamName,
			initial_priority: incident.priority,
		},
	});
	return {
		summary: {
			id: incident.id,
			createdAt: isoOffset(incident.createdAt),
			updatedAt: isoOffset(incident.updatedAt),
			tenantId: TENANT_ID,
			titlePII: incident.title,
			displayId: incident.displayId,
			priority: incident.priority,
			state: incident.state,
			title: incident.title,
			description: incident.description,
			closedAt: nullableIso(incident.closedAt),
			openedAt: isoOffset(incident.openedAt),
			assignedTeamId: incident.assignedTeamId,
			assignedTeamName: incident.assignedTeamName,
			assignedApplicationUserId: incident.assignedUserId,
			assignedApplicationUserName: incident.assignedUserName,
			falsePositiveCount: 0,
			messageCount: incident.messageIds.length,
			messageSourceData: {
				hasTapAlert: incident.source === 'tap',
				hasAbuseAlert: incident.source === 'abuse_mailbox',
				hasSmartSearchImport: incident.source === 'smart_search',
				hasMessageCsvUpload: incident.source === 'message_csv_upload',
				hasWorkbenchEvent: false,
				hasImdAlert: false,
				hasMailBombAlert: false,
			},
		},
		comments: [],
		activities: [
			creation,
			...incident.activities.map((activity) => activityOf(incident, activity)),
		],
	};
}

/** A message as the search answers it: snake_case, as the peer's README example shows [P]. */
function messageItemOf(message, incidentById) {
	return {
		id: message.id,
		email_id: message.emailId,
		email_recipient_id: message.id,
		email_subject: message.subject,
		sender_address: message.sender,
		sender_id: message.senderId,
		recipient_address: message.recipient,
		message_id: message.messageId,
		pps_guid: message.ppsGuid,
		received_at: isoOffset(message.receivedAt),
		received_time: isoOffset(message.createdAt),
		created_at: isoLocal(message.createdAt),
		updated_at: isoLocal(message.updatedAt),
		disposition: message.disposition,
		clear_verdict: message.clearVerdict,
		clear_confidence: message.clearConfidence,
		remediation_status: message.remediationStatus,
		remediation_status_context: null,
		quarantine_strategy: null,
		incidents: message.incidentIds.map((id) => {
			const incident = incidentById.get(id);
			return { id, display_id: incident.displayId, title: incident.title, link_attribute: null };
		}),
		sources: [{ id: message.sourceId, type: SOURCES[message.source].data.type }],
		tap_threat_types: message.source === 'tap' ? ['delivered_url_threat'] : [],
		vap: message.vap,
		message_status: {
			is_read: message.isRead,
			message_delivered: true,
			permitted_clicks: message.permittedClicks,
		},
		tenant_id: TENANT_ID,
	};
}

const camelKey = (key) => key.replace(/_([a-z])/g, (_, letter) => letter.toUpperCase());

function camelCased(value) {
	if (Array.isArray(value)) return value.map(camelCased);
	if (value === null || typeof value !== 'object') return value;
	return Object.fromEntries(
		Object.entries(value).map(([key, item]) => [camelKey(key), camelCased(item)]),
	);
}

/** GET /messages/{id}: camelCase fields under `details`, receivedAt in epoch milliseconds, as the peer's test has it [P]. */
function messageDetailOf(message, incidentById) {
	const details = camelCased(messageItemOf(message, incidentById));
	details.receivedAt = message.receivedAt;
	return { details, timeline: message.timeline.map((entry) => ({ ...entry })), comments: [] };
}

module.exports = {
	SOURCES,
	DISPOSITIONS,
	CONFIDENCES,
	PRIORITIES,
	VERDICTS,
	DAY_MS,
	ctrError,
	isoOffset,
	bareMessageId,
	mailboxesOf,
	drawIncident,
	generateIncidents,
	titleOf,
	summaryOf,
	detailOf,
	messageItemOf,
	messageDetailOf,
};
