// `npm test`: every test, in two jest runs. While the in-process tests run, what the end-to-end tests
// need (the pinned n8n, Debian's Chromium and Redis) is installed or found in the cache; then the
// end-to-end tests run against it. Arguments after `npm test --` go to both runs (e.g. -t pattern).
const { spawn } = require('node:child_process');
const path = require('node:path');

const root = path.join(__dirname, '..');
const jestBin = require.resolve('jest/bin/jest');
const passThrough = process.argv.slice(2);
const E2E_WORKERS = Math.max(3, require('node:os').availableParallelism());

const seconds = (since) => `${Math.round((Date.now() - since) / 1000)} s`;

/**
 * Runs a command; resolves with its exit code. With `held`, what it prints is kept back until
 * `held.release()` (then printed, and what follows printed as it comes).
 */
function run(command, args, held) {
	return new Promise((resolve) => {
		const child = spawn(command, args, { cwd: root, stdio: held ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
		if (held) {
			child.stdout.on('data', held.write);
			child.stderr.on('data', held.write);
		}
		child.on('error', (error) => {
			held?.write(`${error.message}\n`);
			resolve({ code: 1 });
		});
		child.on('close', (code, signal) => resolve({ code: code ?? 1, signal }));
	});
}

/** Output kept back while another command reports, then let through. */
function heldOutput() {
	let kept = [];
	return {
		write: (chunk) => (kept ? kept.push(chunk) : process.stderr.write(chunk)),
		release: () => {
			for (const chunk of kept) process.stderr.write(chunk);
			kept = undefined;
		},
	};
}

async function main() {
	const started = Date.now();
	// Its progress is printed when the in-process tests are done, not in the middle of their report.
	const held = heldOutput();
	let prepareTook;
	const preparing = run('bash', [path.join(__dirname, 'prepare-test-env.sh')], held).then((result) => {
		prepareTook = seconds(started);
		return result;
	});

	const unitStarted = Date.now();
	const unit = await run(process.execPath, [jestBin, '--testPathIgnorePatterns', 'test/e2e', ...passThrough]);
	const unitTook = seconds(unitStarted);

	if (prepareTook === undefined) console.error('[test] in-process tests done; waiting for n8n, Chromium and Redis (the first time, about 5 minutes):');
	held.release();
	const prepared = await preparing;
	if (prepared.code !== 0) {
		console.error(`[test] preparing the end-to-end tests failed (exit ${prepared.code}) after ${prepareTook}; they did not run.`);
		console.error(`[test] in-process tests: ${unit.code === 0 ? 'passed' : 'FAILED'} in ${unitTook}`);
		return 1;
	}

	const e2eStarted = Date.now();
	// One worker more than jest's default: the real-n8n trigger test spends minutes waiting for n8n's
	// minute-by-minute polls, and the other end-to-end files run beside it meanwhile.
	const e2e = await run(process.execPath, [jestBin, 'test/e2e', `--maxWorkers=${E2E_WORKERS}`, ...passThrough]);
	const e2eTook = seconds(e2eStarted);

	console.log(`[test] in-process tests ${unit.code === 0 ? 'passed' : 'FAILED'} in ${unitTook}; n8n, Chromium and Redis ready after ${prepareTook}; end-to-end tests ${e2e.code === 0 ? 'passed' : 'FAILED'} in ${e2eTook}; ${seconds(started)} in all`);
	return unit.code === 0 && e2e.code === 0 ? 0 : 1;
}

main().then(
	(code) => process.exit(code),
	(error) => {
		console.error(error);
		process.exit(1);
	},
);
