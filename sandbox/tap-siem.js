'use strict';

const { rawJson, text } = require('./http');
const { DAY_MS } = require('./throttle');

// Which event arrays each SIEM endpoint returns (docs/api-facts.md#tap-siem-api).
const SIEM_ARRAYS = {
	all: ['messagesDelivered', 'messagesBlocked', 'clicksPermitted', 'clicksBlocked'],
	issues: ['messagesDelivered', 'clicksPermitted'],
	'clicks/blocked': ['clicksBlocked'],
	'clicks/permitted': ['clicksPermitted'],
	'messages/blocked': ['messagesBlocked'],
	'messages/delivered': ['messagesDelivered'],
};

const TOO_FAR =
	'The requested start time is too far into the past. Requests for information up to 7.00d are accepted';
const TOO_SHORT =
	'The requested interval is too short. Requests must be for at least 30.00s of data';
// The real text for more than an hour is unknown [?]; this one follows the pattern of the others.
const TOO_LONG = 'The requested interval is too long. Requests must be for at most 1.00h of data';
const STILL_CURRENT = 'The requested interval is still current.';

const iso = (ms) => new Date(ms).toISOString().replace('.000Z', 'Z');

function parseDuration(value) {
	const match = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?$/i.exec(value);
	if (!match || value.length <= 2) return undefined;
	const [, hours = 0, minutes = 0, seconds = 0] = match;
	return ((Number(hours) * 60 + Number(minutes)) * 60 + Number(seconds)) * 1000;
}

function parseInterval(value) {
	const [first, second, ...rest] = String(value).split('/');
	if (second === undefined || rest.length) return undefined;
	const firstSpan = parseDuration(first);
	const secondSpan = parseDuration(second);
	if (firstSpan !== undefined) {
		return { start: Date.parse(second) - firstSpan, end: Date.parse(second) };
	}
	const start = Date.parse(first);
	return { start, end: secondSpan !== undefined ? start + secondSpan : Date.parse(second) };
}

const TAP_RULES = {
	timeParams: ['interval', 'sinceSeconds', 'sinceTime'],
	lookBackMs: 7 * DAY_MS,
	tooFar: TOO_FAR,
};
const THREAT_TYPES = ['url', 'attachment', 'messageText'];
const THREAT_STATUSES = ['active', 'cleared', 'falsePositive'];

const listing = (names) =>
	names.length > 2
		? `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`
		: names.join(' or ');

/** The window a SIEM query asks for: {start, end} or {error} (a plain-text 400 message). */
function siemWindow(query, now, rules = TAP_RULES) {
	const given = rules.timeParams.filter((name) => query[name] !== undefined);
	// "Exactly one" is inferred [I].
	if (given.length !== 1) {
		return { error: `Exactly one of ${listing(rules.timeParams)} is required` };
	}
	const minuteNow = Math.floor(now / 60000) * 60000;
	let window;
	if (given[0] === 'sinceSeconds') {
		if (!/^\d+$/.test(query.sinceSeconds)) {
			return { error: 'sinceSeconds must be a whole number of seconds' };
		}
		window = { start: minuteNow - Number(query.sinceSeconds) * 1000, end: minuteNow };
	} else if (given[0] === 'sinceTime') {
		window = { start: Date.parse(query.sinceTime), end: minuteNow };
	} else {
		window = parseInterval(query.interval);
	}
	if (!window || Number.isNaN(window.start) || Number.isNaN(window.end)) {
		return { error: `Invalid ${given[0]}: ${query[given[0]]}` };
	}
	if (given[0] === 'interval' && window.end >= now) return { error: STILL_CURRENT };
	if (window.start < now - rules.lookBackMs) return { error: rules.tooFar };
	if (window.end - window.start < 30 * 1000) return { error: TOO_SHORT };
	if (window.end - window.start > 60 * 60 * 1000) return { error: TOO_LONG };
	return window;
}

/** threatType and threatStatus, each possibly repeated: {threatType, threatStatus} or {error}. */
function siemFilters(params) {
	const threatType = params.getAll('threatType');
	const threatStatus = params.getAll('threatStatus');
	// The values are the documented ones, compared exactly; the 400 texts are the sandbox's own [I].
	const badType = threatType.find((value) => !THREAT_TYPES.includes(value));
	if (badType !== undefined) {
		return { error: `Invalid threatType: ${badType}; use ${listing(THREAT_TYPES)}` };
	}
	const badStatus = threatStatus.find((value) => !THREAT_STATUSES.includes(value));
	if (badStatus !== undefined) {
		return { error: `Invalid threatStatus: ${badStatus}; use ${listing(THREAT_STATUSES)}` };
	}
	return {
		threatType: threatType.length ? threatType : undefined,
		threatStatus: threatStatus.length ? threatStatus : undefined,
	};
}

/** A handler for one SIEM endpoint: the store's TAP events in the window, visible now. */
function siemEndpoint(name) {
	return (ctx, request) => {
		const now = ctx.clock();
		const window = siemWindow(request.query, now);
		if (window.error) return text(400, window.error);
		const filters = siemFilters(request.params);
		if (filters.error) return text(400, filters.error);
		// syslog is the API's default format; the sandbox answers it with an empty body.
		if (request.query.format !== 'json') return text(200, '');
		const events = ctx.threatEvents.select({
			platform: 'tap',
			kinds: SIEM_ARRAYS[name],
			start: window.start,
			end: window.end,
			visibleAt: now,
			...filters,
		});
		const body = JSON.stringify({ queryEndTime: iso(window.end), ...events });
		// Real TAP sometimes labels its JSON text/plain (docs/api-facts.md#tap-siem-api).
		return ctx.threatEvents.answerAsPlainText()
			? { status: 200, type: 'text/plain; charset=utf-8', body }
			: rawJson(200, body);
	};
}

module.exports = {
	SIEM_ARRAYS,
	TOO_SHORT,
	STILL_CURRENT,
	parseInterval,
	siemWindow,
	siemFilters,
	siemEndpoint,
};
