/**
 * Paging for the TAP APIs, where every request can spend one of 50 a day: Return All makes exactly
 * ceil(total / pageSize) requests, a Limit makes ceil(min(limit, total) / pageSize).
 */
export function pageSizeFor(limit: number | undefined, configuredPageSize: number): number {
	return limit === undefined ? configuredPageSize : Math.min(limit, configuredPageSize);
}

/** How many pages are needed in all, given the total the first page reported (undefined: not reported). */
export function pagesNeeded(total: number | undefined, pageSize: number, limit: number | undefined): number | undefined {
	if (total === undefined) return undefined;
	const wanted = limit === undefined ? total : Math.min(limit, total);
	return Math.max(1, Math.ceil(wanted / pageSize));
}

/** Whether to ask for page `nextPage` (1-based) after a page that returned `lastPageLength` entries. */
export function shouldFetchPage(
	nextPage: number,
	needed: number | undefined,
	lastPageLength: number,
	pageSize: number,
	collected: number,
	limit: number | undefined,
): boolean {
	if (lastPageLength < pageSize) return false;
	if (limit !== undefined && collected >= limit) return false;
	// Without a reported total [I], a full page is the only sign that more may follow.
	return needed === undefined ? true : nextPage <= needed;
}

/** One page of a paged list: its entries, and the total when the API reports one. */
export interface Page<T> {
	entries: T[];
	total?: number;
}

/**
 * Reads pages 1, 2, … of `pageSize` entries until the list or the Limit is exhausted, never asking
 * for a page the reported total or a short page says is not there: every page can spend daily quota.
 */
export async function collectPages<T>(
	fetchPage: (page: number, pageSize: number) => Promise<Page<T>>,
	{ limit, pageSize: configured }: { limit: number | undefined; pageSize: number },
): Promise<T[]> {
	const pageSize = pageSizeFor(limit, configured);
	const collected: T[] = [];
	let needed: number | undefined;
	for (let page = 1; ; page++) {
		const { entries, total } = await fetchPage(page, pageSize);
		collected.push(...entries);
		if (page === 1) needed = pagesNeeded(total, pageSize, limit);
		if (!shouldFetchPage(page + 1, needed, entries.length, pageSize, collected.length, limit)) break;
	}
	return limit === undefined ? collected : collected.slice(0, limit);
}
