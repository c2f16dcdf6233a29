'use strict';

const { useSandbox, seen, SANDBOX_CREDENTIALS } = require('../../support');

const { partner } = SANDBOX_CREDENTIALS.essentials;
const listDomains = (domain, extra) => ({ resource: 'domain', operation: 'getAll', domain, ...extra });
const names = (result) => result.items.map((item) => item.json.name);

describe('Domain → Get Many', () => {
	const { run, sb } = useSandbox();

	it("lists all three of Acme's domains, one item each", async () => {
		const result = await run(listDomains('acme.example', { returnAll: true }));

		expect(result.status).toBe('success');
		expect(seen(sb())).toEqual(['GET /orgs/acme.example/domains']);
		expect(names(result)).toEqual(['acme.example', 'acme-corp.example', 'acme.co.uk']);
		expect(result.items.every((item) => item.pairedItem.item === 0)).toBe(true);
		expect(result.items[2].json).toEqual({
			name: 'acme.co.uk',
			is_active: true,
			is_relay: false,
			destination: 'mx.acme.co.uk',
			failovers: [],
		});
	});

	it('stops at the Limit: 2 of the 3', async () => {
		const result = await run(listDomains('acme.co.uk', { returnAll: false, limit: 2 }));

		expect(seen(sb())).toEqual(['GET /orgs/acme.co.uk/domains']);
		expect(names(result)).toEqual(['acme.example', 'acme-corp.example']);
	});

	it('lists once per input item, each domain paired with the organization that asked', async () => {
		const input = [{ json: { org: 'initech.example' } }, { json: { org: 'ACME-corp.example' } }];
		const result = await run(listDomains('={{ $json.org }}', { returnAll: true }), { input });

		expect(seen(sb())).toEqual(['GET /orgs/initech.example/domains', 'GET /orgs/acme-corp.example/domains']);
		expect(result.items.map((item) => [item.json.name, item.pairedItem.item])).toEqual([
			['initech.example', 0],
			['acme.example', 1],
			['acme-corp.example', 1],
			['acme.co.uk', 1],
		]);
	});

	describe('refuses bad input before sending anything', () => {
		it('a Limit of 0 from an expression', async () => {
			const result = await run(listDomains('acme.example', { returnAll: false, limit: '={{ 0 }}' }));

			expect(result.error.message).toBe('Item 0: Limit must be between 1 and 1000000, but it is 0');
			expect(sb().requests).toEqual([]);
		});

		it('an empty organization domain on the second item', async () => {
			const input = [{ json: { org: 'acme.example' } }, { json: { org: '' } }];
			const result = await run(listDomains('={{ $json.org }}', { returnAll: true }), { input });

			expect(result.error.message).toBe('Item 1: Organization Domain is empty: enter a domain such as example.com');
			expect(sb().requests).toEqual([]);
		});
	});

	it('points to Endpoint → Get for Globex on us1, and lists it on us2', async () => {
		const wrongStack = await run(listDomains('globex.example', { returnAll: true }), { stack: 'us1' });
		expect(wrongStack.error.httpCode).toBe('404');
		expect(wrongStack.error.description).toContain('Endpoint → Get');

		const rightStack = await run(listDomains('globex.example', { returnAll: true }), { stack: 'us2' });
		expect(names(rightStack)).toEqual(['globex.example']);
	});

	it('lets a read-only admin read, and never outputs the API key', async () => {
		const result = await run(listDomains('acme.example', { returnAll: true }), { login: 'readOnly' });

		expect(names(result)).toHaveLength(3);
		expect(JSON.stringify(result)).not.toContain(SANDBOX_CREDENTIALS.essentials.readOnly.apiKey);
		expect(JSON.stringify(result)).not.toContain(partner.apiKey);
	});
});
