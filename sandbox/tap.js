'use strict';

const { text } = require('./http');
const people = require('./tap-people');
const { SIEM_ARRAYS, siemEndpoint } = require('./tap-siem');

// Rolling 24-hour pools (reference §2): clicks/permitted has its own, the other SIEM paths share one.
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
];

/** HTTP Basic: {principal, ok}. The secret is never returned. */
function identify(tenant, headers) {
	const match = /^Basic\s+(\S+)$/i.exec(headers.authorization ?? '');
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
	if (!caller.ok) {
		return text(401, 'The request is not authorized: check the service principal and secret');
	}
	const route = ROUTES.find((candidate) => candidate.path === request.path);
	if (!route) return text(404, `No such endpoint: ${request.path}`);
	if (request.method !== 'GET') {
		return text(405, `Method ${request.method} not allowed on ${request.path}`);
	}
	// A 401 is not charged (no identity to charge it to); a 400 is, as the throttle counts queries [I].
	// Answers of 429 are not charged either, so the pool frees up 24 h after its oldest counted request.
	if (!ctx.throttle.take(`${caller.principal} ${route.pool}`, route.limit)) {
		return text(
			429,
			`Too many requests: the limit of ${route.limit} per rolling 24 hours for ${route.pool} is used up`,
		);
	}
	return route.handler(ctx, request);
}

module.exports = { identify, handle };
