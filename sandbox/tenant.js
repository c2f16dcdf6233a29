'use strict';

const { isTrue } = require('./coerce');

const ESSENTIALS_STACKS = ['us1', 'us2', 'us3', 'us4', 'us5', 'eu1'];

/*
 * A tenant is {orgs, credentials, counters}. `orgs` maps an org's primary domain to a record
 * {org, stacks, parent, users, licensing}: `org` is exactly what GET /orgs/{d} returns,
 * `stacks` where it is served, `parent` the parent's primary domain (or null).
 */

function newTenant(credentials) {
	return { orgs: {}, credentials, counters: { uid: 5000001, eid: 910001 } };
}

function makeDomain(fields) {
	const name = fields.name.toLowerCase();
	return { is_active: true, is_relay: true, destination: '', failovers: [], ...fields, name };
}

function makeOrg(fields) {
	const primary = fields.primary_domain.toLowerCase();
	const domains = (fields.domains ?? []).map(makeDomain);
	if (!domains.some((domain) => domain.name === primary)) {
		domains.unshift(makeDomain({ name: primary }));
	}
	return {
		eid: 0,
		name: primary,
		primary_domain: primary,
		type: 'organization',
		is_active: true,
		licensing_package: 'business',
		is_on_trial: false,
		user_licenses: 0,
		active_users: 0,
		when_renewal: null,
		www: null,
		address: null,
		postcode: null,
		stateprov: null,
		country: null,
		phone: null,
		admin_user: null,
		outgoing_servers: [],
		white_list_senders: [],
		black_list_senders: [],
		send_welcome_email: false,
		...fields,
		primary_domain: primary,
		domains,
	};
}

function makeUser(fields) {
	return {
		uid: 0,
		primary_email: '',
		firstname: '',
		surname: '',
		alias_emails: [],
		type: 'end_user',
		is_active: true,
		is_billable: true,
		read_only_user: false,
		white_list_senders: [],
		black_list_senders: [],
		odin_settings: { can_impersonate: false, is_imitable: false },
		...fields,
	};
}

function addOrg(tenant, { org, stacks, parent = null, users = [], licensing = {} }) {
	const record = {
		org: makeOrg({ eid: tenant.counters.eid++, ...org }),
		stacks,
		parent,
		users,
		licensing,
	};
	record.licensing = { is_beginner_plus: false, ...licensing };
	for (const user of users) if (!user.uid) user.uid = tenant.counters.uid++;
	tenant.orgs[record.org.primary_domain] = record;
	usersChanged(record);
	return record;
}

const orgRecords = (tenant) => Object.values(tenant.orgs);

/** Any domain of an org resolves to it. */
function findOrgRecord(tenant, domain) {
	const wanted = String(domain).trim().toLowerCase();
	return orgRecords(tenant).find((record) => record.org.domains.some((d) => d.name === wanted));
}

const childRecords = (tenant, record) =>
	orgRecords(tenant).filter((child) => child.parent === record.org.primary_domain);

function isAncestor(tenant, ancestor, record) {
	for (let parent = record.parent; parent; parent = tenant.orgs[parent]?.parent) {
		if (parent === ancestor.org.primary_domain) return true;
	}
	return false;
}

// Caches per org record, dropped by usersChanged(): the 50k-user list is served from a string.
const emailIndexes = new WeakMap();
const userListJson = new WeakMap();

function findUser(record, email) {
	let index = emailIndexes.get(record);
	if (!index) {
		index = new Map(record.users.map((user) => [user.primary_email.toLowerCase(), user]));
		emailIndexes.set(record, index);
	}
	return index.get(String(email).trim().toLowerCase());
}

function userListBody(record) {
	let serialized = userListJson.get(record);
	if (serialized === undefined) {
		serialized = JSON.stringify({ users: record.users });
		userListJson.set(record, serialized);
	}
	return serialized;
}

// active_users is the billed quantity: active, billable, not functional accounts [I].
function countBilledUsers(users) {
	return users.filter(
		(user) =>
			isTrue(user.is_active) && isTrue(user.is_billable) && user.type !== 'functional_account',
	).length;
}

/** Call after any change to an org's users; `sameMembers` when only fields of existing users changed. */
function usersChanged(record, { sameMembers = false } = {}) {
	if (!sameMembers) emailIndexes.delete(record);
	userListJson.delete(record);
	record.org.active_users = countBilledUsers(record.users);
}

function findUserAnywhere(tenant, email) {
	for (const record of orgRecords(tenant)) {
		const user = findUser(record, email);
		if (user) return { record, user };
	}
	return undefined;
}

module.exports = {
	ESSENTIALS_STACKS,
	newTenant,
	makeDomain,
	makeOrg,
	makeUser,
	addOrg,
	findOrgRecord,
	childRecords,
	isAncestor,
	findUser,
	findUserAnywhere,
	userListBody,
	usersChanged,
};
