import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { essentialsRequest } from '../../transport/essentials';
import type { CallOptions } from '../../transport/request';
import type { OperationOption } from '../operation';
import { forOperation, optionsCollection, orgDomainField } from '../descriptions';
import { readOrgDomain } from '../parameters';

export const option: OperationOption = {
	name: 'Delete',
	action: 'Delete an organization (changes the tenant)',
	description: 'Delete a child organization with its users and domains',
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
