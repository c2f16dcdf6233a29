import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { optionsCollection } from '../../parameters/fields';
import { CAMPAIGN_ID_EXAMPLE, readTapId } from '../../parameters/read';
import type { CallOptions } from '../../transport/request';
import { tapRequest } from '../../transport/tap';
import { forOperation } from '../descriptions';
import type { OperationOption } from '../operation';

export const option: OperationOption = {
	name: 'Get',
	action: 'Get a campaign',
	description: 'Get a campaign by its ID: its actors, families, malware, techniques, brands and member threats. Items sharing an ID make one request.',
	tool: "Returns one item: a TAP campaign by its ID (a UUID, a SIEM event's campaignId) with its name, actors, families, malware, techniques, brands and member threats. One request per distinct ID, with no daily quota documented for it. TAP credential only.",
};

export const campaignIdField: INodeProperties = {
	displayName: 'Campaign ID',
	name: 'campaignId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. {{ $json.campaignId }}',
	description: "The campaign's ID, as in a SIEM event's campaignID",
};

export const description: INodeProperties[] = forOperation('campaign', 'get', [campaignIdField, optionsCollection()]);

export function prepare(this: IExecuteFunctions, itemIndex: number): string {
	return readTapId(this, itemIndex, 'campaignId', 'Campaign ID', CAMPAIGN_ID_EXAMPLE);
}

export const key = (campaignId: string) => campaignId;

export async function run(this: IExecuteFunctions, campaignId: string, options: CallOptions) {
	return await tapRequest.call(this, { path: ['v2', 'campaign', campaignId], target: { campaign: campaignId } }, options);
}
