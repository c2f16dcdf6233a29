'use strict';

const { useSandbox, seen, SANDBOX_CREDENTIALS } = require('../../support');

const { partner } = SANDBOX_CREDENTIALS.essentials;
const updateOrg = (domain, updateFields) => ({ resource: 'organization', operation: 'update', domain, updateFields });

describe('Organization → Update', () => {
	const { run, sb } = useSandbox();

	it("changes only Acme's phone and licence count, with one PATCH", async () => {
		const before = { ...sb().getOrg('acme.example') };

		const result = await run(updateOrg('acme.example', { phone: ' +1 555 0199 ', userLicenses: 30 }));

		expect(result.status).toBe('success');
		expect(seen(sb())).toEqual(['PATCH /orgs/acme.example']);
		expect(sb().requests[0].body).toEqual({ phone: '+1 555 0199', user_licenses: 30 });
		expect(result.items).toEqual([
			{ json: { domain: 'acme.example', updated: true, phone: '+1 555 0199', user_licenses: 30 }, pairedItem: { item: 0 } },
		]);
		const after = sb().getOrg('acme.example');
		expect(after).toMatchObject({ phone: '+1 555 0199', user_licenses: 30 });
		expect(after.name).toBe(before.name);
		expect(after.address).toBe(before.address);
	});

	it('deactivates and renames Acme addressed by its other domain acme.co.uk', async () => {
		const result = await run(updateOrg('acme.co.uk', { isActive: false, name: 'Acme UK' }));

		expect(seen(sb())).toEqual(['PATCH /orgs/acme.co.uk']);
		expect(sb().requests[0].body).toEqual({ is_active: false, name: 'Acme UK' });
		expect(sb().getOrg('acme.example')).toMatchObject({ is_active: false, name: 'Acme UK' });
		expect(result.items[0].json.domain).toBe('acme.co.uk');
	});

	it('sends one PATCH per input item, in order', async () => {
		const input = [{ json: { domain: 'initech.example', country: 'CA' } }, { json: { domain: 'acme.example', country: 'GB' } }];
		const result = await run(updateOrg('={{ $json.domain }}', { country: '={{ $json.country }}' }), { input });

		expect(sb().requests.map((request) => [request.method, request.path, request.body])).toEqual([
			['PATCH', '/orgs/initech.example', { country: 'CA' }],
			['PATCH', '/orgs/acme.example', { country: 'GB' }],
		]);
		expect(result.items.map((item) => item.pairedItem.item)).toEqual([0, 1]);
		expect(sb().getOrg('initech.example').country).toBe('CA');
	});

	describe('refuses bad input before sending anything', () => {
		it('when no Update Fields are chosen', async () => {
			const result = await run(updateOrg('acme.example', {}));

			expect(result.error.message).toBe('Item 0: Update Fields is empty');
			expect(result.error.description).toContain('Add at least one field');
			expect(sb().requests).toEqual([]);
		});

		it('when User Licenses is not a whole number, even if the first item was fine', async () => {
			const licensesBefore = sb().getOrg('acme.example').user_licenses;
			const input = [{ json: { licenses: licensesBefore + 5 } }, { json: { licenses: 'ten' } }];
			const result = await run(updateOrg('acme.example', { userLicenses: '={{ $json.licenses }}' }), { input });

			expect(result.error.message).toContain('Item 1: User Licenses must be a whole number');
			expect(sb().requests).toEqual([]);
			expect(sb().getOrg('acme.example').user_licenses).toBe(licensesBefore);
		});
	});

	it('says a read-only admin cannot make changes', async () => {
		const phoneBefore = sb().getOrg('acme.example').phone;
		const result = await run(updateOrg('acme.example', { phone: '+1 555 0000' }), { login: 'readOnly' });

		expect(result.error.httpCode).toBe('403');
		expect(result.error.description).toContain('read-only');
		expect(sb().requests).toMatchObject([{ method: 'PATCH', status: 403 }]);
		expect(sb().getOrg('acme.example').phone).toBe(phoneBefore);
	});

	it('says an Acme admin has no access to Initech', async () => {
		const result = await run(updateOrg('initech.example', { phone: '+1 555 0000' }), { login: 'orgAdmin' });

		expect(result.error.httpCode).toBe('403');
		expect(result.error.description).toContain('has no access to organization initech.example');
	});

	it('with Continue on fail, updates the others and outputs the wrong-stack error for Globex', async () => {
		const input = [{ json: { domain: 'globex.example' } }, { json: { domain: 'initech.example' } }];
		const result = await run(updateOrg('={{ $json.domain }}', { www: 'https://new.example' }), {
			input,
			onError: 'continueRegularOutput',
		});

		expect(seen(sb())).toEqual(['PATCH /orgs/globex.example', 'PATCH /orgs/initech.example']);
		expect(result.items[0]).toMatchObject({
			json: { error: expect.stringContaining('"globex.example" not found'), description: expect.stringContaining('Endpoint → Get') },
			pairedItem: { item: 0 },
		});
		expect(result.items[1]).toMatchObject({ json: { domain: 'initech.example', www: 'https://new.example' }, pairedItem: { item: 1 } });
		expect(JSON.stringify(result)).not.toContain(partner.apiKey);
	});
});
