import type { IDataObject } from 'n8n-workflow';

/** The API sometimes sends booleans as strings or numbers ("true", "0"). */
export function asBoolean(value: unknown): boolean | undefined {
	if (typeof value === 'boolean') return value;
	if (typeof value === 'number') return value !== 0;
	if (typeof value === 'string') {
		const text = value.trim().toLowerCase();
		if (['true', '1', 'yes'].includes(text)) return true;
		if (['false', '0', 'no', ''].includes(text)) return false;
	}
	return undefined;
}

/** The field's value as a real boolean or number when it was sent as a string (or number), else undefined. */
function typedValue(value: unknown, kind: 'boolean' | 'number'): boolean | number | undefined {
	if (kind === 'boolean') return value === undefined || typeof value === 'boolean' ? undefined : asBoolean(value);
	return typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : undefined;
}

/**
 * Turns string booleans and numbers in the named fields into real ones, leaving everything else as
 * sent; the object itself comes back when nothing needs converting (the usual case, and cheap on 50,000 users:
 * nothing is allocated then).
 */
export function withTypedFields(object: IDataObject, booleans: string[], numbers: string[] = []): IDataObject {
	let typed: IDataObject | undefined;
	for (const key of booleans) {
		const value = typedValue(object[key], 'boolean');
		if (value !== undefined) (typed ??= { ...object })[key] = value;
	}
	for (const key of numbers) {
		const value = typedValue(object[key], 'number');
		if (value !== undefined) (typed ??= { ...object })[key] = value;
	}
	return typed ?? object;
}

export const USER_BOOLEANS = ['is_active', 'is_billable', 'read_only_user'];

const isBooleanOrAbsent = (value: unknown) => value === undefined || typeof value === 'boolean';

export function typedUser(user: IDataObject): IDataObject {
	// Named reads first: the usual, already typed user costs four property loads (Get Many checks 50,000).
	const typed =
		isBooleanOrAbsent(user.is_active) &&
		isBooleanOrAbsent(user.is_billable) &&
		isBooleanOrAbsent(user.read_only_user) &&
		typeof user.uid !== 'string';
	return typed ? user : withTypedFields(user, USER_BOOLEANS, ['uid']);
}
