'use strict';

const http = require('node:http');
const { readBody, parseBody, send, text } = require('./http');
const { createFaults, faultReply } = require('./faults');
const { createThrottle } = require('./throttle');
const { buildPeople } = require('./tap-people');
const { demoTenant } = require('./demo-tenant');
const { ESSENTIALS_STACKS, findOrgRecord, findUser } = require('./tenant');
const { createThreatEvents } = require('./threat-events');
const urldefense = require('./urldefense');
const essentials = require('./essentials');
const { STATS_DEFAULTS } = require('./essentials-stats');
const essentialsThreat = require('./essentials-threat');
const tap = require('./tap');
const threatProtection = require('./threat-protection');

const APIS = { essentials, essentialsThreat, tap, threatProtection };
const ESSENTIALS_PREFIX = new RegExp(`^/(${ESSENTIALS_STACKS.join('|')})/api/v1(?=/|$)`);
// The Essentials Threat API's hosts are us-siem.… and eu-siem.…: here, path prefixes.
const THREAT_PREFIX = /^\/(us|eu)-siem(?=\/|$)/;
// The Threat Protection API (threatprotection-api.… and its token host auth.…) under one prefix.
const THREAT_PROTECTION_PREFIX = /^\/threat-protection(?=\/|$)/;
const NOBODY = { principal: undefined, ok: false };

function safeDecode(segment) {
	try {
		return decodeURIComponent(segment);
	} catch {
		return segment;
	}
}

function apiOf(rawPath) {
	const stack = ESSENTIALS_PREFIX.exec(rawPath);
	if (stack) return { api: 'essentials', stack: stack[1], region: null, prefix: stack[0] };
	const region = THREAT_PREFIX.exec(rawPath);
	if (region) return { api: 'essentialsThreat', stack: null, region: region[1], prefix: region[0] };
	const protection = THREAT_PROTECTION_PREFIX.exec(rawPath);
	if (protection) return { api: 'threatProtection', stack: null, region: null, prefix: protection[0] };
	const api = /^\/v2(\/|$)/.test(rawPath) ? 'tap' : null;
	return { api, stack: null, region: null, prefix: '' };
}

/** Where a request goes: api, stack, decoded path segments (empty ones dropped: trailing slashes work). */
function routeOf(req) {
	const queryAt = req.url.indexOf('?');
	const rawPath = queryAt < 0 ? req.url : req.url.slice(0, queryAt);
	// `params` keeps repeated parameters (threatStatus=active&threatStatus=cleared); `query` the last of each.
	const params = new URLSearchParams(queryAt < 0 ? '' : req.url.slice(queryAt + 1));
	const { api, stack, region, prefix } = apiOf(rawPath);
	const segments = rawPath.slice(prefix.length).split('/').filter(Boolean).map(safeDecode);
	return {
		api,
		stack,
		region,
		params,
		query: Object.fromEntries(params),
		method: req.method,
		rawPath,
		path: `/${segments.join('/')}`,
		segments,
	};
}

