'use strict';

const { startSandbox } = require('../../sandbox');
const {
	CREDENTIALS,
	START,
	SECOND,
	MINUTE,
	send,
	requestToken,
	tpClient,
} = require('./threat-protection-helpers');

const WRONG_SECRET = 'not-the-secret-4711';
const INCIDENTS = '/api/v1/tric/incidents';
const BLOCK_LIST = `/api/v1/emailProtection/modules/spam/orgBlockList?clusterId=${CREDENTIALS.clusterId}`;

let sb;

beforeAll(async () => {
	sb = await startSandbox({
		port: 0,
		now: () => START,
		threatProtection: { tokenTtlSeconds: 60, ctrPerMinute: 1000, incidentCount: 50 },
	});
});
afterAll(() => sb.close());
afterEach(() => {
	sb.setTime(START);
	sb.setLatency(0);
	sb.setFaults(null);
});

describe('the token endpoint', () => {
	it('issues a bearer token for the key and secret sent in the form body', async () => {
		const issued = await requestToken(sb);
		expect(issued.status).toBe(200);
		expect(issued.headers.get('content-type')).toMatch(/^application\/json/);
		expect(issued.body).toEqual({
			access_token: expect.stringMatching(/^[\w-]{20,}$/),
			token_type: 'Bearer',
			expires_in: 60,
		});
		expect((await requestToken(sb)).body.access_token).not.toBe(issued.body.access_token);
	});

	it('takes the key and secret as HTTP Basic too, as n8n sends them in its header mode', async () => {
		const basic = Buffer.from(`${CREDENTIALS.apiKey}:${CREDENTIALS.apiSecret}`).toString('base64');
		const issued = await requestToken(
			sb,
			{ client_id: undefined, client_secret: undefined },
			{ authorization: `Basic ${basic}` },
		);
		expect(issued.status).toBe(200);
		const wrong = Buffer.from(`${CREDENTIALS.apiKey}:${WRONG_SECRET}`).toString('base64');
		const refused = await requestToken(
			sb,
			{ client_id: undefined, client_secret: undefined },
			{ authorization: `Basic ${wrong}` },
		);
		expect(refused.status).toBe(401);
		expect(refused.headers.get('www-authenticate')).toMatch(/^Basic/);
	});

	it.each([
		['a wrong secret', { client_secret: WRONG_SECRET }],
		['an unknown client id', { client_id: 'someone-else' }],
		['no credentials', { client_id: undefined, client_secret: undefined }],
	])('refuses %s with 401 invalid_client, never echoing the secret', async (_, fields) => {
		const refused = await requestToken(sb, fields);
		expect(refused.status).toBe(401);
		expect(refused.body).toEqual({
			error: 'invalid_client',
			error_description: expect.any(String),
		});
		expect(refused.text).not.toContain(WRONG_SECRET);
		expect(refused.text).not.toContain(CREDENTIALS.apiSecret);
	});

	it.each([
		[{ grant_type: 'password' }, 'unsupported_grant_type'],
		[{ grant_type: undefined }, 'invalid_request'],
	])('answers %j with 400 %s', async (fields, error) => {
		const refused = await requestToken(sb, fields);
		expect(refused.status).toBe(400);
		expect(refused.body.error).toBe(error);
	});

	it('wants a form: a JSON body is a 400 invalid_request', async () => {
		const refused = await send(`${sb.threatProtectionUrl}/v1/token`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({
				grant_type: 'client_credentials',
				client_id: CREDENTIALS.apiKey,
				client_secret: CREDENTIALS.apiSecret,
			}),
		});
		expect([refused.status, refused.body.error]).toEqual([400, 'invalid_request']);
		expect(JSON.stringify(sb.requests.at(-1))).not.toContain(CREDENTIALS.apiSecret);
	});

	it('records the token request under its client id, with the secret redacted', async () => {
		sb.clearRequests();
		await requestToken(sb);
		await requestToken(sb, { client_secret: WRONG_SECRET });
		expect(sb.requests).toEqual([
			{
				api: 'threatProtection',
				stack: null,
				method: 'POST',
				rawPath: '/threat-protection/v1/token',
				path: '/v1/token',
				query: {},
				body: {
					grant_type: 'client_credentials',
					client_id: CREDENTIALS.apiKey,
					client_secret: '[redacted]',
				},
				user: CREDENTIALS.apiKey,
				authOk: true,
				status: 200,
				fault: null,
			},
			expect.objectContaining({ user: CREDENTIALS.apiKey, authOk: false, status: 401 }),
		]);
		const recorded = JSON.stringify(sb.requests);
		expect(recorded).not.toContain(CREDENTIALS.apiSecret);
		expect(recorded).not.toContain(WRONG_SECRET);
	});
});

