'use strict';

// Shared by the Threat Protection test files: a token, and a client that sends JSON with it.
const { SANDBOX_CREDENTIALS } = require('../../sandbox');

const CREDENTIALS = SANDBOX_CREDENTIALS.threatProtection;
const START = Date.parse('2026-06-05T06:00:30Z');
const SECOND = 1000;
const MINUTE = 60 * SECOND;

const parse = (text) => {
	try {
		return text ? JSON.parse(text) : undefined;
	} catch {
		return text;
	}
};

async function send(url, init) {
	const response = await fetch(url, init);
	const text = await response.text();
	return { status: response.status, headers: response.headers, body: parse(text), text };
}

/** POST /v1/token with a form of the sandbox's key and secret, `fields` replacing any of them. */
function requestToken(sb, fields = {}, headers = {}) {
	const form = {
		grant_type: 'client_credentials',
		client_id: CREDENTIALS.apiKey,
		client_secret: CREDENTIALS.apiSecret,
		...fields,
	};
	for (const [name, value] of Object.entries(form)) if (value === undefined) delete form[name];
	return send(`${sb.threatProtectionUrl}/v1/token`, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
		body: new URLSearchParams(form).toString(),
	});
}

/** A client holding a fresh token: get(path), post(path, body), and call(method, path, body, token). */
async function tpClient(sb) {
	const issued = await requestToken(sb);
	if (issued.status !== 200) throw new Error(`No token: ${issued.status} ${issued.text}`);
	const client = {
		token: issued.body.access_token,
		call: (method, path, body, token = client.token) =>
			send(`${sb.threatProtectionUrl}${path}`, {
				method,
				headers: {
					authorization: `Bearer ${token}`,
					...(body !== undefined && { 'content-type': 'application/json' }),
				},
				body:
					body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
			}),
		get: (path) => client.call('GET', path),
		post: (path, body = {}) => client.call('POST', path, body),
		async refresh() {
			client.token = (await requestToken(sb)).body.access_token;
		},
	};
	return client;
}

/** 'YYYY-MM-DD HH:MM:SS', the time form the CTR filters take. */
const filterTime = (ms) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');

module.exports = { CREDENTIALS, START, SECOND, MINUTE, send, requestToken, tpClient, filterTime };
