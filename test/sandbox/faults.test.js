'use strict';

const axios = require('axios');
const { startSandbox, SANDBOX_CREDENTIALS, DEMO, essentialsHeaders } = require('../../sandbox');

let sb;
let api;

beforeAll(async () => {
	sb = await startSandbox({ port: 0, retryAfterSeconds: 7 });
	api = axios.create({
		baseURL: sb.essentialsUrl(),
		headers: essentialsHeaders(SANDBOX_CREDENTIALS.essentials.partner),
		validateStatus: () => true,
	});
});
afterAll(() => sb.close());
afterEach(() => sb.setFaults(null));

const listAcme = (config) => api.get(`/orgs/${DEMO.acme}/users`, config);

describe('deterministic faults with failNext', () => {
	it.each([
		['500', 500, 'Internal Server Error'],
		['502', 502, 'Bad Gateway'],
		['503', 503, 'Service Unavailable'],
	])('answers mode %s with HTTP %i', async (mode, status, body) => {
		sb.failNext({ path: '/users', mode });
		const response = await listAcme();
		expect(response.status).toBe(status);
		expect(response.data).toBe(body);
	});

	it('answers 429 without Retry-After in mode "429"', async () => {
		sb.failNext({ path: '/users', mode: '429' });
		const response = await listAcme();
		expect(response.status).toBe(429);
		expect(response.headers['retry-after']).toBeUndefined();
	});

	it('answers 429 with Retry-After: retryAfterSeconds in mode "429-retry-after"', async () => {
		sb.failNext({ path: '/users', mode: '429-retry-after' });
		const response = await listAcme();
		expect(response.status).toBe(429);
		expect(response.headers['retry-after']).toBe('7');
	});

	it('drops the connection without an answer in mode "reset": axios sees ECONNRESET', async () => {
		sb.failNext({ path: '/users', mode: 'reset' });
		await expect(listAcme()).rejects.toMatchObject({ code: 'ECONNRESET' });
		expect(sb.requests.at(-1)).toMatchObject({ fault: 'reset', status: null });
	});

	it('answers 200 with truncated JSON in mode "malformed-json"', async () => {
		sb.failNext({ path: '/users', mode: 'malformed-json' });
		const response = await listAcme({ transitional: { silentJSONParsing: true } });
		expect(response.status).toBe(200);
		expect(response.headers['content-type']).toBe('application/json');
		expect(() => JSON.parse(response.data)).toThrow();
	});

	it('answers 503 with an HTML page in mode "html"', async () => {
		sb.failNext({ path: '/users', mode: 'html' });
		const response = await listAcme();
		expect(response.status).toBe(503);
		expect(response.headers['content-type']).toMatch(/^text\/html/);
		expect(response.data).toContain('<html>');
	});

	it('answers 200 with an empty body in mode "empty"', async () => {
		sb.failNext({ path: '/users', mode: 'empty' });
		const response = await listAcme();
		expect(response.status).toBe(200);
		expect(response.data).toBe('');
	});

	it('keeps a client waiting in mode "slow", so its timeout fires', async () => {
		sb.failNext({ path: '/users', mode: 'slow' });
		const error = await listAcme({ timeout: 200 }).catch((caught) => caught);
		expect(error.code).toMatch(/^(ECONNABORTED|ETIMEDOUT)$/);
		expect(sb.requests.at(-1).fault).toBe('slow');
	});

	it('answers normally after slowMs in mode "slow"', async () => {
		const patient = await startSandbox({ port: 0, slowMs: 150 });
		try {
			patient.failNext({ path: '/me', mode: 'slow' });
			const started = Date.now();
			const response = await axios.get(`${patient.essentialsUrl()}/me`, {
				headers: essentialsHeaders(SANDBOX_CREDENTIALS.essentials.partner),
			});
			expect(response.status).toBe(200);
			expect(Date.now() - started).toBeGreaterThanOrEqual(140);
		} finally {
			await patient.close();
		}
	});

	it('closes at once with a slow answer still pending', async () => {
		const stuck = await startSandbox({ port: 0 });
		stuck.failNext({ path: '/me', mode: 'slow' });
		const pending = axios.get(`${stuck.essentialsUrl()}/me`, {
			headers: essentialsHeaders(SANDBOX_CREDENTIALS.essentials.partner),
		});
		await new Promise((resolve) => setTimeout(resolve, 50));
		const started = Date.now();
		await stuck.close();
		expect(Date.now() - started).toBeLessThan(1000);
		await expect(pending).rejects.toThrow();
	});

	it('fails only the next `count` matching requests, by method and path', async () => {
		sb.failNext({ method: 'get', path: /\/users$/, mode: '503', count: 2 });
		expect((await api.get('/me')).status).toBe(200);
		expect((await listAcme()).status).toBe(503);
		expect((await listAcme()).status).toBe(503);
		expect((await listAcme()).status).toBe(200);
	});

	it('applies a fault before any state change: a faulted POST creates nothing', async () => {
		sb.failNext({ method: 'POST', path: '/users', mode: '500' });
		const response = await api.post(`/orgs/${DEMO.acme}/users`, {
			primary_email: 'never.created@acme.example',
			type: 'end_user',
		});
		expect(response.status).toBe(500);
		expect(sb.getUser(DEMO.acme, 'never.created@acme.example')).toBeUndefined();
		expect(sb.requests.at(-1)).toMatchObject({ method: 'POST', status: 500, fault: '500' });
	});

	it('rejects an unknown fault mode', () => {
		expect(() => sb.failNext({ path: '/me', mode: 'teapot' })).toThrow(/Unknown fault mode/);
	});
});