describe('bearer tokens on the API', () => {
	it('answers 401 invalid_token with WWW-Authenticate without a token or with an unknown one', async () => {
		const client = await tpClient(sb);
		for (const token of ['', 'made-up-token']) {
			const refused = await client.call('POST', INCIDENTS, {}, token);
			expect(refused.status).toBe(401);
			expect(refused.body.error).toBe('invalid_token');
			expect(refused.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
		}
	});

	it('lets a token work until tokenTtlSeconds have passed on the sandbox clock, then answers 401', async () => {
		const client = await tpClient(sb);
		sb.advanceTime(60 * SECOND - 1);
		expect((await client.post(INCIDENTS)).status).toBe(200);
		sb.advanceTime(1);
		const expired = await client.post(INCIDENTS);
		expect(expired.status).toBe(401);
		expect(expired.body).toEqual({
			error: 'invalid_token',
			error_description: 'The access token has expired',
		});
		await client.refresh();
		expect((await client.post(INCIDENTS)).status).toBe(200);
	});

	it('lets expireTokens() invalidate every token at once, so a client must fetch a new one', async () => {
		const first = await tpClient(sb);
		const second = await tpClient(sb);
		sb.threatProtection.expireTokens();
		expect((await first.post(INCIDENTS)).status).toBe(401);
		expect((await second.get(BLOCK_LIST)).status).toBe(401);
		await first.refresh();
		expect((await first.post(INCIDENTS)).status).toBe(200);
	});

	it('records API calls under the token’s client id, the path without the prefix', async () => {
		const client = await tpClient(sb);
		sb.clearRequests();
		await client.post(INCIDENTS, { startRow: 0, endRow: 1 });
		expect(sb.requests).toEqual([
			expect.objectContaining({
				api: 'threatProtection',
				method: 'POST',
				rawPath: '/threat-protection/api/v1/tric/incidents',
				path: INCIDENTS,
				body: { startRow: 0, endRow: 1 },
				user: CREDENTIALS.apiKey,
				authOk: true,
				status: 200,
			}),
		]);
	});

	it('answers an unknown path 404 and a wrong method 405, in JSON', async () => {
		const client = await tpClient(sb);
		expect((await client.get('/api/v1/tric/nothing')).status).toBe(404);
		const wrongMethod = await client.get(INCIDENTS);
		expect(wrongMethod.status).toBe(405);
		expect(wrongMethod.body.errorMessage).toContain('GET');
	});

	it('gives sb.threatProtectionUrl under the sandbox URL', () => {
		expect(sb.threatProtectionUrl).toBe(`${sb.url}/threat-protection`);
	});
});

describe('faults and latency', () => {
	it('applies failNext to a Threat Protection path, matched without the prefix', async () => {
		const client = await tpClient(sb);
		sb.failNext({ method: 'POST', path: INCIDENTS, mode: '503' });
		const failed = await client.post(INCIDENTS);
		expect(failed.status).toBe(503);
		expect(sb.requests.at(-1)).toMatchObject({
			api: 'threatProtection',
			path: INCIDENTS,
			fault: '503',
		});
		expect((await client.post(INCIDENTS)).status).toBe(200);
	});

	it('fails the token endpoint too, and a faulted list write changes nothing', async () => {
		sb.failNext({ path: '/v1/token', mode: '429-retry-after' });
		const throttled = await requestToken(sb);
		expect(throttled.status).toBe(429);
		const client = await tpClient(sb);
		const before = sb.threatProtection.lists(CREDENTIALS.clusterId, 'orgBlockList');
		sb.failNext({ method: 'POST', path: '/orgBlockList', mode: '500' });
		const entry = { action: 'add', attribute: '$from', operator: 'equal', value: 'x@fault.test' };
		expect((await client.post(BLOCK_LIST, entry)).status).toBe(500);
		expect(sb.threatProtection.lists(CREDENTIALS.clusterId, 'orgBlockList')).toEqual(before);
	});

	it('answers after the configured latency', async () => {
		const client = await tpClient(sb);
		sb.setLatency(40);
		const started = performance.now();
		expect((await client.get(BLOCK_LIST)).status).toBe(200);
		expect(performance.now() - started).toBeGreaterThanOrEqual(35);
	});
});

describe('the Cloud Threat Response rate limit', () => {
	let limited;

	beforeEach(async () => {
		limited = await startSandbox({
			port: 0,
			now: () => START,
			threatProtection: { incidentCount: 20 },
		});
	});
	afterEach(() => limited.close());

	it('allows 10 CTR calls a rolling minute per client, answers 429 with Retry-After, and frees a slot as the window moves', async () => {
		const client = await tpClient(limited);
		const statuses = [];
		for (let i = 0; i < 5; i++) statuses.push((await client.post(INCIDENTS)).status);
		limited.advanceTime(20 * SECOND);
		for (let i = 0; i < 5; i++) statuses.push((await client.get('/api/v1/tric/workflows')).status);
		expect(statuses).toEqual(Array(10).fill(200));

		const throttled = await client.post(INCIDENTS);
		expect(throttled.status).toBe(429);
		expect(throttled.headers.get('retry-after')).toBe('40');
		expect(throttled.body.errorMessage).toContain('10');

		limited.advanceTime(39 * SECOND);
		const almost = await client.post(INCIDENTS);
		expect([almost.status, almost.headers.get('retry-after')]).toEqual([429, '1']);
		limited.advanceTime(SECOND);
		expect((await client.post(INCIDENTS)).status).toBe(200);
	});

	it('counts neither token requests nor block/safe list calls, which have no documented limit', async () => {
		const client = await tpClient(limited);
		for (let i = 0; i < 12; i++) expect((await requestToken(limited)).status).toBe(200);
		for (let i = 0; i < 15; i++) expect((await client.get(BLOCK_LIST)).status).toBe(200);
		for (let i = 0; i < 10; i++) expect((await client.post(INCIDENTS)).status).toBe(200);
		expect((await client.post(INCIDENTS)).status).toBe(429);
		limited.advanceTime(MINUTE);
		expect((await client.post(INCIDENTS)).status).toBe(200);
	});

	it('does not charge calls refused with 401', async () => {
		const client = await tpClient(limited);
		for (let i = 0; i < 12; i++)
			expect((await client.call('POST', INCIDENTS, {}, 'stale')).status).toBe(401);
		for (let i = 0; i < 10; i++) expect((await client.post(INCIDENTS)).status).toBe(200);
	});

	it('takes its limit from threatProtection.ctrPerMinute', async () => {
		const strict = await startSandbox({
			port: 0,
			now: () => START,
			threatProtection: { ctrPerMinute: 2, incidentCount: 5 },
		});
		try {
			const client = await tpClient(strict);
			const statuses = [];
			for (let i = 0; i < 3; i++) statuses.push((await client.post(INCIDENTS)).status);
			expect(statuses).toEqual([200, 200, 429]);
		} finally {
			await strict.close();
		}
	});
});
