// The Proofpoint Trigger in a real n8n (`n8n start`, the packed package installed as a community
// package), polling its own sandbox every minute at second 0, as a user runs it: an active workflow
// picks up new threat events, each exactly once; a stop and restart in the middle loses and repeats
// nothing; an outage of Proofpoint while n8n starts leaves the workflow active and it catches up;
// Fetch Test Event shows sample events and moves no cursor; in queue mode main polls and a worker runs;
// an n8n clock ahead of Proofpoint's, an empty answer at activation and a Look-Back raised and
// published again on the active workflow lose and repeat nothing.
//
// One minute is the shortest poll interval, so the scenarios that need their own n8n run in the
// background from the start, each with its own sandbox, user folder and ports, while the first two
// tests follow one n8n through its restart; their tests then check what they observed.
const fs = require('node:fs');
const path = require('node:path');

const { prepareN8n, packPackage } = require('../../scripts/n8n-runtime');
const {
	MINUTE,
	TRIGGER,
	triggerWorkflow,
	startActiveWorkflow,
	inject,
	summaries,
	countByKey,
	eachOnce,
	siemRequests,
	productionRuns,
	emitted,
	hasAll,
	pastNextMinute,
} = require('./active-workflow');

jest.setTimeout(5 * MINUTE);

// Simplify off: the items are Proofpoint's own events, a click with its id, a message with its GUID and recipient.
const RAW = { eventTypes: ['clicksPermitted', 'messagesDelivered'], simplify: false };
const RECIPIENTS = ['alice.nguyen@acme.example', 'bob.smith@acme.example', 'carol.jones@acme.example'];
const STATE = `node:${TRIGGER}`;

const byCreation = (a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt);

