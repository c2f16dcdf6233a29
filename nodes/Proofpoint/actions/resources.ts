import type { INodeProperties } from 'n8n-workflow';

import * as domain from './domain';
import * as endpoint from './endpoint';
import * as licensing from './licensing';
import type { ResourceOperations } from './operation';
import * as organization from './organization';
import * as topClicker from './topClicker';
import * as user from './user';
import * as vap from './vap';

export const operationsByResource: Record<string, ResourceOperations> = {
	organization: organization.operations,
	user: user.operations,
	domain: domain.operations,
	licensing: licensing.operations,
	endpoint: endpoint.operations,
	vap: vap.operations,
	topClicker: topClicker.operations,
};

const TAP_RESOURCES = ['vap', 'topClicker'];

export const resourceProperty: INodeProperties = {
	displayName: 'Resource',
	name: 'resource',
	type: 'options',
	noDataExpression: true,
	options: [
		{ name: 'Domain', value: 'domain', description: 'Essentials: domains of an organization' },
		{ name: 'Endpoint', value: 'endpoint', description: 'Essentials: which stack hosts an organization' },
		{ name: 'Licensing', value: 'licensing', description: 'Essentials: license count and package' },
		{ name: 'Organization', value: 'organization', description: 'Essentials: organizations and child organizations' },
		{ name: 'Top Clicker', value: 'topClicker', description: 'TAP People API: who clicked most threats' },
		{ name: 'User', value: 'user', description: 'Essentials: users of an organization' },
		{ name: 'Very Attacked Person', value: 'vap', description: 'TAP People API: the most attacked people' },
	],
	default: 'user',
};

export const properties: INodeProperties[] = [
	resourceProperty,
	...organization.description,
	...user.description,
	...domain.description,
	...licensing.description,
	...endpoint.description,
	...vap.description,
	...topClicker.description,
];

export const essentialsResources = Object.keys(operationsByResource).filter((name) => !TAP_RESOURCES.includes(name));
export const tapResources = TAP_RESOURCES;
