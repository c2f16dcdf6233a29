import type { IDataObject } from 'n8n-workflow';

export type Parsed = { ok: true; value: unknown } | { ok: false };

/** Parses a response body sent as text; an empty body is `undefined` (204 and some 200s). */
export function parseJsonBody(body: unknown): Parsed {
	if (body === undefined || body === null) return { ok: true, value: undefined };
	if (typeof body !== 'string') return { ok: true, value: body };
	if (body.trim() === '') return { ok: true, value: undefined };
	try {
		return { ok: true, value: JSON.parse(body) };
	} catch {
		return { ok: false };
	}
}

function firstString(...values: unknown[]): string | undefined {
	for (const value of values) {
		if (typeof value === 'string' && value.trim() !== '') return value.trim();
	}
	return undefined;
}

/** The API's own words from an error body in any of the shapes seen: errors[], message, error, plain text. */
export function apiMessageOf(body: unknown): string | undefined {
	const parsed = parseJsonBody(body);
	const value = parsed.ok ? parsed.value : body;
	if (typeof value === 'string') {
		if (/^\s*</.test(value)) return undefined;
		return value.trim().slice(0, 300) || undefined;
	}
	if (!value || typeof value !== 'object') return undefined;
	const object = value as IDataObject;
	const errors = Array.isArray(object.errors) ? (object.errors as Array<IDataObject | string>) : [];
	const fromList = errors
		.map((entry) => (typeof entry === 'string' ? firstString(entry) : firstString(entry?.error_message, entry?.message, entry?.detail)))
		.filter((text): text is string => Boolean(text));
	if (fromList.length) return fromList.join('; ').slice(0, 300);
	const nested = object.error && typeof object.error === 'object' ? (object.error as IDataObject) : {};
	return firstString(object.message, object.errorMessage, object.error_message, object.error, nested.message)?.slice(0, 300);
}