describe('Proofpoint Trigger in a real n8n, polling every minute', () => {
	const instances = [];
	const background = {};
	let n8n;
	let tarball;
	let regular;

	/** Runs a scenario beside the tests; its test awaits what it observed (or its error, which says what n8n said). */
	const inBackground = (name, scenario) => {
		background[name] = scenario();
		background[name].catch(() => {}); // reported by its own test
	};

	beforeAll(async () => {
		n8n = prepareN8n();
		tarball = packPackage();
		const start = (options) => startActiveWorkflow({ n8n, tarball, registry: instances, ...options });
		// The restart scenario takes longest: its n8n processes boot first (and restart first) whenever n8n processes wait to boot.
		const starting = start({ label: 'regular', priority: true, workflow: triggerWorkflow('ppTrigRegular', 'Proofpoint Trigger: every event once', RAW) });
		inBackground('outage', () => outageWhileStarting(start));
		inBackground('fetchTestEvent', () => fetchTestEventThenPoll(start));
		inBackground('queue', () => queueMode(start));
		inBackground('changes', () => changesWhileActive(start));
		regular = await starting;
	}, 4 * MINUTE);

	afterAll(async () => {
		await Promise.allSettled(Object.values(background));
		await Promise.allSettled(instances.map((instance) => instance.close()));
		if (tarball) fs.rmSync(path.dirname(tarball), { recursive: true, force: true });
	});

	test('an active workflow polling every minute (custom cron "* * * * *") passes each new event to the next node exactly once', async () => {
		await regular.explain(async () => {
			const { sb } = regular;
			expect(regular.publicationAtStart).toMatchObject({ status: 'published', triggers: [{ status: 'activated', errorMessage: null }] });
			expect(await regular.workflowNow()).toMatchObject({ active: true });
			// At activation the trigger proved the credential with one request for the last minute, and saved where it starts.
			const [proof] = siemRequests(sb);
			expect([proof.path, proof.status]).toEqual(['/v2/siem/issues', 200]);
			const [from, to] = proof.query.interval.split('/').map(Date.parse);
			expect(to - from).toBe(MINUTE);
			const { since, cursor } = (await regular.staticData())[STATE];
			expect(cursor).toBe(since);

			const events = [...inject(sb, 'clicksPermitted'), ...inject(sb, 'messagesDelivered', { recipients: RECIPIENTS })];
			inject(sb, 'messagesBlocked'); // not one of the trigger's event types
			const executions = await regular.waitFor('an execution with the permitted click and the message to three recipients', (list) =>
				hasAll(emitted(list), events) && list,
			);

			const runs = productionRuns(executions);
			expect(runs).toHaveLength(1);
			expect(new Date(runs[0].createdAt).getUTCSeconds()).toBeLessThan(15); // the cron's second 0
			expect(countByKey(emitted(executions))).toEqual(eachOnce(events));
			expect(summaries(emitted(executions))).toEqual(summaries(events));
			// Where the trigger now stands, in the workflow's static data: saved when the poll emitted.
			const state = (await regular.staticData())[STATE];
			expect(state.since).toBe(since);
			expect(Date.parse(state.cursor)).toBeGreaterThan(Date.parse(cursor));
			expect(Object.keys(state.seen)).toHaveLength(events.length);
		});
	});

	test('stopping n8n (SIGTERM) and starting it again on the same user folder loses and repeats nothing', async () => {
		await regular.explain(async () => {
			const { sb } = regular;
			const earlier = emitted(await regular.executions());
			expect(earlier.length).toBeGreaterThan(0);

			const beforeStop = [...inject(sb, 'clicksPermitted'), ...inject(sb, 'messagesDelivered', { recipients: RECIPIENTS.slice(0, 2) })];
			await regular.stop();
			const stoppedAt = Date.now();
			const whileDown = [...inject(sb, 'messagesDelivered', { recipients: RECIPIENTS.slice(1) }), ...inject(sb, 'clicksPermitted')];
			const pollsWhileUp = siemRequests(sb).length;
			// A poll time passes while n8n is down.
			await pastNextMinute(stoppedAt);
			expect(siemRequests(sb)).toHaveLength(pollsWhileUp);

			await regular.start();
			const restartedAt = Date.now();
			const afterRestart = [...inject(sb, 'clicksPermitted'), ...inject(sb, 'messagesDelivered', { recipients: [RECIPIENTS[2]] })];
			const all = [...earlier, ...beforeStop, ...whileDown, ...afterRestart];
			const executions = await regular.waitFor(
				'executions with every event from before the stop, from the downtime and from after the restart',
				(list) => hasAll(emitted(list), all) && list,
				{ timeoutMs: 2 * MINUTE },
			);

			// Each event exactly once, across every execution before and after the restart.
			expect(countByKey(emitted(executions))).toEqual(eachOnce(all));
			expect(summaries(emitted(executions))).toEqual(summaries(all));
			// What n8n had not polled before the stop came after the restart: at its activation poll, or the next one.
			const sinceRestart = productionRuns(executions).filter((execution) => Date.parse(execution.createdAt) >= stoppedAt);
			expect(summaries(sinceRestart.flatMap((execution) => execution.items))).toEqual(summaries([...beforeStop, ...whileDown, ...afterRestart]));
			const last = sinceRestart.sort(byCreation).at(-1);
			expect(Date.parse(last.createdAt)).toBeGreaterThan(restartedAt);
			// The poll that brought the last events read every earlier one again (the look-back) and emitted none of them.
			const lastPoll = siemRequests(sb).filter((request) => request.arrivedAt <= Date.parse(last.createdAt)).at(-1);
			const readFrom = Date.parse(lastPoll.query.interval.split('/')[0]);
			const earliest = Math.min(...all.map((event) => Date.parse(event.clickTime ?? event.messageTime)));
			expect(readFrom).toBeLessThanOrEqual(earliest);
		});
	});

	test('n8n starting while Proofpoint answers 503 keeps the workflow active, logs why, and delivers the events once Proofpoint is back', async () => {
		const seen = await background.outage;
		await seen.instance.explain(async () => {
			expect(seen.publicationAtStart).toMatchObject({ status: 'published', triggers: [{ status: 'activated', errorMessage: null }] });
			expect(seen.warning).toMatch(/Proofpoint Trigger "Proofpoint Trigger" could not reach Proofpoint at activation \(.+\); it keeps polling and catches up once Proofpoint answers\./);
			expect([seen.activationRequests[0].path, seen.activationRequests[0].status]).toEqual(['/v2/siem/issues', 503]);
			// A scheduled poll during the outage failed, visibly, and the workflow stayed on.
			expect(seen.failedPoll).toMatchObject({ mode: 'trigger', status: 'error' });
			expect(seen.failedPoll.error).toMatchObject({ name: 'NodeApiError', message: 'TAP had a server error (503)' });
			expect(seen.activeAfter).toBe(true);
			expect(seen.publicationAfter).toMatchObject({ status: 'published', triggers: [{ status: 'activated', errorMessage: null }] });
			// Events from the outage and from after it, each once.
			const events = [...seen.duringOutage, ...seen.afterRecovery];
			expect(countByKey(emitted(seen.executions))).toEqual(eachOnce(events));
			expect(summaries(emitted(seen.executions))).toEqual(summaries(events));
		});
	});

	test('Fetch Test Event (a manual run from the trigger) returns the latest events and moves no cursor; the next poll still emits everything new once', async () => {
		const seen = await background.fetchTestEvent;
		await seen.instance.explain(async () => {
			expect(seen.manual).toMatchObject({ mode: 'manual', status: 'success' });
			expect(summaries(seen.manual.items)).toEqual(summaries([...seen.beforeActivation, ...seen.lateIndexed]));
			// The saved state is the same before and after the manual run.
			expect(seen.stateAfter).toEqual(seen.stateBefore);
			expect(seen.stateBefore[STATE]).toEqual(expect.objectContaining({ since: expect.any(String), cursor: expect.any(String) }));
			// The production poll emitted what the sample showed and was new to it, and the newer event; never what predates its activation.
			const events = [...seen.lateIndexed, ...seen.newer];
			expect(countByKey(emitted(seen.executions))).toEqual(eachOnce(events));
			expect(summaries(emitted(seen.executions))).toEqual(summaries(events));
			expect(productionRuns(seen.executions)).toHaveLength(1);
		});
	});

	test('with n8n\'s clock ahead of Proofpoint\'s, an empty 200 at activation and Look-Back raised and published again, every event arrives once', async () => {
		const seen = await background.changes;
		await seen.instance.explain(async () => {
			// The activation's request got an empty 200: the workflow was activated all the same, and the log says why nothing was read.
			expect(seen.activationRequests[0]).toMatchObject({ path: '/v2/siem/issues', status: 200, fault: 'empty' });
			expect(seen.publicationAtStart).toMatchObject({ status: 'published', triggers: [{ status: 'activated', errorMessage: null }] });
			expect(seen.warning).toMatch(/could not reach Proofpoint at activation \(.+\); it keeps polling/);
			// Polls at second 0 asked for a minute Proofpoint still called current, were read a minute shorter and then remembered it: no failed poll, one 400 per activation at most.
			const refused = seen.siem.filter((request) => request.status === 400);
			expect(refused.length).toBeGreaterThanOrEqual(1);
			expect(refused.length).toBeLessThanOrEqual(2);
			expect(seen.siem.filter((request) => request.status === 200).length).toBeGreaterThan(refused.length + 2);
			expect(seen.executions.filter((execution) => execution.status !== 'success')).toEqual([]);
			// Republished with a Look-Back of 10 minutes where it was 0: the same state goes on, nothing emitted twice, nothing skipped.
			expect(seen.publicationAfter).toMatchObject({ status: 'published', triggers: [{ status: 'activated', errorMessage: null }] });
			expect(seen.stateAfter.since).toBe(seen.stateBefore.since);
			const events = [...seen.before, ...seen.after];
			expect(countByKey(emitted(seen.executions))).toEqual(eachOnce(events));
			expect(summaries(emitted(seen.executions))).toEqual(summaries(events));
		});
	});

	test('queue mode: main polls and enqueues, a worker runs the execution that carries the new events', async () => {
		const seen = await background.queue;
		await seen.instance.explain(async () => {
			const [run] = productionRuns(seen.executions);
			expect(summaries(run.items)).toEqual(summaries(seen.events));
			const main = seen.instance.logs('main');
			const worker = seen.instance.logs('worker');
			expect(main).toMatch(new RegExp(`Enqueued execution ${run.id}\\b`));
			expect(worker).toMatch(new RegExp(`Worker started execution ${run.id}\\b`));
			expect(worker).toMatch(new RegExp(`Worker finished execution ${run.id}\\b`));
			expect(main).not.toMatch(/Worker (started|finished) execution/);
			for (const logs of [main, worker]) expect(logs).not.toMatch(/Unrecognized node type|Failed to load package/);
		});
	});
});

