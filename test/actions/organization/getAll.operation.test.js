'use strict';

const { useSandbox, seen, SANDBOX_CREDENTIALS } = require('../../support');

const { partner } = SANDBOX_CREDENTIALS.essentials;
const listChildren = (extra) => ({ resource: 'organization', operation: 'getAll', domain: 'partner.example', ...extra });
const names = (result) => result.items.map((item) => item.json.primary_domain);

describe('Organization → Get Many', () => {
	const { run, sb } = useSandbox();

	it("lists all of the partner's customers on us1, one item per organization", async () => {
		const result = await run(listChildren({ returnAll: true }));

		expect(result.status).toBe('success');
		expect(sb().requests).toMatchObject([{ method: 'GET', path: '/orgs/partner.example/orgs', stack: 'us1' }]);
		expect(names(result)).toEqual(['acme.example', 'initech.example']);
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }]);
		expect(result.items[1].json).toMatchObject({ name: 'Initech', licensing_package: 'beginner', is_on_trial: true });
	});

	it('lists the customers hosted on us2 when the credential points there', async () => {
		const result = await run(listChildren({ returnAll: true }), { stack: 'us2' });

		expect(sb().requests).toMatchObject([{ stack: 'us2' }]);
		expect(names(result)).toEqual(['globex.example']);
	});

	it('stops at the Limit', async () => {
		const result = await run(listChildren({ returnAll: false, limit: 1 }));

		expect(seen(sb())).toEqual(['GET /orgs/partner.example/orgs']);
		expect(names(result)).toEqual(['acme.example']);
	});

	it('lists once per input item, pairing each organization with the item that asked', async () => {
		const result = await run(listChildren({ returnAll: true }), { input: [{ json: {} }, { json: {} }] });

		expect(seen(sb())).toEqual(['GET /orgs/partner.example/orgs', 'GET /orgs/partner.example/orgs']);
		expect(result.items.map((item) => [item.json.primary_domain, item.pairedItem.item])).toEqual([
			['acme.example', 0],
			['initech.example', 0],
			['acme.example', 1],
			['initech.example', 1],
		]);
	});

	it('refuses a Limit of 0 from an expression before sending anything', async () => {
		const result = await run(listChildren({ returnAll: false, limit: '={{ 0 }}' }));

		expect(result.status).toBe('error');
		expect(result.error.message).toBe('Item 0: Limit must be between 1 and 1000000, but it is 0');
		expect(sb().requests).toEqual([]);
	});

	it('refuses a partner domain with a path in it', async () => {
		const result = await run(listChildren({ domain: 'partner.example/orgs', returnAll: true }));

		expect(result.error.message).toContain('Item 0: Partner Domain "partner.example/orgs" is not a domain name');
		expect(sb().requests).toEqual([]);
	});

	it("says an organization admin may not list the partner's customers", async () => {
		const result = await run(listChildren({ returnAll: true }), { login: 'orgAdmin' });

		expect(result.error.httpCode).toBe('403');
		expect(result.error.message).toContain('"partner.example"');
		expect(result.error.description).toContain('has no access to organization partner.example');
	});

	it('never puts the API key in its output', async () => {
		const result = await run(listChildren({ returnAll: true }));

		expect(result.items).toHaveLength(2);
		expect(JSON.stringify(result)).not.toContain(partner.apiKey);
	});
});
