// An active (published) workflow in a real n8n, started with `n8n start` (and a worker, in queue mode)
// against its own sandbox: what the executions list shows, the workflow's saved static data, a manual
// run from the editor's REST API, a stop and a restart on the same user folder. Every wait is for a
// condition, and on timeout (or on a failed assertion inside `explain`) prints what n8n said: its
// recent log, the executions it recorded and the requests the sandbox saw.
const fs = require('node:fs');

const runtime = require('../../scripts/n8n-runtime');
const { startSandbox } = require('../../sandbox');
const { threatCredential } = require('../support');
const { startRedis } = require('./redis');
const { barred, tail, annotate } = require('./text');

const MINUTE = 60 * 1000;
const TRIGGER = 'Proofpoint Trigger';
const RECORDER = 'Record events';
const TRIGGER_TYPE = `${runtime.PACKAGE}.proofpointTrigger`;
const CREDENTIAL = { id: 'ppTapTrigger', name: 'Proofpoint TAP (sandbox)' };

/** n8n's Poll Times as the editor stores a Custom one: every minute, at second 0 (n8n's Every Minute picks a random second). */
const EVERY_MINUTE_AT_SECOND_0 = { item: [{ mode: 'custom', cronExpression: '* * * * *' }] };

/** Proofpoint Trigger (polling every minute at second 0) → a No Operation node that shows what it got; TAP's credential and version 1 unless told. */
function triggerWorkflow(id, name, parameters = {}, { typeVersion = 1, credentials = { proofpointTapApi: CREDENTIAL } } = {}) {
	return {
		id,
		name,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: `${id}-trigger`,
				name: TRIGGER,
				type: TRIGGER_TYPE,
				typeVersion,
				position: [0, 0],
				parameters: { pollTimes: EVERY_MINUTE_AT_SECOND_0, ...parameters },
				credentials,
			},
			{ id: `${id}-noop`, name: RECORDER, type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [220, 0], parameters: {} },
		],
		connections: { [TRIGGER]: { main: [[{ node: RECORDER, type: 'main', index: 0 }]] } },
	};
}

const isClick = (kind) => kind.startsWith('clicks');
const recipientOf = (event) => [].concat(event.recipient ?? []).join(',');

/** An event's identity: a click's id; a message's GUID and recipient (a message is one event per recipient). */
const eventKey = (event) => (isClick(event.eventType) ? `${event.eventType} ${event.id}` : `${event.eventType} ${event.GUID} ${recipientOf(event)}`);

/** What a user compares between an event Proofpoint holds and an item the workflow got (Simplify off). */
const summary = (event) => ({
	key: eventKey(event),
	eventType: event.eventType,
	GUID: event.GUID,
	recipient: recipientOf(event),
	time: event.clickTime ?? event.messageTime,
});
const summaries = (events) => events.map(summary).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));

/** How often each event arrived: {key: count}. */
function countByKey(events) {
	const counts = {};
	for (const event of events) counts[eventKey(event)] = (counts[eventKey(event)] ?? 0) + 1;
	return counts;
}
const eachOnce = (events) => Object.fromEntries(events.map((event) => [eventKey(event), 1]));

/** Adds events to the sandbox (by default happening now, visible at once); returns them as the API sends them, with their eventType. */
function inject(sb, kind, partial = {}) {
	return sb.siem.inject(kind, { time: Date.now(), ...partial }).map((event) => ({ ...event, eventType: kind }));
}

/** The sandbox notes when each request arrived (real time), for the diagnostics and for "the next poll". */
function stampArrivals(sb) {
	const { requests } = sb;
	Object.defineProperty(requests, 'push', {
		enumerable: false,
		value: (...records) => {
			for (const record of records) record.arrivedAt = Date.now();
			return Array.prototype.push.apply(requests, records);
		},
	});
}

const siemRequests = (sb) => sb.requests.filter((request) => request.path.startsWith('/v2/siem/'));
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const iso = (ms) => (ms === undefined ? '?' : new Date(ms).toISOString());

/**
 * At most `count` n8n processes booting at once (a CLI command, or a server until it is ready): each
 * boot is seconds of CPU, and several at once on two cores make all of them, and the polls of the n8n
 * already running, late. A `priority` boot (a scenario that waits on the clock) goes first.
 */
