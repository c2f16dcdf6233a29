'use strict';

const USER_TYPES = [
	'oem_partner_admin',
	'strategic_partner_admin',
	'channel_admin',
	'organization_admin',
	'end_user',
	'silent_user',
	'functional_account',
];
const PARTNER_ADMIN_TYPES = ['oem_partner_admin', 'strategic_partner_admin', 'channel_admin'];
const ORG_TYPES = ['oem_partner', 'strategic_partner', 'channel', 'organization'];
const PACKAGES = ['beginner', 'business', 'advanced', 'professional'];

const INVALID = Symbol('invalid');
const EMAIL = /^[^\s@/]+@[^\s@/]+\.[^\s@/]+$/;
const DOMAIN = /^(?=.{1,253}$)([a-z0-9-]+\.)+[a-z0-9-]{2,}$/i;

// The API sends and accepts booleans and numbers as strings now and then ("true", "30").
function toBoolean(value) {
	if (value === true || value === 'true' || value === 1 || value === '1') return true;
	if (value === false || value === 'false' || value === 0 || value === '0') return false;
	return undefined;
}

function toInteger(value) {
	if (Number.isInteger(value)) return value;
	if (typeof value === 'string' && /^-?\d+$/.test(value.trim())) return Number(value.trim());
	return undefined;
}

const isTrue = (value) => toBoolean(value) === true;
const isPlainObject = (value) =>
	value !== null && typeof value === 'object' && !Array.isArray(value);
const isEmail = (value) => typeof value === 'string' && EMAIL.test(value.trim());
const isDomain = (value) => typeof value === 'string' && DOMAIN.test(value.trim());
const isListOf = (value, test) => Array.isArray(value) && value.every(test);

function coerceValue(value, kind) {
	if (Array.isArray(kind)) {
		const lowered = typeof value === 'string' ? value.trim().toLowerCase() : value;
		return kind.includes(lowered) ? lowered : INVALID;
	}
	switch (kind) {
		case 'boolean':
			return toBoolean(value) ?? INVALID;
		case 'integer':
			return toInteger(value) ?? INVALID;
		case 'string':
			return value === null || typeof value === 'string' ? value : INVALID;
		case 'email':
			return isEmail(value) ? value.trim() : INVALID;
		case 'domain':
			return isDomain(value) ? value.trim().toLowerCase() : INVALID;
		case 'emailList':
			return isListOf(value, isEmail) ? value.map((email) => email.trim()) : INVALID;
		case 'stringList':
			return isListOf(value, (item) => typeof item === 'string') ? value : INVALID;
		case 'list':
			return Array.isArray(value) ? value : INVALID;
		case 'object':
			return value === null || isPlainObject(value) ? value : INVALID;
		case 'objectOrList':
			return value === null || isPlainObject(value) || Array.isArray(value) ? value : INVALID;
		default:
			throw new Error(`Unknown field kind ${kind}`);
	}
}

/**
 * Picks the fields named in `schema` out of a request body, coercing string booleans/numbers.
 * Fields not in the schema are ignored (the real API's handling of unknown fields is unknown).
 * Returns {values} or {error, field}.
 */
function coerceFields(body, schema) {
	if (!isPlainObject(body)) return { error: 'The request body must be a JSON object' };
	const values = {};
	for (const [field, kind] of Object.entries(schema)) {
		if (body[field] === undefined) continue;
		const value = coerceValue(body[field], kind);
		if (value === INVALID) {
			const allowed = Array.isArray(kind) ? ` (one of ${kind.join(', ')})` : ` (expected ${kind})`;
			return {
				error: `Invalid value for ${field}: ${JSON.stringify(body[field])}${allowed}`,
				field,
			};
		}
		values[field] = value;
	}
	return { values };
}

module.exports = {
	USER_TYPES,
	PARTNER_ADMIN_TYPES,
	ORG_TYPES,
	PACKAGES,
	toBoolean,
	toInteger,
	isTrue,
	isPlainObject,
	coerceFields,
};
