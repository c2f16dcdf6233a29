import { NodeOperationError, type INode } from 'n8n-workflow';

/**
 * Errors leave a node or a trigger as n8n's own: a NodeApiError or NodeOperationError as it was made
 * (told by name too, as n8n may load another copy of n8n-workflow), anything else wrapped, for its item when it has one.
 */
export function asNodeError(context: { getNode(): INode }, error: unknown, itemIndex?: number): Error {
	const name = (error as { name?: string } | undefined)?.name;
	if (error instanceof NodeOperationError || name === 'NodeApiError' || name === 'NodeOperationError') return error as Error;
	return new NodeOperationError(context.getNode(), error as Error, itemIndex === undefined ? {} : { itemIndex });
}
