import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { checkInteger } from '../../helpers/validate';
import { fieldsCollection, optionsCollection, orgDomainField } from '../../parameters/fields';
import { invalidInput, readOrgDomain, requireChanges } from '../../parameters/read';
import { essentialsObject, essentialsRequest } from '../../transport/essentials';
import type { CallOptions } from '../../transport/request';
import { forOperation } from '../descriptions';
import type { OperationOption } from '../operation';
import { checkPackage, packageOptions } from '../organization/fields';

export const option: OperationOption = {
	name: 'Update',
	action: 'Update licensing',
	description: "Change an organization's license count or package",
	tool: "Changes an organization's license count, package, trial or Beginner Plus flag; the other fields keep their values. Two Essentials requests: the licensing is read, then written back with the changes; the same values again change nothing more. Returns the domain and the licensing after the change.",
	changes: true,
};

export const description: INodeProperties[] = forOperation('licensing', 'update', [
	orgDomainField(),
	fieldsCollection('updateFields', [
		{ displayName: 'Beginner Plus', name: 'isBeginnerPlus', type: 'boolean', default: false, description: 'Whether the Beginner Plus option is on' },
		{ displayName: 'License Count', name: 'licenseCount', type: 'number', default: 1, typeOptions: { minValue: 0 } },
		{ displayName: 'On Trial', name: 'isOnTrial', type: 'boolean', default: false, description: 'Whether the organization is on a trial' },
		{ displayName: 'Package', name: 'package', type: 'options', options: packageOptions, default: 'business' },
	]),
	optionsCollection(),
]);

interface Prepared {
	domain: string;
	changes: IDataObject;
}

export function prepare(this: IExecuteFunctions, itemIndex: number): Prepared {
	const domain = readOrgDomain.call(this, itemIndex);
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const changes: IDataObject = {};
	if (fields.licenseCount !== undefined) {
		const count = checkInteger(fields.licenseCount, 0, 10000000);
		if ('problem' in count) throw invalidInput(this, itemIndex, 'License Count', count.problem);
		changes.license_count = count.value;
	}
	if (fields.package !== undefined) changes.package = checkPackage(this, itemIndex, fields.package, 'Package');
	if (fields.isOnTrial !== undefined) changes.is_on_trial = Boolean(fields.isOnTrial);
	if (fields.isBeginnerPlus !== undefined) changes.is_beginner_plus = Boolean(fields.isBeginnerPlus);
	requireChanges(this, itemIndex, changes);
	return { domain, changes };
}

/** Read-modify-write, so fields the user did not choose keep their values. */
export async function run(this: IExecuteFunctions, { domain, changes }: Prepared, options: CallOptions) {
	const path = ['orgs', domain, 'licensing'];
	const target = { org: domain };
	const current = await essentialsObject.call(this, { method: 'GET', path, target }, options);
	const updated = { ...current, ...changes };
	await essentialsRequest.call(this, { method: 'PUT', path, body: updated, target }, options);
	return { domain, ...updated };
}
