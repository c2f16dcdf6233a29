'use strict';

const { startSandbox } = require('../../sandbox');
const { START, SECOND, MINUTE, tpClient, filterTime } = require('./threat-protection-helpers');

const MESSAGES = '/api/v1/tric/messages';
const WORKFLOWS = '/api/v1/tric/workflows';
const DEPARTED = 'erin.white@acme.example';

let sb;
let client;

beforeAll(async () => {
	sb = await startSandbox({ port: 0, now: () => START, threatProtection: { ctrPerMinute: 10000 } });
	client = await tpClient(sb);
});
afterAll(() => sb.close());

const searchMessages = (filters, page = {}) => client.post(MESSAGES, { filters, ...page });
const workflowNamed = (name) =>
	sb.threatProtection.workflows().find((workflow) => workflow.name === name);
const runWorkflow = (name, targetIds) =>
	client.post(`${WORKFLOWS}/${workflowNamed(name).id}/run`, { targetIds });
const runState = async (runId) => (await client.get(`${WORKFLOWS}/run/${runId}`)).body;
const messageDetails = async (id) => (await client.get(`${MESSAGES}/${id}`)).body.details;

/** A TAP click and the CTR incident holding the message it came in, as a test sets them up. */
function clickWithIncident() {
	const [click] = sb.siem.inject('clicksPermitted', { time: sb.now() - 5 * MINUTE });
	const incident = sb.threatProtection.addIncident({
		source: 'tap',
		messages: [
			{
				message_id: click.messageID,
				sender_address: click.sender,
				recipient_address: click.recipient,
				email_subject: 'Your password expires today',
			},
		],
	});
	return { click, incident };
}

describe('searching messages', () => {
	it('answers {total, startRow, endRow, messages} in snake_case, newest first, at most 100 a page', async () => {
		const found = await client.post(MESSAGES, { startRow: 0, endRow: 500 });
		expect(found.status).toBe(200);
		const all = sb.threatProtection.messages();
		expect(found.body).toMatchObject({ total: all.length, startRow: 0, endRow: 100 });
		expect(found.body.messages).toHaveLength(100);
		expect(found.body.messages[0]).toMatchObject({
			id: expect.any(String),
			email_subject: expect.any(String),
			sender_address: expect.stringContaining('@'),
			recipient_address: expect.stringContaining('@'),
			message_id: expect.stringMatching(/^<.+@.+>$/),
			received_at: expect.stringMatching(/\+00:00$/),
			remediation_status: expect.any(String),
			incidents: [
				expect.objectContaining({ id: expect.any(String), display_id: expect.any(Number) }),
			],
		});
		const times = found.body.messages.map((message) => Date.parse(message.received_time));
		expect(times).toEqual([...times].sort((a, b) => b - a));
	});

	it('finds the delivered message of a TAP click by recipient and sender, or by its Message-ID', async () => {
		const { click, incident } = clickWithIncident();
		const bySender = await searchMessages({
			recipient_address_filters: [click.recipient.toUpperCase()],
			sender_address_filters: [click.sender],
		});
		expect(bySender.body.messages.map((message) => message.message_id)).toContain(click.messageID);
		const byMessageId = await searchMessages({ message_id_filters: [click.messageID] });
		expect(byMessageId.body.total).toBe(1);
		expect(byMessageId.body.messages[0]).toMatchObject({
			message_id: click.messageID,
			recipient_address: click.recipient,
			incidents: [expect.objectContaining({ id: incident.id, display_id: incident.displayId })],
		});
	});

	it.each([
		[
			'subject_filters',
			['PASSWORD expires'],
			(message) => /password expires/i.test(message.email_subject),
		],
		['disposition_filters', ['phish'], (message) => message.disposition === 'phish'],
		['verdict_filters', ['verdict_low_risk'], (message) => message.clear_verdict === 'low_risk'],
		['source_filters', ['abuse_mailbox'], (message) => message.sources[0].type === 'AbuseMailbox'],
		[
			'quarantine_filters',
			['quarantine_success'],
			(message) => message.remediation_status === 'success',
		],
		['status_filters', ['message_unread'], (message) => message.message_status.is_read === false],
		[
			'incident_id_filters',
			['1005'],
			(message) => message.incidents.some((incident) => incident.display_id === 1005),
		],
	])('filters by %s %j', async (key, values, belongs) => {
		const expected = sb.threatProtection.messages().filter(belongs);
		expect(expected.length).toBeGreaterThan(0);
		const found = await searchMessages({ [key]: values }, { endRow: 100 });
		expect(found.body.total).toBe(expected.length);
		expect(found.body.messages.every(belongs)).toBe(true);
	});

	it('filters by the time CTR received the message', async () => {
		const all = sb.threatProtection.messages();
		const start = Date.parse(all[1000].received_time);
		const end = start + 6 * 60 * MINUTE;
		const expected = all.filter((message) => {
			const time = Date.parse(message.received_time);
			return time >= Math.floor(start / SECOND) * SECOND && time <= end;
		});
		const found = await searchMessages({
			time_range_filter: { start: filterTime(start), end: filterTime(end) },
		});
		expect(found.body.total).toBe(expected.length);
	});

	it('gives one message with camelCase fields under details, and 404 for an unknown id', async () => {
		const [listed] = (await searchMessages({}, { endRow: 1 })).body.messages;
		const detail = await client.get(`${MESSAGES}/${listed.id}`);
		expect(detail.status).toBe(200);
		expect(Object.keys(detail.body)).toEqual(['details', 'timeline', 'comments']);
		expect(detail.body.details).toMatchObject({
			id: listed.id,
			emailSubject: listed.email_subject,
			senderAddress: listed.sender_address,
			recipientAddress: listed.recipient_address,
			messageId: listed.message_id,
			receivedAt: Date.parse(listed.received_at),
			remediationStatus: listed.remediation_status,
		});
		expect((await client.get(`${MESSAGES}/no-such-message`)).status).toBe(404);
	});
});

