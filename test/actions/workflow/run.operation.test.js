'use strict';

const { useSandbox, sandboxCredentials, threatProtectionCredential } = require('../../support');

const WORKFLOWS = '/api/v1/tric/workflows';

/** The credential paced to 600 CTR calls a minute, as the sandboxes are started here: tests do not wait on the real rate. */
const fastCredentials = (sb) => ({ ...sandboxCredentials(sb), proofpointThreatProtectionOAuth2Api: threatProtectionCredential(sb, { ctrCallsPerMinute: 600 }) });

const picked = (value, mode = 'list') => ({ __rl: true, mode, value });
const runPosts = (sb) => sb.requests.filter((request) => request.method === 'POST' && /^\/api\/v1\/tric\/workflows\/[^/]+\/run$/.test(request.path));
const runPolls = (sb) => sb.requests.filter((request) => request.method === 'GET' && request.path.startsWith(`${WORKFLOWS}/run/`));
const apiCalls = (sb) => sb.requests.filter((request) => request.path !== '/v1/token');

/** A sandbox whose runs finish after `workflowRunMs`, with helpers to pick workflows and messages whose mailbox still exists. */
function remediationSandbox(workflowRunMs) {
	const { run: runNode, sb } = useSandbox({ retryAfterSeconds: 0, threatProtection: { ctrPerMinute: 600, workflowRunMs } });
	const isActive = (email) => [true, 'true'].includes(sb().getUser(email.split('@')[1], email)?.is_active);
	let used = 0;
	return {
		sb,
		run: (parameters, options = {}) => runNode(parameters, { credentials: fastCredentials(sb()), ...options }),
		workflow: (name) => sb().threatProtection.workflows().find((candidate) => candidate.name === name),
		/** Messages not remediated yet, delivered to mailboxes that exist, a different one each call. */
		freshMessages: (count = 1) => {
			const found = sb().threatProtection.messages().filter((message) => message.remediation_status === 'not_attempted' && isActive(message.recipient_address));
			const chosen = found.slice(used, used + count);
			used += count;
			return chosen;
		},
	};
}

const runWorkflow = (workflowId, targetIds, parameters = {}) => ({
	resource: 'workflow',
	operation: 'run',
	workflowId: picked(workflowId),
	targetIds,
	waitForCompletion: true,
	options: { pollInterval: 1, maxWait: 10 },
	...parameters,
});

