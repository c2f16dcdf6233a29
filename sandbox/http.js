'use strict';

// A handler returns a reply descriptor; only send() touches the socket.
const json = (status, value) => ({ status, type: 'application/json', body: JSON.stringify(value) });
const rawJson = (status, serialized) => ({ status, type: 'application/json', body: serialized });
const text = (status, message) => ({ status, type: 'text/plain; charset=utf-8', body: message });
const noContent = () => ({ status: 204, body: '' });

function readBody(req) {
	return new Promise((resolve, reject) => {
		const chunks = [];
		req.on('data', (chunk) => chunks.push(chunk));
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}

function parseBody(raw) {
	if (raw === '') return { body: undefined, malformed: false };
	try {
		return { body: JSON.parse(raw), malformed: false };
	} catch {
		return { body: raw, malformed: true };
	}
}

function send(res, reply) {
	const headers = { ...reply.headers };
	if (reply.type) headers['content-type'] = reply.type;
	if (reply.status !== 204) headers['content-length'] = Buffer.byteLength(reply.body);
	res.writeHead(reply.status, headers);
	res.end(reply.status === 204 ? undefined : reply.body);
}

/** Path parameters when the decoded segments fit a route's parts (an id is one whole segment), else undefined. */
function matchParts(parts, segments) {
	if (parts.length !== segments.length) return undefined;
	const params = {};
	for (let i = 0; i < parts.length; i++) {
		if (parts[i].startsWith(':')) params[parts[i].slice(1)] = segments[i];
		else if (parts[i] !== segments[i]) return undefined;
	}
	return params;
}

module.exports = { json, rawJson, text, noContent, readBody, parseBody, send, matchParts };
