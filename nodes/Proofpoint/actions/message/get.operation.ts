import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { simplifyMessage } from '../../helpers/ctr';
import { optionsCollection } from '../../parameters/fields';
import { getMessage } from '../../transport/ctr';
import type { CallOptions } from '../../transport/request';
import { CTR_CALLS_SPENT, readCtrId, readSimplify, simplifyField } from '../cloudThreatResponse';
import { forOperation } from '../descriptions';
import type { OperationOption } from '../operation';

export const option: OperationOption = {
	name: 'Get',
	action: 'Get a message',
	description: 'Get a message Cloud Threat Response has seen by its ID, with its timeline (remediations, notifications). Items sharing an ID make one request.',
	tool: `Returns one item: a message Cloud Threat Response has seen, by its CTR ID (a UUID, not the Message-ID header), with subject, sender, recipient, disposition, verdict, remediation status, incidents and its timeline. One call per distinct ID, ${CTR_CALLS_SPENT}.`,
};

export const MESSAGE_SIMPLIFIED_FIELDS =
	'ID, Message-ID header, subject, sender, recipient, received time, disposition, verdict, confidence, remediation status, incidents, sources';

export const description: INodeProperties[] = forOperation('message', 'get', [
	{
		displayName: 'Message ID',
		name: 'messageId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 8d0c2f4a-6b1e-4c3d-9a7f-2e5b1c0d4f6a',
		description: "The message's Cloud Threat Response ID (a UUID: a Search result's ID), not its Message-ID header",
	},
	simplifyField(MESSAGE_SIMPLIFIED_FIELDS),
	optionsCollection(),
]);

interface Prepared {
	id: string;
	simplify: boolean;
}

export function prepare(this: IExecuteFunctions, itemIndex: number): Prepared {
	return { id: readCtrId(this, itemIndex, 'messageId', 'Message ID'), simplify: readSimplify(this, itemIndex) };
}

export const key = ({ id, simplify }: Prepared) => `${id} ${simplify}`;

export async function run(this: IExecuteFunctions, { id, simplify }: Prepared, options: CallOptions) {
	const message = await getMessage(this, id, options);
	if (!simplify) return message;
	const details = message.details && typeof message.details === 'object' ? (message.details as IDataObject) : message;
	const simplified = simplifyMessage(details) as IDataObject;
	if (Array.isArray(message.timeline)) simplified.timeline = message.timeline;
	return simplified;
}
