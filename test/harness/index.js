// In-process workflow harness: runs nodes and workflows through real n8n-core, in the
// spirit of n8n's own NodeTestHarness. Needs the environment from test/setup/n8n-env.js.
const { runNode, runWorkflow } = require('./run');
const { testCredential } = require('./credential-test');
const { activeTrigger, TRIGGER_TYPE } = require('./poll');
const { searchList } = require('./list-search');
const { loadPackageTypes } = require('./package-types');
const { START_NODE_TYPE, MANUAL_TRIGGER_TYPE, NO_OP_TYPE } = require('./builtin-nodes');

module.exports = {
	runNode,
	runWorkflow,
	testCredential,
	activeTrigger,
	searchList,
	TRIGGER_TYPE,
	loadPackageTypes,
	START_NODE_TYPE,
	MANUAL_TRIGGER_TYPE,
	NO_OP_TYPE,
};
