// Shared setup for the node's tests: one sandbox per test file, the node run through real n8n-core.
const { startSandbox, SANDBOX_CREDENTIALS } = require('../sandbox');
const { runNode, runWorkflow } = require('./harness');

const LOGINS = SANDBOX_CREDENTIALS.essentials;

/** The `proofpointTapApi` credential: TAP, or (`threat`: partner, acme, pending) an Essentials Threat API integration key. */
function threatCredential(sb, threat = 'tap') {
	if (threat === 'tap') return { principal: SANDBOX_CREDENTIALS.tap.principal, secret: SANDBOX_CREDENTIALS.tap.secret, baseUrl: sb.tapUrl };
	const { apiKey, apiKeySecret } = SANDBOX_CREDENTIALS.essentialsThreat[threat];
	return { platform: 'essentialsCustom', principal: apiKey, secret: apiKeySecret, baseUrl: sb.essentialsThreatUrl('us') };
}

/** The `proofpointThreatProtectionOAuth2Api` credential of the sandbox (its PoD cluster; `ctrCallsPerMinute` as the credential field). */
function threatProtectionCredential(sb, { clusterId = SANDBOX_CREDENTIALS.threatProtection.clusterId, ...fields } = {}) {
	const { apiKey, apiSecret } = SANDBOX_CREDENTIALS.threatProtection;
	return { clientId: apiKey, clientSecret: apiSecret, baseUrl: sb.threatProtectionUrl, clusterId, ...fields };
}

/** Credentials for both types pointing at the sandbox; `login` picks the Essentials admin, `threat` the TAP or Essentials Threat key. */
function sandboxCredentials(sb, { login = 'partner', stack = 'us1', threat = 'tap' } = {}) {
	const { apiUser, apiKey } = typeof login === 'string' ? LOGINS[login] : login;
	return {
		proofpointEssentialsApi: { stack: 'custom', baseUrl: sb.essentialsUrl(stack), apiUser, apiKey },
		proofpointTapApi: threatCredential(sb, threat),
		proofpointThreatProtectionOAuth2Api: threatProtectionCredential(sb),
	};
}

/**
 * Starts a sandbox for the file (beforeAll/afterAll) and returns helpers:
 * `run(parameters, {input, login, stack, onError, credentials, typeVersion})` → harness result,
 * `sb()` the live sandbox. Requests are cleared before each test.
 */
function useSandbox(options = {}) {
	let sb;
	beforeAll(async () => {
		sb = await startSandbox(options);
	});
	afterAll(async () => {
		await sb?.close();
	});
	beforeEach(() => sb.clearRequests());
	return {
		sb: () => sb,
		run: (parameters, { input, login, stack, threat, onError, credentials, settings, typeVersion } = {}) =>
			runNode({
				parameters,
				input,
				onError,
				settings,
				typeVersion,
				credentials: credentials ?? sandboxCredentials(sb, { login, stack, threat }),
			}),
		runWorkflow: (workflow, { input, login, stack } = {}) =>
			runWorkflow(workflow, { input, credentials: sandboxCredentials(sb, { login, stack }) }),
	};
}

// Everything but Date runs for real, so sockets, retries and n8n-core's own timers behave as usual.
const NOT_FAKED = ['hrtime', 'nextTick', 'performance', 'queueMicrotask', 'requestAnimationFrame', 'cancelAnimationFrame', 'requestIdleCallback', 'cancelIdleCallback', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'];

/**
 * One clock for the node and the sandbox: Date stands still at `start` until the test moves it
 * (timers run as usual). Returns {now(), set(msOrIso), advance(ms)}.
 */
function useFrozenClock(start) {
	beforeAll(() => {
		jest.useFakeTimers({ doNotFake: NOT_FAKED, now: Date.parse(start) });
	});
	afterAll(() => jest.useRealTimers());
	return {
		now: () => Date.now(),
		set: (time) => jest.setSystemTime(typeof time === 'number' ? time : Date.parse(time)),
		advance: (ms) => jest.setSystemTime(Date.now() + ms),
	};
}

/** "METHOD /path" lines of what the sandbox saw, for readable assertions. */
function seen(sb) {
	return sb.requests.map((request) => `${request.method} ${request.path}`);
}

module.exports = { useSandbox, useFrozenClock, sandboxCredentials, threatCredential, threatProtectionCredential, seen, SANDBOX_CREDENTIALS };
