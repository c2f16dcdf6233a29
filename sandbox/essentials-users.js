'use strict';

const { json, rawJson, noContent } = require('./http');
const { coerceFields, toBoolean, USER_TYPES } = require('./coerce');
const { errorList } = require('./essentials-errors');
const { findUser, findUserAnywhere, makeUser, userListBody, usersChanged } = require('./tenant');

const USER_FIELDS = {
	uid: 'integer',
	primary_email: 'email',
	firstname: 'string',
	surname: 'string',
	alias_emails: 'emailList',
	type: USER_TYPES,
	is_active: 'boolean',
	is_billable: 'boolean',
	read_only_user: 'boolean',
	white_list_senders: 'stringList',
	black_list_senders: 'stringList',
	odin_settings: 'object',
	send_welcome_email: 'boolean',
};

const userNotFound = (record, email) =>
	errorList(404, `User ${email} not found in organization ${record.org.primary_domain}`, email);

const isNonBillable = (user) => toBoolean(user.is_billable) === false;
const nonBillableTaken = (record, except) =>
	record.users.some((user) => user !== except && isNonBillable(user));
const NON_BILLABLE_LIMIT = 'Only one user per organization can be non-billable';

function ownsEmail(record, email) {
	const domain = email.slice(email.lastIndexOf('@') + 1).toLowerCase();
	return record.org.domains.some((d) => d.name === domain);
}

const list = ({ record }) => rawJson(200, userListBody(record));

function get({ record, params }) {
	const user = findUser(record, params.email);
	return user ? json(200, user) : userNotFound(record, params.email);
}

/** Returns {user} or {reply} for one item of a POST body. */
function prepareNewUser(tenant, record, item, emailsInBatch) {
	const { values, error, field } = coerceFields(item, USER_FIELDS);
	if (error) return { reply: errorList(400, error, field) };
	const email = values.primary_email;
	if (!email) return { reply: errorList(400, 'primary_email is required', 'primary_email') };
	if (!ownsEmail(record, email)) {
		return {
			reply: errorList(400, `${email} is not in a domain of ${record.org.primary_domain}`, email),
		};
	}
	if (findUserAnywhere(tenant, email) || emailsInBatch.has(email.toLowerCase())) {
		return { reply: errorList(409, `User ${email} already exists`, email) };
	}
	emailsInBatch.add(email.toLowerCase());
	delete values.uid;
	// send_welcome_email only triggers a mail; it is not part of the stored user.
	delete values.send_welcome_email;
	return { user: makeUser(values) };
}

// One object or a list; all-or-nothing (the 207 mixed-result form is low-trust, not modelled) [I].
function create({ tenant, record, body }) {
	const items = Array.isArray(body) ? body : [body];
	if (items.length === 0) return errorList(400, 'No users given', '');
	const emailsInBatch = new Set();
	const created = [];
	for (const item of items) {
		const { user, reply } = prepareNewUser(tenant, record, item, emailsInBatch);
		if (reply) return reply;
		created.push(user);
	}
	if (record.users.concat(created).filter(isNonBillable).length > 1) {
		return errorList(400, NON_BILLABLE_LIMIT, '');
	}
	for (const user of created) {
		user.uid = tenant.counters.uid++;
		record.users.push(user);
	}
	usersChanged(record);
	// The create response shape is only known for orgs (legacy); the sandbox reuses it [I].
	return json(201, { total_created: created.length, fail_results: [] });
}

function update({ record, params, body }) {
	const user = findUser(record, params.email);
	if (!user) return userNotFound(record, params.email);
	const { values, error, field } = coerceFields(body, USER_FIELDS);
	if (error) return errorList(400, error, field);
	if (values.uid !== undefined && String(values.uid) !== String(user.uid)) {
		return errorList(
			400,
			`uid ${values.uid} does not match ${user.primary_email} (uid ${user.uid})`,
			'uid',
		);
	}
	if (
		values.primary_email !== undefined &&
		values.primary_email.toLowerCase() !== user.primary_email.toLowerCase()
	) {
		return errorList(
			400,
			`primary_email cannot be changed (${user.primary_email})`,
			'primary_email',
		);
	}
	if (values.is_billable === false && nonBillableTaken(record, user)) {
		return errorList(400, NON_BILLABLE_LIMIT, 'is_billable');
	}
	delete values.uid;
	delete values.primary_email;
	delete values.send_welcome_email;
	Object.assign(user, values);
	usersChanged(record, { sameMembers: true });
	return noContent();
}

function remove({ record, params }) {
	const user = findUser(record, params.email);
	if (!user) return userNotFound(record, params.email);
	record.users.splice(record.users.indexOf(user), 1);
	usersChanged(record);
	return noContent();
}

module.exports = { list, get, create, update, remove };
