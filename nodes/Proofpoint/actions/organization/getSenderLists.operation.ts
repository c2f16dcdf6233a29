import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { optionsCollection, orgDomainField } from '../../parameters/fields';
import { readOrgDomain } from '../../parameters/read';
import type { CallOptions } from '../../transport/request';
import { forOperation } from '../descriptions';
import type { OperationOption } from '../operation';
import { readOrgSenderLists } from './senders';

export const option: OperationOption = {
	name: 'Get Sender Lists',
	action: "Get an organization's sender lists",
	description: "Get the organization's allowed and blocked senders, which apply to all its users",
	tool: 'Returns one item: the domain, allowedSenders and blockedSenders, the organization-wide lists of addresses and *@domain patterns that apply to all its users. One Essentials request.',
};

export const description: INodeProperties[] = forOperation('organization', 'getSenderLists', [orgDomainField(), optionsCollection()]);

export const prepare = readOrgDomain;

export async function run(this: IExecuteFunctions, domain: string, options: CallOptions) {
	const lists = await readOrgSenderLists(this, domain, options);
	return { domain, allowedSenders: lists.allow_list ?? [], blockedSenders: lists.block_list ?? [] };
}
