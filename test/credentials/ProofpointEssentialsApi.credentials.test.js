'use strict';

const { useSandbox, seen, SANDBOX_CREDENTIALS } = require('../support');
const { testCredential } = require('../harness');
const { LISTENER_HOST, aliasToLoopback, startRecordingListener } = require('../harness/loopback-alias');

const { partner, orgAdmin } = SANDBOX_CREDENTIALS.essentials;
const UNAUTHORIZED =
	'Proofpoint refused the API user or key (401). Check the API key, that the API user is the account the key belongs to, and that Stack matches your admin portal address.';

describe('Proofpoint Essentials API credential → Test', () => {
	const { sb } = useSandbox();
	const custom = (login, baseUrl = sb().essentialsUrl('us1')) => ({ stack: 'custom', baseUrl, ...login });

	it('connects with the partner login: one GET /me with X-User and X-Password', async () => {
		await expect(testCredential('proofpointEssentialsApi', custom(partner))).resolves.toEqual({
			status: 'OK',
			message: 'Connection successful!',
		});
		expect(seen(sb())).toEqual(['GET /me']);
		expect(sb().requests[0]).toMatchObject({ rawPath: '/us1/api/v1/me', user: partner.apiUser, authOk: true, status: 200 });
	});

	it('connects with an organization admin too', async () => {
		await expect(testCredential('proofpointEssentialsApi', custom(orgAdmin))).resolves.toMatchObject({ status: 'OK' });
	});

	it('says what to check when the key is wrong: key, API user and stack', async () => {
		const result = await testCredential('proofpointEssentialsApi', custom({ ...partner, apiKey: 'not-the-key' }));

		expect(result).toEqual({ status: 'Error', message: UNAUTHORIZED });
		expect(result.message).toMatch(/API key/);
		expect(result.message).toMatch(/API user/);
		expect(result.message).toMatch(/Stack/);
		expect(sb().requests[0].status).toBe(401);
	});

	it('says the same when the API user is unknown', async () => {
		const result = await testCredential('proofpointEssentialsApi', custom({ apiUser: 'nobody@partner.example', apiKey: partner.apiKey }));

		expect(result).toEqual({ status: 'Error', message: UNAUTHORIZED });
	});

	it('works with a trailing slash on the custom base URL, without a double slash in the path', async () => {
		const result = await testCredential('proofpointEssentialsApi', custom(partner, `${sb().essentialsUrl('us1')}//`));

		expect(result.status).toBe('OK');
		expect(sb().requests[0].rawPath).toBe('/us1/api/v1/me');
	});

	it('says there is no Essentials API when the custom base URL lacks /api/v1', async () => {
		const result = await testCredential('proofpointEssentialsApi', custom(partner, `${sb().url}/us1`));

		expect(result).toEqual({
			status: 'Error',
			message: 'No Proofpoint Essentials API at this address (404). Check Stack, or that a custom Base URL ends in /api/v1.',
		});
	});
});

describe('a custom Base URL in plain http:// to a host that is not loopback → Test', () => {
	const { essentialsBaseUrl } = require('../../dist/nodes/Proofpoint/transport/baseUrl.js');
	let listener;
	let undoAlias;
	beforeAll(async () => {
		listener = await startRecordingListener();
		undoAlias = aliasToLoopback(LISTENER_HOST);
	});
	afterAll(async () => {
		undoAlias?.();
		await listener?.close();
	});

	it('refuses with the advice a node run gives, and the listener never sees X-Password', async () => {
		const data = { stack: 'custom', baseUrl: `${listener.url}/us1/api/v1`, ...partner };

		const result = await testCredential('proofpointEssentialsApi', data);

		expect(result).toEqual({
			status: 'Error',
			message: `The credential's Base URL uses plain http:// for ${LISTENER_HOST}: the credentials would cross the network unencrypted. Use https:// (plain http is allowed only for a loopback sandbox such as 127.0.0.1).`,
		});
		expect(result.message).toBe(essentialsBaseUrl(data).problem);
		expect(listener.connections).toEqual([]);
	});
});

describe('Proofpoint Essentials API credential → authenticate', () => {
	const { ProofpointEssentialsApi } = require('../../dist/credentials/ProofpointEssentialsApi.credentials.js');
	const credentials = { stack: 'us1', apiUser: 'admin@acme.example', apiKey: 'key-1' };

	it('adds X-User and X-Password and keeps the request as it was otherwise', async () => {
		const request = { method: 'PUT', url: 'https://us1.proofpointessentials.com/api/v1/orgs/acme.example/users/a@acme.example', headers: { Accept: 'application/json' }, body: { type: 'functional_account' } };

		await expect(new ProofpointEssentialsApi().authenticate(credentials, request)).resolves.toEqual({
			...request,
			headers: { Accept: 'application/json', 'X-User': 'admin@acme.example', 'X-Password': 'key-1' },
		});
		expect(request.headers).toEqual({ Accept: 'application/json' });
	});

	// n8n lists credential types as `{ ...type }` when it loads a package: a method would be lost there,
	// and with it the editor's Custom API Call and the node's Resource dropdown.
	it('survives the copy n8n makes of a credential type', () => {
		expect(typeof { ...new ProofpointEssentialsApi() }.authenticate).toBe('function');
	});

	it('refuses to sign what a node run refuses: a custom Base URL in plain http to a host that is not loopback', async () => {
		const custom = { stack: 'custom', baseUrl: 'http://essentials.example.com/api/v1', apiUser: 'admin@acme.example', apiKey: 'key-1' };

		await expect(new ProofpointEssentialsApi().authenticate(custom, { method: 'GET', baseURL: custom.baseUrl, url: '/me' })).rejects.toThrow(
			"The credential's Base URL uses plain http:// for essentials.example.com",
		);
	});
});
