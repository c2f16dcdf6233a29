/** Whether an entry matches what was typed in a picker's search: any of its values contains it, case-insensitively. */
export function matchesSearch(filter: string | undefined, values: unknown[]): boolean {
	const wanted = (filter ?? '').trim().toLowerCase();
	if (wanted === '') return true;
	return values.some((value) => typeof value === 'string' && value.toLowerCase().includes(wanted));
}

export const PICKER_PAGE_SIZE = 100;

/** One page of a picker's results; the token is where the next page starts. */
export function pageOfResults<T>(results: T[], paginationToken?: string, size = PICKER_PAGE_SIZE): { results: T[]; paginationToken?: string } {
	const start = Math.max(0, Number.parseInt(paginationToken ?? '0', 10) || 0);
	const end = start + size;
	return end < results.length ? { results: results.slice(start, end), paginationToken: String(end) } : { results: results.slice(start) };
}
