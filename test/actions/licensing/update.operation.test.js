'use strict';

const { useSandbox, seen, SANDBOX_CREDENTIALS } = require('../../support');

const { partner } = SANDBOX_CREDENTIALS.essentials;
const updateLicensing = (domain, updateFields) => ({ resource: 'licensing', operation: 'update', domain, updateFields });

describe('Licensing → Update', () => {
	const { run, sb } = useSandbox();

	it('raises Acme to 40 licences: reads the licensing, then PUTs it back with only the count changed', async () => {
		const result = await run(updateLicensing('acme.example', { licenseCount: 40 }));

		expect(result.status).toBe('success');
		expect(seen(sb())).toEqual(['GET /orgs/acme.example/licensing', 'PUT /orgs/acme.example/licensing']);
		const merged = { license_count: 40, package: 'business', is_on_trial: false, is_beginner_plus: false };
		expect(sb().requests[1].body).toEqual(merged);
		expect(result.items).toEqual([{ json: { domain: 'acme.example', ...merged }, pairedItem: { item: 0 } }]);
		expect(sb().getOrg('acme.example')).toMatchObject({ user_licenses: 40, licensing_package: 'business' });
	});

	it("ends Initech's trial and moves it to Business, addressed by a trimmed domain", async () => {
		await run(updateLicensing(' initech.EXAMPLE ', { isOnTrial: false, package: 'business' }));

		expect(seen(sb())).toEqual(['GET /orgs/initech.example/licensing', 'PUT /orgs/initech.example/licensing']);
		expect(sb().requests[1].body).toEqual({ license_count: 5, package: 'business', is_on_trial: false, is_beginner_plus: false });
		expect(sb().getOrg('initech.example')).toMatchObject({ is_on_trial: false, licensing_package: 'business', user_licenses: 5 });
	});

	it('reads and writes each input item in turn', async () => {
		const input = [
			{ json: { org: 'acme-corp.example', count: 50 } },
			{ json: { org: 'initech.example', count: 8 } },
		];
		const result = await run(updateLicensing('={{ $json.org }}', { licenseCount: '={{ $json.count }}' }), { input });

		expect(seen(sb())).toEqual([
			'GET /orgs/acme-corp.example/licensing',
			'PUT /orgs/acme-corp.example/licensing',
			'GET /orgs/initech.example/licensing',
			'PUT /orgs/initech.example/licensing',
		]);
		expect(result.items.map((item) => [item.json.domain, item.json.license_count, item.pairedItem.item])).toEqual([
			['acme-corp.example', 50, 0],
			['initech.example', 8, 1],
		]);
		expect(sb().getOrg('acme.example').user_licenses).toBe(50);
		expect(sb().getOrg('initech.example').user_licenses).toBe(8);
	});

	describe('refuses bad input before sending anything', () => {
		it('no Update Fields', async () => {
			const result = await run(updateLicensing('acme.example', {}));

			expect(result.error.message).toBe('Item 0: Update Fields is empty');
			expect(sb().requests).toEqual([]);
		});

		it('a negative licence count on the second item, even though the first is fine', async () => {
			const before = sb().getOrg('acme.example').user_licenses;
			const input = [{ json: { count: before + 10 } }, { json: { count: -1 } }];
			const result = await run(updateLicensing('acme.example', { licenseCount: '={{ $json.count }}' }), { input });

			expect(result.error.message).toBe('Item 1: License Count must be between 0 and 10000000, but it is -1');
			expect(sb().requests).toEqual([]);
			expect(sb().getOrg('acme.example').user_licenses).toBe(before);
		});
	});

	it('says a read-only admin cannot change licensing, which stays as it was', async () => {
		const before = sb().getOrg('acme.example').user_licenses;
		const result = await run(updateLicensing('acme.example', { licenseCount: before + 100 }), { login: 'readOnly' });

		expect(result.error.httpCode).toBe('403');
		expect(result.error.description).toContain('read-only');
		expect(sb().requests.map((request) => [request.method, request.status])).toEqual([
			['GET', 200],
			['PUT', 403],
		]);
		expect(sb().getOrg('acme.example').user_licenses).toBe(before);
	});

	it('with Continue on fail, outputs the wrong-stack error for Globex and updates Acme', async () => {
		const input = [{ json: { org: 'globex.example' } }, { json: { org: 'acme.example' } }];
		const result = await run(updateLicensing('={{ $json.org }}', { isBeginnerPlus: true }), {
			input,
			onError: 'continueRegularOutput',
		});

		expect(seen(sb())).toEqual(['GET /orgs/globex.example/licensing', 'GET /orgs/acme.example/licensing', 'PUT /orgs/acme.example/licensing']);
		expect(result.items[0]).toMatchObject({
			json: { httpCode: '404', description: expect.stringContaining('Endpoint → Get') },
			pairedItem: { item: 0 },
		});
		expect(result.items[1]).toMatchObject({ json: { domain: 'acme.example', is_beginner_plus: true }, pairedItem: { item: 1 } });
		expect(sb().state.orgs['acme.example'].licensing.is_beginner_plus).toBe(true);
		expect(JSON.stringify(result)).not.toContain(partner.apiKey);
	});
});
