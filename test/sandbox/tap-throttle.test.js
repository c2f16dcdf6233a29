'use strict';

const axios = require('axios');
const { startSandbox, tapBasicAuth } = require('../../sandbox');

const HOUR = 60 * 60 * 1000;
let sb;
let clock;
let tap;

beforeAll(async () => {
	clock = Date.parse('2026-06-05T06:00:30Z');
	sb = await startSandbox({ port: 0, now: () => clock });
	tap = axios.create({ baseURL: sb.tapUrl, auth: tapBasicAuth(), validateStatus: () => true });
});
afterAll(() => sb.close());

const vap = () => tap.get('/v2/people/vap', { params: { window: 30, size: 1 } });
const topClickers = () => tap.get('/v2/people/top-clickers', { params: { window: 30, size: 1 } });
const clicksPermitted = (sinceSeconds = 600) =>
	tap.get('/v2/siem/clicks/permitted', { params: { format: 'json', sinceSeconds } });

/** Statuses of `times` calls, sent `parallel` at a time. */
async function spend(call, times, parallel = 1) {
	const statuses = [];
	while (statuses.length < times) {
		const batch = Array.from({ length: Math.min(parallel, times - statuses.length) }, () => call());
		statuses.push(...(await Promise.all(batch)).map((response) => response.status));
	}
	return statuses;
}

describe('rolling 24-hour throttles', () => {
	it('spends the VAP quota and answers 429 after 50 requests in 24 hours, frees up after the oldest expires', async () => {
		const firstRequestAt = clock;
		expect(await spend(vap, 1)).toEqual([200]);
		clock += HOUR;
		expect(await spend(vap, 49)).toEqual(Array(49).fill(200));

		const throttled = await vap();
		expect(throttled.status).toBe(429);
		expect(throttled.headers['content-type']).toMatch(/^text\/plain/);
		expect(throttled.headers['retry-after']).toBeUndefined();

		clock = firstRequestAt + 24 * HOUR - 1;
		expect((await vap()).status).toBe(429);
		clock = firstRequestAt + 24 * HOUR;
		expect((await vap()).status).toBe(200);
		expect((await vap()).status).toBe(429);
	});

	it('keeps top-clickers in its own pool of 50, untouched by VAP', async () => {
		expect(await spend(topClickers, 50)).toEqual(Array(50).fill(200));
		expect((await topClickers()).status).toBe(429);
	});

	it('does not charge requests that fail authentication', async () => {
		clock += 48 * HOUR;
		for (let i = 0; i < 60; i++) {
			await axios.get(`${sb.tapUrl}/v2/people/vap?window=30`, { validateStatus: () => true });
		}
		expect(await spend(vap, 50)).toEqual(Array(50).fill(200));
		expect((await vap()).status).toBe(429);
	});

	it('charges requests that fail validation (400), as they are queries too', async () => {
		clock += 48 * HOUR;
		for (let i = 0; i < 50; i++)
			await tap.get('/v2/people/top-clickers', { params: { window: 7 } });
		expect((await topClickers()).status).toBe(429);
	});

	it('gives clicks/permitted its own 1800 pool, apart from the other SIEM paths', async () => {
		clock += 48 * HOUR;
		const statuses = await spend(() => clicksPermitted(), 1800, 50);
		expect(statuses.every((status) => status === 200)).toBe(true);
		expect((await clicksPermitted()).status).toBe(429);
		const other = await tap.get('/v2/siem/all', { params: { format: 'json', sinceSeconds: 600 } });
		expect(other.status).toBe(200);
	});

	it('lets advanceTime() move the clock too', async () => {
		expect((await clicksPermitted()).status).toBe(429);
		sb.advanceTime(24 * HOUR);
		expect((await clicksPermitted()).status).toBe(200);
	});
	it('throttles Forensics by request type: 50 by threatId, 1,800 by campaignId, in pools of their own', async () => {
		clock += 48 * HOUR;
		const [threat] = sb.siem.threats();
		const [campaign] = sb.siem.campaigns();
		const byThreat = () => tap.get('/v2/forensics', { params: { threatId: threat.id } });
		const byCampaign = () => tap.get('/v2/forensics', { params: { campaignId: campaign.id } });
		expect(await spend(byThreat, 50, 10)).toEqual(Array(50).fill(200));
		const throttled = await byThreat();
		expect([throttled.status, throttled.data]).toEqual([429, 'Too many requests: the limit of 50 per rolling 24 hours for forensics/threat is used up']);
		const statuses = await spend(byCampaign, 1800, 50);
		expect(statuses.every((status) => status === 200)).toBe(true);
		expect((await byCampaign()).status).toBe(429);
		// Threat summaries are not throttled.
		expect((await tap.get(`/v2/threat/summary/${threat.id}`)).status).toBe(200);
	});
});

describe('SIEM clicks/permitted (the credential test)', () => {
	it('answers {"queryEndTime", "clicksPermitted": []} rounded to the minute', async () => {
		clock += 72 * HOUR;
		const response = await clicksPermitted(300);
		expect(response.status).toBe(200);
		expect(response.data).toEqual({
			queryEndTime: expect.stringMatching(/:00Z$/),
			clicksPermitted: [],
		});
	});

	it('returns every array of /siem/all, empty ones included', async () => {
		const { data } = await tap.get('/v2/siem/all', {
			params: { format: 'json', sinceSeconds: 60 },
		});
		expect(Object.keys(data).sort()).toEqual([
			'clicksBlocked',
			'clicksPermitted',
			'messagesBlocked',
			'messagesDelivered',
			'queryEndTime',
		]);
	});

	it.each([
		[
			{ sinceSeconds: 10 },
			'The requested interval is too short. Requests must be for at least 30.00s of data',
		],
		[{ sinceSeconds: 3601 }, 'The requested interval is too long'],
		[
			{ sinceTime: '2020-01-01T00:00:00Z' },
			'The requested start time is too far into the past. Requests for information up to 7.00d are accepted',
		],
		[{ interval: 'PT30M/2999-01-01T00:00:00Z' }, 'The requested interval is still current.'],
		[{}, 'Exactly one of'],
		[{ sinceSeconds: 60, sinceTime: '2026-06-05T06:00:00Z' }, 'Exactly one of'],
	])('answers %j with a plain-text 400', async (params, message) => {
		const response = await tap.get('/v2/siem/clicks/permitted', {
			params: { format: 'json', ...params },
		});
		expect(response.status).toBe(400);
		expect(response.headers['content-type']).toMatch(/^text\/plain/);
		expect(response.data).toContain(message);
	});

	it('accepts an ISO interval of start/end', async () => {
		const end = new Date(clock - 10 * 60 * 1000);
		const start = new Date(end.getTime() - 30 * 60 * 1000);
		const response = await tap.get('/v2/siem/clicks/permitted', {
			params: { format: 'json', interval: `${start.toISOString()}/${end.toISOString()}` },
		});
		expect(response.status).toBe(200);
	});
});
