'use strict';

const { useSandbox, sandboxCredentials, seen } = require('../support');
const { searchList } = require('../harness');

const picked = (value, mode = 'list') => ({ __rl: true, mode, value });

describe('the pickers in the editor', () => {
	const { sb, run } = useSandbox();
	const search = (method, options = {}) => searchList(method, { credentials: sandboxCredentials(sb(), options), ...options });

	describe('Organization → From List', () => {
		it("lists the partner's own organization first, then its child organizations by name", async () => {
			const { results, paginationToken } = await search('searchOrganizations');

			expect(results).toEqual([
				{ name: 'Example Partner (partner.example)', value: 'partner.example' },
				{ name: 'Acme Corporation (acme.example)', value: 'acme.example' },
				{ name: 'Initech (initech.example)', value: 'initech.example' },
			]);
			expect(paginationToken).toBeUndefined();
			// Globex lives on us2: a us1 credential does not list it.
			expect(seen(sb())).toEqual(['GET /me', 'GET /orgs/partner.example', 'GET /orgs/partner.example/orgs']);
		});

		it.each([
			['a name', 'acme', ['acme.example']],
			['any of its domains', 'acme.co.uk', ['acme.example']],
			['upper case', 'INITECH', ['initech.example']],
			['nothing that matches', 'hooli', []],
		])('is searched by %s', async (_, filter, values) => {
			const { results } = await search('searchOrganizations', { filter });
			expect(results.map((result) => result.value)).toEqual(values);
		});

		it("shows an organization admin only its own organization, without asking for children", async () => {
			const { results } = await search('searchOrganizations', { login: 'orgAdmin' });

			expect(results).toEqual([{ name: 'Acme Corporation (acme.example)', value: 'acme.example' }]);
			expect(seen(sb())).toEqual(['GET /me', 'GET /orgs/acme.example']);
		});

		it('says what is wrong with the credential, as the node does', async () => {
			const credentials = sandboxCredentials(sb());
			credentials.proofpointEssentialsApi.apiKey = 'wrong';
			const { error } = await searchList('searchOrganizations', { credentials });

			expect(error.message).toBe('Proofpoint Essentials refused the API user or key (401)');
		});
	});

	describe('User → From List', () => {
		it("lists the chosen organization's users as name <email>", async () => {
			const { results } = await search('searchUsers', { parameters: { resource: 'user', operation: 'get', domain: picked('acme.example') } });

			expect(results).toEqual(expect.arrayContaining([{ name: 'Alice Nguyen <alice.nguyen@acme.example>', value: 'alice.nguyen@acme.example' }]));
			expect(seen(sb())).toEqual(['GET /orgs/acme.example/users']);
		});

		it('is searched by name, email or alias', async () => {
			const parameters = { resource: 'user', operation: 'get', domain: 'acme.example' };
			for (const [filter, value] of [['nguyen', 'alice.nguyen@acme.example'], ['robert.smith', 'bob.smith@acme.example'], ['Grace', 'grace.hall@acme.co.uk']]) {
				const { results } = await search('searchUsers', { parameters, filter });
				expect(results.map((result) => result.value)).toEqual([value]);
			}
		});

		it('asks for the organization first when none is chosen', async () => {
			const { error } = await search('searchUsers', { parameters: { resource: 'user', operation: 'get', domain: picked('') } });

			expect(error.message).toBe('Choose the organization first');
			expect(sb().requests).toEqual([]);
		});
	});

	describe('Domain → From List', () => {
		it("lists the chosen organization's domains", async () => {
			const { results } = await search('searchDomains', { parameters: { resource: 'domain', operation: 'get', domain: picked('acme.example', 'domain') } });
			expect(results.map((result) => result.value)).toEqual(['acme.example', 'acme-corp.example', 'acme.co.uk']);
		});
	});

	describe('operations with picked values', () => {
		it('User → Get with the organization and the user picked from lists', async () => {
			const result = await run({ resource: 'user', operation: 'get', domain: picked('acme.example'), email: picked('bob.smith@acme.example') });

			expect(result.status).toBe('success');
			expect(seen(sb())).toEqual(['GET /orgs/acme.example/users/bob.smith@acme.example']);
		});

		it('Domain → Update with the domain typed by name and the organization by domain', async () => {
			const result = await run({
				resource: 'domain',
				operation: 'update',
				domain: picked('acme.example', 'domain'),
				domainName: picked('acme.co.uk', 'name'),
				updateFields: { destination: 'mx2.acme.co.uk' },
			});

			expect(result.status).toBe('success');
			expect(sb().getOrg('acme.example').domains.find((domain) => domain.name === 'acme.co.uk').destination).toBe('mx2.acme.co.uk');
		});

		it('a workflow saved before the pickers, with plain strings and an expression, runs unchanged', async () => {
			const result = await run(
				{ resource: 'user', operation: 'get', domain: 'acme.example', email: '={{ $json.who }}' },
				{ input: [{ json: { who: 'alice.nguyen@acme.example' } }] },
			);

			expect(result.status).toBe('success');
			expect(result.items[0].json.primary_email).toBe('alice.nguyen@acme.example');
		});

		it('refuses an empty pick before any request, naming the field', async () => {
			const result = await run({ resource: 'user', operation: 'get', domain: picked('acme.example'), email: picked('={{ "" }}') });

			expect(result.error.message).toBe('Item 0: Email is empty: enter an email address such as name@example.com');
			expect(sb().requests).toEqual([]);
		});
	});
});

describe('a partner with 2,000 child organizations', () => {
	const { generateTenant } = require('../../sandbox');
	const { sb } = useSandbox({ tenant: generateTenant({ domain: 'big.example', users: 10, seed: 3, children: 2000 }) });

	it('pages the list 100 at a time and finds one by name', async () => {
		const credentials = sandboxCredentials(sb());
		const first = await searchList('searchOrganizations', { credentials });
		expect(first.results).toHaveLength(100);
		expect(first.paginationToken).toBe('100');
		// The partner itself, its big customer and the 2,000 others: 2,002 in 21 pages.
		const last = await searchList('searchOrganizations', { credentials, paginationToken: '2000' });
		expect(last.results).toHaveLength(2);
		expect(last.paginationToken).toBeUndefined();

		const found = await searchList('searchOrganizations', { credentials, filter: 'customer1234' });
		expect(found.results).toEqual([{ name: expect.stringMatching(/^\w+ 1234 \(customer1234\.example\)$/), value: 'customer1234.example' }]);
	});
});
