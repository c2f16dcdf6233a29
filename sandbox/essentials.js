'use strict';

const { text } = require('./http');
const { isTrue, PARTNER_ADMIN_TYPES } = require('./coerce');
const { errorList, messageOnly } = require('./essentials-errors');
const { findOrgRecord, findUserAnywhere, isAncestor } = require('./tenant');
const account = require('./essentials-account');
const orgs = require('./essentials-orgs');
const users = require('./essentials-users');
const domains = require('./essentials-domains');
const settings = require('./essentials-org-settings');
const stats = require('./essentials-stats');

const ROUTES = [
	['GET', '/me', account.me],
	['GET', '/endpoints/:domain', account.endpoints],
	['GET', '/orgs/:org', orgs.get],
	['PATCH', '/orgs/:org', orgs.patch],
	['DELETE', '/orgs/:org', orgs.remove],
	['GET', '/orgs/:org/orgs', orgs.listChildren],
	['POST', '/orgs/:org/orgs', orgs.createChildren],
	['GET', '/orgs/:org/users', users.list],
	['POST', '/orgs/:org/users', users.create],
	['GET', '/orgs/:org/users/:email', users.get],
	['PUT', '/orgs/:org/users/:email', users.update],
	['DELETE', '/orgs/:org/users/:email', users.remove],
	['GET', '/orgs/:org/domains', domains.list],
	['POST', '/orgs/:org/domains', domains.create],
	['GET', '/orgs/:org/domains/:domain', domains.get],
	['PUT', '/orgs/:org/domains/:domain', domains.update],
	['DELETE', '/orgs/:org/domains/:domain', domains.remove],
	['GET', '/orgs/:org/licensing', orgs.getLicensing],
	['PUT', '/orgs/:org/licensing', orgs.putLicensing],
	['PUT', '/orgs/:org/package', orgs.putPackage],
	['GET', '/orgs/:org/sender-lists', settings.getSenderLists],
	['POST', '/orgs/:org/sender-lists', settings.addSenders],
	['PATCH', '/orgs/:org/sender-lists', settings.replaceSenders],
	['DELETE', '/orgs/:org/sender-lists', settings.removeSenders],
	['GET', '/orgs/:org/features', settings.getFeatures],
	['PUT', '/orgs/:org/features', settings.putFeatures],
	['GET', '/stats/:org/partner', stats.get],
	['GET', '/stats/:org/partner/orgs', stats.listWithChildren],
].map(([method, pattern, handler]) => ({
	method,
	parts: pattern.split('/').filter(Boolean),
	handler,
}));

function matchParts(parts, segments) {
	if (parts.length !== segments.length) return undefined;
	const params = {};
	for (let i = 0; i < parts.length; i++) {
		if (parts[i].startsWith(':')) params[parts[i].slice(1)] = segments[i];
		else if (parts[i] !== segments[i]) return undefined;
	}
	return params;
}

function matchRoute(method, segments) {
	let pathKnown = false;
	for (const route of ROUTES) {
		const params = matchParts(route.parts, segments);
		if (!params) continue;
		if (route.method === method) return { route, params };
		pathKnown = true;
	}
	return { pathKnown };
}

/** Who is calling: {principal, ok, user, record}. Header names arrive lower-cased from node:http. */
function identify(tenant, headers) {
	const principal = headers['x-user'];
	if (!principal) return { principal: undefined, ok: false };
	const login = principal.trim().toLowerCase();
	const expectedKey = Object.hasOwn(tenant.credentials.essentials, login)
		? tenant.credentials.essentials[login]
		: undefined;
	const found =
		expectedKey !== undefined &&
		headers['x-password'] === expectedKey &&
		findUserAnywhere(tenant, principal);
	if (!found) return { principal, ok: false };
	return { principal, ok: true, user: found.user, record: found.record };
}

function canAccess(tenant, caller, record) {
	if (caller.record === record) return true;
	return (
		PARTNER_ADMIN_TYPES.includes(caller.user.type) && isAncestor(tenant, caller.record, record)
	);
}

/** Resolves `:org` to its record, or the 404/403 reply. */
function resolveOrg(tenant, caller, domain, stack) {
	const record = findOrgRecord(tenant, domain);
	// An org that lives on another stack is not found on this one (docs/api-facts.md#essentials-api).
	if (!record || !record.stacks.includes(stack)) {
		return { reply: errorList(404, `Organization ${domain} not found`, domain) };
	}
	// 404 is decided before 403, so an org admin learns which domains exist [I].
	if (!canAccess(tenant, caller, record)) {
		const message = `${caller.user.primary_email} has no access to organization ${record.org.primary_domain}`;
		return { reply: errorList(403, message, domain) };
	}
	return { record };
}

/** request: {stack, method, segments, path, body, malformed}; caller from identify(). */
function handle(ctx, request, caller) {
	if (!caller.ok) {
		return messageOnly(401, 'Authentication failed: unknown X-User or wrong X-Password');
	}
	const email = caller.user.primary_email;
	if (!caller.user.type.endsWith('_admin')) {
		return errorList(403, `${email} is not an administrator`, email);
	}
	const { route, params, pathKnown } = matchRoute(request.method, request.segments);
	if (!route) {
		return pathKnown
			? text(405, `Method ${request.method} not allowed on ${request.path}`)
			: text(404, `No such endpoint: ${request.path}`);
	}
	const changes = request.method !== 'GET';
	if (changes && isTrue(caller.user.read_only_user)) {
		return messageOnly(
			403,
			`${email} is a read-only administrator and cannot make changes through the API`,
		);
	}
	if (changes && request.malformed) return text(400, 'Malformed JSON in request body');
	const args = {
		ctx,
		tenant: ctx.tenant,
		caller,
		params,
		body: request.body,
		query: request.query,
		stack: request.stack,
	};
	if (params.org !== undefined) {
		const { record, reply } = resolveOrg(ctx.tenant, caller, params.org, request.stack);
		if (reply) return reply;
		args.record = record;
	}
	return route.handler(args);
}

module.exports = { identify, handle };
