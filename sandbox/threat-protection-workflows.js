'use strict';

const { json } = require('./http');
const { createRandom } = require('./random');
const { isPlainObject } = require('./coerce');
const { ctrError, isoOffset, DAY_MS } = require('./threat-protection-data');

/*
 * Cloud Threat Response manual workflows and their runs: how messages are pulled from mailboxes
 * [P: XSOAR CTR README and test; M: a third-party Python client]. A run stays IN_PROGRESS for
 * `runMs` of the sandbox clock, then ends SUCCESS, or FAILED when a target could not be handled.
 */

const WORKFLOWS = [
	{
		name: 'Pull message from all mailboxes',
		type: 'MESSAGE',
		enabled: true,
		effect: 'pull',
		description: 'Moves the message out of every mailbox it was delivered to',
	},
	{
		name: 'Quarantine incident messages',
		type: 'INCIDENT',
		enabled: true,
		effect: 'pull',
		description: 'Quarantines every message of the incident',
	},
	{
		name: 'Notify recipient',
		type: 'MESSAGE',
		enabled: true,
		effect: 'notify',
		description: 'Sends the recipient the suspicious-message notice',
	},
	{
		name: 'Restore released messages',
		type: 'MESSAGE',
		enabled: false,
		effect: 'restore',
		description: 'Retired: put quarantined messages back',
	},
];

// Why a message could not be handled: its remediation_status and the run's reason [I].
const FAILURES = {
	mailbox_not_found: (message) => `the mailbox ${message.recipient} was not found`,
	failed_other: () => 'the mail server refused the request',
};

// Workflow and run times are written with a Z, as the peer's workflow example has them [P].
const isoZ = (ms) => new Date(ms).toISOString();

function workflowJson(workflow) {
	return {
		id: workflow.id,
		name: workflow.name,
		description: workflow.description,
		enabled: workflow.enabled,
		type: workflow.type,
		on_demand: true,
		createdAt: isoZ(workflow.createdAt),
		updatedAt: isoZ(workflow.updatedAt),
		createdById: null,
		creatingUserName: null,
		satoriEnabled: null,
	};
}

/** A run as GET /workflows/run/{id} answers it: id, workflowId and state [P]; the rest is the sandbox's [I]. */
function runJson(run) {
	return {
		id: run.id,
		workflowId: run.workflow.id,
		state: run.state,
		targetIds: [...run.targetIds],
		createdAt: isoZ(run.createdAt),
		updatedAt: isoZ(run.updatedAt),
		...(run.results && { results: run.results.map((result) => ({ ...result })) }),
		...(run.state === 'FAILED' && { reason: run.reason }),
	};
}

/**
 * The workflows of the tenant and their runs over the store's records:
 * store = {messageById, incidentById, isDeparted(address), addActivity(incident, activity)}.
 */
