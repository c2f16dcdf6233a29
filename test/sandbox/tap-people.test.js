'use strict';

const axios = require('axios');
const { startSandbox, tapBasicAuth } = require('../../sandbox');

const FIXED_NOW = Date.parse('2026-06-05T06:01:27.500Z');
let sb;
let tap;

beforeAll(async () => {
	sb = await startSandbox({ port: 0, now: () => FIXED_NOW, vapCount: 150, topClickerCount: 60 });
	tap = axios.create({ baseURL: sb.tapUrl, auth: tapBasicAuth(), validateStatus: () => true });
});
afterAll(() => sb.close());

const isDescending = (numbers) => numbers.every((value, i) => i === 0 || numbers[i - 1] >= value);

describe('TAP authentication', () => {
	it('answers 401 in plain text without credentials', async () => {
		const response = await axios.get(`${sb.tapUrl}/v2/people/vap?window=30`, {
			validateStatus: () => true,
		});
		expect(response.status).toBe(401);
		expect(response.headers['content-type']).toMatch(/^text\/plain/);
		expect(typeof response.data).toBe('string');
	});

	it('answers 401 for a wrong secret', async () => {
		const response = await axios.get(`${sb.tapUrl}/v2/people/vap?window=30`, {
			auth: tapBasicAuth({ principal: 'sandbox-principal', secret: 'wrong' }),
			validateStatus: () => true,
		});
		expect(response.status).toBe(401);
	});
});

describe('Very Attacked People', () => {
	it('answers with the reference shape, ordered by attackIndex', async () => {
		const response = await tap.get('/v2/people/vap', { params: { window: 90 } });
		expect(response.status).toBe(200);
		const { users, totalVapUsers, interval, averageAttackIndex, vapAttackIndexThreshold } =
			response.data;
		expect(totalVapUsers).toBe(150);
		expect(users).toHaveLength(150);
		expect(interval).toBe('2026-03-07T06:01:27Z/2026-06-05T06:01:27Z');
		expect(Number.isInteger(averageAttackIndex)).toBe(false);
		expect(Number.isInteger(vapAttackIndexThreshold)).toBe(false);
		expect(isDescending(users.map((user) => user.threatStatistics.attackIndex))).toBe(true);
		const identity = users[0].identity;
		expect(Object.keys(identity)).toEqual([
			'guid',
			'customerUserId',
			'emails',
			'name',
			'department',
			'location',
			'title',
			'vip',
		]);
		expect(identity.guid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
		expect(identity.emails).toEqual([expect.stringContaining('@acme.example')]);
		expect(typeof identity.vip).toBe('boolean');
		for (const field of ['customerUserId', 'name', 'department', 'location', 'title']) {
			expect(identity[field] === null || typeof identity[field] === 'string').toBe(true);
		}
		expect(users[0].threatStatistics.families[0]).toEqual({
			name: expect.stringMatching(/^[a-z ]+$/),
			score: expect.any(Number),
		});
		expect(users.some((user) => user.identity.department === null)).toBe(true);
	});

	it('includes real acme staff, so VAPs can be matched to Essentials users', async () => {
		const { data } = await tap.get('/v2/people/vap', { params: { window: 30 } });
		const emails = data.users.flatMap((user) => user.identity.emails);
		expect(emails).toContain('alice.nguyen@acme.example');
	});

	it('serves the same people on every call (seeded data)', async () => {
		const first = await tap.get('/v2/people/vap', { params: { window: 14, size: 5 } });
		const second = await tap.get('/v2/people/vap', { params: { window: 14, size: 5 } });
		expect(second.data).toEqual(first.data);
	});

	it('pages by size and 1-based page, covering everyone exactly once', async () => {
		const pages = [];
		for (let page = 1; page <= 3; page++)
			pages.push(
				(await tap.get('/v2/people/vap', { params: { window: 30, size: 60, page } })).data.users,
			);
		expect(pages.map((users) => users.length)).toEqual([60, 60, 30]);
		const guids = pages.flat().map((user) => user.identity.guid);
		expect(new Set(guids).size).toBe(150);
	});

	it('answers 200 with users: [] past the end', async () => {
		const response = await tap.get('/v2/people/vap', {
			params: { window: 30, size: 100, page: 3 },
		});
		expect(response.status).toBe(200);
		expect(response.data).toMatchObject({ users: [], totalVapUsers: 150 });
	});

	it.each([
		[{}],
		[{ window: 7 }],
		[{ window: 'month' }],
		[{ window: 30, size: 0 }],
		[{ window: 30, page: 'first' }],
	])('answers 400 in plain text for %j', async (params) => {
		const response = await tap.get('/v2/people/vap', { params });
		expect(response.status).toBe(400);
		expect(response.headers['content-type']).toMatch(/^text\/plain/);
	});
});

describe('Top Clickers', () => {
	it('answers with the reference shape: clickCount, families with clicks, capitalised names', async () => {
		const response = await tap.get('/v2/people/top-clickers', { params: { window: 14 } });
		expect(response.status).toBe(200);
		const { users, totalTopClickers, interval } = response.data;
		expect(totalTopClickers).toBe(60);
		expect(users).toHaveLength(60);
		expect(interval).toBe('2026-05-22T06:01:00Z/2026-06-05T06:01:00Z');
		expect(isDescending(users.map((user) => user.clickStatistics.clickCount))).toBe(true);
		expect(users[0].clickStatistics.families[0]).toEqual({
			name: expect.stringMatching(/^[A-Z]/),
			clicks: expect.any(Number),
		});
	});

	it('leaves some empty identity fields out and sends others as null', async () => {
		const { data } = await tap.get('/v2/people/top-clickers', { params: { window: 90 } });
		const identities = data.users.map((user) => user.identity);
		expect(identities.some((identity) => !('department' in identity))).toBe(true);
		expect(identities.some((identity) => Object.values(identity).includes(null))).toBe(true);
		expect(
			identities.every((identity) => identity.guid && identity.emails && 'vip' in identity),
		).toBe(true);
	});

	it('defaults to 100 per page and takes size up to 200', async () => {
		const response = await tap.get('/v2/people/top-clickers', {
			params: { window: 30, size: 200 },
		});
		expect(response.status).toBe(200);
		expect(response.data.users).toHaveLength(60);
	});

	it('answers 400 in plain text for a size above 200', async () => {
		const response = await tap.get('/v2/people/top-clickers', {
			params: { window: 30, size: 201 },
		});
		expect(response.status).toBe(400);
		expect(response.data).toContain('200');
	});

	it('pages past the end to users: []', async () => {
		const { data } = await tap.get('/v2/people/top-clickers', {
			params: { window: 30, size: 50, page: 2 },
		});
		expect(data.users).toHaveLength(10);
		const past = await tap.get('/v2/people/top-clickers', {
			params: { window: 30, size: 50, page: 3 },
		});
		expect(past.data).toMatchObject({ users: [], totalTopClickers: 60 });
	});
});
