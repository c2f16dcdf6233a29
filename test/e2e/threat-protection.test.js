// The Threat Protection resources in a real n8n with the packed package: n8n's own OAuth2 fetches the
// token from the sandbox, stores it with the credential and uses it again; the node changes the PoD
// block list reading it once and sending only what changes; Cloud Threat Response answers within
// its rate of 10 calls a minute.
const { useRealN8n, oneNodeWorkflow, triggeredWorkflow, CREDENTIAL_IDS } = require('./n8n');
const { SANDBOX_CREDENTIALS } = require('../../sandbox');
const { SUCCEEDED } = require('./outcome');

jest.setTimeout(240000);

const CLUSTER = SANDBOX_CREDENTIALS.threatProtection.clusterId;
const LIST_PATH = '/api/v1/emailProtection/modules/spam/orgBlockList';
const tp = { credentialType: 'proofpointThreatProtectionOAuth2Api' };
const json = (items) => items.map((item) => item.json);

/** "METHOD path status" of what the sandbox's Threat Protection API saw. */
const tpCalls = (sb) => sb.requests.filter((request) => request.api === 'threatProtection').map((request) => `${request.method} ${request.path} ${request.status}`);

/** A Code node's items, then the Proofpoint node: one entry per item. */
function entriesWorkflow(name, parameters, entries) {
	const workflow = triggeredWorkflow(name, {
		id: 'c',
		name: 'Entries',
		type: 'n8n-nodes-base.code',
		typeVersion: 2,
		parameters: { jsCode: `return ${JSON.stringify(entries.map((entry) => ({ json: entry })))};` },
	});
	workflow.nodes.push({ id: 'p', name: 'Proofpoint', type: 'n8n-nodes-proofpoint.proofpoint', typeVersion: 1.1, position: [440, 0], parameters, credentials: { proofpointThreatProtectionOAuth2Api: { id: CREDENTIAL_IDS.proofpointThreatProtectionOAuth2Api, name: 'Proofpoint Threat Protection (sandbox)' } } });
	workflow.connections.Entries = { main: [[{ node: 'Proofpoint', type: 'main', index: 0 }]] };
	return workflow;
}

