'use strict';

const { json, text } = require('./http');
const { DAY_MS } = require('./throttle');

// Which event arrays each SIEM endpoint returns (reference §4).
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

/** The window a SIEM query asks for: {start, end} or {error} (a plain-text 400 message). */
function siemWindow(query, now) {
	const given = ['interval', 'sinceSeconds', 'sinceTime'].filter(
		(name) => query[name] !== undefined,
	);
	// "Exactly one" is inferred [I].
	if (given.length !== 1) {
		return { error: 'Exactly one of interval, sinceSeconds or sinceTime is required' };
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
	if (window.start < now - 7 * DAY_MS) return { error: TOO_FAR };
	if (window.end - window.start < 30 * 1000) return { error: TOO_SHORT };
	if (window.end - window.start > 60 * 60 * 1000) return { error: TOO_LONG };
	return window;
}

/** A handler for one SIEM endpoint; the sandbox has no events, so every array is empty. */
function siemEndpoint(name) {
	return (ctx, request) => {
		const window = siemWindow(request.query, ctx.clock());
		if (window.error) return text(400, window.error);
		// syslog is the API's default format; the sandbox answers it with an empty body (no events).
		if (request.query.format !== 'json') return text(200, '');
		const body = { queryEndTime: iso(window.end) };
		for (const array of SIEM_ARRAYS[name]) body[array] = [];
		return json(200, body);
	};
}

module.exports = { SIEM_ARRAYS, siemWindow, siemEndpoint };
