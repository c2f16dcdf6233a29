import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { essentialsResources, nodeSubtitle, properties, tapResources, threatProtectionResources } from './actions/resources';
import { route } from './actions/router';
import { searchDomains, searchOrganizations, searchRemediationWorkflows, searchUsers } from './methods/listSearch';

export class Proofpoint implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Proofpoint',
		name: 'proofpoint',
		icon: { light: 'file:proofpoint.svg', dark: 'file:proofpoint.dark.svg' },
		group: ['transform'],
		// 1.1: Threat Type and Threat Status are multi-selects; workflows saved with 1 keep single choices.
		// 1.2: User and Organization reads have an Output choice, Simplified by default; workflows saved before keep whole answers.
		// No defaultVersion: new nodes get the last version, and n8n adds Custom API Call only to a description without one.
		version: [1, 1.1, 1.2],
		subtitle: nodeSubtitle(),
		description:
			'Manage Proofpoint Essentials organizations, users, domains and licensing; read and enrich threat events from TAP and the Essentials Threat API; act on threats with PoD block and safe lists and Cloud Threat Response',
		defaults: { name: 'Proofpoint' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		// `hide`, not `show`: n8n's editor takes an options parameter whose every value shows a credential for the auth selector and hides it.
		credentials: [
			{
				name: 'proofpointEssentialsApi',
				displayName: 'Credential for Proofpoint Essentials API',
				required: true,
				displayOptions: { hide: { resource: [...tapResources, ...threatProtectionResources] } },
			},
			{
				name: 'proofpointTapApi',
				displayName: 'Credential for Proofpoint TAP or Essentials Threat API',
				required: true,
				displayOptions: { hide: { resource: [...essentialsResources, ...threatProtectionResources] } },
			},
			{
				name: 'proofpointThreatProtectionOAuth2Api',
				displayName: 'Credential for Proofpoint Threat Protection API',
				required: true,
				displayOptions: { hide: { resource: [...essentialsResources, ...tapResources] } },
			},
		],
		properties,
	};

	methods = { listSearch: { searchOrganizations, searchUsers, searchDomains, searchRemediationWorkflows } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await route.call(this);
	}
}
