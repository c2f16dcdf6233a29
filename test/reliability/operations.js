// The node's 37 operations on the demo tenant (SIEM Get Many twice: on TAP and on the Essentials
// Threat API), each with cheap parameters, the requests it makes in order, and how to tell that a
// change landed. Shared by the fault and secret tests.
const { urldefense } = require('../../sandbox');

// The sandbox's threat and campaign pools come from its seed alone: the first of each, as sb.siem lists them.
const THREAT_ID = '51ebda4b4f11941a0c353280c026ba75d9b24394b8869b50ee76b783f6fdbc63';
const CAMPAIGN_ID = 'cb5a3465-cb5d-4f52-8df3-d6e5d3850660';

/** HR records for Mark Functional Accounts on acme: bob has left, erin is not in the list. */
const HR_ROSTER = [
	{ json: { email: 'alice@acme.example', status: 'active' } },
	{ json: { email: 'bob.smith@acme.example', status: 'terminated' } },
	{ json: { email: 'carol.jones@acme.example', status: 'active' } },
	{ json: { email: 'dave.lee@acme.example', status: 'active' } },
	{ json: { email: 'frank.miller@acme-corp.example', status: 'active' } },
	{ json: { email: 'grace@acme.co.uk', status: 'active' } },
	{ json: { email: 'info@acme.example', status: 'active' } },
];

const isFunctional = (sb, email) => sb.getUser('acme.example', email)?.type === 'functional_account';

