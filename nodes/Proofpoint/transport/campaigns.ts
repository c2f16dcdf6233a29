import type { IDataObject } from 'n8n-workflow';

import { DAY_MS, isoInstant, type TimeRange } from '../helpers/timeRange';
import { collectPages } from './paging';
import type { ApiContext, CallOptions } from './request';
import { tapRequest } from './tap';
import { walkWindows, type WindowRules } from './windows';

/** Campaign ids are asked for at most a day at a time, at least 30 seconds (docs/api-facts.md#tap-intelligence-apis). */
export const CAMPAIGN_IDS_WINDOW: WindowRules = { maxMs: DAY_MS, minMs: 30 * 1000 };

export const CAMPAIGN_IDS_MAX_PAGE = 200;

/**
 * The ids of the campaigns updated in `range`, day by day and page by page, each request one of 50 a
 * day. The API reports no total, so only a full page leads to another; a 404 means "none".
 */
export async function campaignIds(
	context: ApiContext,
	range: TimeRange,
	{ limit, pageSize }: { limit: number | undefined; pageSize: number },
	options: CallOptions,
): Promise<IDataObject[]> {
	const found = new Map<string, IDataObject>();
	const walk = walkWindows(range, CAMPAIGN_IDS_WINDOW, async (window) => {
		const remaining = limit === undefined ? undefined : limit - found.size;
		const campaigns = await collectPages<IDataObject>(
			async (page, size) => {
				const body = await tapRequest.call(
					context,
					{
						path: ['v2', 'campaign', 'ids'],
						qs: { interval: `${isoInstant(window.start)}/${isoInstant(window.end)}`, size, page },
						target: { campaignIds: true },
						absentOn404: true,
					},
					options,
				);
				return { entries: Array.isArray(body.campaigns) ? (body.campaigns as IDataObject[]) : [] };
			},
			{ limit: remaining, pageSize },
		);
		return { answer: campaigns };
	});
	for await (const { answer } of walk) {
		// A campaign updated on several days is listed by each day's window: it is kept once, with its latest update.
		for (const campaign of answer) {
			const known = found.get(String(campaign.id));
			if (!known || String(campaign.lastUpdatedAt) > String(known.lastUpdatedAt)) found.set(String(campaign.id), campaign);
		}
		if (limit !== undefined && found.size >= limit) break;
	}
	const list = [...found.values()];
	return limit === undefined ? list : list.slice(0, limit);
}
