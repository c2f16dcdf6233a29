'use strict';

const { useSandbox, seen, SANDBOX_CREDENTIALS } = require('../../support');

const { partner } = SANDBOX_CREDENTIALS.essentials;
const findStack = (domain) => ({ resource: 'endpoint', operation: 'get', domain });

// The shape of /endpoints entries is undocumented: the sandbox answers with URL strings or {stack, url} objects.
describe.each(['string', 'object'])('Endpoint → Get, with endpoints sent as %ss', (endpointShape) => {
	const { run, sb } = useSandbox({ endpointShape });

	it('finds that Globex lives on us2, asking from us1', async () => {
		const result = await run(findStack('globex.example'), { stack: 'us1' });

		expect(result.status).toBe('success');
		expect(sb().requests).toMatchObject([{ method: 'GET', path: '/endpoints/globex.example', stack: 'us1' }]);
		const us2 = sb().essentialsUrl('us2');
		expect(result.items).toEqual([
			{
				json: { domain: 'globex.example', stack: 'us2', url: us2, endpoints: [{ stack: 'us2', url: us2 }] },
				pairedItem: { item: 0 },
			},
		]);
	});

	it('lists both stacks of the partner, which has customers on each', async () => {
		const result = await run(findStack('partner.example'));

		expect(result.items[0].json.stack).toBe('us1');
		expect(result.items[0].json.endpoints.map((endpoint) => endpoint.stack)).toEqual(['us1', 'us2']);
	});

	it('answers one item per input domain, in order, from any domain of an organization', async () => {
		const input = ['ACME.co.uk ', 'globex.example', 'initech.example'].map((domain) => ({ json: { domain } }));
		const result = await run(findStack('={{ $json.domain }}'), { input, stack: 'us2' });

		expect(seen(sb())).toEqual(['GET /endpoints/acme.co.uk', 'GET /endpoints/globex.example', 'GET /endpoints/initech.example']);
		expect(result.items.map((item) => [item.json.domain, item.json.stack, item.pairedItem.item])).toEqual([
			['acme.co.uk', 'us1', 0],
			['globex.example', 'us2', 1],
			['initech.example', 'us1', 2],
		]);
	});
});

describe('Endpoint → Get, when things go wrong', () => {
	const { run, sb } = useSandbox();

	it('says no stack hosts an unknown domain, without sending the user back to Endpoint → Get', async () => {
		const result = await run(findStack('nowhere.example'));

		expect(result.error.httpCode).toBe('404');
		expect(result.error.message).toBe('No stack hosts "nowhere.example" (404)');
		expect(result.error.description).toContain('check its spelling');
		expect(result.error.description).not.toContain('Endpoint → Get');
	});

	it('refuses an empty domain and a domain with a slash, before sending anything for any item', async () => {
		const input = [{ json: { domain: 'globex.example' } }, { json: { domain: 'a/b.example' } }];
		const result = await run(findStack('={{ $json.domain }}'), { input });

		expect(result.error.message).toContain('Item 1: Organization Domain "a/b.example" is not a domain name');
		expect(sb().requests).toEqual([]);

		const empty = await run(findStack('={{ "" }}'));
		expect(empty.error.message).toBe('Item 0: Organization Domain is empty: enter a domain such as example.com');
		expect(sb().requests).toEqual([]);
	});

	it('with Continue on fail, outputs the unknown domain as an error item between the found ones', async () => {
		const input = ['acme.example', 'nowhere.example', 'globex.example'].map((domain) => ({ json: { domain } }));
		const result = await run(findStack('={{ $json.domain }}'), { input, onError: 'continueRegularOutput' });

		expect(result.items.map((item) => item.json.stack ?? item.json.httpCode)).toEqual(['us1', '404', 'us2']);
		expect(result.items.map((item) => item.pairedItem.item)).toEqual([0, 1, 2]);
		expect(JSON.stringify(result)).not.toContain(partner.apiKey);
	});

	it('asks to check the API key and the stack when the key is wrong', async () => {
		const result = await run(findStack('globex.example'), { login: { apiUser: partner.apiUser, apiKey: 'typo-key-0000' } });

		expect(result.error.httpCode).toBe('401');
		expect(result.error.description).toContain('Check the API key');
		expect(result.error.description).toContain('stack');
		expect(JSON.stringify(result)).not.toContain('typo-key-0000');
	});
});
