import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

/** A failed item's output under Continue On Fail: the error's message, advice and status, paired with the item. */
export function errorItem(error: Error, itemIndex: number): INodeExecutionData {
	const json: IDataObject = { error: error.message };
	const description = (error as { description?: string }).description;
	const httpCode = (error as { httpCode?: string }).httpCode;
	if (description) json.description = description;
	if (httpCode) json.httpCode = httpCode;
	return { json, pairedItem: { item: itemIndex } };
}