async function startSandbox(options = {}) {
	const settings = {
		port: 0,
		latencyMs: 0,
		endpointShape: 'string',
		retryAfterSeconds: 1,
		slowMs: 60000,
		now: () => Date.now(),
		vapCount: 150,
		topClickerCount: 60,
		siem: {},
		...options,
		essentialsThreatLimit: { perMinute: 120, ...options.essentialsThreatLimit },
		stats: { ...STATS_DEFAULTS, ...options.stats },
	};
	const tenant = settings.tenant ?? demoTenant();
	let clockOffset = 0;
	const clock = () => settings.now() + clockOffset;
	const startedAt = clock();
	const faults = createFaults(settings.faults);
	const requests = [];
	const timers = new Set();

	const ctx = {
		tenant,
		clock,
		endpointShape: settings.endpointShape,
		essentialsUrl: (stack) => `${sb.url}/${stack}/api/v1`,
		throttle: createThrottle(clock),
		burstThrottle: createThrottle(clock, 60 * 1000),
		essentialsThreatLimit: settings.essentialsThreatLimit,
		stats: settings.stats,
		threatEvents: createThreatEvents({ siem: settings.siem, tenant, anchor: startedAt, clock }),
		people: buildPeople({
			vapCount: settings.vapCount,
			topClickerCount: settings.topClickerCount,
			tenant,
		}),
	};
	// After the threat events, whose delivered messages Cloud Threat Response knows too.
	ctx.threatProtection = threatProtection.createThreatProtection({
		options: settings.threatProtection,
		tenant,
		anchor: startedAt,
		clock,
		threatEvents: ctx.threatEvents,
	});

	// Timers are tracked so close() can drop pending 'slow' and latency waits at once.
	function wait(ms) {
		if (!(ms > 0)) return Promise.resolve();
		return new Promise((resolve) => {
			const timer = setTimeout(() => {
				timers.delete(timer);
				resolve();
			}, ms);
			timers.add(timer);
		});
	}

	function answer(request, caller) {
		const api = APIS[request.api];
		return api
			? api.handle(ctx, request, caller)
			: text(404, `Not a Proofpoint sandbox path: ${request.rawPath}`);
	}

	async function onRequest(req, res) {
		const arrived = performance.now();
		const raw = await readBody(req);
		const request = { ...routeOf(req), ...parseBody(raw), bodyBytes: Buffer.byteLength(raw) };
		const api = APIS[request.api];
		const caller = api ? api.identify(tenant, req.headers, { clock, startedAt, request, ctx }) : NOBODY;
		const { stack, region, method, rawPath, path, query } = request;
		// An API may record a body other than the one sent: the token endpoint's, without the client secret.
		const body = 'recordedBody' in caller ? caller.recordedBody : request.body;
		const record = {
			api: request.api,
			stack,
			method,
			rawPath,
			path,
			query,
			body,
			user: caller.principal ?? null,
			authOk: caller.ok,
			status: null,
			fault: null,
		};
		if (region) record.region = region;
		// Every value of a repeated parameter (threatStatus=active&threatStatus=cleared), where `query` keeps the last; not enumerable, so records compare as before.
		Object.defineProperty(record, 'params', { value: request.params, enumerable: false });
		requests.push(record);

		// Faults are decided before the request is handled, so a faulted request changes nothing.
		const fault = faults.pick(method, path);
		record.fault = fault;
		if (fault === 'slow') await wait(settings.slowMs);
		const reply =
			fault === 'reset'
				? undefined
				: fault && fault !== 'slow'
					? faultReply(fault, settings.retryAfterSeconds)
					: answer(request, caller);
		// Latency counts from arrival and the server's own work happens inside it, as on a remote API.
		await wait(settings.latencyMs - (performance.now() - arrived));
		if (!reply) {
			req.socket.destroy();
			return;
		}
		record.status = reply.status;
		send(res, reply);
	}

	const server = http.createServer((req, res) => {
		onRequest(req, res).catch((error) => {
			if (!res.headersSent) send(res, text(500, `Sandbox error: ${error.message}`));
		});
	});
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(settings.port, '127.0.0.1', resolve);
	});

	const sb = {
		url: `http://127.0.0.1:${server.address().port}`,
		get tapUrl() {
			return sb.url;
		},
		essentialsUrl: (stack = 'us1') => ctx.essentialsUrl(stack),
		essentialsThreatUrl: (region = 'us') => `${sb.url}/${region}-siem`,
		get threatProtectionUrl() {
			return `${sb.url}/threat-protection`;
		},
		requests,
		clearRequests: () => {
			requests.length = 0;
		},
		failNext: (fault) => faults.failNext(fault),
		setFaults: (config) => faults.setFaults(config),
		setLatency: (ms) => {
			settings.latencyMs = ms;
		},
		state: tenant,
		getUser: (orgDomain, email) => {
			const record = findOrgRecord(tenant, orgDomain);
			return record && findUser(record, email);
		},
		getOrg: (domain) => findOrgRecord(tenant, domain)?.org,
		advanceTime: (ms) => {
			clockOffset += ms;
		},
		setTime: (time) => {
			clockOffset = (typeof time === 'number' ? time : Date.parse(time)) - settings.now();
		},
		now: clock,
		siem: ctx.threatEvents.api,
		threatProtection: ctx.threatProtection.api,
		urls: urldefense,
		close: async () => {
			for (const timer of timers) clearTimeout(timer);
			timers.clear();
			server.closeAllConnections();
			await new Promise((resolve) => server.close(() => resolve()));
		},
	};
	return sb;
}

module.exports = { startSandbox };
