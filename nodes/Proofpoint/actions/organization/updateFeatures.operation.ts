import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { checkInteger } from '../../helpers/validate';
import { fieldsCollection, optionsCollection, orgDomainField } from '../../parameters/fields';
import { readOrgDomain, requireChanges, valueOrRefuse } from '../../parameters/read';
import { essentialsObject, essentialsRequest } from '../../transport/essentials';
import type { CallOptions } from '../../transport/request';
import { forOperation } from '../descriptions';
import type { OperationOption } from '../operation';

export const option: OperationOption = {
	name: 'Update Features',
	action: "Update an organization's features",
	description: 'Changes the tenant: turns features of the organization on or off (read, changed, written back; only features its package has)',
	tool: 'Turns chosen features of an organization on or off, or sets instant_replay days. Two Essentials requests: the features are read, then written back with the changes; a feature its package lacks is refused before the write, changing nothing. The same values again change nothing more. Returns the domain and every feature after the change.',
	changes: true,
};

// Feature keys as the API names them (docs/api-facts.md#essentials-api); which exist depends on the package [I].
const FEATURES: Array<[key: string, label: string]> = [
	['anti_spoofing', 'Anti-Spoofing'],
	['attachment_defense', 'Attachment Defense'],
	['automatic_remediation', 'Automatic Remediation'],
	['disclaimers', 'Disclaimers'],
	['dlp', 'Data Loss Prevention'],
	['email_archive', 'Email Archive'],
	['email_encryption', 'Email Encryption'],
	['email_warning_tags', 'Email Warning Tags'],
	['outbound_relaying', 'Outbound Relaying'],
	['smtp_discovery', 'SMTP Discovery'],
	['url_defense', 'URL Defense'],
];

export const description: INodeProperties[] = forOperation('organization', 'updateFeatures', [
	orgDomainField(),
	fieldsCollection('updateFields', [
		...FEATURES.map(([name, displayName]): INodeProperties => ({
			displayName,
			name,
			type: 'boolean',
			default: true,
			description: `Whether ${displayName} is on`,
		})),
		{
			displayName: 'Instant Replay (Days)',
			name: 'instant_replay',
			type: 'number',
			default: 30,
			typeOptions: { minValue: 0 },
			description: 'How many days of mail can be replayed; 0 turns it off',
		},
	]),
	optionsCollection(),
]);

interface Prepared {
	domain: string;
	changes: IDataObject;
}

export function prepare(this: IExecuteFunctions, itemIndex: number): Prepared {
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const changes: IDataObject = {};
	for (const [key] of FEATURES) if (fields[key] !== undefined) changes[key] = fields[key] === true;
	if (fields.instant_replay !== undefined) {
		changes.instant_replay = valueOrRefuse(this, itemIndex, 'Instant Replay (Days)', checkInteger(fields.instant_replay, 0, 3650));
	}
	requireChanges(this, itemIndex, changes);
	return { domain: readOrgDomain.call(this, itemIndex), changes };
}

/** Read-modify-write: the features depend on the package, so those it lacks are refused before the write. */
export async function run(this: IExecuteFunctions, { domain, changes }: Prepared, options: CallOptions) {
	const path = ['orgs', domain, 'features'];
	const target = { org: domain };
	const current = await essentialsObject.call(this, { method: 'GET', path, target }, options);
	const missing = Object.keys(changes).filter((key) => !(key in current));
	if (missing.length) {
		throw new NodeOperationError(this.getNode(), `The organization's package has no ${missing.join(', ')}`, {
			itemIndex: options.itemIndex,
			description: `Nothing was changed. Its features are: ${Object.keys(current).join(', ')}. A higher package (Organization → Update Package) adds more.`,
		});
	}
	const updated = { ...current, ...changes };
	await essentialsRequest.call(this, { method: 'PUT', path, body: updated, target }, options);
	return { domain, ...updated };
}
