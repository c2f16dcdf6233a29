// Shared setup for tests against a real n8n: the packed tarball installed as a community package
// in a fresh user folder, a sandbox, and the sandbox credentials imported under the example ids.
const fs = require('node:fs');
const path = require('node:path');
const runtime = require('../../scripts/n8n-runtime');
const { startSandbox } = require('../../sandbox');
const { sandboxCredentials, threatCredential } = require('../support');
const { barred, tail } = require('./text');

const CREDENTIAL_IDS = { proofpointEssentialsApi: 'ppEssentialsDemo', proofpointTapApi: 'ppTapDemo', proofpointThreatProtectionOAuth2Api: 'ppThreatProtectionDemo' };
const CREDENTIAL_NAMES = {
	proofpointEssentialsApi: 'Proofpoint Essentials (sandbox)',
	proofpointTapApi: 'Proofpoint TAP (sandbox)',
	proofpointThreatProtectionOAuth2Api: 'Proofpoint Threat Protection (sandbox)',
};

function importableCredentials(sb, options) {
	return Object.entries(sandboxCredentials(sb, options)).map(([type, data]) => ({
		id: CREDENTIAL_IDS[type],
		name: CREDENTIAL_NAMES[type],
		type,
		data,
	}));
}

// A second `proofpointTapApi` credential, for the Essentials Threat API (Platform: Essentials Threat API,
// Custom Base URL, the sandbox's partner Integration Key), imported by useRealN8n under its own id.
const ESSENTIALS_THREAT_CREDENTIAL = { id: 'ppThreatEssentials', name: 'Proofpoint Essentials Threat (sandbox)', type: 'proofpointTapApi' };

const essentialsThreatCredential = (sb, key = 'partner') => ({ ...ESSENTIALS_THREAT_CREDENTIAL, data: threatCredential(sb, key) });

// A fixed time, so the same sandbox address gives the same import file (the demo imports only what changed).
const DEMO_CREDENTIALS_SAVED = Date.parse('2026-01-01T00:00:00Z');

/**
 * `credentials` as saved one minute apart in the order given. n8n's editor gives a node without a
 * credential the most recently updated one of its type, so the one a new node should get comes last.
 */
function savedInOrder(credentials) {
	return credentials.map((credential, index) => {
		const savedAt = new Date(DEMO_CREDENTIALS_SAVED + index * 60000).toISOString();
		return { ...credential, createdAt: savedAt, updatedAt: savedAt };
	});
}

/** The demo's credentials: a new SIEM Event node gets TAP's (saved last), not the Essentials Threat API's. */
const demoCredentials = (sb) => savedInOrder([essentialsThreatCredential(sb), ...importableCredentials(sb)]);

/** A node's credentials entry: the sandbox credential of `type`, or (`{id, name}`) another imported one. */
const credentialRef = (type, { id = CREDENTIAL_IDS[type], name = CREDENTIAL_NAMES[type] } = {}) => ({ [type]: { id, name } });

function readExample(file) {
	return JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'examples', file), 'utf8'));
}


/**
 * beforeAll/afterAll for one n8n per test file: a user folder with the package, a sandbox, the
 * credentials, and `n8n start` logged in as the owner. `context.run(workflow)` saves the workflow
 * and runs it as the editor's Execute Workflow does (REST, manual mode), then reads the execution
 * n8n stored: {run, error, output(node), nodeError(node), log} (`log`: what n8n printed meanwhile).
 */
