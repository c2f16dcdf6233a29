// Shared setup for the node's tests: one sandbox per test file, the node run through real n8n-core.
const { startSandbox, SANDBOX_CREDENTIALS } = require('../sandbox');
const { runNode, runWorkflow } = require('./harness');

const LOGINS = SANDBOX_CREDENTIALS.essentials;

/** Credentials for both types pointing at the sandbox; `login` picks the Essentials admin. */
function sandboxCredentials(sb, { login = 'partner', stack = 'us1' } = {}) {
	const { apiUser, apiKey } = typeof login === 'string' ? LOGINS[login] : login;
	return {
		proofpointEssentialsApi: { stack: 'custom', baseUrl: sb.essentialsUrl(stack), apiUser, apiKey },
		proofpointTapApi: { principal: SANDBOX_CREDENTIALS.tap.principal, secret: SANDBOX_CREDENTIALS.tap.secret, baseUrl: sb.tapUrl },
	};
}

/**
 * Starts a sandbox for the file (beforeAll/afterAll) and returns helpers:
 * `run(parameters, {input, login, stack, onError, credentials})` → harness result,
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
		run: (parameters, { input, login, stack, onError, credentials } = {}) =>
			runNode({
				parameters,
				input,
				onError,
				credentials: credentials ?? sandboxCredentials(sb, { login, stack }),
			}),
		runWorkflow: (workflow, { input, login, stack } = {}) =>
			runWorkflow(workflow, { input, credentials: sandboxCredentials(sb, { login, stack }) }),
	};
}

/** "METHOD /path" lines of what the sandbox saw, for readable assertions. */
function seen(sb) {
	return sb.requests.map((request) => `${request.method} ${request.path}`);
}

module.exports = { useSandbox, sandboxCredentials, seen, SANDBOX_CREDENTIALS };
