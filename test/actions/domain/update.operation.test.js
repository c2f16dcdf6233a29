'use strict';

const { useSandbox, seen, SANDBOX_CREDENTIALS } = require('../../support');

const { partner } = SANDBOX_CREDENTIALS.essentials;
const updateDomain = (domain, domainName, updateFields) => ({ resource: 'domain', operation: 'update', domain, domainName, updateFields });
const acmeDomain = (sb, name) => sb.getOrg('acme.example').domains.find((domain) => domain.name === name);

describe('Domain → Update', () => {
	const { run, sb } = useSandbox();

	it('moves acme.co.uk to a new mail server: reads the domain, then PUTs it back whole', async () => {
		const result = await run(updateDomain('acme.example', 'acme.co.uk', { destination: ' mx1.acme.co.uk ', failovers: 'mx2.acme.co.uk' }));

		expect(result.status).toBe('success');
		expect(seen(sb())).toEqual(['GET /orgs/acme.example/domains/acme.co.uk', 'PUT /orgs/acme.example/domains/acme.co.uk']);
		const merged = { name: 'acme.co.uk', is_active: true, is_relay: false, destination: 'mx1.acme.co.uk', failovers: ['mx2.acme.co.uk'] };
		expect(sb().requests[1].body).toEqual(merged);
		expect(result.items).toEqual([{ json: merged, pairedItem: { item: 0 } }]);
		expect(acmeDomain(sb(), 'acme.co.uk')).toEqual(merged);
	});

	it('turns relaying off without touching the destination', async () => {
		const destinationBefore = acmeDomain(sb(), 'acme-corp.example').destination;

		await run(updateDomain('ACME.example', 'Acme-Corp.example', { isRelay: false }));

		expect(seen(sb())).toEqual(['GET /orgs/acme.example/domains/acme-corp.example', 'PUT /orgs/acme.example/domains/acme-corp.example']);
		expect(sb().requests[1].body).toMatchObject({ is_relay: false, destination: destinationBefore });
		expect(acmeDomain(sb(), 'acme-corp.example')).toMatchObject({ is_relay: false, destination: destinationBefore });
	});

	it('reads and writes each input item in turn', async () => {
		const input = [{ json: { name: 'acme.example' } }, { json: { name: 'acme.co.uk' } }];
		const result = await run(updateDomain('acme.example', '={{ $json.name }}', { isActive: false }), { input });

		expect(seen(sb())).toEqual([
			'GET /orgs/acme.example/domains/acme.example',
			'PUT /orgs/acme.example/domains/acme.example',
			'GET /orgs/acme.example/domains/acme.co.uk',
			'PUT /orgs/acme.example/domains/acme.co.uk',
		]);
		expect(result.items.map((item) => [item.json.name, item.json.is_active, item.pairedItem.item])).toEqual([
			['acme.example', false, 0],
			['acme.co.uk', false, 1],
		]);
	});

	it('refuses an update with no Update Fields, before sending anything', async () => {
		const result = await run(updateDomain('acme.example', 'acme.co.uk', {}));

		expect(result.error.message).toBe('Item 0: Update Fields is empty');
		expect(sb().requests).toEqual([]);
	});

	it('says a read-only admin cannot change it, after only reading it', async () => {
		const before = { ...acmeDomain(sb(), 'acme.co.uk') };
		const result = await run(updateDomain('acme.example', 'acme.co.uk', { destination: 'evil.example' }), { login: 'readOnly' });

		expect(result.error.httpCode).toBe('403');
		expect(result.error.description).toContain('read-only');
		expect(sb().requests.map((request) => [request.method, request.status])).toEqual([
			['GET', 200],
			['PUT', 403],
		]);
		expect(acmeDomain(sb(), 'acme.co.uk')).toEqual(before);
	});

	it('with Continue on fail, outputs the unknown domain as an error item and updates the other', async () => {
		const input = [{ json: { name: 'acme.fr' } }, { json: { name: 'acme.example' } }];
		const result = await run(updateDomain('acme.example', '={{ $json.name }}', { destination: 'mx.acme.example' }), {
			input,
			onError: 'continueRegularOutput',
		});

		expect(seen(sb())).toEqual([
			'GET /orgs/acme.example/domains/acme.fr',
			'GET /orgs/acme.example/domains/acme.example',
			'PUT /orgs/acme.example/domains/acme.example',
		]);
		expect(result.items[0]).toMatchObject({
			json: { error: expect.stringContaining('Domain "acme.fr" or organization "acme.example" not found'), httpCode: '404' },
			pairedItem: { item: 0 },
		});
		expect(result.items[1]).toMatchObject({ json: { name: 'acme.example', destination: 'mx.acme.example' }, pairedItem: { item: 1 } });
		expect(JSON.stringify(result)).not.toContain(partner.apiKey);
	});
});
