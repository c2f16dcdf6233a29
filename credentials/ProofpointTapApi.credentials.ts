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
	ESSENTIALS_THREAT_BASE_URLS,
	ESSENTIALS_THREAT_PLATFORMS,
	TAP_DEFAULT_BASE_URL,
	refusalToSign,
	threatApiBase,
} from '../nodes/Proofpoint/transport/baseUrl';

const ESSENTIALS_PLATFORMS = [...ESSENTIALS_THREAT_PLATFORMS];

// Saved credentials from before the platform existed have none: they are TAP.
const IS_ESSENTIALS = `${JSON.stringify(ESSENTIALS_PLATFORMS)}.includes($credentials.platform)`;

export class ProofpointTapApi implements ICredentialType {
	name = 'proofpointTapApi';

	displayName = 'Proofpoint TAP / Essentials Threat API';

	icon: Icon = { light: 'file:../nodes/Proofpoint/proofpoint.svg', dark: 'file:../nodes/Proofpoint/proofpoint.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-proofpoint/n8n-nodes-proofpoint#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'Platform',
			name: 'platform',
			type: 'options',
			options: [
				{ name: 'TAP (Targeted Attack Protection)', value: 'tap', description: 'tap-api-v2.proofpoint.com, with a service principal and secret' },
				{ name: 'Essentials Threat API, US', value: 'essentialsUs', description: 'us-siem.proofpointessentials.com, with an Integration Key' },
				{ name: 'Essentials Threat API, EU', value: 'essentialsEu', description: 'eu-siem.proofpointessentials.com, with an Integration Key' },
				{ name: 'Essentials Threat API, Custom Base URL', value: 'essentialsCustom', description: 'A proxy or a local sandbox' },
			],
			default: 'tap',
			description:
				'TAP customers use a TAP service principal. Proofpoint Essentials customers and partners use an Integration Key with Access Type "SIEM Threat Events": it reads SIEM events only.',
		},
		{
			displayName: 'Service Principal',
			name: 'principal',
			type: 'string',
			default: '',
			description: 'Created in the TAP dashboard under Settings → Connected Applications',
			required: true,
			displayOptions: { show: { platform: ['tap'] } },
		},
		{
			displayName: 'Secret',
			name: 'secret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			displayOptions: { show: { platform: ['tap'] } },
		},
		{
			displayName: 'API Key',
			name: 'principal',
			type: 'string',
			default: '',
			description:
				'The Integration Key\'s API Key: Account Management → Integrations → Integration Keys, Access Type "SIEM Threat Events"',
			required: true,
			displayOptions: { show: { platform: ESSENTIALS_PLATFORMS } },
		},
		{
			displayName: 'API Key Secret',
			name: 'secret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'Shown once when the Integration Key is created. A new key can take up to 30 minutes to become active.',
			required: true,
			displayOptions: { show: { platform: ESSENTIALS_PLATFORMS } },
		},
		{
			displayName:
				'If the Test says 401: copy the Service Principal and Secret again from the TAP dashboard, Settings → Connected Applications.',
			name: 'tapRefusalNotice',
			type: 'notice',
			default: '',
			displayOptions: { show: { platform: ['tap'] } },
		},
		{
			displayName:
				'If the Test says 401: check the Integration Key\'s API Key and API Key Secret (Account Management → Integrations → Integration Keys). A new key can take up to 30 minutes to become active.',
			name: 'essentialsRefusalNotice',
			type: 'notice',
			default: '',
			displayOptions: { show: { platform: ESSENTIALS_PLATFORMS } },
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: TAP_DEFAULT_BASE_URL,
			description:
				'For TAP, change only for a proxy or a local sandbox; for a custom Essentials Threat API address, enter it here. Plain http:// is accepted only for a loopback address.',
			displayOptions: { show: { platform: ['tap', 'essentialsCustom'] } },
		},
	];

	// HTTP Basic on both platforms. A function, not expressions n8n evaluates per request; a property, as n8n's loader spreads types and drops methods.
	// It refuses what a node run refuses: n8n's declarative Test sends through here without asking the node.
	authenticate = async (
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> => {
		const base = threatApiBase({
			platform: credentials.platform === undefined ? undefined : String(credentials.platform),
			baseUrl: credentials.baseUrl === undefined ? undefined : String(credentials.baseUrl),
		});
		const refusal = refusalToSign(base, requestOptions);
		if (refusal) throw new UserError(refusal);
		return {
			...requestOptions,
			auth: { username: String(credentials.principal ?? ''), password: String(credentials.secret ?? '') },
		};
	};

	// One SIEM request for the last minute: TAP's permitted clicks have their own pool of 1,800 a day, so the Test never spends
	// the People API's or the campaign ids' 50; the Essentials Threat API has only /v2/siem/all.
	test: ICredentialTestRequest = {
		request: {
			baseURL: `={{${IS_ESSENTIALS} && $credentials.platform !== "essentialsCustom" ? ($credentials.platform === "essentialsEu" ? "${ESSENTIALS_THREAT_BASE_URLS.essentialsEu}" : "${ESSENTIALS_THREAT_BASE_URLS.essentialsUs}") : String($credentials.baseUrl).replace(/\\/+$/, "")}}`,
			url: `={{${IS_ESSENTIALS} ? "/v2/siem/all" : "/v2/siem/clicks/permitted"}}`,
			method: 'GET',
			qs: {
				format: `={{${IS_ESSENTIALS} ? undefined : "json"}}`,
				sinceSeconds: 60,
				ownData: `={{${IS_ESSENTIALS} ? true : undefined}}`,
			},
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						// n8n shows a rule's message as written, whatever the platform: the advice for each platform is the note in the dialog above.
						'Proofpoint refused the credentials (401): the key or its secret is wrong, or not active yet; the note in this dialog says where to find them for the Platform you chose.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message: 'The credentials are valid but may not read SIEM events (403): an Integration Key needs Access Type "SIEM Threat Events".',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message: 'No TAP or Essentials Threat API at this address (404). Check the Platform and the Base URL.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 429,
					message:
						'The credentials reached Proofpoint but its SIEM quota is used up (429); on TAP the permitted-clicks pool frees up within 24 hours.',
				},
			},
		],
	};
}
