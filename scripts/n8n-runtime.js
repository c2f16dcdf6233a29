// Drives a real, pinned n8n for the demo (`npm start`) and the end-to-end tests: prepare it,
// install this package's tarball as a community package, import credentials and workflows,
// and start n8n (the editor and its REST API, or a worker).
const { execFileSync, spawn, execFile } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.join(__dirname, '..');
const PACKAGE = require('../package.json').name;
const NODE_TYPE = `${PACKAGE}.proofpoint`;

/** Installs (or reuses) the pinned n8n; returns the path of its launcher script. */
function prepareN8n() {
	const dir = execFileSync('bash', [path.join(__dirname, 'prepare-n8n.sh')], {
		stdio: ['ignore', 'pipe', 'inherit'],
		encoding: 'utf8',
	}).trim();
	return path.join(dir, 'n8n');
}

/** The Node.js binary the pinned n8n runs on (installed beside it by prepare-n8n.sh). */
function n8nNodeBinary(launcher = prepareN8n()) {
	return path.join(path.dirname(launcher), 'node', 'node_modules', 'node', 'bin', 'node');
}

/** `npm pack` of the built package (or of the package in `dir`) into a temp folder; returns the tarball path. */
function packPackage(dir = root) {
	const destination = fs.mkdtempSync(path.join(os.tmpdir(), 'pp-pack-'));
	const output = execFileSync('npm', ['pack', '--json', '--pack-destination', destination], { cwd: dir, encoding: 'utf8' });
	return path.join(destination, JSON.parse(output)[0].filename);
}

/** What a built package comes from: the sources, the manifest and the build's own files, as one hash. */
function sourceStamp() {
	const hash = require('node:crypto').createHash('sha256');
	const visit = (relative) => {
		const full = path.join(root, relative);
		if (fs.statSync(full).isDirectory()) {
			for (const entry of fs.readdirSync(full).sort()) visit(path.join(relative, entry));
			return;
		}
		hash.update(`${relative}\0`).update(fs.readFileSync(full)).update('\0');
	};
	for (const entry of ['nodes', 'credentials', 'package.json', 'index.js', 'gulpfile.js', 'tsconfig.json']) visit(entry);
	return hash.digest('hex');
}

/** Where a user folder notes which sources its installed package was built from. */
const stampFile = (userFolder) => path.join(userFolder, 'package-stamp.json');

/**
 * Unpacks the tarball where n8n looks for community packages: <user folder>/.n8n/nodes/node_modules/<name>;
 * with `stamp`, notes that it was built from those sources.
 */
function installTarball(userFolder, tarball, stamp) {
	const target = path.join(userFolder, '.n8n', 'nodes', 'node_modules', PACKAGE);
	fs.rmSync(target, { recursive: true, force: true });
	fs.mkdirSync(target, { recursive: true });
	execFileSync('tar', ['-xzf', tarball, '-C', target, '--strip-components=1']);
	if (stamp) fs.writeFileSync(stampFile(userFolder), JSON.stringify({ stamp }));
	return target;
}

function n8nEnv(userFolder, extra = {}) {
	// n8n silences its logger under NODE_ENV=test, which jest sets: the run output would vanish.
	const { NODE_ENV: _testEnv, JEST_WORKER_ID: _worker, ...inherited } = process.env;
	return {
		...inherited,
		N8N_USER_FOLDER: userFolder,
		N8N_ENCRYPTION_KEY: 'sandbox-only-encryption-key',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_RESTRICT_FILE_ACCESS_TO: path.join(userFolder, 'files'),
		N8N_LOG_FORMAT: 'json',
		N8N_LOG_LEVEL: 'info',
		N8N_RUNNERS_BROKER_PORT: String(extra.brokerPort ?? 5679),
		...extra.env,
	};
}

/** A fresh user folder with the package installed; `files` holds what workflows may read. */
function newUserFolder(tarball, base = os.tmpdir()) {
	const userFolder = fs.mkdtempSync(path.join(base, 'pp-n8n-'));
	fs.mkdirSync(path.join(userFolder, 'files'), { recursive: true });
	installTarball(userFolder, tarball);
	return userFolder;
}