function bootSlots(count) {
	let busy = 0;
	const waiting = [];
	const release = () => {
		busy -= 1;
		waiting.shift()?.();
	};
	return async (boot, { priority = false } = {}) => {
		if (busy >= count) await new Promise((resolve) => (priority ? waiting.unshift(resolve) : waiting.push(resolve)));
		busy += 1;
		try {
			return await boot();
		} finally {
			release();
		}
	};
}
const booting = bootSlots(2);

/** n8n's log without what says nothing about the test: stack frames and its deprecation notices. */
const readable = (log) =>
	log
		.split('\n')
		.filter((line) => !/^\s+at /.test(line) && !/^ - [A-Z0-9_]+ -> /.test(line))
		.join('\n');

/** The TAP credential every trigger workflow here uses, for the sandbox `sb`. */
const tapCredentials = (sb) => [{ ...CREDENTIAL, type: 'proofpointTapApi', data: threatCredential(sb) }];

/**
 * Sets up a user folder with the package, a sandbox (only injected events by default), the TAP
 * credential and `workflow` published, then starts n8n (main and worker with `queue`) and waits until
 * the workflow is no longer being published. `beforeStart(sb)` runs just before n8n starts.
 *
 * Optional: `credentials(sb)`, the credentials to import instead of the TAP one; `companions`, more
 * workflows in the same n8n, imported with `workflow` and published once n8n runs (as the editor's
 * Publish does), whose executions `executionsOf(id)` and the diagnostics show too; `describeItem(json)`
 * and `describeRequest(record)`, how the diagnostics name an item and a sandbox request (by default a
 * threat event's key and a SIEM request's interval).
 */
async function startActiveWorkflow({
	n8n,
	tarball,
	label,
	workflow,
	sandbox = { siem: false },
	queue = false,
	priority = false,
	beforeStart,
	registry = [],
	credentials = tapCredentials,
	companions = [],
	describeItem = eventKey,
	describeRequest = (request) => request.query?.interval ?? '',
}) {
	const instance = new ActiveWorkflow({ n8n, label, workflow, queue, priority, credentials, companions, describeItem, describeRequest });
	registry.push(instance);
	try {
		await instance.prepare(tarball, sandbox);
		await beforeStart?.(instance.sb);
		await instance.start();
	} catch (error) {
		throw annotate(error, await instance.diagnostics());
	}
	return instance;
}

class ActiveWorkflow {
	constructor({ n8n, label, workflow, queue, priority, credentials = tapCredentials, companions = [], describeItem = eventKey, describeRequest = (request) => request.query?.interval ?? '' }) {
		Object.assign(this, { n8n, label, workflow, queue, priority, credentials, companions, describeItem, describeRequest, id: workflow.id });
		this.workflowIds = [workflow.id, ...companions.map((companion) => companion.id)];
		this.runs = []; // every n8n process started, in order: {role, handle}
		this.details = new Map(); // finished executions by id
		this.seenExecutions = [];
		this.companionsPublished = companions.length === 0;
	}

	async prepare(tarball, sandboxOptions) {
		this.sb = await startSandbox(sandboxOptions);
		stampArrivals(this.sb);
		this.userFolder = runtime.newUserFolder(tarball);
		await this.boot(() => runtime.importCredentials(this.n8n, this.userFolder, this.credentials(this.sb)));
		await this.boot(() =>
			this.companions.length
				? runtime.importWorkflows(this.n8n, this.userFolder, [this.workflow, ...this.companions])
				: runtime.importWorkflow(this.n8n, this.userFolder, this.workflow),
		);
		await this.boot(() => runtime.publishWorkflow(this.n8n, this.userFolder, this.id));
		if (this.queue) {
			this.redis = await startRedis();
			this.queueEnv = {
				EXECUTIONS_MODE: 'queue',
				QUEUE_BULL_REDIS_HOST: '127.0.0.1',
				QUEUE_BULL_REDIS_PORT: String(this.redis.port),
				QUEUE_BULL_PREFIX: `pp-trigger-${process.pid}`,
			};
		}
	}

	boot(command) {
		return booting(command, { priority: this.priority });
	}

