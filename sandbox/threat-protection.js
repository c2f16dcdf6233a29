'use strict';

const { randomBytes } = require('node:crypto');
const { json, matchParts } = require('./http');
const { SANDBOX_CREDENTIALS } = require('./credentials');
const { createLists, LISTS } = require('./threat-protection-lists');
const { createStore } = require('./threat-protection-store');
const { createWorkflows } = require('./threat-protection-workflows');
const { INCIDENT_SEARCH, messageSearch, search, count } = require('./threat-protection-search');
const {
	ctrError,
	summaryOf,
	detailOf,
	messageItemOf,
	messageDetailOf,
} = require('./threat-protection-data');

/*
 * The Proofpoint Threat Protection API (docs/api-facts.md#threat-protection-api-in-the-sandbox):
 * an OAuth2 client-credentials token endpoint, PoD block/safe lists and Cloud Threat Response.
 * Served under /threat-protection: the API at /api/v1/…, the token at /v1/token (the real one is
 * https://auth.proofpoint.com/v1/token).
 */

const TOKEN_PATH = '/v1/token';
const DEFAULTS = {
	seed: 23,
	tokenTtlSeconds: 3600,
	ctrPerMinute: 10,
	incidentCount: 1200,
	spanDays: 30,
	workflowRunMs: 4000,
	arrivals: null,
};

const oauthError = (status, error, description) =>
	json(status, { error, error_description: description });