/** n8n starts while every SIEM request fails with 503; a minute later Proofpoint is back. */
async function outageWhileStarting(start) {
	const instance = await start({
		label: 'outage',
		workflow: triggerWorkflow('ppTrigOutage', 'Proofpoint Trigger: outage at start', RAW),
		beforeStart: (sb) => sb.setFaults({ rate: 1, modes: ['503'], match: { path: '/v2/siem/' } }),
	});
	const { sb } = instance;
	const warning = await instance.waitFor("the trigger's warning that it could not reach Proofpoint", async () =>
		instance.logs().split('\n').find((line) => line.includes('could not reach Proofpoint at activation')),
	);
	const activationRequests = siemRequests(sb).slice();
	const duringOutage = inject(sb, 'clicksPermitted');
	const failedPoll = await instance.waitFor('a scheduled poll that fails on the 503', (list) =>
		list.find((execution) => execution.mode === 'trigger' && execution.status === 'error'),
	);
	sb.setFaults(null);
	const afterRecovery = inject(sb, 'messagesDelivered', { recipients: RECIPIENTS.slice(0, 2) });
	const events = [...duringOutage, ...afterRecovery];
	const executions = await instance.waitFor('an execution with the events from the outage and after it', (list) => hasAll(emitted(list), events) && list);
	return {
		instance,
		publicationAtStart: instance.publicationAtStart,
		warning,
		activationRequests,
		failedPoll,
		duringOutage,
		afterRecovery,
		executions,
		activeAfter: (await instance.workflowNow()).active,
		publicationAfter: await instance.publication(),
	};
}

