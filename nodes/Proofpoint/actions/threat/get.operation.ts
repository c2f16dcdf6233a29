import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { withBothSpellings } from '../../helpers/threatEvents';
import { optionsCollection } from '../../parameters/fields';
import { readTapId, THREAT_ID_EXAMPLE } from '../../parameters/read';
import type { CallOptions } from '../../transport/request';
import { tapRequest } from '../../transport/tap';
import { forOperation } from '../descriptions';
import type { OperationOption } from '../operation';

export const option: OperationOption = {
	name: 'Get',
	action: 'Get a threat',
	description:
		"Get a threat's summary by its ID: type, category, severity, actors, families, malware. No daily quota; items sharing an ID make one request.",
	tool: "Returns one item: a TAP threat's summary by its ID (64 hex characters, a SIEM event's threatId): type, category, status, severity, actors, families, malware, with severity, verticals and geographies under both spellings. One request per distinct ID, not counted against a daily quota. TAP credential only.",
};

export const threatIdField: INodeProperties = {
	displayName: 'Threat ID',
	name: 'threatId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. {{ $json.threatId }}',
	description: "The threat's ID, as in a SIEM event's threatID",
};

export const description: INodeProperties[] = forOperation('threat', 'get', [threatIdField, optionsCollection()]);

export function prepare(this: IExecuteFunctions, itemIndex: number): string {
	return readTapId(this, itemIndex, 'threatId', 'Threat ID', THREAT_ID_EXAMPLE);
}

/** Items naming the same threat share one answer. */
export const key = (threatId: string) => threatId;

export async function run(this: IExecuteFunctions, threatId: string, options: CallOptions) {
	const summary = await tapRequest.call(this, { path: ['v2', 'threat', 'summary', threatId], target: { threat: threatId } }, options);
	return withBothSpellings(summary);
}
