import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { OutputShape } from '../helpers/output';
import type { Shaper } from '../parameters/output';
import type { CallOptions } from '../transport/request';

/**
 * How an operation appears in its resource's Operation selector. `action` is the Actions list's
 * wording and a new node's name (so an AI tool's name): short, a verb first.
 */
export interface OperationOption {
	name: string;
	action: string;
	description: string;
	/** What an AI agent reads before calling it as a tool: what it returns, its limits, and what it spends of which quota. */
	tool: string;
	/** It changes the customer's tenant: as a tool it sends nothing until the agent confirms. `unlessDryRun`: only with Dry Run off. */
	changes?: true | 'unlessDryRun';
}

/**
 * An operation that runs once per input item. `prepare` reads and checks the item's parameters
 * without sending anything, so the router can refuse bad input before the first request.
 */
export interface ItemOperation<Prepared = unknown> {
	option: OperationOption;
	description: INodeProperties[];
	prepare(this: IExecuteFunctions, itemIndex: number): Prepared | Promise<Prepared>;
	run(this: IExecuteFunctions, prepared: Prepared, options: CallOptions): Promise<IDataObject | IDataObject[]>;
	/** What the answer depends on: items with the same key share one request (their ids are the same). */
	key?(prepared: Prepared): string;
	/** An answer of more than ten fields: the router shapes it by the item's Output choice (its description holds outputFields). */
	output?: OutputShape;
}

/** One item's checked parameters, as the router hands them to a batched operation. */
export interface PreparedItem<Prepared> {
	itemIndex: number;
	value: Prepared;
	options: CallOptions;
	/** The item's Output choice, for an operation that has one. */
	shape?: Shaper;
}

/**
 * An operation whose items are answered together (1,000 URLs to decode in one request). Every item is
 * prepared first, as for an ItemOperation; `runBatch` then answers all of them at once, one entry
 * per prepared item in order: its data, or the error it met. The router pairs, and honours Continue
 * On Fail; `failed` turns a request's error into that item's error, and throws it when the run must stop.
 */
export interface BatchedOperation<Prepared = unknown> {
	option: OperationOption;
	description: INodeProperties[];
	prepare(this: IExecuteFunctions, itemIndex: number): Prepared | Promise<Prepared>;
	runBatch(
		this: IExecuteFunctions,
		items: Array<PreparedItem<Prepared>>,
		failed: (error: Error, itemIndex: number) => Error,
	): Promise<Array<IDataObject | IDataObject[] | Error>>;
}

/** An operation that reads all input items as one list and decides its own output (the HR list of Mark Functional Accounts). */
export interface WholeInputOperation {
	option: OperationOption;
	description: INodeProperties[];
	wholeInput: true;
	execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]>;
}

export type Operation = ItemOperation<unknown> | BatchedOperation<unknown> | WholeInputOperation;

export type ResourceOperations = Record<string, Operation>;
