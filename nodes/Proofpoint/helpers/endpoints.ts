import type { IDataObject } from 'n8n-workflow';

export interface StackEndpoint {
	stack: string | null;
	url: string;
}

const HOSTED_STACK = /^([a-z]{2}\d)\.proofpointessentials\.com$/i;
const PATH_STACK = /\/((?:us|eu|au)\d)(?:\/|$)/i;

function stackOfUrl(url: string): string | null {
	try {
		const parsed = new URL(url);
		return (HOSTED_STACK.exec(parsed.hostname)?.[1] ?? PATH_STACK.exec(parsed.pathname)?.[1] ?? null)?.toLowerCase() ?? null;
	} catch {
		return /^[a-z]{2}\d$/i.test(url) ? url.toLowerCase() : null;
	}
}

function apiUrl(stack: string): string {
	return `https://${stack}.proofpointessentials.com/api/v1`;
}

/** One entry of `/endpoints/{domain}`: its shape is not documented [I], so strings and objects are both read. */
export function normalizeEndpoint(entry: unknown): StackEndpoint | undefined {
	if (typeof entry === 'string' && entry.trim()) {
		const text = entry.trim();
		const stack = stackOfUrl(text);
		return { stack, url: /^https?:\/\//i.test(text) ? text : stack ? apiUrl(stack) : text };
	}
	if (entry && typeof entry === 'object') {
		const object = entry as IDataObject;
		const url = [object.url, object.endpoint, object.base_url, object.host].find((value) => typeof value === 'string') as
			| string
			| undefined;
		const stack = typeof object.stack === 'string' ? object.stack.toLowerCase() : url ? stackOfUrl(url) : null;
		if (url) return { stack, url };
		if (stack) return { stack, url: apiUrl(stack) };
	}
	return undefined;
}
