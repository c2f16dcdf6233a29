'use strict';

const { useSandbox, threatCredential, SANDBOX_CREDENTIALS } = require('../support');
const { testCredential } = require('../harness');
const { LISTENER_HOST, aliasToLoopback, startRecordingListener } = require('../harness/loopback-alias');

const { principal, secret } = SANDBOX_CREDENTIALS.tap;

describe('Proofpoint TAP API credential → Test', () => {
	const { sb } = useSandbox();
	const tap = (overrides = {}) => ({ principal, secret, baseUrl: sb().tapUrl, ...overrides });

	it('connects through the permitted-clicks SIEM endpoint, never spending People API quota', async () => {
		await expect(testCredential('proofpointTapApi', tap())).resolves.toEqual({ status: 'OK', message: 'Connection successful!' });

		expect(sb().requests.map((request) => [request.method, request.path, request.query, request.status])).toEqual([
			['GET', '/v2/siem/clicks/permitted', { format: 'json', sinceSeconds: '60' }, 200],
		]);
		expect(sb().requests[0].user).toBe(principal);
		expect(sb().requests.some((request) => request.path.startsWith('/v2/people/'))).toBe(false);
	});

	it('points at the principal and secret when the secret is wrong', async () => {
		const result = await testCredential('proofpointTapApi', tap({ secret: 'not-the-secret' }));

		expect(result).toEqual({
			status: 'Error',
			message: 'Proofpoint refused the credentials (401): the key or its secret is wrong, or not active yet; the note in this dialog says where to find them for the Platform you chose.',
		});
		expect(sb().requests.map((request) => [request.path, request.status])).toEqual([['/v2/siem/clicks/permitted', 401]]);
	});

	it.each([
		['tap', 'Settings → Connected Applications', 'Integration Key'],
		['essentialsUs', 'Integration Keys', 'Connected Applications'],
		['essentialsEu', 'up to 30 minutes', 'Connected Applications'],
		['essentialsCustom', 'Integration Keys', 'Connected Applications'],
	])("the dialog's note for Platform %s gives that platform's advice on a 401, and only that", (platform, says, never) => {
		const { ProofpointTapApi } = require('../../dist/credentials/ProofpointTapApi.credentials');
		const shown = new ProofpointTapApi().properties.filter(
			(property) => property.type === 'notice' && property.displayName.startsWith('If the Test says 401') && property.displayOptions.show.platform.includes(platform),
		);
		expect(shown).toHaveLength(1);
		expect(shown[0].displayName).toContain(says);
		expect(shown[0].displayName).not.toContain(never);
	});

	it('says the credentials are right but the SIEM quota is used up on a 429', async () => {
		sb().failNext({ path: '/v2/siem/clicks/permitted', mode: '429' });
		const result = await testCredential('proofpointTapApi', tap());

		expect(result).toEqual({
			status: 'Error',
			message:
				'The credentials reached Proofpoint but its SIEM quota is used up (429); on TAP the permitted-clicks pool frees up within 24 hours.',
		});
	});

	it('works with a trailing slash on the base URL', async () => {
		const result = await testCredential('proofpointTapApi', tap({ baseUrl: `${sb().tapUrl}/` }));

		expect(result.status).toBe('OK');
		expect(sb().requests[0].rawPath).toBe('/v2/siem/clicks/permitted');
	});
});

describe('the Essentials Threat API platform → Test', () => {
	const { sb } = useSandbox();
	const essentials = (key, overrides = {}) => ({ ...threatCredential(sb(), key), ...overrides });

	it('connects with an Integration Key through /v2/siem/all for the last minute of own data', async () => {
		await expect(testCredential('proofpointTapApi', essentials('partner'))).resolves.toEqual({ status: 'OK', message: 'Connection successful!' });

		expect(sb().requests.map((request) => [request.api, request.path, request.query, request.status])).toEqual([
			['essentialsThreat', '/v2/siem/all', { sinceSeconds: '60', ownData: 'true' }, expect.any(Number)],
		]);
		expect([200, 204]).toContain(sb().requests[0].status);
		expect(sb().requests[0].user).toBe(SANDBOX_CREDENTIALS.essentialsThreat.partner.apiKey);
	});

	it('says a new key can take 30 minutes to become active when Proofpoint refuses it', async () => {
		const result = await testCredential('proofpointTapApi', essentials('pending'));

		expect(result.status).toBe('Error');
		expect(result.message).toContain('not active yet; the note in this dialog says where to find them');
		expect(sb().requests.map((request) => request.status)).toEqual([401]);
	});

	const { ProofpointTapApi } = require('../../dist/credentials/ProofpointTapApi.credentials.js');
	const { expressionContext, resolveWithCredentials } = require('../harness/expressions');
	const resolved = (data) => resolveWithCredentials(expressionContext(), structuredClone(new ProofpointTapApi().test.request), data);

	it.each([
		['US', 'essentialsUs', 'https://us-siem.proofpointessentials.com'],
		['EU', 'essentialsEu', 'https://eu-siem.proofpointessentials.com'],
	])('tests the %s region at its own host', (_, platform, host) => {
		expect(resolved({ platform, principal: 'k', secret: 's' })).toMatchObject({ baseURL: host, url: '/v2/siem/all', qs: { sinceSeconds: 60, ownData: true } });
	});

	it('tests a credential saved before the platform existed as TAP', () => {
		expect(resolved({ principal: 'p', secret: 's', baseUrl: 'https://tap-api-v2.proofpoint.com/' })).toMatchObject({
			baseURL: 'https://tap-api-v2.proofpoint.com',
			url: '/v2/siem/clicks/permitted',
			qs: { format: 'json', sinceSeconds: 60 },
		});
	});
});

