'use strict';

const { json, noContent } = require('./http');
const { coerceFields, ORG_TYPES, PACKAGES } = require('./coerce');
const { errorList } = require('./essentials-errors');
const { prepareNewDomains } = require('./essentials-domains');
const { addOrg, childRecords, isAncestor, makeUser } = require('./tenant');

// Fields a PATCH may change; eid, primary_domain, type and domains are left alone [I].
const ORG_FIELDS = {
	name: 'string',
	is_active: 'boolean',
	licensing_package: PACKAGES,
	is_on_trial: 'boolean',
	user_licenses: 'integer',
	when_renewal: 'string',
	www: 'string',
	address: 'string',
	postcode: 'string',
	stateprov: 'string',
	country: 'string',
	phone: 'string',
	admin_user: 'objectOrList',
	outgoing_servers: 'list',
	white_list_senders: 'stringList',
	black_list_senders: 'stringList',
	send_welcome_email: 'boolean',
};
const NEW_ORG_FIELDS = {
	...ORG_FIELDS,
	primary_domain: 'domain',
	type: ORG_TYPES,
	domains: 'list',
};
const LICENSING_FIELDS = {
	license_count: 'integer',
	package: PACKAGES,
	is_on_trial: 'boolean',
	is_beginner_plus: 'boolean',
};
const PACKAGE_FIELDS = {
	package: PACKAGES,
	is_activated: 'boolean',
	is_eula_confirmed: 'boolean',
	is_trial_extended: 'boolean',
};

const get = ({ record }) => json(200, record.org);

function patch({ record, body }) {
	const { values, error, field } = coerceFields(body, ORG_FIELDS);
	if (error) return errorList(400, error, field);
	Object.assign(record.org, values);
	return noContent();
}

// Only an administrator of a parent org may delete an org, and only once it has no children [I].
function remove({ tenant, caller, record }) {
	const domain = record.org.primary_domain;
	if (!isAncestor(tenant, caller.record, record)) {
		return errorList(
			403,
			`Only an administrator of a parent organization can delete ${domain}`,
			domain,
		);
	}
	if (childRecords(tenant, record).length > 0) {
		return errorList(409, `${domain} still has child organizations`, domain);
	}
	delete tenant.orgs[domain];
	return noContent();
}

// Children are listed per stack, like everything else on a stack.
const listChildren = ({ tenant, record, stack }) =>
	json(200, {
		orgs: childRecords(tenant, record)
			.filter((child) => child.stacks.includes(stack))
			.map((child) => child.org),
	});

function prepareNewOrg(tenant, item, takenInBatch) {
	const { values, error, field } = coerceFields(item, NEW_ORG_FIELDS);
	if (error) return { reply: errorList(400, error, field) };
	if (!values.primary_domain) {
		return { reply: errorList(400, 'primary_domain is required', 'primary_domain') };
	}
	if (!values.name) return { reply: errorList(400, 'name is required', 'name') };
	const listed = values.domains ?? [];
	const listsPrimary = listed.some((d) => String(d?.name).toLowerCase() === values.primary_domain);
	const items = listsPrimary ? listed : [{ name: values.primary_domain }, ...listed];
	const { domains, reply } = prepareNewDomains(tenant, items, takenInBatch);
	if (reply) return { reply };
	return { values: { ...values, domains } };
}

function adminEmailOf(adminUser) {
	const first = Array.isArray(adminUser) ? adminUser[0] : adminUser;
	return typeof first?.primary_email === 'string' ? first.primary_email : undefined;
}

// A new child org lives on the stack the request was sent to (one of the parent's stacks).
function createChildren({ tenant, record, body, stack }) {
	if (record.org.type === 'organization') {
		return errorList(
			400,
			`${record.org.primary_domain} is a customer organization and cannot have child organizations`,
			record.org.primary_domain,
		);
	}
	const items = Array.isArray(body) ? body : [body];
	if (items.length === 0) return errorList(400, 'No organizations given', '');
	const takenInBatch = new Set();
	const prepared = [];
	for (const item of items) {
		const { values, reply } = prepareNewOrg(tenant, item, takenInBatch);
		if (reply) return reply;
		prepared.push(values);
	}
	for (const org of prepared) {
		const adminEmail = adminEmailOf(org.admin_user);
		const users = adminEmail
			? [makeUser({ primary_email: adminEmail, type: 'organization_admin' })]
			: [];
		addOrg(tenant, {
			stacks: [stack],
			parent: record.org.primary_domain,
			org: { type: 'organization', ...org },
			users,
		});
	}
	return json(201, { total_created: prepared.length, fail_results: [] });
}

const getLicensing = ({ record }) =>
	json(200, {
		license_count: record.org.user_licenses,
		package: record.org.licensing_package,
		is_on_trial: record.org.is_on_trial,
		is_beginner_plus: record.licensing.is_beginner_plus,
	});

function putLicensing({ record, body }) {
	const { values, error, field } = coerceFields(body, LICENSING_FIELDS);
	if (error) return errorList(400, error, field);
	const { org, licensing } = record;
	if (values.license_count !== undefined) org.user_licenses = values.license_count;
	if (values.package !== undefined) org.licensing_package = values.package;
	if (values.is_on_trial !== undefined) org.is_on_trial = values.is_on_trial;
	if (values.is_beginner_plus !== undefined) licensing.is_beginner_plus = values.is_beginner_plus;
	return noContent();
}

function putPackage({ record, body }) {
	const { values, error, field } = coerceFields(body, PACKAGE_FIELDS);
	if (error) return errorList(400, error, field);
	if (!values.package) return errorList(400, 'package is required', 'package');
	record.org.licensing_package = values.package;
	return noContent();
}

module.exports = {
	get,
	patch,
	remove,
	listChildren,
	createChildren,
	getLicensing,
	putLicensing,
	putPackage,
};
