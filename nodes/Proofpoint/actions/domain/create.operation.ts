import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { fieldsCollection, optionsCollection, orgDomainField } from '../../parameters/fields';
import { essentialsRequest } from '../../transport/essentials';
import type { CallOptions } from '../../transport/request';
import { forOperation } from '../descriptions';
import type { OperationOption } from '../operation';
import { domainAttributeFields, domainAttributes, readOrgAndDomain } from './fields';

export const option: OperationOption = {
	name: 'Create',
	action: 'Create a domain',
	description: 'Add a domain to an organization',
	tool: 'Adds a domain to an organization, active and relay unless chosen, with an optional destination and failover servers. One Essentials POST request, not repeated after a server error; a second call sends another create. Returns the created domain (or what was sent) with created: true.',
	changes: true,
};

export const description: INodeProperties[] = forOperation('domain', 'create', [
	orgDomainField(),
	{
		displayName: 'Domain Name',
		name: 'domainName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. example.co.uk',
		description: 'The domain to add to the organization',
	},
	fieldsCollection('additionalFields', domainAttributeFields),
	optionsCollection(),
]);

interface Prepared {
	domain: string;
	body: IDataObject;
}

export function prepare(this: IExecuteFunctions, itemIndex: number): Prepared {
	const { domain, name } = readOrgAndDomain.call(this, itemIndex);
	const fields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	return { domain, body: { name, is_active: true, is_relay: true, ...domainAttributes(this, itemIndex, fields) } };
}

export async function run(this: IExecuteFunctions, { domain, body }: Prepared, options: CallOptions) {
	const created = await essentialsRequest.call(
		this,
		{ method: 'POST', path: ['orgs', domain, 'domains'], body, target: { org: domain, domain: body.name as string } },
		options,
	);
	// The 201 body is not documented [I]: use the created domain when it is one, else what was sent.
	const result = created && typeof created === 'object' && 'name' in created ? (created as IDataObject) : body;
	return { ...result, created: true };
}
