// The node as AI tools, proven over MCP: a real n8n serves a published workflow whose MCP Server
// Trigger (bearer auth) exposes seven Proofpoint tools with parameters filled by $fromAI; the
// official MCP TypeScript SDK lists and calls them, as Claude, Cursor or any MCP client would.
const fs = require('node:fs');
const path = require('node:path');
const { Client } = require('@modelcontextprotocol/sdk/client/index.js');
const { StreamableHTTPClientTransport } = require('@modelcontextprotocol/sdk/client/streamableHttp.js');

const runtime = require('../../scripts/n8n-runtime');
const { startSandbox, SANDBOX_CREDENTIALS } = require('../../sandbox');
const { importableCredentials, credentialRef } = require('./n8n');
const { annotate, barred, tail } = require('./text');

jest.setTimeout(240000);

const MCP_PATH = 'proofpoint-tools';
const TOKEN = 'mcp-bearer-token-for-the-sandbox';
const BEARER_CREDENTIAL = { id: 'ppMcpBearer', name: 'MCP bearer token (sandbox)', type: 'httpBearerAuth', data: { token: TOKEN } };
const TOOL_TYPE = `${runtime.NODE_TYPE}Tool`;
const TRIGGER = 'MCP Server Trigger';
// The version a node dragged onto the canvas today gets (Output Simplified by default).
const NODE_VERSION = 1.2;
const MINUTE = 60 * 1000;

const fromAI = (key, description, type = 'string') => `={{ $fromAI('${key}', '${description}', '${type}') }}`;
const picked = (value) => ({ __rl: true, mode: 'list', value });
const typed = (mode, value) => ({ __rl: true, mode, value });

/** Each tool: its node name, parameters and credential type (the tool's name is the node name with _ for spaces). */
const TOOLS = [
	{
		name: 'Get User',
		credential: 'proofpointEssentialsApi',
		parameters: { resource: 'user', operation: 'get', domain: picked('acme.example'), email: typed('email', fromAI('email', "The primary email address of the user")) },
	},
	{
		name: 'Very Attacked People',
		credential: 'proofpointTapApi',
		parameters: { resource: 'vap', operation: 'getAll', window: 30, returnAll: false, limit: fromAI('limit', 'How many people to return, most attacked first', 'number'), simplify: true },
	},
	{
		name: 'Recent Threat Events',
		credential: 'proofpointTapApi',
		parameters: {
			resource: 'siemEvent',
			operation: 'getAll',
			eventTypes: ['messagesDelivered', 'messagesBlocked', 'clicksPermitted', 'clicksBlocked'],
			timeRange: 'last',
			lastAmount: fromAI('hours', 'How many hours back to read, from 1 to 168', 'number'),
			lastUnit: 'hours',
			returnAll: true,
			simplify: true,
		},
	},
	{
		name: 'Decode URLs',
		credential: 'proofpointTapApi',
		parameters: { resource: 'url', operation: 'decode', urls: fromAI('urls', 'The rewritten URLs, one per line') },
	},
	{
		// Dry Run is fixed by the workflow's author: the agent cannot turn it off.
		name: 'Plan Functional Accounts',
		credential: 'proofpointEssentialsApi',
		parameters: {
			resource: 'user',
			operation: 'markFunctionalAccounts',
			domain: picked('acme.example'),
			hrSource: 'emails',
			hrEmails: fromAI('activeEmployees', 'Work emails of every active employee, comma-separated'),
			userTypes: ['end_user'],
			dryRun: true,
			output: 'summary',
			options: { maxChangeShare: 0.5 },
		},
	},
	{
		name: 'Block Sender',
		credential: 'proofpointEssentialsApi',
		parameters: { resource: 'organization', operation: 'addSenders', domain: picked('acme.example'), senderList: 'blocked', senders: fromAI('sender', 'The sender address or *@domain to block') },
	},
	{
		name: 'Block Sender on PoD',
		credential: 'proofpointThreatProtectionOAuth2Api',
		parameters: { resource: 'blockList', operation: 'addEntries', attribute: '$from', operator: 'equal', entryValue: fromAI('sender', 'The envelope sender address to block for the whole organization'), comment: 'Blocked by the SOC agent' },
	},
];
const toolName = (tool) => tool.name.replace(/ /g, '_');

