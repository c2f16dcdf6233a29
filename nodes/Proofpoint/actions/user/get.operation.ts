import { NodeApiError, type IExecuteFunctions, type INodeProperties, type JsonObject } from 'n8n-workflow';

import { typedUser } from '../../helpers/coerce';
import { USER_OUTPUT } from '../../helpers/output';
import { optionsCollection, orgDomainField, userEmailField } from '../../parameters/fields';
import { outputFields } from '../../parameters/output';
import { essentialsObject } from '../../transport/essentials';
import { userNotInOrganization } from '../../transport/hints';
import { asNodeError } from '../../transport/nodeError';
import type { CallOptions } from '../../transport/request';
import { forOperation } from '../descriptions';
import type { OperationOption } from '../operation';
import { readOrgUser, type OrgUser } from './fields';

export const option: OperationOption = {
	name: 'Get',
	action: 'Get a user',
	description: 'Get a user by primary email',
	tool: 'Returns one item: the user with uid, primary_email, firstname, surname, type, is_active, is_billable and alias_emails (Output Raw adds sender lists and settings). One Essentials request; on a 404 a second asks for the organization, once per organization and run, so the error says whether the user or the organization (another stack) is missing.',
};

export const output = USER_OUTPUT;

export const description: INodeProperties[] = forOperation('user', 'get', [orgDomainField(), userEmailField(), ...outputFields(output), optionsCollection()]);

export const prepare = readOrgUser;

const httpCodeOf = (error: unknown) => (error as { httpCode?: unknown }).httpCode;

// Per run of the node: whether an organization is on the credential's stack, asked at most once.
const organizationsSeen = new WeakMap<IExecuteFunctions, Map<string, Promise<boolean | undefined>>>();

/** Whether the credential's stack knows the organization: true, false on a 404, undefined when it could not tell. */
function organizationOnStack(context: IExecuteFunctions, domain: string, options: CallOptions): Promise<boolean | undefined> {
	let seen = organizationsSeen.get(context);
	if (!seen) organizationsSeen.set(context, (seen = new Map()));
	let answer = seen.get(domain);
	if (!answer) {
		answer = essentialsObject.call(context, { method: 'GET', path: ['orgs', domain], target: { org: domain } }, options).then(
			() => true,
			(error: unknown) => (httpCodeOf(error) === '404' ? false : undefined),
		);
		seen.set(domain, answer);
	}
	return answer;
}

/**
 * A 404 names either the user or the organization. Only then is the organization asked once (per
 * organization and run), so the error says which one is missing: a user to look up, or a stack to change.
 */
export async function run(this: IExecuteFunctions, { domain, email }: OrgUser, options: CallOptions) {
	try {
		const user = await essentialsObject.call(
			this,
			{ method: 'GET', path: ['orgs', domain, 'users', email], target: { org: domain, user: email } },
			options,
		);
		return typedUser(user);
	} catch (error) {
		if (httpCodeOf(error) !== '404' || (await organizationOnStack(this, domain, options)) !== true) throw asNodeError(this, error, options.itemIndex);
		const advice = userNotInOrganization(email, domain);
		throw new NodeApiError(this.getNode(), { message: advice.message } as JsonObject, { ...advice, httpCode: '404', itemIndex: options.itemIndex });
	}
}
