/**
 * Build checks run after `n8n-node build` (gulp-compatible task functions; `node gulpfile.js` runs them all).
 * They catch what makes n8n fail to load a community package: a path in package.json's `n8n`
 * block missing from dist/, an icon a node or credential points at that was not copied, or a
 * codex file that did not reach dist/.
 */
const fs = require('node:fs');
const path = require('node:path');

const root = __dirname;
const pkg = require('./package.json');

function requireBuilt(relative) {
	const file = path.join(root, relative);
	if (!fs.existsSync(file)) throw new Error(`${relative} is listed in package.json but was not built`);
	return require(file);
}

function checkIcon(owner, fileDir, icon) {
	const icons = typeof icon === 'string' ? [icon] : Object.values(icon ?? {});
	if (icons.length === 0) throw new Error(`${owner} has no icon`);
	for (const entry of icons) {
		const target = path.resolve(fileDir, entry.replace(/^file:/, ''));
		if (!fs.existsSync(target)) throw new Error(`${owner} points at icon ${entry}, missing at ${path.relative(root, target)}`);
	}
}

function forEachBuiltClass(list, visit) {
	for (const relative of list) {
		const exported = requireBuilt(relative);
		for (const Class of Object.values(exported)) {
			if (typeof Class === 'function') visit(new Class(), path.dirname(path.join(root, relative)), relative);
		}
	}
}

async function checkNodes() {
	forEachBuiltClass(pkg.n8n.nodes, (node, dir, relative) => {
		checkIcon(`Node ${node.description.name}`, dir, node.description.icon);
		const codex = relative.replace(/\.js$/, '.json');
		if (!fs.existsSync(path.join(root, codex))) throw new Error(`codex file ${codex} was not copied to dist`);
	});
}

async function checkCredentials() {
	forEachBuiltClass(pkg.n8n.credentials, (credential, dir) => {
		checkIcon(`Credential ${credential.name}`, dir, credential.icon);
	});
}

async function checkEntry() {
	const entry = require('./index.js');
	const names = Object.keys(entry).sort().join(', ');
	const expected = ['Proofpoint', 'ProofpointTrigger', ...pkg.n8n.credentials.map((file) => path.basename(file, '.credentials.js'))];
	const missing = expected.filter((name) => !entry[name]);
	if (missing.length) throw new Error(`index.js exports ${names}; it lacks ${missing.join(', ')} (both nodes and every credential of package.json)`);
}

const checkBuild = async () => {
	await checkNodes();
	await checkCredentials();
	await checkEntry();
};

module.exports = { checkNodes, checkCredentials, checkEntry, default: checkBuild };

if (require.main === module) {
	checkBuild().then(
		() => console.log('build checks: nodes, credentials, icons, codex files and index.js are in place'),
		(error) => {
			console.error(`build check failed: ${error.message}`);
			process.exit(1);
		},
	);
}
