// `npm test`: every test, in two jest runs. While the in-process tests run, what the end-to-end tests
// need (the pinned n8n, Debian's Chromium and Redis) is installed or found in the cache; then the
// end-to-end tests run against it. Arguments after `npm test --` go to both runs (e.g. -t pattern).
const { spawn } = require('node:child_process');
const path = require('node:path');

const root = path.join(__dirname, '..');
const jestBin = require.resolve('jest/bin/jest');
const passThrough = process.argv.slice(2);

const seconds = (since) => `${Math.round((Date.now() - since) / 1000)} s`;

/** Runs a command; resolves with its exit code (and what it printed, when `capture`). */
function run(command, args, { capture = false } = {}) {
	return new Promise((resolve) => {
		const child = spawn(command, args, { cwd: root, stdio: capture ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
		let output = '';
		if (capture) {
			child.stdout.on('data', (chunk) => (output += chunk));
			child.stderr.on('data', (chunk) => (output += chunk));
		}
		child.on('error', (error) => resolve({ code: 1, output: `${output}${error.message}\n` }));
		child.on('close', (code, signal) => resolve({ code: code ?? 1, signal, output }));
	});
}

async function main() {
	const started = Date.now();
	// Its progress is printed when the in-process tests are done, not in the middle of their report.
	const preparing = run('bash', [path.join(__dirname, 'prepare-test-env.sh')], { capture: true }).then((result) => ({ ...result, took: seconds(started) }));

	const unitStarted = Date.now();
	const unit = await run(process.execPath, [jestBin, '--testPathIgnorePatterns', 'test/e2e', ...passThrough]);
	const unitTook = seconds(unitStarted);

	const prepared = await preparing;
	process.stderr.write(prepared.output);
	if (prepared.code !== 0) {
		console.error(`[test] preparing the end-to-end tests failed (exit ${prepared.code}) after ${prepared.took}; they did not run.`);
		console.error(`[test] in-process tests: ${unit.code === 0 ? 'passed' : 'FAILED'} in ${unitTook}`);
		return 1;
	}

	const e2eStarted = Date.now();
	const e2e = await run(process.execPath, [jestBin, 'test/e2e', ...passThrough]);
	const e2eTook = seconds(e2eStarted);

	console.log(`[test] in-process tests ${unit.code === 0 ? 'passed' : 'FAILED'} in ${unitTook}; n8n, Chromium and Redis ready after ${prepared.took}; end-to-end tests ${e2e.code === 0 ? 'passed' : 'FAILED'} in ${e2eTook}; ${seconds(started)} in all`);
	return unit.code === 0 && e2e.code === 0 ? 0 : 1;
}

main().then(
	(code) => process.exit(code),
	(error) => {
		console.error(error);
		process.exit(1);
	},
);
