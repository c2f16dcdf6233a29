import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { CallOptions } from '../../transport/request';
import type { OperationOption } from '../operation';
import { changeOrgSenders, orgSenderOperationDescription, prepareOrgSenders, type Prepared } from './senders';

export const option: OperationOption = {
	name: 'Add Senders',
	action: "Add senders to an organization's sender list (changes the tenant)",
	description:
		"Changes the tenant: adds addresses or *@domain patterns to the organization's blocked or allowed senders, for all its users (entries already there are left alone)",
};

export const description: INodeProperties[] = orgSenderOperationDescription('addSenders');

export const prepare = prepareOrgSenders;

export async function run(this: IExecuteFunctions, prepared: Prepared, options: CallOptions) {
	return await changeOrgSenders(this, prepared, 'add', options);
}
