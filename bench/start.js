// `npm start`, measured as a user meets it: the time from the command to its banner on a fresh
// demo folder (build, pack, imports, n8n's first boot) and again on the same folder (nothing to
// rebuild or import), each ended with Ctrl-C (SIGINT), after which nothing it started may be left.
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { freePort, processGroupAlive: groupAlive } = require('../scripts/n8n-runtime');

const root = path.join(__dirname, '..');
const BANNER = /n8n with the Proofpoint node is running/;

/** One `npm start` until its banner, then Ctrl-C: {bannerMs, steps (what it printed before the banner), stopMs, leftRunning}. */
async function oneStart(demoFolder, ports) {
	const { NODE_ENV: _test, JEST_WORKER_ID: _worker, N8N_USER_FOLDER: _bench, N8N_LOG_LEVEL: _silent, ...inherited } = process.env;
	const started = performance.now();
	const child = spawn('node', [path.join(root, 'scripts', 'start.js')], {
		env: { ...inherited, N8N_PROOFPOINT_DEMO_FOLDER: demoFolder, N8N_PORT: String(ports.n8n), SANDBOX_PORT: String(ports.sandbox) },
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true,
	});
	let output = '';
	const exited = new Promise((resolve) => child.once('exit', resolve));
	const bannerMs = await new Promise((resolve, reject) => {
		const read = (chunk) => {
			output += chunk;
			if (BANNER.test(output)) resolve(performance.now() - started);
		};
		child.stdout.on('data', read);
		child.stderr.on('data', read);
		exited.then((code) => reject(new Error(`npm start exited (${code}) before its banner:\n${output.slice(-3000)}`)));
	});
	const steps = output
		.split('\n')
		.filter((line) => line.startsWith('[start]'))
		.map((line) => line.slice('[start] '.length));
	const stopping = performance.now();
	process.kill(child.pid, 'SIGINT');
	const code = await exited;
	const stopMs = performance.now() - stopping;
	await new Promise((resolve) => setTimeout(resolve, 500));
	return { bannerMs: Math.round(bannerMs), stopMs: Math.round(stopMs), exitCode: code, steps, leftRunning: groupAlive(child.pid) };
}

async function startBenchmark() {
	const demoFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'pp-bench-start-'));
	try {
		const ports = { n8n: await freePort(), sandbox: await freePort() };
		const first = await oneStart(demoFolder, ports);
		const second = await oneStart(demoFolder, ports);
		const imports = (run) => run.steps.filter((step) => step.startsWith('importing')).length;
		return {
			first: { ...first, imports: imports(first), rebuilt: first.steps.some((step) => step.startsWith('building')) },
			second: { ...second, imports: imports(second), rebuilt: second.steps.some((step) => step.startsWith('building')) },
			goals: {
				'a second npm start neither rebuilds nor imports': !second.steps.some((step) => step.startsWith('building')) && imports(second) === 0,
				'Ctrl-C leaves nothing running': !first.leftRunning && !second.leftRunning,
			},
		};
	} finally {
		fs.rmSync(demoFolder, { recursive: true, force: true });
	}
}

module.exports = { startBenchmark };

if (require.main === module) {
	startBenchmark().then((result) => console.log(JSON.stringify(result, null, 2)));
}
