import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { CallOptions } from '../../transport/request';
import type { OperationOption } from '../operation';
import { changeOrgSenders, orgSenderOperationDescription, prepareOrgSenders, type Prepared } from './senders';

export const option: OperationOption = {
	name: 'Remove Senders',
	action: "Remove senders from an organization's list",
	description: "Changes the tenant: removes addresses or *@domain patterns from the organization's blocked or allowed senders",
	tool: "Removes addresses or *@domain patterns from an organization's blocked or allowed senders. One Essentials request reads the lists; a second sends only the entries that are there, none when none is, so repeating it changes nothing. Returns one item: removed, notListed, changed and the whole list as senders.",
	changes: true,
};

export const description: INodeProperties[] = orgSenderOperationDescription('removeSenders');

export const prepare = prepareOrgSenders;

export async function run(this: IExecuteFunctions, prepared: Prepared, options: CallOptions) {
	return await changeOrgSenders(this, prepared, 'remove', options);
}
