'use strict';

const { useSandbox, SANDBOX_CREDENTIALS } = require('../support');
const { testCredential } = require('../harness');

const { principal, secret } = SANDBOX_CREDENTIALS.tap;

describe('Proofpoint TAP API credential → Test', () => {
	const { sb } = useSandbox();
	const tap = (overrides = {}) => ({ principal, secret, baseUrl: sb().tapUrl, ...overrides });

	it('connects through the permitted-clicks SIEM endpoint, never spending People API quota', async () => {
		await expect(testCredential('proofpointTapApi', tap())).resolves.toEqual({ status: 'OK', message: 'Connection successful!' });

		expect(sb().requests.map((request) => [request.method, request.path, request.query, request.status])).toEqual([
			['GET', '/v2/siem/clicks/permitted', { format: 'json', sinceSeconds: '60' }, 200],
		]);
		expect(sb().requests[0].user).toBe(principal);
		expect(sb().requests.some((request) => request.path.startsWith('/v2/people/'))).toBe(false);
	});

	it('points at the principal and secret when the secret is wrong', async () => {
		const result = await testCredential('proofpointTapApi', tap({ secret: 'not-the-secret' }));

		expect(result).toEqual({
			status: 'Error',
			message: 'TAP refused the service principal or secret (401). Copy both again from Settings → Connected Applications in the TAP dashboard.',
		});
		expect(sb().requests.map((request) => [request.path, request.status])).toEqual([['/v2/siem/clicks/permitted', 401]]);
	});

	it('says the credentials are right but the SIEM quota is used up on a 429', async () => {
		sb().failNext({ path: '/v2/siem/clicks/permitted', mode: '429' });
		const result = await testCredential('proofpointTapApi', tap());

		expect(result).toEqual({
			status: 'Error',
			message: 'The credentials reached TAP but its SIEM quota for permitted clicks is used up (429); it frees up within 24 hours.',
		});
	});

	it('works with a trailing slash on the base URL', async () => {
		const result = await testCredential('proofpointTapApi', tap({ baseUrl: `${sb().tapUrl}/` }));

		expect(result.status).toBe('OK');
		expect(sb().requests[0].rawPath).toBe('/v2/siem/clicks/permitted');
	});
});

describe('Proofpoint TAP API credential → authenticate', () => {
	const { ProofpointTapApi } = require('../../dist/credentials/ProofpointTapApi.credentials.js');

	it('sends the service principal and secret as HTTP Basic and keeps the request as it was otherwise', async () => {
		const request = { method: 'GET', url: '/v2/people/vap', qs: { window: 30 }, headers: { Accept: 'application/json' } };

		await expect(new ProofpointTapApi().authenticate({ principal: 'sp-1', secret: 's-1' }, request)).resolves.toEqual({
			...request,
			auth: { username: 'sp-1', password: 's-1' },
		});
	});

	it('survives the copy n8n makes of a credential type', () => {
		expect(typeof { ...new ProofpointTapApi() }.authenticate).toBe('function');
	});
});
