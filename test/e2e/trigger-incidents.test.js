// The Proofpoint Trigger's CTR Incidents source in a real n8n (`n8n start`, the packed package
// installed as a community package), polling its own sandbox's Cloud Threat Response every minute at
// second 0 with the Threat Protection credential, as a user runs it. Three published workflows in one
// n8n, each Proofpoint Trigger → No Operation:
//   - "new": Start From Now, the defaults (Look-Back 30 minutes), Minimum Minutes Between Reads 0;
//   - "updates": the same with Include Updated Incidents;
//   - "an hour": Backfill 1 hour, as a workflow active for an hour would be: an incident created 10
//     minutes ago, inside the Look-Back, is new to it (and older than the other two's Start From Now).
// One timeline, the waits all for conditions (n8n's next poll, whenever it comes):
//   1. incidents added (one 10 minutes old), then the sandbox's tokens expired: the next scheduled
//      poll of each workflow gets a 401, n8n fetches a token once and sends again;
//   2. incidents added (one created before the last poll's end: late), an update, then n8n stopped
//      (SIGTERM) and, once a poll time has passed, started again on the same user folder;
//   3. after the restart, incidents added (one late again) and an update, then the next poll.
// Each test checks what the timeline observed: every incident of each workflow exactly once.
const fs = require('node:fs');
const path = require('node:path');

const { prepareN8n, packPackage } = require('../../scripts/n8n-runtime');
const { threatProtectionCredential } = require('../support');
const { credentialRef, CREDENTIAL_IDS } = require('./n8n');
const { MINUTE, TRIGGER, triggerWorkflow, startActiveWorkflow, productionRuns, pastNextMinute } = require('./active-workflow');

jest.setTimeout(5 * MINUTE);

const TP = 'proofpointThreatProtectionOAuth2Api';
const STATE = `node:${TRIGGER}`;
const SEARCH = '/api/v1/tric/incidents';
const TOKEN = '/v1/token';
const WORKFLOWS = { fresh: 'ppTrigCtrNew', updates: 'ppTrigCtrUpdates', hour: 'ppTrigCtrHour' };

/** Proofpoint Trigger (CTR Incidents, polling every minute at second 0, reading at every poll) → Record events. */
const incidentsWorkflow = (id, name, parameters) =>
	triggerWorkflow(id, name, { source: 'ctrIncidents', firstActivation: 'now', minMinutesBetweenReads: 0, ...parameters }, { typeVersion: 1.1, credentials: credentialRef(TP) });

const isoTime = (ms) => new Date(ms).toISOString();
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
/** "METHOD path status" of what the sandbox's Threat Protection API saw. */
const call = (request) => `${request.method} ${request.path} ${request.status}`;
const tpRequests = (sb) => sb.requests.filter((request) => request.api === 'threatProtection');
/** How the diagnostics show a search: its creation range, or the sort of an update read. */
const describeRequest = (request) => {
	const body = request.body ?? {};
	if (request.path !== SEARCH) return '';
	const range = body.filters?.time_range_filter;
	return `${range ? `created ${range.start}..${range.end}` : `by ${body.sortParams?.[0]?.sort ?? '?'} ${body.sortParams?.[0]?.colId ?? ''}`} rows ${body.startRow}-${body.endRow}`;
};

