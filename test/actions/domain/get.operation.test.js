'use strict';

const { useSandbox, seen, SANDBOX_CREDENTIALS } = require('../../support');

const { partner } = SANDBOX_CREDENTIALS.essentials;
const getDomain = (domain, domainName) => ({ resource: 'domain', operation: 'get', domain, domainName });
const fromInput = getDomain('={{ $json.org }}', '={{ $json.name }}');

describe('Domain → Get', () => {
	const { run, sb } = useSandbox();

	it("reads Acme's UK domain with its delivery settings", async () => {
		const result = await run(getDomain('acme.example', 'acme.co.uk'));

		expect(result.status).toBe('success');
		expect(seen(sb())).toEqual(['GET /orgs/acme.example/domains/acme.co.uk']);
		expect(result.items).toEqual([
			{
				json: { name: 'acme.co.uk', is_active: true, is_relay: false, destination: 'mx.acme.co.uk', failovers: [] },
				pairedItem: { item: 0 },
			},
		]);
	});

	it('addresses the organization by another of its domains, trimmed and lower-cased', async () => {
		const result = await run(getDomain(' Acme-Corp.EXAMPLE', 'ACME.example '));

		expect(seen(sb())).toEqual(['GET /orgs/acme-corp.example/domains/acme.example']);
		expect(result.items[0].json).toMatchObject({ name: 'acme.example', destination: 'acme-example.mail.protection.outlook.com' });
	});

	it('reads one domain per input item, in order', async () => {
		const input = [
			{ json: { org: 'acme.example', name: 'acme-corp.example' } },
			{ json: { org: 'initech.example', name: 'initech.example' } },
		];
		const result = await run(fromInput, { input });

		expect(seen(sb())).toEqual(['GET /orgs/acme.example/domains/acme-corp.example', 'GET /orgs/initech.example/domains/initech.example']);
		expect(result.items.map((item) => [item.json.name, item.pairedItem.item])).toEqual([
			['acme-corp.example', 0],
			['initech.example', 1],
		]);
	});

	it('refuses a domain name that would change the path, before sending anything for any item', async () => {
		const input = [
			{ json: { org: 'acme.example', name: 'acme.co.uk' } },
			{ json: { org: 'acme.example', name: 'acme.co.uk/dkim' } },
		];
		const result = await run(fromInput, { input });

		expect(result.error.message).toContain('Item 1: Domain Name "acme.co.uk/dkim" is not a domain name');
		expect(result.error.context.itemIndex).toBe(1);
		expect(sb().requests).toEqual([]);
	});

	it('points to Get Many when the organization has no such domain', async () => {
		const result = await run(getDomain('acme.example', 'initech.example'));

		expect(result.error.httpCode).toBe('404');
		expect(result.error.message).toContain('Domain "initech.example" or organization "acme.example" not found');
		expect(result.error.description).toContain('Domain → Get Many');
	});

	it('says an Acme admin has no access to Initech', async () => {
		const result = await run(getDomain('initech.example', 'initech.example'), { login: 'orgAdmin' });

		expect(result.error.httpCode).toBe('403');
		expect(result.error.description).toContain('has no access to organization initech.example');
	});

	it('with Continue on fail, outputs the wrong-stack error for Globex and reads the rest', async () => {
		const input = [
			{ json: { org: 'globex.example', name: 'globex.example' } },
			{ json: { org: 'acme.example', name: 'acme.co.uk' } },
		];
		const result = await run(fromInput, { input, onError: 'continueRegularOutput' });

		expect(result.items[0]).toMatchObject({
			json: { httpCode: '404', description: expect.stringContaining('Endpoint → Get') },
			pairedItem: { item: 0 },
		});
		expect(result.items[1]).toMatchObject({ json: { name: 'acme.co.uk' }, pairedItem: { item: 1 } });
		expect(JSON.stringify(result)).not.toContain(partner.apiKey);
	});
});
