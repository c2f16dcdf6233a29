'use strict';

const axios = require('axios');
const { startSandbox, SANDBOX_CREDENTIALS, DEMO, essentialsHeaders } = require('../../sandbox');

const { partner, orgAdmin } = SANDBOX_CREDENTIALS.essentials;
let sb;

beforeAll(async () => {
	sb = await startSandbox({ port: 0 });
});
afterAll(() => sb.close());

const as = (login, stack = 'us1') =>
	axios.create({
		baseURL: sb.essentialsUrl(stack),
		headers: essentialsHeaders(login),
		validateStatus: () => true,
	});

describe('organizations', () => {
	it('reads acme with the fields of the reference, from any of its domains', async () => {
		const response = await as(partner).get('/orgs/acme.co.uk');
		expect(response.status).toBe(200);
		expect(response.data).toMatchObject({
			eid: expect.any(Number),
			name: 'Acme Corporation',
			primary_domain: DEMO.acme,
			type: 'organization',
			is_active: true,
			licensing_package: 'business',
			is_on_trial: false,
			user_licenses: 25,
			active_users: expect.any(Number),
			when_renewal: '2027-03-01',
			admin_user: { primary_email: orgAdmin.apiUser },
		});
		expect(response.data.domains.map((domain) => domain.name)).toEqual(DEMO.acmeDomains);
		expect(response.data.domains[0]).toEqual(
			expect.objectContaining({ is_relay: true, failovers: [] }),
		);
	});

	it('counts active billable users, not functional accounts, as active_users', async () => {
		const { data } = await as(partner).get(`/orgs/${DEMO.acme}`);
		// 12 users: minus the inactive leaver, the shared mailbox and the one non-billable user.
		expect(data.active_users).toBe(DEMO.acmeEmails.length - 3);
	});

	it('answers 404 for globex on us1 and 200 on us2, where it lives', async () => {
		expect((await as(partner).get(`/orgs/${DEMO.globex}`)).status).toBe(404);
		expect((await as(partner, 'us2').get(`/orgs/${DEMO.globex}`)).status).toBe(200);
	});

	it('applies a partial PATCH with string values: 204', async () => {
		const response = await as(partner).patch(`/orgs/${DEMO.initech}`, {
			phone: '+1 555 0199',
			user_licenses: '30',
			is_on_trial: 'false',
		});
		expect(response.status).toBe(204);
		expect(sb.getOrg(DEMO.initech)).toMatchObject({
			phone: '+1 555 0199',
			user_licenses: 30,
			is_on_trial: false,
		});
	});

	it('answers 400 for a PATCH with an unknown licensing package', async () => {
		const response = await as(partner).patch(`/orgs/${DEMO.initech}`, {
			licensing_package: 'platinum',
		});
		expect(response.status).toBe(400);
		expect(response.data.errors[0].identifier).toBe('licensing_package');
	});
});

describe('child organizations', () => {
	it('lists the partner’s children per stack', async () => {
		const us1 = await as(partner).get(`/orgs/${DEMO.partner}/orgs`);
		const us2 = await as(partner, 'us2').get(`/orgs/${DEMO.partner}/orgs`);
		expect(us1.data.orgs.map((org) => org.primary_domain)).toEqual([DEMO.acme, DEMO.initech]);
		expect(us2.data.orgs.map((org) => org.primary_domain)).toEqual([DEMO.globex]);
	});

	it('creates one child org on the parent’s stack, with its admin user: 201', async () => {
		const response = await as(partner).post(`/orgs/${DEMO.partner}/orgs`, {
			name: 'Hooli',
			primary_domain: 'hooli.example',
			licensing_package: 'Business',
			is_active: 'true',
			user_licenses: '40',
			admin_user: { primary_email: 'gavin@hooli.example' },
			domains: [{ name: 'hooli.example' }, { name: 'hooli.co.uk', is_relay: 'false' }],
		});
		expect(response.status).toBe(201);
		expect(response.data).toEqual({ total_created: 1, fail_results: [] });
		expect(sb.state.orgs['hooli.example']).toMatchObject({ stacks: ['us1'], parent: DEMO.partner });
		expect(sb.getOrg('hooli.co.uk')).toMatchObject({
			licensing_package: 'business',
			user_licenses: 40,
		});
		expect(sb.getUser('hooli.example', 'gavin@hooli.example').type).toBe('organization_admin');
		expect((await as(partner).get('/orgs/hooli.co.uk/domains/hooli.co.uk')).data.is_relay).toBe(
			false,
		);
	});

	it('creates a list of child orgs in one POST', async () => {
		const response = await as(partner).post(`/orgs/${DEMO.partner}/orgs`, [
			{ name: 'Umbrella', primary_domain: 'umbrella.example' },
			{ name: 'Cyberdyne', primary_domain: 'cyberdyne.example' },
		]);
		expect(response.status).toBe(201);
		expect(response.data.total_created).toBe(2);
	});

	it('answers 409 when a new org claims a domain another org has', async () => {
		const response = await as(partner).post(`/orgs/${DEMO.partner}/orgs`, {
			name: 'Copycat',
			primary_domain: 'acme-corp.example',
		});
		expect(response.status).toBe(409);
	});

	it('answers 400 when a customer org tries to have children', async () => {
		const response = await as(partner).post(`/orgs/${DEMO.acme}/orgs`, {
			name: 'Sub',
			primary_domain: 'sub.example',
		});
		expect(response.status).toBe(400);
	});

	it('deletes a child org: 204, then 404', async () => {
		expect((await as(partner).delete('/orgs/cyberdyne.example')).status).toBe(204);
		expect((await as(partner).get('/orgs/cyberdyne.example')).status).toBe(404);
	});

	it('answers 403 when an org admin tries to delete its own org', async () => {
		expect((await as(orgAdmin).delete(`/orgs/${DEMO.acme}`)).status).toBe(403);
		expect(sb.getOrg(DEMO.acme)).toBeDefined();
	});
});