async function cli(n8n, userFolder, args, options = {}) {
	// Each CLI run gets its own task-runner broker port, so runs in parallel test files never collide.
	const brokerPort = options.brokerPort ?? (await freePort());
	const timeoutMs = options.timeoutMs ?? 120000;
	return await new Promise((resolve) => {
		execFile(
			n8n,
			args,
			{ env: n8nEnv(userFolder, { ...options, brokerPort }), maxBuffer: 64 * 1024 * 1024, timeout: timeoutMs },
			(error, stdout, stderr) => {
				const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
				const signal = error?.signal ?? null;
				const ended = signal ? `\n[n8n-runtime] n8n ${args[0]} was ended by ${signal}${error.killed ? ` (killed after ${timeoutMs} ms)` : ''}\n` : '';
				resolve({ code, signal, killed: Boolean(error?.killed), stdout: String(stdout ?? ''), stderr: String(stderr ?? '') + ended });
			},
		);
	});
}

function writeJson(userFolder, name, value) {
	const file = path.join(userFolder, name);
	fs.writeFileSync(file, JSON.stringify(value));
	return file;
}

async function importCredentials(n8n, userFolder, credentials) {
	const result = await cli(n8n, userFolder, ['import:credentials', `--input=${writeJson(userFolder, 'credentials.json', credentials)}`]);
	if (result.code !== 0) throw new Error(`import:credentials failed: ${result.stderr || result.stdout}`);
}

/** Imports several workflows in one n8n boot: each as its own file of a folder (`--separate`). */
async function importWorkflows(n8n, userFolder, workflows) {
	const folder = fs.mkdtempSync(path.join(userFolder, 'import-'));
	try {
		for (const workflow of workflows) fs.writeFileSync(path.join(folder, `${workflow.id}.json`), JSON.stringify(workflow));
		const result = await cli(n8n, userFolder, ['import:workflow', '--separate', `--input=${folder}`]);
		if (result.code !== 0) throw new Error(`import:workflow failed: ${result.stderr || result.stdout}`);
	} finally {
		fs.rmSync(folder, { recursive: true, force: true });
	}
}

async function importWorkflow(n8n, userFolder, workflow) {
	const result = await cli(n8n, userFolder, ['import:workflow', `--input=${writeJson(userFolder, `workflow-${workflow.id}.json`, workflow)}`]);
	if (result.code !== 0) throw new Error(`import:workflow failed: ${result.stderr || result.stdout}`);
}

/**
 * Publishes (activates) an imported workflow. Done before `n8n start`, the workflow's triggers start
 * with the server: its webhooks are registered and its polling triggers poll at once, then on schedule.
 */
async function publishWorkflow(n8n, userFolder, id) {
	const result = await cli(n8n, userFolder, ['publish:workflow', `--id=${id}`]);
	if (result.code !== 0) throw new Error(`publish:workflow --id=${id} failed: ${result.stderr || result.stdout}`);
}

/** A module from the pinned n8n's own node_modules, such as `flatted` (which encodes an execution's data). */
function requireFromN8n(name, launcher = prepareN8n()) {
	return require(require.resolve(name, { paths: [path.join(path.dirname(launcher), 'node_modules')] }));
}

/** Whether any process of the process group `group` (a detached child's pid) is still running. */
function processGroupAlive(group) {
	try {
		process.kill(-group, 0);
		return true;
	} catch {
		return false;
	}
}

/** A free TCP port on loopback. */
function freePort() {
	const net = require('node:net');
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

async function waitFor(check, { timeoutMs, what }) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		// A check that knows waiting is pointless (the process exited) says so with `fatal`.
		if (await check().catch((error) => (error.fatal ? Promise.reject(error) : false))) return;
		if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
}

/** The most of n8n's output a run keeps in memory (for tests and error messages); a log file gets all of it. */
const LOG_MEMORY_CHARS = 8 * 1024 * 1024;

/**
 * Starts `n8n start` (or another n8n command such as `worker`) on loopback and waits until it is
 * ready; returns {url, port, process, logs(), stop()}. `n8n start` serves its health check on a path
 * of this run's own, so the readiness answer proves it is this n8n, not another server on the port.
 * With `logFile`, everything n8n prints is also written there.
 */
