import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { CallOptions } from '../../transport/request';
import type { OperationOption } from '../operation';
import { changeUserSenders, prepareSenders, senderOperationDescription, type Prepared } from './senders';

export const option: OperationOption = {
	name: 'Remove Senders',
	action: "Remove senders from a user's sender list",
	description: "Changes the tenant: removes addresses or *@domain patterns from the user's blocked or allowed senders (other entries kept)",
	tool: "Removes addresses or *@domain patterns from one user's blocked or allowed senders, keeping the other entries. One Essentials request reads the user; a second writes it back only when an entry was there, so repeating it sends nothing. Returns one item: removed, notListed, changed, the list as senders, and the user.",
	changes: true,
};

export const description: INodeProperties[] = senderOperationDescription('removeSenders');

export const prepare = prepareSenders;

export async function run(this: IExecuteFunctions, prepared: Prepared, options: CallOptions) {
	return await changeUserSenders(this, prepared, 'remove', options);
}
