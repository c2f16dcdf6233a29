import {
	deepCopy,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';

import { asNodeError, errorItem } from './errors';
import { callOptions } from './parameters';
import type { CallOptions } from '../transport/request';
import type { ItemOperation, Operation } from './operation';
import { operationsByResource } from './resources';

function findOperation(context: IExecuteFunctions): Operation {
	const resource = context.getNodeParameter('resource', 0) as string;
	const operation = context.getNodeParameter('operation', 0) as string;
	if (operation === '__CUSTOM_API_CALL__') {
		throw new NodeOperationError(context.getNode(), 'Custom API calls are made with the HTTP Request node', {
			description:
				'Add an HTTP Request node, set Authentication to "Predefined Credential Type" and choose the Proofpoint credential: it sends the same X-User/X-Password or Basic authentication.',
		});
	}
	const found = operationsByResource[resource]?.[operation];
	if (!found) {
		throw new NodeOperationError(context.getNode(), `The operation "${operation}" of "${resource}" is not known`, {
			description: 'Open the node and choose the resource and operation again.',
		});
	}
	return found;
}

async function runPerItem(
	context: IExecuteFunctions,
	operation: ItemOperation<unknown>,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const continueOnFail = context.continueOnFail();

	// Every item's parameters are checked before the first request, so bad input never half-applies.
	const prepared: Array<{ ok: true; value: unknown; options: CallOptions } | { ok: false; error: Error }> = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const value = await operation.prepare.call(context, itemIndex);
			prepared.push({ ok: true, value, options: callOptions(context, itemIndex) });
		} catch (error) {
			const nodeError = asNodeError(context, error, itemIndex);
			if (!continueOnFail) throw nodeError;
			prepared.push({ ok: false, error: nodeError });
		}
	}

	// Items that ask for the same thing (500 SIEM events naming 12 threats) share one request and its answer.
	const answers = new Map<string, Promise<IDataObject | IDataObject[]>>();
	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const entry = prepared[itemIndex];
		if (!entry.ok) {
			output.push(errorItem(entry.error, itemIndex));
			continue;
		}
		try {
			const key = operation.key?.(entry.value);
			let data: IDataObject | IDataObject[];
			const shared = key === undefined ? undefined : answers.get(key);
			if (shared) data = deepCopy(await shared);
			else {
				const answer = operation.run.call(context, entry.value, entry.options);
				if (key !== undefined) answers.set(key, answer);
				data = await answer;
			}
			// Built directly, with one pairing object per input item: Get Many can return tens of thousands of users.
			const pairedItem = { item: itemIndex };
			if (!Array.isArray(data)) output.push({ json: data, pairedItem });
			else for (const json of data) output.push({ json, pairedItem });
		} catch (error) {
			const nodeError = asNodeError(context, error, itemIndex);
			if (!continueOnFail) throw nodeError;
			output.push(errorItem(nodeError, itemIndex));
		}
	}
	return output;
}

export async function route(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const operation = findOperation(this);
	if ('batch' in operation) return [await operation.execute.call(this, items)];
	return [await runPerItem(this, operation, items)];
}
