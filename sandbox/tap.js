'use strict';

const { text, matchParts } = require('./http');
const people = require('./tap-people');
const intel = require('./tap-intel');
const { urlDecode } = require('./tap-url-decode');
const { SIEM_ARRAYS, siemEndpoint } = require('./tap-siem');

// Rolling 24-hour pools (docs/api-facts.md#tap-quotas): clicks/permitted has its own, the other SIEM paths share one.
// Routes without a pool are not throttled: campaign details and threat summaries are not counted.
// Forensics is throttled "by request type": 50 a day by threatId, 1,800 by campaignId [M: a rate-limit catalogue].
const ROUTES = [
	{ path: '/v2/people/vap', pool: 'people/vap', limit: 50, handler: people.vap },
	{
		path: '/v2/people/top-clickers',
		pool: 'people/top-clickers',
		limit: 50,
		handler: people.topClickers,
	},
	...Object.keys(SIEM_ARRAYS).map((name) => ({
		path: `/v2/siem/${name}`,
		pool: name === 'clicks/permitted' ? 'siem/clicks/permitted' : 'siem',
		limit: 1800,
		handler: siemEndpoint(name),
	})),
	{ path: '/v2/campaign/ids', pool: 'campaign/ids', limit: 50, handler: intel.campaignIds },
	{ path: '/v2/campaign/:id', handler: intel.campaign },
	{
		path: '/v2/forensics',
		quota: (request) =>
			request.query.campaignId !== undefined && request.query.threatId === undefined
				? { pool: 'forensics/campaign', limit: 1800 }
				: { pool: 'forensics/threat', limit: 50 },
		handler: intel.forensics,
	},
	{ path: '/v2/threat/summary/:id', handler: intel.threatSummary },
	// The decoder takes unauthenticated calls too (docs/api-facts.md#tap-intelligence-apis: "MAY").
	{
		path: '/v2/url/decode',
		method: 'POST',
		pool: 'url/decode',
		limit: 1800,
		anonymous: true,
		handler: urlDecode,
	},
].map((route) => ({ method: 'GET', ...route, parts: route.path.split('/').filter(Boolean) }));

function matchRoute(segments) {
	for (const route of ROUTES) {
		const params = matchParts(route.parts, segments);
		if (params) return { route, params };
	}
	return {};
}

/** HTTP Basic: {principal, ok, anonymous}. The secret is never returned. */
function identify(tenant, headers) {
	if (headers.authorization === undefined) {
		return { principal: undefined, ok: false, anonymous: true };
	}
	const match = /^Basic\s+(\S+)$/i.exec(headers.authorization);
	if (!match) return { principal: undefined, ok: false };
	const decoded = Buffer.from(match[1], 'base64').toString('utf8');
	const colon = decoded.indexOf(':');
	if (colon < 0) return { principal: undefined, ok: false };
	const principal = decoded.slice(0, colon);
	const ok =
		Object.hasOwn(tenant.credentials.tap, principal) &&
		tenant.credentials.tap[principal] === decoded.slice(colon + 1);
	return { principal, ok };
}

function handle(ctx, request, caller) {
	const { route, params } = matchRoute(request.segments);
	if (!caller.ok && !(route?.anonymous && caller.anonymous)) {
		return text(401, 'The request is not authorized: check the service principal and secret');
	}
	if (!route) return text(404, `No such endpoint: ${request.path}`);
	if (request.method !== route.method) {
		return text(405, `Method ${request.method} not allowed on ${request.path}`);
	}
	// A 401 is not charged (no identity to charge it to); a 400 is, as the throttle counts queries [I].
	// Answers of 429 are not charged either, so the pool frees up 24 h after its oldest counted request.
	const who = caller.ok ? caller.principal : 'anonymous';
	// A route whose pool depends on the query (Forensics by threat or by campaign) says so per request.
	const { pool, limit } = route.quota ? route.quota(request) : route;
	if (pool && !ctx.throttle.take(`${who} ${pool}`, limit)) {
		return text(429, `Too many requests: the limit of ${limit} per rolling 24 hours for ${pool} is used up`);
	}
	return route.handler(ctx, request, params);
}

module.exports = { identify, handle };
