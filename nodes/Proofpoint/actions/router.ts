import {
	deepCopy,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';

import { readOutput, type Shaper } from '../parameters/output';
import { callOptions } from '../parameters/read';
import { asNodeError } from '../transport/nodeError';
import { errorItem } from './errors';
import type { BatchedOperation, ItemOperation, Operation, PreparedItem } from './operation';
import { operationsByResource, properties } from './resources';
import { forAgent, isTool, unconfirmedChange } from './tool';

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

type Prepared = Array<{ ok: true; item: PreparedItem<unknown> } | { ok: false; error: Error }>;

/** Every item's parameters, checked before the first request, so bad input never half-applies. */
async function prepareAll(
	context: IExecuteFunctions,
	operation: ItemOperation<unknown> | BatchedOperation<unknown>,
	items: INodeExecutionData[],
	continueOnFail: boolean,
): Promise<Prepared> {
	const prepared: Prepared = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const value = await operation.prepare.call(context, itemIndex);
			const output = 'output' in operation ? operation.output : undefined;
			const shape = output && readOutput(context, itemIndex, output);
			prepared.push({ ok: true, item: { itemIndex, value, options: callOptions(context, itemIndex), shape } });
		} catch (error) {
			const nodeError = asNodeError(context, error, itemIndex);
			if (!continueOnFail) throw nodeError;
			prepared.push({ ok: false, error: nodeError });
		}
	}
	return prepared;
}

/** One output item per answer object, each paired with its input item: built directly, as Get Many can return tens of thousands. */
function pushAnswer(output: INodeExecutionData[], data: IDataObject | IDataObject[], itemIndex: number, shape?: Shaper): void {
	const pairedItem = { item: itemIndex };
	if (!Array.isArray(data)) output.push({ json: shape ? shape(data) : data, pairedItem });
	else if (shape) for (const json of data) output.push({ json: shape(json), pairedItem });
	else for (const json of data) output.push({ json, pairedItem });
}

async function runPerItem(
	context: IExecuteFunctions,
	operation: ItemOperation<unknown>,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const continueOnFail = context.continueOnFail();
	const prepared = await prepareAll(context, operation, items, continueOnFail);
	const unconfirmed = unconfirmedChange(context, operation.option);
	if (unconfirmed) return unconfirmed;

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
			const key = operation.key?.(entry.item.value);
			let data: IDataObject | IDataObject[];
			const shared = key === undefined ? undefined : answers.get(key);
			if (shared) data = deepCopy(await shared);
			else {
				const answer = operation.run.call(context, entry.item.value, entry.item.options);
				if (key !== undefined) answers.set(key, answer);
				data = await answer;
			}
			pushAnswer(output, data, itemIndex, entry.item.shape);
		} catch (error) {
			const nodeError = asNodeError(context, error, itemIndex);
			if (!continueOnFail) throw nodeError;
			output.push(errorItem(nodeError, itemIndex));
		}
	}
	return output;
}

async function runBatched(
	context: IExecuteFunctions,
	operation: BatchedOperation<unknown>,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const continueOnFail = context.continueOnFail();
	const prepared = await prepareAll(context, operation, items, continueOnFail);
	const unconfirmed = unconfirmedChange(context, operation.option);
	if (unconfirmed) return unconfirmed;
	const ready = prepared.flatMap((entry) => (entry.ok ? [entry.item] : []));
	const failed = (error: Error, itemIndex: number) => {
		const nodeError = asNodeError(context, error, itemIndex);
		if (!continueOnFail) throw nodeError;
		return nodeError;
	};
	const answers = ready.length ? await operation.runBatch.call(context, ready, failed) : [];
	const output: INodeExecutionData[] = [];
	let next = 0;
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const entry = prepared[itemIndex];
		const answer = entry.ok ? answers[next++] : entry.error;
		if (answer instanceof Error) output.push(errorItem(answer, itemIndex));
		else pushAnswer(output, answer, itemIndex, entry.ok ? entry.item.shape : undefined);
	}
	return output;
}

async function runOperation(context: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const items = context.getInputData();
	const operation = findOperation(context);
	if ('wholeInput' in operation) return unconfirmedChange(context, operation.option) ?? (await operation.execute.call(context, items));
	if ('runBatch' in operation) return await runBatched(context, operation, items);
	return await runPerItem(context, operation, items);
}

export async function route(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	try {
		return [await runOperation(this)];
	} catch (error) {
		throw isTool(this) ? forAgent(this, properties, error as Error) : error;
	}
}
