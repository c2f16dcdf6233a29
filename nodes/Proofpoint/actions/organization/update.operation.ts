import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { essentialsRequest } from '../../transport/essentials';
import type { CallOptions } from '../../transport/request';
import { forOperation, orgDomainField, readOrgDomain, requireChanges } from '../common';
import { orgAttributeFields, orgAttributes } from './fields';

export const description: INodeProperties[] = forOperation('organization', 'update', [
	orgDomainField(),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: orgAttributeFields,
	},
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
