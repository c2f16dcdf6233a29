import type { IDataObject } from 'n8n-workflow';

import type { ApiContext, CallOptions } from './request';
import { tapRequest } from './tap';

// No maximum is documented [?]: Proofpoint's own client sends a whole list; 1,000 URLs and 256 KB keep each body well under common gateway limits.
export const DECODE_BATCH_URLS = 1000;
export const DECODE_BATCH_BYTES = 256 * 1024;

/** One request to the URL Decoder for a batch of URLs: each URL's result, by the URL as it was sent. */
export async function decodeUrls(context: ApiContext, batch: string[], options: CallOptions): Promise<Map<string, IDataObject>> {
	const answer = await tapRequest.call(context, { method: 'POST', path: ['v2', 'url', 'decode'], body: { urls: batch }, target: { urlDecode: true } }, options);
	const decoded = Array.isArray(answer.urls) ? (answer.urls as IDataObject[]) : [];
	const asked = new Set(batch);
	const results = new Map<string, IDataObject>();
	// Results are matched on encodedUrl; one that does not echo a URL it was sent is taken in order.
	decoded.forEach((result, index) => results.set(asked.has(result.encodedUrl as string) ? (result.encodedUrl as string) : batch[index], result));
	return results;
}
