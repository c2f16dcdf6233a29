import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { domainNameField, fieldsCollection, optionsCollection, orgDomainField } from '../../parameters/fields';
import { requireChanges } from '../../parameters/read';
import { essentialsObject, essentialsRequest } from '../../transport/essentials';
import type { CallOptions } from '../../transport/request';
import { forOperation } from '../descriptions';
import type { OperationOption } from '../operation';
import { domainAttributeFields, domainAttributes, readOrgAndDomain } from './fields';

export const option: OperationOption = {
	name: 'Update',
	action: 'Update a domain',
	description: 'Change delivery settings of a domain',
	tool: "Changes a domain's delivery settings (active, relay, destination, failover servers). Two Essentials requests: the domain is read, then written back whole with the changes; the same values again change nothing more. Returns the domain after the change.",
	changes: true,
};

export const description: INodeProperties[] = forOperation('domain', 'update', [
	orgDomainField(),
	domainNameField(),
	fieldsCollection('updateFields', domainAttributeFields),
	optionsCollection(),
]);

interface Prepared {
	domain: string;
	name: string;
	changes: IDataObject;
}

export function prepare(this: IExecuteFunctions, itemIndex: number): Prepared {
	const { domain, name } = readOrgAndDomain.call(this, itemIndex);
	const changes = domainAttributes(this, itemIndex, this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject);
	requireChanges(this, itemIndex, changes);
	return { domain, name, changes };
}

/** Read-modify-write: PUT sends the whole domain back. */
export async function run(this: IExecuteFunctions, { domain, name, changes }: Prepared, options: CallOptions) {
	const target = { org: domain, domain: name };
	const path = ['orgs', domain, 'domains', name];
	const current = await essentialsObject.call(this, { method: 'GET', path, target }, options);
	const updated = { ...current, ...changes, name: current.name ?? name };
	await essentialsRequest.call(this, { method: 'PUT', path, body: updated, target }, options);
	return updated;
}