	/** Starts n8n (and the worker) on this user folder, logs in, and waits until the workflow's publication settled. */
	async start() {
		this.main = await this.boot(() => runtime.startN8n(this.n8n, this.userFolder, { env: this.queueEnv ?? {} }));
		this.runs.push({ role: 'main', handle: this.main });
		if (this.queue) {
			// The worker serves /healthz on QUEUE_HEALTH_CHECK_PORT; N8N_PORT only tells startN8n where to look.
			const healthPort = String(await runtime.freePort());
			this.worker = await this.boot(() => runtime.startN8n(this.n8n, this.userFolder, {
				command: 'worker',
				readyPath: '/healthz',
				env: { ...this.queueEnv, N8N_PORT: healthPort, QUEUE_HEALTH_CHECK_ACTIVE: 'true', QUEUE_HEALTH_CHECK_PORT: healthPort, N8N_WORKER_SERVER_ADDRESS: '127.0.0.1' },
			}));
			this.runs.push({ role: 'worker', handle: this.worker });
		}
		this.cookie = await runtime.ownerSession(this.main.url);
		this.publicationAtStart = await this.waitFor('the workflow to be published (its trigger started)', async () => {
			const publication = await this.publication();
			return publication.status !== 'in_progress' && publication;
		});
		if (!this.companionsPublished) {
			// As the editor's Publish: the saved version activated; n8n starts its triggers (a poll at once).
			for (const companion of this.companions) {
				const { versionId } = await this.rest('GET', `/workflows/${companion.id}`);
				await this.rest('POST', `/workflows/${companion.id}/activate`, { versionId });
			}
			this.companionsPublished = true;
		}
		this.publicationsAtStart = { [this.id]: this.publicationAtStart };
		for (const companion of this.companions) {
			this.publicationsAtStart[companion.id] = await this.waitFor(`workflow ${companion.id} to be published (its trigger started)`, async () => {
				const publication = await this.publication(companion.id);
				return publication.status !== 'in_progress' && publication;
			});
		}
	}

	/** SIGTERM to the worker, then to main, as a service manager stops n8n. */
	async stop() {
		await this.worker?.stop();
		await this.main?.stop();
		this.cookie = undefined;
	}

	async close() {
		await this.stop().catch(() => {});
		await this.redis?.stop().catch(() => {});
		await this.sb?.close().catch(() => {});
		if (this.userFolder) fs.rmSync(this.userFolder, { recursive: true, force: true });
	}

	/** Everything the n8n processes of `role` printed, across restarts. */
	logs(role = 'main') {
		return this.runs
			.filter((run) => run.role === role)
			.map((run) => run.handle.logs())
			.join('\n--- n8n was restarted ---\n');
	}

	async rest(method, route, body) {
		const response = await runtime.rest(this.main.url, this.cookie, method, route, body);
		if (response.status !== 200) throw new Error(`${method} /rest${route} answered ${response.status}: ${response.text.slice(0, 500)}`);
		return response.json.data;
	}

	workflowNow() {
		return this.rest('GET', `/workflows/${this.id}`);
	}

	/** `workflow_entity.staticData`, as the database holds it. */
	async staticData() {
		return (await this.workflowNow()).staticData;
	}

	publication(workflowId = this.id) {
		return this.rest('GET', `/workflows/${workflowId}/publication-status`);
	}

	/**
	 * What the editor does when a user changes the trigger's parameters and publishes again: saves the
	 * new version (PATCH) and publishes it; returns once the publication settled.
	 */
	async republish(changedParameters) {
		const current = await this.workflowNow();
		const nodes = current.nodes.map((node) => (node.name === TRIGGER ? { ...node, parameters: { ...node.parameters, ...changedParameters } } : node));
		const saved = await this.rest('PATCH', `/workflows/${this.id}`, { nodes, connections: current.connections, versionId: current.versionId });
		await this.rest('POST', `/workflows/${this.id}/activate`, { versionId: saved.versionId });
		return await this.waitFor('the new version to be published (its trigger restarted)', async () => {
			const publication = await this.publication();
			return publication.status !== 'in_progress' && publication;
		});
	}

	/** The editor's "Fetch Test Event" (Test step on the trigger): a manual run from the trigger; returns the execution id. */
	async runManually() {
		const { executionId } = await this.rest('POST', `/workflows/${this.id}/run`, { triggerToStartFrom: { name: TRIGGER } });
		return String(executionId);
	}

	/**
	 * The workflow's finished executions, oldest first: {id, mode, status, createdAt, items (what Record
	 * events got), error}; reads those of the companions too (see `executionsOf`).
	 */
	async executions() {
		for (const workflowId of this.workflowIds) {
			const filter = encodeURIComponent(JSON.stringify({ workflowId }));
			const { results } = await this.rest('GET', `/executions?filter=${filter}&limit=100`);
			for (const row of results) {
				if (this.details.has(row.id) || !runtime.FINISHED.has(row.status)) continue;
				const execution = await this.rest('GET', `/executions/${row.id}`);
				const { data } = runtime.decodeExecution(execution, this.n8n);
				const runData = data.resultData?.runData ?? {};
				this.details.set(row.id, {
					id: row.id,
					workflowId,
					mode: execution.mode,
					status: execution.status,
					createdAt: execution.createdAt,
					items: (runData[RECORDER]?.[0]?.data?.main?.[0] ?? []).map((item) => item.json),
					error: data.resultData?.error,
				});
			}
		}
		this.seenExecutions = this.executionsOf(this.id);
		return this.seenExecutions;
	}

