'use strict';

const { useSandbox, seen, SANDBOX_CREDENTIALS } = require('../../support');
const { DEMO } = require('../../../sandbox');

const listUsers = (parameters) => ({ resource: 'user', operation: 'getAll', domain: 'acme.example', returnAll: true, ...parameters });
const emailsOf = (result) => result.items.map((item) => item.json.primary_email);

describe('User → Get Many', () => {
	const { run, sb } = useSandbox();

	it('lists every Acme user with Return All: one request, one item per user', async () => {
		const result = await run(listUsers());

		expect(result.status).toBe('success');
		expect(seen(sb())).toEqual(['GET /orgs/acme.example/users']);
		expect(emailsOf(result)).toEqual(DEMO.acmeEmails);
		expect(result.items).toHaveLength(12);
		expect(result.items.every((item) => item.pairedItem.item === 0)).toBe(true);
		expect(result.items.find((item) => item.json.primary_email === 'alice.nguyen@acme.example').json).toEqual({
			uid: expect.any(Number),
			primary_email: 'alice.nguyen@acme.example',
			firstname: 'Alice',
			surname: 'Nguyen',
			type: 'end_user',
			is_active: true,
			is_billable: true,
			alias_emails: ['alice@acme.example', 'a.nguyen@acme-corp.example'],
		});
	});

	it('gives each user whole with Output Raw, sender lists too, from the same one request', async () => {
		const result = await run(listUsers({ output: 'raw' }));

		expect(seen(sb())).toEqual(['GET /orgs/acme.example/users']);
		expect(result.items.find((item) => item.json.primary_email === 'alice.nguyen@acme.example').json).toMatchObject({
			white_list_senders: ['*@partner.example'],
		});
	});

	it('keeps the ids and the picked fields of every user with Output Selected Fields', async () => {
		const result = await run(listUsers({ output: 'selected', fields: ['type'] }));

		expect(result.items).toHaveLength(12);
		expect(result.items.every((item) => Object.keys(item.json).join() === 'uid,primary_email,type')).toBe(true);
	});

	it('cuts a typical answer of 12 users to under 60% of its size with Simplified, the default', async () => {
		const size = (result) => JSON.stringify(result.items.map((item) => item.json)).length;
		const simplified = size(await run(listUsers()));
		const raw = size(await run(listUsers({ output: 'raw' })));

		expect(simplified / raw).toBeLessThan(0.6);
	});

	it('gives real booleans for users Proofpoint sends with string booleans', async () => {
		const result = await run(listUsers({ output: 'raw' }));
		const byEmail = Object.fromEntries(result.items.map((item) => [item.json.primary_email, item.json]));

		expect(byEmail['carol.jones@acme.example'].is_active).toBe(true);
		expect(byEmail['dave.lee@acme.example']).toMatchObject({ is_active: true, is_billable: true, read_only_user: false });
	});

	it('returns the first 3 with a Limit of 3, still from one request', async () => {
		const result = await run(listUsers({ returnAll: false, limit: 3 }));

		expect(seen(sb())).toEqual(['GET /orgs/acme.example/users']);
		expect(emailsOf(result)).toEqual(DEMO.acmeEmails.slice(0, 3));
	});

	it('keeps only the types asked for', async () => {
		const result = await run(listUsers({ filters: { types: ['functional_account', 'silent_user'] } }));

		expect(emailsOf(result)).toEqual(['noreply@acme.example', 'shared.sales@acme.example']);
		expect(seen(sb())).toEqual(['GET /orgs/acme.example/users']);
	});

	it('keeps active users only, counting "true" strings as active', async () => {
		const result = await run(listUsers({ filters: { active: 'active' } }));

		expect(emailsOf(result)).toEqual(DEMO.acmeEmails.filter((email) => email !== 'erin.white@acme.example'));
		expect(emailsOf(result)).toEqual(expect.arrayContaining(['carol.jones@acme.example', 'dave.lee@acme.example']));
	});

	it('finds Initech’s inactive Milton, whom Proofpoint marks inactive with the string "false"', async () => {
		const result = await run(listUsers({ domain: 'initech.example', filters: { active: 'inactive' } }));

		expect(seen(sb())).toEqual(['GET /orgs/initech.example/users']);
		expect(result.items).toEqual([{ json: expect.objectContaining({ primary_email: 'milton@initech.example', is_active: false }), pairedItem: { item: 0 } }]);
	});

	it('applies the Limit after the filters', async () => {
		const result = await run(listUsers({ returnAll: false, limit: 2, filters: { types: ['end_user'], active: 'active' } }));

		expect(emailsOf(result)).toEqual(['alice.nguyen@acme.example', 'bob.smith@acme.example']);
	});

	it('gives no items, and no error, when no user matches', async () => {
		const result = await run(listUsers({ domain: 'initech.example', filters: { types: ['functional_account'] } }));

		expect(result.status).toBe('success');
		expect(result.items).toEqual([]);
	});

	it('lists each organization of the input, pairing every user with its row', async () => {
		const input = [{ json: { domain: 'initech.example' } }, { json: { domain: 'acme.co.uk' } }];
		const result = await run(listUsers({ domain: '={{ $json.domain }}', returnAll: false, limit: 2 }), { input });

		expect(seen(sb())).toEqual(['GET /orgs/initech.example/users', 'GET /orgs/acme.co.uk/users']);
		expect(result.items.map((item) => [item.json.primary_email, item.pairedItem.item])).toEqual([
			['admin@initech.example', 0],
			['peter.gibbons@initech.example', 0],
			[SANDBOX_CREDENTIALS.essentials.orgAdmin.apiUser, 1],
			[SANDBOX_CREDENTIALS.essentials.readOnly.apiUser, 1],
		]);
	});

	it('says Globex is not on this stack (404) instead of returning nobody', async () => {
		const result = await run(listUsers({ domain: 'globex.example' }));

		expect(result.status).toBe('error');
		expect(result.error.message).toMatch(/^Organization "globex\.example" not found on .*\/us1\/api\/v1 \(404\)$/);
		expect(result.error.description).toContain('run Endpoint → Get');
	});

	it('refuses a domain with a path before sending anything', async () => {
		const result = await run(listUsers({ domain: 'acme.example/users' }));

		expect(result.error.message).toBe('Item 0: Organization Domain "acme.example/users" is not a domain name such as example.com');
		expect(sb().requests).toEqual([]);
	});
});
