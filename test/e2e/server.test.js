// The packed package in a running n8n: it loads, and each credential's Test button answers as the
// user will see it.
const fs = require('node:fs');
const path = require('node:path');
const runtime = require('../../scripts/n8n-runtime');
const { startSandbox, SANDBOX_CREDENTIALS } = require('../../sandbox');
const { LISTENER_HOST, PRELOAD, startRecordingListener } = require('../harness/loopback-alias');
const { annotate, barred, tail } = require('./text');
const { PLAIN_HTTP_REFUSED } = require('../../dist/nodes/Proofpoint/transport/baseUrl');

jest.setTimeout(240000);

let sb;
let server;
let cookie;
let userFolder;
let tarball;
let listener;

beforeAll(async () => {
	const n8n = runtime.prepareN8n();
	tarball = runtime.packPackage();
	userFolder = runtime.newUserFolder(tarball);
	sb = await startSandbox();
	listener = await startRecordingListener();
	// n8n alone resolves LISTENER_HOST to 127.0.0.1 (a preload patches its dns.lookup): a name that is not
	// loopback to the credential, whose traffic stays on this machine. Nothing else on the machine changes.
	server = await runtime.startN8n(n8n, userFolder, {
		env: {
			NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${PRELOAD}`.trim(),
			PROOFPOINT_LOOPBACK_ALIAS: LISTENER_HOST,
		},
	});
	cookie = await runtime.ownerSession(server.url);
});

afterAll(async () => {
	await server?.stop();
	await listener?.close();
	await sb?.close();
	if (userFolder) fs.rmSync(userFolder, { recursive: true, force: true });
	if (tarball) fs.rmSync(path.dirname(tarball), { recursive: true, force: true });
});

async function typesList(file) {
	const response = await fetch(`${server.url}/types/${file}`, { headers: { cookie: `n8n-auth=${cookie}` } });
	expect(response.status).toBe(200);
	return response.json();
}

/** Saves a credential like the editor does, then presses its Test button. */
async function pressTest(type, data) {
	const saved = await runtime.rest(server.url, cookie, 'POST', '/credentials', { name: `${type} under test`, type, data });
	expect(saved.status).toBe(200);
	const tested = await runtime.rest(server.url, cookie, 'POST', '/credentials/test', {
		credentials: { id: saved.json.data.id, name: saved.json.data.name, type, data },
	});
	expect(tested.status).toBe(200);
	return tested.json.data;
}

const essentials = (apiKey) => ({
	stack: 'custom',
	baseUrl: sb.essentialsUrl('us1'),
	apiUser: SANDBOX_CREDENTIALS.essentials.partner.apiUser,
	apiKey,
});
const tap = (secret) => ({ principal: SANDBOX_CREDENTIALS.tap.principal, secret, baseUrl: sb.tapUrl });

const CREDENTIAL_TYPES = ['proofpointEssentialsApi', 'proofpointTapApi', 'proofpointThreatProtectionOAuth2Api'];

test('n8n loads the node and its three credentials from the npm pack tarball', async () => {
	const nodes = await typesList('nodes.json');
	const node = nodes.find((type) => type.name === runtime.NODE_TYPE);
	expect(node).toMatchObject({ displayName: 'Proofpoint', usableAsTool: true });
	expect(node.credentials.map((credential) => credential.name).sort()).toEqual(CREDENTIAL_TYPES);
	const credentials = await typesList('credentials.json');
	const names = credentials.map((credential) => credential.name);
	expect(names).toEqual(expect.arrayContaining(CREDENTIAL_TYPES));
	// Built on n8n's own OAuth2 credential, so n8n fetches and renews the token.
	expect(credentials.find((credential) => credential.name === 'proofpointThreatProtectionOAuth2Api').extends).toEqual(['oAuth2Api']);
	expect(server.logs()).not.toMatch(/Unrecognized node type|could not be found|Error loading package/i);
});

test('the Essentials Test button passes with a good key and explains a bad one', async () => {
	sb.clearRequests();
	expect(await pressTest('proofpointEssentialsApi', essentials(SANDBOX_CREDENTIALS.essentials.partner.apiKey))).toEqual({
		status: 'OK',
		message: 'Connection successful!',
	});
	const failed = await pressTest('proofpointEssentialsApi', essentials('not-the-key'));
	expect(failed.status).toBe('Error');
	expect(failed.message).toBe(
		'Proofpoint refused the API user or key (401). Check the API key, that the API user is the account the key belongs to, and that Stack matches your admin portal address.',
	);
	expect(sb.requests.every((request) => request.path === '/me')).toBe(true);
});

test('the TAP Test button passes with a good secret, explains a bad one, and never spends People API quota', async () => {
	sb.clearRequests();
	expect(await pressTest('proofpointTapApi', tap(SANDBOX_CREDENTIALS.tap.secret))).toEqual({ status: 'OK', message: 'Connection successful!' });
	const failed = await pressTest('proofpointTapApi', tap('not-the-secret'));
	expect(failed.status).toBe('Error');
	// One 401 text for both platforms: a credential test rule is a fixed message.
	expect(failed.message).toBe('Proofpoint refused the credentials (401): the key or its secret is wrong, or not active yet; the note in this dialog says where to find them for the Platform you chose.');
	expect(sb.requests.length).toBeGreaterThan(0);
	expect(sb.requests.every((request) => request.api === 'tap' && request.path === '/v2/siem/clicks/permitted')).toBe(true);
});

const essentialsThreat = (key) => ({
	platform: 'essentialsCustom',
	principal: SANDBOX_CREDENTIALS.essentialsThreat[key].apiKey,
	secret: SANDBOX_CREDENTIALS.essentialsThreat[key].apiKeySecret,
	baseUrl: sb.essentialsThreatUrl('us'),
});

test('the Test button of an Essentials Threat API credential asks /v2/siem/all for a minute of own data, and explains a key not active yet', async () => {
	sb.clearRequests();
	expect(await pressTest('proofpointTapApi', essentialsThreat('partner'))).toEqual({ status: 'OK', message: 'Connection successful!' });
	expect(sb.requests.map((request) => [request.api, request.region, request.path, request.query, request.authOk])).toEqual([
		['essentialsThreat', 'us', '/v2/siem/all', { sinceSeconds: '60', ownData: 'true' }, true],
	]);
	const pending = await pressTest('proofpointTapApi', essentialsThreat('pending'));
	expect(pending.status).toBe('Error');
	expect(pending.message).toBe('Proofpoint refused the credentials (401): the key or its secret is wrong, or not active yet; the note in this dialog says where to find them for the Platform you chose.');
});

const threatProtection = (fields = {}) => ({
	clientId: SANDBOX_CREDENTIALS.threatProtection.apiKey,
	clientSecret: SANDBOX_CREDENTIALS.threatProtection.apiSecret,
	baseUrl: sb.threatProtectionUrl,
	clusterId: SANDBOX_CREDENTIALS.threatProtection.clusterId,
	...fields,
});
const tpCalls = () => sb.requests.filter((request) => request.api === 'threatProtection').map((request) => `${request.method} ${request.path} ${request.status}`);

test('the Threat Protection Test gets a token and reads the block list, or lists the CTR workflows without a cluster, and explains a bad secret', async () => {
	sb.clearRequests();
	expect(await pressTest('proofpointThreatProtectionOAuth2Api', threatProtection())).toEqual({ status: 'OK', message: 'Connection successful!' });
	expect(tpCalls()).toEqual(['POST /v1/token 200', 'GET /api/v1/emailProtection/modules/spam/orgBlockList 200']);

	sb.clearRequests();
	expect(await pressTest('proofpointThreatProtectionOAuth2Api', threatProtection({ clusterId: '' }))).toEqual({ status: 'OK', message: 'Connection successful!' });
	expect(tpCalls()).toEqual(['POST /v1/token 200', 'GET /api/v1/tric/workflows 200']);
	expect(sb.requests.at(-1).query).toEqual({ enabled: 'true', type: 'message' });

	sb.clearRequests();
	const failed = await pressTest('proofpointThreatProtectionOAuth2Api', threatProtection({ clientSecret: 'not-the-secret' }));
	expect(failed.status).toBe('Error');
	// n8n's own words for a refused token request: the credential's note says where to make a key.
	expect(failed.message).toMatch(/^Failed to acquire OAuth2 access token: Client authentication failed/);
	expect(tpCalls()).toEqual(['POST /v1/token 401']);
	expect(JSON.stringify(failed)).not.toContain('not-the-secret');
});

describe('a Base URL in plain http:// to a host that is not loopback', () => {
	const ADVICE = 'the credentials would cross the network unencrypted. Use https:// (plain http is allowed only for a loopback sandbox such as 127.0.0.1).';

	/** Saves and tests the credential twice (the editor's Save, then Retry); on a mismatch, says what n8n and the listener saw. */
	async function pressTestTwice(type, data, check) {
		listener.clear();
		const logOffset = server.logs().length;
		const results = [await pressTest(type, data), await pressTest(type, data)];
		try {
			check(results);
		} catch (error) {
			const arrived = listener.requests.map((request) => `${request.method} ${request.url} headers: ${Object.keys(request.headers).join(', ')}`);
			throw annotate(
				error,
				[
					`n8n's Test said: ${JSON.stringify(results)}`,
					`the listener at ${listener.url} saw ${listener.connections.length} connection(s), requests: ${JSON.stringify(arrived)}`,
					`n8n's log meanwhile:\n${barred(tail(server.logs().slice(logOffset)) || '(empty)')}`,
				].join('\n'),
			);
		}
		return results;
	}

	const refused = (advice) => (results) => {
		expect(results).toEqual([
			{ status: 'Error', message: advice },
			{ status: 'Error', message: advice },
		]);
		expect(listener.connections).toEqual([]);
	};

	test('the TAP Test refuses it with the advice a node run gives, and nothing arrives', async () => {
		const data = { platform: 'tap', principal: SANDBOX_CREDENTIALS.tap.principal, secret: SANDBOX_CREDENTIALS.tap.secret, baseUrl: listener.url };

		await pressTestTwice('proofpointTapApi', data, refused(`The TAP credential's Base URL uses plain http:// for ${LISTENER_HOST}: ${ADVICE}`));
	});

	test('the Test of an Essentials Threat API credential with a custom Base URL refuses it, and nothing arrives', async () => {
		const data = { ...essentialsThreat('partner'), baseUrl: listener.url };

		await pressTestTwice('proofpointTapApi', data, refused(`The credential's Base URL uses plain http:// for ${LISTENER_HOST}: ${ADVICE}`));
	});

	test('the Essentials Test refuses a custom Base URL like it, and X-Password never arrives', async () => {
		const data = { ...essentials(SANDBOX_CREDENTIALS.essentials.partner.apiKey), baseUrl: `${listener.url}/us1/api/v1` };

		await pressTestTwice('proofpointEssentialsApi', data, refused(`The credential's Base URL uses plain http:// for ${LISTENER_HOST}: ${ADVICE}`));
	});

	test('the Threat Protection Test sends neither the secret nor a token request, and nothing arrives', async () => {
		const data = threatProtection({ baseUrl: listener.url });

		// The token URL the credential gives such an address is no URL n8n can send to: its error names the fix.
		await pressTestTwice('proofpointThreatProtectionOAuth2Api', data, refused(`Failed to acquire OAuth2 access token: Unsupported protocol ${PLAIN_HTTP_REFUSED}:`));
	});

	// The control: n8n does reach the listener by that name, so "nothing arrived" above means n8n sent nothing.
	test('https:// at the same name is still tried: the listener sees n8n connect (a TLS hello, no request)', async () => {
		const data = { platform: 'tap', principal: SANDBOX_CREDENTIALS.tap.principal, secret: SANDBOX_CREDENTIALS.tap.secret, baseUrl: listener.url.replace('http:', 'https:') };

		await pressTestTwice('proofpointTapApi', data, (results) => {
			expect(results.map((result) => result.status)).toEqual(['Error', 'Error']);
			results.forEach((result) => expect(result.message).not.toMatch(/plain http/));
			expect(listener.connections.length).toBeGreaterThan(0);
			expect(listener.requests).toEqual([]);
		});
	});
});
