'use strict';

const { useSandbox, seen, SANDBOX_CREDENTIALS } = require('../../support');

const { partner } = SANDBOX_CREDENTIALS.essentials;

/** A new customer of the partner, as an MSP would onboard it. */
const hooli = {
	resource: 'organization',
	operation: 'create',
	domain: 'partner.example',
	name: 'Hooli',
	primaryDomain: 'Hooli.Example',
	adminEmail: 'gavin@hooli.example',
	licensingPackage: 'advanced',
	userLicenses: 40,
	additionalFields: { otherDomains: 'hooli.co.uk, hooli.de', country: 'US' },
};

describe('Organization → Create', () => {
	const { run, sb } = useSandbox();

	it('creates Hooli under the partner with its admin, domains, package and licences', async () => {
		const result = await run(hooli);

		expect(result.status).toBe('success');
		expect(seen(sb())).toEqual(['POST /orgs/partner.example/orgs']);
		expect(sb().requests[0].body).toEqual({
			is_active: true,
			type: 'organization',
			country: 'US',
			name: 'Hooli',
			primary_domain: 'hooli.example',
			licensing_package: 'advanced',
			user_licenses: 40,
			admin_user: { primary_email: 'gavin@hooli.example' },
			domains: [{ name: 'hooli.example' }, { name: 'hooli.co.uk' }, { name: 'hooli.de' }],
		});
		expect(result.items).toEqual([
			{ json: expect.objectContaining({ primary_domain: 'hooli.example', created: true }), pairedItem: { item: 0 } },
		]);
		expect(sb().getOrg('hooli.de')).toMatchObject({ name: 'Hooli', licensing_package: 'advanced', user_licenses: 40 });

		// Readable right away on the parent's stack, by any of its domains.
		const read = await run({ resource: 'organization', operation: 'get', domain: 'hooli.co.uk', output: 'raw' }, { stack: 'us1' });
		expect(read.items[0].json).toMatchObject({ primary_domain: 'hooli.example', admin_user: { primary_email: 'gavin@hooli.example' } });
	});

	it('says the domain is taken when it already belongs to an organization, and creates nothing', async () => {
		const result = await run({ ...hooli, name: 'Acme Again', primaryDomain: 'acme-corp.example', additionalFields: {} });

		expect(result.error.httpCode).toBe('409');
		expect(result.error.description).toContain('Domain acme-corp.example already belongs to an organization');
		expect(sb().getOrg('acme-corp.example').name).toBe('Acme Corporation');
	});

	it('creates one organization per input item, in order', async () => {
		const input = [{ json: { domain: 'vandelay.example' } }, { json: { domain: 'kramerica.example' } }];
		const result = await run(
			{ ...hooli, name: '={{ $json.domain }}', primaryDomain: '={{ $json.domain }}', adminEmail: '=admin@{{ $json.domain }}', additionalFields: {} },
			{ input },
		);

		expect(sb().requests.map((request) => request.body.primary_domain)).toEqual(['vandelay.example', 'kramerica.example']);
		expect(result.items.map((item) => [item.json.primary_domain, item.pairedItem.item])).toEqual([
			['vandelay.example', 0],
			['kramerica.example', 1],
		]);
		expect(sb().getOrg('kramerica.example').admin_user).toEqual({ primary_email: 'admin@kramerica.example' });
	});

	describe('refuses bad input before sending anything', () => {
		it.each([
			['an admin email without a domain', { adminEmail: 'gavin' }, 'Item 0: Admin Email "gavin" is not an email address'],
			['another domain that is not one', { additionalFields: { otherDomains: 'hooli.de, not a domain' } }, 'Item 0: Other Domains entry'],
			['a primary domain with a path in it', { primaryDomain: 'hooli.example/../acme' }, 'Item 0: Primary Domain'],
		])('%s', async (_, change, message) => {
			const result = await run({ ...hooli, ...change });

			expect(result.status).toBe('error');
			expect(result.error.message).toContain(message);
			expect(sb().requests).toEqual([]);
		});
	});

	it('says a read-only admin cannot create organizations', async () => {
		const result = await run({ ...hooli, domain: 'acme.example', primaryDomain: 'wayne.example' }, { login: 'readOnly' });

		expect(result.error.httpCode).toBe('403');
		expect(result.error.description).toContain('read-only');
		expect(sb().getOrg('wayne.example')).toBeUndefined();
	});

	it('never puts the API key in its output', async () => {
		const result = await run({ ...hooli, primaryDomain: 'pied-piper.example', additionalFields: {} });

		expect(result.status).toBe('success');
		expect(JSON.stringify(result)).not.toContain(partner.apiKey);
	});
});
