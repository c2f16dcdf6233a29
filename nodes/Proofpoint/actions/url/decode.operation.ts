import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { checkUrl, decodeBatches, splitUrls } from '../../helpers/urls';
import { optionsCollection } from '../../parameters/fields';
import { invalidInput, valueOrRefuse } from '../../parameters/read';
import { DECODE_BATCH_BYTES, DECODE_BATCH_URLS, decodeUrls } from '../../transport/urlDecode';
import { forOperation } from '../descriptions';
import type { OperationOption, PreparedItem } from '../operation';

export const option: OperationOption = {
	name: 'Decode',
	action: 'Decode URLs',
	description:
		'Turn URLs rewritten by Proofpoint URL Defense (urldefense.com, v1–v3) back into the original links: up to 1,000 URLs per request, from a daily pool of 1,800',
	tool: "Turns links rewritten by URL Defense (urldefense.com, v1 to v3) back into the originals, one item per URL with encodedUrl, decodedUrl and success (false when one cannot be decoded). One request per 1,000 distinct URLs (or 256 KB) of all items together, from TAP's URL Decoder pool of 1,800 a day. TAP credential only.",
};

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

export function prepare(this: IExecuteFunctions, itemIndex: number): string[] {
	const entries = splitUrls(this.getNodeParameter('urls', itemIndex, ''));
	if (entries.length === 0) {
		throw invalidInput(this, itemIndex, 'URLs', 'is empty', 'Enter at least one URL, or map a field that holds them.');
	}
	return entries.map((entry) => valueOrRefuse(this, itemIndex, 'URLs', checkUrl(entry)));
}

/**
 * Every URL of every input item in as few requests as the API allows: each distinct URL once, up to
 * 1,000 per request. One output item per URL, paired with its item; a URL Proofpoint cannot decode is
 * a result with success false.
 */
export async function runBatch(
	this: IExecuteFunctions,
	items: Array<PreparedItem<string[]>>,
	failed: (error: Error, itemIndex: number) => Error,
): Promise<Array<IDataObject[] | Error>> {
	const results = new Map<string, IDataObject>();
	const failures = new Map<string, Error>();
	for (const batch of decodeBatches(items.flatMap((item) => item.value), DECODE_BATCH_URLS, DECODE_BATCH_BYTES)) {
		const first = items.find((item) => item.value.includes(batch[0])) as PreparedItem<string[]>;
		try {
			for (const [url, result] of await decodeUrls(this, batch, first.options)) results.set(url, result);
		} catch (error) {
			const itemError = failed(error, first.itemIndex);
			for (const url of batch) failures.set(url, itemError);
		}
	}
	return items.map(({ value: urls }) => {
		const failure = urls.map((url) => failures.get(url)).find(Boolean);
		if (failure) return failure;
		return urls.map((url) => ({ ...(results.get(url) ?? { encodedUrl: url, success: false, error: 'Proofpoint returned no result for this URL' }) }));
	});
}
