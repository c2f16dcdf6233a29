'use strict';

const { useSandbox, useFrozenClock } = require('../../support');

const NOW = '2026-06-05T06:17:42.000Z';
const DAY = 24 * 60 * 60 * 1000;

const listCampaigns = (parameters) => ({
	resource: 'campaign',
	operation: 'getAll',
	timeRange: 'last',
	lastAmount: 3,
	lastUnit: 'days',
	returnAll: true,
	...parameters,
});

describe('Campaign → Get Many', () => {
	const clock = useFrozenClock(NOW);
	const { run, sb } = useSandbox();
	beforeEach(() => clock.set(NOW));

	it('lists the campaigns updated in the last 3 days, one request per day with pages of 200', async () => {
		const result = await run(listCampaigns());

		expect(result.status).toBe('success');
		expect(sb().requests.map((request) => [request.path, request.query.size, request.query.page])).toEqual([
			['/v2/campaign/ids', '200', '1'],
			['/v2/campaign/ids', '200', '1'],
			['/v2/campaign/ids', '200', '1'],
		]);
		const [first, second, third] = sb().requests.map((request) => request.query.interval.split('/').map(Date.parse));
		expect(first[1] - first[0]).toBe(DAY);
		expect(second[0]).toBe(first[1]);
		expect(third[0]).toBe(second[1]);
		expect(result.items.length).toBeGreaterThan(0);
		const ids = result.items.map((item) => item.json.id);
		expect(new Set(ids).size).toBe(ids.length);
		for (const { json } of result.items) expect(Object.keys(json).sort()).toEqual(['id', 'lastUpdatedAt']);
	});

	it('lists a campaign updated on several days once, with its latest update in the range', async () => {
		const result = await run(listCampaigns());

		const end = Date.parse(sb().requests.at(-1).query.interval.split('/')[1]);
		const latest = (campaign) => Math.max(...campaign.updatedAt.map(Date.parse).filter((time) => time < end));
		const campaigns = new Map(sb().siem.campaigns().map((campaign) => [campaign.id, campaign]));
		const updatedOnSeveralDays = result.items.filter(({ json }) => new Set(campaigns.get(json.id).updatedAt.map((time) => time.slice(0, 10))).size > 1);
		expect(updatedOnSeveralDays.length).toBeGreaterThan(0);
		for (const { json } of result.items) expect(Date.parse(json.lastUpdatedAt)).toBe(latest(campaigns.get(json.id)));
	});

	it('pages with a small Page Size and stops at a short page, never asking for one past it', async () => {
		const all = (await run(listCampaigns({ lastAmount: 1 }))).items.length;
		sb().clearRequests();
		const result = await run(listCampaigns({ lastAmount: 1, options: { pageSize: 2 } }));

		expect(result.items).toHaveLength(all);
		const pages = sb().requests.map((request) => Number(request.query.page));
		// Only a full page leads to another; the one after a short page is never asked for.
		expect(pages).toEqual(Array.from({ length: pages.length }, (_, index) => index + 1));
		expect(pages.length).toBe(all % 2 === 0 ? all / 2 + 1 : Math.ceil(all / 2));
	});

	it('takes a 404 as "no campaigns": no items and no error', async () => {
		const result = await run(listCampaigns({ timeRange: 'between', startTime: '2026-01-01T00:00:00Z', endTime: '2026-01-01T06:00:00Z' }));

		expect(result.status).toBe('success');
		expect(result.items).toEqual([]);
		expect(sb().requests.map((request) => request.status)).toEqual([404]);
	});

	it('stops at the Limit without asking for another day', async () => {
		const result = await run(listCampaigns({ returnAll: false, limit: 1 }));

		expect(result.items).toHaveLength(1);
		expect(sb().requests).toHaveLength(1);
		expect(sb().requests[0].query.size).toBe('1');
	});

	it('says the campaign-id quota of 50 a day is used up on a 429, without retrying', async () => {
		sb().failNext({ path: '/v2/campaign/ids', mode: '429' });
		const result = await run(listCampaigns());

		expect(sb().requests).toHaveLength(1);
		expect(result.error.message).toBe("TAP's quota for campaign ids is used up (429)");
		expect(result.error.description).toContain('50 requests for campaign ids in a rolling 24 hours');
	});
});