	/** The finished executions of `workflowId` (this workflow or a companion) read so far, oldest first. */
	executionsOf(workflowId) {
		return [...this.details.values()].filter((execution) => execution.workflowId === workflowId).sort((a, b) => Number(a.id) - Number(b.id));
	}

	/**
	 * Checks every 1.5 s (`check` gets the executions so far) until it returns something truthy, which
	 * it returns; on timeout, throws with what n8n said.
	 */
	async waitFor(what, check, { timeoutMs = 100000 } = {}) {
		const deadline = Date.now() + timeoutMs;
		let lastError;
		for (;;) {
			try {
				const value = await check(await this.executions());
				if (value) return value;
			} catch (error) {
				lastError = error;
			}
			if (Date.now() > deadline) {
				const why = lastError ? `\nlast error while checking: ${lastError.message}` : '';
				throw annotate(new Error(`[${this.label}] timed out after ${timeoutMs} ms waiting for ${what}${why}`), await this.diagnostics());
			}
			await sleep(1500);
		}
	}

	/** Runs assertions; a failure also shows what n8n said. */
	async explain(assertions) {
		try {
			return await assertions();
		} catch (error) {
			throw annotate(error, await this.diagnostics());
		}
	}

	/** n8n's recent log (each process), the executions seen and the sandbox's requests. */
	async diagnostics() {
		if (this.main && this.cookie) await this.executions().catch(() => {});
		const roles = this.queue ? ['main', 'worker'] : ['main'];
		const logs = roles.map((role) => `--- n8n ${role} (${this.label}), recent log ---\n${tail(readable(this.logs(role)), 5000) || '(nothing)'}`);
		const describe = (item) => {
			try {
				return this.describeItem(item);
			} catch {
				return JSON.stringify(item).slice(0, 200);
			}
		};
		const executions = (workflowId) =>
			this.executionsOf(workflowId).map(
				(execution) =>
					`#${execution.id} ${execution.mode} ${execution.status} ${execution.createdAt}: ` +
					(execution.error ? `error "${execution.error.message}"` : `${execution.items.length} items ${execution.items.map(describe).join('; ')}`),
			);
		const requests = (this.sb?.requests ?? []).map(
			(request) =>
				`${iso(request.arrivedAt)} ${request.method} ${request.path} ${this.describeRequest(request)} → ${request.status ?? 'no answer'}${request.fault ? ` (fault ${request.fault})` : ''}`,
		);
		return barred([
			...logs,
			...this.workflowIds.map((workflowId) => `--- executions of ${workflowId} seen ---\n${executions(workflowId).join('\n') || '(none)'}`),
			`--- sandbox requests ---\n${requests.join('\n') || '(none)'}`,
		].join('\n\n'));
	}
}

/** Executions the trigger started (not manual ones) that succeeded, and every event their Record events node got. */
const productionRuns = (executions) => executions.filter((execution) => execution.mode === 'trigger' && execution.status === 'success');
const emitted = (executions) => productionRuns(executions).flatMap((execution) => execution.items);
const hasAll = (events, wanted) => {
	const keys = new Set(events.map(eventKey));
	return wanted.every((event) => keys.has(eventKey(event)));
};

/** Resolves once the clock has passed the next minute boundary after `from` (plus `marginMs`): a poll time. */
async function pastNextMinute(from, marginMs = 1000) {
	const at = Math.floor(from / MINUTE) * MINUTE + MINUTE + marginMs;
	while (Date.now() < at) await sleep(Math.min(1000, at - Date.now()));
}

module.exports = {
	MINUTE,
	TRIGGER,
	TRIGGER_TYPE,
	RECORDER,
	EVERY_MINUTE_AT_SECOND_0,
	triggerWorkflow,
	startActiveWorkflow,
	inject,
	eventKey,
	summaries,
	countByKey,
	eachOnce,
	siemRequests,
	productionRuns,
	emitted,
	hasAll,
	pastNextMinute,
	annotate,
};