describe('Remediation Workflow → Run (runs finish after 1.5 s)', () => {
	const { sb, run, workflow, freshMessages } = remediationSandbox(1500);
	const PULL = 'Pull message from all mailboxes';

	it('pulls a message and waits for SUCCESS: one POST, then a poll every interval', async () => {
		const [message] = freshMessages();
		const result = await run(runWorkflow(workflow(PULL).id, message.id));

		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ workflowId: workflow(PULL).id, state: 'SUCCESS', targetIds: [message.id], finished: true, maxWaitReached: false });
		expect(runPosts(sb())).toHaveLength(1);
		expect(runPosts(sb())[0].body).toEqual({ targetIds: [message.id] });
		// 1.5 s of run at a 1 s interval: the second poll sees it finished.
		expect(runPolls(sb())).toHaveLength(2);
		expect(apiCalls(sb()).length).toBeLessThanOrEqual(1 + Math.ceil(10 / 1));
		expect(sb().threatProtection.messages().find((candidate) => candidate.id === message.id).remediation_status).toBe('success');
	});

	it('runs once on a list of targets from an expression, each sent once, by the ID mode too', async () => {
		const messages = freshMessages(2);
		const ids = messages.map((message) => message.id);
		const result = await run(runWorkflow(workflow(PULL).id, '={{ $json.ids }}', { workflowId: picked(workflow(PULL).id, 'id') }), { input: [{ json: { ids: [...ids, ids[0]] } }] });

		expect(result.items[0].json).toMatchObject({ state: 'SUCCESS', targetIds: ids });
		expect(runPosts(sb()).map((request) => request.body)).toEqual([{ targetIds: ids }]);
	});

	it("fails the item with Proofpoint's reason when the run FAILED, or gives the error item under Continue On Fail", async () => {
		const [message] = freshMessages();
		sb().threatProtection.failTargets([message.id]);

		const stopped = await run(runWorkflow(workflow(PULL).id, message.id));
		expect(stopped.error?.message).toMatch(/^Remediation workflow run [0-9a-f-]+ failed: 1 of 1 targets failed: .*the mail server refused the request/);
		expect(stopped.error?.description).toMatch(/does not start it again/);

		const [other] = freshMessages();
		sb().threatProtection.failTargets([other.id]);
		sb().clearRequests();
		const continued = await run(runWorkflow(workflow(PULL).id, other.id), { onError: 'continueRegularOutput' });
		expect(continued.items.map((item) => item.json)).toEqual([expect.objectContaining({ error: expect.stringMatching(/failed: .*mail server refused/), description: expect.any(String) })]);
		expect(runPosts(sb())).toHaveLength(1);
	});

	it('returns the run as started, with one request, when Wait for Completion is off', async () => {
		const [message] = freshMessages();
		const result = await run(runWorkflow(workflow(PULL).id, message.id, { waitForCompletion: false }));

		expect(result.items[0].json).toMatchObject({ state: 'IN_PROGRESS', finished: false, maxWaitReached: false });
		expect(apiCalls(sb())).toHaveLength(1);
	});

	it('never sends the run twice: a 500 on the POST is an error that says to check before running again', async () => {
		const [message] = freshMessages();
		sb().failNext({ method: 'POST', path: WORKFLOWS, mode: '500' });
		const result = await run(runWorkflow(workflow(PULL).id, message.id));

		expect(result.error?.message).toMatch(/server error \(500\)/);
		expect(result.error?.description).toMatch(/never sent twice/);
		expect(runPosts(sb())).toHaveLength(1);
		expect(runPolls(sb())).toHaveLength(0);
	});

	it('says which workflow is unknown on a 404', async () => {
		const unknown = '00000000-0000-4000-8000-00000000f00d';
		const result = await run(runWorkflow(unknown, freshMessages()[0].id));

		expect(result.error?.message).toBe(`Workflow "${unknown}" is unknown to the Threat Protection API (404)`);
	});

	it("passes on Proofpoint's refusal of a disabled workflow, without retrying it", async () => {
		const result = await run(runWorkflow(workflow('Restore released messages').id, freshMessages()[0].id));

		expect(result.error?.message).toBe('The Threat Protection API rejected the request as invalid (400)');
		expect(runPosts(sb())).toHaveLength(1);
	});

	describe('checks every id before any request, naming the item and the field', () => {
		it.each([
			['a workflow id with a path', { workflowId: picked('../incidents', 'id') }, /^Item 0: Workflow .*slash/],
			['a workflow id with a line break', { workflowId: picked('abc\nX: 1', 'id') }, /^Item 0: Workflow .*line break/],
			['an empty workflow from an expression', { workflowId: picked('={{ $json.none }}', 'id') }, /^Item 0: Workflow is empty/],
			['a target with a dot segment', { targetIds: 'ok-1, ..' }, /^Item 0: Target IDs entry ".." contains "\.\."/],
			['a target with a slash', { targetIds: 'a/b' }, /^Item 0: Target IDs entry "a\/b" contains a slash/],
			['no targets', { targetIds: ' , ' }, /^Item 0: Target IDs is empty/],
			['more than 100 targets', { targetIds: Array.from({ length: 101 }, (_, index) => `m-${index}`).join(',') }, /^Item 0: Target IDs has 101 IDs; one run takes at most 100/],
			['a Max Wait over 600 seconds', { options: { maxWait: 601 } }, /^Item 0: Max Wait must be between 1 and 600/],
		])('%s', async (_, parameters, message) => {
			const result = await run({ ...runWorkflow(workflow(PULL).id, 'm-1'), ...parameters });

			expect(result.error?.message).toMatch(message);
			expect(sb().requests).toEqual([]);
		});

		it('and a bad second item stops the first one too', async () => {
			const result = await run(runWorkflow(workflow(PULL).id, '={{ $json.id }}'), { input: [{ json: { id: 'fine-id' } }, { json: { id: '../x' } }] });

			expect(result.error?.message).toMatch(/^Item 1: Target IDs/);
			expect(sb().requests).toEqual([]);
		});
	});

	it('shows no secret in its output or errors', async () => {
		const [message] = freshMessages();
		const ok = await run(runWorkflow(workflow(PULL).id, message.id));
		const failed = await run(runWorkflow('00000000-0000-4000-8000-00000000f00d', message.id));

		expect(JSON.stringify([ok, failed])).not.toMatch(/sandbox-tp-client-secret/);
	});

	describe('Get Run', () => {
		it("reads a run's state once", async () => {
			const [message] = freshMessages();
			const started = await run(runWorkflow(workflow(PULL).id, message.id, { waitForCompletion: false }));
			sb().clearRequests();

			const result = await run({ resource: 'workflow', operation: 'getRun', runId: started.items[0].json.id });
			expect(result.items[0].json).toMatchObject({ id: started.items[0].json.id, state: expect.stringMatching(/^(IN_PROGRESS|SUCCESS)$/) });
			expect(apiCalls(sb()).map((request) => `${request.method} ${request.path}`)).toEqual([`GET ${WORKFLOWS}/run/${started.items[0].json.id}`]);
		});

		it('reads a run once for every item that names it', async () => {
			const [message] = freshMessages();
			const started = await run(runWorkflow(workflow(PULL).id, message.id, { waitForCompletion: false }));
			const runId = started.items[0].json.id;
			sb().clearRequests();

			const result = await run({ resource: 'workflow', operation: 'getRun', runId: '={{ $json.runId }}' }, { input: [{ json: { runId } }, { json: { runId } }, { json: { runId } }] });
			expect(result.items.map((item) => item.json.id)).toEqual([runId, runId, runId]);
			expect(apiCalls(sb()).map((request) => `${request.method} ${request.path}`)).toEqual([`GET ${WORKFLOWS}/run/${runId}`]);
		});

		it('says which run is unknown on a 404, and refuses a run id with a path before any request', async () => {
			const unknown = '00000000-0000-4000-8000-0000000000aa';
			const missing = await run({ resource: 'workflow', operation: 'getRun', runId: unknown });
			expect(missing.error?.message).toBe(`Workflow run "${unknown}" is unknown to the Threat Protection API (404)`);

			sb().clearRequests();
			const hostile = await run({ resource: 'workflow', operation: 'getRun', runId: '../../workflows' });
			expect(hostile.error?.message).toMatch(/^Item 0: Run ID .*slash/);
			expect(sb().requests).toEqual([]);
		});
	});
});

describe('Remediation Workflow → Run (runs take 10 minutes)', () => {
	const { sb, run, workflow, freshMessages } = remediationSandbox(600000);

	it.each([
		[3, 1],
		[3, 2],
	])('returns a run still in progress at a Max Wait of %i s (interval %i s) as such, not as a failure: at most ⌈wait / interval⌉ polls', async (maxWait, pollInterval) => {
		const [message] = freshMessages();
		const started = Date.now();
		const result = await run(runWorkflow(workflow('Pull message from all mailboxes').id, message.id, { options: { maxWait, pollInterval } }));

		expect(result.status).toBe('success');
		expect(result.items[0].json).toMatchObject({ id: expect.any(String), state: 'IN_PROGRESS', finished: false, maxWaitReached: true });
		expect(runPolls(sb())).toHaveLength(Math.ceil(maxWait / pollInterval));
		expect(apiCalls(sb()).length).toBeLessThanOrEqual(1 + Math.ceil(maxWait / pollInterval));
		expect(Date.now() - started).toBeGreaterThanOrEqual(maxWait * 1000 - 50);
		expect(Date.now() - started).toBeLessThan(maxWait * 1000 + 2000);
	});
});
