import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { typedUser } from '../../helpers/coerce';
import { fieldsCollection, newUserEmailField, optionsCollection, orgDomainField } from '../../parameters/fields';
import { essentialsRequest } from '../../transport/essentials';
import type { CallOptions } from '../../transport/request';
import { forOperation } from '../descriptions';
import type { OperationOption } from '../operation';
import { readOrgUser, userAttributeFields, userAttributes } from './fields';

export const option: OperationOption = {
	name: 'Create',
	action: 'Create a user',
	description: 'Add a user to an organization',
	tool: 'Adds a user to an organization by primary email, type end_user unless chosen (functional_account is out of billing), with optional names, active, billable, aliases, sender lists and a welcome email. One Essentials POST request, not repeated after a server error; a second call sends another create. Returns the created user (or what was sent).',
	changes: true,
};

export const description: INodeProperties[] = forOperation('user', 'create', [
	orgDomainField(),
	newUserEmailField({ description: 'Primary email address of the new user' }),
	fieldsCollection('additionalFields', [
		...userAttributeFields,
		{
			displayName: 'Send Welcome Email',
			name: 'sendWelcomeEmail',
			type: 'boolean',
			default: false,
			description: 'Whether Proofpoint emails the user a welcome message (the organization must allow it too)',
		},
	]),
	optionsCollection(),
]);

interface Prepared {
	domain: string;
	body: IDataObject;
}

export function prepare(this: IExecuteFunctions, itemIndex: number): Prepared {
	const { domain, email } = readOrgUser.call(this, itemIndex);
	const fields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const body: IDataObject = { primary_email: email, type: 'end_user', ...userAttributes(this, itemIndex, fields) };
	if (fields.sendWelcomeEmail !== undefined) body.send_welcome_email = Boolean(fields.sendWelcomeEmail);
	return { domain, body };
}

export async function run(this: IExecuteFunctions, { domain, body }: Prepared, options: CallOptions) {
	const email = body.primary_email as string;
	const created = await essentialsRequest.call(
		this,
		{ method: 'POST', path: ['orgs', domain, 'users'], body, target: { org: domain, user: email } },
		options,
	);
	// The 201 body is not documented [I]: use the created user when it is one, else what was sent.
	const user = created && typeof created === 'object' && 'primary_email' in created ? (created as IDataObject) : body;
	return typedUser(user);
}
