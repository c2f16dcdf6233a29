// `npm start`, the README's main command, as a user runs it again and again on one machine: the
// first start imports the examples; a workflow the user renamed and changed is kept by the next
// start, which imports nothing and rebuilds nothing; `--reset-examples` puts the shipped ones back;
// n8n's log is a file the banner names; Ctrl-C leaves nothing running.
//
// The demo folder starts with the current package installed and noted as built from these sources,
// as an earlier `npm start` leaves it: a build here would rewrite dist/ while other test files pack it.
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const runtime = require('../../scripts/n8n-runtime');
const { annotate } = require('./text');

jest.setTimeout(240000);

const root = path.join(__dirname, '..', '..');
const EXAMPLE_ID = 'ppHrCsvFunctional';
const BANNER = /Ctrl-C stops everything\./;
const groupAlive = runtime.processGroupAlive;

let demoFolder;
let ports;
const running = [];

beforeAll(async () => {
	runtime.prepareN8n();
	demoFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'pp-demo-'));
	const tarball = runtime.packPackage();
	runtime.installTarball(demoFolder, tarball, runtime.sourceStamp());
	fs.rmSync(path.dirname(tarball), { recursive: true, force: true });
	ports = { n8n: await runtime.freePort(), sandbox: await runtime.freePort() };
});

afterAll(async () => {
	for (const run of running) if (groupAlive(run.group)) process.kill(-run.group, 'SIGKILL');
	if (demoFolder) fs.rmSync(demoFolder, { recursive: true, force: true });
});

/** `npm start` in a process group of its own, until its banner: {output, url, stop()} where stop() is Ctrl-C. */
async function npmStart(args = []) {
	const { NODE_ENV: _test, JEST_WORKER_ID: _worker, ...inherited } = process.env;
	const child = spawn(process.execPath, [path.join(root, 'scripts', 'start.js'), ...args], {
		env: { ...inherited, N8N_PROOFPOINT_DEMO_FOLDER: demoFolder, N8N_PORT: String(ports.n8n), SANDBOX_PORT: String(ports.sandbox) },
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true,
	});
	const run = { group: child.pid, output: '' };
	running.push(run);
	const exited = new Promise((resolve) => child.once('exit', resolve));
	await new Promise((resolve, reject) => {
		const read = (chunk) => {
			run.output += chunk;
			if (BANNER.test(run.output)) resolve();
		};
		child.stdout.on('data', read);
		child.stderr.on('data', read);
		exited.then((code) => reject(annotate(new Error(`npm start exited (${code}) before its banner`), run.output.slice(-4000))));
	});
	run.url = `http://127.0.0.1:${ports.n8n}`;
	run.stop = async () => {
		process.kill(child.pid, 'SIGINT');
		return await exited;
	};
	return run;
}

const steps = (run) => run.output.split('\n').filter((line) => line.startsWith('[start] ')).map((line) => line.slice('[start] '.length));

async function workflow(run, id) {
	const cookie = await runtime.ownerSession(run.url);
	const response = await runtime.rest(run.url, cookie, 'GET', `/workflows/${id}`);
	if (response.status !== 200) throw new Error(`GET /rest/workflows/${id} answered ${response.status}: ${response.text.slice(0, 300)}`);
	return { cookie, workflow: response.json.data };
}

test("restarts keep the user's edits to the examples, import and rebuild nothing, and --reset-examples puts the shipped ones back", async () => {
	const shipped = JSON.parse(fs.readFileSync(path.join(root, 'examples', '1-hr-csv-functional-accounts.json'), 'utf8'));
	expect(shipped.id).toBe(EXAMPLE_ID);

	// First start on this folder: the sandbox credentials and every example are imported, one n8n call each.
	const first = await npmStart();
	try {
		expect(steps(first)).toEqual(expect.arrayContaining(['importing the sandbox credentials…', 'importing the example workflows…']));
		expect(steps(first).some((step) => step.startsWith('building'))).toBe(false);
		expect(first.output).toContain(`${first.url}/workflow/${EXAMPLE_ID}`);
		expect(first.output).toContain(`n8n's log: ${path.join(demoFolder, 'n8n.log')}`);
		const { cookie, workflow: imported } = await workflow(first, EXAMPLE_ID);
		expect(imported.name).toBe(shipped.name);
		// The user renames the workflow and saves it, as in the editor.
		const renamed = await runtime.rest(first.url, cookie, 'PATCH', `/workflows/${EXAMPLE_ID}`, { name: 'Our HR offboarding', versionId: imported.versionId });
		expect(renamed.status).toBe(200);
	} finally {
		expect(await first.stop()).toBe(0);
	}
	expect(groupAlive(first.group)).toBe(false);
	// n8n's whole log is in the file the banner named.
	expect(fs.readFileSync(path.join(demoFolder, 'n8n.log'), 'utf8')).toMatch(/Editor is now accessible via/);

	// Second start: nothing to import or rebuild, and the user's name is kept.
	const second = await npmStart();
	try {
		expect(steps(second).filter((step) => step.startsWith('importing') || step.startsWith('building'))).toEqual([]);
		expect(second.output).toContain('Your edits to the examples are kept; npm start -- --reset-examples puts the shipped ones back.');
		expect((await workflow(second, EXAMPLE_ID)).workflow.name).toBe('Our HR offboarding');
	} finally {
		expect(await second.stop()).toBe(0);
	}
	expect(groupAlive(second.group)).toBe(false);

	// --reset-examples: the shipped workflows again.
	const third = await npmStart(['--reset-examples']);
	try {
		expect(steps(third)).toContain('importing the example workflows…');
		expect((await workflow(third, EXAMPLE_ID)).workflow.name).toBe(shipped.name);
	} finally {
		expect(await third.stop()).toBe(0);
	}
	expect(groupAlive(third.group)).toBe(false);
});