/**
 * Once a scheduled poll has run: an event from before the activation and one that Proofpoint indexes
 * late (behind the cursor); then Fetch Test Event; then a newer event and the next production poll.
 */
async function fetchTestEventThenPoll(start) {
	const instance = await start({ label: 'fetch', workflow: triggerWorkflow('ppTrigFetch', 'Proofpoint Trigger: Fetch Test Event', RAW) });
	const { sb } = instance;
	const atActivation = siemRequests(sb).length;
	await instance.waitFor('the first scheduled poll', async () => siemRequests(sb).length > atActivation);
	const stateBefore = await instance.staticData();
	const since = Date.parse(stateBefore[STATE].since);
	const beforeActivation = inject(sb, 'clicksPermitted', { time: since - 10 * MINUTE });
	// Inside the span the last poll read (it ends at a minute start after `since`), but visible only now.
	const lateIndexed = inject(sb, 'messagesDelivered', { time: since + 30 * 1000, recipients: RECIPIENTS.slice(0, 2) });
	const manualId = await instance.runManually();
	const manual = await instance.waitFor('the manual execution to finish', (list) => list.find((execution) => execution.id === manualId));
	const stateAfter = await instance.staticData();
	const newer = inject(sb, 'clicksPermitted');
	const wanted = [...lateIndexed, ...newer];
	const executions = await instance.waitFor('the next production poll with the late and the newer events', (list) => hasAll(emitted(list), wanted) && list);
	return { instance, stateBefore, stateAfter, manual, beforeActivation, lateIndexed, newer, executions };
}

/** Main and a worker on Redis; new events after the activation. */
async function queueMode(start) {
	const instance = await start({ label: 'queue', queue: true, workflow: triggerWorkflow('ppTrigQueue', 'Proofpoint Trigger: queue mode', RAW) });
	const events = [...inject(instance.sb, 'messagesDelivered', { recipients: RECIPIENTS }), ...inject(instance.sb, 'clicksPermitted')];
	const executions = await instance.waitFor('a worker execution with the new events', (list) => hasAll(emitted(list), events) && list);
	return { instance, events, executions };
}

// 20 s rather than the 0.3-2 s users saw, so that every poll n8n starts in the first seconds of a minute meets it, on a busy machine too.
const SKEW_MS = 20 * 1000;

/**
 * One active workflow with a Look-Back of 0, its n8n clock ahead of Proofpoint's and the activation's
 * request answered by an empty 200. Once its first event was emitted (its key then leaves the state at
 * once), Look-Back is raised to 10 minutes and the workflow published again, as in the editor.
 */
async function changesWhileActive(start) {
	const instance = await start({
		label: 'changes',
		workflow: triggerWorkflow('ppTrigChanges', 'Proofpoint Trigger: changes while active', { ...RAW, lookBackMinutes: 0 }),
		beforeStart: (sb) => {
			sb.setTime(Date.now() - SKEW_MS);
			sb.failNext({ path: '/v2/siem/', mode: 'empty' });
		},
	});
	const { sb } = instance;
	const activationRequests = siemRequests(sb).slice();
	const warning = await instance.waitFor("the trigger's warning about the empty answer", async () =>
		instance.logs().split('\n').find((line) => line.includes('could not reach Proofpoint at activation')),
	);
	const { since } = await instance.waitFor('the start instant saved at activation', async () => (await instance.staticData())?.[STATE]);
	const before = inject(sb, 'clicksPermitted', { time: Date.parse(since) + 1000 });
	await instance.waitFor('an execution with the first event', (list) => hasAll(emitted(list), before) && list, { timeoutMs: 3 * MINUTE });
	const stateBefore = (await instance.staticData())[STATE];
	const publicationAfter = await instance.republish({ lookBackMinutes: 10 });
	const after = inject(sb, 'messagesDelivered', { time: sb.now() - 5000, recipients: RECIPIENTS.slice(0, 2) });
	const executions = await instance.waitFor('an execution with the event from after the change', (list) => hasAll(emitted(list), after) && list, {
		timeoutMs: 3 * MINUTE,
	});
	return {
		instance,
		activationRequests,
		publicationAtStart: instance.publicationAtStart,
		warning,
		before,
		after,
		stateBefore,
		stateAfter: (await instance.staticData())[STATE],
		publicationAfter,
		siem: siemRequests(sb).slice(),
		executions,
	};
}
