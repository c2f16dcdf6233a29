// n8n's verified-node review runs @n8n/scan-community-package on the attested sources and on the
// published tarball, ignoring inline disables: both legs must come back without a finding.
const { execFile } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

jest.setTimeout(180000);

const SCAN = path.join(__dirname, '..', 'scripts', 'scan-package.mjs');

function scan(dir) {
	return new Promise((resolve) => {
		const args = dir ? [SCAN, dir] : [SCAN];
		// eslint-plugin-n8n-nodes-base checks made-up file names under NODE_ENV=test (its own tests), which jest sets.
		const { NODE_ENV: _test, ...env } = process.env;
		execFile(process.execPath, args, { env, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
			resolve({ code: error ? error.code : 0, output: `${stdout}${stderr}` });
		});
	});
}

test("n8n's scanner finds nothing in the sources or in the packed tarball", async () => {
	const result = await scan();

	expect(result.output).toContain('[scan] source: passed');
	expect(result.output).toContain('[scan] tarball: passed');
	expect(result).toMatchObject({ code: 0 });
});

test('the scan fails on a finding, even one behind an inline disable', async () => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pp-scan-bad-'));
	try {
		const pkg = {
			name: 'n8n-nodes-scan-control',
			version: '0.0.1',
			license: 'MIT',
			keywords: ['n8n-community-node-package'],
			files: ['nodes'],
			n8n: { n8nNodesApiVersion: 1, nodes: ['nodes/Control/Control.node.js'], credentials: [] },
		};
		fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(pkg, null, 2));
		fs.mkdirSync(path.join(dir, 'nodes', 'Control'), { recursive: true });
		fs.writeFileSync(path.join(dir, 'nodes', 'Control', 'Control.node.js'), '// eslint-disable-next-line no-console\nconsole.log("debug");\nmodule.exports = {};\n');

		const result = await scan(dir);

		expect(result.code).toBe(1);
		expect(result.output).toContain('[scan] source: FAILED (ESLint violations found)');
		expect(result.output).toContain('[scan] tarball: FAILED (ESLint violations found)');
		expect(result.output).toMatch(/no-console/);
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
});
