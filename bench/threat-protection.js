// Threat Protection at 25 ms latency, requests counted from the sandbox's log: Block List → Add
// Entries of 200 items with 150 already listed (against a client that POSTs every entry), Incident
// → Get Many of 1,000 (against 10 × the latency), Remediation Workflow → Run waiting for a 4 s run
// (against the run itself), and 25 CTR calls in one run paced to 10 a minute (429s, and the time
// against the 2 minutes of waiting the rate asks for). The last one takes about two minutes.
const axios = require('axios');
const { SANDBOX_CREDENTIALS } = require('../sandbox');
const { runNode } = require('../test/harness');
const { startRemoteSandbox } = require('./remote-sandbox');
const { timed } = require('./measure');

const LATENCY_MS = 25;
const RUNS = 5;
const CTR_PER_MINUTE = 10;
const { apiKey, apiSecret, clusterId } = SANDBOX_CREDENTIALS.threatProtection;
const TOKEN_PATH = '/v1/token';
const LIST_PATH = '/api/v1/emailProtection/modules/spam/orgBlockList';
const SEARCH_PATH = '/api/v1/tric/incidents';
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** The node's credential as a user saves it: CTR Calls per Minute left at its default. */
const credentials = (sb) => ({ proofpointThreatProtectionOAuth2Api: { clientId: apiKey, clientSecret: apiSecret, baseUrl: sb.threatProtectionUrl, clusterId } });

const startSandbox = (threatProtection = {}) => startRemoteSandbox({ sandbox: { latencyMs: LATENCY_MS, threatProtection: { ctrPerMinute: CTR_PER_MINUTE, ...threatProtection } } });

/** What the sandbox saw since `from` (an index into its log): token requests apart, each call as "METHOD path status". */
async function logSince(sb, from) {
	const calls = (await sb.requests()).slice(from);
	const api = calls.filter((call) => call.path !== TOKEN_PATH);
	return {
		tokens: calls.length - api.length,
		count: (method, path) => api.filter((call) => call.method === method && call.path.startsWith(path)).length,
		statuses: (status) => api.filter((call) => call.status === status).length,
		total: api.length,
	};
}

/** One timed node run; its items, or the run's error thrown. */
async function timedNode(sb, parameters, input) {
	let items;
	const ms = await timed(async () => {
		const result = await runNode({ parameters, input, credentials: credentials(sb) });
		if (result.status !== 'success') throw new Error(`node run failed: ${result.error?.message}`);
		items = result.items;
	});
	return { ms, items };
}

const BLOCK_ITEMS = 200;
const ALREADY_LISTED = 150;

/** 200 senders to block, every fourth one new: the other 150 are on the list already. */
function blockInput() {
	return Array.from({ length: BLOCK_ITEMS }, (_, index) => ({
		json: { attribute: '$from', operator: 'equal', value: index % 4 === 3 ? `new${index}@evil.example` : `listed${index}@evil.example`, comment: 'Phish campaign' },
	}));
}

/** A peer's client: a token, then one POST per entry, one after another, a 400 for an entry already there taken as done. */
async function perEntryClient(tpUrl, input) {
	const token = await axios.post(`${tpUrl}${TOKEN_PATH}`, new URLSearchParams({ grant_type: 'client_credentials', client_id: apiKey, client_secret: apiSecret }).toString(), {
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
	});
	const headers = { authorization: `Bearer ${token.data.access_token}` };
	for (const { json } of input) {
		const { status } = await axios.post(`${tpUrl}${LIST_PATH}`, { action: 'add', ...json }, { headers, params: { clusterId }, validateStatus: () => true });
		if (status !== 200 && status !== 400) throw new Error(`the per-entry client got ${status}`);
	}
}

