'use strict';

const { json, text, noContent } = require('./http');
const { DAY_MS } = require('./throttle');
const { siemWindow } = require('./tap-siem');

// The Essentials Threat API (docs/api-facts.md#essentials-threat-api): only GET /v2/siem/all, per region.
const ARRAYS = ['clicksBlocked', 'clicksPermitted', 'messagesBlocked', 'messagesDelivered'];
const RULES = {
	timeParams: ['interval', 'sinceSeconds'],
	lookBackMs: 3 * DAY_MS,
	tooFar:
		'The requested start time is too far into the past. Requests for information up to 3.00d are accepted',
};
const UNAUTHORIZED = 'Unauthorized: unknown API key or wrong API key secret';

const regionOf = (record) => (record.stacks[0].startsWith('eu') ? 'eu' : 'us');

/** Go's time.Time String() in UTC: `2025-11-18 06:45:05 +0000 UTC`, fractions only when present. */
function goTime(ms) {
	const [date, time] = new Date(ms).toISOString().slice(0, -1).split('T');
	return `${date} ${time.replace(/\.?0+$/, '')} +0000 UTC`;
}

/** Who is calling: {principal (the API key), ok, key, reason}. */
function identify(tenant, headers, { clock, startedAt, request }) {
	const match = /^Basic\s+(\S+)$/i.exec(headers.authorization ?? '');
	if (!match) return { principal: undefined, ok: false, reason: UNAUTHORIZED };
	const decoded = Buffer.from(match[1], 'base64').toString('utf8');
	const colon = decoded.indexOf(':');
	const principal = colon < 0 ? decoded : decoded.slice(0, colon);
	const table = tenant.credentials.essentialsThreat ?? {};
	const key = Object.hasOwn(table, principal) ? table[principal] : undefined;
	const record = key && tenant.orgs[key.org];
	if (!record || colon < 0 || key.secret !== decoded.slice(colon + 1)) {
		return { principal, ok: false, reason: UNAUTHORIZED };
	}
	if (clock() < startedAt + key.activeAfterMs) {
		return { principal, ok: false, reason: 'Unauthorized: this API key is not active yet' };
	}
	// A key belongs to its org's region; the other region's host not knowing it is inferred [I].
	if (regionOf(record) !== request.region) {
		return { principal, ok: false, reason: 'Unauthorized: this API key belongs to another region' };
	}
	return { principal, ok: true, key };
}

const readFlag = (value) => (value === undefined ? false : { true: true, false: false }[value]);

/** ownData / customerData: {ownData, customerData} or {error}. */
function readScope(query) {
	const ownData = readFlag(query.ownData);
	const customerData = readFlag(query.customerData);
	if (ownData === undefined || customerData === undefined) {
		return { error: 'ownData and customerData must be true or false' };
	}
	// Absent flags count as false, so a request must ask for at least one [I].
	if (!ownData && !customerData) {
		return { error: 'At least one of ownData or customerData must be true' };
	}
	return { ownData, customerData };
}

function throttled(ctx, key) {
	const { perMinute } = ctx.essentialsThreatLimit;
	if (ctx.burstThrottle.take(key, perMinute)) return undefined;
	const seconds = Math.max(1, Math.ceil(ctx.burstThrottle.waitMs(key, perMinute) / 1000));
	// The real limits are unpublished [?]: a rolling minute per key, with Retry-After.
	return {
		...text(429, `Too many requests: at most ${perMinute} per minute for this API key`),
		headers: { 'retry-after': String(seconds) },
	};
}

function handle(ctx, request, caller) {
	if (!caller.ok) return text(401, caller.reason);
	if (request.path !== '/v2/siem/all') return text(404, `No such endpoint: ${request.path}`);
	if (request.method !== 'GET') {
		return text(405, `Method ${request.method} not allowed on ${request.path}`);
	}
	const limited = throttled(ctx, caller.principal);
	if (limited) return limited;
	const now = ctx.clock();
	const window = siemWindow(request.query, now, RULES);
	if (window.error) return text(400, window.error);
	const scope = readScope(request.query);
	if (scope.error) return text(400, scope.error);
	// A key scoped to its own org asking for child orgs' data: 403 is the sandbox's choice [I].
	if (scope.customerData && !caller.key.children) {
		return text(403, 'This API key does not include child organisations: set customerData=false');
	}
	// No threatStatus filter is documented here; TAP's default (active and cleared) applies [I].
	const events = ctx.threatEvents.select({
		platform: 'essentials',
		org: caller.key.org,
		...scope,
		kinds: ARRAYS,
		start: window.start,
		end: window.end,
		visibleAt: now,
	});
	if (ARRAYS.every((array) => events[array].length === 0)) return noContent();
	return json(200, { queryEndTime: goTime(window.end), ...events });
}

module.exports = { identify, handle, goTime, ESSENTIALS_THREAT_RULES: RULES };
