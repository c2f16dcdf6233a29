import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

export class ProofpointTapApi implements ICredentialType {
	name = 'proofpointTapApi';

	displayName = 'Proofpoint TAP API';

	icon: Icon = { light: 'file:../nodes/Proofpoint/proofpoint.svg', dark: 'file:../nodes/Proofpoint/proofpoint.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-proofpoint/n8n-nodes-proofpoint#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'Service Principal',
			name: 'principal',
			type: 'string',
			default: '',
			description: 'Created in the TAP dashboard under Settings → Connected Applications',
			required: true,
		},
		{
			displayName: 'Secret',
			name: 'secret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://tap-api-v2.proofpoint.com',
			description:
				'Change only for a proxy or a local sandbox. Plain http:// is accepted only for a loopback address.',
		},
	];

	// HTTP Basic. A function, not expressions n8n evaluates per request; a property, as n8n's loader spreads types and drops methods.
	authenticate = async (
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> => ({
		...requestOptions,
		auth: { username: String(credentials.principal ?? ''), password: String(credentials.secret ?? '') },
	});

	// Permitted clicks have their own SIEM pool (1,800 a day): the Test never spends the People API's 50.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/v2/siem/clicks/permitted',
			method: 'GET',
			qs: { format: 'json', sinceSeconds: 60 },
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'TAP refused the service principal or secret (401). Copy both again from Settings → Connected Applications in the TAP dashboard.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 429,
					message:
						'The credentials reached TAP but its SIEM quota for permitted clicks is used up (429); it frees up within 24 hours.',
				},
			},
		],
	};
}
