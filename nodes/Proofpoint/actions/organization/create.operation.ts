import { NodeApiError, type IDataObject, type IExecuteFunctions, type INodeProperties, type JsonObject } from 'n8n-workflow';

import { checkDomain, toList } from '../../helpers/validate';
import { fieldsCollection, optionsCollection, orgDomainField } from '../../parameters/fields';
import { invalidInput, readDomain, readEmail, readInteger, readText } from '../../parameters/read';
import { essentialsRequest } from '../../transport/essentials';
import type { CallOptions } from '../../transport/request';
import { forOperation } from '../descriptions';
import type { OperationOption } from '../operation';
import { checkPackage, orgAttributeFields, orgAttributes, packageOptions } from './fields';

export const option: OperationOption = {
	name: 'Create',
	action: 'Create an organization',
	description: 'Create a child organization of a partner',
	tool: 'Creates a child organization of a partner: name, primary and other domains, admin email, package and user licenses. One Essentials POST request, not repeated after a server error; a second call sends another create. Returns the new organization (or what was sent) with created: true; a failure Proofpoint reports in fail_results is an error.',
	changes: true,
};

export const description: INodeProperties[] = forOperation('organization', 'create', [
	orgDomainField({
		displayName: 'Parent Domain',
		description: 'A domain of the partner organization the new organization belongs to',
	}),
	{ displayName: 'Name', name: 'name', type: 'string', required: true, default: '', placeholder: 'e.g. Example Corp' },
	{
		displayName: 'Primary Domain',
		name: 'primaryDomain',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. example.com',
		description: 'The primary domain of the new organization',
	},
	{
		displayName: 'Admin Email',
		name: 'adminEmail',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. admin@example.com',
		description: "The new organization's administrator",
	},
	{
		displayName: 'Package',
		name: 'licensingPackage',
		type: 'options',
		options: packageOptions,
		default: 'business',
	},
	{ displayName: 'User Licenses', name: 'userLicenses', type: 'number', default: 10, typeOptions: { minValue: 1 } },
	fieldsCollection('additionalFields', [
		...orgAttributeFields.filter((field) => field.name !== 'name' && field.name !== 'userLicenses'),
		{
			displayName: 'Other Domains',
			name: 'otherDomains',
			type: 'string',
			default: '',
			placeholder: 'e.g. example.co.uk, example.de',
			description: 'Comma-separated domains the organization also owns',
		},
	]),
	optionsCollection(),
]);

interface Prepared {
	parent: string;
	body: IDataObject;
}

export function prepare(this: IExecuteFunctions, itemIndex: number): Prepared {
	const parent = readDomain(this, itemIndex, 'domain', 'Parent Domain');
	const primaryDomain = readDomain(this, itemIndex, 'primaryDomain', 'Primary Domain');
	const fields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	// Plain domains, as the field asks; a pasted "*@example.de" sender pattern is read as its domain.
	const otherDomains = toList(fields.otherDomains).map((entry) => {
		const checked = checkDomain(entry.replace(/^\*@/, ''));
		if ('problem' in checked) throw invalidInput(this, itemIndex, 'Other Domains', `entry ${checked.problem}`);
		return checked.value;
	});
	const name = readText(this, itemIndex, this.getNodeParameter('name', itemIndex, ''), 'Name') || primaryDomain;
	const attributes = { ...fields };
	delete attributes.otherDomains;
	return {
		parent,
		body: {
			is_active: true,
			type: 'organization',
			...orgAttributes(this, itemIndex, attributes),
			name,
			primary_domain: primaryDomain,
			licensing_package: checkPackage(this, itemIndex, this.getNodeParameter('licensingPackage', itemIndex), 'Package'),
			user_licenses: readInteger(this, itemIndex, 'userLicenses', 'User Licenses', 1, 10000000),
			admin_user: { primary_email: readEmail(this, itemIndex, 'adminEmail', 'Admin Email') },
			domains: [...new Set([primaryDomain, ...otherDomains])].map((name) => ({ name })),
		},
	};
}

export async function run(this: IExecuteFunctions, { parent, body }: Prepared, options: CallOptions) {
	const target = { org: parent };
	const answer = (await essentialsRequest.call(
		this,
		{ method: 'POST', path: ['orgs', parent, 'orgs'], body, target },
		options,
	)) as IDataObject | undefined;
	// The create answer is not documented [I]: a batch summary {total_created, fail_results} or the new org.
	const failures = Array.isArray(answer?.fail_results) ? (answer?.fail_results as IDataObject[]) : [];
	if (failures.length) {
		throw new NodeApiError(this.getNode(), { message: 'Organization not created', failures } as JsonObject, {
			message: `Proofpoint did not create organization "${body.primary_domain as string}"`,
			description: `Proofpoint reported: ${JSON.stringify(failures).slice(0, 500)}`,
			itemIndex: options.itemIndex,
		});
	}
	const created = answer && 'primary_domain' in answer ? answer : body;
	return { ...created, created: true };
}
