import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import {
	CTR_PAGE_ROWS,
	INCIDENT_CONFIDENCES,
	INCIDENT_DISPOSITIONS,
	INCIDENT_PRIORITIES,
	INCIDENT_SOURCES,
	INCIDENT_STATES,
	INCIDENT_VERDICTS,
	incidentFilters,
	simplifyIncident,
	type IncidentQuery,
	type Order,
} from '../../helpers/ctr';
import { optionsCollection, returnAllAndLimit } from '../../parameters/fields';
import { readLimit } from '../../parameters/read';
import { searchCtr } from '../../transport/ctr';
import type { CallOptions } from '../../transport/request';
import { CTR_CALLS_SPENT, ctrTimeRangeFields, orderOption, readChoices, readCtrRange, readOrder, readSimplify, simplifyField } from '../cloudThreatResponse';
import { forOperation } from '../descriptions';
import type { OperationOption } from '../operation';
import { INCIDENT_SIMPLIFIED_FIELDS } from './get.operation';

export const option: OperationOption = {
	name: 'Get Many',
	action: 'Get many incidents',
	description: `Search Cloud Threat Response incidents by creation time, state, source, disposition, verdict, confidence, priority or VAP: one request per ${CTR_PAGE_ROWS} incidents, paced to the credential's CTR calls per minute`,
	tool: `Searches Cloud Threat Response incidents by creation time (default the last 7 days), state, source, disposition, verdict, confidence, priority or VAP, one item per incident, newest first. One call per ${CTR_PAGE_ROWS} incidents (the default Limit of 50 is one), ${CTR_CALLS_SPENT}; the node waits for a free slot.`,
};

const title = (value: string) => value.split('_').map((word) => word[0].toUpperCase() + word.slice(1)).join(' ');
const choices = (values: readonly string[], names: Record<string, string> = {}) => values.map((value) => ({ name: names[value] ?? title(value), value }));

const SOURCE_NAMES: Record<string, string> = { abuse_mailbox: 'Abuse Mailbox', tap: 'TAP', smart_search: 'Smart Search', message_csv_upload: 'CSV Upload' };
const DISPOSITION_NAMES: Record<string, string> = { tap_false_positive: 'TAP False Positive', toad: 'TOAD (Telephone-Oriented Attack)' };

const filterFields: INodeProperties[] = [
	{
		displayName: 'Confidence',
		name: 'confidences',
		type: 'multiOptions',
		options: choices(INCIDENT_CONFIDENCES),
		default: [],
		description: "Incidents with any of these CLEAR confidences (only abuse-mailbox reports carry one)",
	},
	{
		displayName: 'Disposition',
		name: 'dispositions',
		type: 'multiOptions',
		options: choices(INCIDENT_DISPOSITIONS, DISPOSITION_NAMES),
		default: [],
		description: 'Incidents with any of these dispositions',
	},
	{
		displayName: 'Priority',
		name: 'priorities',
		type: 'multiOptions',
		options: choices(INCIDENT_PRIORITIES),
		default: [],
		description: 'Incidents with any of these priorities',
	},
	{
		displayName: 'Source',
		name: 'sources',
		type: 'multiOptions',
		options: choices(INCIDENT_SOURCES, SOURCE_NAMES),
		default: [],
		description: 'Incidents that came from any of these sources',
	},
	{
		displayName: 'Verdict',
		name: 'verdicts',
		type: 'multiOptions',
		options: choices(INCIDENT_VERDICTS),
		default: [],
		description: "Incidents with any of these CLEAR verdicts (only abuse-mailbox reports carry one)",
	},
	{
		displayName: 'VAP Only',
		name: 'vapOnly',
		type: 'boolean',
		default: false,
		description: 'Whether to return only incidents of Very Attacked People',
	},
];

export const description: INodeProperties[] = forOperation('incident', 'getAll', [
	...ctrTimeRangeFields('incidents', 'the time Cloud Threat Response created them', 'last'),
	{
		displayName: 'State',
		name: 'states',
		type: 'multiOptions',
		options: [
			{ name: 'Open', value: 'open' },
			{ name: 'Closed', value: 'closed' },
		],
		default: ['open', 'closed'],
		description: 'Open incidents, closed ones, or both (none chosen also reads both)',
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		description: 'Every filter added must hold; the values within one filter are alternatives',
		options: filterFields,
	},
	...returnAllAndLimit(),
	simplifyField(INCIDENT_SIMPLIFIED_FIELDS),
	optionsCollection([orderOption('creation time')]),
]);

interface Prepared {
	query: IncidentQuery;
	order: Order;
	limit: number | undefined;
	simplify: boolean;
}

export function prepare(this: IExecuteFunctions, itemIndex: number): Prepared {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const read = <T extends string>(name: string, field: string, allowed: readonly T[]) => readChoices(this, itemIndex, filters[name], field, allowed);
	return {
		query: {
			range: readCtrRange(this, itemIndex),
			states: readChoices(this, itemIndex, this.getNodeParameter('states', itemIndex, []), 'State', INCIDENT_STATES),
			sources: read('sources', 'Source', INCIDENT_SOURCES),
			dispositions: read('dispositions', 'Disposition', INCIDENT_DISPOSITIONS),
			verdicts: read('verdicts', 'Verdict', INCIDENT_VERDICTS),
			confidences: read('confidences', 'Confidence', INCIDENT_CONFIDENCES),
			priorities: read('priorities', 'Priority', INCIDENT_PRIORITIES),
			vapOnly: filters.vapOnly === true,
		},
		order: readOrder(this, itemIndex),
		limit: readLimit(this, itemIndex),
		simplify: readSimplify(this, itemIndex),
	};
}

export async function run(this: IExecuteFunctions, { query, order, limit, simplify }: Prepared, options: CallOptions) {
	const { rows } = await searchCtr(this, { of: 'incidents', filters: incidentFilters(query) as IDataObject, order, limit }, options);
	return simplify ? rows.map((row) => simplifyIncident(row) as IDataObject) : rows;
}
