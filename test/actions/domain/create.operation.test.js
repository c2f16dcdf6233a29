'use strict';

const { useSandbox, seen, SANDBOX_CREDENTIALS } = require('../../support');

const { partner } = SANDBOX_CREDENTIALS.essentials;
const addDomain = (domain, domainName, additionalFields = {}) => ({
	resource: 'domain',
	operation: 'create',
	domain,
	domainName,
	additionalFields,
});
const domainNames = (org) => org.domains.map((domain) => domain.name);

describe('Domain → Create', () => {
	const { run, sb } = useSandbox();

	it('adds acme.de to Acme, delivering to its Microsoft 365 tenant', async () => {
		const result = await run(
			addDomain('acme.example', ' Acme.DE ', { destination: 'acme-example.mail.protection.outlook.com', failovers: 'mx2.acme.de, mx3.acme.de' }),
		);

		expect(result.status).toBe('success');
		expect(seen(sb())).toEqual(['POST /orgs/acme.example/domains']);
		expect(sb().requests[0].body).toEqual({
			name: 'acme.de',
			is_active: true,
			is_relay: true,
			destination: 'acme-example.mail.protection.outlook.com',
			failovers: ['mx2.acme.de', 'mx3.acme.de'],
		});
		expect(result.items).toEqual([{ json: { ...sb().requests[0].body, created: true }, pairedItem: { item: 0 } }]);
		expect(domainNames(sb().getOrg('acme.example'))).toContain('acme.de');
		expect(sb().getOrg('acme.de').primary_domain).toBe('acme.example');
	});

	it('adds one domain per input item, in order, through any domain of the organization', async () => {
		const input = [{ json: { name: 'initech.co.uk' } }, { json: { name: 'initech.de' } }];
		const result = await run(addDomain('initech.example', '={{ $json.name }}', { isRelay: false }), { input });

		expect(sb().requests.map((request) => [request.path, request.body.name, request.body.is_relay])).toEqual([
			['/orgs/initech.example/domains', 'initech.co.uk', false],
			['/orgs/initech.example/domains', 'initech.de', false],
		]);
		expect(result.items.map((item) => [item.json.name, item.pairedItem.item])).toEqual([
			['initech.co.uk', 0],
			['initech.de', 1],
		]);
		expect(domainNames(sb().getOrg('initech.example'))).toEqual(['initech.example', 'initech.co.uk', 'initech.de']);
	});

	describe('refuses bad input before sending anything', () => {
		it.each([
			['a domain name with a path', { domainName: 'acme.fr/../../orgs' }, 'Item 0: Domain Name "acme.fr/../../orgs" is not a domain name'],
			['a destination with a path', { additionalFields: { destination: 'mx.acme.fr/x' } }, 'Item 0: Destination "mx.acme.fr/x" is not a host name'],
		])('%s', async (_, change, message) => {
			const result = await run({ ...addDomain('acme.example', 'acme.fr'), ...change });

			expect(result.error.message).toContain(message);
			expect(sb().requests).toEqual([]);
			expect(sb().getOrg('acme.fr')).toBeUndefined();
		});
	});

	it("says it already exists when the domain is another organization's", async () => {
		const result = await run(addDomain('acme.example', 'initech.example'));

		expect(result.error.httpCode).toBe('409');
		expect(result.error.description).toContain('Domain initech.example already belongs to an organization');
		expect(sb().getOrg('initech.example').primary_domain).toBe('initech.example');
	});

	it('says a read-only admin cannot add domains', async () => {
		const result = await run(addDomain('acme.example', 'acme.it'), { login: 'readOnly' });

		expect(result.error.httpCode).toBe('403');
		expect(result.error.description).toContain('read-only');
		expect(sb().getOrg('acme.it')).toBeUndefined();
	});

	it('with Continue on fail, adds the good domain and outputs the 403 for the org the admin does not manage', async () => {
		const input = [{ json: { org: 'initech.example' } }, { json: { org: 'acme.example' } }];
		const result = await run(addDomain('={{ $json.org }}', '=es.{{ $json.org }}'), {
			login: 'orgAdmin',
			input,
			onError: 'continueRegularOutput',
		});

		expect(result.items[0]).toMatchObject({ json: { httpCode: '403' }, pairedItem: { item: 0 } });
		expect(result.items[1]).toMatchObject({ json: { name: 'es.acme.example', created: true }, pairedItem: { item: 1 } });
		expect(sb().getOrg('es.initech.example')).toBeUndefined();
		expect(sb().getOrg('es.acme.example').primary_domain).toBe('acme.example');
		expect(JSON.stringify(result)).not.toContain(SANDBOX_CREDENTIALS.essentials.orgAdmin.apiKey);
		expect(JSON.stringify(result)).not.toContain(partner.apiKey);
	});
});
