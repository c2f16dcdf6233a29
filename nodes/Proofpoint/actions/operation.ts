import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { CallOptions } from '../transport/request';

/** How an operation appears in its resource's Operation selector (`action` is also its name as an AI tool). */
export interface OperationOption {
	name: string;
	action: string;
	description: string;
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
}

/** An operation that reads all input items at once (the HR list of Mark Functional Accounts). */
export interface BatchOperation {
	option: OperationOption;
	description: INodeProperties[];
	batch: true;
	execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]>;
}

export type Operation = ItemOperation<unknown> | BatchOperation;

export type ResourceOperations = Record<string, Operation>;