describe('the Threat Protection resources in a real n8n', () => {
	const context = useRealN8n({ threatProtection: { workflowRunMs: 3000 } });
	const sb = () => context.sb;
	beforeEach(() => context.sb.clearRequests());

	test("Block List → Get Entries: n8n gets a token once, keeps it with the credential, and the next run uses it again", async () => {
		const first = await context.run(oneNodeWorkflow('tp block list', { resource: 'blockList', operation: 'getEntries' }, tp));

		expect(first).toHaveEnded(SUCCEEDED);
		expect(json(first.output('Proofpoint'))).toEqual(sb().threatProtection.lists(CLUSTER, 'orgBlockList').map((entry) => ({ list: 'block list', clusterId: CLUSTER, ...entry })));
		expect(tpCalls(sb())).toEqual(['POST /v1/token 200', `GET ${LIST_PATH} 200`]);

		sb().clearRequests();
		const second = await context.run(oneNodeWorkflow('tp block list', { resource: 'blockList', operation: 'getEntries' }, tp));
		expect(second).toHaveEnded(SUCCEEDED);
		expect(tpCalls(sb())).toEqual([`GET ${LIST_PATH} 200`]);
	});

	test('an expired token: the API says 401, n8n fetches a new one and sends again, and the run succeeds', async () => {
		sb().threatProtection.expireTokens();
		const result = await context.run(oneNodeWorkflow('tp block list', { resource: 'blockList', operation: 'getEntries' }, tp));

		expect(result).toHaveEnded(SUCCEEDED);
		expect(tpCalls(sb())).toEqual([`GET ${LIST_PATH} 401`, 'POST /v1/token 200', `GET ${LIST_PATH} 200`]);
	});

	test('Block List → Add Entries from items: one read, one add per new entry, and a second run sends nothing', async () => {
		const present = sb().threatProtection.lists(CLUSTER, 'orgBlockList')[0];
		const entries = [
			{ attribute: '$from', operator: 'equal', value: 'attacker@evil.example', comment: 'e2e' },
			{ attribute: present.attribute, operator: present.operator, value: present.value, comment: 'already there' },
		];
		const parameters = { resource: 'blockList', operation: 'addEntries', attribute: '={{ $json.attribute }}', operator: '={{ $json.operator }}', entryValue: '={{ $json.value }}', comment: '={{ $json.comment }}' };
		const workflow = entriesWorkflow('tp add entries', parameters, entries);

		const first = await context.run(workflow);
		expect(first).toHaveEnded(SUCCEEDED);
		expect(json(first.output('Proofpoint')).map((item) => item.result)).toEqual(['added', 'alreadyPresent']);
		expect(tpCalls(sb())).toEqual([`GET ${LIST_PATH} 200`, `POST ${LIST_PATH} 200`]);

		sb().clearRequests();
		const second = await context.run(workflow);
		expect(second).toHaveEnded(SUCCEEDED);
		expect(json(second.output('Proofpoint')).map((item) => item.result)).toEqual(['alreadyPresent', 'alreadyPresent']);
		expect(tpCalls(sb())).toEqual([`GET ${LIST_PATH} 200`]);
		// Neither the secret nor any token the sandbox issued shows in what n8n stored of the run.
		for (const secret of [SANDBOX_CREDENTIALS.threatProtection.apiSecret, ...sb().threatProtection.issuedTokens()]) expect(JSON.stringify(second.run.data)).not.toContain(secret);
	});

	test('Incident → Get Many of 150 open incidents: two pages, each an open incident, newest first', async () => {
		const parameters = { resource: 'incident', operation: 'getAll', timeRange: 'any', states: ['open'], returnAll: false, limit: 150, simplify: true };
		const result = await context.run(oneNodeWorkflow('tp incidents', parameters, tp));

		expect(result).toHaveEnded(SUCCEEDED);
		const incidents = json(result.output('Proofpoint'));
		expect(incidents).toHaveLength(150);
		expect(incidents.every((incident) => incident.state === 'open')).toBe(true);
		expect(incidents.map((incident) => incident.createdAt)).toEqual([...incidents.map((incident) => incident.createdAt)].sort().reverse());
		expect(tpCalls(sb()).filter((call) => call.includes('/tric/'))).toEqual(['POST /api/v1/tric/incidents 200', 'POST /api/v1/tric/incidents 200']);
	});

	test("a permitted click's delivered message found by Message → Search, pulled by a remediation workflow that n8n waits for", async () => {
		const messageId = '<e2e-click-0001@evil.example>';
		sb().threatProtection.addIncident({ title: 'Permitted click', source: 'tap', messages: [{ message_id: messageId, sender_address: 'attacker@evil.example', recipient_address: 'clicker@acme.example', email_subject: 'Invoice' }] });
		const search = await context.run(oneNodeWorkflow('tp message search', { resource: 'message', operation: 'search', timeRange: 'any', filters: { messageIdHeader: messageId }, returnAll: true, simplify: true }, tp));

		expect(search).toHaveEnded(SUCCEEDED);
		const [message] = json(search.output('Proofpoint'));
		expect(message).toMatchObject({ recipient: 'clicker@acme.example', sender: 'attacker@evil.example' });

		const pull = sb().threatProtection.workflows().find((workflow) => workflow.name === 'Pull message from all mailboxes');
		const run = await context.run(
			oneNodeWorkflow(
				'tp pull',
				{ resource: 'workflow', operation: 'run', workflowId: { __rl: true, mode: 'id', value: pull.id }, targetIds: message.id, waitForCompletion: true, options: { pollInterval: 1, maxWait: 30 } },
				tp,
			),
		);

		expect(run).toHaveEnded(SUCCEEDED);
		expect(json(run.output('Proofpoint'))[0]).toMatchObject({ state: 'SUCCESS', finished: true });
		expect(tpCalls(sb()).filter((call) => call.startsWith('POST /api/v1/tric/workflows'))).toHaveLength(1);
		expect(sb().threatProtection.runs().at(-1)).toMatchObject({ workflowId: pull.id, targetIds: [message.id], state: 'SUCCESS' });
		// Within its rate: no answer of the run said 429.
		expect(tpCalls(sb()).filter((call) => call.endsWith(' 429'))).toEqual([]);
	});

	test('the other operations answer in real n8n: Incident → Get by display ID, Message → Get, Remediation Workflow → Get Many and Get Run, Safe List → Get Entries, Block List → Remove Entries', async () => {
		const incident = sb().threatProtection.incidents()[0];
		const message = sb().threatProtection.messages()[0];
		const pull = sb().threatProtection.workflows().find((workflow) => workflow.name === 'Pull message from all mailboxes');
		const present = sb().threatProtection.lists(CLUSTER, 'orgBlockList')[0];
		const cases = [
			['incident get', { resource: 'incident', operation: 'get', incidentId: `INC-${incident.displayId}`, simplify: true }, (items) => expect(items[0]).toMatchObject({ id: incident.id, displayId: incident.displayId })],
			['message get', { resource: 'message', operation: 'get', messageId: message.id, simplify: true }, (items) => expect(items[0]).toMatchObject({ id: message.id })],
			['workflows', { resource: 'workflow', operation: 'getAll', targetType: 'message' }, (items) => expect(items.map((item) => item.name)).toEqual(expect.arrayContaining(['Pull message from all mailboxes', 'Notify recipient']))],
			['safe list', { resource: 'safeList', operation: 'getEntries' }, (items) => expect(items).toHaveLength(sb().threatProtection.lists(CLUSTER, 'orgSafeList').length)],
			['remove entry', { resource: 'blockList', operation: 'removeEntries', attribute: present.attribute, operator: present.operator, entryValue: present.value }, (items) => expect(items.map((item) => item.result)).toEqual(['removed'])],
		];
		for (const [name, parameters, check] of cases) {
			const result = await context.run(oneNodeWorkflow(`tp ${name}`, parameters, tp));
			expect(result).toHaveEnded(SUCCEEDED);
			check(json(result.output('Proofpoint')));
		}
		expect(sb().threatProtection.lists(CLUSTER, 'orgBlockList')).not.toContainEqual(present);

		const started = await context.run(oneNodeWorkflow('tp run no wait', { resource: 'workflow', operation: 'run', workflowId: { __rl: true, mode: 'id', value: pull.id }, targetIds: message.id, waitForCompletion: false }, tp));
		expect(started).toHaveEnded(SUCCEEDED);
		const [runStarted] = json(started.output('Proofpoint'));
		const checked = await context.run(oneNodeWorkflow('tp get run', { resource: 'workflow', operation: 'getRun', runId: runStarted.id }, tp));
		expect(checked).toHaveEnded(SUCCEEDED);
		expect(json(checked.output('Proofpoint'))[0]).toMatchObject({ id: runStarted.id, state: expect.stringMatching(/^(IN_PROGRESS|SUCCESS)$/) });
		expect(tpCalls(sb()).filter((call) => call.endsWith(' 429'))).toEqual([]);
	});

	test('a bad entry is refused before any request, naming the item and the field', async () => {
		const parameters = { resource: 'safeList', operation: 'addEntries', attribute: '$from', operator: 'not_equal', entryValue: 'x@partner.example' };
		const result = await context.run(oneNodeWorkflow('tp bad operator', parameters, tp));

		expect(result).toHaveEnded({ status: 'error', nodeError: { message: 'Item 0: Operator "not_equal" is not an operator of the safe list' } });
		expect(tpCalls(sb())).toEqual([]);
	});
});
