import type { INodeProperties } from 'n8n-workflow';

import * as blockList from './blockList';
import * as campaign from './campaign';
import * as domain from './domain';
import * as endpoint from './endpoint';
import * as forensics from './forensics';
import * as incident from './incident';
import * as licensing from './licensing';
import * as message from './message';
import type { ResourceOperations } from './operation';
import * as organization from './organization';
import * as safeList from './safeList';
import * as siemEvent from './siemEvent';
import * as threat from './threat';
import * as topClicker from './topClicker';
import * as url from './url';
import * as user from './user';
import * as vap from './vap';
import * as workflow from './workflow';

export const operationsByResource: Record<string, ResourceOperations> = {
	organization: organization.operations,
	user: user.operations,
	domain: domain.operations,
	licensing: licensing.operations,
	endpoint: endpoint.operations,
	vap: vap.operations,
	topClicker: topClicker.operations,
	siemEvent: siemEvent.operations,
	campaign: campaign.operations,
	forensics: forensics.operations,
	threat: threat.operations,
	url: url.operations,
	blockList: blockList.operations,
	safeList: safeList.operations,
	incident: incident.operations,
	message: message.operations,
	workflow: workflow.operations,
};

/** Resources served by the `proofpointTapApi` credential (TAP; SIEM events also by the Essentials Threat API). */
const TAP_RESOURCES = ['vap', 'topClicker', 'siemEvent', 'campaign', 'forensics', 'threat', 'url'];

/** Resources served by the `proofpointThreatProtectionOAuth2Api` credential (PoD lists, Cloud Threat Response). */
const THREAT_PROTECTION_RESOURCES = ['blockList', 'safeList', 'incident', 'message', 'workflow'];

export const resourceProperty: INodeProperties = {
	displayName: 'Resource',
	name: 'resource',
	type: 'options',
	noDataExpression: true,
	options: [
		{ name: 'Block List', value: 'blockList', description: "Threat Protection: the PoD organization's block list" },
		{ name: 'Campaign', value: 'campaign', description: 'TAP: threat campaigns, their actors and member threats' },
		{ name: 'Domain', value: 'domain', description: 'Essentials: domains of an organization' },
		{ name: 'Endpoint', value: 'endpoint', description: 'Essentials: which stack hosts an organization' },
		{ name: 'Forensic Report', value: 'forensics', description: 'TAP: forensic evidence of a threat or a campaign' },
		{ name: 'Incident', value: 'incident', description: 'Threat Protection: Cloud Threat Response incidents' },
		{ name: 'Licensing', value: 'licensing', description: 'Essentials: license count and package' },
		{ name: 'Message', value: 'message', description: 'Threat Protection: messages Cloud Threat Response has seen' },
		{ name: 'Organization', value: 'organization', description: 'Essentials: organizations and child organizations' },
		{ name: 'Remediation Workflow', value: 'workflow', description: "Threat Protection: Cloud Threat Response's manual workflows, run on messages or incidents" },
		{ name: 'Safe List', value: 'safeList', description: "Threat Protection: the PoD organization's safe list" },
		{ name: 'SIEM Event', value: 'siemEvent', description: 'TAP or the Essentials Threat API: clicks and messages with threats' },
		{ name: 'Threat', value: 'threat', description: 'TAP: the summary of a threat' },
		{ name: 'Top Clicker', value: 'topClicker', description: 'TAP People API: who clicked most threats' },
		{ name: 'URL', value: 'url', description: 'TAP: decode URLs rewritten by URL Defense' },
		{ name: 'User', value: 'user', description: 'Essentials: users of an organization' },
		{ name: 'Very Attacked Person', value: 'vap', description: 'TAP People API: the most attacked people' },
	],
	default: 'user',
};

export const properties: INodeProperties[] = [
	resourceProperty,
	...organization.description,
	...user.description,
	...domain.description,
	...licensing.description,
	...endpoint.description,
	...vap.description,
	...topClicker.description,
	...siemEvent.description,
	...campaign.description,
	...forensics.description,
	...threat.description,
	...url.description,
	...blockList.description,
	...safeList.description,
	...incident.description,
	...message.description,
	...workflow.description,
];

export const tapResources = TAP_RESOURCES;
export const threatProtectionResources = THREAT_PROTECTION_RESOURCES;
export const essentialsResources = Object.keys(operationsByResource).filter((name) => !TAP_RESOURCES.includes(name) && !THREAT_PROTECTION_RESOURCES.includes(name));

/**
 * The canvas subtitle: the operation and resource as the panel names them ("Get Many: SIEM Event"),
 * from one map of every resource and operation; a value it does not know is shown as stored.
 */
export function nodeSubtitle(): string {
	const resourceNames = Object.fromEntries((resourceProperty.options as Array<{ name: string; value: string }>).map(({ name, value }) => [value, name]));
	const labels: Record<string, string> = {};
	for (const [resource, operations] of Object.entries(operationsByResource)) {
		for (const [operation, { option }] of Object.entries(operations)) labels[`${resource}.${operation}`] = `${option.name}: ${resourceNames[resource]}`;
	}
	const label = `(${JSON.stringify(labels)}[$parameter["resource"] + "." + $parameter["operation"]] || $parameter["operation"] + ": " + $parameter["resource"])`;
	return `={{$parameter["operation"] === "markFunctionalAccounts" ? "Mark Functional Accounts" + ($parameter["dryRun"] ? " (dry run)" : "") : ${label}}}`;
}
