const { pageSizeFor, pagesNeeded, shouldFetchPage } = require('../../dist/nodes/Proofpoint/transport/paging');

/** Replays the node's loop without HTTP: the pages it would ask for, given the total the API reports. */
function pagesAskedFor({ total, configuredPageSize, limit, reportsTotal = true }) {
	const pageSize = pageSizeFor(limit, configuredPageSize);
	const asked = [];
	let collected = 0;
	let needed;
	for (let page = 1; ; page++) {
		asked.push(page);
		const length = Math.max(0, Math.min(pageSize, total - (page - 1) * pageSize));
		collected += length;
		if (page === 1) needed = pagesNeeded(reportsTotal ? total : undefined, pageSize, limit);
		if (!shouldFetchPage(page + 1, needed, length, pageSize, collected, limit)) break;
		if (page > 100) throw new Error('runaway paging');
	}
	return { pageSize, asked };
}

describe('pageSizeFor', () => {
	test('uses the configured page size for Return All', () => {
		expect(pageSizeFor(undefined, 1000)).toBe(1000);
	});

	test('asks for no more than the Limit', () => {
		expect(pageSizeFor(5, 1000)).toBe(5);
		expect(pageSizeFor(250, 200)).toBe(200);
	});
});

describe('pagesNeeded', () => {
	test.each([
		[2500, 1000, undefined, 3],
		[2000, 1000, undefined, 2],
		[1, 1000, undefined, 1],
		[0, 1000, undefined, 1],
		[2500, 1000, 1500, 2],
		[2500, 5, 5, 1],
		[60, 200, 250, 1],
		[450, 200, 250, 2],
	])('total %p, page size %p, limit %p → %p pages', (total, pageSize, limit, pages) => {
		expect(pagesNeeded(total, pageSize, limit)).toBe(pages);
	});

	test('is unknown when the API reported no total', () => {
		expect(pagesNeeded(undefined, 1000, undefined)).toBeUndefined();
	});
});

describe('the requests a run spends (50 a day per endpoint)', () => {
	test('Return All over 2,500 people in pages of 1,000 asks for pages 1..3 and never a 4th', () => {
		expect(pagesAskedFor({ total: 2500, configuredPageSize: 1000 })).toEqual({ pageSize: 1000, asked: [1, 2, 3] });
	});

	test('a total that is an exact multiple of the page size needs no extra empty page', () => {
		expect(pagesAskedFor({ total: 2000, configuredPageSize: 1000 }).asked).toEqual([1, 2]);
	});

	test('nobody to report still takes the one request that says so', () => {
		expect(pagesAskedFor({ total: 0, configuredPageSize: 1000 }).asked).toEqual([1]);
	});

	test('a Limit of 5 is one request for 5', () => {
		expect(pagesAskedFor({ total: 2500, configuredPageSize: 1000, limit: 5 })).toEqual({ pageSize: 5, asked: [1] });
	});

	test('a Limit of 250 over pages of at most 200 is two requests', () => {
		expect(pagesAskedFor({ total: 450, configuredPageSize: 200, limit: 250 })).toEqual({ pageSize: 200, asked: [1, 2] });
	});

	test('a Limit above the total stops when the total is reached', () => {
		expect(pagesAskedFor({ total: 150, configuredPageSize: 100, limit: 5000 }).asked).toEqual([1, 2]);
	});

	test('without a reported total, a short page is the end', () => {
		expect(pagesAskedFor({ total: 2500, configuredPageSize: 1000, reportsTotal: false }).asked).toEqual([1, 2, 3]);
	});

	test('without a reported total, an exact multiple costs one extra (empty) page, the only way to know', () => {
		expect(pagesAskedFor({ total: 2000, configuredPageSize: 1000, reportsTotal: false }).asked).toEqual([1, 2, 3]);
	});
});

describe('shouldFetchPage', () => {
	test('stops after a short page even if the total promised more', () => {
		expect(shouldFetchPage(2, 3, 999, 1000, 999, undefined)).toBe(false);
	});

	test('stops once the Limit is collected', () => {
		expect(shouldFetchPage(2, 5, 200, 200, 200, 200)).toBe(false);
	});

	test('goes on while pages are full and the total says more are needed', () => {
		expect(shouldFetchPage(3, 3, 1000, 1000, 2000, undefined)).toBe(true);
		expect(shouldFetchPage(4, 3, 1000, 1000, 3000, undefined)).toBe(false);
	});
});
