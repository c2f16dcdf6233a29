'use strict';

// Every operation's error paths (401, 403, 404, 429, 5xx, a timeout, a reset connection) run with
// distinctive keys and a distinctive TAP secret, with n8n logging everything it logs at debug
// level as JSON. Neither the keys, nor the secret, nor the Basic-auth value built from it may show
// up in an output item, an error (message, description, context, stack) or anything written to
// stdout, stderr or the console.

// n8n-core reads its logging settings, and its console transport takes console.log, when the
// harness loads it: both are set up before that.
process.env.N8N_LOG_LEVEL = 'debug';
process.env.N8N_LOG_FORMAT = 'json';

const vm = require('node:vm');

// Jest gives the file a copy of `process` and a console of its own; capture them all.
const realProcess = vm.runInThisContext('process');
const written = [];
const restoreOutput = (() => {
	// Winston writes to console._stdout when there is one: jest's buffered console has its own.
	const streams = [process.stdout, process.stderr, realProcess.stdout, realProcess.stderr, console._stdout, console._stderr].filter(Boolean);
	const writes = streams.map((stream) => stream.write);
	streams.forEach((stream, index) => {
		stream.write = function capture(chunk, ...rest) {
			written.push(String(chunk));
			// n8n's debug log is kept for the search, not shown.
			if (String(chunk).startsWith('{"level":')) return true;
			return writes[index].call(this, chunk, ...rest);
		};
	});
	const consoleMethods = ['log', 'info', 'warn', 'error', 'debug', 'trace'];
	const logs = consoleMethods.map((name) => console[name]);
	consoleMethods.forEach((name, index) => {
		console[name] = (...args) => {
			const line = args.map((arg) => (typeof arg === 'string' ? arg : JSON.stringify(arg))).join(' ');
			written.push(line);
			if (line.startsWith('{"level":')) return undefined;
			return logs[index](...args);
		};
	});
	return () => {
		streams.forEach((stream, index) => {
			stream.write = writes[index];
		});
		consoleMethods.forEach((name, index) => {
			console[name] = logs[index];
		});
	};
})();
afterAll(() => restoreOutput());

const { startSandbox, demoTenant, SANDBOX_CREDENTIALS } = require('../../sandbox');
const { runNode } = require('../harness');
const { sandboxCredentials } = require('../support');
const { OPERATIONS } = require('./operations');

const { partner, orgAdmin } = SANDBOX_CREDENTIALS.essentials;
const { principal } = SANDBOX_CREDENTIALS.tap;
const KEYS = {
	partnerKey: 'ppk-PARTNER-5f0c2b9e-d41d-4c1a-9b7e-DISTINCT',
	orgAdminKey: 'ppk-ACMEADMIN-8e1f7a3c-22b4-4f9d-a0c6-DISTINCT',
	tapSecret: 'tap-SECRET-3c9d1e7f-6a2b-48e5-b1d0-DISTINCT',
	wrongKey: 'ppk-WRONG-0a1b2c3d-4e5f-6789-abcd-DISTINCT',
	wrongSecret: 'tap-WRONG-9f8e7d6c-5b4a-3210-fedc-DISTINCT',
	threatSecret: 'siem-SECRET-7b2e4d9a-1c3f-4e8b-a5d6-DISTINCT',
};
const threatKey = SANDBOX_CREDENTIALS.essentialsThreat.acme.apiKey;
const basic = (secret, user = principal) => Buffer.from(`${user}:${secret}`).toString('base64');
/** Every form a secret could leak in: as is, URL-encoded, and the TAP Basic-auth value. */
const FORBIDDEN = [
	...new Set([
		...Object.values(KEYS),
		...Object.values(KEYS).map(encodeURIComponent),
		basic(KEYS.tapSecret),
		basic(KEYS.wrongSecret),
		basic(KEYS.threatSecret, threatKey),
		basic(KEYS.wrongSecret, threatKey),
		// A distinctive fragment, in case a value is cut short or wrapped.
		'DISTINCT',
	]),
];

function distinctiveTenant() {
	const tenant = demoTenant();
	tenant.credentials.essentials[partner.apiUser] = KEYS.partnerKey;
	tenant.credentials.essentials[orgAdmin.apiUser] = KEYS.orgAdminKey;
	tenant.credentials.tap[principal] = KEYS.tapSecret;
	tenant.credentials.essentialsThreat[threatKey].secret = KEYS.threatSecret;
	return tenant;
}

function credentialsFor(sb, op, { login = partner.apiUser, apiKey = KEYS.partnerKey, secret } = {}) {
	const credentials = sandboxCredentials(sb, { login: { apiUser: login, apiKey }, threat: op.threat });
	credentials.proofpointTapApi.secret = secret ?? (op.threat ? KEYS.threatSecret : KEYS.tapSecret);
	return credentials;
}

/** Replaces domains in every string of the parameters or input: `moves` is [[from, to], …]. */
function moved(value, moves) {
	if (value === undefined) return value;
	return JSON.parse(moves.reduce((text, [from, to]) => text.replaceAll(from, to), JSON.stringify(value)));
}

// Each error path: how to provoke it, and the failures it should produce.
const ERROR_PATHS = {
	401: { credentials: { apiKey: KEYS.wrongKey, secret: KEYS.wrongSecret } },
	// The acme admin reaching into another customer; acme's Integration Key asking for customer data.
	403: { credentials: { login: orgAdmin.apiUser, apiKey: KEYS.orgAdminKey }, moves: [['acme.example', 'initech.example']], threatParameters: { essentialsData: 'customers' } },
	404: { moves: ['acme.example', 'partner.example', 'initech.example'].map((domain) => [domain, 'nowhere.example']) },
	429: { fault: '429-retry-after' },
	'5xx': { fault: '502' },
	timeout: { fault: 'slow' },
	reset: { fault: 'reset' },
};