async function blockListBenchmark() {
	const sb = await startSandbox();
	try {
		const input = blockInput();
		const listed = input.filter(({ json }) => json.value.startsWith('listed')).map(({ json }) => json);
		const parameters = { resource: 'blockList', operation: 'addEntries', attribute: '={{ $json.attribute }}', operator: '={{ $json.operator }}', entryValue: '={{ $json.value }}', comment: '={{ $json.comment }}' };
		const resetList = () => sb.threatProtection('setList', clusterId, 'orgBlockList', listed);
		// Module loading and JIT are not what is measured: one untimed run of each first.
		await resetList();
		await timedNode(sb, parameters, input);
		await resetList();
		await perEntryClient(sb.threatProtectionUrl, input);
		const node = [];
		const perEntry = [];
		for (let run = 0; run < RUNS; run++) {
			await resetList();
			let from = (await sb.requests()).length;
			global.gc?.();
			const { ms, items } = await timedNode(sb, parameters, input);
			const added = items.filter((item) => item.json.result === 'added').length;
			if (added !== BLOCK_ITEMS - ALREADY_LISTED) throw new Error(`the node added ${added} entries, not ${BLOCK_ITEMS - ALREADY_LISTED}`);
			const nodeLog = await logSince(sb, from);
			node.push({ ms, tokens: nodeLog.tokens, gets: nodeLog.count('GET', LIST_PATH), posts: nodeLog.count('POST', LIST_PATH), requests: nodeLog.total });

			await resetList();
			from = (await sb.requests()).length;
			global.gc?.();
			const clientMs = await timed(() => perEntryClient(sb.threatProtectionUrl, input));
			const clientLog = await logSince(sb, from);
			perEntry.push({ ms: clientMs, tokens: clientLog.tokens, posts: clientLog.count('POST', LIST_PATH), refused: clientLog.statuses(400), requests: clientLog.total });
			const entries = await sb.threatProtection('lists', clusterId, 'orgBlockList');
			if (entries.length !== BLOCK_ITEMS) throw new Error(`the per-entry client left ${entries.length} entries, not ${BLOCK_ITEMS}`);
		}
		const medianOf = (runs) => ({ ...runs.find((run) => run.ms === median(runs.map((each) => each.ms))), runsMs: runs.map((run) => Math.round(run.ms)) });
		const nodeMedian = medianOf(node);
		const perEntryMedian = medianOf(perEntry);
		return {
			setup: { items: BLOCK_ITEMS, alreadyListed: ALREADY_LISTED, latencyMs: LATENCY_MS, runs: RUNS },
			node: nodeMedian,
			perEntry: perEntryMedian,
			requestRatio: (perEntryMedian.requests + perEntryMedian.tokens) / (nodeMedian.requests + nodeMedian.tokens),
			speedup: perEntryMedian.ms / nodeMedian.ms,
			goals: { 'Add Entries of 200 items, 150 listed, in 1 read and 50 adds': node.every((run) => run.gets === 1 && run.posts === BLOCK_ITEMS - ALREADY_LISTED && run.requests === 1 + BLOCK_ITEMS - ALREADY_LISTED) },
		};
	} finally {
		await sb.close();
	}
}

const getMany = (limit) => ({ resource: 'incident', operation: 'getAll', timeRange: 'any', returnAll: false, limit });

/** Incident → Get Many on a new sandbox (so on a fresh minute of CTR calls, the node's and the sandbox's): time, searches, 429s. */
async function incidentRun(incidentCount, limit) {
	const sb = await startSandbox({ incidentCount });
	try {
		// The sandbox draws its incidents on the first look: done here, not inside the first timed search.
		await sb.threatProtection('incidents');
		global.gc?.();
		const { ms, items } = await timedNode(sb, getMany(limit));
		if (items.length !== limit) throw new Error(`Get Many returned ${items.length} incidents, not ${limit}`);
		const log = await logSince(sb, 0);
		return { ms, tokens: log.tokens, searches: log.count('POST', SEARCH_PATH), throttled: log.statuses(429), requests: log.total };
	} finally {
		await sb.close();
	}
}

const INCIDENTS = 1200;
const INCIDENT_LIMIT = 1000;

async function incidentsBenchmark() {
	await incidentRun(200, 100);
	const runs = [];
	for (let run = 0; run < RUNS; run++) runs.push(await incidentRun(INCIDENTS, INCIDENT_LIMIT));
	const ms = median(runs.map((run) => run.ms));
	const pages = Math.ceil(INCIDENT_LIMIT / 100);
	const limitMs = pages * LATENCY_MS;
	return {
		setup: { incidents: INCIDENTS, limit: INCIDENT_LIMIT, latencyMs: LATENCY_MS, ctrPerMinute: CTR_PER_MINUTE, runs: RUNS },
		node: { ms, runsMs: runs.map((run) => Math.round(run.ms)), searches: runs[0].searches, tokens: runs[0].tokens, throttled: runs.reduce((sum, run) => sum + run.throttled, 0) },
		limitMs,
		ratioToLimit: ms / limitMs,
		goals: { 'Incident Get Many of 1,000 in exactly 10 searches, no 429': runs.every((run) => run.searches === pages && run.requests === pages && run.throttled === 0) },
	};
}

