'use strict';

const axios = require('axios');
const { startSandbox, SANDBOX_CREDENTIALS, DEMO, essentialsHeaders } = require('../../sandbox');

let sb;
let api;

beforeAll(async () => {
	sb = await startSandbox({ port: 0 });
	api = axios.create({
		baseURL: sb.essentialsUrl('us1'),
		headers: essentialsHeaders(SANDBOX_CREDENTIALS.essentials.partner),
		validateStatus: () => true,
	});
});
afterAll(() => sb.close());

const usersOf = (domain) => `/orgs/${domain}/users`;

describe('reading users', () => {
	it('lists every acme user in a {"users": [...]} envelope, with no paging', async () => {
		const response = await api.get(usersOf(DEMO.acme));
		expect(response.status).toBe(200);
		expect(response.data.users.map((user) => user.primary_email)).toEqual(DEMO.acmeEmails);
	});

	it('covers every user type a tenant has, and ships some booleans as strings', async () => {
		const { data } = await api.get(usersOf(DEMO.acme));
		const types = new Set(data.users.map((user) => user.type));
		expect([...types].sort()).toEqual([
			'end_user',
			'functional_account',
			'organization_admin',
			'silent_user',
		]);
		expect(data.users.some((user) => user.is_active === 'true')).toBe(true);
		expect(data.users.some((user) => user.is_active === false)).toBe(true);
		expect(data.users.filter((user) => user.is_billable === false)).toHaveLength(1);
		expect(data.users.some((user) => user.alias_emails.length > 0)).toBe(true);
	});

	it('returns one user as a bare object, with @ sent raw', async () => {
		const response = await api.get(`${usersOf(DEMO.acme)}/bob.smith@acme.example`);
		expect(response.status).toBe(200);
		expect(response.data).toMatchObject({
			primary_email: 'bob.smith@acme.example',
			type: 'end_user',
		});
	});

	it('returns the same user with @ encoded as %40 and the email in another case', async () => {
		const response = await api.get(`${usersOf(DEMO.acme)}/Bob.Smith%40ACME.example`);
		expect(response.status).toBe(200);
		expect(response.data.primary_email).toBe('bob.smith@acme.example');
	});

	it('accepts a trailing slash on any path', async () => {
		expect((await api.get(`${usersOf(DEMO.acme)}/`)).status).toBe(200);
		expect((await api.get(`${usersOf(DEMO.acme)}/bob.smith@acme.example/`)).status).toBe(200);
	});

	it('resolves the org from any of its domains', async () => {
		for (const domain of DEMO.acmeDomains) {
			const response = await api.get(`${usersOf(domain)}/grace.hall@acme.co.uk`);
			expect(response.status).toBe(200);
		}
	});

	it('matches the primary email only, not an alias', async () => {
		const response = await api.get(`${usersOf(DEMO.acme)}/robert.smith@acme.example`);
		expect(response.status).toBe(404);
		expect(response.data.errors[0]).toMatchObject({
			status: 404,
			identifier: 'robert.smith@acme.example',
		});
	});

	it('answers 404 for an org that lives on another stack', async () => {
		const response = await api.get(usersOf(DEMO.globex));
		expect(response.status).toBe(404);
		expect(response.data.errors[0].error_message).toContain(DEMO.globex);
	});

	it('answers 404 for an unknown org', async () => {
		expect((await api.get(usersOf('nobody.example'))).status).toBe(404);
	});
});

describe('creating users', () => {
	it('creates one user from a single object: 201, visible in the list', async () => {
		const response = await api.post(usersOf(DEMO.acme), {
			primary_email: 'hire.one@acme.example',
			firstname: 'Hire',
			surname: 'One',
			type: 'end_user',
			send_welcome_email: true,
		});
		expect(response.status).toBe(201);
		expect(response.data).toEqual({ total_created: 1, fail_results: [] });
		const created = sb.getUser(DEMO.acme, 'hire.one@acme.example');
		expect(created).toMatchObject({ firstname: 'Hire', is_active: true, alias_emails: [] });
		expect(created.uid).toEqual(expect.any(Number));
		const list = await api.get(usersOf(DEMO.acme));
		expect(list.data.users.map((user) => user.primary_email)).toContain('hire.one@acme.example');
	});

	it('creates a batch from a list, on any domain of the org', async () => {
		const response = await api.post(usersOf('acme-corp.example'), [
			{ primary_email: 'batch.a@acme.example', type: 'end_user' },
			{ primary_email: 'batch.b@acme.co.uk', type: 'silent_user' },
		]);
		expect(response.status).toBe(201);
		expect(response.data.total_created).toBe(2);
		expect(sb.getUser(DEMO.acme, 'batch.b@acme.co.uk').type).toBe('silent_user');
	});

	it('accepts booleans sent as strings', async () => {
		const response = await api.post(usersOf(DEMO.acme), {
			primary_email: 'strings@acme.example',
			type: 'end_user',
			is_active: 'false',
			is_billable: 'true',
		});
		expect(response.status).toBe(201);
		expect(sb.getUser(DEMO.acme, 'strings@acme.example')).toMatchObject({
			is_active: false,
			is_billable: true,
		});
	});

	it('answers 409 for an email that already exists, in any case', async () => {
		const response = await api.post(usersOf(DEMO.acme), {
			primary_email: 'BOB.smith@acme.example',
			type: 'end_user',
		});
		expect(response.status).toBe(409);
		expect(response.data.errors[0].identifier).toBe('BOB.smith@acme.example');
	});

	it('creates nothing when one user of a batch is a duplicate', async () => {
		const before = sb.state.orgs[DEMO.acme].users.length;
		const response = await api.post(usersOf(DEMO.acme), [
			{ primary_email: 'fresh.person@acme.example', type: 'end_user' },
			{ primary_email: 'alice.nguyen@acme.example', type: 'end_user' },
		]);
		expect(response.status).toBe(409);
		expect(sb.state.orgs[DEMO.acme].users).toHaveLength(before);
	});

	it.each([
		['an unknown user type', { primary_email: 'x1@acme.example', type: 'super_user' }, 'type'],
		['a missing primary_email', { firstname: 'Nobody', type: 'end_user' }, 'primary_email'],
		[
			'an email outside the org’s domains',
			{ primary_email: 'x2@elsewhere.example', type: 'end_user' },
			'x2@elsewhere.example',
		],
		[
			'a boolean that is not one',
			{ primary_email: 'x3@acme.example', is_active: 'maybe' },
			'is_active',
		],
		['a second non-billable user', { primary_email: 'x4@acme.example', is_billable: false }, ''],
	])('answers 400 for %s', async (_, body, identifier) => {
		const response = await api.post(usersOf(DEMO.acme), body);
		expect(response.status).toBe(400);
		expect(response.data.errors[0]).toMatchObject({ status: 400, identifier });
	});

	it('answers a body that is JSON but not an object with the errors list', async () => {
		const response = await api.post(usersOf(DEMO.acme), 42, {
			headers: { 'Content-Type': 'application/json' },
		});
		expect(response.status).toBe(400);
		expect(response.data.errors[0].error_message).toContain('JSON object');
	});

	it('answers malformed JSON with a plain-text 400', async () => {
		const response = await api.post(usersOf(DEMO.acme), '{"primary_email": "broken@acme.example"', {
			headers: { 'Content-Type': 'application/json' },
			transformRequest: [(body) => body],
		});
		expect(response.status).toBe(400);
		expect(response.headers['content-type']).toMatch(/^text\/plain/);
		expect(response.data).toContain('Malformed JSON');
	});
});

