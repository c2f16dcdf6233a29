'use strict';

const { useSandbox, seen, SANDBOX_CREDENTIALS } = require('../../support');

const { partner } = SANDBOX_CREDENTIALS.essentials;
const updatePackage = (domain, packageName, extra) => ({
	resource: 'organization',
	operation: 'updatePackage',
	domain,
	package: packageName,
	...extra,
});

describe('Organization → Update Package', () => {
	const { run, sb } = useSandbox();

	it('moves Acme from Business to Professional with one PUT', async () => {
		expect(sb().getOrg('acme.example').licensing_package).toBe('business');

		const result = await run(updatePackage('acme.example', 'professional'));

		expect(result.status).toBe('success');
		expect(seen(sb())).toEqual(['PUT /orgs/acme.example/package']);
		expect(sb().requests[0].body).toEqual({
			package: 'professional',
			is_activated: true,
			is_eula_confirmed: true,
			is_trial_extended: false,
		});
		expect(result.items).toEqual([
			{
				json: {
					domain: 'acme.example',
					updated: true,
					package: 'professional',
					is_activated: true,
					is_eula_confirmed: true,
					is_trial_extended: false,
				},
				pairedItem: { item: 0 },
			},
		]);
		expect(sb().getOrg('acme.example').licensing_package).toBe('professional');
	});

	it("extends Initech's trial on Beginner, addressed in capitals", async () => {
		const result = await run(updatePackage('INITECH.example', 'beginner', { isTrialExtended: true }));

		expect(seen(sb())).toEqual(['PUT /orgs/initech.example/package']);
		expect(sb().requests[0].body).toMatchObject({ package: 'beginner', is_trial_extended: true });
		expect(result.items[0].json.is_trial_extended).toBe(true);
	});

	it('sends one PUT per input item, in order', async () => {
		const input = [{ json: { domain: 'initech.example' } }, { json: { domain: 'acme-corp.example' } }];
		const result = await run(updatePackage('={{ $json.domain }}', 'advanced'), { input });

		expect(seen(sb())).toEqual(['PUT /orgs/initech.example/package', 'PUT /orgs/acme-corp.example/package']);
		expect(result.items.map((item) => [item.json.domain, item.pairedItem.item])).toEqual([
			['initech.example', 0],
			['acme-corp.example', 1],
		]);
		expect(sb().getOrg('initech.example').licensing_package).toBe('advanced');
		expect(sb().getOrg('acme.example').licensing_package).toBe('advanced');
	});

	it('refuses a package name Proofpoint does not have, before sending anything', async () => {
		const result = await run(updatePackage('acme.example', '={{ "gold" }}'));

		expect(result.error.message).toBe('Item 0: Package "gold" is not a package');
		expect(result.error.description).toContain('beginner, business, advanced, professional');
		expect(sb().requests).toEqual([]);
	});

	it('says a read-only admin cannot change the package, which stays', async () => {
		const packageBefore = sb().getOrg('acme.example').licensing_package;
		const result = await run(updatePackage('acme.example', 'beginner'), { login: 'readOnly' });

		expect(result.error.httpCode).toBe('403');
		expect(result.error.description).toContain('read-only');
		expect(sb().getOrg('acme.example').licensing_package).toBe(packageBefore);
	});

	it('says an Acme admin has no access to Initech', async () => {
		const packageBefore = sb().getOrg('initech.example').licensing_package;
		const result = await run(updatePackage('initech.example', 'professional'), { login: 'orgAdmin' });

		expect(result.error.httpCode).toBe('403');
		expect(result.error.message).toContain('"initech.example"');
		expect(result.error.description).toContain('has no access to organization initech.example');
		expect(sb().getOrg('initech.example').licensing_package).toBe(packageBefore);
	});

	it('with Continue on fail, outputs the wrong-stack error for Globex next to the updated Acme', async () => {
		const input = [{ json: { domain: 'acme.example' } }, { json: { domain: 'globex.example' } }];
		const result = await run(updatePackage('={{ $json.domain }}', 'business'), { input, onError: 'continueRegularOutput' });

		expect(result.items[0]).toMatchObject({ json: { domain: 'acme.example', package: 'business' }, pairedItem: { item: 0 } });
		expect(result.items[1]).toMatchObject({ json: { httpCode: '404' }, pairedItem: { item: 1 } });
		expect(sb().getOrg('globex.example').licensing_package).toBe('advanced');
		expect(JSON.stringify(result)).not.toContain(partner.apiKey);
	});
});