describe('domains', () => {
	it('lists the domains of an org in a {"domains": [...]} envelope', async () => {
		const { data } = await as(orgAdmin).get(`/orgs/${DEMO.acme}/domains/`);
		expect(data.domains.map((domain) => domain.name)).toEqual(DEMO.acmeDomains);
	});

	it('adds, reads, changes and removes a domain (201, 200, 204, 204)', async () => {
		const base = `/orgs/${DEMO.acme}/domains`;
		const created = await as(orgAdmin).post(base, {
			name: 'acme-labs.example',
			is_relay: true,
			destination: 'mx.acme-labs.example',
		});
		expect(created.status).toBe(201);
		expect(sb.getOrg('acme-labs.example').primary_domain).toBe(DEMO.acme);

		expect((await as(orgAdmin).get(`${base}/ACME-LABS.example`)).data).toMatchObject({
			name: 'acme-labs.example',
			is_active: true,
		});

		const changed = await as(orgAdmin).put(`${base}/acme-labs.example`, {
			destination: 'mx2.acme-labs.example',
			is_active: 'false',
		});
		expect(changed.status).toBe(204);
		expect((await as(orgAdmin).get(`${base}/acme-labs.example`)).data).toMatchObject({
			destination: 'mx2.acme-labs.example',
			is_active: false,
		});

		expect((await as(orgAdmin).delete(`${base}/acme-labs.example`)).status).toBe(204);
		expect((await as(orgAdmin).get(`${base}/acme-labs.example`)).status).toBe(404);
	});

	it('answers 409 for a domain that already belongs to an org', async () => {
		expect(
			(await as(orgAdmin).post(`/orgs/${DEMO.acme}/domains`, { name: 'initech.example' })).status,
		).toBe(409);
	});

	it('answers 400 when removing the primary domain', async () => {
		expect((await as(orgAdmin).delete(`/orgs/${DEMO.acme}/domains/${DEMO.acme}`)).status).toBe(400);
	});
});

describe('licensing and package', () => {
	it('reads licensing derived from the org', async () => {
		const { data } = await as(partner).get(`/orgs/${DEMO.acme}/licensing`);
		expect(data).toEqual({
			license_count: 25,
			package: 'business',
			is_on_trial: false,
			is_beginner_plus: false,
		});
	});

	it('updates licensing with PUT: 204, and the org shows it', async () => {
		const response = await as(partner).put(`/orgs/${DEMO.acme}/licensing`, {
			license_count: '30',
			is_beginner_plus: true,
		});
		expect(response.status).toBe(204);
		expect(sb.getOrg(DEMO.acme).user_licenses).toBe(30);
		expect((await as(partner).get(`/orgs/${DEMO.acme}/licensing`)).data).toMatchObject({
			license_count: 30,
			is_beginner_plus: true,
		});
	});

	it('changes the package with PUT /package: 204 and licensing_package follows', async () => {
		const response = await as(partner).put(`/orgs/${DEMO.acme}/package`, {
			package: 'professional',
			is_activated: true,
			is_eula_confirmed: 'true',
			is_trial_extended: false,
		});
		expect(response.status).toBe(204);
		expect(sb.getOrg(DEMO.acme).licensing_package).toBe('professional');
	});

	it('answers 400 for a package PUT without a package', async () => {
		expect(
			(await as(partner).put(`/orgs/${DEMO.acme}/package`, { is_activated: true })).status,
		).toBe(400);
	});
});

describe('endpoint discovery', () => {
	it('names the stack of an org as a base URL string, asked on any stack', async () => {
		const response = await as(orgAdmin, 'eu1').get('/endpoints/globex.example');
		expect(response.status).toBe(200);
		expect(response.data).toEqual({ endpoints: [sb.essentialsUrl('us2')] });
	});

	it('lists every stack a partner is on', async () => {
		const { data } = await as(partner).get(`/endpoints/${DEMO.partner}`);
		expect(data.endpoints).toEqual([sb.essentialsUrl('us1'), sb.essentialsUrl('us2')]);
	});

	it('answers 404 for a domain no stack hosts', async () => {
		const response = await as(partner).get('/endpoints/unknown.example');
		expect(response.status).toBe(404);
		expect(response.data.errors[0].identifier).toBe('unknown.example');
	});

	it('names the stack as {stack, url} objects when started with endpointShape "object"', async () => {
		const objects = await startSandbox({ port: 0, endpointShape: 'object' });
		try {
			const { data } = await axios.get(`${objects.essentialsUrl('us3')}/endpoints/acme.co.uk`, {
				headers: essentialsHeaders(partner),
			});
			expect(data).toEqual({ endpoints: [{ stack: 'us1', url: objects.essentialsUrl('us1') }] });
		} finally {
			await objects.close();
		}
	});
});
