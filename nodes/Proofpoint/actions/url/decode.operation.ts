import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { checkUrl, decodeBatches, splitUrls } from '../../helpers/urls';
import type { CallOptions } from '../../transport/request';
import { tapRequest } from '../../transport/tap';
import { forOperation, optionsCollection } from '../descriptions';
import { asNodeError, errorItem } from '../errors';
import type { OperationOption } from '../operation';
import { callOptions, invalidInput, valueOrRefuse } from '../parameters';

export const option: OperationOption = {
	name: 'Decode',
	action: 'Decode URLs',
	description:
		'Turn URLs rewritten by Proofpoint URL Defense (urldefense.com, v1–v3) back into the original links: up to 1,000 URLs per request, from a daily pool of 1,800',
};

// No maximum is documented [?]: Proofpoint's own client sends a whole list; 1,000 URLs and 256 KB keep each body well under common gateway limits.
export const DECODE_BATCH_URLS = 1000;
export const DECODE_BATCH_BYTES = 256 * 1024;

export const description: INodeProperties[] = forOperation('url', 'decode', [
	{
		displayName: 'URLs',
		name: 'urls',
		type: 'string',
		typeOptions: { rows: 3 },
		required: true,
		default: '',
		placeholder: 'e.g. https://urldefense.com/v3/__https://example.com/__;!!ABC!xyz$',
		description: 'One URL per line (or separated by spaces), or a list from an expression. Each URL becomes one output item.',
	},
	optionsCollection(),
]);

interface ItemUrls {
	itemIndex: number;
	urls: string[];
	options: CallOptions;
}

function readUrls(context: IExecuteFunctions, itemIndex: number): ItemUrls {
	const entries = splitUrls(context.getNodeParameter('urls', itemIndex, ''));
	if (entries.length === 0) {
		throw invalidInput(context, itemIndex, 'URLs', 'is empty', 'Enter at least one URL, or map a field that holds them.');
	}
	const urls = entries.map((entry) => valueOrRefuse(context, itemIndex, 'URLs', checkUrl(entry)));
	return { itemIndex, urls, options: callOptions(context, itemIndex) };
}

/**
 * Every URL of every input item in as few requests as the API allows: each distinct URL once, up to
 * 1,000 per request. One output item per URL, paired with its item; a URL Proofpoint cannot decode is
 * a result with success false.
 */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const continueOnFail = this.continueOnFail();
	const wanted: Array<ItemUrls | { itemIndex: number; error: Error }> = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			wanted.push(readUrls(this, itemIndex));
		} catch (error) {
			if (!continueOnFail) throw asNodeError(this, error, itemIndex);
			wanted.push({ itemIndex, error: asNodeError(this, error, itemIndex) });
		}
	}
	const readable = wanted.filter((entry): entry is ItemUrls => 'urls' in entry);
	const results = new Map<string, IDataObject>();
	const failures = new Map<string, Error>();
	for (const batch of decodeBatches(readable.flatMap((entry) => entry.urls), DECODE_BATCH_URLS, DECODE_BATCH_BYTES)) {
		const first = readable.find((entry) => entry.urls.includes(batch[0])) as ItemUrls;
		try {
			const answer = await tapRequest.call(this, { method: 'POST', path: ['v2', 'url', 'decode'], body: { urls: batch }, target: { urlDecode: true } }, first.options);
			const decoded = Array.isArray(answer.urls) ? (answer.urls as IDataObject[]) : [];
			const asked = new Set(batch);
			// Results are matched on encodedUrl; one that does not echo a URL it was sent is taken in order.
			decoded.forEach((result, index) => results.set(asked.has(result.encodedUrl as string) ? (result.encodedUrl as string) : batch[index], result));
		} catch (error) {
			if (!continueOnFail) throw asNodeError(this, error, first.itemIndex);
			for (const url of batch) failures.set(url, asNodeError(this, error, first.itemIndex));
		}
	}
	const output: INodeExecutionData[] = [];
	for (const entry of wanted) {
		if ('error' in entry) {
			output.push(errorItem(entry.error, entry.itemIndex));
			continue;
		}
		const failed = entry.urls.map((url) => failures.get(url)).find(Boolean);
		if (failed) {
			output.push(errorItem(failed, entry.itemIndex));
			continue;
		}
		const pairedItem = { item: entry.itemIndex };
		for (const url of entry.urls) {
			const result = results.get(url) ?? { encodedUrl: url, success: false, error: 'Proofpoint returned no result for this URL' };
			output.push({ json: { ...result }, pairedItem });
		}
	}
	return output;
}

export const batch = true;
