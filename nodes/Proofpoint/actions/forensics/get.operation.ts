import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { optionsCollection } from '../../parameters/fields';
import { CAMPAIGN_ID_EXAMPLE, readTapId, THREAT_ID_EXAMPLE } from '../../parameters/read';
import type { CallOptions } from '../../transport/request';
import { tapRequest } from '../../transport/tap';
import { campaignIdField } from '../campaign/get.operation';
import { forOperation } from '../descriptions';
import type { OperationOption } from '../operation';
import { threatIdField } from '../threat/get.operation';

export const option: OperationOption = {
	name: 'Get',
	action: 'Get forensics',
	description:
		'Get the forensic evidence of a threat or a campaign: what its sandbox run did (files, network, screenshots). Items sharing an ID make one request.',
};

export const description: INodeProperties[] = forOperation('forensics', 'get', [
	{
		displayName: 'Forensics Of',
		name: 'forensicsOf',
		type: 'options',
		options: [
			{ name: 'Threat', value: 'threat', description: 'By threat ID' },
			{ name: 'Campaign', value: 'campaign', description: 'By campaign ID' },
		],
		default: 'threat',
	},
	{ ...threatIdField, displayOptions: { show: { forensicsOf: ['threat'] } } },
	{ ...campaignIdField, displayOptions: { show: { forensicsOf: ['campaign'] } } },
	{
		displayName: 'Include Campaign Forensics',
		name: 'includeCampaignForensics',
		type: 'boolean',
		default: false,
		displayOptions: { show: { forensicsOf: ['threat'] } },
		description: "Whether to add the forensics of the threat's campaign, when it belongs to one",
	},
	optionsCollection(),
]);

type Prepared = { threatId: string; includeCampaignForensics: boolean } | { campaignId: string };

export function prepare(this: IExecuteFunctions, itemIndex: number): Prepared {
	const of = this.getNodeParameter('forensicsOf', itemIndex, 'threat');
	if (of === 'campaign') return { campaignId: readTapId(this, itemIndex, 'campaignId', 'Campaign ID', CAMPAIGN_ID_EXAMPLE) };
	return {
		threatId: readTapId(this, itemIndex, 'threatId', 'Threat ID', THREAT_ID_EXAMPLE),
		includeCampaignForensics: this.getNodeParameter('includeCampaignForensics', itemIndex, false) === true,
	};
}

export const key = (prepared: Prepared) => JSON.stringify(prepared);

/** Either threatId or campaignId, never both; includeCampaignForensics only with a threat (docs/api-facts.md#tap-intelligence-apis). */
export async function run(this: IExecuteFunctions, prepared: Prepared, options: CallOptions) {
	const id = 'campaignId' in prepared ? prepared.campaignId : prepared.threatId;
	const qs: IDataObject = 'campaignId' in prepared ? { campaignId: id } : { threatId: id };
	if ('includeCampaignForensics' in prepared && prepared.includeCampaignForensics) qs.includeCampaignForensics = true;
	return await tapRequest.call(this, { path: ['v2', 'forensics'], qs, target: { forensics: id } }, options);
}
