// Runs workflows through n8n-core's WorkflowExecute, the engine n8n itself uses, with the
// harness's registries and credentials helper standing in for n8n's CLI.
const { n8n } = require('./n8n');
const { toPlainError } = require('./errors');
const { CredentialsHelper } = require('./credentials');
const { nodeTypesFor, credentialTypesFor } = require('./types');
const { loadPackageTypes } = require('./package-types');
const { START_NODE_TYPE, START_TYPES } = require('./builtin-nodes');

const BASE_URL = 'http://localhost:5678';
let executionCount = 0;

function unavailable(what) {
	return async () => {
		throw new Error(`${what} is not available in the test harness`);
	};
}

function buildAdditionalData({ credentialsHelper, hooks, executionId }) {
	return {
		credentialsHelper,
		hooks,
		executionId,
		currentNodeExecutionIndex: 0,
		variables: {},
		restApiUrl: `${BASE_URL}/rest`,
		instanceBaseUrl: `${BASE_URL}/`,
		formBaseUrl: `${BASE_URL}/form`,
		formWaitingBaseUrl: `${BASE_URL}/form-waiting`,
		formTestBaseUrl: `${BASE_URL}/form-test`,
		webhookBaseUrl: `${BASE_URL}/webhook`,
		webhookWaitingBaseUrl: `${BASE_URL}/webhook-waiting`,
		webhookTestBaseUrl: `${BASE_URL}/webhook-test`,
		mcpBaseUrl: `${BASE_URL}/mcp`,
		mcpTestBaseUrl: `${BASE_URL}/mcp-test`,
		executeWorkflow: unavailable('Executing a sub-workflow'),
		startRunnerTask: unavailable('The Code node task runner'),
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		logAiEvent() {},
		setExecutionStatus() {},
		sendDataToUI() {},
	};
}

/** The node types and credential types a run uses: the overrides given, else the package's. */
function registries({ nodeTypes, credentialTypes }) {
	return {
		nodeTypes: nodeTypesFor(nodeTypes),
		// Only looked up when a node asks for credentials, so runs without any need no dist/.
		credentialTypes: () => credentialTypesFor(credentialTypes),
	};
}

function credentialReference(typeName) {
	return { id: `harness-${typeName}`, name: `${typeName} (test harness)` };
}

/** Nodes that declare a credential type the harness has data for but no reference to it get one. */
function referenceGivenCredentials(nodes, nodeTypes, credentials) {
	for (const node of nodes) {
		const declared = nodeTypes.getByNameAndVersion(node.type, node.typeVersion).description.credentials ?? [];
		for (const { name } of declared) {
			if (credentials[name] === undefined || node.credentials?.[name]) continue;
			node.credentials = { ...node.credentials, [name]: credentialReference(name) };
		}
	}
}

function inputItems(input) {
	return (input ?? [{ json: {} }]).map((item) => ({ ...item, json: item.json ?? {} }));
}

/**
 * Executes `nodes` (fresh copies: Workflow fills defaults into them) from `startNodeName`,
 * which gets `input` as its items. Resolves with n8n's status, run data and error.
 */
async function execute({ name, nodes, connections, settings, startNodeName, input, credentials = {}, types }) {
	const { Workflow, createRunExecutionData } = n8n().workflow;
	const { WorkflowExecute, ExecutionLifecycleHooks } = n8n().core;

	const credentialsHelper = new CredentialsHelper(types.credentialTypes, credentials);

	const workflowNodes = structuredClone(nodes);
	referenceGivenCredentials(workflowNodes, types.nodeTypes, credentials);

	executionCount += 1;
	const executionId = `harness-${executionCount}`;
	const workflowData = {
		id: `harness-workflow-${executionCount}`,
		name: name ?? 'Harness workflow',
		active: false,
		nodes: workflowNodes,
		connections,
		settings: { executionOrder: 'v1', ...settings },
	};
	const workflow = new Workflow({ ...workflowData, nodeTypes: types.nodeTypes });

	const startNode = workflow.getNode(startNodeName);
	const hooks = new ExecutionLifecycleHooks('manual', executionId, workflowData);
	const additionalData = buildAdditionalData({ credentialsHelper, hooks, executionId });
	const runExecutionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [{ node: startNode, data: { main: [inputItems(input)] }, source: null }],
		},
	});

	const run = await new WorkflowExecute(additionalData, 'manual', runExecutionData).processRunExecutionData(workflow);
	const { runData, error } = run.data.resultData;
	// n8n's own status ('running' when a run broke down outside any node), but never 'success' with an error.
	const status = error && run.status === 'success' ? 'error' : run.status;
	return { status, error: toPlainError(error), runData };
}

