import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { typedUser } from '../../helpers/coerce';
import { essentialsObject, essentialsRequest } from '../../transport/essentials';
import type { CallOptions } from '../../transport/request';
import { forOperation, orgDomainField, userEmailField } from '../common';
import { readOrgUser, userAttributeFields, userAttributes } from './fields';

export const description: INodeProperties[] = forOperation('user', 'update', [
	orgDomainField(),
	userEmailField(),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: userAttributeFields,
	},
]);

interface Prepared {
	domain: string;
	email: string;
	changes: IDataObject;
}

export function prepare(this: IExecuteFunctions, itemIndex: number): Prepared {
	const { domain, email } = readOrgUser.call(this, itemIndex);
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const changes = userAttributes(this, itemIndex, fields);
	if (Object.keys(changes).length === 0) {
		throw new NodeOperationError(this.getNode(), `Item ${itemIndex}: Update Fields is empty`, {
			itemIndex,
			description: 'Add at least one field to change under Update Fields.',
		});
	}
	return { domain, email, changes };
}

/** Read-modify-write: the API's PUT wants the whole user back with its uid. */
export async function run(this: IExecuteFunctions, { domain, email, changes }: Prepared, options: CallOptions) {
	const target = { org: domain, user: email };
	const path = ['orgs', domain, 'users', email];
	const current = await essentialsObject.call(this, { method: 'GET', path, target }, options);
	const updated: IDataObject = { ...current, ...changes, uid: current.uid, primary_email: current.primary_email ?? email };
	await essentialsRequest.call(this, { method: 'PUT', path, body: updated, target }, options);
	return typedUser(updated);
}
