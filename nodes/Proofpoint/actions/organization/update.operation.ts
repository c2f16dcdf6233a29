import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { fieldsCollection, optionsCollection, orgDomainField } from '../../parameters/fields';
import { readOrgDomain, requireChanges } from '../../parameters/read';
import { essentialsRequest } from '../../transport/essentials';
import type { CallOptions } from '../../transport/request';
import { forOperation } from '../descriptions';
import type { OperationOption } from '../operation';
import { orgAttributeFields, orgAttributes } from './fields';

export const option: OperationOption = {
	name: 'Update',
	action: 'Update an organization',
	description: "Change an organization's details",
	tool: 'Changes the chosen details of an organization (name, address, country, phone, postcode, state, website, active, on trial, user licenses); the others stay as they are. One Essentials PATCH request; the same values again change nothing more. Returns the domain, updated: true and the fields sent.',
	changes: true,
};

export const description: INodeProperties[] = forOperation('organization', 'update', [
	orgDomainField(),
	fieldsCollection('updateFields', orgAttributeFields),
	optionsCollection(),
]);

interface Prepared {
	domain: string;
	changes: IDataObject;
}

export function prepare(this: IExecuteFunctions, itemIndex: number): Prepared {
	const domain = readOrgDomain.call(this, itemIndex);
	const changes = orgAttributes(this, itemIndex, this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject);
	requireChanges(this, itemIndex, changes);
	return { domain, changes };
}

/** A PATCH: only the chosen fields are sent. */
export async function run(this: IExecuteFunctions, { domain, changes }: Prepared, options: CallOptions) {
	await essentialsRequest.call(
		this,
		{ method: 'PATCH', path: ['orgs', domain], body: changes, target: { org: domain } },
		options,
	);
	return { domain, updated: true, ...changes };
}
