import {
	NodeConnectionTypes,
	type INodeExecutionData,
	type INodeProperties,
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
import { THREAT_PROTECTION_CREDENTIAL } from '../Proofpoint/transport/threatProtection';
import { pollIncidents } from './incidents';
import { pollThreatEvents } from './poll';
import { firstActivationFields, incidentFields, pollSettingFields, readIncidentSettings, readTriggerSettings } from './settings';

/** Shows each of `fields` only for a source (a saved trigger without `source` reads threat events). */
const forSource = (source: 'threatEvents' | 'ctrIncidents', fields: INodeProperties[]): INodeProperties[] =>
	fields.map((field) => ({ ...field, displayOptions: { ...field.displayOptions, show: { ...field.displayOptions?.show, source: [source] } } }));

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
			'={{$parameter["source"] === "ctrIncidents" ? ($parameter["includeUpdated"] ? "CTR Incidents, New and Updated" : "New CTR Incidents") : ($parameter["eventTypes"] || []).map((type) => ({ clicksBlocked: "Clicks Blocked", clicksPermitted: "Clicks Permitted", messagesBlocked: "Messages Blocked", messagesDelivered: "Messages Delivered" })[type] || type).join(", ")}}',
		description:
			'Starts the workflow when Proofpoint sees a threat: permitted or blocked clicks, delivered or blocked messages, from TAP or the Essentials Threat API; or a new Cloud Threat Response incident. Every event exactly once.',
		defaults: { name: 'Proofpoint Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		// `hide`, not `show`: n8n's editor takes an options parameter whose every value shows a credential for the auth selector and hides it.
		credentials: [
			{ name: TAP_CREDENTIAL, displayName: 'Credential for Proofpoint TAP or Essentials Threat API', required: true, displayOptions: { hide: { source: ['ctrIncidents'] } } },
			{ name: THREAT_PROTECTION_CREDENTIAL, displayName: 'Credential for Proofpoint Threat Protection API', required: true, displayOptions: { hide: { source: ['threatEvents'] } } },
		],
		properties: [
			{
				displayName: 'Source',
				name: 'source',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Threat Events', value: 'threatEvents', description: 'Clicks and messages with threats, from TAP or the Essentials Threat API' },
					{ name: 'CTR Incidents', value: 'ctrIncidents', description: 'New (and optionally updated) Cloud Threat Response incidents, from the Threat Protection API' },
				],
				default: 'threatEvents',
			},
			...forSource('threatEvents', [
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
			]),
			...forSource('ctrIncidents', incidentFields),
			...firstActivationFields,
			...pollSettingFields,
			...forSource('threatEvents', [simplifyEventsField]),
			optionsCollection(),
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const parameters = pollParameters(this);
		if (this.getNodeParameter('source', 'threatEvents') === 'ctrIncidents') {
			const incidents = await pollIncidents(this, { ...(await readIncidentSettings(parameters)), options: { ...callOptions(parameters, NO_ITEM), itemIndex: 0 } });
			return incidents === null ? null : [incidents];
		}
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
