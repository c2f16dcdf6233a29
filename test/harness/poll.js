// Polls a trigger node through n8n-core's own PollContext, keeping its static data the way n8n
// 2.41 does (docs/api-facts.md#n8n-poll-state): one in-memory object per
// activation that every poll of it sees, written to the "database" at activation and when a poll
// emits, never after a poll that returns null or throws. A restart rebuilds the workflow from
// what was saved. `durable: true` models the opt-in durable scheduler instead: the state is a
// copy per poll, committed after every poll that does not throw.
const { n8n } = require('./n8n');
const { CredentialsHelper } = require('./credentials');
const { nodeTypesFor, credentialTypesFor } = require('./types');
const { loadPackageTypes } = require('./package-types');
const { toPlainError } = require('./errors');

const TRIGGER_TYPE = 'n8n-nodes-proofpoint.proofpointTrigger';
const NODE_NAME = 'Proofpoint Trigger';

function additionalDataFor(credentialsHelper) {
	return {
		credentialsHelper,
		variables: {},
		restApiUrl: 'http://localhost:5678/rest',
		instanceBaseUrl: 'http://localhost:5678/',
		webhookBaseUrl: 'http://localhost:5678/webhook',
		webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
		webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
		formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
		getRunExecutionData: async () => undefined,
		logAiEvent() {},
		setExecutionStatus() {},
		sendDataToUI() {},
	};
}

/**
 * An active trigger. `poll()` runs one poll ({items, error, status}); `restart()` is n8n stopping
 * and starting again (the next poll is the activation's); `saved()` is what the database holds.
 */
function activeTrigger({ parameters: initialParameters = {}, typeVersion = 1, credentials, durable = false, budgetMs, nodeTypes, credentialTypes, logger, saved } = {}) {
	const { Workflow } = n8n().workflow;
	const { PollContext } = n8n().core;
	const types = nodeTypesFor(nodeTypes);
	const credentialsHelper = new CredentialsHelper(() => credentialTypesFor(credentialTypes), credentials);
	const typeName = nodeTypes ? Object.keys(nodeTypes)[0] : TRIGGER_TYPE;
	const key = `node:${NODE_NAME}`;
	let parameters = initialParameters;
	// `saved`: the state the database already holds for the trigger, as if an earlier activation had saved it.
	let database = saved ? { [key]: saved } : {};
	let workflow;
	let polls = 0;
	let firstOfActivation = true;
	let lastSnapshot;

	function activate() {
		const node = {
			id: 'harness-trigger',
			name: NODE_NAME,
			type: typeName,
			typeVersion,
			position: [0, 0],
			parameters: structuredClone(parameters),
			credentials: Object.fromEntries(Object.keys(credentials).map((name) => [name, { id: `harness-${name}`, name }])),
		};
		workflow = new Workflow({
			id: 'harness-trigger-workflow',
			name: 'Trigger harness',
			nodes: [node],
			connections: {},
			active: true,
			nodeTypes: types,
			staticData: asJson(database),
			settings: { executionOrder: 'v1' },
		});
		firstOfActivation = true;
	}

	// n8n stores static data as JSON; its in-memory object is an observable proxy that only JSON copies.
	const asJson = (value) => JSON.parse(JSON.stringify(value ?? {}));
	const save = () => {
		database = { [key]: asJson(workflow.staticData[key]) };
	};

	async function poll({ mode = 'trigger', activation = 'init' } = {}) {
		const node = workflow.getNode(NODE_NAME);
		const type = types.getByNameAndVersion(node.type, node.typeVersion);
		// The durable scheduler hands each poll a copy of the committed cursor; a manual run starts from the saved copy.
		const copied = durable || mode === 'manual';
		const snapshot = copied ? asJson(database[key]) : undefined;
		const resolveStaticData = copied ? () => snapshot : undefined;
		if (durable && mode !== 'manual') lastSnapshot = snapshot;
		const context = new PollContext(workflow, node, additionalDataFor(credentialsHelper), mode, activation, undefined, undefined, undefined, undefined, resolveStaticData, budgetMs === undefined ? undefined : () => budgetMs);
		// n8n-core's logger is a getter on the context's prototype: an own property takes its place.
		if (logger) Object.defineProperty(context, 'logger', { value: logger });
		polls += 1;
		const atActivation = firstOfActivation;
		firstOfActivation = false;
		let result;
		try {
			const output = await type.poll.call(context);
			result = { status: 'success', items: output?.[0] ?? [], emitted: output !== null };
		} catch (error) {
			result = { status: 'error', items: [], emitted: false, error: toPlainError(error) };
		}
		if (mode !== 'manual') {
			if (durable) {
				if (result.status === 'success') database = { [key]: asJson(snapshot) };
			} else if (atActivation || result.emitted) {
				save();
			}
		}
		return result;
	}

	activate();
	return {
		poll,
		// `parameters`: the workflow republished with these node parameters (n8n then reactivates it from what was saved).
		restart: (changed) => {
			if (changed) parameters = changed;
			activate();
		},
		saved: () => asJson(database[key]),
		// What the trigger holds now: the workflow's object, or under the durable scheduler the last poll's copy.
		inMemory: () => asJson(durable ? lastSnapshot : workflow.staticData[key]),
		polls: () => polls,
		loadPackage: loadPackageTypes,
	};
}

module.exports = { activeTrigger, TRIGGER_TYPE };
