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

/**
 * Turns string booleans and numbers in the named fields into real ones, leaving everything else as
 * sent; the object itself comes back when nothing needs converting (the usual case, and cheap on 50,000 users).
 */
export function withTypedFields(object: IDataObject, booleans: string[], numbers: string[] = []): IDataObject {
	let typed: IDataObject | undefined;
	const set = (key: string, value: unknown) => {
		typed ??= { ...object };
		typed[key] = value as IDataObject[string];
	};
	for (const key of booleans) {
		const value = object[key];
		if (value !== undefined && typeof value !== 'boolean') {
			const boolean = asBoolean(value);
			if (boolean !== undefined) set(key, boolean);
		}
	}
	for (const key of numbers) {
		const value = object[key];
		if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim())) set(key, Number(value));
	}
	return typed ?? object;
}

export const USER_BOOLEANS = ['is_active', 'is_billable', 'read_only_user'];

export function typedUser(user: IDataObject): IDataObject {
	return withTypedFields(user, USER_BOOLEANS, ['uid']);
}
