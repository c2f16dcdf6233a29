import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { optionsCollection } from '../../parameters/fields';
import { CAMPAIGN_ID_EXAMPLE, invalidInput, readTapId, THREAT_ID_EXAMPLE } from '../../parameters/read';
import { FORENSICS_PER_DAY } from '../../transport/hints';
import type { CallOptions } from '../../transport/request';
import { tapRequest } from '../../transport/tap';
import { campaignIdField } from '../campaign/get.operation';
import { forOperation } from '../descriptions';
import type { OperationOption } from '../operation';
import { threatIdField } from '../threat/get.operation';

export const option: OperationOption = {
	name: 'Get',
	action: 'Get forensics of a threat or campaign',
	description:
		'Get the forensic evidence of a threat or a campaign: what its sandbox run did (files, network, screenshots). Items sharing an ID make one request. TAP allows about 50 requests a day by threat ID and 1,800 by campaign ID.',
	tool: "Returns one item: TAP's forensic reports of a threat or a campaign, with what its sandbox run did (files, network, screenshots). One request per distinct ID: by threat ID from a pool of about 50 a day, by campaign ID about 1,800; Campaign, or Threat Without One uses the campaign ID when the item has one. TAP credential only.",
};

const { byThreat: BY_THREAT_PER_DAY, byCampaign: BY_CAMPAIGN_PER_DAY } = FORENSICS_PER_DAY;

export const description: INodeProperties[] = forOperation('forensics', 'get', [
	{
		displayName: 'Forensics Of',
		name: 'forensicsOf',
		type: 'options',
		options: [
			{ name: 'Threat', value: 'threat', description: `By threat ID (about ${BY_THREAT_PER_DAY} requests a day)` },
			{ name: 'Campaign', value: 'campaign', description: `By campaign ID (about ${BY_CAMPAIGN_PER_DAY.toLocaleString('en-US')} requests a day)` },
			{
				name: 'Campaign, or Threat Without One',
				value: 'campaignElseThreat',
				description: "By the item's campaign ID when it has one, else by its threat ID: a busy day's clicks spend the larger quota",
			},
		],
		default: 'threat',
	},
	{ ...threatIdField, displayOptions: { show: { forensicsOf: ['threat', 'campaignElseThreat'] } } },
	{
		...campaignIdField,
		displayOptions: { show: { forensicsOf: ['campaign', 'campaignElseThreat'] } },
	},
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
	if (of === 'campaignElseThreat') {
		const campaign = this.getNodeParameter('campaignId', itemIndex, '');
		if (campaign !== '' && campaign !== null && campaign !== undefined) {
			return { campaignId: readTapId(this, itemIndex, 'campaignId', 'Campaign ID', CAMPAIGN_ID_EXAMPLE) };
		}
		return { threatId: readTapId(this, itemIndex, 'threatId', 'Threat ID', THREAT_ID_EXAMPLE), includeCampaignForensics: false };
	}
	if (of !== 'threat') {
		throw invalidInput(this, itemIndex, 'Forensics Of', `"${String(of)}" is not a choice`, 'Choose Threat, Campaign, or Campaign, or Threat Without One.');
	}
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
	const by = 'campaignId' in prepared ? 'campaign' : 'threat';
	return await tapRequest.call(this, { path: ['v2', 'forensics'], qs, target: { forensics: id, forensicsBy: by } }, options);
}