describe('Proofpoint Trigger, CTR Incidents, in a real n8n polling every minute', () => {
	let instance;
	let tarball;
	/** Incidents by label ({label: summary}) and labels by id: what a test expects, in names a log reads. */
	const added = {};
	const labelOf = new Map();
	let stages;

	const add = (label, partial = {}) => {
		const incident = instance.sb.threatProtection.addIncident({ title: `e2e ${label}`, ...partial });
		added[label] = incident;
		labelOf.set(incident.id, label);
		return incident;
	};
	const update = (label, changes) => instance.sb.threatProtection.updateIncident(added[label].id, changes);
	const name = (item) => labelOf.get(item.id) ?? `other ${item.displayId}`;
	const describeItem = (item) => `${name(item)}${item.change ? ` ${item.change}` : ''} (created ${item.createdAt}, updated ${item.updatedAt})`;
	/** What a workflow's trigger runs carried: {label (and change): times}. */
	const counted = (workflow, key = name) => {
		const counts = {};
		for (const item of productionRuns(instance.executionsOf(workflow)).flatMap((execution) => execution.items)) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
		return counts;
	};
	const withChange = (item) => `${name(item)} ${item.change}`;
	const once = (keys) => Object.fromEntries(keys.map((key) => [key, 1]));
	/**
	 * Whether every workflow's runs carry the incidents asked for it ({workflow: [labels]}); "<label> updated" asks
	 * for an update. Whether a creation is marked "created" is the Include Updated Incidents test's to say.
	 */
	const carried = (wanted) =>
		Object.entries(wanted).every(([workflow, keys]) => {
			const counts = { ...counted(WORKFLOWS[workflow]), ...counted(WORKFLOWS[workflow], withChange) };
			return keys.every((key) => counts[key] > 0);
		});
	/** Each workflow's trigger state as the database holds it: {workflow id: {since, cursor, readFrom, seen}}. */
	const states = async () => {
		const all = {};
		for (const id of Object.values(WORKFLOWS)) all[id] = (await instance.rest('GET', `/workflows/${id}`)).staticData?.[STATE];
		return all;
	};

	/** Stage 1: incidents added after every activation (one created 10 minutes ago), the tokens expired, the next scheduled polls. */
	async function firstPolls() {
		const { sb } = instance;
		// Not while a poll time is due: what follows goes to the next poll, and the token expires before it asks.
		while (Date.now() % MINUTE > 55000 || Date.now() % MINUTE < 5000) await sleep(500);
		const activation = await states();
		const since = Object.fromEntries(Object.entries(WORKFLOWS).map(([workflow, id]) => [workflow, Date.parse(activation[id].since)]));
		add('A1 new');
		add('A2 new');
		add('B 10 minutes old', { createdAt: isoTime(Date.now() - 10 * MINUTE) });
		const requestsBefore = sb.requests.length;
		const expiredAt = Date.now();
		sb.threatProtection.expireTokens();
		await instance.waitFor(
			'the next polls of the three workflows with A1 and A2 (and B for the one active for an hour)',
			async () => carried({ fresh: ['A1 new', 'A2 new'], updates: ['A1 new', 'A2 new'], hour: ['A1 new', 'A2 new', 'B 10 minutes old'] }),
			{ timeoutMs: 150000 },
		);
		return { since, activation, expiredAt, afterExpiry: sb.requests.slice(requestsBefore), polled: await states() };
	}

	/** Stage 2: incidents and an update the last polls did not see, n8n stopped, one added while down, a poll time passed, n8n started again. */
	async function restart(first) {
		const { sb } = instance;
		// Created before the end of what the last polls read (their cursor), visible only now: late.
		const lastEnd = Math.min(...Object.values(first.polled).map((state) => Date.parse(state.cursor)));
		add('C late', { createdAt: isoTime(lastEnd - 20 * 1000) });
		add('C new');
		update('A1 new', { state: 'closed' });
		await instance.stop();
		const stoppedAt = Date.now();
		add('D while down');
		const requestsWhileUp = tpRequests(sb).length;
		await pastNextMinute(stoppedAt);
		const requestsWhileDown = tpRequests(sb).length - requestsWhileUp;
		await instance.start();
		const restartedAt = Date.now();
		await instance.waitFor(
			'the activation polls after the restart with C late, C new, D while down (and the update of A1)',
			async () =>
				carried({
					fresh: ['C late', 'C new', 'D while down'],
					updates: ['C late', 'C new', 'D while down', 'A1 new updated'],
					hour: ['C late', 'C new', 'D while down'],
				}),
			{ timeoutMs: 120000 },
		);
		return { stoppedAt, restartedAt, requestsWhileDown, polled: await states() };
	}

	/** Stage 3: after the restart, an incident, a late one and an update, then the next scheduled poll. */
	async function afterRestart(second) {
		const lastEnd = Math.min(...Object.values(second.polled).map((state) => Date.parse(state.cursor)));
		add('E late', { createdAt: isoTime(lastEnd - 20 * 1000) });
		add('E new');
		update('C new', { assignedUserName: 'soc.analyst' });
		const from = Date.now();
		await instance.waitFor(
			'the next scheduled polls after the restart with E new, E late (and the update of C new)',
			async () => carried({ fresh: ['E new', 'E late'], updates: ['E new', 'E late', 'C new updated'], hour: ['E new', 'E late'] }),
			{ timeoutMs: 150000 },
		);
		return { from, final: await states() };
	}

	beforeAll(async () => {
		const n8n = prepareN8n();
		tarball = packPackage();
		instance = await startActiveWorkflow({
			n8n,
			tarball,
			label: 'ctr incidents',
			priority: true,
			sandbox: { siem: false },
			credentials: (sb) => [{ id: CREDENTIAL_IDS[TP], name: 'Proofpoint Threat Protection (sandbox)', type: TP, data: threatProtectionCredential(sb) }],
			workflow: incidentsWorkflow(WORKFLOWS.fresh, 'CTR incidents: new', {}),
			companions: [
				incidentsWorkflow(WORKFLOWS.updates, 'CTR incidents: new and updated', { includeUpdated: true }),
				incidentsWorkflow(WORKFLOWS.hour, 'CTR incidents: active for an hour', { firstActivation: 'backfill', backfillAmount: 1, backfillUnit: 'hours' }),
			],
			describeItem,
			describeRequest,
		});
		const first = firstPolls();
		const second = first.then(restart);
		const third = second.then(afterRestart);
		stages = { first, second, third };
		for (const stage of Object.values(stages)) stage.catch(() => {}); // each test reports it
	}, 4 * MINUTE);

	afterAll(async () => {
		await Promise.allSettled(Object.values(stages ?? {}));
		await instance?.close();
		if (tarball) fs.rmSync(path.dirname(tarball), { recursive: true, force: true });
	});

	test('each incident added after the activation reaches the next node exactly once, a late one too; one created before a Start From Now activation never', async () => {
		const first = await stages.first;
		await instance.explain(async () => {
			for (const id of Object.values(WORKFLOWS)) expect(instance.publicationsAtStart[id]).toMatchObject({ status: 'published', triggers: [{ status: 'activated', errorMessage: null }] });
			// At activation the trigger proved the credential with one search and saved where it starts: the minute of its activation.
			expect(first.activation[WORKFLOWS.fresh]).toMatchObject({ since: first.activation[WORKFLOWS.fresh].cursor, seen: {} });
			// The first scheduled poll, at the cron's second 0, carried A1 and A2, not the incident from before the activation.
			const [run] = productionRuns(instance.executionsOf(WORKFLOWS.fresh));
			expect(run.items.map(name).sort()).toEqual(['A1 new', 'A2 new']);
			expect(new Date(run.createdAt).getUTCSeconds()).toBeLessThan(15);
		});
		await stages.third;
		await instance.explain(async () => {
			// Across every poll, before and after the restart: each once; "B" (10 minutes old) predates the activation.
			expect(counted(WORKFLOWS.fresh)).toEqual(once(['A1 new', 'A2 new', 'C late', 'C new', 'D while down', 'E late', 'E new']));
			expect(Date.parse(added['B 10 minutes old'].createdAt)).toBeLessThan(first.since.fresh);
			// Exactly the sandbox's incidents created since the activation.
			const truth = instance.sb.threatProtection.incidents().filter((incident) => Date.parse(incident.createdAt) >= first.since.fresh);
			expect(truth.map(name).sort()).toEqual(Object.keys(counted(WORKFLOWS.fresh)).sort());
			for (const id of Object.values(WORKFLOWS)) expect(instance.executionsOf(id).filter((execution) => execution.status !== 'success')).toEqual([]);
		});
	});

	test('an expired token between polls: the next poll gets a 401, n8n fetches a token once and sends again, and the poll delivers', async () => {
		const first = await stages.first;
		await instance.explain(async () => {
			const calls = first.afterExpiry.filter((request) => request.api === 'threatProtection').map(call);
			// The three workflows' polls at the same second: each search with the expired token is refused, one token request, then each search answered.
			expect(calls[0]).toBe(`POST ${SEARCH} 401`);
			expect(calls.filter((entry) => entry.startsWith(`POST ${TOKEN}`))).toEqual([`POST ${TOKEN} 200`]);
			const tokenAt = calls.indexOf(`POST ${TOKEN} 200`);
			expect(calls.slice(0, tokenAt).every((entry) => entry === `POST ${SEARCH} 401`)).toBe(true);
			expect(calls.slice(tokenAt + 1).filter((entry) => entry === `POST ${SEARCH} 200`).length).toBeGreaterThanOrEqual(3);
			// The polls after the expiry succeeded and delivered (no failed execution).
			for (const id of Object.values(WORKFLOWS)) {
				const after = instance.executionsOf(id).filter((execution) => Date.parse(execution.createdAt) >= first.expiredAt);
				expect(after.length).toBeGreaterThan(0);
				expect(after.every((execution) => execution.status === 'success')).toBe(true);
			}
		});
	});

	test('stopping n8n (SIGTERM) and starting it again on the same user folder loses and repeats nothing', async () => {
		const second = await stages.second;
		await instance.explain(async () => {
			// A poll time passed while n8n was down: nothing asked Proofpoint meanwhile.
			expect(second.requestsWhileDown).toBe(0);
			expect(Math.floor(second.restartedAt / MINUTE)).toBeGreaterThan(Math.floor(second.stoppedAt / MINUTE));
			// What the last polls before the stop had not seen came with the activation polls after the restart, each once; nothing from before came again.
			const carriedBetween = (id, from, to) =>
				productionRuns(instance.executionsOf(id))
					.filter((execution) => Date.parse(execution.createdAt) >= from && Date.parse(execution.createdAt) < to)
					.flatMap((execution) => execution.items)
					.map(name)
					.sort();
			const third = await stages.third;
			for (const workflow of ['fresh', 'hour']) expect(carriedBetween(WORKFLOWS[workflow], second.stoppedAt, third.from)).toEqual(['C late', 'C new', 'D while down']);
			// The state n8n saved at the restart's activation lives on: the same start, and the next scheduled poll emitted only what was new since.
			for (const id of Object.values(WORKFLOWS)) expect(third.final[id].since).toBe(second.polled[id].since);
			for (const workflow of ['fresh', 'hour']) expect(carriedBetween(WORKFLOWS[workflow], third.from, Number.POSITIVE_INFINITY)).toEqual(['E late', 'E new']);
		});
	});

	test('with Include Updated Incidents: each new incident once as "created" (a late one too), each update once as "updated"', async () => {
		const first = await stages.first;
		await stages.third;
		await instance.explain(async () => {
			expect(counted(WORKFLOWS.updates, withChange)).toEqual(
				once([
					'A1 new created',
					'A2 new created',
					// Created before this workflow's activation (Start From Now), first seen after it: a change after the activation.
					'B 10 minutes old updated',
					'C late created',
					'C new created',
					'D while down created',
					'A1 new updated',
					'E late created',
					'E new created',
					'C new updated',
				]),
			);
			expect(Date.parse(added['B 10 minutes old'].createdAt)).toBeLessThan(first.since.updates);
			// The update carries the incident as it is now.
			const updates = productionRuns(instance.executionsOf(WORKFLOWS.updates)).flatMap((execution) => execution.items).filter((item) => item.change === 'updated');
			expect(updates.find((item) => name(item) === 'A1 new')).toMatchObject({ state: 'closed' });
			expect(updates.find((item) => name(item) === 'C new')).toMatchObject({ assignee: 'soc.analyst' });
		});
	});

	test('a workflow active for an hour (Backfill 1 hour): the hour\'s incidents at activation, and an incident 10 minutes late, inside the Look-Back, once', async () => {
		const first = await stages.first;
		await stages.third;
		await instance.explain(async () => {
			// Published a moment after the first workflow: its start an hour before its activation's minute.
			expect((first.since.fresh - first.since.hour) / MINUTE).toBeGreaterThanOrEqual(59);
			expect((first.since.fresh - first.since.hour) / MINUTE).toBeLessThanOrEqual(60);
			// Every incident of the sandbox created since then (the seeded history's last hour, and those the test added), each once.
			const truth = instance.sb.threatProtection.incidents().filter((incident) => Date.parse(incident.createdAt) >= first.since.hour);
			expect(counted(WORKFLOWS.hour)).toEqual(once(truth.map(name)));
			expect(counted(WORKFLOWS.hour)).toMatchObject(once(['B 10 minutes old', 'C late', 'E late']));
			// B came with the first scheduled poll, 10 minutes after its creation: read again within the Look-Back.
			const runs = productionRuns(instance.executionsOf(WORKFLOWS.hour));
			const withB = runs.find((execution) => execution.items.some((item) => name(item) === 'B 10 minutes old'));
			expect(Date.parse(withB.createdAt)).toBeGreaterThan(first.expiredAt);
		});
	});
});