function mcpWorkflow() {
	return {
		id: 'ppE2eMcpTools',
		name: 'e2e: Proofpoint tools over MCP',
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: 'mcp',
				name: TRIGGER,
				type: '@n8n/n8n-nodes-langchain.mcpTrigger',
				typeVersion: 2.1,
				position: [0, 0],
				webhookId: '5b8d0c0e-64c1-4f6a-9d5e-2f1d3b7a9c41',
				parameters: { path: MCP_PATH, authentication: 'bearerAuth' },
				credentials: { httpBearerAuth: { id: BEARER_CREDENTIAL.id, name: BEARER_CREDENTIAL.name } },
			},
			...TOOLS.map((tool, index) => ({
				id: `tool${index}`,
				name: tool.name,
				type: TOOL_TYPE,
				typeVersion: NODE_VERSION,
				position: [index * 200 - 400, 240],
				parameters: tool.parameters,
				credentials: credentialRef(tool.credential),
			})),
		],
		connections: Object.fromEntries(TOOLS.map((tool) => [tool.name, { ai_tool: [[{ node: TRIGGER, type: 'ai_tool', index: 0 }]] }])),
	};
}

/** Every secret the test set up: none may appear in anything the MCP client receives. */
const SECRETS = [
	TOKEN,
	SANDBOX_CREDENTIALS.tap.secret,
	...Object.values(SANDBOX_CREDENTIALS.essentials).map((login) => login.apiKey),
	...Object.values(SANDBOX_CREDENTIALS.essentialsThreat).map((key) => key.apiKeySecret),
	SANDBOX_CREDENTIALS.threatProtection.apiSecret,
];

const textOf = (result) => result.content.map((part) => part.text).join('\n');
const seenRequests = (sb) => sb.requests.map((request) => `${request.method} ${request.path}`);

