import type { Checked } from './validate';

/** URLs from a parameter: a list from an expression, or text with one URL per line (or separated by spaces or ", "). */
export function splitUrls(value: unknown): unknown[] {
	if (value === undefined || value === null || value === '') return [];
	if (Array.isArray(value)) return value.filter((entry) => entry !== '' && entry !== null && entry !== undefined);
	if (typeof value !== 'string') return [value];
	// A comma can be part of a URL: only one followed by a new URL separates two.
	return value
		.split(/\s+|,(?=\s*https?:\/\/)/i)
		.map((part) => part.trim())
		.filter((part) => part !== '');
}

const MAX_URL_LENGTH = 8192;

/** A URL to decode: http(s), without spaces, of a sane length. Whether it is a rewritten one is for Proofpoint to say. */
export function checkUrl(value: unknown): Checked<string> {
	if (typeof value !== 'string') return { problem: `must be a URL, but an entry is ${value === null ? 'empty' : `a ${typeof value}`}` };
	const url = value.trim();
	if (url.length > MAX_URL_LENGTH) return { problem: `has a URL of ${url.length} characters: at most ${MAX_URL_LENGTH}` };
	if (!/^https?:\/\/\S+$/i.test(url)) {
		return { problem: `has an entry that is not an http(s) URL: ${JSON.stringify(url.slice(0, 80))}` };
	}
	return { value: url };
}

/**
 * The decoder's requests: every distinct URL once, in batches of at most `maxUrls` URLs and about
 * `maxBytes` of JSON, in first-seen order.
 */
export function decodeBatches(urls: readonly string[], maxUrls: number, maxBytes: number): string[][] {
	const batches: string[][] = [];
	let batch: string[] = [];
	let bytes = 0;
	for (const url of new Set(urls)) {
		const size = url.length + 3;
		if (batch.length && (batch.length >= maxUrls || bytes + size > maxBytes)) {
			batches.push(batch);
			batch = [];
			bytes = 0;
		}
		batch.push(url);
		bytes += size;
	}
	if (batch.length) batches.push(batch);
	return batches;
}
