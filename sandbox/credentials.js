'use strict';

// Fake keys that only this sandbox accepts.
const SANDBOX_CREDENTIALS = Object.freeze({
	essentials: Object.freeze({
		partner: Object.freeze({ apiUser: 'api@partner.example', apiKey: 'sandbox-partner-key' }),
		orgAdmin: Object.freeze({ apiUser: 'admin@acme.example', apiKey: 'sandbox-acme-key' }),
		readOnly: Object.freeze({ apiUser: 'readonly@acme.example', apiKey: 'sandbox-readonly-key' }),
	}),
	tap: Object.freeze({ principal: 'sandbox-principal', secret: 'sandbox-tap-secret' }),
});

/** The tenant's key table: API user (lower case) → key, TAP principal → secret. */
function credentialTable(essentialsLogins) {
	const essentials = {};
	for (const { apiUser, apiKey } of essentialsLogins) essentials[apiUser.toLowerCase()] = apiKey;
	const { principal, secret } = SANDBOX_CREDENTIALS.tap;
	return { essentials, tap: { [principal]: secret } };
}

/** Request headers for an Essentials login, e.g. essentialsHeaders(SANDBOX_CREDENTIALS.essentials.partner). */
const essentialsHeaders = ({ apiUser, apiKey }) => ({ 'X-User': apiUser, 'X-Password': apiKey });

/** The TAP login as a Basic-auth pair ({username, password}, the form axios takes). */
const tapBasicAuth = ({ principal, secret } = SANDBOX_CREDENTIALS.tap) => ({
	username: principal,
	password: secret,
});

module.exports = { SANDBOX_CREDENTIALS, credentialTable, essentialsHeaders, tapBasicAuth };
