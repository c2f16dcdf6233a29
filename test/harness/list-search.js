// Calls one of the node's `methods.listSearch` as the editor does when a picker opens or is
// searched: through n8n-core's LoadOptionsContext, with the parameters the panel holds so far.
const { n8n } = require('./n8n');
const { CredentialsHelper } = require('./credentials');
const { nodeTypesFor, credentialTypesFor } = require('./types');
const { toPlainError } = require('./errors');

const NODE_TYPE = 'n8n-nodes-proofpoint.proofpoint';

/** Resolves with {results, paginationToken} or {error}. */
async function searchList(method, { parameters = {}, credentials, filter, paginationToken, path = 'parameters.domain' } = {}) {
	const { Workflow } = n8n().workflow;
	const { LoadOptionsContext } = n8n().core;
	const nodeTypes = nodeTypesFor();
	const node = {
		id: 'harness-picker',
		name: 'Proofpoint',
		type: NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: structuredClone(parameters),
		credentials: Object.fromEntries(Object.keys(credentials).map((name) => [name, { id: `harness-${name}`, name }])),
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	const additionalData = {
		credentialsHelper: new CredentialsHelper(() => credentialTypesFor(), credentials),
		currentNodeParameters: workflow.getNode(node.name).parameters,
		variables: {},
		restApiUrl: 'http://localhost:5678/rest',
		instanceBaseUrl: 'http://localhost:5678/',
	};
	const context = new LoadOptionsContext(workflow, workflow.getNode(node.name), additionalData, path);
	const search = nodeTypes.getByName(NODE_TYPE).methods.listSearch[method];
	try {
		return await search.call(context, filter, paginationToken);
	} catch (error) {
		return { error: toPlainError(error) };
	}
}

module.exports = { searchList };
