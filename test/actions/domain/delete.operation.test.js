'use strict';

const { useSandbox, seen, SANDBOX_CREDENTIALS } = require('../../support');

const { partner } = SANDBOX_CREDENTIALS.essentials;
const deleteDomain = (domain, domainName) => ({ resource: 'domain', operation: 'delete', domain, domainName });
const domainNames = (sb, org) => sb.getOrg(org).domains.map((domain) => domain.name);

describe('Domain → Delete', () => {
	const { run, sb } = useSandbox();

	it('removes acme.co.uk from Acme', async () => {
		const result = await run(deleteDomain('acme.example', 'ACME.co.uk '));

		expect(result.status).toBe('success');
		expect(seen(sb())).toEqual(['DELETE /orgs/acme.example/domains/acme.co.uk']);
		expect(result.items).toEqual([{ json: { deleted: true, name: 'acme.co.uk', domain: 'acme.example' }, pairedItem: { item: 0 } }]);
		expect(domainNames(sb(), 'acme.example')).toEqual(['acme.example', 'acme-corp.example']);
		expect(sb().getOrg('acme.co.uk')).toBeUndefined();
	});

	it("refuses to delete the organization's primary domain, and keeps it", async () => {
		const result = await run(deleteDomain('acme-corp.example', 'acme.example'));

		expect(result.error.httpCode).toBe('400');
		expect(result.error.description).toContain('acme.example is the primary domain of its organization');
		expect(domainNames(sb(), 'acme.example')).toContain('acme.example');
	});

	it('refuses every item before deleting any when one name is invalid', async () => {
		const input = [{ json: { name: 'acme-corp.example' } }, { json: { name: 'acme.example#' } }];
		const result = await run(deleteDomain('acme.example', '={{ $json.name }}'), { input });

		expect(result.error.message).toContain('Item 1: Domain Name');
		expect(sb().requests).toEqual([]);
		expect(domainNames(sb(), 'acme.example')).toContain('acme-corp.example');
	});

	it('says a read-only admin cannot delete domains', async () => {
		const result = await run(deleteDomain('acme.example', 'acme-corp.example'), { login: 'readOnly' });

		expect(result.error.httpCode).toBe('403');
		expect(result.error.description).toContain('read-only');
		expect(domainNames(sb(), 'acme.example')).toContain('acme-corp.example');
	});

	it('with Continue on fail, deletes one domain per item and outputs the 404 for the missing one', async () => {
		const input = [{ json: { name: 'acme-corp.example' } }, { json: { name: 'acme-corp.example' } }];
		const result = await run(deleteDomain('acme.example', '={{ $json.name }}'), { input, onError: 'continueRegularOutput' });

		expect(seen(sb())).toEqual(['DELETE /orgs/acme.example/domains/acme-corp.example', 'DELETE /orgs/acme.example/domains/acme-corp.example']);
		expect(result.items[0]).toEqual({ json: { deleted: true, name: 'acme-corp.example', domain: 'acme.example' }, pairedItem: { item: 0 } });
		expect(result.items[1]).toMatchObject({ json: { httpCode: '404' }, pairedItem: { item: 1 } });
		expect(domainNames(sb(), 'acme.example')).toEqual(['acme.example']);
		expect(JSON.stringify(result)).not.toContain(partner.apiKey);
	});
});
