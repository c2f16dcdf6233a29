'use strict';

const axios = require('axios');
const { startSandbox, SANDBOX_CREDENTIALS, DEMO, essentialsHeaders } = require('../../sandbox');

const { partner, orgAdmin, readOnly } = SANDBOX_CREDENTIALS.essentials;
let sb;

beforeAll(async () => {
	sb = await startSandbox({ port: 0 });
});
afterAll(() => sb.close());

const as = (login, stack = 'us1') =>
	axios.create({
		baseURL: sb.essentialsUrl(stack),
		headers: login ? essentialsHeaders(login) : {},
		validateStatus: () => true,
	});

describe('Essentials authentication', () => {
	it('answers 401 with a message body when the X-User/X-Password headers are missing', async () => {
		const response = await as(null).get('/me');
		expect(response.status).toBe(401);
		expect(response.data).toEqual({ message: expect.stringContaining('Authentication failed') });
	});

	it('answers 401 for a wrong API key', async () => {
		const response = await as({ apiUser: partner.apiUser, apiKey: 'not-the-key' }).get('/me');
		expect(response.status).toBe(401);
	});

	it('refuses Basic auth: the Essentials API wants X-User and X-Password', async () => {
		const response = await axios.get(`${sb.essentialsUrl()}/me`, {
			auth: { username: partner.apiUser, password: partner.apiKey },
			validateStatus: () => true,
		});
		expect(response.status).toBe(401);
	});

	it('reads the headers case-insensitively', async () => {
		const response = await axios.get(`${sb.essentialsUrl()}/me`, {
			headers: { 'x-user': partner.apiUser.toUpperCase(), 'X-PASSWORD': partner.apiKey },
		});
		expect(response.data.primary_email).toBe(partner.apiUser);
	});

	it('describes the partner admin on GET /me', async () => {
		const { data } = await as(partner).get('/me');
		expect(data).toMatchObject({
			type: 'channel_admin',
			is_admin: true,
			is_partner_admin: true,
			read_only_user: false,
			entity_type: 'channel',
			entity_primary_domain: DEMO.partner,
		});
	});

	it('describes the read-only admin as read-only on GET /me', async () => {
		const { data } = await as(readOnly).get('/me');
		expect(data).toMatchObject({
			type: 'organization_admin',
			read_only_user: true,
			entity_primary_domain: DEMO.acme,
		});
	});
});

describe('Essentials access rules', () => {
	it('lets the partner admin into every child org, on each org’s own stack', async () => {
		expect((await as(partner).get(`/orgs/${DEMO.acme}`)).status).toBe(200);
		expect((await as(partner).get(`/orgs/${DEMO.initech}/users`)).status).toBe(200);
		expect((await as(partner, DEMO.globexStack).get(`/orgs/${DEMO.globex}`)).status).toBe(200);
	});

	it('lets the org admin read its own org', async () => {
		const response = await as(orgAdmin).get(`/orgs/${DEMO.acme}/users`);
		expect(response.status).toBe(200);
	});

	it('answers 403 with the errors list when the org admin asks for another org', async () => {
		const response = await as(orgAdmin).get(`/orgs/${DEMO.initech}/users`);
		expect(response.status).toBe(403);
		expect(response.data.errors[0]).toMatchObject({ status: 403, identifier: DEMO.initech });
		expect(response.data.errors[0].error_message).toContain('no access');
	});

	it('answers 403 when the org admin asks for its parent partner org', async () => {
		expect((await as(orgAdmin).get(`/orgs/${DEMO.partner}`)).status).toBe(403);
	});

	it('lets the read-only admin read', async () => {
		const response = await as(readOnly).get(`/orgs/${DEMO.acme}/users/bob.smith@acme.example`);
		expect(response.status).toBe(200);
	});

	it.each([
		[
			'POST',
			`/orgs/${DEMO.acme}/users`,
			{ primary_email: 'new.person@acme.example', type: 'end_user' },
		],
		['PUT', `/orgs/${DEMO.acme}/users/bob.smith@acme.example`, { type: 'functional_account' }],
		['PATCH', `/orgs/${DEMO.acme}`, { is_active: false }],
		['DELETE', `/orgs/${DEMO.acme}/users/bob.smith@acme.example`, undefined],
	])(
		'answers 403 saying "read-only" when the read-only admin sends %s %s, and changes nothing',
		async (method, url, data) => {
			const before = JSON.stringify(sb.state);
			const response = await as(readOnly).request({ method, url, data });
			expect(response.status).toBe(403);
			expect(response.data.message).toContain('read-only');
			expect(JSON.stringify(sb.state)).toBe(before);
		},
	);
});

describe('Essentials paths that do not exist', () => {
	it('answers an unknown endpoint with a plain-text 404', async () => {
		const response = await as(partner).get('/quarantine/messages');
		expect(response.status).toBe(404);
		expect(response.headers['content-type']).toMatch(/^text\/plain/);
		expect(typeof response.data).toBe('string');
	});

	it('answers a known path with an unsupported method with 405', async () => {
		expect((await as(partner).post('/me', {})).status).toBe(405);
	});

	it('answers an unknown stack prefix with 404', async () => {
		const response = await axios.get(`${sb.url}/xx9/api/v1/me`, {
			headers: essentialsHeaders(partner),
			validateStatus: () => true,
		});
		expect(response.status).toBe(404);
	});
});
