// Loads the package's compiled node and credential classes from dist/, the way n8n finds
// them: through the `n8n` section of package.json.
const fs = require('node:fs');
const path = require('node:path');

const REPO_ROOT = path.resolve(__dirname, '..', '..');

let loaded;

function exportedClass(file) {
	const moduleExports = require(file);
	const expectedName = path.basename(file).split('.')[0];
	const found = moduleExports[expectedName];
	if (typeof found !== 'function') {
		// n8n itself fails this way ("Class could not be found"), so the harness does too.
		throw new Error(`${path.relative(REPO_ROOT, file)} does not export a class named "${expectedName}"`);
	}
	return found;
}

function compiledFile(relativePath) {
	const file = path.join(REPO_ROOT, relativePath);
	if (!fs.existsSync(file)) {
		throw new Error(`${relativePath} not found: run \`npm run build\` before the tests that use the package's node and credentials`);
	}
	return file;
}

/**
 * Returns the package's types as n8n would register them:
 * `{ packageName, nodeTypes: { 'n8n-nodes-proofpoint.proofpoint': instance }, credentialTypes: { name: instance } }`.
 */
function loadPackageTypes() {
	if (loaded) return loaded;

	const packageJson = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
	const { nodes = [], credentials = [] } = packageJson.n8n ?? {};

	const nodeTypes = {};
	for (const relativePath of nodes) {
		const NodeClass = exportedClass(compiledFile(relativePath));
		const nodeType = new NodeClass();
		nodeTypes[`${packageJson.name}.${nodeType.description.name}`] = nodeType;
	}

	const credentialTypes = {};
	for (const relativePath of credentials) {
		const CredentialClass = exportedClass(compiledFile(relativePath));
		const credentialType = new CredentialClass();
		credentialTypes[credentialType.name] = credentialType;
	}

	loaded = { packageName: packageJson.name, nodeTypes, credentialTypes };
	return loaded;
}

module.exports = { loadPackageTypes, REPO_ROOT };
