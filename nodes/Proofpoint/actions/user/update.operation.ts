import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { typedUser } from '../../helpers/coerce';
import { fieldsCollection, optionsCollection, orgDomainField, userEmailField } from '../../parameters/fields';
import { requireChanges } from '../../parameters/read';
import { essentialsObject, essentialsRequest } from '../../transport/essentials';
import type { CallOptions } from '../../transport/request';
import { forOperation } from '../descriptions';
import type { OperationOption } from '../operation';
import { readOrgUser, userAttributeFields, userAttributes } from './fields';

export const option: OperationOption = {
	name: 'Update',
	action: 'Update a user',
	description: 'Change type (e.g. functional account), state, names, aliases or sender lists',
	tool: 'Changes the chosen fields of one user: names, type (e.g. functional_account), active, billable; aliases and sender lists are replaced whole. Two Essentials requests: the user is read, then written back whole with the changes; the same values again change nothing more. Returns the updated user.',
	changes: true,
};

export const description: INodeProperties[] = forOperation('user', 'update', [
	orgDomainField(),
	userEmailField(),
	fieldsCollection('updateFields', userAttributeFields),
	optionsCollection(),
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
	requireChanges(this, itemIndex, changes);
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
