'use strict';

const { useSandbox, seen, SANDBOX_CREDENTIALS } = require('../../support');

const { partner } = SANDBOX_CREDENTIALS.essentials;
const deleteOrg = (domain) => ({ resource: 'organization', operation: 'delete', domain });
const domainsAsItems = (...domains) => domains.map((domain) => ({ json: { domain } }));

describe('Organization → Delete', () => {
	const { run, sb } = useSandbox();

	it('deletes Initech for the partner, with all its domains', async () => {
		expect(sb().getOrg('initech.example')).toBeDefined();

		const result = await run(deleteOrg(' Initech.Example '));

		expect(result.status).toBe('success');
		expect(seen(sb())).toEqual(['DELETE /orgs/initech.example']);
		expect(result.items).toEqual([{ json: { deleted: true, domain: 'initech.example' }, pairedItem: { item: 0 } }]);
		expect(sb().getOrg('initech.example')).toBeUndefined();
		expect(sb().getOrg('acme.example')).toBeDefined();
	});

	it('says a read-only admin cannot delete, and Acme stays', async () => {
		const result = await run(deleteOrg('acme.example'), { login: 'readOnly' });

		expect(result.error.httpCode).toBe('403');
		expect(result.error.description).toContain('read-only');
		expect(result.error.description).toContain('readonly@acme.example is a read-only administrator');
		expect(sb().getOrg('acme.example')).toBeDefined();
	});

	it('says an organization admin may not delete their own organization', async () => {
		const result = await run(deleteOrg('acme.example'), { login: 'orgAdmin' });

		expect(result.error.httpCode).toBe('403');
		expect(result.error.description).toContain('Only an administrator of a parent organization can delete acme.example');
		expect(sb().getOrg('acme.example')).toBeDefined();
	});

	it('points to Endpoint → Get when Globex is asked for on the wrong stack, and deletes nothing', async () => {
		const result = await run(deleteOrg('globex.example'), { stack: 'us1' });

		expect(result.error.httpCode).toBe('404');
		expect(result.error.message).toContain('Organization "globex.example" not found');
		expect(result.error.description).toContain('Endpoint → Get');
		expect(sb().getOrg('globex.example')).toBeDefined();
	});

	it('refuses every item before deleting any when one domain is invalid', async () => {
		const result = await run(deleteOrg('={{ $json.domain }}'), { input: domainsAsItems('acme.example', 'acme.example?force=1') });

		expect(result.error.message).toContain('Item 1: Organization Domain');
		expect(result.error.context.itemIndex).toBe(1);
		expect(sb().requests).toEqual([]);
		expect(sb().getOrg('acme.example')).toBeDefined();
	});

	it('with Continue on fail, deletes Globex on us2 and reports the partner itself as not allowed', async () => {
		const result = await run(deleteOrg('={{ $json.domain }}'), {
			stack: 'us2',
			input: domainsAsItems('partner.example', 'globex.example'),
			onError: 'continueRegularOutput',
		});

		expect(seen(sb())).toEqual(['DELETE /orgs/partner.example', 'DELETE /orgs/globex.example']);
		expect(result.items[0]).toMatchObject({ json: { httpCode: '403' }, pairedItem: { item: 0 } });
		expect(result.items[1]).toEqual({ json: { deleted: true, domain: 'globex.example' }, pairedItem: { item: 1 } });
		expect(sb().getOrg('globex.example')).toBeUndefined();
		expect(sb().getOrg('partner.example')).toBeDefined();
		expect(JSON.stringify(result)).not.toContain(partner.apiKey);
	});
});
