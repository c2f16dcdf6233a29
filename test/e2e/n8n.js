// Shared setup for tests against a real n8n: the packed tarball installed as a community package
// in a fresh user folder, a sandbox, and the sandbox credentials imported under the example ids.
const fs = require('node:fs');
const path = require('node:path');
const runtime = require('../../scripts/n8n-runtime');
const { startSandbox } = require('../../sandbox');
const { sandboxCredentials, threatCredential } = require('../support');

const CREDENTIAL_IDS = { proofpointEssentialsApi: 'ppEssentialsDemo', proofpointTapApi: 'ppTapDemo' };
const CREDENTIAL_NAMES = {
	proofpointEssentialsApi: 'Proofpoint Essentials (sandbox)',
	proofpointTapApi: 'Proofpoint TAP (sandbox)',
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

/** A node's credentials entry: the sandbox credential of `type`, or (`{id, name}`) another imported one. */
const credentialRef = (type, { id = CREDENTIAL_IDS[type], name = CREDENTIAL_NAMES[type] } = {}) => ({ [type]: { id, name } });

function readExample(file) {
	return JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'examples', file), 'utf8'));
}

/** beforeAll/afterAll for one n8n user folder and one sandbox per test file. */
function useRealN8n(sandboxOptions = {}) {
	const context = {};
	beforeAll(async () => {
		context.n8n = runtime.prepareN8n();
		context.tarball = runtime.packPackage();
		context.userFolder = runtime.newUserFolder(context.tarball);
		context.sb = await startSandbox(sandboxOptions);
		await runtime.importCredentials(context.n8n, context.userFolder, [...importableCredentials(context.sb), essentialsThreatCredential(context.sb)]);
	});
	afterAll(async () => {
		await context.sb?.close();
		if (context.userFolder) fs.rmSync(context.userFolder, { recursive: true, force: true });
		if (context.tarball) fs.rmSync(path.dirname(context.tarball), { recursive: true, force: true });
	});
	context.run = async (workflow) => {
		await runtime.importWorkflow(context.n8n, context.userFolder, workflow);
		return runtime.executeWorkflow(context.n8n, context.userFolder, workflow.id);
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
	credentialRef,
	CREDENTIAL_IDS,
	ESSENTIALS_THREAT_CREDENTIAL,
	runtime,
};
