import type { PeopleApiUser } from '../types';
import { collectPages } from './paging';
import type { ApiContext, CallOptions } from './request';
import { tapRequest } from './tap';

/** The windows, in days, the People API reports on; it refuses any other with a 400. */
export const PEOPLE_WINDOWS = [14, 30, 90];

/** One People API endpoint: where it lives, which field of its answer holds the total, its largest page. */
export interface PeopleApi {
	path: 'vap' | 'top-clickers';
	totalKey: 'totalVapUsers' | 'totalTopClickers';
	/** The largest page the endpoint serves: larger pages spend fewer of the 50 requests a day. */
	maxPageSize: number;
}

export const VAP_API: PeopleApi = { path: 'vap', totalKey: 'totalVapUsers', maxPageSize: 1000 };

export const TOP_CLICKERS_API: PeopleApi = { path: 'top-clickers', totalKey: 'totalTopClickers', maxPageSize: 200 };

/**
 * The people of one endpoint over `window` days, page by page: each page is one of the 50 requests
 * a day, and the reported total stops the paging before a page that would come back empty.
 */
export async function peopleOf(
	context: ApiContext,
	api: PeopleApi,
	{ window, limit, pageSize }: { window: number; limit: number | undefined; pageSize: number },
	options: CallOptions,
): Promise<PeopleApiUser[]> {
	return await collectPages<PeopleApiUser>(
		async (page, size) => {
			const body = await tapRequest.call(context, { path: ['v2', 'people', api.path], qs: { window, size, page }, target: { people: api.path } }, options);
			const total = Number(body[api.totalKey]);
			return {
				entries: Array.isArray(body.users) ? (body.users as PeopleApiUser[]) : [],
				total: Number.isFinite(total) ? total : undefined,
			};
		},
		{ limit, pageSize },
	);
}
