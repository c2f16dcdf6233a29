'use strict';

const http = require('node:http');
const { useSandbox, seen, sandboxCredentials } = require('../../support');

const DAY_MS = 24 * 60 * 60 * 1000;
const listVaps = (parameters) => ({ resource: 'vap', operation: 'getAll', window: 30, returnAll: true, ...parameters });
const pagesAsked = (sb) => sb.requests.map((request) => request.query);

describe('Very Attacked People → Get Many', () => {
	describe('with 2,500 very attacked people', () => {
		const { run, sb } = useSandbox({ vapCount: 2500 });

		it.each([14, 30, 90])('asks for the last %p days as window=%p', async (window) => {
			const result = await run(listVaps({ window, returnAll: false, limit: 5 }));

			expect(result.status).toBe('success');
			expect(seen(sb())).toEqual(['GET /v2/people/vap']);
			expect(sb().requests[0].query).toEqual({ window: String(window), size: '5', page: '1' });
			expect(result.items).toHaveLength(5);
		});

		it('fetches everyone with Return All in exactly 3 pages of 1,000, never a 4th', async () => {
			const result = await run(listVaps());

			expect(pagesAsked(sb())).toEqual([
				{ window: '30', size: '1000', page: '1' },
				{ window: '30', size: '1000', page: '2' },
				{ window: '30', size: '1000', page: '3' },
			]);
			expect(result.items).toHaveLength(2500);
			expect(new Set(result.items.map((item) => item.json.guid)).size).toBe(2500);
			expect(result.items.every((item) => item.pairedItem.item === 0)).toBe(true);
		});

		it('takes 5 pages of 500 when the Page Size option is 500, the total being an exact multiple', async () => {
			const result = await run(listVaps({ options: { pageSize: 500 } }));

			expect(pagesAsked(sb()).map((query) => [query.size, query.page])).toEqual([
				['500', '1'],
				['500', '2'],
				['500', '3'],
				['500', '4'],
				['500', '5'],
			]);
			expect(result.items).toHaveLength(2500);
		});

		it('returns the 5 most attacked with a Limit of 5, from one request for 5', async () => {
			const result = await run(listVaps({ returnAll: false, limit: 5 }));

			expect(pagesAsked(sb())).toEqual([{ window: '30', size: '5', page: '1' }]);
			const attackIndexes = result.items.map((item) => item.json.attackIndex);
			expect(attackIndexes).toEqual([...attackIndexes].sort((a, b) => b - a));
		});

		it('spends 2 requests for a Limit of 1,500', async () => {
			const result = await run(listVaps({ returnAll: false, limit: 1500 }));

			expect(pagesAsked(sb()).map((query) => [query.size, query.page])).toEqual([
				['1000', '1'],
				['1000', '2'],
			]);
			expect(result.items).toHaveLength(1500);
		});

		it('flattens each person with Simplify, and keeps the API’s objects without it', async () => {
			const simple = await run(listVaps({ returnAll: false, limit: 3, simplify: true }));
			const raw = await run(listVaps({ returnAll: false, limit: 3, simplify: false }));

			expect(Object.keys(raw.items[0].json).sort()).toEqual(['identity', 'threatStatistics']);
			expect(Object.keys(simple.items[0].json).sort()).toEqual(
				['attackIndex', 'customerUserId', 'department', 'email', 'emails', 'families', 'guid', 'location', 'name', 'title', 'vip'].sort(),
			);
			simple.items.forEach((item, index) => {
				const { identity, threatStatistics } = raw.items[index].json;
				expect(item.json).toMatchObject({
					email: identity.emails[0],
					name: identity.name,
					department: identity.department,
					attackIndex: threatStatistics.attackIndex,
					guid: identity.guid,
				});
				expect(item.json.families).toEqual(Object.fromEntries(threatStatistics.families.map((family) => [family.name, family.score])));
			});
		});

		describe('refuses before spending a request', () => {
			it.each([
				['a 7-day window', 7, 'Item 0: Window must be 14, 30 or 90 days, but it is 7'],
				['a window written "30d"', '30d', 'Item 0: Window must be 14, 30 or 90 days, but it is "30d"'],
			])('%s', async (_, window, message) => {
				const result = await run(listVaps({ window }));

				expect(result.error.message).toBe(message);
				expect(result.error.description).toBe('Choose Last 14, 30 or 90 Days; the People API accepts no other window.');
				expect(sb().requests).toEqual([]);
			});

			it('a Page Size over 1,000', async () => {
				const result = await run(listVaps({ options: { pageSize: 1001 } }));

				expect(result.error.message).toBe('Item 0: Page Size must be between 1 and 1000, but it is 1001');
				expect(sb().requests).toEqual([]);
			});
		});

		it('points at the service principal and secret on a 401, after one request', async () => {
			const credentials = sandboxCredentials(sb());
			credentials.proofpointTapApi.secret = 'not-the-secret';
			const result = await run(listVaps(), { credentials });

			expect(seen(sb())).toEqual(['GET /v2/people/vap']);
			expect(result.error.httpCode).toBe('401');
			expect(result.error.message).toBe('TAP refused the service principal or secret (401)');
			expect(result.error.description).toContain('Copy the service principal and secret again');
		});

		it('does not retry a TAP server error, since every request may spend quota', async () => {
			sb().failNext({ path: '/v2/people/vap', mode: '502' });
			const result = await run(listVaps());

			expect(seen(sb())).toEqual(['GET /v2/people/vap']);
			expect(result.error.message).toBe('TAP had a server error (502)');
			expect(result.error.description).toContain('Not retried');
		});
	});

	describe('with exactly 2,000 very attacked people', () => {
		const { run, sb } = useSandbox({ vapCount: 2000 });

		it('fetches them in 2 requests, with no empty third page', async () => {
			const result = await run(listVaps());

			expect(pagesAsked(sb()).map((query) => query.page)).toEqual(['1', '2']);
			expect(result.items).toHaveLength(2000);
		});
	});

	describe('when nobody was attacked', () => {
		const { run, sb } = useSandbox({ vapCount: 0 });

		it('spends one request and outputs nothing', async () => {
			const result = await run(listVaps());

			expect(result.status).toBe('success');
			expect(seen(sb())).toEqual(['GET /v2/people/vap']);
			expect(result.items).toEqual([]);
		});
	});

	describe('once the 50 requests of the rolling 24 hours are spent', () => {
		let now = Date.parse('2025-06-02T08:00:00Z');
		const { run, sb } = useSandbox({ vapCount: 60, now: () => now });

		it('stops at the 51st request with the quota explained, then makes exactly one request per run until a day has passed', async () => {
			const spending = await run(listVaps({ options: { pageSize: 1 } }));
			expect(sb().requests).toHaveLength(51);
			expect(sb().requests.slice(0, 50).every((request) => request.status === 200)).toBe(true);
			expect(sb().requests[50].status).toBe(429);
			expect(spending.error.httpCode).toBe('429');

			sb().clearRequests();
			now += 60 * 60 * 1000;
			const later = await run(listVaps({ returnAll: false, limit: 5 }));

			expect(seen(sb())).toEqual(['GET /v2/people/vap']);
			expect(later.status).toBe('error');
			expect(later.error.message).toBe("TAP's quota for /v2/people/vap is used up (429)");
			expect(later.error.description).toContain('50 requests per endpoint in a rolling 24 hours');
			expect(later.error.description).toContain('This node does not retry a 429');

			sb().clearRequests();
			now += DAY_MS;
			const nextDay = await run(listVaps({ returnAll: false, limit: 5 }));
			expect(nextDay.status).toBe('success');
			expect(nextDay.items).toHaveLength(5);
		});
	});

	describe('when TAP rejects the request (400)', () => {
		let tap;
		let seenByTap;
		beforeAll(async () => {
			seenByTap = [];
			tap = http.createServer((req, res) => {
				seenByTap.push(req.url);
				res.writeHead(400, { 'content-type': 'text/plain' });
				res.end('The window parameter is required and must be one of 14, 30 or 90 (days)');
			});
			await new Promise((resolve) => tap.listen(0, '127.0.0.1', resolve));
		});
		afterAll(() => new Promise((resolve) => tap.close(resolve)));
		const { run, sb } = useSandbox();

		it('passes on TAP’s plain-text reason with the accepted windows, after one request', async () => {
			const credentials = sandboxCredentials(sb());
			credentials.proofpointTapApi.baseUrl = `http://127.0.0.1:${tap.address().port}`;
			const result = await run(listVaps({ window: 14 }), { credentials });

			expect(seenByTap).toEqual(['/v2/people/vap?window=14&size=1000&page=1']);
			expect(result.error.httpCode).toBe('400');
			expect(result.error.message).toBe('TAP rejected the request as invalid (400)');
			expect(result.error.description).toBe(
				'The People API accepts a window of 14, 30 or 90 days. Proofpoint said: "The window parameter is required and must be one of 14, 30 or 90 (days)".',
			);
		});
	});
});
