import {
	UserError,
	type ICredentialDataDecryptedObject,
	type ICredentialTestRequest,
	type ICredentialType,
	type IHttpRequestOptions,
	type Icon,
	type INodeProperties,
} from 'n8n-workflow';

import {
	ESSENTIALS_STACK_SUFFIX,
	ESSENTIALS_STACKS,
	essentialsBaseUrl,
	refusalToSign,
} from '../nodes/Proofpoint/transport/baseUrl';

export class ProofpointEssentialsApi implements ICredentialType {
	name = 'proofpointEssentialsApi';

	displayName = 'Proofpoint Essentials API';

	icon: Icon = { light: 'file:../nodes/Proofpoint/proofpoint.svg', dark: 'file:../nodes/Proofpoint/proofpoint.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-proofpoint/n8n-nodes-proofpoint#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'Stack',
			name: 'stack',
			type: 'options',
			options: [
				...ESSENTIALS_STACKS.map((stack) => ({ name: stack.toUpperCase(), value: stack })),
				{ name: 'Custom Base URL', value: 'custom' },
			],
			default: 'us1',
			description:
				'The Proofpoint Essentials stack that hosts your organization: the first part of your admin portal address (us2.proofpointessentials.com → US2)',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'e.g. https://us1.proofpointessentials.com/api/v1',
			description:
				'Full API base URL ending in /api/v1. Plain http:// is accepted only for a loopback address (a local sandbox).',
			displayOptions: { show: { stack: ['custom'] } },
		},
		{
			displayName: 'API User',
			name: 'apiUser',
			type: 'string',
			default: '',
			placeholder: 'e.g. api-admin@example.com',
			description: 'The admin account or API user the key belongs to (sent as X-User)',
			required: true,
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'Created under Account Management → API Keys in the admin portal (sent as X-Password)',
			required: true,
		},
	];

	// A function, not `={{$credentials…}}` expressions n8n evaluates per request; a property, as n8n's loader spreads types and drops methods.
	// It refuses what a node run refuses: n8n's declarative Test sends through here without asking the node.
	authenticate = async (
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> => {
		const refusal = refusalToSign(
			essentialsBaseUrl({ stack: String(credentials.stack ?? ''), baseUrl: String(credentials.baseUrl ?? '') }),
			requestOptions,
		);
		if (refusal) throw new UserError(refusal);
		return {
			...requestOptions,
			headers: {
				...requestOptions.headers,
				'X-User': String(credentials.apiUser ?? ''),
				'X-Password': String(credentials.apiKey ?? ''),
			},
		};
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL:
				`={{$credentials.stack === "custom" ? $credentials.baseUrl.replace(/\\/+$/, "") : "https://" + $credentials.stack + "${ESSENTIALS_STACK_SUFFIX}"}}`,
			url: '/me',
			method: 'GET',
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'Proofpoint refused the API user or key (401). Check the API key, that the API user is the account the key belongs to, and that Stack matches your admin portal address.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						'The account is not allowed to use the API (403): it must be an organization or partner admin that is not read-only.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message:
						'No Proofpoint Essentials API at this address (404). Check Stack, or that a custom Base URL ends in /api/v1.',
				},
			},
		],
	};
}
