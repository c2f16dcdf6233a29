// The example workflows, run by a real n8n with the packed package installed, as the editor runs them.
const fs = require('node:fs');
const path = require('node:path');
const { useRealN8n, readExample, runtime } = require('./n8n');
const { SUCCEEDED, n8nSaid } = require('./outcome');

jest.setTimeout(240000);

describe('the example workflows in a real n8n', () => {
	const context = useRealN8n();

	test('HR CSV → dry run → review → apply marks the leaver and the unowned mailbox as functional accounts', async () => {
		const { sb, userFolder } = context;
		const csv = path.join(userFolder, 'files', 'hr-roster.csv');
		fs.copyFileSync(path.join(__dirname, '..', '..', 'examples', 'hr-roster.csv'), csv);
		const workflow = readExample('1-hr-csv-functional-accounts.json');
		workflow.nodes.find((node) => node.type === 'n8n-nodes-base.readWriteFile').parameters.fileSelector = csv;
		// Saved by 0.1.0, before Organization Domain became a picker: its plain string must keep working.
		const proofpointNodes = workflow.nodes.filter((node) => node.type === runtime.NODE_TYPE);
		expect(proofpointNodes.map((node) => [node.name, node.parameters.domain])).toEqual([
			['Plan (dry run)', 'acme.example'],
			['Apply', 'acme.example'],
		]);

		const result = await context.run(workflow);

		expect(result).toHaveEnded(SUCCEEDED);
		expect(result.error).toBeUndefined();
		const [plan] = result.output('Plan (dry run)');
		expect(plan.json).toMatchObject({ dryRun: true, planned: 2, updated: 0 });
		expect(plan.json.plannedEmails.sort()).toEqual(['bob.smith@acme.example', 'erin.white@acme.example']);
		const applied = result.output('Apply').map((item) => [item.json.email, item.json.status, item.json.reason]);
		expect(applied.sort()).toEqual([
			['bob.smith@acme.example', 'updated', 'left: terminated'],
			['erin.white@acme.example', 'updated', 'not in HR'],
		]);
		expect(sb.getUser('acme.example', 'bob.smith@acme.example').type).toBe('functional_account');
		expect(sb.getUser('acme.example', 'erin.white@acme.example').type).toBe('functional_account');
		expect(sb.getUser('acme.example', 'carol.jones@acme.example').type).toBe('end_user');
		const puts = sb.requests.filter((request) => request.method === 'PUT').map((request) => request.path);
		expect(puts.sort()).toEqual([
			'/orgs/acme.example/users/bob.smith@acme.example',
			'/orgs/acme.example/users/erin.white@acme.example',
		]);

		sb.clearRequests();
		const again = await context.run(workflow);
		expect(again).toHaveEnded(SUCCEEDED);
		expect(again.output('Plan (dry run)')[0].json.planned).toBe(0);
		expect(sb.requests.filter((request) => request.method === 'PUT')).toEqual([]);
	});

	test('the weekly VAP report makes one People API request and outputs an HTML table of the top 10', async () => {
		const { sb } = context;
		sb.clearRequests();

		const result = await context.run(readExample('3-weekly-vap-report.json'));

		expect(result).toHaveEnded(SUCCEEDED);
		expect(result.output('Top 10 VAPs, last 30 days')).toHaveLength(10);
		const [report] = result.output('HTML table to send');
		expect(report.json.table).toContain('<caption>Very Attacked People, last 30 days</caption>');
		expect(report.json.table.match(/<tr/g)).toHaveLength(11);
		expect(report.json.table).toContain('<th>Department</th>');
		expect(sb.requests.map((request) => `${request.method} ${request.path} ${request.query.size}`)).toEqual([
			'GET /v2/people/vap 10',
		]);
	});

	test('the Google Sheets example imports into n8n (it needs a Google account to run)', async () => {
		const workflow = readExample('2-google-sheets-weekly-functional-accounts.json');
		const stored = await context.importWorkflow(workflow);
		expect(stored.nodes.map((node) => node.type)).toEqual(workflow.nodes.map((node) => node.type));
		const types = workflow.nodes.map((node) => node.type);
		expect(types).toEqual(
			expect.arrayContaining(['n8n-nodes-base.scheduleTrigger', 'n8n-nodes-base.googleSheets', 'n8n-nodes-proofpoint.proofpoint']),
		);
	});
});

