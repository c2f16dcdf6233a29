import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { simplifyEvent } from '../../helpers/threatEvents';
import type { TimeRange } from '../../helpers/timeRange';
import { optionsCollection, returnAllAndLimit, timeRangeFields } from '../../parameters/fields';
import { hintClamping, invalidInput, readLimit, readTimeRange } from '../../parameters/read';
import { eventTypesField, readEventKinds, readThreatFilters, simplifyEventsField, threatFilterFields } from '../../parameters/siemEvents';
import type { CallOptions } from '../../transport/request';
import { inTimeOrder, SIEM_WINDOW, siemRangeRules, siemWindows, timedEvents, type SiemQuery, type TimedEvent } from '../../transport/siem';
import { nextWindow } from '../../transport/windows';
import { threatApi, type ThreatApi } from '../../transport/tap';
import { forOperation } from '../descriptions';
import type { OperationOption } from '../operation';

export const option: OperationOption = {
	name: 'Get Many',
	action: 'Get many SIEM events',
	description:
		'Read clicks and messages Proofpoint blocked or let through in a time range: one request per hour of range, from a daily pool of 1,800',
	tool: 'Returns clicks and messages with threats in a time range, one item per event in time order (eventType, time, recipient, sender, threatId, classification, url…). TAP serves the last 7 days, the Essentials Threat API 3. Each hour of range is one request, on TAP from its SIEM pool of 1,800 a day (Clicks Permitted alone: its own 1,800); a Limit stops the requests once reached, newest hour first by default.',
};

const keepOption: INodeProperties = {
	displayName: 'With a Limit, Keep',
	name: 'limitKeeps',
	type: 'options',
	options: [
		{ name: 'Newest Events', value: 'newest', description: 'Read the range from its end, the most recent hour first' },
		{ name: 'Oldest Events', value: 'oldest', description: 'Read the range from its start' },
	],
	default: 'newest',
	displayOptions: { show: { '/returnAll': [false] } },
	description: 'Which events of the range a Limit returns; either way the output is in time order and reading stops once the Limit is reached',
};

export const description: INodeProperties[] = forOperation('siemEvent', 'getAll', [
	eventTypesField,
	...timeRangeFields('events', 'TAP serves the last 7 days, the Essentials Threat API the last 3'),
	...threatFilterFields,
	...returnAllAndLimit(),
	simplifyEventsField,
	optionsCollection([keepOption]),
]);

interface Prepared {
	api: ThreatApi;
	range: TimeRange;
	query: SiemQuery;
	limit: number | undefined;
	newest: boolean;
	simplify: boolean;
}

export async function prepare(this: IExecuteFunctions, itemIndex: number): Promise<Prepared> {
	const kinds = readEventKinds(this, itemIndex);
	const api = await threatApi(this, itemIndex);
	const rules = siemRangeRules(api.kind);
	const fitted = readTimeRange(this, itemIndex, rules);
	hintClamping(this, itemIndex, fitted, rules);
	return {
		api,
		range: fitted.range,
		query: readThreatFilters(this, itemIndex, api, kinds),
		limit: readLimit(this, itemIndex),
		newest: readKeep(this, itemIndex),
		simplify: this.getNodeParameter('simplify', itemIndex, true) as boolean,
	};
}

function readKeep(context: IExecuteFunctions, itemIndex: number): boolean {
	const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const keep = options.limitKeeps ?? 'newest';
	if (keep !== 'newest' && keep !== 'oldest') {
		throw invalidInput(context, itemIndex, 'With a Limit, Keep', `"${String(keep)}" is not a choice`, 'Choose Newest Events or Oldest Events.');
	}
	return keep === 'newest';
}

/** The range's hour windows from the newest back, each read on its own chain; an event on a shared edge is kept once. */
async function newestFirst(context: IExecuteFunctions, prepared: Prepared, limit: number, options: CallOptions): Promise<TimedEvent[]> {
	const blocks: TimeRange[] = [];
	for (let block = nextWindow(prepared.range.start, prepared.range.end, SIEM_WINDOW); block; block = nextWindow(block.end, prepared.range.end, SIEM_WINDOW)) {
		blocks.push(block);
	}
	const found: TimedEvent[] = [];
	const edgeKeys = new Set<string>();
	for (const block of blocks.reverse()) {
		for await (const { window, answer } of siemWindows(context, prepared.api, block, prepared.query, options)) {
			for (const event of timedEvents(answer, window)) {
				const onEdge = event.time === block.start || event.time === block.end;
				if (onEdge && edgeKeys.has(event.key)) continue;
				if (onEdge) edgeKeys.add(event.key);
				found.push(event);
			}
		}
		if (found.length >= limit) break;
	}
	return inTimeOrder(found).slice(-limit);
}

async function oldestFirst(context: IExecuteFunctions, prepared: Prepared, limit: number | undefined, options: CallOptions): Promise<TimedEvent[]> {
	const found: TimedEvent[] = [];
	for await (const { window, answer } of siemWindows(context, prepared.api, prepared.range, prepared.query, options)) {
		found.push(...timedEvents(answer, window));
		// The API answers a window in no order: the window is read whole, and only then cut.
		if (limit !== undefined && found.length >= limit) break;
	}
	inTimeOrder(found);
	return limit === undefined ? found : found.slice(0, limit);
}

/** The events of the range in time order: all, or with a Limit the newest (by default) or the oldest, stopping requests once it is reached. */
export async function run(this: IExecuteFunctions, prepared: Prepared, options: CallOptions) {
	const { limit, newest, simplify } = prepared;
	const events = limit !== undefined && newest ? await newestFirst(this, prepared, limit, options) : await oldestFirst(this, prepared, limit, options);
	return events.map(({ event: { kind, event } }) => {
		if (simplify) return simplifyEvent(kind, event);
		// The answer was parsed for this call alone: the type is added in place, no copy of each event.
		event.eventType = kind;
		return event;
	});
}
