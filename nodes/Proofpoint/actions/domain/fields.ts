import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { toList } from '../../helpers/validate';
import { invalidInput, readDomain, readOrgDomain, readText } from '../../parameters/read';


export interface OrgDomain {
	domain: string;
	name: string;
}

export function readOrgAndDomain(this: IExecuteFunctions, itemIndex: number): OrgDomain {
	return { domain: readOrgDomain.call(this, itemIndex), name: readDomain(this, itemIndex, 'domainName', 'Domain Name') };
}

export const domainAttributeFields: INodeProperties[] = [
	{ displayName: 'Active', name: 'isActive', type: 'boolean', default: true, description: 'Whether mail for the domain is processed' },
	{
		displayName: 'Destination',
		name: 'destination',
		type: 'string',
		default: '',
		placeholder: 'e.g. example-com.mail.protection.outlook.com',
		description: 'The mail server Proofpoint delivers to',
	},
	{
		displayName: 'Failover Servers',
		name: 'failovers',
		type: 'string',
		default: '',
		placeholder: 'e.g. mx2.example.com',
		description: 'Comma-separated servers used when the destination is down; replaces the list',
	},
	{ displayName: 'Relay', name: 'isRelay', type: 'boolean', default: true, description: 'Whether the domain is a relay domain' },
];

/** A mail server: text without spaces or URL characters (Proofpoint checks the rest). */
function readHost(context: IExecuteFunctions, itemIndex: number, value: unknown, field: string): string {
	const host = readText(context, itemIndex, value, field);
	if (/[\s/?#]/.test(host)) throw invalidInput(context, itemIndex, field, `"${host.slice(0, 60)}" is not a host name or IP address`);
	return host;
}

export function domainAttributes(context: IExecuteFunctions, itemIndex: number, fields: IDataObject): IDataObject {
	const body: IDataObject = {};
	if (fields.isActive !== undefined) body.is_active = Boolean(fields.isActive);
	if (fields.isRelay !== undefined) body.is_relay = Boolean(fields.isRelay);
	if (fields.destination !== undefined) body.destination = readHost(context, itemIndex, fields.destination, 'Destination');
	if (fields.failovers !== undefined) {
		body.failovers = toList(fields.failovers).map((entry) => readHost(context, itemIndex, entry, 'Failover Servers'));
	}
	return body;
}
