'use strict';

const { json, noContent } = require('./http');
const { coerceFields } = require('./coerce');
const { errorList } = require('./essentials-errors');
const { findOrgRecord, makeDomain } = require('./tenant');

const DOMAIN_FIELDS = {
	name: 'domain',
	is_active: 'boolean',
	is_relay: 'boolean',
	destination: 'string',
	failovers: 'list',
};

const findDomain = (record, name) =>
	record.org.domains.find((d) => d.name === String(name).toLowerCase());
const domainNotFound = (record, name) =>
	errorList(404, `Domain ${name} not found in organization ${record.org.primary_domain}`, name);

/**
 * Validates the domain objects of a POST (here or inside a new org): each needs a free name.
 * Returns {domains} (coerced field values) or {reply}.
 */
function prepareNewDomains(tenant, items, takenInBatch = new Set()) {
	const domains = [];
	for (const item of items) {
		const { values, error, field } = coerceFields(item, DOMAIN_FIELDS);
		if (error) return { reply: errorList(400, error, field) };
		if (!values.name) return { reply: errorList(400, 'name is required', 'name') };
		if (findOrgRecord(tenant, values.name) || takenInBatch.has(values.name)) {
			return {
				reply: errorList(
					409,
					`Domain ${values.name} already belongs to an organization`,
					values.name,
				),
			};
		}
		takenInBatch.add(values.name);
		domains.push(values);
	}
	return { domains };
}

const list = ({ record }) => json(200, { domains: record.org.domains });

function get({ record, params }) {
	const domain = findDomain(record, params.domain);
	return domain ? json(200, domain) : domainNotFound(record, params.domain);
}

function create({ tenant, record, body }) {
	const items = Array.isArray(body) ? body : [body];
	if (items.length === 0) return errorList(400, 'No domains given', '');
	const { domains, reply } = prepareNewDomains(tenant, items);
	if (reply) return reply;
	record.org.domains.push(...domains.map(makeDomain));
	return json(201, { total_created: domains.length, fail_results: [] });
}

function update({ record, params, body }) {
	const domain = findDomain(record, params.domain);
	if (!domain) return domainNotFound(record, params.domain);
	const { values, error, field } = coerceFields(body, DOMAIN_FIELDS);
	if (error) return errorList(400, error, field);
	if (values.name !== undefined && values.name !== domain.name) {
		return errorList(400, `A domain cannot be renamed (${domain.name})`, 'name');
	}
	Object.assign(domain, values);
	return noContent();
}

function remove({ record, params }) {
	const domain = findDomain(record, params.domain);
	if (!domain) return domainNotFound(record, params.domain);
	// Refusing to drop the primary domain is an assumption [I].
	if (domain.name === record.org.primary_domain) {
		return errorList(400, `${domain.name} is the primary domain of its organization`, domain.name);
	}
	record.org.domains.splice(record.org.domains.indexOf(domain), 1);
	return noContent();
}

module.exports = { list, get, create, update, remove, prepareNewDomains };
