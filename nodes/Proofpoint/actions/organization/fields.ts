import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { checkInteger } from '../../helpers/validate';
import { invalidInput, readText } from '../../parameters/read';

export const PACKAGES = ['beginner', 'business', 'advanced', 'professional'];

export const packageOptions = PACKAGES.map((value) => ({ name: value[0].toUpperCase() + value.slice(1), value }));

/** A package name from an options field, which an expression can still set to anything. */
export function checkPackage(context: IExecuteFunctions, itemIndex: number, value: unknown, field: string): string {
	if (typeof value !== 'string' || !PACKAGES.includes(value)) {
		const given = typeof value === 'string' ? `"${value.slice(0, 60)}"` : JSON.stringify(value)?.slice(0, 60) ?? 'empty';
		throw invalidInput(context, itemIndex, field, `${given} is not a package`, `Use one of: ${PACKAGES.join(', ')}.`);
	}
	return value;
}

/** Organization attributes offered by Create (as additional fields) and Update. */
export const orgAttributeFields: INodeProperties[] = [
	{ displayName: 'Active', name: 'isActive', type: 'boolean', default: true, description: 'Whether the organization is active' },
	{ displayName: 'Address', name: 'address', type: 'string', default: '' },
	{ displayName: 'Country', name: 'country', type: 'string', default: '', placeholder: 'e.g. US' },
	{ displayName: 'Name', name: 'name', type: 'string', default: '' },
	{ displayName: 'On Trial', name: 'isOnTrial', type: 'boolean', default: false, description: 'Whether the organization is on a trial' },
	{ displayName: 'Phone', name: 'phone', type: 'string', default: '' },
	{ displayName: 'Postcode', name: 'postcode', type: 'string', default: '' },
	{ displayName: 'State or Province', name: 'stateprov', type: 'string', default: '' },
	{ displayName: 'User Licenses', name: 'userLicenses', type: 'number', default: 1, typeOptions: { minValue: 0 } },
	{ displayName: 'Website', name: 'www', type: 'string', default: '', placeholder: 'e.g. https://example.com' },
];

const TEXT_FIELDS: Record<string, string> = {
	name: 'Name',
	address: 'Address',
	country: 'Country',
	phone: 'Phone',
	postcode: 'Postcode',
	stateprov: 'State or Province',
	www: 'Website',
};

export function orgAttributes(context: IExecuteFunctions, itemIndex: number, fields: IDataObject): IDataObject {
	const body: IDataObject = {};
	for (const [key, field] of Object.entries(TEXT_FIELDS)) {
		if (fields[key] !== undefined) body[key] = readText(context, itemIndex, fields[key], field);
	}
	if (fields.isActive !== undefined) body.is_active = Boolean(fields.isActive);
	if (fields.isOnTrial !== undefined) body.is_on_trial = Boolean(fields.isOnTrial);
	if (fields.userLicenses !== undefined) {
		const licenses = checkInteger(fields.userLicenses, 0, 10000000);
		if ('problem' in licenses) throw invalidInput(context, itemIndex, 'User Licenses', licenses.problem);
		body.user_licenses = licenses.value;
	}
	return body;
}
