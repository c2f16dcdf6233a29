'use strict';

const { json } = require('./http');
const { isTrue, PARTNER_ADMIN_TYPES } = require('./coerce');
const { errorList } = require('./essentials-errors');
const { findOrgRecord } = require('./tenant');

// GET /me — the shape is inferred [I].
function me({ caller }) {
	const { user, record } = caller;
	return json(200, {
		uid: user.uid,
		primary_email: user.primary_email,
		type: user.type,
		is_admin: true,
		is_partner_admin: PARTNER_ADMIN_TYPES.includes(user.type),
		read_only_user: isTrue(user.read_only_user),
		entity_type: record.org.type,
		entity_primary_domain: record.org.primary_domain,
	});
}

// GET /endpoints/{domain}: answered on any stack, with no per-org access check [I].
function endpoints({ ctx, tenant, params }) {
	const record = findOrgRecord(tenant, params.domain);
	if (!record) {
		return errorList(404, `Domain ${params.domain} is not hosted on any stack`, params.domain);
	}
	const items = record.stacks.map((stack) =>
		ctx.endpointShape === 'object'
			? { stack, url: ctx.essentialsUrl(stack) }
			: ctx.essentialsUrl(stack),
	);
	return json(200, { endpoints: items });
}

module.exports = { me, endpoints };