function createWorkflows({ seed, anchor, clock, runMs, store }) {
	const random = createRandom(seed * 13 + 5);
	const workflows = WORKFLOWS.map((workflow, index) => ({
		...workflow,
		id: random.uuid(),
		createdAt: anchor - (200 - 20 * index) * DAY_MS,
		updatedAt: anchor - (40 - 5 * index) * DAY_MS,
	}));
	const runs = new Map();
	const failing = new Set();

	const targetOf = (workflow, id) =>
		(workflow.type === 'MESSAGE' ? store.messageById : store.incidentById).get(id);
	const messagesOf = (workflow, id) =>
		workflow.type === 'MESSAGE'
			? [store.messageById.get(id)]
			: store.messagesOf(store.incidentById.get(id));

	function failureOf(message) {
		if (failing.has(message.id)) return 'failed_other';
		return store.isDeparted(message.recipient) ? 'mailbox_not_found' : null;
	}

	// A message's timeline entries are the sandbox's own shape [I].
	function note(message, type, status, at, workflow) {
		message.timeline.push({ type, occurredAt: isoOffset(at), workflowName: workflow.name, status });
	}

	function remediate(message, status, at, workflow) {
		message.remediationStatus = status;
		message.updatedAt = at;
		note(message, 'remediation', status, at, workflow);
	}

	/** Carries a workflow out on one target at `at`: {targetId, state, reason?}. */
	function apply(workflow, targetId, at) {
		const failed = (reason) => ({ targetId, state: 'FAILED', reason });
		if (workflow.type === 'INCIDENT' && failing.has(targetId)) {
			for (const message of messagesOf(workflow, targetId)) {
				remediate(message, 'failed_other', at, workflow);
			}
			return failed(FAILURES.failed_other());
		}
		const problems = [];
		const attempts = [];
		for (const message of messagesOf(workflow, targetId)) {
			const failure = failureOf(message);
			if (failure) problems.push(`${message.id}: ${FAILURES[failure](message)}`);
			if (workflow.effect === 'pull') {
				remediate(message, failure ?? 'success', at, workflow);
				attempts.push({
					id: message.id,
					state: failure ? 'failed' : 'complete',
					disposition: failure ?? 'message_moved',
					destination_folder: null,
				});
			} else {
				note(message, 'notification', failure ?? 'sent', at, workflow);
			}
		}
		if (workflow.type === 'INCIDENT') {
			store.addActivity(store.incidentById.get(targetId), {
				id: random.uuid(),
				type: 'quarantine',
				at,
				details: { quarantine_attempts: attempts },
				workflowName: workflow.name,
			});
		}
		return problems.length ? failed(problems.join('; ')) : { targetId, state: 'SUCCESS' };
	}

	/** Ends every run whose time is up, as of the sandbox clock. */
	function settle() {
		const now = clock();
		for (const run of runs.values()) {
			if (run.state !== 'IN_PROGRESS' || run.doneAt > now) continue;
			run.results = run.targetIds.map((targetId) => apply(run.workflow, targetId, run.doneAt));
			const failed = run.results.filter((result) => result.state === 'FAILED');
			run.state = failed.length ? 'FAILED' : 'SUCCESS';
			run.updatedAt = run.doneAt;
			run.reason = failed.length
				? `${failed.length} of ${run.results.length} targets failed: ${failed.map((result) => `${result.targetId} (${result.reason})`).join('; ')}`
				: null;
		}
	}

	function list(request) {
		const { enabled, type } = request.query;
		if (enabled !== undefined && !['true', 'false'].includes(enabled)) {
			return ctrError(400, 'enabled must be true or false');
		}
		if (type !== undefined && !['incident', 'message'].includes(type.toLowerCase())) {
			return ctrError(400, 'type must be incident or message');
		}
		// enabled=false lists the disabled ones, as a filter on the field would [I].
		const chosen = workflows.filter(
			(workflow) =>
				(enabled === undefined || String(workflow.enabled) === enabled) &&
				(type === undefined || workflow.type === type.toUpperCase()),
		);
		// The peer reads either {"workflows": [...]} or a bare list; the sandbox sends the first [?].
		return json(200, { workflows: chosen.map(workflowJson) });
	}

	function run(request, { id }) {
		const workflow = workflows.find((candidate) => candidate.id === id);
		if (!workflow) return ctrError(404, `Workflow ${id} not found`);
		// Only the tenant's enabled manual workflows can be run [P]; a disabled one is a 400 [I].
		if (!workflow.enabled) return ctrError(400, `Workflow "${workflow.name}" is disabled`);
		const body = request.malformed ? undefined : request.body;
		const targetIds = isPlainObject(body) ? body.targetIds : undefined;
		if (
			!Array.isArray(targetIds) ||
			!targetIds.length ||
			!targetIds.every((target) => typeof target === 'string')
		) {
			return ctrError(400, 'targetIds must be a non-empty list of incident or message ids');
		}
		const kind = workflow.type.toLowerCase();
		const unknown = targetIds.find((target) => !targetOf(workflow, target));
		if (unknown !== undefined) {
			return ctrError(
				400,
				`targetIds: ${unknown} is not a ${kind} id, and "${workflow.name}" runs on ${kind}s`,
			);
		}
		const now = clock();
		const started = {
			id: random.uuid(),
			workflow,
			targetIds: [...new Set(targetIds)],
			state: 'IN_PROGRESS',
			createdAt: now,
			updatedAt: now,
			doneAt: now + runMs,
			results: null,
			reason: null,
		};
		runs.set(started.id, started);
		if (workflow.effect === 'pull') {
			for (const target of started.targetIds) {
				for (const message of messagesOf(workflow, target)) {
					message.remediationStatus = 'pending';
					message.updatedAt = now;
				}
			}
		}
		return json(200, runJson(started));
	}

	function status(request, { runId }) {
		const found = runs.get(runId);
		return found ? json(200, runJson(found)) : ctrError(404, `Workflow run ${runId} not found`);
	}

	return {
		list,
		run,
		status,
		settle,
		api: {
			workflows: () => workflows.map(workflowJson),
			runs: () =>
				[...runs.values()].map((found) => ({
					...runJson(found),
					workflowName: found.workflow.name,
				})),
			/** Marks message or incident ids whose remediation fails (FAILED, remediation_status failed_other). */
			failTargets: (ids) => {
				for (const id of [].concat(ids)) failing.add(id);
			},
		},
	};
}

module.exports = { createWorkflows };
