'use strict';

const { useSandbox, seen, SANDBOX_CREDENTIALS } = require('../../support');

const { partner, orgAdmin } = SANDBOX_CREDENTIALS.essentials;
const getOrg = (domain) => ({ resource: 'organization', operation: 'get', domain });
const fromInput = getOrg('={{ $json.domain }}');
const domainsAsItems = (...domains) => domains.map((domain) => ({ json: { domain } }));

describe('Organization → Get', () => {
	const { run, sb } = useSandbox();

	it('reads Acme with its domains and package', async () => {
		const result = await run(getOrg('acme.example'));

		expect(result.status).toBe('success');
		expect(sb().requests).toMatchObject([{ method: 'GET', path: '/orgs/acme.example', stack: 'us1' }]);
		expect(result.items).toHaveLength(1);
		const stored = sb().getOrg('acme.example');
		expect(result.items[0].json).toEqual({
			eid: stored.eid,
			primary_domain: 'acme.example',
			name: 'Acme Corporation',
			is_active: stored.is_active,
			licensing_package: 'business',
			is_on_trial: stored.is_on_trial,
			user_licenses: 25,
			active_users: stored.active_users,
			when_renewal: stored.when_renewal,
			domains: ['acme.example', 'acme-corp.example', 'acme.co.uk'],
		});
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
	});

	it('gives the organization as Proofpoint sends it with Output Raw, its domains as objects', async () => {
		const result = await run({ ...getOrg('acme.example'), output: 'raw' });

		expect(result.items[0].json).toEqual(sb().getOrg('acme.example'));
		expect(result.items[0].json.domains.map((domain) => domain.name)).toEqual(['acme.example', 'acme-corp.example', 'acme.co.uk']);
	});

	it('keeps eid and primary_domain beside the picked fields with Output Selected Fields', async () => {
		const result = await run({ ...getOrg('acme.example'), output: 'selected', fields: ['admin_user', 'domains'] });
		const stored = sb().getOrg('acme.example');

		expect(result.items[0].json).toEqual({ eid: stored.eid, primary_domain: 'acme.example', admin_user: stored.admin_user, domains: stored.domains });
	});

	it('finds Acme by its secondary domain, typed with spaces and capitals', async () => {
		const result = await run(getOrg('  ACME-Corp.Example '));

		expect(result.status).toBe('success');
		expect(seen(sb())).toEqual(['GET /orgs/acme-corp.example']);
		expect(result.items[0].json.primary_domain).toBe('acme.example');
	});

	it('reads one organization per input item, in order, each paired with its item', async () => {
		const result = await run(fromInput, { input: domainsAsItems('initech.example', 'acme.example') });

		expect(seen(sb())).toEqual(['GET /orgs/initech.example', 'GET /orgs/acme.example']);
		expect(result.items.map((item) => [item.json.name, item.pairedItem])).toEqual([
			['Initech', { item: 0 }],
			['Acme Corporation', { item: 1 }],
		]);
	});

	it('reads Globex on us2, the stack that hosts it', async () => {
		const result = await run(getOrg('globex.example'), { stack: 'us2' });

		expect(result.status).toBe('success');
		expect(sb().requests).toMatchObject([{ stack: 'us2', path: '/orgs/globex.example' }]);
		expect(result.items[0].json).toMatchObject({ name: 'Globex', licensing_package: 'advanced' });
	});

	describe('refuses bad input before sending anything', () => {
		// Through an expression, as a blank cell of an upstream sheet would arrive (n8n itself refuses a blank fixed value).
		it.each([
			['an empty domain', '  ', 'Item 0: Organization Domain is empty'],
			['a domain with a slash', 'a/b.example', 'Item 0: Organization Domain "a/b.example" is not a domain name'],
		])('%s', async (_, domain, message) => {
			const result = await run(fromInput, { input: domainsAsItems(domain) });

			expect(result.status).toBe('error');
			expect(result.error.message).toContain(message);
			expect(result.error.context.itemIndex).toBe(0);
			expect(sb().requests).toEqual([]);
		});

		it('sends nothing for a valid first item when the second is invalid', async () => {
			const result = await run(fromInput, { input: domainsAsItems('acme.example', 'acme.example/users') });

			expect(result.error.message).toContain('Item 1: Organization Domain');
			expect(result.error.context.itemIndex).toBe(1);
			expect(sb().requests).toEqual([]);
		});
	});

	describe('explains failures', () => {
		it('suggests Endpoint → Get when the organization lives on another stack', async () => {
			const result = await run(getOrg('globex.example'), { stack: 'us1' });

			expect(result.status).toBe('error');
			expect(result.error.httpCode).toBe('404');
			expect(result.error.message).toContain('Organization "globex.example" not found');
			expect(result.error.message).toContain('us1');
			expect(result.error.description).toContain('Endpoint → Get');
		});

		it('says an org admin has no access to another organization', async () => {
			const result = await run(getOrg('initech.example'), { login: 'orgAdmin' });

			expect(result.error.httpCode).toBe('403');
			expect(result.error.message).toContain('"initech.example"');
			expect(result.error.description).toContain(`${orgAdmin.apiUser} has no access to organization initech.example`);
		});

		it('asks to check the API key and the stack on a wrong key, without echoing the key', async () => {
			const wrongKey = 'not-the-partner-key-7f3a';
			const result = await run(getOrg('acme.example'), { login: { apiUser: partner.apiUser, apiKey: wrongKey } });

			expect(result.error.httpCode).toBe('401');
			expect(result.error.description).toContain('Check the API key');
			expect(result.error.description).toContain('stack');
			expect(sb().requests).toMatchObject([{ authOk: false }]);
			expect(JSON.stringify(result)).not.toContain(wrongKey);
		});

		it('with Continue on fail, outputs an error item for the failed organization and reads the others', async () => {
			const result = await run(fromInput, {
				input: domainsAsItems('acme.example', 'globex.example', 'initech.example'),
				onError: 'continueRegularOutput',
			});

			expect(result.status).toBe('success');
			expect(seen(sb())).toEqual(['GET /orgs/acme.example', 'GET /orgs/globex.example', 'GET /orgs/initech.example']);
			expect(result.items).toHaveLength(3);
			expect(result.items[0]).toMatchObject({ json: { name: 'Acme Corporation' }, pairedItem: { item: 0 } });
			expect(result.items[1]).toMatchObject({
				json: { error: expect.stringContaining('"globex.example" not found'), httpCode: '404' },
				pairedItem: { item: 1 },
			});
			expect(result.items[2]).toMatchObject({ json: { name: 'Initech' }, pairedItem: { item: 2 } });
		});
	});

	it('never puts the API key in its output', async () => {
		const result = await run(fromInput, { input: domainsAsItems('acme.example', 'globex.example'), onError: 'continueRegularOutput' });

		expect(result.items).toHaveLength(2);
		expect(JSON.stringify(result)).not.toContain(partner.apiKey);
	});
});