// Examples 4 and 5: the threat workflows, each run headless from the shipped file with only its
// trigger swapped for a Manual Trigger, against a sandbox of their own.
describe('the threat examples in a real n8n', () => {
	const { activeTrigger } = require('../harness');
	const { sandboxCredentials } = require('../support');
	const context = useRealN8n();

	const TRIGGER_TYPE = 'n8n-nodes-proofpoint.proofpointTrigger';
	const NODE_TYPE = 'n8n-nodes-proofpoint.proofpoint';
	const MINUTE = 60 * 1000;
	const HOUR = 60 * MINUTE;

	/** The run ended well; otherwise the failure shows n8n's error and the end of what it printed. */
	function expectSucceeded(result) {
		const outcome = { status: result.run?.status, error: result.error?.message };
		if (outcome.status === 'success' && outcome.error === undefined) return;
		throw new Error(`n8n did not run the workflow: ${JSON.stringify(outcome)}\n\n${n8nSaid(result)}`);
	}

	/** The names of the nodes `from` leads to, following each node's only main output. */
	function chainFrom(workflow, from) {
		const chain = [];
		for (let name = from; ; ) {
			const next = workflow.connections[name]?.main?.[0] ?? [];
			if (next.length !== 1 || (workflow.connections[name].main.length ?? 0) !== 1) break;
			name = next[0].node;
			chain.push(name);
		}
		return chain;
	}

	const nodeNamed = (workflow, name) => workflow.nodes.find((node) => node.name === name);

	/**
	 * The example as shipped, but started by a Manual Trigger (a manual run starts from one) whose clicks come
	 * out of a node named as the Proofpoint Trigger: what the trigger itself emitted, polled in-process.
	 */
	function startedByClicks(example, trigger, clicks, id) {
		const workflow = structuredClone(example);
		workflow.id = id;
		workflow.nodes = workflow.nodes.filter((node) => node.name !== trigger.name);
		workflow.nodes.push(
			{ id: 'e1', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [-480, 200], parameters: {} },
			{ id: 'e2', name: 'Clicks from the trigger', type: 'n8n-nodes-base.set', typeVersion: 3.4, position: [-240, 200], parameters: { mode: 'raw', jsonOutput: JSON.stringify({ clicks }), options: {} } },
			{ id: 'e3', name: trigger.name, type: 'n8n-nodes-base.splitOut', typeVersion: 1, position: trigger.position, parameters: { fieldToSplitOut: 'clicks', options: {} } },
		);
		workflow.connections.Start = { main: [[{ node: 'Clicks from the trigger', type: 'main', index: 0 }]] };
		workflow.connections['Clicks from the trigger'] = { main: [[{ node: trigger.name, type: 'main', index: 0 }]] };
		return workflow;
	}
	const what = (node) => (node.type === NODE_TYPE ? `${node.parameters.resource}.${node.parameters.operation}` : node.type);
	const distinct = (values) => [...new Set(values)].sort();

	/** Notes on each sandbox request when it arrived, so the truth can be asked for as the API answered then. */
	function recordArrivals(sb) {
		Object.defineProperty(sb.requests, 'push', {
			configurable: true,
			enumerable: false,
			value: (...records) => {
				for (const record of records) record.arrivedAt = sb.now();
				return Array.prototype.push.apply(sb.requests, records);
			},
		});
		return () => delete sb.requests.push;
	}

	test('permitted click → triage: the trigger feeds URL Decode, Threat, Forensics and a triage message per click with the decoded URL, the threat and its evidence', async () => {
		const { sb } = context;
		const example = readExample('4-permitted-click-triage.json');

		// The shipped workflow: the Proofpoint Trigger on permitted clicks, then the enrichment chain.
		const trigger = example.nodes.find((node) => node.type === TRIGGER_TYPE);
		expect(trigger.parameters).toMatchObject({ eventTypes: ['clicksPermitted'], simplify: true });
		expect(trigger.credentials).toEqual({ proofpointTapApi: { id: 'ppTapDemo', name: 'Proofpoint TAP (sandbox)' } });
		const chain = chainFrom(example, trigger.name);
		expect(chain.map((name) => what(nodeNamed(example, name)))).toEqual([
			'url.decode',
			'threat.get',
			'forensics.get',
			'n8n-nodes-base.set',
			'n8n-nodes-base.set',
			'n8n-nodes-base.markdown',
		]);
		for (const name of chain.slice(0, 3)) expect(nodeNamed(example, name).credentials).toEqual(trigger.credentials);
		const [decodeNode, threatNode, forensicsNode, , messageNode, htmlNode] = chain;

		// Permitted clicks of the last minutes on two URL threats, logged with the rewritten link and with the
		// original. Threats whose status never changes: a false positive is not an event of the default Threat Status.
		const now = sb.now();
		const urlThreats = sb.siem
			.threats()
			.filter((threat) => threat.type === 'url' && threat.statusChange === null && Date.parse(threat.threatTime) < now)
			.slice(-2);
		expect(urlThreats).toHaveLength(2);
		const injected = [];
		const rewritten = (event) => !sb.urls.decode(event.url).error;
		for (let minutes = 2; minutes < 30 && !(injected.some(rewritten) && injected.some((event) => !rewritten(event))); minutes++) {
			const threat = urlThreats[minutes % 2];
			injected.push(...sb.siem.inject('clicksPermitted', { time: now - minutes * MINUTE, threats: [threat.id] }));
		}
		expect(injected.some(rewritten) && injected.some((event) => !rewritten(event))).toBe(true);

		// What the trigger emits for them: its own output, polled in-process with the example's parameters
		// (as the editor's Fetch Test Event: the latest clicks of the last hour, at most 20).
		const sample = await activeTrigger({ parameters: trigger.parameters, credentials: sandboxCredentials(sb) }).poll({ mode: 'manual' });
		expect(sample.status).toBe('success');
		const clicks = sample.items.map((item) => item.json);
		for (const event of injected) expect(clicks).toContainEqual(expect.objectContaining({ guid: event.GUID, recipient: event.recipient, url: event.url, threatId: event.threatID ?? event.threatId }));

		const workflow = startedByClicks(example, trigger, clicks, 'ppE2eClickTriage');
		expect(chainFrom(workflow, trigger.name)).toEqual(chain);

		sb.clearRequests();
		const result = await context.run(workflow);

		expectSucceeded(result);
		const messages = result.output(htmlNode).map((item) => item.json);
		expect(messages).toHaveLength(clicks.length);
		expect(result.output(messageNode)).toHaveLength(clicks.length);
		const threatAnswers = result.output(threatNode).map((item) => item.json);
		const forensicAnswers = result.output(forensicsNode).map((item) => item.json);
		clicks.forEach((click, index) => {
			const message = messages[index];
			const decoded = sb.urls.decode(click.url);
			const expectedUrl = decoded.error ? click.url : decoded.url;
			const threat = threatAnswers[index];
			expect(threat.id).toBe(click.threatId);
			expect(threat.name).toBe(new URL(sb.siem.threats().find((candidate) => candidate.id === click.threatId).threat).hostname);
			// The message lists malicious evidence first; a threat found benign has only the other kind.
			const { forensics } = forensicAnswers[index].reports.find((report) => report.scope === 'THREAT');
			const evidence = forensics.find((entry) => entry.malicious) ?? forensics[0];
			const evidenceLine = `${evidence.type}: ${evidence.display}${evidence.malicious ? '' : ' (not malicious)'}`;

			expect(message).toMatchObject({
				recipient: click.recipient,
				clickedAt: click.time,
				decodedUrl: expectedUrl,
				urlWasRewritten: !decoded.error,
				threatId: click.threatId,
				threatName: threat.name,
				threatCategory: threat.category,
				threatPage: click.threatUrl,
			});
			expect(message.markdown).toContain(`\`${expectedUrl}\``);
			expect(message.markdown).toContain(`### Permitted click: ${threat.name}`);
			expect(message.markdown).toContain(`**${click.recipient}**`);
			expect(message.markdown).toContain(`${threat.category}, severity ${threat.severity ?? threat.severityScore}`);
			expect(message.markdown).toContain(`- ${evidenceLine}`);
			expect(message.markdown).toContain(`[threat page](${click.threatUrl})`);
			expect(message.html).toContain(`<a href="${click.threatUrl}">threat page</a>`);
			expect(message.html).toContain(`<li>${evidenceLine}</li>`);
		});
		// A rewritten link is decoded, an original URL kept as logged.
		const byGuid = (event) => messages[clicks.findIndex((click) => click.guid === event.GUID && click.url === event.url)];
		for (const event of injected) {
			const threat = sb.siem.threats().find((candidate) => candidate.id === (event.threatID ?? event.threatId));
			expect(byGuid(event).decodedUrl).toBe(threat.threat);
		}

		// One Decode request for every URL; one Threat and one Forensics request per distinct threat.
		const threatIds = distinct(clicks.map((click) => click.threatId));
		expect(threatIds.length).toBeGreaterThanOrEqual(2);
		expect(sb.requests.map((request) => request.path).filter((path) => path === '/v2/url/decode')).toHaveLength(1);
		expect(sb.requests.find((request) => request.path === '/v2/url/decode').body.urls.sort()).toEqual(distinct(clicks.map((click) => click.url)));
		expect(sb.requests.filter((request) => request.path.startsWith('/v2/threat/summary/')).map((request) => request.path).sort()).toEqual(threatIds.map((id) => `/v2/threat/summary/${id}`));
		expect(sb.requests.filter((request) => request.path === '/v2/forensics').map((request) => request.query.threatId).sort()).toEqual(threatIds);
		expect(sb.requests.every((request) => request.authOk && request.status === 200)).toBe(true);
		expect(nodeNamed(workflow, decodeNode).parameters.urls).toBe('={{ $json.url }}');

		// A busy day: TAP's Forensics quota by threat is used up. Every click still gets its message,
		// with the threat's summary (no quota) and a line saying why the evidence is missing; one 429 per threat, no more.
		expect(nodeNamed(workflow, forensicsNode).onError).toBe('continueRegularOutput');
		sb.failNext({ path: '/v2/forensics', mode: '429', count: threatIds.length });
		sb.clearRequests();
		const busy = await context.run(workflow);
		expectSucceeded(busy);
		const busyMessages = busy.output(htmlNode).map((item) => item.json);
		expect(busyMessages.map((message) => message.threatName)).toEqual(messages.map((message) => message.threatName));
		for (const message of busyMessages) {
			expect(message.markdown).toContain("**Forensic evidence**\n- not available now: TAP's Forensics quota for requests by threat ID is used up (429)");
		}
		expect(sb.requests.filter((request) => request.path === '/v2/forensics').map((request) => request.status)).toEqual(threatIds.map(() => 429));
	});

	test('permitted click → pull and block: each click\'s delivered message found, an analyst approves through the Wait link, one pull run, each sender blocked once', async () => {
		const { sb } = context;
		const example = readExample('6-click-pull-and-block.json');
		const trigger = example.nodes.find((node) => node.type === TRIGGER_TYPE);
		expect(trigger.parameters).toMatchObject({ eventTypes: ['clicksPermitted'], simplify: true });
		const pullNode = nodeNamed(example, 'Pull from every mailbox');
		const pull = sb.threatProtection.workflows().find((workflow) => workflow.name === 'Pull message from all mailboxes');
		// The example names the sandbox's pull workflow, as a user picks theirs from the list.
		expect(pullNode.parameters.workflowId).toMatchObject({ mode: 'list', value: pull.id });

		// Two permitted clicks of the last minutes, and the messages Cloud Threat Response saw delivered for them.
		const now = sb.now();
		const threat = sb.siem.threats().find((candidate) => candidate.type === 'url' && candidate.statusChange === null && Date.parse(candidate.threatTime) < now);
		const injected = [3, 4].flatMap((minutes) => sb.siem.inject('clicksPermitted', { time: now - minutes * MINUTE, threats: [threat.id] }));
		const sample = await activeTrigger({ parameters: trigger.parameters, typeVersion: trigger.typeVersion, credentials: sandboxCredentials(sb) }).poll({ mode: 'manual' });
		expect(sample.status).toBe('success');
		const clicks = sample.items.map((item) => item.json).filter((click) => injected.some((event) => event.GUID === click.guid));
		expect(clicks.length).toBeGreaterThanOrEqual(2);
		for (const click of clicks) {
			sb.threatProtection.addIncident({ title: `Permitted click by ${click.recipient}`, source: 'tap', messages: [{ message_id: click.messageId, sender_address: click.sender, recipient_address: click.recipient, email_subject: 'Invoice overdue' }] });
		}
		const senders = distinct(clicks.map((click) => click.sender));

		const workflow = startedByClicks(example, trigger, clicks, 'ppE2eClickPullBlock');

		sb.clearRequests();
		const waiting = await context.run(workflow, { until: new Set(['waiting', ...runtime.FINISHED]) });
		expect(waiting.run.status).toBe('waiting');
		// Nothing changed before the approval: the messages were found, no run, no block.
		expect(waiting.output('Find the delivered message').map((item) => item.json.messageId).sort()).toEqual(distinct(clicks.map((click) => click.messageId)));
		expect(sb.requests.filter((request) => request.method === 'POST' && request.path.startsWith('/api/v1/tric/workflows'))).toEqual([]);
		const [request] = waiting.output('Approval request').map((item) => item.json);
		expect(request.messages.split('\n')).toHaveLength(clicks.length);

		// The analyst opens the approve link.
		const approve = new URL(request.approveUrl);
		const answered = await fetch(`${context.server.url}${approve.pathname}${approve.search}`);
		expect(answered.status).toBe(200);
		const result = await context.awaitExecution(waiting.run.id);

		expectSucceeded(result);
		const runs = sb.threatProtection.runs();
		expect(runs).toHaveLength(1);
		expect(runs[0]).toMatchObject({ workflowId: pull.id, state: 'SUCCESS' });
		expect([...runs[0].targetIds].sort()).toEqual(waiting.output('Find the delivered message').map((item) => item.json.id).sort());
		expect(sb.requests.filter((request) => request.method === 'POST' && request.path === `/api/v1/tric/workflows/${pull.id}/run`)).toHaveLength(1);
		const blocked = sb.threatProtection.lists('sandbox-cluster', 'orgBlockList').filter((entry) => senders.includes(entry.value));
		expect(distinct(blocked.map((entry) => entry.value))).toEqual(senders);
		expect(blocked).toHaveLength(senders.length);
		const summary = result.output('Summary').map((item) => item.json);
		expect(summary).toHaveLength(clicks.length);
		for (const line of summary) expect(line).toMatchObject({ pulled: 'SUCCESS', senderBlocked: expect.stringMatching(/^(added|alreadyPresent)$/) });
		expect(distinct(summary.map((line) => line.recipient))).toEqual(distinct(clicks.map((click) => click.recipient)));
		expect(sb.requests.filter((request) => request.status === 429)).toEqual([]);

		// Ignored: the same clicks again, the analyst opens the other link, and nothing is pulled or blocked.
		sb.clearRequests();
		const again = await context.run(workflow, { until: new Set(['waiting', ...runtime.FINISHED]) });
		expect(again.run.status).toBe('waiting');
		const ignore = new URL(again.output('Approval request')[0].json.ignoreUrl);
		expect((await fetch(`${context.server.url}${ignore.pathname}${ignore.search}`)).status).toBe(200);
		expectSucceeded(await context.awaitExecution(again.run.id));
		expect(sb.threatProtection.runs()).toHaveLength(1);
		const changes = (request) => request.method === 'POST' && (request.path.startsWith('/api/v1/tric/workflows') || request.path.startsWith('/api/v1/emailProtection'));
		expect(sb.requests.filter(changes)).toEqual([]);
	});

	test("MSP daily digest: one digest per customer of the partner's last 24 hours, with the sandbox's counts", async () => {
		const { sb } = context;
		const example = readExample('5-msp-daily-digest.json');

		// The shipped workflow: daily at 07:00, then SIEM Event → Get Many over own and customer organizations.
		const schedule = example.nodes.find((node) => node.type === 'n8n-nodes-base.scheduleTrigger');
		expect(schedule.parameters.rule.interval).toEqual([{ field: 'days', triggerAtHour: 7 }]);
		const chain = chainFrom(example, schedule.name);
		expect(chain.map((name) => what(nodeNamed(example, name)))).toEqual(['siemEvent.getAll', 'n8n-nodes-base.code', 'n8n-nodes-base.set', 'n8n-nodes-base.markdown']);
		const [eventsNode, , digestNode, htmlNode] = chain;
		const siem = nodeNamed(example, eventsNode);
		expect(siem.parameters).toMatchObject({ timeRange: 'last', lastAmount: 24, lastUnit: 'hours', essentialsData: 'ownAndCustomers', returnAll: true, simplify: true });
		expect(siem.credentials).toEqual({ proofpointTapApi: { id: 'ppThreatEssentials', name: 'Proofpoint Essentials Threat (sandbox)' } });

		// A Schedule Trigger starts only in an active workflow: a manual run starts from a Manual Trigger in its place.
		const workflow = structuredClone(example);
		workflow.id = 'ppE2eMspDigest';
		Object.assign(nodeNamed(workflow, schedule.name), { type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {} });

		sb.clearRequests();
		const stopRecording = recordArrivals(sb);
		let result;
		try {
			result = await context.run(workflow);
		} finally {
			stopRecording();
		}

		expectSucceeded(result);
		// 24 windows of an hour, one after the other, of the partner's own and its customers' data.
		const requests = [...sb.requests];
		expect(requests.map((request) => [request.api, request.path, request.query.ownData, request.query.customerData, request.authOk])).toEqual(
			Array(24).fill(['essentialsThreat', '/v2/siem/all', 'true', 'true', true]),
		);
		const windows = requests.map((request) => request.query.interval.split('/').map((instant) => Date.parse(instant)));
		windows.forEach(([start, end], index) => {
			expect(end - start).toBe(HOUR);
			if (index > 0) expect(start).toBe(windows[index - 1][1]);
		});

		// The sandbox's ground truth for each window, as of when it was asked for, grouped per customer.
		const expected = new Map();
		const tally = (counts, key) => counts.set(key, (counts.get(key) ?? 0) + 1);
		const ranked = (counts, top) =>
			[...counts]
				.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
				.slice(0, top)
				.map(([key, events]) => ({ key, events }));
		requests.forEach((request, index) => {
			const [start, end] = windows[index];
			const truth = sb.siem.truth({ platform: 'essentials', ownData: true, customerData: true, start, end, visibleAt: request.arrivedAt });
			for (const [eventType, events] of Object.entries(truth)) {
				for (const event of events) {
					if (!expected.has(event.customerName)) expected.set(event.customerName, { events: 0, types: new Map(), classifications: new Map(), recipients: new Map(), threats: new Map() });
					const customer = expected.get(event.customerName);
					const threat = eventType.startsWith('clicks') ? event : event.threatsInfoMap[0];
					customer.events += 1;
					tally(customer.types, eventType);
					tally(customer.classifications, threat.classification.toLowerCase());
					tally(customer.recipients, [].concat(event.recipient).join(', '));
					tally(customer.threats, threat.threatID ?? threat.threatId);
				}
			}
		});
		const customers = [...expected.keys()].sort();
		expect(customers).toEqual(expect.arrayContaining(['Acme Corporation', 'Globex', 'Initech']));
		expect(customers.filter((name) => !['Acme Corporation', 'Globex', 'Initech'].includes(name))).toEqual(
			[sb.getOrg('partner.example').name].filter((name) => expected.has(name)),
		);

		const digests = result.output(htmlNode).map((item) => item.json);
		expect(digests.map((digest) => digest.customerName)).toEqual(customers);
		for (const digest of digests) {
			const truth = expected.get(digest.customerName);
			expect({
				customer: digest.customerName,
				events: digest.events,
				eventTypes: Object.fromEntries(digest.eventTypes.map((row) => [row.eventType, row.events])),
				classifications: Object.fromEntries(digest.classifications.map((row) => [row.classification, row.events])),
				topRecipients: digest.topRecipients.map((row) => ({ key: row.recipient, events: row.events })),
				topThreats: digest.topThreats.map((row) => ({ key: row.threatId, events: row.events })),
			}).toEqual({
				customer: digest.customerName,
				events: truth.events,
				eventTypes: Object.fromEntries(['messagesDelivered', 'messagesBlocked', 'clicksPermitted', 'clicksBlocked'].map((type) => [type, truth.types.get(type) ?? 0])),
				classifications: Object.fromEntries(truth.classifications),
				topRecipients: ranked(truth.recipients, 5),
				topThreats: ranked(truth.threats, 5),
			});
			expect(digest.subject).toBe(`Proofpoint daily digest for ${digest.customerName}: ${truth.events} threat events`);
			expect(digest.markdown).toContain(`## Proofpoint daily threat digest: ${digest.customerName}`);
			expect(digest.markdown).toContain(`| Clicks permitted | ${truth.types.get('clicksPermitted') ?? 0} |`);
			expect(digest.html).toContain(`<h2 id=`);
			expect(digest.html.match(/<table>/g)).toHaveLength(4);
			expect(digest.html).toContain(`<td>${ranked(truth.recipients, 1)[0].key}</td>`);
		}
		expect(result.output(digestNode)).toHaveLength(customers.length);
	});

	test('MSP monthly customer report: per customer, mail statistics, licence usage and the threat events by type as one HTML report with a bar chart, and a summary row', async () => {
		const { sb } = context;
		const example = readExample('7-monthly-customer-report.json');
		expect(nodeNamed(example, 'On the 1st of each month at 06:00').type).toBe('n8n-nodes-base.scheduleTrigger');

		sb.clearRequests();
		const stopRecording = recordArrivals(sb);
		let result;
		try {
			result = await context.run(example);
		} finally {
			stopRecording();
		}

		expectSucceeded(result);
		// The list and the partner form for the statistics, 1 + 2 per customer for the licences, an hour a request for 3 days of events.
		const requests = [...sb.requests];
		const essentials = requests.filter((request) => request.api === 'essentials').map((request) => `${request.method} ${request.path}`);
		expect([...essentials].sort()).toEqual([
			'GET /orgs/partner.example/orgs',
			'GET /stats/partner.example/partner/orgs',
			'GET /orgs/partner.example/orgs',
			...['acme.example', 'initech.example'].flatMap((domain) => [`GET /orgs/${domain}/licensing`, `GET /orgs/${domain}/users`]),
		].sort());
		const siem = requests.filter((request) => request.api === 'essentialsThreat');
		expect(siem).toHaveLength(72);
		expect(requests).toHaveLength(2 + 5 + 72);
		expect(requests.every((request) => request.authOk && [200, 204].includes(request.status))).toBe(true);

		// The sandbox's truth: its statistics now, and each window's events as of when it was asked for.
		const truth = new Map();
		for (const request of siem) {
			const [start, end] = request.query.interval.split('/').map((instant) => Date.parse(instant));
			const found = sb.siem.truth({ platform: 'essentials', ownData: true, customerData: true, start, end, visibleAt: request.arrivedAt });
			for (const [eventType, events] of Object.entries(found)) {
				for (const event of events) {
					const types = truth.get(event.customerName) ?? {};
					types[eventType] = (types[eventType] ?? 0) + 1;
					truth.set(event.customerName, types);
				}
			}
		}
		const reports = result.output('Report per customer').map((item) => item.json);
		const pages = result.output('Report as HTML').map((item) => item.json.html);
		const rows = result.output('Summary row per customer').map((item) => item.json);
		expect(reports.map((report) => report.name)).toEqual(['Acme Corporation', 'Initech']);
		expect(pages).toHaveLength(2);
		const axios = require('axios');
		const { SANDBOX_CREDENTIALS, essentialsHeaders } = require('../../sandbox');
		for (const [index, report] of reports.entries()) {
			const { data: row } = await axios.get(`${sb.essentialsUrl('us1')}/stats/${report.domain}/partner`, { params: { period: '30d' }, headers: essentialsHeaders(SANDBOX_CREDENTIALS.essentials.partner) });
			expect(report.statistics).toMatchObject({ inbound: row.ib_total, inboundBlocked: row.ib_blocked, spam: row.ib_spam, phish: row.ib_phish, maliciousAttachments: row.ib_mal_att, activeUsers: row.active_users });
			const types = truth.get(report.name) ?? {};
			expect(Object.fromEntries(report.threatEvents.map((type) => [type.eventType, type.events]))).toEqual(
				Object.fromEntries(['messagesBlocked', 'messagesDelivered', 'clicksBlocked', 'clicksPermitted'].map((type) => [type, types[type] ?? 0])),
			);
			expect(pages[index]).toContain(`<h1>Email security report: ${report.name}</h1>`);
			expect(pages[index]).toContain('<svg xmlns="http://www.w3.org/2000/svg"');
			expect(pages[index]).not.toContain('{{');
			expect(rows[index]).toEqual({
				Customer: report.name,
				Domain: report.domain,
				Period: `${report.periodStart.slice(0, 10)} to ${report.periodEnd.slice(0, 10)}`,
				'Inbound mail': row.ib_total,
				'Inbound blocked %': Math.round((Math.round((row.ib_blocked / row.ib_total) * 10000) / 10000) * 1000) / 10,
				Spam: row.ib_spam,
				'Threats stopped': row.ib_virus + row.ib_mal_att + row.ib_imposter + row.ib_phish,
				'Active users': row.active_users,
				Licences: report.usage.licenses,
				'Billable users': report.usage.billable,
				Licensing: report.usage.licensing,
				'Threat events, last 3 days': Object.values(types).reduce((sum, events) => sum + events, 0),
				Status: 'ok',
			});
		}
		// Sending is the user's to set up: the node is disabled and the run passed it by.
		expect(nodeNamed(example, 'Send the report').disabled).toBe(true);

		// Acme's report as Chromium draws it: the chart's five bars, the title, the three tables.
		const { screenshotHtml } = require('./browser');
		const drawn = await screenshotHtml(pages[0], 'example-7-monthly-report.png', async (page) => ({
			title: await page.locator('h1').innerText(),
			bars: await page.locator('svg rect').evaluateAll((rects) => rects.map((rect) => Math.round(rect.getBoundingClientRect().width))),
			chartWidth: await page.locator('svg').evaluate((svg) => Math.round(svg.getBoundingClientRect().width)),
			tables: await page.locator('table').count(),
		}));
		expect(drawn.title).toBe('Email security report: Acme Corporation');
		expect(drawn.bars).toHaveLength(5);
		expect(Math.max(...drawn.bars)).toBe(300);
		expect(drawn.chartWidth).toBe(560);
		expect(drawn.tables).toBe(3);
	});
});
