import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { changeSenders } from '../../helpers/senders';
import { optionsCollection, orgDomainField } from '../../parameters/fields';
import { readOrgDomain } from '../../parameters/read';
import { essentialsObject, essentialsRequest } from '../../transport/essentials';
import type { CallOptions } from '../../transport/request';
import { forOperation } from '../descriptions';
import { readSenderListRequest, senderChangeResult, senderListFields, type SenderListRequest } from '../senderLists';

const ORG_LIST_KEYS = { blocked: 'block_list', allowed: 'allow_list' } as const;

export function orgSenderOperationDescription(operation: string): INodeProperties[] {
	return forOperation('organization', operation, [orgDomainField(), ...senderListFields("The organization's"), optionsCollection()]);
}

export interface Prepared extends SenderListRequest {
	domain: string;
}

export function prepareOrgSenders(this: IExecuteFunctions, itemIndex: number): Prepared {
	return { domain: readOrgDomain.call(this, itemIndex), ...readSenderListRequest(this, itemIndex) };
}

export async function readOrgSenderLists(context: IExecuteFunctions, domain: string, options: CallOptions): Promise<IDataObject> {
	return await essentialsObject.call(context, { method: 'GET', path: ['orgs', domain, 'sender-lists'], target: { org: domain } }, options);
}

/**
 * Adds or removes entries of one of the organization's lists: the lists are read first, so only
 * entries that change are sent, and nothing is sent when none does.
 */
export async function changeOrgSenders(context: IExecuteFunctions, { domain, list, entries }: Prepared, action: 'add' | 'remove', options: CallOptions): Promise<IDataObject> {
	const lists = await readOrgSenderLists(context, domain, options);
	const key = ORG_LIST_KEYS[list];
	const change = changeSenders(lists[key] as unknown[] | undefined, entries, action);
	if (change.changed.length) {
		// The write verbs come only from the spec-generated tools [S]: POST adds the entries given, DELETE removes them.
		await essentialsRequest.call(
			context,
			{ method: action === 'add' ? 'POST' : 'DELETE', path: ['orgs', domain, 'sender-lists'], body: { [key]: change.changed }, target: { org: domain } },
			options,
		);
	}
	return { domain, ...senderChangeResult(list, action, change) };
}
