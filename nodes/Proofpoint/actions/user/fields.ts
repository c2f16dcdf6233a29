import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { invalidInput, readDomain, readEmail, readEmailList, readSenderEntries, readText } from '../../parameters/read';
import { ESSENTIALS_USER_TYPES } from '../../types';

export interface OrgUser {
	domain: string;
	email: string;
}

export function readOrgUser(this: IExecuteFunctions, itemIndex: number): OrgUser {
	return {
		domain: readDomain(this, itemIndex, 'domain', 'Organization Domain'),
		email: readEmail(this, itemIndex, 'email', 'Email'),
	};
}

function titleOf(type: string): string {
	return type
		.split('_')
		.map((word) => word[0].toUpperCase() + word.slice(1))
		.join(' ');
}

export const userTypeOptions = ESSENTIALS_USER_TYPES.map((type) => ({ name: titleOf(type), value: type }));

/** The user attributes Create and Update both offer (Update also offers them as "Update Fields"). */
export const userAttributeFields: INodeProperties[] = [
	{ displayName: 'First Name', name: 'firstname', type: 'string', default: '' },
	{ displayName: 'Last Name', name: 'surname', type: 'string', default: '' },
	{
		displayName: 'Type',
		name: 'type',
		type: 'options',
		options: userTypeOptions,
		default: 'end_user',
		description:
			'Functional Account takes a mailbox (shared, service or leaver) out of license billing',
	},
	{ displayName: 'Active', name: 'isActive', type: 'boolean', default: true, description: 'Whether the user is active' },
	{
		displayName: 'Billable',
		name: 'isBillable',
		type: 'boolean',
		default: true,
		description: 'Whether the user counts towards licenses (Proofpoint allows one non-billable user per organization)',
	},
	{
		displayName: 'Alias Emails',
		name: 'aliasEmails',
		type: 'string',
		default: '',
		placeholder: 'e.g. bob@example.com, robert@example.com',
		description: "Comma-separated; replaces the user's aliases",
	},
	{
		displayName: 'Allowed Senders',
		name: 'whiteListSenders',
		type: 'string',
		default: '',
		placeholder: 'e.g. *@partner.com, news@vendor.com',
		description: "Comma-separated addresses or *@domain patterns; replaces the user's allow list",
	},
	{
		displayName: 'Blocked Senders',
		name: 'blackListSenders',
		type: 'string',
		default: '',
		placeholder: 'e.g. spam@example.net',
		description: "Comma-separated addresses or *@domain patterns; replaces the user's block list",
	},
];

/** Turns the chosen fields into the API's user attributes, checking each one. */
export function userAttributes(context: IExecuteFunctions, itemIndex: number, fields: IDataObject): IDataObject {
	const body: IDataObject = {};
	if (fields.firstname !== undefined) body.firstname = readText(context, itemIndex, fields.firstname, 'First Name');
	if (fields.surname !== undefined) body.surname = readText(context, itemIndex, fields.surname, 'Last Name');
	if (fields.type !== undefined) {
		if (!(ESSENTIALS_USER_TYPES as readonly unknown[]).includes(fields.type)) {
			throw invalidInput(context, itemIndex, 'Type', `"${String(fields.type)}" is not a user type`, `Use one of: ${ESSENTIALS_USER_TYPES.join(', ')}.`);
		}
		body.type = fields.type;
	}
	if (fields.isActive !== undefined) body.is_active = Boolean(fields.isActive);
	if (fields.isBillable !== undefined) body.is_billable = Boolean(fields.isBillable);
	if (fields.aliasEmails !== undefined) body.alias_emails = readEmailList(context, itemIndex, fields.aliasEmails, 'Alias Emails');
	if (fields.whiteListSenders !== undefined) {
		body.white_list_senders = readSenderEntries(context, itemIndex, fields.whiteListSenders, 'Allowed Senders');
	}
	if (fields.blackListSenders !== undefined) {
		body.black_list_senders = readSenderEntries(context, itemIndex, fields.blackListSenders, 'Blocked Senders');
	}
	return body;
}
