'use strict';

const { json, text } = require('./http');
const { isPlainObject } = require('./coerce');
const urldefense = require('./urldefense');

// The real limit on the body is unknown; the sandbox refuses more than 1 MB [I].
const MAX_BODY_BYTES = 1024 * 1024;

function decodeOne(ctx, encodedUrl) {
	const decoded = urldefense.decode(encodedUrl);
	if (decoded.error) return { encodedUrl, success: false, error: decoded.error };
	const origin = ctx.threatEvents.rewriteOrigin(decoded.token, decoded.url);
	return { encodedUrl, decodedUrl: decoded.url, ...origin, success: true };
}

/** POST /v2/url/decode {"urls": [...]}: one result per URL, in order; undecodable ones say so. */
function urlDecode(ctx, request) {
	if (request.bodyBytes > MAX_BODY_BYTES) {
		return text(413, `The request body is larger than ${MAX_BODY_BYTES} bytes`);
	}
	const { body } = request;
	const urls = isPlainObject(body) ? body.urls : undefined;
	if (request.malformed || !Array.isArray(urls) || !urls.every((url) => typeof url === 'string')) {
		return text(400, 'The body must be a JSON object {"urls": [...]} with a list of strings');
	}
	return json(200, { urls: urls.map((url) => decodeOne(ctx, url)) });
}

module.exports = { urlDecode, MAX_BODY_BYTES };
