import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { simplifyEvent } from '../../helpers/threatEvents';
import type { TimeRange } from '../../helpers/timeRange';
import { optionsCollection, returnAllAndLimit, timeRangeFields } from '../../parameters/fields';
import { hintClamping, readLimit, readTimeRange } from '../../parameters/read';
import { eventTypesField, readEventKinds, readThreatFilters, simplifyEventsField, threatFilterFields } from '../../parameters/siemEvents';
import type { CallOptions } from '../../transport/request';
import { siemRangeRules, siemWindows, type SiemQuery } from '../../transport/siem';
import { threatApi, type ThreatApi } from '../../transport/tap';
import { forOperation } from '../descriptions';
import type { OperationOption } from '../operation';

export const option: OperationOption = {
	name: 'Get Many',
	action: 'Get many SIEM events',
	description:
		'Read clicks and messages Proofpoint blocked or let through in a time range: one request per hour of range, from a daily pool of 1,800',
};

export const description: INodeProperties[] = forOperation('siemEvent', 'getAll', [
	eventTypesField,
	...timeRangeFields('events', 'TAP serves the last 7 days, the Essentials Threat API the last 3'),
	...threatFilterFields,
	...returnAllAndLimit(),
	simplifyEventsField,
	optionsCollection(),
]);

interface Prepared {
	api: ThreatApi;
	range: TimeRange;
	query: SiemQuery;
	limit: number | undefined;
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
		simplify: this.getNodeParameter('simplify', itemIndex, true) as boolean,
	};
}

export async function run(this: IExecuteFunctions, { api, range, query, limit, simplify }: Prepared, options: CallOptions) {
	const output: IDataObject[] = [];
	for await (const { answer } of siemWindows(this, api, range, query, options)) {
		for (const { kind, event } of answer) {
			if (simplify) output.push(simplifyEvent(kind, event));
			else {
				// The answer was parsed for this call alone: the type is added in place, no copy of each event.
				event.eventType = kind;
				output.push(event);
			}
			if (output.length === limit) return output;
		}
	}
	return output;
}
