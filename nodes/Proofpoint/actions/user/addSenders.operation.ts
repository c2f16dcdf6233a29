import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { CallOptions } from '../../transport/request';
import type { OperationOption } from '../operation';
import { changeUserSenders, prepareSenders, senderOperationDescription, type Prepared } from './senders';

export const option: OperationOption = {
	name: 'Add Senders',
	action: "Add senders to a user's sender list",
	description:
		"Changes the tenant: adds addresses or *@domain patterns to the user's blocked or allowed senders (other entries kept; one already there is left alone)",
	tool: "Adds addresses or *@domain patterns to one user's blocked or allowed senders, keeping the other entries. One Essentials request reads the user; a second writes it back only when an entry is new, so repeating it sends nothing. Returns one item: added, alreadyListed, changed, the list as senders, and the user.",
	changes: true,
};

export const description: INodeProperties[] = senderOperationDescription('addSenders');

export const prepare = prepareSenders;

export async function run(this: IExecuteFunctions, prepared: Prepared, options: CallOptions) {
	return await changeUserSenders(this, prepared, 'add', options);
}