function useRealN8n(sandboxOptions = {}) {
	const context = {};
	const saved = new Map(); // workflow id → the JSON saved under it
	let copies = 0;
	beforeAll(async () => {
		context.n8n = runtime.prepareN8n();
		context.tarball = runtime.packPackage();
		context.userFolder = runtime.newUserFolder(context.tarball);
		context.sb = await startSandbox(sandboxOptions);
		await runtime.importCredentials(context.n8n, context.userFolder, [...importableCredentials(context.sb), essentialsThreatCredential(context.sb)]);
		context.server = await runtime.startN8n(context.n8n, context.userFolder);
		context.cookie = await runtime.ownerSession(context.server.url);
	}, 600000); // a cold n8n install (no cache yet) takes about five minutes
	afterAll(async () => {
		await context.server?.stop();
		await context.sb?.close();
		if (context.userFolder) fs.rmSync(context.userFolder, { recursive: true, force: true });
		if (context.tarball) fs.rmSync(path.dirname(context.tarball), { recursive: true, force: true });
	});

	const rest = async (method, route, body) => {
		const response = await runtime.rest(context.server.url, context.cookie, method, route, body);
		if (response.status !== 200) {
			throw new Error(`${method} /rest${route} answered ${response.status}: ${response.text.slice(0, 1000)}\n\n${saidSince(0)}`);
		}
		return response.json.data;
	};
	const saidSince = (offset) => `n8n's log meanwhile:\n${barred(tail(context.server.logs().slice(offset)) || '(empty)')}`;

	/** Saves the workflow in n8n as the editor does; returns it as n8n stored it. The same JSON again is the same workflow. */
	context.importWorkflow = async (workflow) => {
		const json = JSON.stringify(workflow);
		const already = [...saved].find(([, body]) => body === json);
		if (already) return { id: already[0] };
		// Another workflow under an id already used (a test changed it): saved under a fresh id.
		const id = saved.has(workflow.id) ? `${workflow.id.slice(0, 12)}c${(copies += 1)}` : workflow.id;
		const { active: _active, ...fields } = workflow;
		const stored = await rest('POST', '/workflows', { ...fields, id });
		saved.set(stored.id, json);
		return stored;
	};

	/** Waits until the execution's status is one of `until` (by default: it ended), then reads what n8n stored. */
	context.awaitExecution = async (executionId, { until = runtime.FINISHED, logOffset = 0, what = `execution ${executionId}` } = {}) => {
		let execution;
		const reached = async () => {
			execution = await rest('GET', `/executions/${executionId}`);
			return until.has(execution.status);
		};
		try {
			await runtime.waitFor(reached, { timeoutMs: 120000, what: `${what} to be ${[...until].join(' or ')}` });
		} catch (error) {
			throw new Error(`${error.message} (it was ${execution?.status ?? 'not readable'})\n\n${saidSince(logOffset)}`);
		}
		const { data } = runtime.decodeExecution(execution, context.n8n);
		const runData = data.resultData?.runData ?? {};
		return {
			run: { id: executionId, status: execution.status, mode: execution.mode, data },
			error: data.resultData?.error,
			output: (node, index = 0) => runData[node]?.[0]?.data?.main?.[index] ?? [],
			nodeError: (node) => runData[node]?.[0]?.error,
			log: context.server.logs().slice(logOffset),
		};
	};

	/** Saves and runs the workflow from its Manual Trigger; resolves once the execution ended (or reached a status of `until`). */
	context.run = async (workflow, { until } = {}) => {
		const { id } = await context.importWorkflow(workflow);
		const trigger = workflow.nodes.find((node) => node.type === 'n8n-nodes-base.manualTrigger');
		const logOffset = context.server.logs().length;
		const { executionId } = await rest('POST', `/workflows/${id}/run`, { triggerToStartFrom: { name: trigger.name } });
		return await context.awaitExecution(executionId, { until, logOffset, what: `execution ${executionId} of ${id}` });
	};
	return context;
}

let counter = 0;

/** A Manual Trigger named Start, followed by `node`. */
function triggeredWorkflow(name, node) {
	counter += 1;
	return {
		id: `ppE2e${String(counter).padStart(3, '0')}${name.replace(/[^A-Za-z]/g, '').slice(0, 10)}`,
		name: `e2e: ${name}`,
		nodes: [
			{ id: 't', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{ position: [220, 0], ...node },
		],
		connections: { Start: { main: [[{ node: node.name, type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
		active: false,
	};
}

/** A Manual Trigger followed by one Proofpoint node with the given parameters. */
function oneNodeWorkflow(name, parameters, { credentialType = 'proofpointEssentialsApi', credential, settings = {} } = {}) {
	return triggeredWorkflow(name, {
		id: 'p',
		name: 'Proofpoint',
		type: runtime.NODE_TYPE,
		typeVersion: 1,
		parameters,
		credentials: credentialRef(credentialType, credential),
		...settings,
	});
}

module.exports = {
	useRealN8n,
	oneNodeWorkflow,
	triggeredWorkflow,
	readExample,
	importableCredentials,
	essentialsThreatCredential,
	demoCredentials,
	savedInOrder,
	credentialRef,
	CREDENTIAL_IDS,
	ESSENTIALS_THREAT_CREDENTIAL,
	runtime,
};
