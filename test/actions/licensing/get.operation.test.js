'use strict';

const { useSandbox, seen, SANDBOX_CREDENTIALS } = require('../../support');

const { partner, readOnly } = SANDBOX_CREDENTIALS.essentials;
const getLicensing = (domain) => ({ resource: 'licensing', operation: 'get', domain });

describe('Licensing → Get', () => {
	const { run, sb } = useSandbox();

	it("reads Acme's licence count and package", async () => {
		const result = await run(getLicensing('acme.example'));

		expect(result.status).toBe('success');
		expect(seen(sb())).toEqual(['GET /orgs/acme.example/licensing']);
		expect(result.items).toEqual([
			{
				json: { domain: 'acme.example', license_count: 25, package: 'business', is_on_trial: false, is_beginner_plus: false },
				pairedItem: { item: 0 },
			},
		]);
	});

	it('reads each input item in turn, by any domain of the organization', async () => {
		const input = [{ json: { org: 'Initech.example' } }, { json: { org: 'acme.co.uk' } }];
		const result = await run(getLicensing('={{ $json.org }}'), { input });

		expect(seen(sb())).toEqual(['GET /orgs/initech.example/licensing', 'GET /orgs/acme.co.uk/licensing']);
		expect(result.items.map((item) => [item.json.domain, item.json.license_count, item.json.is_on_trial, item.pairedItem.item])).toEqual([
			['initech.example', 5, true, 0],
			['acme.co.uk', 25, false, 1],
		]);
	});

	it('lets a read-only admin read it, without the key showing up anywhere', async () => {
		const result = await run(getLicensing('acme.example'), { login: 'readOnly' });

		expect(result.items[0].json.package).toBe('business');
		expect(JSON.stringify(result)).not.toContain(readOnly.apiKey);
	});

	it('refuses an organization domain with a query in it, before sending anything', async () => {
		const result = await run(getLicensing('={{ "acme.example?x=1" }}'));

		expect(result.error.message).toContain('Item 0: Organization Domain "acme.example?x=1" is not a domain name');
		expect(sb().requests).toEqual([]);
	});

	it('asks to check the API key and the stack when the key is wrong', async () => {
		const wrongKey = 'expired-key-1234';
		const result = await run(getLicensing('acme.example'), { login: { apiUser: partner.apiUser, apiKey: wrongKey } });

		expect(result.error.httpCode).toBe('401');
		expect(result.error.message).toBe('Proofpoint Essentials refused the API user or key (401)');
		expect(result.error.description).toContain('Check the API key');
		expect(result.error.description).toContain('stack');
		expect(JSON.stringify(result)).not.toContain(wrongKey);
	});

	it('with Continue on fail, outputs the 403 for Initech next to Acme when an Acme admin asks', async () => {
		const input = [{ json: { org: 'acme.example' } }, { json: { org: 'initech.example' } }];
		const result = await run(getLicensing('={{ $json.org }}'), { login: 'orgAdmin', input, onError: 'continueRegularOutput' });

		expect(result.items[0]).toMatchObject({ json: { domain: 'acme.example', license_count: 25 }, pairedItem: { item: 0 } });
		expect(result.items[1]).toMatchObject({
			json: { httpCode: '403', error: expect.stringContaining('"initech.example"') },
			pairedItem: { item: 1 },
		});
	});

	it('points to Endpoint → Get for Globex on the wrong stack', async () => {
		const result = await run(getLicensing('globex.example'));

		expect(result.error.message).toContain('Organization "globex.example" not found');
		expect(result.error.description).toContain('Endpoint → Get');
	});
});