describe('random faults', () => {
	const faults = { rate: 0.3, seed: 42, modes: ['500', '503', '429'] };

	async function statusesOf(sandbox, count) {
		const client = axios.create({
			baseURL: sandbox.essentialsUrl(),
			headers: essentialsHeaders(SANDBOX_CREDENTIALS.essentials.partner),
			validateStatus: () => true,
		});
		const statuses = [];
		for (let i = 0; i < count; i++) statuses.push((await client.get('/me')).status);
		return statuses;
	}

	it('reproduces the same sequence of faults from the same seed', async () => {
		const first = await startSandbox({ port: 0, faults });
		const second = await startSandbox({ port: 0, faults });
		try {
			const a = await statusesOf(first, 40);
			const b = await statusesOf(second, 40);
			expect(b).toEqual(a);
			expect(a.filter((status) => status !== 200).length).toBeGreaterThan(3);
			expect(a.filter((status) => status === 200).length).toBeGreaterThan(20);
			expect(
				first.requests.filter((request) => request.fault).map((request) => request.fault),
			).toEqual(second.requests.filter((request) => request.fault).map((request) => request.fault));
		} finally {
			await Promise.all([first.close(), second.close()]);
		}
	});

	it('restarts the sequence when setFaults() is called again with the seed', async () => {
		sb.setFaults(faults);
		const a = await statusesOf(sb, 20);
		sb.setFaults(faults);
		expect(await statusesOf(sb, 20)).toEqual(a);
	});

	it('faults only requests that match faults.match', async () => {
		sb.setFaults({ rate: 1, seed: 1, modes: ['502'], match: { method: 'GET', path: /\/users$/ } });
		expect((await api.get('/me')).status).toBe(200);
		expect((await listAcme()).status).toBe(502);
		expect(
			(await api.post(`/orgs/${DEMO.acme}/users`, { primary_email: 'matched.not@acme.example' }))
				.status,
		).toBe(201);
	});

	it('lets failNext win over random faults', async () => {
		sb.setFaults({ rate: 1, seed: 1, modes: ['500'] });
		sb.failNext({ path: '/me', mode: '503' });
		expect((await api.get('/me')).status).toBe(503);
		expect((await api.get('/me')).status).toBe(500);
	});

	it('stops faulting after setFaults(null)', async () => {
		sb.setFaults({ rate: 1, seed: 1, modes: ['500'] });
		sb.setFaults(null);
		expect((await api.get('/me')).status).toBe(200);
	});

	it('faults TAP requests too', async () => {
		sb.failNext({ path: '/v2/people/vap', mode: 'html' });
		const response = await axios.get(`${sb.tapUrl}/v2/people/vap?window=30`, {
			validateStatus: () => true,
		});
		expect(response.status).toBe(503);
	});
});
