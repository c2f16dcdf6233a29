import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { normalizeEndpoint, type StackEndpoint } from '../../helpers/endpoints';
import { optionsCollection, orgDomainField } from '../../parameters/fields';
import { readOrgDomain } from '../../parameters/read';
import { essentialsList } from '../../transport/essentials';
import type { CallOptions } from '../../transport/request';
import { forOperation } from '../descriptions';
import type { OperationOption } from '../operation';

export const option: OperationOption = {
	name: 'Get',
	action: 'Get the stack of an organization',
	description: 'Find which Proofpoint Essentials stack hosts a domain',
	tool: "Returns one item: the domain, the Essentials stack that hosts it (such as us1 or eu1, or null), its API url and every endpoint listed. One Essentials request, which any stack answers: use it when a user or organization is not found (404) on the credential's stack.",
};

export const description: INodeProperties[] = forOperation('endpoint', 'get', [
	// The organization may live on another stack than the credential's, so typing its domain comes first.
	orgDomainField({ description: 'A domain of the organization; works from any stack, so any credential stack can ask' }, 'typed'),
	optionsCollection(),
]);

export const prepare = readOrgDomain;

export async function run(this: IExecuteFunctions, domain: string, options: CallOptions) {
	const entries = await essentialsList.call(
		this,
		{ method: 'GET', path: ['endpoints', domain], target: { org: domain, stackLookup: true } },
		'endpoints',
		options,
	);
	const endpoints = entries.map(normalizeEndpoint).filter((entry): entry is StackEndpoint => entry !== undefined);
	return { domain, stack: endpoints[0]?.stack ?? null, url: endpoints[0]?.url ?? null, endpoints };
}
