import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { optionsCollection, returnAllAndLimit } from '../../parameters/fields';
import { invalidInput, limitList, readLimit } from '../../parameters/read';
import { listWorkflows, type WorkflowTarget } from '../../transport/ctr';
import type { CallOptions } from '../../transport/request';
import { CTR_CALLS_SPENT } from '../cloudThreatResponse';
import { forOperation } from '../descriptions';
import type { OperationOption } from '../operation';

export const option: OperationOption = {
	name: 'Get Many',
	action: 'Get many remediation workflows',
	description: "List the tenant's enabled manual remediation workflows for messages or for incidents (one request), e.g. to find the one that pulls a message from every mailbox",
	tool: `Lists the tenant's enabled manual remediation workflows that run on messages or on incidents, one item per workflow (id, name, description, type); Run takes the id. One call ${CTR_CALLS_SPENT}; Limit cuts the output.`,
};

export const targetTypeField: INodeProperties = {
	displayName: 'Target Type',
	name: 'targetType',
	type: 'options',
	options: [
		{ name: 'Message', value: 'message', description: 'Workflows that run on messages, e.g. pull a message from every mailbox' },
		{ name: 'Incident', value: 'incident', description: "Workflows that run on incidents, e.g. quarantine an incident's messages" },
	],
	default: 'message',
	description: 'What the workflows run on',
};

export const description: INodeProperties[] = forOperation('workflow', 'getAll', [targetTypeField, ...returnAllAndLimit(), optionsCollection()]);

interface Prepared {
	type: WorkflowTarget;
	limit: number | undefined;
}

export function prepare(this: IExecuteFunctions, itemIndex: number): Prepared {
	const type = this.getNodeParameter('targetType', itemIndex, 'message');
	if (type !== 'message' && type !== 'incident') {
		throw invalidInput(this, itemIndex, 'Target Type', `"${String(type)}" is not a choice`, 'Choose Message or Incident.');
	}
	return { type, limit: readLimit(this, itemIndex) };
}

export const key = ({ type, limit }: Prepared) => `${type} ${limit ?? 'all'}`;

export async function run(this: IExecuteFunctions, { type, limit }: Prepared, options: CallOptions) {
	return limitList(await listWorkflows(this, type, options), limit);
}
