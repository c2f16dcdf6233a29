import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { displayIdOf, simplifyIncident } from '../../helpers/ctr';
import { optionsCollection } from '../../parameters/fields';
import { getIncident, incidentUuidOf } from '../../transport/ctr';
import type { CallOptions } from '../../transport/request';
import { CTR_CALLS_SPENT, readCtrId, readSimplify, simplifyField } from '../cloudThreatResponse';
import { forOperation } from '../descriptions';
import type { OperationOption } from '../operation';

export const option: OperationOption = {
	name: 'Get',
	action: 'Get an incident',
	description: 'Get a Cloud Threat Response incident by its UUID (one request) or its display ID such as INC-781 (a search, then the incident)',
	tool: `Returns one item: a Cloud Threat Response incident (id, displayId, title, state, priority, sources, dispositions, verdicts, messageCount, assignee, times; raw with Simplify off). By UUID one call, by display ID such as INC-781 two (a search, then the incident), ${CTR_CALLS_SPENT}.`,
};

export const INCIDENT_SIMPLIFIED_FIELDS = 'ID, display ID, title, state, priority, sources, dispositions, verdicts, confidences, message count, assignee, created, updated and closed time';

export const description: INodeProperties[] = forOperation('incident', 'get', [
	{
		displayName: 'Incident ID',
		name: 'incidentId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. INC-781',
		description: "The incident's UUID (an incident's ID in Get Many) or its display ID (781 or INC-781, as the CTR console shows it)",
	},
	simplifyField(`${INCIDENT_SIMPLIFIED_FIELDS}, description`),
	optionsCollection(),
]);

interface Prepared {
	id: string;
	displayId?: string;
	simplify: boolean;
}

export function prepare(this: IExecuteFunctions, itemIndex: number): Prepared {
	const id = readCtrId(this, itemIndex, 'incidentId', 'Incident ID', 'a UUID or a display ID such as INC-781');
	return { id, displayId: displayIdOf(id), simplify: readSimplify(this, itemIndex) };
}

export const key = ({ id, simplify }: Prepared) => `${id} ${simplify}`;

export async function run(this: IExecuteFunctions, { id, displayId, simplify }: Prepared, options: CallOptions) {
	const uuid = displayId === undefined ? id : await incidentUuidOf(this, displayId, options);
	const incident = await getIncident(this, uuid, options);
	if (!simplify) return incident;
	const summary = incident.summary && typeof incident.summary === 'object' ? (incident.summary as IDataObject) : incident;
	const simplified = simplifyIncident(summary) as IDataObject;
	if (Array.isArray(incident.comments)) simplified.commentCount = incident.comments.length;
	return simplified;
}
