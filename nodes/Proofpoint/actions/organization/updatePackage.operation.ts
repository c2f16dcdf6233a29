import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { optionsCollection, orgDomainField } from '../../parameters/fields';
import { readOrgDomain } from '../../parameters/read';
import { essentialsRequest } from '../../transport/essentials';
import type { CallOptions } from '../../transport/request';
import { forOperation } from '../descriptions';
import type { OperationOption } from '../operation';
import { checkPackage, packageOptions } from './fields';

export const option: OperationOption = {
	name: 'Update Package',
	action: "Update an organization's package",
	description: "Change an organization's licensing package",
	tool: "Sets an organization's licensing package (beginner, business, advanced or professional) with its activated, EULA confirmed and trial extended flags (by default true, true, false). One Essentials PUT request; the same values again change nothing more. Returns the domain, updated: true and what was sent.",
	changes: true,
};

export const description: INodeProperties[] = forOperation('organization', 'updatePackage', [
	orgDomainField(),
	{ displayName: 'Package', name: 'package', type: 'options', options: packageOptions, default: 'business' },
	{
		displayName: 'Activated',
		name: 'isActivated',
		type: 'boolean',
		default: true,
		description: 'Whether the package is activated',
	},
	{
		displayName: 'EULA Confirmed',
		name: 'isEulaConfirmed',
		type: 'boolean',
		default: true,
		description: 'Whether the end-user license agreement is confirmed',
	},
	{
		displayName: 'Trial Extended',
		name: 'isTrialExtended',
		type: 'boolean',
		default: false,
		description: 'Whether the trial is extended',
	},
	optionsCollection(),
]);

interface Prepared {
	domain: string;
	body: IDataObject;
}

export function prepare(this: IExecuteFunctions, itemIndex: number): Prepared {
	const domain = readOrgDomain.call(this, itemIndex);
	const packageName = checkPackage(this, itemIndex, this.getNodeParameter('package', itemIndex), 'Package');
	return {
		domain,
		body: {
			package: packageName,
			is_activated: this.getNodeParameter('isActivated', itemIndex, true) as boolean,
			is_eula_confirmed: this.getNodeParameter('isEulaConfirmed', itemIndex, true) as boolean,
			is_trial_extended: this.getNodeParameter('isTrialExtended', itemIndex, false) as boolean,
		},
	};
}

export async function run(this: IExecuteFunctions, { domain, body }: Prepared, options: CallOptions) {
	await essentialsRequest.call(
		this,
		{ method: 'PUT', path: ['orgs', domain, 'package'], body, target: { org: domain } },
		options,
	);
	return { domain, updated: true, ...body };
}