const OPERATIONS = [
	{
		name: 'Organization → Create',
		api: 'essentials',
		requests: ['POST'],
		parameters: {
			resource: 'organization',
			operation: 'create',
			domain: 'partner.example',
			name: 'Hooli',
			primaryDomain: 'hooli.example',
			adminEmail: 'gavin@hooli.example',
			licensingPackage: 'advanced',
			userLicenses: 40,
			additionalFields: {},
		},
		changed: (sb) => Boolean(sb.getOrg('hooli.example')),
	},
	{
		name: 'Organization → Delete',
		api: 'essentials',
		requests: ['DELETE'],
		parameters: { resource: 'organization', operation: 'delete', domain: 'initech.example' },
		changed: (sb) => !sb.getOrg('initech.example'),
	},
	{
		name: 'Organization → Get',
		api: 'essentials',
		requests: ['GET'],
		parameters: { resource: 'organization', operation: 'get', domain: 'acme.example' },
	},
	{
		name: 'Organization → Get Many',
		api: 'essentials',
		requests: ['GET'],
		parameters: { resource: 'organization', operation: 'getAll', domain: 'partner.example', returnAll: true },
	},
	{
		name: 'Organization → Update',
		api: 'essentials',
		requests: ['PATCH'],
		parameters: { resource: 'organization', operation: 'update', domain: 'acme.example', updateFields: { phone: '+1 555 0199' } },
		changed: (sb) => sb.getOrg('acme.example').phone === '+1 555 0199',
	},
	{
		name: 'Organization → Update Package',
		api: 'essentials',
		requests: ['PUT'],
		parameters: { resource: 'organization', operation: 'updatePackage', domain: 'acme.example', package: 'professional' },
		changed: (sb) => sb.getOrg('acme.example').licensing_package === 'professional',
	},
	{
		name: 'User → Create',
		api: 'essentials',
		requests: ['POST'],
		parameters: { resource: 'user', operation: 'create', domain: 'acme.example', email: 'new.hire@acme.example', additionalFields: {} },
		changed: (sb) => Boolean(sb.getUser('acme.example', 'new.hire@acme.example')),
	},
	{
		name: 'User → Delete',
		api: 'essentials',
		requests: ['DELETE'],
		parameters: { resource: 'user', operation: 'delete', domain: 'acme.example', email: 'erin.white@acme.example' },
		changed: (sb) => !sb.getUser('acme.example', 'erin.white@acme.example'),
	},
	{
		name: 'User → Get',
		api: 'essentials',
		requests: ['GET'],
		parameters: { resource: 'user', operation: 'get', domain: 'acme.example', email: 'bob.smith@acme.example' },
	},
	{
		name: 'User → Get Many',
		api: 'essentials',
		requests: ['GET'],
		parameters: { resource: 'user', operation: 'getAll', domain: 'acme.example', returnAll: true },
	},
	{
		name: 'User → Mark Functional Accounts',
		api: 'essentials',
		// The list, then one PUT per planned user: bob.smith, then erin.white (one at a time).
		requests: ['GET', 'PUT', 'PUT'],
		batch: true,
		input: HR_ROSTER,
		parameters: {
			resource: 'user',
			operation: 'markFunctionalAccounts',
			domain: 'acme.example',
			emailField: 'email',
			statusField: 'status',
			leftStatuses: 'terminated',
			userTypes: ['end_user'],
			dryRun: false,
			options: { maxChangeShare: 0.5, concurrency: 1 },
		},
		changed: (sb) => isFunctional(sb, 'bob.smith@acme.example') && isFunctional(sb, 'erin.white@acme.example'),
	},
	{
		name: 'User → Update',
		api: 'essentials',
		requests: ['GET', 'PUT'],
		parameters: { resource: 'user', operation: 'update', domain: 'acme.example', email: 'carol.jones@acme.example', updateFields: { surname: 'Jones-Park' } },
		changed: (sb) => sb.getUser('acme.example', 'carol.jones@acme.example').surname === 'Jones-Park',
	},
	{
		name: 'Domain → Create',
		api: 'essentials',
		requests: ['POST'],
		parameters: { resource: 'domain', operation: 'create', domain: 'acme.example', domainName: 'acme.de', additionalFields: {} },
		changed: (sb) => sb.getOrg('acme.example').domains.some((domain) => domain.name === 'acme.de'),
	},
	{
		name: 'Domain → Delete',
		api: 'essentials',
		requests: ['DELETE'],
		parameters: { resource: 'domain', operation: 'delete', domain: 'acme.example', domainName: 'acme.co.uk' },
		changed: (sb) => !sb.getOrg('acme.example').domains.some((domain) => domain.name === 'acme.co.uk'),
	},
	{
		name: 'Domain → Get',
		api: 'essentials',
		requests: ['GET'],
		parameters: { resource: 'domain', operation: 'get', domain: 'acme.example', domainName: 'acme-corp.example' },
	},
	{
		name: 'Domain → Get Many',
		api: 'essentials',
		requests: ['GET'],
		parameters: { resource: 'domain', operation: 'getAll', domain: 'acme.example', returnAll: true },
	},
	{
		name: 'Domain → Update',
		api: 'essentials',
		requests: ['GET', 'PUT'],
		parameters: { resource: 'domain', operation: 'update', domain: 'acme.example', domainName: 'acme.co.uk', updateFields: { destination: 'mx9.acme.co.uk' } },
		changed: (sb) => sb.getOrg('acme.example').domains.find((domain) => domain.name === 'acme.co.uk').destination === 'mx9.acme.co.uk',
	},
	{
		name: 'Licensing → Get',
		api: 'essentials',
		requests: ['GET'],
		parameters: { resource: 'licensing', operation: 'get', domain: 'acme.example' },
	},
	{
		name: 'Licensing → Update',
		api: 'essentials',
		requests: ['GET', 'PUT'],
		parameters: { resource: 'licensing', operation: 'update', domain: 'acme.example', updateFields: { licenseCount: 30 } },
		changed: (sb) => sb.getOrg('acme.example').user_licenses === 30,
	},
	{
		name: 'Licensing → Get Usage',
		api: 'essentials',
		// The licensing, then the users list of the organization.
		requests: ['GET', 'GET'],
		parameters: { resource: 'licensing', operation: 'getUsage', domain: 'acme.example', usageOf: 'organization' },
	},
	{
		name: 'Organization → Get Mail Statistics',
		api: 'essentials',
		requests: ['GET'],
		parameters: { resource: 'organization', operation: 'getMailStats', domain: 'acme.example', statisticsOf: 'organization', period: 30, simplify: true },
	},
	{
		name: 'User → Add Senders',
		api: 'essentials',
		requests: ['GET', 'PUT'],
		parameters: { resource: 'user', operation: 'addSenders', domain: 'acme.example', email: 'bob.smith@acme.example', senderList: 'blocked', senders: 'phish@evil.example' },
		changed: (sb) => sb.getUser('acme.example', 'bob.smith@acme.example').black_list_senders.includes('phish@evil.example'),
	},
	{
		name: 'User → Remove Senders',
		api: 'essentials',
		requests: ['GET', 'PUT'],
		parameters: { resource: 'user', operation: 'removeSenders', domain: 'acme.example', email: 'bob.smith@acme.example', senderList: 'blocked', senders: 'bob@baddomain.example' },
		changed: (sb) => !sb.getUser('acme.example', 'bob.smith@acme.example').black_list_senders.includes('bob@baddomain.example'),
	},
	{
		name: 'Organization → Get Sender Lists',
		api: 'essentials',
		requests: ['GET'],
		parameters: { resource: 'organization', operation: 'getSenderLists', domain: 'acme.example' },
	},
	{
		name: 'Organization → Add Senders',
		api: 'essentials',
		requests: ['GET', 'POST'],
		parameters: { resource: 'organization', operation: 'addSenders', domain: 'acme.example', senderList: 'blocked', senders: 'ceo@evil.example' },
		changed: (sb) => sb.getOrg('acme.example').black_list_senders.includes('ceo@evil.example'),
	},
	{
		name: 'Organization → Remove Senders',
		api: 'essentials',
		requests: ['GET', 'DELETE'],
		parameters: { resource: 'organization', operation: 'removeSenders', domain: 'acme.example', senderList: 'allowed', senders: '*@partner.example' },
		changed: (sb) => !sb.getOrg('acme.example').white_list_senders.includes('*@partner.example'),
	},
	{
		name: 'Organization → Get Features',
		api: 'essentials',
		requests: ['GET'],
		parameters: { resource: 'organization', operation: 'getFeatures', domain: 'acme.example' },
	},
	{
		name: 'Organization → Update Features',
		api: 'essentials',
		requests: ['GET', 'PUT'],
		parameters: { resource: 'organization', operation: 'updateFeatures', domain: 'acme.example', updateFields: { email_warning_tags: false } },
		changed: (sb) => sb.state.orgs['acme.example'].features?.email_warning_tags === false,
	},
	{
		name: 'Endpoint → Get',
		api: 'essentials',
		requests: ['GET'],
		parameters: { resource: 'endpoint', operation: 'get', domain: 'acme.example' },
	},
	{
		name: 'Very Attacked Person → Get Many',
		api: 'tap',
		requests: ['GET'],
		parameters: { resource: 'vap', operation: 'getAll', window: 30, returnAll: false, limit: 5 },
	},
	{
		name: 'Top Clicker → Get Many',
		api: 'tap',
		requests: ['GET'],
		parameters: { resource: 'topClicker', operation: 'getAll', window: 30, returnAll: false, limit: 5 },
	},
	{
		name: 'SIEM Event → Get Many',
		api: 'tap',
		requests: ['GET'],
		parameters: { resource: 'siemEvent', operation: 'getAll', timeRange: 'last', lastAmount: 1, lastUnit: 'hours', returnAll: true },
	},
	{
		name: 'SIEM Event → Get Many (Essentials Threat API)',
		api: 'essentialsThreat',
		threat: 'acme',
		requests: ['GET'],
		parameters: { resource: 'siemEvent', operation: 'getAll', timeRange: 'last', lastAmount: 1, lastUnit: 'hours', returnAll: true },
	},
	{
		name: 'Campaign → Get',
		api: 'tap',
		requests: ['GET'],
		parameters: { resource: 'campaign', operation: 'get', campaignId: CAMPAIGN_ID },
	},
	{
		name: 'Campaign → Get Many',
		api: 'tap',
		requests: ['GET'],
		parameters: { resource: 'campaign', operation: 'getAll', timeRange: 'last', lastAmount: 1, lastUnit: 'days', returnAll: true },
	},
	{
		name: 'Forensic Report → Get',
		api: 'tap',
		requests: ['GET'],
		parameters: { resource: 'forensics', operation: 'get', forensicsOf: 'threat', threatId: THREAT_ID, includeCampaignForensics: true },
	},
	{
		name: 'Threat → Get',
		api: 'tap',
		requests: ['GET'],
		parameters: { resource: 'threat', operation: 'get', threatId: THREAT_ID },
	},
	{
		name: 'URL → Decode',
		api: 'tap',
		requests: ['POST'],
		parameters: { resource: 'url', operation: 'decode', urls: urldefense.encodeV3('https://evil.example/login?next=/inbox') },
	},
];

module.exports = { OPERATIONS, HR_ROSTER, THREAT_ID, CAMPAIGN_ID };
