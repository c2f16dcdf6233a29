import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { TimeRange } from '../../helpers/timeRange';
import { optionsCollection, returnAllAndLimit, timeRangeFields } from '../../parameters/fields';
import { hintClamping, readInteger, readLimit, readTimeRange } from '../../parameters/read';
import { CAMPAIGN_IDS_MAX_PAGE, CAMPAIGN_IDS_WINDOW, campaignIds } from '../../transport/campaigns';
import type { CallOptions } from '../../transport/request';
import { forOperation } from '../descriptions';
import type { OperationOption } from '../operation';

export const option: OperationOption = {
	name: 'Get Many',
	action: 'Get many campaigns',
	description:
		'List the IDs of the campaigns updated in a time range: one request per day of range and page, from a daily quota of 50',
	tool: "Lists the TAP campaigns updated in a time range, one item per campaign (id, lastUpdatedAt), each once. Each day of range is at least one request, one more per full page of up to 200 (Page Size), from TAP's Campaign pool of 50 a day; a Limit (default 50) stops the requests once reached. TAP credential only.",
};

export const description: INodeProperties[] = forOperation('campaign', 'getAll', [
	...timeRangeFields('campaign updates', 'each day of range is at least one request of the 50 a day'),
	...returnAllAndLimit(),
	optionsCollection([
		{
			displayName: 'Page Size',
			name: 'pageSize',
			type: 'number',
			default: CAMPAIGN_IDS_MAX_PAGE,
			typeOptions: { minValue: 1, maxValue: CAMPAIGN_IDS_MAX_PAGE },
			description: `Campaign IDs per request (at most ${CAMPAIGN_IDS_MAX_PAGE}). Each request counts against the quota of 50 a day, so larger pages spend fewer.`,
		},
	]),
]);

interface Prepared {
	range: TimeRange;
	limit: number | undefined;
	pageSize: number;
}

// How far back campaign ids reach is not documented [?]: only the window rules are checked.
const CAMPAIGN_RANGE_RULES = { minMs: CAMPAIGN_IDS_WINDOW.minMs, keeper: 'TAP' };

export function prepare(this: IExecuteFunctions, itemIndex: number): Prepared {
	const fitted = readTimeRange(this, itemIndex, CAMPAIGN_RANGE_RULES);
	hintClamping(this, itemIndex, fitted, CAMPAIGN_RANGE_RULES);
	return {
		range: fitted.range,
		limit: readLimit(this, itemIndex),
		pageSize: readInteger(this, itemIndex, 'options.pageSize', 'Page Size', 1, CAMPAIGN_IDS_MAX_PAGE, CAMPAIGN_IDS_MAX_PAGE),
	};
}

export async function run(this: IExecuteFunctions, { range, limit, pageSize }: Prepared, options: CallOptions) {
	return await campaignIds(this, range, { limit, pageSize }, options);
}
