import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { typedUser } from '../../helpers/coerce';
import { changeSenders } from '../../helpers/senders';
import { optionsCollection, orgDomainField, userEmailField } from '../../parameters/fields';
import { essentialsObject, essentialsRequest } from '../../transport/essentials';
import type { CallOptions } from '../../transport/request';
import { forOperation } from '../descriptions';
import { readSenderListRequest, senderChangeResult, senderListFields, type SenderListRequest } from '../senderLists';
import { readOrgUser } from './fields';

const USER_LIST_KEYS = { blocked: 'black_list_senders', allowed: 'white_list_senders' } as const;

export function senderOperationDescription(operation: string): INodeProperties[] {
	return forOperation('user', operation, [orgDomainField(), userEmailField(), ...senderListFields("The user's"), optionsCollection()]);
}

export interface Prepared extends SenderListRequest {
	domain: string;
	email: string;
}

export function prepareSenders(this: IExecuteFunctions, itemIndex: number): Prepared {
	return { ...readOrgUser.call(this, itemIndex), ...readSenderListRequest(this, itemIndex) };
}

/** Read-modify-write of one of the user's sender lists; nothing to change sends no PUT. */
export async function changeUserSenders(context: IExecuteFunctions, { domain, email, list, entries }: Prepared, action: 'add' | 'remove', options: CallOptions): Promise<IDataObject> {
	const target = { org: domain, user: email };
	const path = ['orgs', domain, 'users', email];
	const user = await essentialsObject.call(context, { method: 'GET', path, target }, options);
	const key = USER_LIST_KEYS[list];
	const change = changeSenders(user[key] as unknown[] | undefined, entries, action);
	if (change.changed.length) {
		await essentialsRequest.call(context, { method: 'PUT', path, body: { ...user, [key]: change.list, uid: user.uid }, target }, options);
	}
	return {
		email: String(user.primary_email ?? email),
		domain,
		...senderChangeResult(list, action, change),
		user: typedUser({ ...user, [key]: change.list }),
	};
}
