'use strict';

// Fake keys that only this sandbox accepts.
const SANDBOX_CREDENTIALS = Object.freeze({
	essentials: Object.freeze({
		partner: Object.freeze({ apiUser: 'api@partner.example', apiKey: 'sandbox-partner-key' }),
		orgAdmin: Object.freeze({ apiUser: 'admin@acme.example', apiKey: 'sandbox-acme-key' }),
		readOnly: Object.freeze({ apiUser: 'readonly@acme.example', apiKey: 'sandbox-readonly-key' }),
	}),
	tap: Object.freeze({ principal: 'sandbox-principal', secret: 'sandbox-tap-secret' }),
	// Essentials Threat API integration keys (HTTP Basic: API key / API key secret).
	essentialsThreat: Object.freeze({
		partner: Object.freeze({
			apiKey: 'sandbox-threat-partner-key',
			apiKeySecret: 'sandbox-threat-partner-secret',
		}),
		acme: Object.freeze({
			apiKey: 'sandbox-threat-acme-key',
			apiKeySecret: 'sandbox-threat-acme-secret',
		}),
		pending: Object.freeze({
			apiKey: 'sandbox-threat-pending-key',
			apiKeySecret: 'sandbox-threat-pending-secret',
		}),
	}),
	// Threat Protection API key (OAuth2 client id / secret) and the PoD cluster it manages; 'sandbox-cluster-eu' is a second one.
	threatProtection: Object.freeze({
		apiKey: 'sandbox-tp-client-id',
		apiSecret: 'sandbox-tp-client-secret',
		clusterId: 'sandbox-cluster',
	}),
});

// What each integration key may read: its org, with or without the org's children, and whether it is
// still waiting to become active (a new key takes up to 30 minutes; the sandbox makes it exactly 30).
const THREAT_KEY_SCOPES = {
	partner: { org: 'partner.example', children: true, activeAfterMs: 0 },
	acme: { org: 'acme.example', children: false, activeAfterMs: 0 },
	pending: { org: 'acme.example', children: false, activeAfterMs: 30 * 60 * 1000 },
};

function threatKeyTable() {
	const table = {};
	for (const [name, { apiKey, apiKeySecret }] of Object.entries(
		SANDBOX_CREDENTIALS.essentialsThreat,
	)) {
		table[apiKey] = { name, secret: apiKeySecret, ...THREAT_KEY_SCOPES[name] };
	}
	return table;
}

/**
 * The tenant's key table: API user (lower case) → key, TAP principal → secret, threat API key →
 * scope, Threat Protection client id → secret.
 */
function credentialTable(essentialsLogins) {
	const essentials = {};
	for (const { apiUser, apiKey } of essentialsLogins) essentials[apiUser.toLowerCase()] = apiKey;
	const { principal, secret } = SANDBOX_CREDENTIALS.tap;
	const { apiKey, apiSecret } = SANDBOX_CREDENTIALS.threatProtection;
	return {
		essentials,
		tap: { [principal]: secret },
		essentialsThreat: threatKeyTable(),
		threatProtection: { [apiKey]: apiSecret },
	};
}

/** Request headers for an Essentials login, e.g. essentialsHeaders(SANDBOX_CREDENTIALS.essentials.partner). */
const essentialsHeaders = ({ apiUser, apiKey }) => ({ 'X-User': apiUser, 'X-Password': apiKey });

/** The TAP login as a Basic-auth pair ({username, password}, the form axios takes). */
const tapBasicAuth = ({ principal, secret } = SANDBOX_CREDENTIALS.tap) => ({
	username: principal,
	password: secret,
});

/** An Essentials Threat API key as a Basic-auth pair, e.g. essentialsThreatAuth(SANDBOX_CREDENTIALS.essentialsThreat.partner). */
const essentialsThreatAuth = (
	{ apiKey, apiKeySecret } = SANDBOX_CREDENTIALS.essentialsThreat.partner,
) => ({
	username: apiKey,
	password: apiKeySecret,
});

module.exports = {
	SANDBOX_CREDENTIALS,
	credentialTable,
	essentialsHeaders,
	tapBasicAuth,
	essentialsThreatAuth,
};
