/**
 * Paging for the People API, where every request spends one of 50 a day: Return All makes exactly
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
