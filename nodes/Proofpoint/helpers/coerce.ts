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

/** Turns string booleans and numbers in the named fields into real ones, leaving everything else as sent. */
export function withTypedFields(object: IDataObject, booleans: string[], numbers: string[] = []): IDataObject {
	const typed: IDataObject = { ...object };
	for (const key of booleans) {
		if (key in typed) typed[key] = asBoolean(typed[key]) ?? typed[key];
	}
	for (const key of numbers) {
		const value = typed[key];
		if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim())) typed[key] = Number(value);
	}
	return typed;
}

export const USER_BOOLEANS = ['is_active', 'is_billable', 'read_only_user'];

export function typedUser(user: IDataObject): IDataObject {
	return withTypedFields(user, USER_BOOLEANS, ['uid']);
}
