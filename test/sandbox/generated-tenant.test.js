'use strict';

const axios = require('axios');
const {
	startSandbox,
	generateTenant,
	SANDBOX_CREDENTIALS,
	essentialsHeaders,
} = require('../../sandbox');

const { partner, orgAdmin } = SANDBOX_CREDENTIALS.essentials;
let sb;
let api;

beforeAll(async () => {
	sb = await startSandbox({
		port: 0,
		tenant: generateTenant({ domain: 'big.example', users: 50000, stack: 'us1', seed: 1 }),
	});
	api = axios.create({
		baseURL: sb.essentialsUrl(),
		headers: essentialsHeaders(partner),
		validateStatus: () => true,
	});
});
afterAll(() => sb.close());

describe('generateTenant', () => {
	it('builds the same users from the same seed, and other users from another seed', () => {
		const a = generateTenant({ domain: 'small.example', users: 200, seed: 5 });
		const b = generateTenant({ domain: 'small.example', users: 200, seed: 5 });
		const c = generateTenant({ domain: 'small.example', users: 200, seed: 6 });
		expect(b.orgs['small.example'].users).toEqual(a.orgs['small.example'].users);
		expect(c.orgs['small.example'].users).not.toEqual(a.orgs['small.example'].users);
	});

	it('mixes mostly end users with a few admins, silent users and functional accounts', () => {
		const users = sb.state.orgs['big.example'].users;
		const count = (type) => users.filter((user) => user.type === type).length;
		expect(users[0]).toMatchObject({
			primary_email: 'user00001@big.example',
			type: 'organization_admin',
		});
		expect(count('end_user')).toBeGreaterThan(users.length * 0.85);
		expect(count('organization_admin')).toBeGreaterThan(1);
		expect(count('silent_user')).toBeGreaterThan(0);
		expect(count('functional_account')).toBeGreaterThan(0);
		expect(users.some((user) => user.alias_emails.length > 0)).toBe(true);
	});
});

describe('a 50,000-user org', () => {
	it('serves all 50,000 users in one list response', async () => {
		const response = await api.get('/orgs/big.example/users');
		expect(response.status).toBe(200);
		expect(response.data.users).toHaveLength(50000);
		expect(response.data.users[49999].primary_email).toBe('user50000@big.example');
	});

	it('serves the list again from its cache, and drops the cache on a write', async () => {
		const started = Date.now();
		expect((await api.get('/orgs/big.example/users')).data.users).toHaveLength(50000);
		expect(Date.now() - started).toBeLessThan(5000);

		expect(
			(
				await api.post('/orgs/big.example/users', {
					primary_email: 'newcomer@big.example',
					type: 'end_user',
				})
			).status,
		).toBe(201);
		expect((await api.get('/orgs/big.example/users')).data.users).toHaveLength(50001);

		expect((await api.delete('/orgs/big.example/users/user00002@big.example')).status).toBe(204);
		const { users } = (await api.get('/orgs/big.example/users')).data;
		expect(users).toHaveLength(50000);
		expect(users.some((user) => user.primary_email === 'user00002@big.example')).toBe(false);
	});

	it('finds one user among 50,000 by email', async () => {
		const response = await api.get('/orgs/big.example/users/USER31337%40big.example');
		expect(response.data.primary_email).toBe('user31337@big.example');
	});

	it('works with the partner key only: the acme admin key is unknown here', async () => {
		expect((await api.get('/orgs/big.example')).status).toBe(200);
		const response = await axios.get(`${sb.essentialsUrl()}/me`, {
			headers: essentialsHeaders(orgAdmin),
			validateStatus: () => true,
		});
		expect(response.status).toBe(401);
	});
});