describe('updating users', () => {
	it('applies a full read-modify-write PUT: 204 and the state changes', async () => {
		const { data: user } = await api.get(`${usersOf(DEMO.acme)}/carol.jones@acme.example`);
		const response = await api.put(`${usersOf(DEMO.acme)}/carol.jones@acme.example`, {
			...user,
			surname: 'Jones-Smith',
			alias_emails: ['cjs@acme.example'],
		});
		expect(response.status).toBe(204);
		expect(response.data).toBe('');
		expect(sb.getUser(DEMO.acme, 'carol.jones@acme.example')).toMatchObject({
			uid: user.uid,
			surname: 'Jones-Smith',
			alias_emails: ['cjs@acme.example'],
		});
	});

	it('marks a leaver as a functional account with a partial body {uid, primary_email, type, is_active}', async () => {
		const email = 'erin.white@acme.example';
		const { uid } = sb.getUser(DEMO.acme, email);
		const billedBefore = sb.getOrg(DEMO.acme).active_users;
		const response = await api.put(`${usersOf(DEMO.acme)}/${encodeURIComponent(email)}`, {
			uid: String(uid),
			primary_email: email,
			type: 'functional_account',
			is_active: 'true',
		});
		expect(response.status).toBe(204);
		expect(sb.getUser(DEMO.acme, email)).toMatchObject({
			uid,
			type: 'functional_account',
			is_active: true,
			firstname: 'Erin',
		});
		expect(sb.getOrg(DEMO.acme).active_users).toBe(billedBefore);
	});

	it('answers 400 when the uid in the body belongs to someone else', async () => {
		const other = sb.getUser(DEMO.acme, 'alice.nguyen@acme.example');
		const response = await api.put(`${usersOf(DEMO.acme)}/frank.miller@acme-corp.example`, {
			uid: other.uid,
			type: 'end_user',
		});
		expect(response.status).toBe(400);
		expect(response.data.errors[0].identifier).toBe('uid');
	});

	it('answers 400 when the body tries to change the primary email', async () => {
		const response = await api.put(`${usersOf(DEMO.acme)}/frank.miller@acme-corp.example`, {
			primary_email: 'frank@acme.example',
		});
		expect(response.status).toBe(400);
	});

	it('answers 400 for an unknown type and keeps the user as it was', async () => {
		const response = await api.put(`${usersOf(DEMO.acme)}/frank.miller@acme-corp.example`, {
			type: 'contractor',
		});
		expect(response.status).toBe(400);
		expect(sb.getUser(DEMO.acme, 'frank.miller@acme-corp.example').type).toBe('end_user');
	});

	it('answers 404 when updating someone who does not exist', async () => {
		expect(
			(await api.put(`${usersOf(DEMO.acme)}/ghost@acme.example`, { type: 'end_user' })).status,
		).toBe(404);
	});
});

describe('deleting users', () => {
	it('deletes a user: 204, then 404 on the next read', async () => {
		await api.post(usersOf(DEMO.acme), {
			primary_email: 'short.stay@acme.example',
			type: 'end_user',
		});
		const response = await api.delete(`${usersOf(DEMO.acme)}/short.stay%40acme.example`);
		expect(response.status).toBe(204);
		expect(sb.getUser(DEMO.acme, 'short.stay@acme.example')).toBeUndefined();
		expect((await api.get(`${usersOf(DEMO.acme)}/short.stay@acme.example`)).status).toBe(404);
	});
});
