'use strict';

const { useSandbox, seen } = require('../../support');
const { generateTenant } = require('../../../sandbox');

const usage = (parameters) => ({ resource: 'licensing', operation: 'getUsage', domain: 'acme.example', usageOf: 'organization', ...parameters });

describe('Licensing → Get Usage', () => {
	const { run, sb } = useSandbox({ retryAfterSeconds: 0 });

	it("compares acme's 25 licences with its users, in one licensing and one users request", async () => {
		const result = await run(usage());

		expect(seen(sb()).sort()).toEqual(['GET /orgs/acme.example/licensing', 'GET /orgs/acme.example/users']);
		const [item] = result.items;
		const users = sb().state.orgs['acme.example'].users;
		expect(item.json).toMatchObject({ domain: 'acme.example', licenses: 25, package: 'business', users: users.length, functionalAccounts: 1, status: 'ok' });
		expect(item.json.byType).toEqual({ organization_admin: 2, end_user: 8, silent_user: 1, functional_account: 1 });
		// erin.white is inactive, info@ is not billable, the shared mailbox is a functional account.
		expect(item.json).toMatchObject({ active: users.length - 1, inactive: 1, billable: users.length - 3, difference: 25 - (users.length - 3), licensing: 'over-licensed' });
	});

	it("reads every child organization of the partner: 1 + 2 per organization, one item each", async () => {
		const result = await run(usage({ domain: 'partner.example', usageOf: 'children' }));

		expect(seen(sb())[0]).toBe('GET /orgs/partner.example/orgs');
		expect(sb().requests).toHaveLength(1 + 2 * 2);
		expect(result.items.map((item) => [item.json.domain, item.json.name, item.json.status])).toEqual([
			['acme.example', 'Acme Corporation', 'ok'],
			['initech.example', 'Initech', 'ok'],
		]);
		expect(result.items.every((item) => item.pairedItem.item === 0)).toBe(true);
	});

	it('reports a failing organization in its own item and still reads the others', async () => {
		sb().failNext({ path: '/orgs/initech.example/licensing', mode: '500', count: 4 });
		const result = await run(usage({ domain: 'partner.example', usageOf: 'children' }));

		expect(result.status).toBe('success');
		const byDomain = Object.fromEntries(result.items.map((item) => [item.json.domain, item.json]));
		expect(byDomain['acme.example'].status).toBe('ok');
		expect(byDomain['initech.example']).toMatchObject({ status: 'failed', error: 'Proofpoint Essentials had a server error (500) after 4 attempts', httpCode: '500' });
	});
});

describe('Licensing → Get Usage across 500 customers', () => {
	const { run, sb } = useSandbox({ tenant: generateTenant({ domain: 'big.example', users: 20, seed: 4, children: 500 }) });

	it('makes exactly 1 + 2 × 501 requests, one item per organization', async () => {
		const result = await run(usage({ domain: 'partner.example', usageOf: 'children' }));

		expect(result.items).toHaveLength(501);
		expect(sb().requests).toHaveLength(1 + 2 * 501);
		expect(result.items.every((item) => item.json.status === 'ok')).toBe(true);
		const overLicensed = result.items.filter((item) => item.json.licensing === 'over-licensed').length;
		expect(overLicensed).toBeGreaterThan(0);
	});
});
