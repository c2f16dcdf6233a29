// The packed package in a running n8n: it loads, and each credential's Test button answers as the
// user will see it.
const fs = require('node:fs');
const path = require('node:path');
const runtime = require('../../scripts/n8n-runtime');
const { startSandbox, SANDBOX_CREDENTIALS } = require('../../sandbox');

jest.setTimeout(240000);

let sb;
let server;
let cookie;
let userFolder;
let tarball;

beforeAll(async () => {
	const n8n = runtime.prepareN8n();
	tarball = runtime.packPackage();
	userFolder = runtime.newUserFolder(tarball);
	sb = await startSandbox();
	server = await runtime.startN8n(n8n, userFolder);
	cookie = await runtime.ownerSession(server.url);
});

afterAll(async () => {
	await server?.stop();
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

test('n8n loads the node and both credentials from the npm pack tarball', async () => {
	const nodes = await typesList('nodes.json');
	const node = nodes.find((type) => type.name === runtime.NODE_TYPE);
	expect(node).toMatchObject({ displayName: 'Proofpoint', usableAsTool: true });
	expect(node.credentials.map((credential) => credential.name).sort()).toEqual(['proofpointEssentialsApi', 'proofpointTapApi']);
	const credentials = await typesList('credentials.json');
	const names = credentials.map((credential) => credential.name);
	expect(names).toEqual(expect.arrayContaining(['proofpointEssentialsApi', 'proofpointTapApi']));
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
	expect(failed.message).toMatch(/^Proofpoint refused the credentials \(401\)\. TAP: copy the service principal and secret again/);
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
	expect(pending.message).toMatch(/^Proofpoint refused the credentials \(401\)\..*a new Integration Key can take up to 30 minutes to become active/);
});
