import type { ICredentialTestRequest, ICredentialType, Icon, INodeProperties } from 'n8n-workflow';

import { THREAT_PROTECTION_DEFAULT_BASE_URL, THREAT_PROTECTION_TOKEN_URL_EXPRESSION } from '../nodes/Proofpoint/transport/baseUrl';

const BASE_URL = `String($credentials.baseUrl || "${THREAT_PROTECTION_DEFAULT_BASE_URL}").trim().replace(/\\/+$/, "")`;
const HAS_CLUSTER = 'String($credentials.clusterId || "").trim() !== ""';
// The plain-http notice hides for these; the node itself checks the host exactly (transport/baseUrl.ts).
const LOOPBACK_PREFIXES = ['http://localhost', 'http://127.', 'http://[::1]'];

/**
 * Proofpoint's Threat Protection API (PoD block and safe lists, Cloud Threat Response) with OAuth2 client
 * credentials. It extends n8n's own OAuth2 credential: n8n fetches the token, stores it and fetches a new one on a 401.
 */
export class ProofpointThreatProtectionOAuth2Api implements ICredentialType {
	name = 'proofpointThreatProtectionOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'Proofpoint Threat Protection OAuth2 API';

	icon: Icon = { light: 'file:../nodes/Proofpoint/proofpoint.svg', dark: 'file:../nodes/Proofpoint/proofpoint.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-proofpoint/n8n-nodes-proofpoint#threat-protection';

	properties: INodeProperties[] = [
		{ displayName: 'Grant Type', name: 'grantType', type: 'hidden', default: 'clientCredentials' },
		{ displayName: 'Access Token URL', name: 'accessTokenUrl', type: 'hidden', default: THREAT_PROTECTION_TOKEN_URL_EXPRESSION },
		{ displayName: 'Authorization URL', name: 'authUrl', type: 'hidden', default: '' },
		{ displayName: 'Scope', name: 'scope', type: 'hidden', default: '' },
		{ displayName: 'Auth URI Query Parameters', name: 'authQueryParameters', type: 'hidden', default: '' },
		// Proofpoint's token endpoint reads client_id and client_secret from the form body.
		{ displayName: 'Authentication', name: 'authentication', type: 'hidden', default: 'body' },
		{ displayName: 'Send Additional Body Properties', name: 'sendAdditionalBodyProperties', type: 'hidden', default: false },
		{ displayName: 'Additional Body Properties', name: 'additionalBodyProperties', type: 'hidden', default: '' },
		{
			displayName: 'API Key',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
			description:
				'Proofpoint calls it the API Key: made in the Proofpoint Cloud Admin UI, Threat Protection → Settings → API Key Management → Threat Protection tab',
		},
		{
			displayName: 'API Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'Proofpoint calls it the API Secret: shown with the API Key when it is made',
		},
		{
			displayName: 'PoD Cluster ID',
			name: 'clusterId',
			type: 'string',
			default: '',
			placeholder: 'e.g. acme_hosted',
			description:
				'The Proofpoint on Demand cluster whose block and safe lists the node reads and changes (the PoD admin portal shows it). Not needed for Cloud Threat Response.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: THREAT_PROTECTION_DEFAULT_BASE_URL,
			description:
				'Change only for a proxy or a local sandbox, which then also serves the token at <Base URL>/v1/token. Plain http:// is accepted only for a loopback address.',
		},
		{
			displayName: 'Cloud Threat Response Calls per Minute',
			name: 'ctrCallsPerMinute',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 10,
			description:
				'The node paces its Cloud Threat Response calls to this rate per key. 10 is the rate integrations cite for CTR; lower it when another client (a SOAR, a script) shares the key, raise it only if Proofpoint granted more.',
		},
		{
			displayName:
				'Plain http:// is accepted only for a loopback address (a local sandbox): n8n will not send the API Secret to this Base URL. Use https://.',
			name: 'plainHttpNotice',
			type: 'notice',
			default: '',
			// Prefix tests, not a regex: n8n runs a regex condition in a vm with a 250 ms timeout, which a busy machine exceeds.
			displayOptions: {
				show: { baseUrl: [{ _cnd: { startsWith: 'http://' } }] },
				hide: { baseUrl: LOOPBACK_PREFIXES.map((prefix) => ({ _cnd: { startsWith: prefix } })) },
			},
		},
		{
			displayName:
				'Client ID and Client Secret are the API Key and API Secret Proofpoint shows in the Cloud Admin UI, Threat Protection → Settings → API Key Management → Threat Protection tab. If the Test says the client authentication failed, copy them again from there: a deleted key fails too.',
			name: 'threatProtectionKeysNotice',
			type: 'notice',
			default: '',
		},
	];

	// A block-list read when a cluster is set (lists have no published rate limit); else one CTR workflow list, 1 of its 10 calls a minute.
	test: ICredentialTestRequest = {
		request: {
			baseURL: `={{${BASE_URL}}}`,
			url: `={{${HAS_CLUSTER} ? "/api/v1/emailProtection/modules/spam/orgBlockList" : "/api/v1/tric/workflows"}}`,
			method: 'GET',
			qs: {
				clusterId: `={{${HAS_CLUSTER} ? String($credentials.clusterId).trim() : undefined}}`,
				enabled: `={{${HAS_CLUSTER} ? undefined : true}}`,
				type: `={{${HAS_CLUSTER} ? undefined : "message"}}`,
			},
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message: 'Proofpoint refused the token (401): the API Key or API Secret is wrong or the key was deleted; the note above says where to make a new one.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message: 'The key is valid but may not use this API (403): check the key\'s permissions, and that the PoD Cluster ID is your cluster.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message: 'No Threat Protection API here, or no such PoD cluster (404): check the Base URL and the PoD Cluster ID.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 429,
					message: 'The credentials reached Proofpoint, which is throttling (429): Cloud Threat Response allows about 10 calls a minute. Test again in a minute.',
				},
			},
		],
	};
}
