const { useSandbox } = require('../support');

describe('the router', () => {
	const { run, sb } = useSandbox();

	test("n8n's Custom API Call entry explains how to make one instead of failing obscurely", async () => {
		const result = await run({ resource: 'user', operation: '__CUSTOM_API_CALL__', domain: 'acme.example' });

		expect(result.status).toBe('error');
		expect(result.error.message).toBe('Custom API calls are made with the HTTP Request node');
		expect(result.error.description).toMatch(/Predefined Credential Type/);
		expect(sb().requests).toEqual([]);
	});
});

describe('transport options are checked with the parameters', () => {
	const { run, sb } = useSandbox();

	test('a Request Timeout under a second is refused before any request, naming the item and the field', async () => {
		const result = await run(
			{ resource: 'user', operation: 'get', domain: 'acme.example', email: 'carol.jones@acme.example', options: { requestTimeout: 500 } },
			{ input: [{ json: {} }] },
		);

		expect(result.status).toBe('error');
		expect(result.error.message).toBe('Item 0: Request Timeout must be between 1000 and 3600000, but it is 500');
		expect(sb().requests).toEqual([]);
	});
});
