import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { SenderListChange } from '../helpers/senders';
import { invalidInput, readSenderEntries } from '../parameters/read';

export type SenderListName = 'blocked' | 'allowed';

/** Which list and which entries an Add/Remove Senders operation works on; `whose` says the user's or the organization's. */
export function senderListFields(whose: string): INodeProperties[] {
	return [
		{
			displayName: 'Sender List',
			name: 'senderList',
			type: 'options',
			options: [
				{ name: 'Blocked Senders', value: 'blocked', description: `${whose} block list: mail from these senders is refused` },
				{ name: 'Allowed Senders', value: 'allowed', description: `${whose} allow list: mail from these senders is not filtered as spam` },
			],
			default: 'blocked',
		},
		{
			displayName: 'Senders',
			name: 'senders',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. bad@evil.example, *@evil.example',
			description: 'Addresses, domains or *@domain patterns, comma-separated, or a list from an expression (e.g. a SIEM event\'s sender)',
		},
	];
}

export interface SenderListRequest {
	list: SenderListName;
	entries: string[];
}

export function readSenderListRequest(context: IExecuteFunctions, itemIndex: number): SenderListRequest {
	const list = context.getNodeParameter('senderList', itemIndex, 'blocked');
	if (list !== 'blocked' && list !== 'allowed') {
		throw invalidInput(context, itemIndex, 'Sender List', `"${String(list)}" is not a list`, 'Choose Blocked Senders or Allowed Senders.');
	}
	const entries = readSenderEntries(context, itemIndex, context.getNodeParameter('senders', itemIndex, ''), 'Senders');
	if (entries.length === 0) throw invalidInput(context, itemIndex, 'Senders', 'is empty', 'Enter at least one address or *@domain pattern.');
	return { list, entries };
}

/** What an Add/Remove Senders item says about its list, the user's or the organization's alike. */
export function senderChangeResult(list: SenderListName, action: 'add' | 'remove', change: SenderListChange): IDataObject {
	return {
		senderList: list,
		[action === 'add' ? 'added' : 'removed']: change.changed,
		[action === 'add' ? 'alreadyListed' : 'notListed']: change.unchanged,
		changed: change.changed.length > 0,
		senders: change.list,
	};
}