describe('the Proofpoint node as tools of an MCP Server Trigger in real n8n', () => {
	let n8n, tarball, userFolder, sb, server, client, url;

	/** Runs assertions; on failure, also shows n8n's recent log and the sandbox's requests. */
	async function explain(assertions) {
		try {
			return await assertions();
		} catch (error) {
			throw annotate(error, `n8n's recent log:\n${barred(tail(server?.logs() ?? '', 4000) || '(nothing)')}\n\nsandbox requests:\n${barred(seenRequests(sb).join('\n') || '(none)')}`);
		}
	}

	/** n8n is ready before it has published the workflow: its MCP endpoint answers 404 until then. */
	const served = async () => {
		const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
		await response.text();
		return response.status !== 404;
	};

	const connect = async (token) => {
		const next = new Client({ name: 'n8n-nodes-proofpoint-e2e', version: '1.0.0' });
		const headers = token === undefined ? {} : { Authorization: `Bearer ${token}` };
		await next.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } }));
		return next;
	};

	beforeAll(async () => {
		n8n = runtime.prepareN8n();
		tarball = runtime.packPackage();
		userFolder = runtime.newUserFolder(tarball);
		// No steady stream of threat events: the scripted agent's test sets the scene it asks about.
		sb = await startSandbox({ vapCount: 8, siem: { perHour: 0 } });
		await runtime.importCredentials(n8n, userFolder, [...importableCredentials(sb), BEARER_CREDENTIAL]);
		await runtime.importWorkflow(n8n, userFolder, mcpWorkflow());
		await runtime.publishWorkflow(n8n, userFolder, 'ppE2eMcpTools');
		server = await runtime.startN8n(n8n, userFolder);
		url = `${server.url}/mcp/${MCP_PATH}`;
		await explain(() => runtime.waitFor(served, { timeoutMs: 60000, what: `the MCP endpoint ${url} (the published workflow)` }));
		client = await explain(() => connect(TOKEN));
	});

	afterAll(async () => {
		await client?.close().catch(() => {});
		await server?.stop();
		await sb?.close();
		if (userFolder) fs.rmSync(userFolder, { recursive: true, force: true });
		if (tarball) fs.rmSync(path.dirname(tarball), { recursive: true, force: true });
	});

	beforeEach(() => sb.clearRequests());

	test('refuses a client without the bearer token, or with a wrong one (403)', async () => {
		const initialize = { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-03-26', capabilities: {}, clientInfo: { name: 'intruder', version: '0' } } };
		for (const authorization of [undefined, 'Bearer wrong-token']) {
			const response = await fetch(url, {
				method: 'POST',
				headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...(authorization ? { authorization } : {}) },
				body: JSON.stringify(initialize),
			});
			expect({ authorization, status: response.status }).toEqual({ authorization, status: 403 });
		}
		await expect(connect('wrong-token')).rejects.toThrow(/Authorization data is wrong!/);
		expect(seenRequests(sb)).toEqual([]);
	});

	test('lists the seven tools with the descriptions n8n builds from each operation and the $fromAI inputs', async () => {
		const { tools } = await explain(() => client.listTools());
		const byName = Object.fromEntries(tools.map((tool) => [tool.name, tool]));

		expect(Object.keys(byName).sort()).toEqual(TOOLS.map(toolName).sort());
		// Each description is the operation's tool text (the node's own Tool Description): what it returns, its limits and what it spends.
		for (const tool of tools) {
			expect(tool.name.length).toBeLessThanOrEqual(64);
			expect(tool.description.length).toBeGreaterThan(80);
			expect(tool.description).toMatch(/request|quota|call/i);
		}
		expect(byName.Very_Attacked_People.description).toMatch(/50/);
		expect(byName.Recent_Threat_Events.description).toMatch(/last 7 days/);
		expect(byName.Recent_Threat_Events.description).toMatch(/1,800 a day/);
		// Every input the agent fills tells it what to write.
		for (const tool of tools) {
			for (const [input, schema] of Object.entries(tool.inputSchema.properties)) {
				expect({ tool: tool.name, input, description: schema.description }).toEqual({ tool: tool.name, input, description: expect.stringMatching(/\w+ \w+ \w+/) });
			}
		}
		// What changes a tenant says so, and that nothing is sent without "confirm"; the reads do not.
		for (const name of ['Block_Sender', 'Block_Sender_on_PoD']) expect(byName[name].description).toMatch(/changes the tenant, so nothing is sent unless the input "confirm" is true/);
		expect(byName.Plan_Functional_Accounts.description).toMatch(/With Dry Run off it changes the tenant/);
		for (const name of ['Get_User', 'Very_Attacked_People', 'Recent_Threat_Events', 'Decode_URLs']) expect(byName[name].description).not.toMatch(/changes the tenant/);

		expect(byName.Get_User.inputSchema).toMatchObject({
			type: 'object',
			properties: { email: { type: 'string', description: "The primary email address of the user" } },
			required: ['email'],
		});
		expect(byName.Very_Attacked_People.inputSchema.properties).toEqual({ limit: { type: 'number', description: 'How many people to return, most attacked first' } });
		expect(Object.keys(byName.Decode_URLs.inputSchema.properties)).toEqual(['urls']);
		expect(byName.Recent_Threat_Events.inputSchema.properties).toEqual({ hours: { type: 'number', description: 'How many hours back to read, from 1 to 168' } });
		// The agent fills in the employees only: Dry Run is not among the inputs.
		expect(Object.keys(byName.Plan_Functional_Accounts.inputSchema.properties)).toEqual(['activeEmployees']);
		// A change asks the agent for its confirmation, described, and required.
		const confirm = { type: 'boolean', description: expect.stringMatching(/^true only after the user has approved this exact change/) };
		expect(byName.Block_Sender.inputSchema.properties).toEqual({ sender: expect.any(Object), confirm });
		expect(byName.Block_Sender.inputSchema.required.sort()).toEqual(['confirm', 'sender']);
		expect(byName.Block_Sender_on_PoD.inputSchema.properties).toEqual({ sender: { type: 'string', description: 'The envelope sender address to block for the whole organization' }, confirm });
		expect(seenRequests(sb)).toEqual([]);
	});

	test('Get User answers with the user, simplified to under 300 bytes, in one request', async () => {
		const result = await explain(() => client.callTool({ name: 'Get_User', arguments: { email: 'carol.jones@acme.example' } }));

		expect(result.isError).toBeFalsy();
		const [user] = JSON.parse(textOf(result));
		expect(user).toMatchObject({ uid: expect.anything(), primary_email: 'carol.jones@acme.example', firstname: 'Carol', type: 'end_user' });
		// Output Simplified (the default): no sender lists or settings the agent did not ask about.
		expect(user).not.toHaveProperty('white_list_senders');
		expect(Buffer.byteLength(textOf(result))).toBeLessThan(300);
		expect(seenRequests(sb)).toEqual(['GET /orgs/acme.example/users/carol.jones@acme.example']);
	});

	test('an unknown user comes back as isError with the node\'s advice, and no secret', async () => {
		const result = await explain(() => client.callTool({ name: 'Get_User', arguments: { email: 'nobody@acme.example' } }));

		expect(result.isError).toBe(true);
		const text = textOf(result);
		// The organization is there (asked once after the 404): the advice is about the user, not the stack.
		expect(text).toMatch(/User "nobody@acme.example" is not in organization acme\.example \(404\)/);
		expect(text).toMatch(/primary email address \(aliases cannot be addressed\)/);
		expect(text).not.toMatch(/stack/);
		for (const secret of SECRETS) expect(text).not.toContain(secret);
		expect(seenRequests(sb)).toEqual(['GET /orgs/acme.example/users/nobody@acme.example', 'GET /orgs/acme.example']);
	});

	test('Very Attacked People returns as many people as the agent asked for, in one request', async () => {
		const result = await explain(() => client.callTool({ name: 'Very_Attacked_People', arguments: { limit: 3 } }));

		expect(result.isError).toBeFalsy();
		const people = JSON.parse(textOf(result));
		expect(people).toHaveLength(3);
		for (const person of people) expect(person).toEqual(expect.objectContaining({ email: expect.stringContaining('@'), attackIndex: expect.any(Number) }));
		expect(people.map((person) => person.attackIndex)).toEqual([...people.map((person) => person.attackIndex)].sort((a, b) => b - a));
		expect(seenRequests(sb)).toEqual(['GET /v2/people/vap']);
	});

	test('Decode URLs turns URL Defense links back into the originals, in one request', async () => {
		const original = ['https://evil.example/login?user=alice', 'https://docs.example/a_b-c?x=1#top'];
		const rewritten = original.map((link) => sb.urls.encodeV3(link));
		const result = await explain(() => client.callTool({ name: 'Decode_URLs', arguments: { urls: rewritten.join('\n') } }));

		expect(result.isError).toBeFalsy();
		expect(JSON.parse(textOf(result)).map((entry) => [entry.decodedUrl, entry.success])).toEqual([
			[original[0], true],
			[original[1], true],
		]);
		expect(seenRequests(sb)).toEqual(['POST /v2/url/decode']);
	});

	test('Plan Functional Accounts plans from the employees the agent names, and changes nothing', async () => {
		const activeEmployees = 'alice@acme.example, carol.jones@acme.example, dave.lee@acme.example, frank.miller@acme-corp.example, grace@acme.co.uk, info@acme.example';
		const result = await explain(() => client.callTool({ name: 'Plan_Functional_Accounts', arguments: { activeEmployees } }));

		expect(result.isError).toBeFalsy();
		const [summary] = JSON.parse(textOf(result));
		expect(summary).toMatchObject({ dryRun: true, planned: 2, updated: 0 });
		expect(summary.plannedEmails.sort()).toEqual(['bob.smith@acme.example', 'erin.white@acme.example']);
		expect(seenRequests(sb)).toEqual(['GET /orgs/acme.example/users']);
		expect(sb.getUser('acme.example', 'bob.smith@acme.example').type).toBe('end_user');
	});

	test('Block Sender sends nothing until the agent confirms, then adds the sender once', async () => {
		const unconfirmed = await explain(() => client.callTool({ name: 'Block_Sender', arguments: { sender: 'phisher@evil.example', confirm: false } }));
		expect(unconfirmed.isError).toBeFalsy();
		expect(JSON.parse(textOf(unconfirmed))).toEqual([expect.objectContaining({ changed: false, confirmed: false, message: expect.stringMatching(/"confirm": true once they agree/) })]);
		expect(seenRequests(sb)).toEqual([]);

		const result = await explain(() => client.callTool({ name: 'Block_Sender', arguments: { sender: 'phisher@evil.example', confirm: true } }));

		expect(result.isError).toBeFalsy();
		expect(sb.getOrg('acme.example').black_list_senders).toContain('phisher@evil.example');
		expect(seenRequests(sb)).toEqual(['GET /orgs/acme.example/sender-lists', 'POST /orgs/acme.example/sender-lists']);

		sb.clearRequests();
		const again = await explain(() => client.callTool({ name: 'Block_Sender', arguments: { sender: 'phisher@evil.example', confirm: true } }));
		expect(again.isError).toBeFalsy();
		expect(seenRequests(sb)).toEqual(['GET /orgs/acme.example/sender-lists']);
	});

	test('a wrong input comes back as an error naming that input, before any request', async () => {
		const result = await explain(() => client.callTool({ name: 'Block_Sender', arguments: { sender: 'not an address', confirm: true } }));

		expect(result.isError).toBe(true);
		expect(textOf(result)).toMatch(/Tool input "sender" \(Senders\)/);
		expect(seenRequests(sb)).toEqual([]);
	});

	test("Block Sender on PoD adds the sender to the PoD block list once: a second call finds it there and sends nothing", async () => {
		const listPath = '/api/v1/emailProtection/modules/spam/orgBlockList';
		const apiCalls = () => sb.requests.filter((request) => request.api === 'threatProtection' && request.path !== '/v1/token').map((request) => `${request.method} ${request.path}`);
		const result = await explain(() => client.callTool({ name: 'Block_Sender_on_PoD', arguments: { sender: 'pod-phisher@evil.example', confirm: true } }));

		expect(result.isError).toBeFalsy();
		expect(JSON.parse(textOf(result))).toEqual([expect.objectContaining({ value: 'pod-phisher@evil.example', result: 'added', list: 'block list' })]);
		expect(apiCalls()).toEqual([`GET ${listPath}`, `POST ${listPath}`]);
		for (const secret of SECRETS) expect(textOf(result)).not.toContain(secret);

		sb.clearRequests();
		const again = await explain(() => client.callTool({ name: 'Block_Sender_on_PoD', arguments: { sender: 'pod-phisher@evil.example', confirm: true } }));
		expect(JSON.parse(textOf(again))).toEqual([expect.objectContaining({ result: 'alreadyPresent' })]);
		expect(apiCalls()).toEqual([`GET ${listPath}`]);
	});

	test('a wrong number of hours comes back as an error naming "hours", before any request', async () => {
		const result = await explain(() => client.callTool({ name: 'Recent_Threat_Events', arguments: { hours: 0 } }));

		expect(result.isError).toBe(true);
		expect(textOf(result)).toMatch(/Tool input "hours"/);
		expect(seenRequests(sb)).toEqual([]);
	});

	test('a scripted agent finds who clicked the latest permitted phish and blocks its sender, from the tool list alone', async () => {
		// The scene in TAP: one answer, and three events a careless reading would take instead.
		const steady = (category) => sb.siem.threats().find((threat) => threat.type === 'url' && threat.category === category && threat.statusChange === null && Date.parse(threat.threatTime) < sb.now() - 4 * 60 * MINUTE);
		const minute = Math.floor(sb.now() / MINUTE) * MINUTE;
		const click = (kind, minutesAgo, threat, sender, recipient) => sb.siem.inject(kind, { time: minute - minutesAgo * MINUTE, threats: [threat.id], sender, recipient });
		click('clicksPermitted', 180, steady('phish'), 'old-lure@phish.example', 'dave.lee@acme.example');
		click('clicksPermitted', 50, steady('phish'), 'payroll@phish.example', 'carol.jones@acme.example');
		click('clicksPermitted', 20, steady('malware'), 'updates@malware.example', 'alice.nguyen@acme.example');
		click('clicksBlocked', 10, steady('phish'), 'blocked-lure@phish.example', 'erin.white@acme.example');

		await explain(async () => {
			// The "model" reads only the tool list: names, descriptions and input schemas.
			const { tools } = await client.listTools();
			const inputNamed = (tool, pattern) => Object.keys(tool.inputSchema.properties).find((input) => pattern.test(tool.inputSchema.properties[input].description));
			const reader = tools.find((tool) => /clicks/.test(tool.description) && /time range/.test(tool.description));
			const hours = inputNamed(reader, /hours back/);
			const read = await client.callTool({ name: reader.name, arguments: { [hours]: 6 } });
			expect(read.isError).toBeFalsy();
			// The description says: one item per event in time order, with eventType, recipient, sender and classification.
			const events = JSON.parse(textOf(read));
			const latest = events.filter((event) => event.eventType === 'clicksPermitted' && event.classification === 'phish').at(-1);
			expect({ clicked: latest.recipient, sender: latest.sender }).toEqual({ clicked: 'carol.jones@acme.example', sender: 'payroll@phish.example' });
			expect(seenRequests(sb)).toEqual(Array(6).fill('GET /v2/siem/all'));

			sb.clearRequests();
			const blocker = tools.find((tool) => /organization's blocked or allowed senders/.test(tool.description) && tool.inputSchema.properties.confirm);
			const sender = inputNamed(blocker, /sender/i);
			// A careful model asks first; the tool sends nothing and says how to go on.
			const asked = await client.callTool({ name: blocker.name, arguments: { [sender]: latest.sender, confirm: false } });
			expect(JSON.parse(textOf(asked))).toEqual([expect.objectContaining({ changed: false, message: expect.stringMatching(/"confirm": true/) })]);
			expect(seenRequests(sb)).toEqual([]);
			// The user approves.
			const blocked = await client.callTool({ name: blocker.name, arguments: { [sender]: latest.sender, confirm: true } });
			expect(blocked.isError).toBeFalsy();
			expect(seenRequests(sb)).toEqual(['GET /orgs/acme.example/sender-lists', 'POST /orgs/acme.example/sender-lists']);
		});
		const blockList = sb.getOrg('acme.example').black_list_senders;
		expect(blockList).toContain('payroll@phish.example');
		expect(blockList).not.toContain('old-lure@phish.example');
	});
});