describe('workflows', () => {
	it('lists the manual workflows by type and enabled', async () => {
		const listed = async (query) =>
			(await client.get(`${WORKFLOWS}${query}`)).body.workflows.map((workflow) => workflow.name);
		expect(await listed('')).toHaveLength(4);
		expect(await listed('?enabled=true&type=message')).toEqual([
			'Pull message from all mailboxes',
			'Notify recipient',
		]);
		expect(await listed('?enabled=true&type=incident')).toEqual(['Quarantine incident messages']);
		expect(await listed('?enabled=false')).toEqual(['Restore released messages']);
		const [workflow] = (await client.get(`${WORKFLOWS}?type=incident`)).body.workflows;
		expect(workflow).toMatchObject({
			id: expect.any(String),
			type: 'INCIDENT',
			enabled: true,
			on_demand: true,
		});
		expect((await client.get(`${WORKFLOWS}?type=mailbox`)).status).toBe(400);
	});

	it('pulls a message: IN_PROGRESS for workflowRunMs of the sandbox clock, then SUCCESS, the message remediated', async () => {
		const { click } = clickWithIncident();
		const [message] = (await searchMessages({ message_id_filters: [click.messageID] })).body
			.messages;
		const started = await runWorkflow('Pull message from all mailboxes', [message.id]);
		expect(started.status).toBe(200);
		expect(started.body).toMatchObject({
			id: expect.any(String),
			workflowId: workflowNamed('Pull message from all mailboxes').id,
			state: 'IN_PROGRESS',
			targetIds: [message.id],
		});
		expect((await messageDetails(message.id)).remediationStatus).toBe('pending');

		sb.advanceTime(4 * SECOND - 1);
		expect((await runState(started.body.id)).state).toBe('IN_PROGRESS');
		sb.advanceTime(1);
		const done = await runState(started.body.id);
		expect(done).toMatchObject({
			state: 'SUCCESS',
			results: [{ targetId: message.id, state: 'SUCCESS' }],
		});
		expect(done.reason).toBeUndefined();
		const details = await messageDetails(message.id);
		expect(details.remediationStatus).toBe('success');
		const pulled = await searchMessages({
			message_id_filters: [click.messageID],
			quarantine_filters: ['quarantine_success'],
		});
		expect(pulled.body.total).toBe(1);
	});

	it('ends FAILED with a reason when a target is marked to fail, and still pulls the others', async () => {
		const messages = sb.threatProtection
			.messages()
			.filter(
				(message) =>
					message.remediation_status === 'not_attempted' && message.recipient_address !== DEPARTED,
			);
		const [doomed, fine] = messages;
		sb.threatProtection.failTargets([doomed.id]);
		const started = await runWorkflow('Pull message from all mailboxes', [doomed.id, fine.id]);
		sb.advanceTime(4 * SECOND);
		const done = await runState(started.body.id);
		expect(done.state).toBe('FAILED');
		expect(done.reason).toContain(doomed.id);
		expect(done.results).toEqual([
			{ targetId: doomed.id, state: 'FAILED', reason: expect.any(String) },
			{ targetId: fine.id, state: 'SUCCESS' },
		]);
		expect((await messageDetails(doomed.id)).remediationStatus).toBe('failed_other');
		expect((await messageDetails(fine.id)).remediationStatus).toBe('success');
	});

	it('fails to pull from the mailbox of a user who has left: mailbox_not_found', async () => {
		const gone = sb.threatProtection
			.messages()
			.find(
				(message) =>
					message.recipient_address === DEPARTED && message.remediation_status === 'not_attempted',
			);
		const started = await runWorkflow('Pull message from all mailboxes', [gone.id]);
		sb.advanceTime(4 * SECOND);
		const done = await runState(started.body.id);
		expect(done.state).toBe('FAILED');
		expect(done.reason).toContain(DEPARTED);
		expect((await messageDetails(gone.id)).remediationStatus).toBe('mailbox_not_found');
	});

	it('quarantines an incident’s messages and notes it in the incident’s activities', async () => {
		const messages = sb.threatProtection.messages();
		const messagesOf = (incident) =>
			messages.filter((message) => message.incidents[0].id === incident.id);
		const incident = sb.threatProtection
			.incidents()
			.find(
				(candidate) =>
					candidate.messageCount === 2 &&
					messagesOf(candidate).every(
						(message) =>
							message.recipient_address !== DEPARTED &&
							message.remediation_status === 'not_attempted',
					),
			);
		const started = await runWorkflow('Quarantine incident messages', [incident.id]);
		sb.advanceTime(4 * SECOND);
		expect((await runState(started.body.id)).state).toBe('SUCCESS');
		const theirs = await client.post(`/api/v1/tric/incidents/${incident.id}/messages`, {});
		expect(theirs.body.messages.map((message) => message.remediation_status)).toEqual([
			'success',
			'success',
		]);
		const detail = (await client.get(`/api/v1/tric/incidents/${incident.id}`)).body;
		expect(detail.activities.at(-1)).toMatchObject({
			activity_type: 'quarantine',
			causing_workflow_name: 'Quarantine incident messages',
		});
		expect(Date.parse(detail.summary.updatedAt)).toBe(sb.now());
	});

	it('notifies without touching the message’s remediation', async () => {
		const [message] = sb.threatProtection
			.messages()
			.filter((candidate) => candidate.remediation_status === 'not_attempted');
		const started = await runWorkflow('Notify recipient', [message.id]);
		sb.advanceTime(4 * SECOND);
		expect((await runState(started.body.id)).state).toBe('SUCCESS');
		const detail = (await client.get(`${MESSAGES}/${message.id}`)).body;
		expect(detail.details.remediationStatus).toBe('not_attempted');
		expect(detail.timeline.at(-1)).toMatchObject({ type: 'notification', status: 'sent' });
	});

	it.each([
		[
			'an unknown workflow',
			() => client.post(`${WORKFLOWS}/no-such-workflow/run`, { targetIds: ['x'] }),
			404,
		],
		[
			'a disabled workflow',
			() => runWorkflow('Restore released messages', [sb.threatProtection.messages()[0].id]),
			400,
		],
		['empty targetIds', () => runWorkflow('Pull message from all mailboxes', []), 400],
		[
			'an unknown target',
			() => runWorkflow('Pull message from all mailboxes', ['no-such-message']),
			400,
		],
		[
			'an incident id for a message workflow',
			() => runWorkflow('Pull message from all mailboxes', [sb.threatProtection.incidents()[0].id]),
			400,
		],
	])('refuses %s', async (_, start, status) => {
		const before = sb.threatProtection.runs().length;
		const refused = await start();
		expect(refused.status).toBe(status);
		expect(refused.body.errorMessage).toEqual(expect.any(String));
		expect(sb.threatProtection.runs()).toHaveLength(before);
	});

	it('answers 404 for an unknown run, and lists every run with its targets and state', async () => {
		expect((await client.get(`${WORKFLOWS}/run/no-such-run`)).status).toBe(404);
		const runs = sb.threatProtection.runs();
		expect(runs.length).toBeGreaterThanOrEqual(5);
		expect(runs[0]).toMatchObject({
			workflowName: 'Pull message from all mailboxes',
			state: 'SUCCESS',
			targetIds: [expect.any(String)],
		});
		expect(new Set(runs.map((run) => run.state))).toEqual(new Set(['SUCCESS', 'FAILED']));
	});
});
