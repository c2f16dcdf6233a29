'use strict';

// The node as an AI tool (Proofpoint Tool, the node type n8n derives from usableAsTool), run through
// real n8n-core: $fromAI reads the tool call's arguments, which a tool run gets as its input item.
const { Proofpoint } = require('../../dist/nodes/Proofpoint/Proofpoint.node.js');
const { runNode } = require('../harness');
const { startSandbox } = require('../../sandbox');
const { sandboxCredentials, seen } = require('../support');

const TOOL_TYPE = 'n8n-nodes-proofpoint.proofpointTool';

/** The node as n8n registers its tool: the same class, its type named …Tool (what `@tool` display options read). */
function toolType() {
	const tool = new Proofpoint();
	tool.description = { ...tool.description, name: 'proofpointTool', displayName: 'Proofpoint Tool' };
	return tool;
}

const fromAI = (key, type = 'string') => `={{ $fromAI('${key}', 'what the agent fills in', '${type}') }}`;

describe('Proofpoint Tool', () => {
	let sb;
	beforeAll(async () => {
		sb = await startSandbox({ retryAfterSeconds: 0 });
	});
	afterAll(async () => sb?.close());
	beforeEach(() => sb.clearRequests());

	const call = (parameters, args) =>
		runNode({
			parameters,
			input: [{ json: args }],
			nodeType: TOOL_TYPE,
			nodeTypes: { [TOOL_TYPE]: toolType() },
			credentials: sandboxCredentials(sb),
		});
	const blockSender = { resource: 'organization', operation: 'addSenders', domain: 'acme.example', senderList: 'blocked', senders: fromAI('sender') };

	it('a change sends nothing until the agent confirms it, then sends it once', async () => {
		const refused = await call(blockSender, { sender: 'tool-phisher@evil.example', confirm: false });

		expect(refused.error).toBeUndefined();
		expect(refused.items.map((item) => item.json)).toEqual([
			{ changed: false, confirmed: false, message: expect.stringMatching(/^Nothing was sent: .* call this tool again with "confirm": true once they agree\.$/) },
		]);
		expect(seen(sb)).toEqual([]);
		expect(sb.getOrg('acme.example').black_list_senders).not.toContain('tool-phisher@evil.example');

		const confirmed = await call(blockSender, { sender: 'tool-phisher@evil.example', confirm: true });
		expect(confirmed.items[0].json).toMatchObject({ added: ['tool-phisher@evil.example'], changed: true });
		expect(seen(sb)).toEqual(['GET /orgs/acme.example/sender-lists', 'POST /orgs/acme.example/sender-lists']);
	});

	it('with Confirmation set to None by the workflow, the change goes ahead without the input', async () => {
		const result = await call({ ...blockSender, confirmation: 'none' }, { sender: 'no-confirm@evil.example' });

		expect(result.items[0].json).toMatchObject({ added: ['no-confirm@evil.example'], changed: true });
	});

	it('bad input is refused before the confirmation, naming the tool input and sending nothing', async () => {
		const result = await call(blockSender, { sender: 'not an address', confirm: true });

		expect(result.error.message).toMatch(/^Tool input "sender" \(Senders\) entry "not an address" is not an address, domain or \*@domain pattern$/);
		expect(result.error.description).toBe('Call the tool again with a valid "sender"; nothing was sent.');
		expect(result.error.message).not.toMatch(/Item 0/);
		expect(seen(sb)).toEqual([]);
	});

	it('a field the workflow fixed is named as the workflow\'s to fix, not the agent\'s', async () => {
		const result = await call({ resource: 'user', operation: 'get', domain: 'acme.example', email: 'broken' }, {});

		expect(result.error.message).toMatch(/^Email .*not an email address/);
		expect(result.error.description).toMatch(/"Email" is set in the workflow, not by the agent/);
		expect(seen(sb)).toEqual([]);
	});

	it('a Time Range the API cannot serve names the input the agent gave for its amount', async () => {
		const result = await call({ resource: 'siemEvent', operation: 'getAll', timeRange: 'last', lastAmount: fromAI('days', 'number'), lastUnit: 'days' }, { days: 30 });

		expect(result.error.message).toMatch(/^Tool input "days" \(Time Range\)/);
		expect(seen(sb)).toEqual([]);
	});

	it('a read needs no confirmation, and Mark Functional Accounts with Dry Run on asks for none', async () => {
		const user = await call({ resource: 'user', operation: 'get', domain: 'acme.example', email: fromAI('email') }, { email: 'carol.jones@acme.example' });
		expect(user.items[0].json).toMatchObject({ primary_email: 'carol.jones@acme.example' });

		sb.clearRequests();
		const plan = await call(
			{ resource: 'user', operation: 'markFunctionalAccounts', domain: 'acme.example', hrSource: 'emails', hrEmails: fromAI('employees'), userTypes: ['end_user'], dryRun: true, output: 'summary', options: { maxChangeShare: 0.5 } },
			{ employees: 'alice@acme.example, carol.jones@acme.example, dave.lee@acme.example, frank.miller@acme-corp.example, grace@acme.co.uk, info@acme.example' },
		);
		expect(plan.items[0].json).toMatchObject({ dryRun: true, planned: 2, updated: 0 });
		expect(seen(sb)).toEqual(['GET /orgs/acme.example/users']);
	});

	it('a block-list dry run needs no confirmation; once any item is not a dry run, nothing is sent until confirmed', async () => {
		const { threatProtectionCredential } = require('../support');
		const block = { resource: 'blockList', operation: 'addEntries', attribute: '$from', operator: 'equal', entryValue: fromAI('sender'), comment: 'from the tool test' };
		const callTp = (parameters, input) =>
			runNode({ parameters, input, nodeType: TOOL_TYPE, nodeTypes: { [TOOL_TYPE]: toolType() }, credentials: { proofpointThreatProtectionOAuth2Api: threatProtectionCredential(sb) } });
		const listed = () => seen(sb).filter((request) => request.endsWith('orgBlockList'));

		const preview = await callTp({ ...block, dryRun: true }, [{ json: { sender: 'dry@evil.example' } }]);
		expect(preview.items.map((item) => item.json)).toEqual([expect.objectContaining({ result: 'wouldBeAdded', dryRun: true })]);
		expect(listed()).toEqual(['GET /api/v1/emailProtection/modules/spam/orgBlockList']);

		sb.clearRequests();
		// $fromAI reads the tool call (item 0), so the per-item Dry Run here is an expression a workflow could set.
		const mixed = await callTp({ ...block, entryValue: '={{ $json.sender }}', dryRun: '={{ $json.dryRun }}' }, [
			{ json: { sender: 'dry@evil.example', dryRun: true } },
			{ json: { sender: 'wet@evil.example', dryRun: false } },
		]);
		expect(mixed.items.map((item) => item.json)).toEqual([expect.objectContaining({ changed: false, confirmed: false })]);
		expect(seen(sb)).toEqual([]);
	});

	it('describes each operation for the model, and only changes ask for a confirmation', () => {
		const { properties } = toolType().description;
		const shownFor = (name, resource, operation) =>
			properties.filter((property) => property.name === name && property.displayOptions.show.resource.includes(resource) && property.displayOptions.show.operation.includes(operation));
		const [description] = shownFor('toolDescription', 'organization', 'addSenders');
		expect(description.displayOptions.show['@tool']).toEqual([true]);
		expect(description.default).toMatch(/nothing is sent unless the input "confirm" is true/);
		expect(shownFor('confirmChange', 'organization', 'addSenders')[0].default).toMatch(/\$fromAI\('confirm', '[^']+', 'boolean'\)/);
		expect(shownFor('confirmChange', 'user', 'get')).toEqual([]);
		expect(shownFor('toolDescription', 'user', 'get')[0].default).not.toMatch(/changes the tenant/);
		expect(shownFor('confirmChange', 'user', 'markFunctionalAccounts')[0].displayOptions.show.dryRun).toEqual([false]);
	});
});
