'use strict';

const { text } = require('./http');
const { createRandom } = require('./random');

const FAULT_MODES = [
	'500',
	'502',
	'503',
	'429',
	'429-retry-after',
	'reset',
	'slow',
	'malformed-json',
	'html',
	'empty',
];

const HTML_ERROR_PAGE =
	'<!DOCTYPE html><html><head><title>503 Service Temporarily Unavailable</title></head>' +
	'<body><h1>Service Temporarily Unavailable</h1><p>The server is down for maintenance.</p></body></html>';

function checkMode(mode) {
	if (!FAULT_MODES.includes(mode)) {
		throw new Error(`Unknown fault mode ${mode}; use one of ${FAULT_MODES.join(', ')}`);
	}
}

/** A filter {method?, path?} matches when each given part does; path is a RegExp or a substring. */
function matches(filter = {}, method, path) {
	if (filter.method && filter.method.toUpperCase() !== method) return false;
	if (filter.path instanceof RegExp) return filter.path.test(path);
	return filter.path === undefined || path.includes(filter.path);
}

/**
 * Decides which requests fail and how. failNext() entries win; otherwise each request matching
 * `faults.match` fails with probability `rate`, drawn from a PRNG seeded with `faults.seed`,
 * so the same seed and request sequence give the same faults.
 */
function createFaults(initial) {
	let config = null;
	let random = null;
	const queue = [];

	function setFaults(faults) {
		if (faults) faults.modes.forEach(checkMode);
		config = faults ?? null;
		random = faults ? createRandom(faults.seed ?? 1) : null;
	}

	/** The next `count` matching requests fail with `mode`, after `after` matching ones have passed (e.g. the second add of a run). */
	function failNext({ method, path, mode, count = 1, after = 0 }) {
		checkMode(mode);
		queue.push({ method, path, mode, remaining: count, passing: after });
	}

	/** The fault mode for this request, or null. */
	function pick(method, path) {
		const entry = queue.find((candidate) => matches(candidate, method, path));
		if (entry?.passing > 0) {
			entry.passing -= 1;
			return null;
		}
		if (entry) {
			entry.remaining -= 1;
			if (entry.remaining <= 0) queue.splice(queue.indexOf(entry), 1);
			return entry.mode;
		}
		if (!config || !matches(config.match, method, path)) return null;
		return random.next() < config.rate ? random.pick(config.modes) : null;
	}

	setFaults(initial);
	return { setFaults, failNext, pick };
}

/** The reply for a fault mode that answers at once (not 'reset' or 'slow'). */
function faultReply(mode, retryAfterSeconds) {
	switch (mode) {
		case '500':
			return text(500, 'Internal Server Error');
		case '502':
			return text(502, 'Bad Gateway');
		case '503':
			return text(503, 'Service Unavailable');
		case '429':
			return text(429, 'Too Many Requests');
		case '429-retry-after':
			return {
				...text(429, 'Too Many Requests'),
				headers: { 'retry-after': String(retryAfterSeconds) },
			};
		case 'malformed-json':
			return {
				status: 200,
				type: 'application/json',
				body: '{"users":[{"uid":5000001,"primary_email":"trunc',
			};
		case 'html':
			return { status: 503, type: 'text/html; charset=utf-8', body: HTML_ERROR_PAGE };
		case 'empty':
			return { status: 200, type: 'application/json', body: '' };
		default:
			throw new Error(`Fault mode ${mode} has no immediate reply`);
	}
}

module.exports = { FAULT_MODES, createFaults, faultReply };
