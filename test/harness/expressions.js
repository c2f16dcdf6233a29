// Expression resolution with n8n-workflow's own engine, for values that live outside a
// node's parameters: credential data and a credential type's `authenticate` and `test`.
const { n8n } = require('./n8n');
const { NO_OP_TYPE } = require('./builtin-nodes');
const { builtinNodeTypes } = require('./types');

const stagingNode = {
	id: 'harness-expression-node',
	name: 'Harness expression node',
	type: NO_OP_TYPE,
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

/** A one-node workflow whose only use is its expression engine (as n8n's CLI does). */
function expressionContext() {
	const node = { ...stagingNode, parameters: {} };
	const workflow = new (n8n().workflow.Workflow)({ nodes: [node], connections: {}, active: false, nodeTypes: builtinNodeTypes() });
	return { workflow, node };
}

function isExpression(value) {
	return typeof value === 'string' && value.startsWith('=');
}

/** Resolves every `=…` string in `value` (deeply) with `$credentials` available. */
function resolveWithCredentials({ workflow, node }, value, credentials) {
	return workflow.expression.getComplexParameterValue(node, value, 'internal', { $credentials: credentials });
}

/** Like n8n's CLI: a single `authenticate` value resolves to a string, empty when nothing came out. */
function resolveAuthValue(context, value, credentials) {
	if (!isExpression(value)) return value;
	const resolved = context.workflow.expression.getSimpleParameterValue(
		context.node,
		value,
		'internal',
		{ $credentials: credentials },
		undefined,
		'',
	);
	if (resolved === undefined || resolved === null) return '';
	return typeof resolved === 'object' ? JSON.stringify(resolved) : String(resolved);
}

module.exports = { expressionContext, resolveWithCredentials, resolveAuthValue, isExpression };
