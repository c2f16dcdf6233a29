import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { CallOptions } from '../../transport/request';
import type { OperationOption } from '../operation';
import { changeOrgSenders, orgSenderOperationDescription, prepareOrgSenders, type Prepared } from './senders';

export const option: OperationOption = {
	name: 'Add Senders',
	action: "Add senders to an organization's sender list",
	description:
		"Changes the tenant: adds addresses or *@domain patterns to the organization's blocked or allowed senders, for all its users (entries already there are left alone)",
	tool: "Adds addresses or *@domain patterns to an organization's blocked or allowed senders, which apply to all its users. One Essentials request reads the lists; a second sends only the entries not already there, none when all are, so repeating it changes nothing. Returns one item: added, alreadyListed, changed and the whole list as senders.",
	changes: true,
};

export const description: INodeProperties[] = orgSenderOperationDescription('addSenders');

export const prepare = prepareOrgSenders;

export async function run(this: IExecuteFunctions, prepared: Prepared, options: CallOptions) {
	return await changeOrgSenders(this, prepared, 'add', options);
}
