'use strict';

// Plain http:// base URLs are refused unless the host is loopback, for both credential types and
// every operation, with the reason, before any connection is tried.
const { useSandbox, sandboxCredentials } = require('../support');
const { OPERATIONS } = require('./operations');

// Long enough that a connection attempt to an unreachable host would show in the run time.
const REQUEST_TIMEOUT_MS = 5000;
const REASON = 'the credentials would cross the network unencrypted. Use https:// (plain http is allowed only for a loopback sandbox such as 127.0.0.1).';
const CREDENTIAL = {
	essentials: { type: 'proofpointEssentialsApi', label: "The credential's Base URL", fix: 'Edit the Proofpoint Essentials credential.' },
	tap: { type: 'proofpointTapApi', label: "The TAP credential's Base URL", fix: 'Edit the Proofpoint TAP / Essentials Threat API credential.' },
	essentialsThreat: { type: 'proofpointTapApi', label: "The credential's Base URL", fix: 'Edit the Proofpoint TAP / Essentials Threat API credential.' },
};
const representative = {
	essentials: OPERATIONS.find((op) => op.name === 'User → Get'),
	tap: OPERATIONS.find((op) => op.name === 'Very Attacked Person → Get Many'),
	essentialsThreat: OPERATIONS.find((op) => op.name === 'SIEM Event → Get Many (Essentials Threat API)'),
};

const { run, sb } = useSandbox({ retryAfterSeconds: 0 });

/** Sandbox credentials with the base URL of `api` rewritten by `rewrite(sandboxBaseUrl)`. */
function credentialsWith(api, rewrite) {
	const credentials = sandboxCredentials(sb(), { threat: representative[api].threat });
	const credential = credentials[CREDENTIAL[api].type];
	credential.baseUrl = rewrite(credential.baseUrl);
	return credentials;
}

const withTimeout = (op) => ({ ...op.parameters, options: { ...op.parameters.options, requestTimeout: REQUEST_TIMEOUT_MS } });

async function timedRun(op, credentials) {
	const started = Date.now();
	const result = await run(withTimeout(op), { input: op.input, credentials });
	return { result, elapsed: Date.now() - started };
}

const PLAIN_HTTP_HOSTS = [
	['the hosted API', () => 'http://us1.proofpointessentials.com/api/v1', 'us1.proofpointessentials.com'],
	['a private address', () => 'http://10.0.0.5/api/v1', '10.0.0.5'],
	['0.0.0.0, which reaches the sandbox on Linux', (url) => url.replace('127.0.0.1', '0.0.0.0'), '0.0.0.0'],
	['a host that only starts like localhost', (url) => url.replace(/127\.0\.0\.1:\d+/, 'localhost.evil.example'), 'localhost.evil.example'],
	['a host that only starts like 127.0.0.1', (url) => url.replace(/127\.0\.0\.1:\d+/, '127.0.0.1.nip.io'), '127.0.0.1.nip.io'],
];

describe.each(['essentials', 'tap', 'essentialsThreat'])('the %s credential', (api) => {
	const { label, fix } = CREDENTIAL[api];
	const op = representative[api];

	test.each(PLAIN_HTTP_HOSTS)('refuses plain http:// to %s, saying why, before connecting', async (_, rewrite, host) => {
		const { result, elapsed } = await timedRun(op, credentialsWith(api, rewrite));

		expect(result.status).toBe('error');
		expect(result.error.name).toBe('NodeOperationError');
		expect(result.error.message).toBe(`${label} uses plain http:// for ${host}: ${REASON}`);
		expect(result.error.description).toBe(fix);
		expect(sb().requests).toEqual([]);
		expect(elapsed).toBeLessThan(REQUEST_TIMEOUT_MS);
	});

	test('accepts plain http:// to the loopback sandbox', async () => {
		const { result } = await timedRun(op, credentialsWith(api, (url) => url));

		expect(result.status).toBe('success');
		expect(sb().requests).toHaveLength(1);
	});

	test('refuses a base URL carrying a user name and password, without repeating them', async () => {
		const password = 'pw-in-the-url-7d3f';
		const { result } = await timedRun(op, credentialsWith(api, (url) => url.replace('http://', `http://api:${password}@`)));

		expect(result.error.message).toBe(`${label} must not contain a user name, password, query or fragment.`);
		expect(JSON.stringify(result)).not.toContain(password);
		expect(sb().requests).toEqual([]);
	});
});

test.each(OPERATIONS.map((op) => [op.name, op]))('%s refuses its credential’s plain http:// base URL to a private address', async (_, op) => {
	const { label } = CREDENTIAL[op.api];
	const { result, elapsed } = await timedRun(op, credentialsWith(op.api, () => 'http://10.0.0.5/api/v1'));

	expect(result.error.message).toBe(`${label} uses plain http:// for 10.0.0.5: ${REASON}`);
	expect(sb().requests).toEqual([]);
	expect(elapsed).toBeLessThan(REQUEST_TIMEOUT_MS);
});
