// What `npm pack` ships: the paths package.json's n8n block names, and nothing that is not runtime.
const { execFileSync } = require('node:child_process');
const path = require('node:path');
const pkg = require('../package.json');

const root = path.join(__dirname, '..');
const packed = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json'], { cwd: root, encoding: 'utf8' }))[0];
const files = packed.files.map((file) => file.path);

test('every node and credential path in package.json n8n block is inside the tarball', () => {
	for (const entry of [...pkg.n8n.nodes, ...pkg.n8n.credentials]) expect(files).toContain(entry);
});

test('the tarball carries the icons, the codex file and the package entry', () => {
	expect(files).toEqual(
		expect.arrayContaining([
			'dist/nodes/Proofpoint/proofpoint.svg',
			'dist/nodes/Proofpoint/proofpoint.dark.svg',
			'dist/nodes/Proofpoint/Proofpoint.node.json',
			'index.js',
			'package.json',
		]),
	);
});

test('no tests, sandbox, benchmarks or sources ship to users', () => {
	expect(files.filter((file) => /^(test|sandbox|bench|scripts|examples)\//.test(file) || /\.ts$/.test(file) && !file.endsWith('.d.ts'))).toEqual([]);
});

test('the tarball carries what n8n loads, the README and the licence, nothing else: no screenshots, source maps or type declarations', () => {
	const loaded = (file) => /^dist\/(nodes|credentials)\/.+\.js$/.test(file) || /^dist\/nodes\/.+\.(svg|node\.json)$/.test(file);
	const documents = ['index.js', 'package.json', 'README.md', 'LICENSE'];
	expect(files).toEqual(expect.arrayContaining(['README.md', 'LICENSE']));
	expect(files.filter((file) => !loaded(file) && !documents.includes(file))).toEqual([]);
	// Three API families (Essentials, TAP, Threat Protection) in one node: about 110 KB at 0.4.0.
	expect(packed.size).toBeLessThan(150 * 1024);
});

test('the package entry exports the node and the three credential classes', () => {
	const entry = require('../index.js');
	expect(new entry.Proofpoint().description.name).toBe('proofpoint');
	expect(new entry.ProofpointEssentialsApi().name).toBe('proofpointEssentialsApi');
	expect(new entry.ProofpointTapApi().name).toBe('proofpointTapApi');
	expect(new entry.ProofpointThreatProtectionOAuth2Api().name).toBe('proofpointThreatProtectionOAuth2Api');
});

test('no runtime dependencies; n8n-workflow is the only peer', () => {
	expect(pkg.dependencies).toBeUndefined();
	expect(pkg.peerDependencies).toEqual({ 'n8n-workflow': '*' });
});

test('package-lock.json names the version package.json has, so a first npm install leaves it unchanged', () => {
	const lock = require('../package-lock.json');
	expect({ lock: lock.version, root: lock.packages[''].version }).toEqual({ lock: pkg.version, root: pkg.version });
});
