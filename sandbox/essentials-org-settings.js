'use strict';

// Organization sender lists and features (docs/api-facts.md#essentials-api). GET /orgs/{d}/sender-lists is
// confirmed; its write verbs come only from the spec-generated tools [S]: POST adds the entries
// given, DELETE removes them, PATCH replaces the lists given, and each needs at least one list.
const { json, noContent } = require('./http');
const { errorList } = require('./essentials-errors');

const LISTS = { allow_list: 'white_list_senders', block_list: 'black_list_senders' };
const SENDER = /^(\*@)?[^\s@/?#]+(@[^\s@/?#]+)?$/;

const senderLists = (org) => ({ allow_list: [...org.white_list_senders], block_list: [...org.black_list_senders] });

function getSenderLists({ record }) {
	return json(200, senderLists(record.org));
}

/** The lists a write names, checked: {lists: {allow_list?: […], block_list?: […]}} or {reply}. */
function listsOf(body) {
	if (!body || typeof body !== 'object' || Array.isArray(body)) return { reply: errorList(400, 'A JSON object with allow_list or block_list is required', '') };
	const named = Object.keys(LISTS).filter((name) => body[name] !== undefined);
	if (named.length === 0) return { reply: errorList(400, 'At least one list must be specified', '') };
	for (const name of named) {
		const list = body[name];
		if (!Array.isArray(list) || !list.every((entry) => typeof entry === 'string' && SENDER.test(entry.trim()))) {
			return { reply: errorList(400, `${name} must be a list of addresses or *@domain patterns`, name) };
		}
	}
	return { lists: Object.fromEntries(named.map((name) => [name, body[name].map((entry) => entry.trim())])) };
}

function writeSenderLists(change) {
	return ({ record, body }) => {
		const { lists, reply } = listsOf(body);
		if (reply) return reply;
		for (const [name, entries] of Object.entries(lists)) {
			const key = LISTS[name];
			record.org[key] = change(record.org[key], entries);
		}
		return json(200, senderLists(record.org));
	};
}

const same = (a, b) => a.toLowerCase() === b.toLowerCase();
const addSenders = writeSenderLists((current, entries) => [...current, ...entries.filter((entry) => !current.some((old) => same(old, entry)))]);
const removeSenders = writeSenderLists((current, entries) => current.filter((old) => !entries.some((entry) => same(old, entry))));
const replaceSenders = writeSenderLists((_, entries) => entries);

// Which features each package carries (docs/api-facts.md#essentials-api: keys depend on the package [I]).
const PACKAGE_FEATURES = {
	beginner: { url_defense: true, attachment_defense: false, anti_spoofing: true, email_warning_tags: false, outbound_relaying: true, disclaimers: false },
	business: { url_defense: true, attachment_defense: true, anti_spoofing: true, email_warning_tags: true, outbound_relaying: true, disclaimers: true, instant_replay: 30 },
	advanced: {
		url_defense: true, attachment_defense: true, anti_spoofing: true, email_warning_tags: true, outbound_relaying: true, disclaimers: true,
		instant_replay: 30, dlp: false, email_encryption: false, smtp_discovery: false, automatic_remediation: true,
	},
	professional: {
		url_defense: true, attachment_defense: true, anti_spoofing: true, email_warning_tags: true, outbound_relaying: true, disclaimers: true,
		instant_replay: 30, dlp: true, email_encryption: true, smtp_discovery: true, automatic_remediation: true, email_archive: true,
	},
};

function featuresOf(record) {
	record.features ??= { ...(PACKAGE_FEATURES[record.org.licensing_package] ?? PACKAGE_FEATURES.business) };
	return record.features;
}

function getFeatures({ record }) {
	return json(200, featuresOf(record));
}

/** PUT the features back: only keys the package has, booleans (instant_replay: whole days, 0 = off). */
function putFeatures({ record, body }) {
	if (!body || typeof body !== 'object' || Array.isArray(body)) return errorList(400, 'A JSON object of features is required', '');
	const features = featuresOf(record);
	for (const [key, value] of Object.entries(body)) {
		if (!(key in features)) return errorList(400, `Feature ${key} is not part of the ${record.org.licensing_package} package`, key);
		const valid = key === 'instant_replay' ? Number.isInteger(value) && value >= 0 : typeof value === 'boolean';
		if (!valid) return errorList(400, `Feature ${key} has an invalid value`, key);
	}
	Object.assign(features, body);
	return noContent();
}

module.exports = { getSenderLists, addSenders, removeSenders, replaceSenders, getFeatures, putFeatures, PACKAGE_FEATURES };
