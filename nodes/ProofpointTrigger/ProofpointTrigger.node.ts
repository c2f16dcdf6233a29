import {
	NodeConnectionTypes,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';

import { optionsCollection } from '../Proofpoint/parameters/fields';
import { callOptions, NO_ITEM, pollParameters } from '../Proofpoint/parameters/read';
import {
	eventTypesField,
	readEventKinds,
	readThreatFilters,
	simplifyEventsField,
	threatFilterFields,
} from '../Proofpoint/parameters/siemEvents';
import { siemRangeRules } from '../Proofpoint/transport/siem';
import { TAP_CREDENTIAL } from '../Proofpoint/transport/tap';
import { pollThreatEvents } from './poll';
import { firstActivationFields, pollSettingFields, readTriggerSettings } from './settings';

export class ProofpointTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Proofpoint Trigger',
		name: 'proofpointTrigger',
		icon: { light: 'file:../Proofpoint/proofpoint.svg', dark: 'file:../Proofpoint/proofpoint.dark.svg' },
		group: ['trigger'],
		// 1.1: Threat Type and Threat Status are multi-selects; workflows saved with 1 keep single choices.
		// No defaultVersion: new nodes get the last version, and n8n adds Custom API Call only to a description without one.
		version: [1, 1.1],
		subtitle:
			'={{($parameter["eventTypes"] || []).map((type) => ({ clicksBlocked: "Clicks Blocked", clicksPermitted: "Clicks Permitted", messagesBlocked: "Messages Blocked", messagesDelivered: "Messages Delivered" })[type] || type).join(", ")}}',
		description:
			'Starts the workflow when Proofpoint sees a threat: permitted or blocked clicks, delivered or blocked messages, from TAP or the Essentials Threat API. Every event exactly once.',
		defaults: { name: 'Proofpoint Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: TAP_CREDENTIAL, displayName: 'Credential for Proofpoint TAP or Essentials Threat API', required: true }],
		properties: [
			{
				displayName:
					'Each poll reads from where the last one stopped (less the Look-Back, for events Proofpoint indexes late) and emits only events it has not emitted before',
				name: 'notice',
				type: 'notice',
				default: '',
			},
			{
				displayName:
					"Each read is one SIEM request (one per hour of a gap). TAP allows a credential 1,800 a day for all its workflows together: reading every minute spends 1,440 of them, every 5 minutes 288. Minimum Minutes Between Reads keeps this trigger's share down however often Poll Times fires.",
				name: 'quotaNotice',
				type: 'notice',
				default: '',
			},
			{ ...eventTypesField, default: ['clicksPermitted', 'messagesDelivered'] },
			...threatFilterFields,
			...firstActivationFields,
			...pollSettingFields,
			simplifyEventsField,
			optionsCollection(),
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const parameters = pollParameters(this);
		const settings = await readTriggerSettings(this, parameters);
		const kinds = readEventKinds(parameters, NO_ITEM);
		const query = readThreatFilters(parameters, NO_ITEM, settings.api, kinds);
		const items = await pollThreatEvents(this, {
			...settings,
			query,
			rules: siemRangeRules(settings.api.kind),
			options: { ...callOptions(parameters, NO_ITEM), itemIndex: 0 },
		});
		return items === null ? null : [items as INodeExecutionData[]];
	}
}
