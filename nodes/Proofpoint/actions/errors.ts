import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';

/** Errors become NodeApiError/NodeOperationError before they leave the node. */
export function asNodeError(context: IExecuteFunctions, error: Error, itemIndex: number): Error {
	if (error instanceof NodeOperationError || (error as { name?: string }).name === 'NodeApiError') return error;
	return new NodeOperationError(context.getNode(), error, { itemIndex });
}

export function errorItem(error: Error, itemIndex: number): INodeExecutionData {
	const json: IDataObject = { error: error.message };
	const description = (error as { description?: string }).description;
	const httpCode = (error as { httpCode?: string }).httpCode;
	if (description) json.description = description;
	if (httpCode) json.httpCode = httpCode;
	return { json, pairedItem: { item: itemIndex } };
}