const NETWORK_FAILURES = { ECONNABORTED: 'timeout', ECONNRESET: 'reset' };

/** '401', '5xx', 'timeout'… from the error, or from the error item with Continue On Fail; 'none' when it succeeded. */
function failureOf(result) {
	const error = result.error ?? (result.items[0]?.json.error ? result.items[0].json : undefined);
	if (!error) return 'none';
	const code = String(error.httpCode ?? '');
	if (/^5\d\d$/.test(code)) return '5xx';
	return NETWORK_FAILURES[code] ?? (code || 'other');
}

async function runErrorPath(op, path, onError) {
	const setup = ERROR_PATHS[path];
	const sb = await startSandbox({ tenant: distinctiveTenant(), retryAfterSeconds: 0, slowMs: 1500 });
	try {
		if (setup.fault) sb.failNext({ mode: setup.fault, count: 4 });
		const moves = op.api === 'essentials' ? (setup.moves ?? []) : [];
		const extra = op.api === 'essentialsThreat' ? setup.threatParameters : undefined;
		// A short Request Timeout only where the answer is meant to come too late: 58 runs side by side on a busy machine are slow.
		const requestTimeout = setup.fault === 'slow' ? 1000 : 30000;
		const parameters = moved({ ...op.parameters, ...extra, options: { ...op.parameters.options, requestTimeout } }, moves);
		const input = moved(op.input, moves);
		const result = await runNode({ parameters, input, onError, credentials: credentialsFor(sb, op, setup.credentials) });
		return { op: op.name, api: op.api, path, onError, failure: failureOf(result), everything: JSON.stringify(result) };
	} finally {
		await sb.close();
	}
}

const figures = { runs: 0, leaks: 0 };
afterAll(() => {
	if (process.env.RELIABILITY_FIGURES) realProcess.stdout.write(`secrets figures ${JSON.stringify(figures)}\n`);
});

describe('no key or secret leaks on any error path of any operation', () => {

	const outcomes = [];
	test.each(Object.keys(ERROR_PATHS))("'%s': every operation, stopping the workflow and as error items", async (path) => {
		const runs = OPERATIONS.flatMap((op) => ['stopWorkflow', 'continueRegularOutput'].map((onError) => runErrorPath(op, path, onError)));
		const results = await Promise.all(runs);
		outcomes.push(...results);
		figures.runs += results.length;

		const leaks = results.flatMap(({ op, onError, everything }) =>
			FORBIDDEN.filter((secret) => everything.includes(secret)).map((secret) => `${op} (${onError}): ${secret}`),
		);
		figures.leaks += leaks.length;
		expect(leaks).toEqual([]);
	}, 30000);

	test('each path produced its failure on every operation it applies to', () => {
		const byPath = (path, api) => new Set(outcomes.filter((outcome) => outcome.path === path && outcome.api === api).map((outcome) => outcome.failure));
		expect(byPath('401', 'essentials')).toEqual(new Set(['401']));
		expect(byPath('401', 'tap')).toEqual(new Set(['401']));
		// Endpoint → Get answers for any domain on any stack: the acme admin may ask about initech.
		expect(byPath('403', 'essentials')).toEqual(new Set(['403', 'none']));
		const answered = outcomes.filter((outcome) => outcome.path === '403' && outcome.api === 'essentials' && outcome.failure === 'none');
		expect(answered.map((outcome) => outcome.op)).toEqual([
			'Endpoint → Get',
			'Endpoint → Get',
		]);
		expect(byPath('401', 'essentialsThreat')).toEqual(new Set(['401']));
		expect(byPath('403', 'essentialsThreat')).toEqual(new Set(['403']));
		expect(byPath('404', 'essentials')).toEqual(new Set(['404']));
		for (const api of ['essentials', 'tap', 'essentialsThreat']) {
			expect(byPath('429', api)).toEqual(new Set(['429']));
			expect(byPath('5xx', api)).toEqual(new Set(['5xx']));
			expect(byPath('timeout', api)).toEqual(new Set(['timeout']));
			expect(byPath('reset', api)).toEqual(new Set(['reset']));
		}
	});

	test('nothing that was logged or printed holds a key or the secret', () => {
		const output = written.join('\n');
		// The capture saw n8n's own debug log of the failed runs, so it was listening.
		expect(written.filter((line) => line.includes('finished with error') && line.includes('"node":"Proofpoint"')).length).toBeGreaterThan(100);
		const logged = FORBIDDEN.filter((secret) => output.includes(secret));
		figures.leaks += logged.length;
		expect(logged).toEqual([]);
	});

	test('the search finds a key where one is (a control)', async () => {
		const op = OPERATIONS.find((candidate) => candidate.name === 'User → Create');
		const sb = await startSandbox({ tenant: distinctiveTenant() });
		try {
			const parameters = { ...op.parameters, additionalFields: { firstname: KEYS.partnerKey } };
			const result = await runNode({ parameters, credentials: credentialsFor(sb, op) });
			expect(FORBIDDEN.filter((secret) => JSON.stringify(result).includes(secret))).toEqual([KEYS.partnerKey, 'DISTINCT']);
		} finally {
			await sb.close();
		}
	});
});
