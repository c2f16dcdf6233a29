// The layers of the nodes point one way, checked on the built files:
// node classes → actions (the Proofpoint node's operations) → parameters → transport → helpers.
// The trigger and the editor's list searches sit beside actions and use the layers below it.
const fs = require('node:fs');
const path = require('node:path');

const os = require('node:os');

const built = path.join(__dirname, '..', 'dist', 'nodes');

/** Where a built file or a module it requires lives: a layer folder of the Proofpoint node, the trigger, or a package. */
function layerOf(nodes, absolute) {
	const relative = path.relative(nodes, absolute).split(path.sep);
	if (relative[0] === 'ProofpointTrigger') return 'trigger';
	if (relative[0] !== 'Proofpoint') return 'outside';
	return relative.length > 2 ? relative[1] : 'node';
}

/** Every built file of a layer with the layers (or packages) it requires. */
function requiresOf(nodes, folder) {
	const root = path.join(nodes, folder);
	return fs
		.readdirSync(root, { recursive: true })
		.filter((file) => file.endsWith('.js'))
		.map((file) => {
			const absolute = path.join(root, file);
			const source = fs.readFileSync(absolute, 'utf8');
			const layers = [...source.matchAll(/require\("([^"]+)"\)/g)].map(([, name]) =>
				name.startsWith('.') ? layerOf(nodes, path.resolve(path.dirname(absolute), name)) : `package ${name}`,
			);
			return { file: path.relative(nodes, absolute), layers: [...new Set(layers)] };
		});
}

function offending(folder, allowed, nodes = built) {
	return requiresOf(nodes, folder)
		.map(({ file, layers }) => ({ file, refused: layers.filter((layer) => !allowed.includes(layer)) }))
		.filter(({ refused }) => refused.length > 0);
}

test('helpers are pure decisions: they load nothing of n8n, no transport and no parameters', () => {
	expect(offending('Proofpoint/helpers', ['helpers'])).toEqual([]);
});

test('the transport sends requests: it never reads node parameters nor knows operations', () => {
	expect(offending('Proofpoint/transport', ['transport', 'helpers', 'package n8n-workflow'])).toEqual([]);
});

test('parameters define and read fields: they never reach up into operations', () => {
	expect(offending('Proofpoint/parameters', ['parameters', 'transport', 'helpers', 'package n8n-workflow'])).toEqual([]);
});

test("the trigger and the editor's list searches share parameters and transport, never the node's operations", () => {
	const below = ['parameters', 'transport', 'helpers', 'package n8n-workflow'];
	expect(offending('ProofpointTrigger', ['trigger', ...below])).toEqual([]);
	expect(offending('Proofpoint/methods', ['methods', ...below])).toEqual([]);
});

test('the check sees a layer break: a trigger file requiring an action is reported', () => {
	const nodes = fs.mkdtempSync(path.join(os.tmpdir(), 'pp-layers-'));
	fs.mkdirSync(path.join(nodes, 'ProofpointTrigger'));
	fs.writeFileSync(path.join(nodes, 'ProofpointTrigger', 'poll.js'), 'require("../Proofpoint/actions/router");\nrequire("../Proofpoint/transport/request");\n');
	fs.mkdirSync(path.join(nodes, 'Proofpoint', 'helpers'), { recursive: true });
	fs.writeFileSync(path.join(nodes, 'Proofpoint', 'helpers', 'urls.js'), 'require("./validate");\nrequire("../transport/request");\n');
	try {
		expect(offending('ProofpointTrigger', ['trigger', 'transport'], nodes)).toEqual([{ file: path.join('ProofpointTrigger', 'poll.js'), refused: ['actions'] }]);
		expect(offending('Proofpoint/helpers', ['helpers'], nodes)).toEqual([{ file: path.join('Proofpoint', 'helpers', 'urls.js'), refused: ['transport'] }]);
	} finally {
		fs.rmSync(nodes, { recursive: true, force: true });
	}
});
