'use strict';

const { json } = require('./http');
const { isPlainObject } = require('./coerce');

/*
 * PoD organizational block and safe lists, one pair per cluster: GET the entries, POST one add or
 * delete [P: XSOAR ProofpointThreatProtection and its mock server]. Errors are {"errors": [...]}, as the
 * mock server writes them [P]; their wording is the sandbox's own.
 */

const LISTS = ['orgBlockList', 'orgSafeList'];
const ACTIONS = ['add', 'delete'];
const ATTRIBUTES = ['$from', '$hfrom', '$ip', '$host', '$helo', '$rcpt'];
const OPERATORS = {
	orgBlockList: ['equal', 'not_equal', 'contain', 'not_contain'],
	// The peers disagree on the safe list: the TP pack's yml offers all four block-list operators;
	// the sandbox follows the CTR pack (equal, contain, is_in_list), whose first two the TP mock server also takes [?].
	orgSafeList: ['equal', 'contain', 'is_in_list'],
};
const COMMENT_MAX = 150;

const SEEDS = {
	'sandbox-cluster': {
		orgBlockList: [
			{
				attribute: '$from',
				operator: 'equal',
				value: 'billing@invoice-alerts.test',
				comment: 'Invoice phish, INC-1001',
			},
			{
				attribute: '$hfrom',
				operator: 'contain',
				value: 'secure-mailer.test',
				comment: 'Credential phish campaign',
			},
			{ attribute: '$ip', operator: 'equal', value: '203.0.113.45', comment: 'Spam relay' },
		],
		orgSafeList: [
			{
				attribute: '$from',
				operator: 'equal',
				value: 'payroll@partner.example',
				comment: 'Payroll provider',
			},
			{
				attribute: '$host',
				operator: 'contain',
				value: 'mail.partner.example',
				comment: 'Partner relay',
			},
		],
	},
	'sandbox-cluster-eu': {
		orgBlockList: [
			{
				attribute: '$from',
				operator: 'equal',
				value: 'noreply@parcel-tracking.test',
				comment: 'Parcel smishing lure',
			},
		],
		orgSafeList: [
			{
				attribute: '$hfrom',
				operator: 'equal',
				value: 'newsletter@acme-eu.example',
				comment: 'Own newsletter',
			},
		],
	},
};

const copyEntries = (entries) => entries.map((entry) => ({ ...entry }));
const errors = (status, message) => json(status, { errors: [message] });
const describe = (entry) => `${entry.attribute} ${entry.operator} ${entry.value}`;

// One entry per attribute, operator and value; values compare without case [I].
const sameEntry = (a, b) =>
	a.attribute === b.attribute &&
	a.operator === b.operator &&
	a.value.toLowerCase() === b.value.toLowerCase();

/** A POST body's entry, or the first field that is wrong: {entry, action} or {error}. */
function readChange(list, body) {
	if (!isPlainObject(body)) return { error: 'Bad request: the body must be a JSON object' };
	const oneOf = (field, allowed) =>
		allowed.includes(body[field])
			? undefined
			: `Bad request: ${field} ${JSON.stringify(body[field] ?? null)} is not one of ${allowed.join(', ')}`;
	const problem =
		oneOf('action', ACTIONS) ??
		oneOf('attribute', ATTRIBUTES) ??
		(OPERATORS[list].includes(body.operator)
			? undefined
			: `Bad request: operator ${JSON.stringify(body.operator ?? null)} is not one of ${OPERATORS[list].join(', ')} on the ${list}`);
	if (problem) return { error: problem };
	if (typeof body.value !== 'string' || !body.value.trim()) {
		return { error: 'Bad request: value must be a non-empty string' };
	}
	const comment = body.comment ?? '';
	if (typeof comment !== 'string' || comment.length > COMMENT_MAX) {
		return { error: `Bad request: comment must be a string of at most ${COMMENT_MAX} characters` };
	}
	return {
		action: body.action,
		entry: { attribute: body.attribute, operator: body.operator, value: body.value, comment },
	};
}

function createLists() {
	const clusters = new Map(
		Object.entries(SEEDS).map(([cluster, lists]) => [
			cluster,
			{
				orgBlockList: copyEntries(lists.orgBlockList),
				orgSafeList: copyEntries(lists.orgSafeList),
			},
		]),
	);

	function checkList(list) {
		if (!LISTS.includes(list))
			throw new Error(`Unknown list ${list}; use one of ${LISTS.join(', ')}`);
	}

	/** The cluster's lists, or the 400/404 answer for a missing or unknown clusterId. */
	function clusterOf(query) {
		const id = query.clusterId;
		if (id === undefined || id === '') {
			return { reply: errors(400, 'Bad request: the clusterId query parameter is required') };
		}
		// An unknown cluster is a 404 naming it (the real API's answer is not public) [I].
		if (!clusters.has(id)) return { reply: errors(404, `Cluster ${id} not found`) };
		return { lists: clusters.get(id) };
	}

	function get(request, { list }) {
		const { lists, reply } = clusterOf(request.query);
		return reply ?? json(200, { entries: copyEntries(lists[list]) });
	}

	function change(request, { list }) {
		const { lists, reply } = clusterOf(request.query);
		if (reply) return reply;
		const { action, entry, error } = readChange(list, request.malformed ? undefined : request.body);
		if (error) return errors(400, error);
		const entries = lists[list];
		const at = entries.findIndex((existing) => sameEntry(existing, entry));
		// The real API's answers to a repeated add and to deleting an absent entry are not public: 400 and 404 [I].
		if (action === 'add') {
			if (at >= 0)
				return errors(400, `Bad request: ${describe(entry)} already exists in the ${list}`);
			entries.push(entry);
			// The answer echoes the entry, as the mock server's response model does [P].
			return json(200, { ...entry });
		}
		if (at < 0) return errors(404, `${describe(entry)} is not in the ${list}`);
		const [removed] = entries.splice(at, 1);
		return json(200, { ...removed });
	}

	return {
		get,
		change,
		api: {
			lists(clusterId, list) {
				checkList(list);
				if (!clusters.has(clusterId)) throw new Error(`No cluster ${clusterId} in the sandbox`);
				return copyEntries(clusters.get(clusterId)[list]);
			},
			/** Replaces a list's entries (a new cluster id starts with two empty lists). */
			setList(clusterId, list, entries) {
				checkList(list);
				if (!clusters.has(clusterId))
					clusters.set(clusterId, { orgBlockList: [], orgSafeList: [] });
				clusters.get(clusterId)[list] = entries.map((entry) => ({ comment: '', ...entry }));
			},
		},
	};
}

module.exports = { createLists, LISTS, ATTRIBUTES, OPERATORS, COMMENT_MAX };