describe('a Base URL in plain http:// to a host that is not loopback → Test', () => {
	const { threatApiBase } = require('../../dist/nodes/Proofpoint/transport/baseUrl.js');
	const ADVICE = 'the credentials would cross the network unencrypted. Use https:// (plain http is allowed only for a loopback sandbox such as 127.0.0.1).';
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
	beforeEach(() => listener.clear());

	it('refuses a TAP credential with the advice a node run gives, and the listener receives nothing', async () => {
		const data = { platform: 'tap', principal, secret, baseUrl: listener.url };

		const result = await testCredential('proofpointTapApi', data);

		expect(result).toEqual({ status: 'Error', message: `The TAP credential's Base URL uses plain http:// for ${LISTENER_HOST}: ${ADVICE}` });
		expect(result.message).toBe(threatApiBase(data).problem);
		expect(listener.connections).toEqual([]);
	});

	it('refuses an Essentials Threat API credential with a custom base URL the same way', async () => {
		const data = { platform: 'essentialsCustom', principal: 'integration-key', secret: 'integration-secret', baseUrl: listener.url };

		const result = await testCredential('proofpointTapApi', data);

		expect(result).toEqual({ status: 'Error', message: `The credential's Base URL uses plain http:// for ${LISTENER_HOST}: ${ADVICE}` });
		expect(listener.connections).toEqual([]);
	});

	// The control: the name does reach the listener, so "nothing arrived" above means nothing was sent.
	it('still tries https:// at the same name (the listener sees a TLS hello it cannot read, never a request)', async () => {
		const result = await testCredential('proofpointTapApi', { platform: 'tap', principal, secret, baseUrl: listener.url.replace('http:', 'https:') });

		expect(result.status).toBe('Error');
		expect(result.message).not.toMatch(/plain http/);
		expect(listener.connections.length).toBeGreaterThan(0);
		expect(listener.requests).toEqual([]);
	});
});

describe('the credential as an admin fills it', () => {
	const { ProofpointTapApi } = require('../../dist/credentials/ProofpointTapApi.credentials.js');
	const { NodeHelpers } = require('n8n-workflow');
	const type = new ProofpointTapApi();
	const shown = (data) =>
		type.properties.filter((property) => property.type !== 'notice' && NodeHelpers.displayParameter(data, property, null, null)).map((property) => property.displayName);

	it('asks a TAP customer for a service principal and secret, and an Essentials admin for an API key and secret', () => {
		expect(shown({ platform: 'tap' })).toEqual(['Platform', 'Service Principal', 'Secret', 'Base URL']);
		expect(shown({ platform: 'essentialsUs' })).toEqual(['Platform', 'API Key', 'API Key Secret']);
		expect(shown({ platform: 'essentialsCustom' })).toEqual(['Platform', 'API Key', 'API Key Secret', 'Base URL']);
	});

	it('keeps the stored field names: an Essentials key lands in principal and secret', () => {
		const data = NodeHelpers.getNodeParameters(type.properties, { platform: 'essentialsEu', principal: 'key', secret: 'key-secret' }, true, false, null, null);
		// n8n keeps an empty value for the dialog's note too; nothing else is added.
		expect(data).toEqual({ platform: 'essentialsEu', principal: 'key', secret: 'key-secret', essentialsRefusalNotice: '' });
		expect(type.displayName).toMatch(/Essentials Threat API$/);
	});
});

describe('Proofpoint TAP API credential → authenticate', () => {
	const { ProofpointTapApi } = require('../../dist/credentials/ProofpointTapApi.credentials.js');

	it('sends the service principal and secret as HTTP Basic and keeps the request as it was otherwise', async () => {
		const request = { method: 'GET', url: 'https://tap-api-v2.proofpoint.com/v2/people/vap', qs: { window: 30 }, headers: { Accept: 'application/json' } };

		await expect(new ProofpointTapApi().authenticate({ principal: 'sp-1', secret: 's-1' }, request)).resolves.toEqual({
			...request,
			auth: { username: 'sp-1', password: 's-1' },
		});
	});

	it('survives the copy n8n makes of a credential type', () => {
		expect(typeof { ...new ProofpointTapApi() }.authenticate).toBe('function');
	});

	it('signs a request to a loopback sandbox in plain http, as the Base URL allows', async () => {
		const request = { method: 'GET', baseURL: 'http://127.0.0.1:8787', url: '/v2/siem/clicks/permitted' };

		await expect(new ProofpointTapApi().authenticate({ platform: 'tap', principal: 'sp-1', secret: 's-1', baseUrl: 'http://127.0.0.1:8787' }, request)).resolves.toMatchObject({
			auth: { username: 'sp-1', password: 's-1' },
		});
	});

	it('refuses to sign what a node run refuses: a Base URL in plain http to a host that is not loopback', async () => {
		const request = { method: 'GET', baseURL: 'http://siem.example.com:9999', url: '/v2/siem/clicks/permitted' };

		await expect(new ProofpointTapApi().authenticate({ platform: 'tap', principal: 'sp-1', secret: 's-1', baseUrl: 'http://siem.example.com:9999' }, request)).rejects.toThrow(
			"The TAP credential's Base URL uses plain http:// for siem.example.com",
		);
	});

	it('refuses to sign a plain-http request to a host that is not loopback whoever sends it, even with a good Base URL', async () => {
		await expect(new ProofpointTapApi().authenticate({ platform: 'tap', principal: 'sp-1', secret: 's-1' }, { url: 'http://siem.example.com/v2/siem/all' })).rejects.toThrow(
			'The request URL uses plain http:// for siem.example.com',
		);
	});
});