async function startN8n(n8n, userFolder, { command = 'start', env = {}, readyPath, timeoutMs = 120000, logFile } = {}) {
	const port = env.N8N_PORT ? Number(env.N8N_PORT) : await freePort();
	const brokerPort = await freePort();
	const healthPath = command === 'start' ? `/healthz-${require('node:crypto').randomBytes(8).toString('hex')}` : undefined;
	const ready = readyPath ?? (healthPath ? `${healthPath}/readiness` : '/healthz/readiness');
	const child = spawn(n8n, [command], {
		env: n8nEnv(userFolder, {
			brokerPort,
			env: {
				N8N_PORT: String(port),
				N8N_LISTEN_ADDRESS: '127.0.0.1',
				N8N_SECURE_COOKIE: 'false',
				N8N_LOG_FORMAT: 'text',
				...(healthPath ? { N8N_ENDPOINT_HEALTH: healthPath } : {}),
				...env,
			},
		}),
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true,
	});
	let logs = '';
	const file = logFile ? fs.createWriteStream(logFile, { flags: 'w' }) : undefined;
	const collect = (chunk) => {
		file?.write(chunk);
		logs += chunk;
		if (logs.length > LOG_MEMORY_CHARS) logs = logs.slice(-LOG_MEMORY_CHARS / 2);
	};
	child.stdout.on('data', collect);
	child.stderr.on('data', collect);
	const exited = new Promise((resolve) => child.once('exit', resolve));
	child.once('exit', () => file?.end());
	const url = `http://127.0.0.1:${port}`;
	const stop = async () => {
		if (child.exitCode !== null || child.signalCode !== null) return;
		try {
			process.kill(-child.pid, 'SIGTERM');
		} catch {
			return;
		}
		const timer = setTimeout(() => {
			try {
				process.kill(-child.pid, 'SIGKILL');
			} catch {
				// already gone
			}
		}, 10000);
		await exited;
		clearTimeout(timer);
	};
	try {
		await waitFor(
			async () => {
				if (child.exitCode !== null) throw Object.assign(new Error(`n8n ${command} exited early (${child.exitCode})`), { fatal: true });
				const response = await fetch(url + ready);
				return response.ok;
			},
			{ timeoutMs, what: `n8n ${command} at ${url}${ready}` },
		);
	} catch (error) {
		await stop();
		throw new Error(`${error.message}\n${logs.slice(-3000)}`);
	}
	return { url, port, process: child, logs: () => logs, stop };
}

const OWNER = { email: 'owner@sandbox.example', firstName: 'Sandbox', lastName: 'Owner', password: 'Sandbox-Owner-2026' };

/** Creates the owner account (once per user folder) and logs in; returns the n8n-auth cookie value. */
async function ownerSession(url, owner = OWNER) {
	await fetch(`${url}/rest/owner/setup`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(owner),
	});
	const response = await fetch(`${url}/rest/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ emailOrLdapLoginId: owner.email, password: owner.password }),
	});
	if (!response.ok) throw new Error(`login failed: ${response.status} ${await response.text()}`);
	const cookie = response.headers.getSetCookie().find((entry) => entry.startsWith('n8n-auth='));
	if (!cookie) throw new Error('login set no n8n-auth cookie');
	return cookie.split(';')[0].slice('n8n-auth='.length);
}

/** The statuses of an execution that has ended. */
const FINISHED = new Set(['success', 'error', 'crashed', 'canceled']);

/** An execution as n8n stored it, `data` decoded (n8n stores it with `flatted`): {id, mode, status, createdAt, data}. */
function decodeExecution(execution, launcher) {
	return { ...execution, data: requireFromN8n('flatted', launcher).parse(execution.data) };
}

/** Calls the editor's own REST API with the owner's session. */
async function rest(url, cookie, method, route, body) {
	const response = await fetch(`${url}/rest${route}`, {
		method,
		headers: { 'content-type': 'application/json', cookie: `n8n-auth=${cookie}` },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	let json;
	try {
		json = JSON.parse(text);
	} catch {
		json = undefined;
	}
	return { status: response.status, json, text };
}

module.exports = {
	OWNER,
	freePort,
	processGroupAlive,
	startN8n,
	ownerSession,
	rest,
	waitFor,
	FINISHED,
	decodeExecution,
	NODE_TYPE,
	PACKAGE,
	prepareN8n,
	n8nNodeBinary,
	packPackage,
	installTarball,
	sourceStamp,
	stampFile,
	newUserFolder,
	n8nEnv,
	cli,
	importCredentials,
	importWorkflow,
	importWorkflows,
	publishWorkflow,
	requireFromN8n,
	spawn,
};