// n8n's OAuth2 client base64-encodes id:secret as they are, without form-encoding them first.
function decodeBasic(authorization) {
	const match = /^Basic\s+(\S+)$/i.exec(authorization ?? '');
	if (!match) return undefined;
	const decoded = Buffer.from(match[1], 'base64').toString('utf8');
	const colon = decoded.indexOf(':');
	if (colon < 0) return undefined;
	return { id: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}

/** The form fields of a token request, or null when it is not a form. */
function tokenForm(headers, request) {
	if (request.body === undefined) return {};
	const isForm = /^application\/x-www-form-urlencoded\b/i.test(headers['content-type'] ?? '');
	return isForm && typeof request.body === 'string'
		? Object.fromEntries(new URLSearchParams(request.body))
		: null;
}

/** A token request's body as the sandbox records it: the client secret left out, whatever form it came in. */
function withoutSecret(form, body) {
	if (form && 'client_secret' in form) return { ...form, client_secret: '[redacted]' };
	if (typeof body === 'string') return body.replace(/(client_secret=)[^&]*/g, '$1[redacted]');
	if (body && typeof body === 'object' && 'client_secret' in body) {
		return { ...body, client_secret: '[redacted]' };
	}
	return body;
}

function createTokens({ clients, clock, ttlSeconds }) {
	const issued = new Map();

	/** The caller of POST /v1/token: its client id, whether its secret is right, the parsed form. */
	function identifyClient(headers, request) {
		const form = tokenForm(headers, request);
		// n8n's OAuth2 client sends the id and secret in the form ("send credentials in body") or as
		// HTTP Basic (its "header" mode): the sandbox takes either.
		const basic = decodeBasic(headers.authorization);
		const id = form?.client_id ?? basic?.id;
		const secret = form?.client_secret ?? basic?.secret;
		const ok = id !== undefined && Object.hasOwn(clients, id) && clients[id] === secret;
		const recordedBody = withoutSecret(form, request.body);
		return { principal: id, ok, form, basic: Boolean(basic), recordedBody };
	}

	/** The caller of an API path, by its bearer token. */
	function identifyBearer(authorization) {
		const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
		if (!match) {
			return {
				ok: false,
				reason: `Send Authorization: Bearer <access token>; POST ${TOKEN_PATH} issues one`,
			};
		}
		const token = issued.get(match[1]);
		if (!token) return { ok: false, reason: 'The access token is not known' };
		if (token.expiresAt <= clock()) {
			return { principal: token.clientId, ok: false, reason: 'The access token has expired' };
		}
		return { principal: token.clientId, ok: true };
	}

	function issue(clientId) {
		const token = randomBytes(32).toString('base64url');
		issued.set(token, { clientId, expiresAt: clock() + ttlSeconds * 1000 });
		return token;
	}

	function expireAll() {
		for (const token of issued.values()) token.expiresAt = -Infinity;
	}

	return { identifyClient, identifyBearer, issue, expireAll, issuedTokens: () => [...issued.keys()] };
}

function tokenReply(tp, request, caller) {
	if (request.method !== 'POST') {
		return oauthError(405, 'invalid_request', 'The token endpoint takes POST only');
	}
	if (!caller.form) {
		return oauthError(
			400,
			'invalid_request',
			'Send the token request as application/x-www-form-urlencoded',
		);
	}
	const grant = caller.form.grant_type;
	if (!grant) return oauthError(400, 'invalid_request', 'grant_type is required');
	if (grant !== 'client_credentials') {
		return oauthError(
			400,
			'unsupported_grant_type',
			'Only grant_type=client_credentials is supported',
		);
	}
	if (!caller.ok) {
		const refused = oauthError(
			401,
			'invalid_client',
			'Client authentication failed: unknown client id or wrong secret',
		);
		return caller.basic
			? { ...refused, headers: { 'www-authenticate': 'Basic realm="proofpoint"' } }
			: refused;
	}
	// Proofpoint's page says Bearer; the peer's test data writes bearer [?]: clients treat it without case.
	const body = {
		access_token: tp.tokens.issue(caller.principal),
		token_type: 'Bearer',
		expires_in: tp.config.tokenTtlSeconds,
	};
	return { ...json(200, body), headers: { 'cache-control': 'no-store' } };
}

const invalidToken = (reason) => ({
	...oauthError(401, 'invalid_token', reason),
	headers: { 'www-authenticate': 'Bearer error="invalid_token"' },
});

function pageOf(found, key, shape) {
	if (found.error) return ctrError(400, found.error);
	return json(200, {
		total: found.total,
		startRow: found.startRow,
		endRow: found.endRow,
		[key]: found.rows.map(shape),
	});
}

function withIncident(tp, id, answer) {
	const incident = tp.store.incidentById.get(id);
	return incident ? answer(incident) : ctrError(404, `Incident ${id} not found`);
}

const messageShape = (tp) => (message) => messageItemOf(message, tp.store.incidentById);
const byIncident = (tp) => messageSearch({ incidentById: tp.store.incidentById });

const ROUTES = [
	...LISTS.flatMap((list) => [
		{
			method: 'GET',
			path: `/api/v1/emailProtection/modules/spam/${list}`,
			handler: (tp, request) => tp.lists.get(request, { list }),
		},
		{
			method: 'POST',
			path: `/api/v1/emailProtection/modules/spam/${list}`,
			handler: (tp, request) => tp.lists.change(request, { list }),
		},
	]),
	{
		method: 'POST',
		path: '/api/v1/tric/incidents',
		handler: (tp, request) =>
			pageOf(search(tp.store.incidents, request.body, INCIDENT_SEARCH), 'incidents', summaryOf),
	},
	{
		method: 'POST',
		path: '/api/v1/tric/incidents/count',
		// The count's answer is {"count": N}: the peers' code returns it unread [I].
		handler: (tp, request) => {
			const found = count(tp.store.incidents, request.body, INCIDENT_SEARCH);
			return found.error ? ctrError(400, found.error) : json(200, { count: found.count });
		},
	},
	{
		method: 'GET',
		path: '/api/v1/tric/incidents/:id',
		handler: (tp, request, { id }) =>
			withIncident(tp, id, (incident) => json(200, detailOf(incident))),
	},
	{
		method: 'POST',
		path: '/api/v1/tric/incidents/:id/messages',
		// An incident's messages page like a message search; whether the real answer also carries the incident is not public [?].
		handler: (tp, request, { id }) =>
			withIncident(tp, id, (incident) =>
				pageOf(
					search(tp.store.messagesOf(incident), request.body, byIncident(tp)),
					'messages',
					messageShape(tp),
				),
			),
	},
	{
		method: 'POST',
		path: '/api/v1/tric/messages',
		handler: (tp, request) => {
			tp.deliverFromTap(request.body?.filters?.message_id_filters);
			return pageOf(search(tp.store.messages, request.body, byIncident(tp)), 'messages', messageShape(tp));
		},
	},
	{
		method: 'GET',
		path: '/api/v1/tric/messages/:id',
		handler: (tp, request, { id }) => {
			const message = tp.store.messageById.get(id);
			return message
				? json(200, messageDetailOf(message, tp.store.incidentById))
				: ctrError(404, `Message ${id} not found`);
		},
	},
	{
		method: 'GET',
		path: '/api/v1/tric/workflows',
		handler: (tp, request) => tp.workflows.list(request),
	},
	{
		method: 'POST',
		path: '/api/v1/tric/workflows/:id/run',
		handler: (tp, request, params) => tp.workflows.run(request, params),
	},
	{
		method: 'GET',
		path: '/api/v1/tric/workflows/run/:runId',
		handler: (tp, request, params) => tp.workflows.status(request, params),
	},
].map((route) => ({
	...route,
	parts: route.path.split('/').filter(Boolean),
	// Cloud Threat Response is limited per client id; no limit is documented for the block/safe lists, so they have none.
	ctr: route.path.startsWith('/api/v1/tric/'),
}));

/** {route, params} for the method and path; {pathKnown} when only the method is wrong. */
function matchRoute(request) {
	let pathKnown = false;
	for (const route of ROUTES) {
		const params = matchParts(route.parts, request.segments);
		if (!params) continue;
		if (route.method === request.method) return { route, params };
		pathKnown = true;
	}
	return { pathKnown };
}

/** The 429 for a client over its Cloud Threat Response calls in the rolling minute, or undefined. */
function throttled(ctx, tp, clientId) {
	const key = `threatProtection ${clientId}`;
	const limit = tp.config.ctrPerMinute;
	if (ctx.burstThrottle.take(key, limit)) return undefined;
	const seconds = Math.max(1, Math.ceil(ctx.burstThrottle.waitMs(key, limit) / 1000));
	// 10 calls a minute is the peers' figure [M: D3's CTR page and a client's limiter]; the window is a rolling minute [I].
	return {
		...ctrError(
			429,
			`Too many requests: at most ${limit} Cloud Threat Response calls a minute per client id; retry in ${seconds} s`,
		),
		headers: { 'retry-after': String(seconds) },
	};
}

function identify(tenant, headers, { request, ctx }) {
	const { tokens } = ctx.threatProtection;
	return request.path === TOKEN_PATH
		? tokens.identifyClient(headers, request)
		: tokens.identifyBearer(headers.authorization);
}

function handle(ctx, request, caller) {
	const tp = ctx.threatProtection;
	if (request.path === TOKEN_PATH) return tokenReply(tp, request, caller);
	if (!caller.ok) return invalidToken(caller.reason);
	const { route, params, pathKnown } = matchRoute(request);
	if (!route) {
		return pathKnown
			? ctrError(405, `Method ${request.method} not allowed on ${request.path}`)
			: ctrError(404, `No such endpoint: ${request.path}`);
	}
	if (route.ctr) {
		const limited = throttled(ctx, tp, caller.principal);
		if (limited) return limited;
		if (request.malformed) return ctrError(400, 'The request body is not valid JSON');
		tp.catchUp();
	}
	return route.handler(tp, request, params);
}

/** The API's state and the test-facing control object (sb.threatProtection). */
const TAP_DELIVERIES = ['clicksPermitted', 'messagesDelivered'];
const WEEK_MS = 7 * 24 * 60 * 60 * 1000;
const bareId = (value) => String(value ?? '').trim().replace(/^<|>$/g, '');

/**
 * One tenant across the APIs: a message TAP saw delivered (a permitted click's or a delivered message's
 * Message-ID) is one Cloud Threat Response saw too. A search for such an id finds it, under a TAP incident
 * made on first asking (the sandbox's own link [I]; the generated CTR data is otherwise its own).
 */
function tapDeliveries({ store, threatEvents, clock }) {
	const linked = new Set();
	return (ids) => {
		if (!threatEvents || !Array.isArray(ids)) return;
		const wanted = new Set(ids.map(bareId).filter((id) => id && !linked.has(id)));
		for (const message of store.api.messages()) wanted.delete(bareId(message.messageId ?? message.message_id));
		if (!wanted.size) return;
		const now = clock();
		const events = Object.values(threatEvents.api.truth({ kinds: TAP_DELIVERIES, start: now - WEEK_MS, end: now, threatStatus: ['active', 'cleared', 'falsePositive'] })).flat();
		for (const event of events) {
			const id = bareId(event.messageID);
			if (!wanted.has(id)) continue;
			wanted.delete(id);
			linked.add(id);
			const recipient = [].concat(event.recipient ?? [])[0];
			store.api.addIncident({
				title: `Message delivered to ${recipient} with a threat TAP found`,
				source: 'tap',
				createdAt: Date.parse(event.clickTime ?? event.messageTime),
				messages: [{ message_id: event.messageID, sender_address: event.sender, recipient_address: recipient, email_subject: event.subject ?? 'Message with a threat' }],
			});
		}
	};
}

function createThreatProtection({ options, tenant, anchor, clock, threatEvents }) {
	const config = { ...DEFAULTS, ...options };
	const clients = tenant.credentials.threatProtection ?? {
		[SANDBOX_CREDENTIALS.threatProtection.apiKey]: SANDBOX_CREDENTIALS.threatProtection.apiSecret,
	};
	const tokens = createTokens({ clients, clock, ttlSeconds: config.tokenTtlSeconds });
	const lists = createLists();
	const store = createStore({ config, tenant, anchor, clock });
	const workflows = createWorkflows({
		seed: config.seed,
		anchor,
		clock,
		runMs: config.workflowRunMs,
		store,
	});
	const catchUp = () => {
		store.catchUp();
		workflows.settle();
	};
	const caughtUp =
		(read) =>
		(...args) => {
			catchUp();
			return read(...args);
		};
	return {
		config,
		tokens,
		lists,
		store,
		workflows,
		catchUp,
		deliverFromTap: tapDeliveries({ store, threatEvents, clock }),
		api: {
			/** Invalidates every token issued so far: the next API call answers 401 invalid_token. */
			expireTokens: tokens.expireAll,
			/** Every access token issued so far: none may show in what a client outputs. */
			issuedTokens: tokens.issuedTokens,
			lists: lists.api.lists,
			setList: lists.api.setList,
			incidents: caughtUp(store.api.incidents),
			messages: caughtUp(store.api.messages),
			addIncident: caughtUp(store.api.addIncident),
			updateIncident: caughtUp(store.api.updateIncident),
			workflows: workflows.api.workflows,
			runs: caughtUp(workflows.api.runs),
			failTargets: workflows.api.failTargets,
		},
	};
}

module.exports = { identify, handle, createThreatProtection, THREAT_PROTECTION_DEFAULTS: DEFAULTS };