function mainOutputs(runData, nodeName, runIndex = 0) {
	return runData[nodeName]?.[runIndex]?.data?.main ?? [];
}

function defaultVersion(nodeType) {
	const { description } = nodeType;
	if (description.defaultVersion !== undefined) return description.defaultVersion;
	return Array.isArray(description.version) ? Math.max(...description.version) : (description.version ?? 1);
}

/** The node type runNode runs: the one asked for, else the only one that runs on input items (triggers are polled, not run). */
function nodeTypeUnderTest(requested, typeMap) {
	if (requested) return requested;
	const runsOnItems = (type) => typeof (type.prototype ?? type).execute === 'function';
	const names = Object.keys(typeMap).filter((name) => runsOnItems(typeMap[name]) || Object.keys(typeMap).length === 1);
	if (names.length !== 1) {
		throw new Error(`Pass \`nodeType\` to runNode: the harness has several node types (${Object.keys(typeMap).join(', ')})`);
	}
	return names[0];
}

/**
 * Runs one node once, fed `input` by a pass-through start node, as n8n runs it in a workflow.
 */
async function runNode({
	parameters = {},
	credentials = {},
	input,
	onError = 'stopWorkflow',
	nodeTypes,
	credentialTypes,
	nodeType,
	typeVersion,
	name,
	settings,
} = {}) {
	const types = registries({ nodeTypes, credentialTypes });
	const typeName = nodeTypeUnderTest(nodeType, nodeTypes ?? loadPackageTypes().nodeTypes);
	const type = types.nodeTypes.getByName(typeName);
	const nodeName = name ?? type.description.defaults?.name ?? type.description.displayName;

	const start = {
		id: 'harness-start',
		name: 'Start',
		type: START_NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const underTest = {
		id: 'harness-node-under-test',
		name: nodeName,
		type: typeName,
		typeVersion: typeVersion ?? defaultVersion(type),
		position: [200, 0],
		parameters,
		onError,
		credentials: Object.fromEntries(Object.keys(credentials).map((typeName) => [typeName, credentialReference(typeName)])),
	};
	const connections = { [start.name]: { main: [[{ node: nodeName, type: 'main', index: 0 }]] } };

	const result = await execute({
		nodes: [start, underTest],
		connections,
		settings,
		startNodeName: start.name,
		input,
		credentials,
		types,
	});
	const outputs = mainOutputs(result.runData, nodeName);
	const nodeError = result.runData[nodeName]?.[0]?.error;
	return {
		status: result.status,
		items: outputs[0] ?? [],
		outputs,
		error: nodeError ? toPlainError(nodeError) : result.error,
		runData: result.runData,
	};
}

/**
 * Runs an exported workflow (`{ nodes, connections }`) from its start node: the harness's
 * start node or a Manual Trigger, which emits `input` (default: one empty item).
 */
async function runWorkflow(workflowJson, { credentials = {}, input, nodeTypes, credentialTypes } = {}) {
	const { nodes, connections = {}, settings, name } = workflowJson;
	const start = nodes.find((node) => START_TYPES.includes(node.type));
	if (!start) {
		throw new Error(`The workflow needs a start node of type ${START_TYPES.join(' or ')}`);
	}

	const result = await execute({
		name,
		nodes,
		connections,
		settings,
		startNodeName: start.name,
		input,
		credentials,
		types: registries({ nodeTypes, credentialTypes }),
	});
	return {
		...result,
		output(nodeName, outputIndex = 0, runIndex = 0) {
			if (!result.runData[nodeName]?.[runIndex]) {
				const ran = Object.keys(result.runData).join(', ') || 'none';
				throw new Error(`Node "${nodeName}" has no run ${runIndex} (nodes that ran: ${ran})`);
			}
			return mainOutputs(result.runData, nodeName, runIndex)[outputIndex] ?? [];
		},
	};
}

module.exports = { runNode, runWorkflow };
