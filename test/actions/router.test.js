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
