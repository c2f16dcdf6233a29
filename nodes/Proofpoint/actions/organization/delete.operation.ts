import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { optionsCollection, orgDomainField } from '../../parameters/fields';
import { readOrgDomain } from '../../parameters/read';
import { essentialsRequest } from '../../transport/essentials';
import type { CallOptions } from '../../transport/request';
import { forOperation } from '../descriptions';
import type { OperationOption } from '../operation';

export const option: OperationOption = {
	name: 'Delete',
	action: 'Delete an organization',
	description: 'Delete a child organization with its users and domains',
	tool: 'Deletes a child organization, named by any of its domains, with all its users and domains. One Essentials DELETE request. Returns one item: deleted: true and the domain.',
	changes: true,
};

export const description: INodeProperties[] = forOperation('organization', 'delete', [
	orgDomainField({ description: 'A domain of the organization to delete, with all its users and domains' }),
	optionsCollection(),
]);

export const prepare = readOrgDomain;

export async function run(this: IExecuteFunctions, domain: string, options: CallOptions) {
	await essentialsRequest.call(this, { method: 'DELETE', path: ['orgs', domain], target: { org: domain } }, options);
	return { deleted: true, domain };
}
