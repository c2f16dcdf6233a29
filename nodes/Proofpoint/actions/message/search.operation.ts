import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { checkMessageIdHeader, CTR_PAGE_ROWS, messageFilters, simplifyMessage, type MessageQuery, type Order } from '../../helpers/ctr';
import { toList } from '../../helpers/validate';
import { optionsCollection, returnAllAndLimit } from '../../parameters/fields';
import { invalidInput, readEmailList, readLimit, readText, type ParameterContext } from '../../parameters/read';
import { searchCtr } from '../../transport/ctr';
import type { CallOptions } from '../../transport/request';
import { CTR_CALLS_SPENT, ctrTimeRangeFields, orderOption, readCtrRange, readOrder, readSimplify, simplifyField } from '../cloudThreatResponse';
import { forOperation } from '../descriptions';
import type { OperationOption } from '../operation';
import { MESSAGE_SIMPLIFIED_FIELDS } from './get.operation';

export const option: OperationOption = {
	name: 'Search',
	action: 'Search messages',
	description: `Find messages Cloud Threat Response has seen by time, sender, recipient, subject or Message-ID header, e.g. the delivered message of a TAP click: one request per ${CTR_PAGE_ROWS} messages`,
	tool: `Finds messages Cloud Threat Response has seen by received time (any time by default), sender, recipient, subject text or Message-ID header, one item per message, newest first; its id is what Get and workflow Run take. One call per ${CTR_PAGE_ROWS} messages (the default Limit of 50 is one), ${CTR_CALLS_SPENT}.`,
};

const filterFields: INodeProperties[] = [
	{
		displayName: 'Message-ID Header',
		name: 'messageIdHeader',
		type: 'string',
		default: '',
		placeholder: 'e.g. {{ $json.messageID }}',
		description: "The message's Message-ID header, with or without &lt;&gt;, e.g. a SIEM event's messageID; several separated by commas",
	},
	{
		displayName: 'Recipient',
		name: 'recipient',
		type: 'string',
		default: '',
		placeholder: 'e.g. {{ $json.recipient }}',
		description: 'Messages to this address (case does not matter); several separated by commas',
	},
	{
		displayName: 'Sender',
		name: 'sender',
		type: 'string',
		default: '',
		placeholder: 'e.g. {{ $json.sender }}',
		description: 'Messages from this address (case does not matter); several separated by commas',
	},
	{
		displayName: 'Subject Contains',
		name: 'subject',
		type: 'string',
		default: '',
		description: 'Messages whose subject contains this text',
	},
];

export const description: INodeProperties[] = forOperation('message', 'search', [
	...ctrTimeRangeFields('messages', 'the time Cloud Threat Response received them', 'any'),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		description: 'Every filter added must hold; values separated by commas within one filter are alternatives',
		options: filterFields,
	},
	...returnAllAndLimit(),
	simplifyField(MESSAGE_SIMPLIFIED_FIELDS),
	optionsCollection([orderOption('received time')]),
]);

interface Prepared {
	query: MessageQuery;
	order: Order;
	limit: number | undefined;
	simplify: boolean;
}

/** The Message-ID headers of the filter, each checked (a list from commas or an expression). */
function readMessageIds(context: ParameterContext, itemIndex: number, value: unknown): string[] {
	return toList(value).map((entry) => {
		const checked = checkMessageIdHeader(entry);
		if ('problem' in checked) throw invalidInput(context, itemIndex, 'Message-ID Header', `entry ${checked.problem}`);
		return checked.value;
	});
}

export function prepare(this: IExecuteFunctions, itemIndex: number): Prepared {
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	return {
		query: {
			range: readCtrRange(this, itemIndex),
			senders: readEmailList(this, itemIndex, filters.sender, 'Sender'),
			recipients: readEmailList(this, itemIndex, filters.recipient, 'Recipient'),
			subject: readText(this, itemIndex, filters.subject ?? '', 'Subject Contains'),
			messageIds: readMessageIds(this, itemIndex, filters.messageIdHeader),
		},
		order: readOrder(this, itemIndex),
		limit: readLimit(this, itemIndex),
		simplify: readSimplify(this, itemIndex),
	};
}

export async function run(this: IExecuteFunctions, { query, order, limit, simplify }: Prepared, options: CallOptions) {
	const { rows } = await searchCtr(this, { of: 'messages', filters: messageFilters(query) as IDataObject, order, limit }, options);
	return simplify ? rows.map((row) => simplifyMessage(row) as IDataObject) : rows;
}