const WORKFLOW_RUN_MS = 4000;
const POLL_SECONDS = 1;
const MAX_WAIT_SECONDS = 30;
const PULL = 'Pull message from all mailboxes';

/** A message not remediated yet whose mailbox still exists, so the pull succeeds. */
async function messageToPull(sb) {
	for (const message of await sb.threatProtection('messages')) {
		if (message.remediation_status !== 'not_attempted') continue;
		const email = message.recipient_address;
		const user = await sb.getUser(email.split('@')[1], email);
		if ([true, 'true'].includes(user?.is_active)) return message.id;
	}
	throw new Error('the sandbox has no message to pull');
}

async function workflowRun() {
	const sb = await startSandbox({ workflowRunMs: WORKFLOW_RUN_MS });
	try {
		const workflow = (await sb.threatProtection('workflows')).find((candidate) => candidate.name === PULL);
		const targetId = await messageToPull(sb);
		const from = (await sb.requests()).length;
		global.gc?.();
		const { ms, items } = await timedNode(sb, {
			resource: 'workflow',
			operation: 'run',
			workflowId: { __rl: true, mode: 'id', value: workflow.id },
			targetIds: targetId,
			waitForCompletion: true,
			options: { pollInterval: POLL_SECONDS, maxWait: MAX_WAIT_SECONDS },
		});
		if (items[0].json.state !== 'SUCCESS') throw new Error(`the run ended ${items[0].json.state}`);
		const log = await logSince(sb, from);
		return { ms, tokens: log.tokens, posts: log.count('POST', '/api/v1/tric/workflows/'), polls: log.count('GET', '/api/v1/tric/workflows/run/'), requests: log.total };
	} finally {
		await sb.close();
	}
}

async function workflowBenchmark() {
	const runs = [];
	for (let run = 0; run < RUNS; run++) runs.push(await workflowRun());
	const ms = median(runs.map((run) => run.ms));
	const atMost = 1 + Math.ceil(WORKFLOW_RUN_MS / (POLL_SECONDS * 1000));
	return {
		setup: { runMs: WORKFLOW_RUN_MS, pollSeconds: POLL_SECONDS, maxWaitSeconds: MAX_WAIT_SECONDS, latencyMs: LATENCY_MS, runs: RUNS },
		node: { ms, runsMs: runs.map((run) => Math.round(run.ms)), requests: Math.max(...runs.map((run) => run.requests)), posts: runs[0].posts, polls: Math.max(...runs.map((run) => run.polls)), tokens: runs[0].tokens },
		atMost,
		ratioToRun: ms / WORKFLOW_RUN_MS,
		goals: { [`Run with Wait in at most 1 + ⌈run ÷ interval⌉ = ${atMost} requests, sent once`]: runs.every((run) => run.posts === 1 && run.requests <= atMost) },
	};
}

const PACED_INCIDENTS = 2500;
const PACED_CALLS = 25;

async function pacingBenchmark() {
	const run = await incidentRun(PACED_INCIDENTS, PACED_CALLS * 100);
	const idealMs = (Math.ceil(PACED_CALLS / CTR_PER_MINUTE) - 1) * 60 * 1000;
	return {
		setup: { incidents: PACED_INCIDENTS, limit: PACED_CALLS * 100, calls: PACED_CALLS, ctrPerMinute: CTR_PER_MINUTE, latencyMs: LATENCY_MS },
		node: run,
		idealMs,
		ratioToIdeal: run.ms / idealMs,
		goals: { '25 CTR calls in one run at 10 a minute: no 429': run.searches === PACED_CALLS && run.throttled === 0 },
	};
}

async function threatProtectionBenchmark() {
	const blockList = await blockListBenchmark();
	const incidents = await incidentsBenchmark();
	const workflow = await workflowBenchmark();
	const pacing = await pacingBenchmark();
	return { blockList, incidents, workflow, pacing, goals: { ...blockList.goals, ...incidents.goals, ...workflow.goals, ...pacing.goals } };
}

module.exports = { threatProtectionBenchmark };
