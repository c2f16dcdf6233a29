'use strict';

const { useSandbox, seen } = require('../../support');

const listTopClickers = (parameters) => ({ resource: 'topClicker', operation: 'getAll', window: 30, returnAll: true, ...parameters });
const pagesAsked = (sb) => sb.requests.map((request) => [request.query.size, request.query.page]);

describe('Top Clickers → Get Many', () => {
	describe('with 450 top clickers', () => {
		const { run, sb } = useSandbox({ topClickerCount: 450 });

		it.each([14, 30, 90])('asks for the last %p days as window=%p', async (window) => {
			const result = await run(listTopClickers({ window, returnAll: false, limit: 5 }));

			expect(result.status).toBe('success');
			expect(seen(sb())).toEqual(['GET /v2/people/top-clickers']);
			expect(sb().requests[0].query).toEqual({ window: String(window), size: '5', page: '1' });
		});

		it('fetches everyone with Return All in 3 pages of at most 200, never a 4th', async () => {
			const result = await run(listTopClickers());

			expect(pagesAsked(sb())).toEqual([
				['200', '1'],
				['200', '2'],
				['200', '3'],
			]);
			expect(result.items).toHaveLength(450);
			expect(new Set(result.items.map((item) => item.json.guid)).size).toBe(450);
		});

		it('takes exactly 3 pages of 150 when the total is a multiple of the Page Size', async () => {
			const result = await run(listTopClickers({ options: { pageSize: 150 } }));

			expect(pagesAsked(sb())).toEqual([
				['150', '1'],
				['150', '2'],
				['150', '3'],
			]);
			expect(result.items).toHaveLength(450);
		});

		it('returns the 5 who clicked most with a Limit of 5, from one request for 5', async () => {
			const result = await run(listTopClickers({ returnAll: false, limit: 5 }));

			expect(pagesAsked(sb())).toEqual([['5', '1']]);
			const clickCounts = result.items.map((item) => item.json.clickCount);
			expect(clickCounts).toHaveLength(5);
			expect(clickCounts).toEqual([...clickCounts].sort((a, b) => b - a));
		});

		it('spends 2 requests of 200 for a Limit of 250, since a page holds at most 200', async () => {
			const result = await run(listTopClickers({ returnAll: false, limit: 250 }));

			expect(pagesAsked(sb())).toEqual([
				['200', '1'],
				['200', '2'],
			]);
			expect(result.items).toHaveLength(250);
		});

		it('flattens each clicker with Simplify, reading absent identity fields as null', async () => {
			const simple = await run(listTopClickers({ simplify: true }));
			const raw = await run(listTopClickers({ simplify: false }));

			expect(Object.keys(raw.items[0].json).sort()).toEqual(['clickStatistics', 'identity']);
			const index = raw.items.findIndex((item) => !('name' in item.json.identity));
			expect(index).toBeGreaterThanOrEqual(0);
			const { identity, clickStatistics } = raw.items[index].json;
			expect(simple.items[index].json).toEqual({
				email: identity.emails[0],
				emails: identity.emails,
				name: null,
				department: identity.department ?? null,
				location: identity.location ?? null,
				title: identity.title ?? null,
				vip: identity.vip === true,
				guid: identity.guid,
				customerUserId: identity.customerUserId ?? null,
				clickCount: clickStatistics.clickCount,
				families: Object.fromEntries(clickStatistics.families.map((family) => [family.name, family.clicks])),
			});
		});

		describe('refuses before spending a request', () => {
			it.each([
				['a 7-day window', { window: 7 }, 'Item 0: Window must be 14, 30 or 90 days, but it is 7'],
				['a window written "30d"', { window: '30d' }, 'Item 0: Window must be 14, 30 or 90 days, but it is "30d"'],
				['a Page Size over 200', { options: { pageSize: 250 } }, 'Item 0: Page Size must be between 1 and 200, but it is 250'],
			])('%s', async (_, change, message) => {
				const result = await run(listTopClickers(change));

				expect(result.error.message).toBe(message);
				expect(sb().requests).toEqual([]);
			});
		});

		it('reports a used-up quota for top clickers after exactly one request, with no retry', async () => {
			sb().failNext({ path: '/v2/people/top-clickers', mode: '429' });
			const result = await run(listTopClickers());

			expect(seen(sb())).toEqual(['GET /v2/people/top-clickers']);
			expect(result.error.httpCode).toBe('429');
			expect(result.error.message).toBe("TAP's quota for /v2/people/top-clickers is used up (429)");
			expect(result.error.description).toContain('rolling 24 hours');
		});
	});

	describe('when nobody clicked', () => {
		const { run, sb } = useSandbox({ topClickerCount: 0 });

		it('spends one request and outputs nothing', async () => {
			const result = await run(listTopClickers());

			expect(result.status).toBe('success');
			expect(seen(sb())).toEqual(['GET /v2/people/top-clickers']);
			expect(result.items).toEqual([]);
		});
	});
});
