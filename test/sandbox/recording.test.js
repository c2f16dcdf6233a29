'use strict';

const axios = require('axios');
const {
	startSandbox,
	SANDBOX_CREDENTIALS,
	DEMO,
	essentialsHeaders,
	tapBasicAuth,
} = require('../../sandbox');

const { partner } = SANDBOX_CREDENTIALS.essentials;
let sb;
let api;

beforeAll(async () => {
	sb = await startSandbox({ port: 0 });
	api = axios.create({
		baseURL: sb.essentialsUrl(),
		headers: essentialsHeaders(partner),
		validateStatus: () => true,
	});
});
afterAll(() => sb.close());
beforeEach(() => sb.clearRequests());

describe('request recording', () => {
	it('records an Essentials request with its raw and decoded path, query and principal', async () => {
		await api.get(`/orgs/${DEMO.acme}/users/bob.smith%40acme.example/`, {
			params: { verbose: 'yes' },
		});
		expect(sb.requests).toEqual([
			{
				api: 'essentials',
				stack: 'us1',
				method: 'GET',
				rawPath: `/us1/api/v1/orgs/${DEMO.acme}/users/bob.smith%40acme.example/`,
				path: `/orgs/${DEMO.acme}/users/bob.smith@acme.example`,
				query: { verbose: 'yes' },
				body: undefined,
				user: partner.apiUser,
				authOk: true,
				status: 200,
				fault: null,
			},
		]);
	});

	it('records the parsed JSON body of a write', async () => {
		await api.put(`/orgs/${DEMO.acme}/users/dave.lee@acme.example`, {
			type: 'end_user',
			is_active: 'true',
		});
		expect(sb.requests[0]).toMatchObject({
			method: 'PUT',
			body: { type: 'end_user', is_active: 'true' },
			status: 204,
		});
	});

	it('records a TAP request with the principal, on stack null', async () => {
		await axios.get(`${sb.tapUrl}/v2/people/vap`, {
			params: { window: 14, size: 2 },
			auth: tapBasicAuth(),
		});
		expect(sb.requests[0]).toMatchObject({
			api: 'tap',
			stack: null,
			path: '/v2/people/vap',
			query: { window: '14', size: '2' },
			user: SANDBOX_CREDENTIALS.tap.principal,
			authOk: true,
			status: 200,
		});
	});

	it('records failed logins as authOk: false', async () => {
		await axios.get(`${sb.essentialsUrl()}/me`, {
			headers: essentialsHeaders({ apiUser: partner.apiUser, apiKey: 'guess' }),
			validateStatus: () => true,
		});
		await axios.get(`${sb.tapUrl}/v2/people/vap?window=14`, { validateStatus: () => true });
		expect(sb.requests.map(({ user, authOk, status }) => ({ user, authOk, status }))).toEqual([
			{ user: partner.apiUser, authOk: false, status: 401 },
			{ user: null, authOk: false, status: 401 },
		]);
	});

	it('never records a password, API key or TAP secret, right or wrong', async () => {
		const wrongTap = { principal: SANDBOX_CREDENTIALS.tap.principal, secret: 'wrong-tap-secret' };
		await api.get('/me');
		await axios.get(`${sb.essentialsUrl()}/me`, {
			headers: essentialsHeaders({ apiUser: partner.apiUser, apiKey: 'wrong-api-key' }),
			validateStatus: () => true,
		});
		await axios.get(`${sb.tapUrl}/v2/people/vap?window=14`, {
			auth: tapBasicAuth(),
			validateStatus: () => true,
		});
		await axios.get(`${sb.tapUrl}/v2/people/vap?window=14`, {
			auth: tapBasicAuth(wrongTap),
			validateStatus: () => true,
		});
		const recorded = JSON.stringify(sb.requests);
		const secrets = [
			partner.apiKey,
			'wrong-api-key',
			SANDBOX_CREDENTIALS.tap.secret,
			'wrong-tap-secret',
			Buffer.from(
				`${SANDBOX_CREDENTIALS.tap.principal}:${SANDBOX_CREDENTIALS.tap.secret}`,
			).toString('base64'),
		];
		for (const secret of secrets) expect(recorded).not.toContain(secret);
		expect(sb.requests).toHaveLength(4);
	});

	it('empties the record on clearRequests()', async () => {
		await api.get('/me');
		sb.clearRequests();
		expect(sb.requests).toEqual([]);
	});
});

describe('latency', () => {
	it('adds setLatency(ms) before every response, and 0 removes it', async () => {
		sb.setLatency(150);
		let started = Date.now();
		await api.get('/me');
		expect(Date.now() - started).toBeGreaterThanOrEqual(140);
		sb.setLatency(0);
		started = Date.now();
		await api.get('/me');
		expect(Date.now() - started).toBeLessThan(140);
	});

	it('takes latencyMs at start', async () => {
		const slow = await startSandbox({ port: 0, latencyMs: 120 });
		try {
			const started = Date.now();
			await axios.get(`${slow.tapUrl}/v2/people/vap?window=14`, {
				auth: tapBasicAuth(),
				validateStatus: () => true,
			});
			expect(Date.now() - started).toBeGreaterThanOrEqual(110);
		} finally {
			await slow.close();
		}
	});
});
