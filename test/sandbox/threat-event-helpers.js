'use strict';

// Shared by the threat-event test files: clients, windows and small checks.
const http = require('node:http');
const axios = require('axios');
const { tapBasicAuth, essentialsThreatAuth } = require('../../sandbox');

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const START = Date.parse('2026-06-05T06:00:30Z');

const tapClient = (sb, auth = tapBasicAuth()) =>
	axios.create({ baseURL: sb.tapUrl, auth, validateStatus: () => true });

const threatClient = (sb, key, region = 'us') =>
	axios.create({
		baseURL: sb.essentialsThreatUrl(region),
		auth: key && essentialsThreatAuth(key),
		validateStatus: () => true,
	});

const iso = (ms) => new Date(ms).toISOString();
/** An ISO `start/end` interval. */
const interval = (start, end) => `${iso(start)}/${iso(end)}`;
/** The whole hour `hoursAgo` hours before the hour `now` is in. */
function hourWindow(now, hoursAgo = 1) {
	const end = Math.floor(now / HOUR) * HOUR - (hoursAgo - 1) * HOUR;
	return { start: end - HOUR, end };
}

const allEvents = (answer) => Object.values(answer).flat();
// Either spelling (docs/api-facts.md#tap-siem-api); a null campaign id stays null.
const threatIdOf = (info) => ('threatID' in info ? info.threatID : info.threatId);
const campaignIdOf = (info) => ('campaignID' in info ? info.campaignID : info.campaignId);

/** A GET sent as is: no client normalising `..` or `%2E` in the path. */
function rawGet(sb, path, auth = tapBasicAuth()) {
	const { port } = new URL(sb.url);
	const token = Buffer.from(`${auth.username}:${auth.password}`).toString('base64');
	return new Promise((resolve, reject) => {
		const req = http.get(
			{ host: '127.0.0.1', port, path, headers: { authorization: `Basic ${token}` } },
			(res) => {
				let body = '';
				res.on('data', (chunk) => (body += chunk));
				res.on('end', () => resolve({ status: res.statusCode, body }));
			},
		);
		req.on('error', reject);
	});
}

module.exports = {
	MINUTE,
	HOUR,
	DAY,
	START,
	tapClient,
	threatClient,
	iso,
	interval,
	hourWindow,
	allEvents,
	threatIdOf,
	campaignIdOf,
	rawGet,
};
