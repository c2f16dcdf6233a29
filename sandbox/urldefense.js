'use strict';

const { createHash } = require('node:crypto');

/*
 * Proofpoint URL Defense rewrites, written from the formats' descriptions:
 * v1 https://urldefense.proofpoint.com/v1/url?u=<percent-encoded>&k=…
 * v2 https://urldefense.proofpoint.com/v2/url?u=<percent-encoded, % → -, / → _>&d=…&c=…&r=…&m=…&s=…&e=
 * v3 https://urldefense.com/v3/__<url, some characters as *>__;<base64url of them>!!<tenant>!<signature>$
 * `token` (v1/v2 `m=`, v3 signature) ties a rewrite to the event it was made for.
 */
const V1_PREFIX = 'https://urldefense.proofpoint.com/v1/url?';
const V2_PREFIX = 'https://urldefense.proofpoint.com/v2/url?';
const V3_PREFIX = 'https://urldefense.com/v3/__';
const DEFAULT_TOKEN = 'sandbox-rewrite';
const DEFAULT_TENANT = 'SandboxTenant0';

// v3 writes a run of 2+ replaced characters as ** and one of these letters: A = 2 … _ = 65.
const RUN_LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const MAX_RUN = RUN_LETTERS.length + 1;
// v3 keeps printable ASCII as is, except its own delimiters (* ! $ _) and characters unsafe in a URL.
const V3_REPLACED = new Set('*!$_"<>\\^`{|}');
const V2_KEPT = /^[A-Za-z0-9.~/]$/;

// The decoder's error texts are not documented; these are the sandbox's own [I].
const NOT_REWRITTEN = 'Not a URL Defense rewritten URL';
const UNDECODABLE = 'The rewritten URL could not be decoded';

const digest = (value, length) =>
	createHash('sha256').update(value).digest('base64url').slice(0, length);

function percentEncodeV2(url) {
	let encoded = '';
	for (const byte of Buffer.from(url, 'utf8')) {
		const char = String.fromCharCode(byte);
		if (byte < 0x80 && V2_KEPT.test(char)) encoded += char === '/' ? '_' : char;
		else encoded += `-${byte.toString(16).toUpperCase().padStart(2, '0')}`;
	}
	return encoded;
}

function encodeV1(url, { token = DEFAULT_TOKEN, recipient = '' } = {}) {
	const u = encodeURIComponent(url);
	return `${V1_PREFIX}u=${u}&k=${digest(`k${url}`, 22)}&r=${digest(recipient, 22)}&m=${token}&s=${digest(u + token, 43)}`;
}

function encodeV2(url, { token = DEFAULT_TOKEN, tenant = DEFAULT_TENANT, recipient = '' } = {}) {
	const u = percentEncodeV2(url);
	return `${V2_PREFIX}u=${u}&d=DwMFaQ&c=${tenant}&r=${digest(recipient, 43)}&m=${token}&s=${digest(u + token, 43)}&e=`;
}

function isReplacedV3(char) {
	const code = char.codePointAt(0);
	return code <= 0x20 || code >= 0x7f || V3_REPLACED.has(char);
}

/** Writes a run of `length` replaced characters: ** plus a run letter per chunk, a lone * for one. */
function runMarks(length) {
	let marks = '';
	let left = length;
	while (left >= 2) {
		// Never leave a single character after a full chunk: 66 is written 64 + 2.
		const chunk = left > MAX_RUN && left - MAX_RUN < 2 ? MAX_RUN - 1 : Math.min(left, MAX_RUN);
		marks += `**${RUN_LETTERS[chunk - 2]}`;
		left -= chunk;
	}
	return left === 1 ? `${marks}*` : marks;
}

function encodeV3(url, { token = DEFAULT_TOKEN, tenant = DEFAULT_TENANT } = {}) {
	let body = '';
	let replaced = '';
	let run = 0;
	for (const char of url) {
		if (isReplacedV3(char)) {
			replaced += char;
			run += 1;
			continue;
		}
		body += runMarks(run) + char;
		run = 0;
	}
	body += runMarks(run);
	const bytes = Buffer.from(replaced, 'utf8').toString('base64url');
	return `${V3_PREFIX}${body}__;${bytes}!!${tenant}!${token}$`;
}

/** The raw (still encoded) value of each query parameter of a v1/v2 rewrite. */
function rawParams(link, prefix) {
	const params = {};
	for (const pair of link.slice(prefix.length).split('&')) {
		const equals = pair.indexOf('=');
		if (equals > 0) params[pair.slice(0, equals)] = pair.slice(equals + 1);
	}
	return params;
}

function decodeQueryStyle(link, prefix, version, unescape) {
	const params = rawParams(link, prefix);
	if (!params.u) return { error: UNDECODABLE };
	try {
		return { url: decodeURIComponent(unescape(params.u)), version, token: params.m ?? null };
	} catch {
		return { error: UNDECODABLE };
	}
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function replacedCharacters(base64) {
	if (!/^[A-Za-z0-9_-]*$/.test(base64) || base64.length % 4 === 1) return undefined;
	try {
		return Array.from(utf8.decode(Buffer.from(base64, 'base64url')));
	} catch {
		return undefined;
	}
}

/** Puts the replaced characters back in place of * and **<run letter>; undefined if they do not fit. */
function restoreV3(body, characters) {
	let url = '';
	let used = 0;
	for (let i = 0; i < body.length; i++) {
		if (body[i] !== '*') {
			url += body[i];
			continue;
		}
		let count = 1;
		if (body[i + 1] === '*') {
			const run = RUN_LETTERS.indexOf(body[i + 2] ?? '');
			if (run < 0) return undefined;
			count = run + 2;
			i += 2;
		}
		if (used + count > characters.length) return undefined;
		url += characters.slice(used, used + count).join('');
		used += count;
	}
	return used === characters.length ? url : undefined;
}

function decodeV3(link) {
	if (!link.endsWith('$')) return { error: UNDECODABLE };
	const inner = link.slice(V3_PREFIX.length, -1);
	const marks = inner.lastIndexOf('!!');
	const split = marks < 0 ? -1 : inner.lastIndexOf('__;', marks);
	if (split < 0) return { error: UNDECODABLE };
	const characters = replacedCharacters(inner.slice(split + 3, marks));
	const url = characters && restoreV3(inner.slice(0, split), characters);
	if (url === undefined) return { error: UNDECODABLE };
	const tail = inner.slice(marks + 2);
	const bang = tail.indexOf('!');
	return { url, version: 'v3', token: bang < 0 ? null : tail.slice(bang + 1) };
}

/** {url, version, token} for a rewritten URL, or {error}. */
function decode(link) {
	if (typeof link !== 'string') return { error: NOT_REWRITTEN };
	if (link.startsWith(V3_PREFIX)) return decodeV3(link);
	if (link.startsWith(V2_PREFIX)) {
		return decodeQueryStyle(link, V2_PREFIX, 'v2', (u) => u.replace(/-/g, '%').replace(/_/g, '/'));
	}
	if (link.startsWith(V1_PREFIX)) return decodeQueryStyle(link, V1_PREFIX, 'v1', (u) => u);
	return { error: NOT_REWRITTEN };
}

module.exports = { encodeV1, encodeV2, encodeV3, decode };
