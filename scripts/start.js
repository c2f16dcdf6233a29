// `npm start`: n8n with this package installed, the sandbox with its demo tenant, sandbox
// credentials and the example workflows, an owner login; Ctrl-C stops everything it started.
// `npm start -- --reset-examples` puts the shipped example workflows back over the user's edits.
const { execFileSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const runtime = require('./n8n-runtime');
const { startSandbox } = require('../sandbox');
const { demoCredentials } = require('../test/e2e/n8n');

const root = path.join(__dirname, '..');
const cache = process.env.N8N_PROOFPOINT_CACHE ?? path.join(os.homedir(), '.cache', 'n8n-nodes-proofpoint');
const userFolder = process.env.N8N_PROOFPOINT_DEMO_FOLDER ?? path.join(cache, 'demo-user-folder');
const logFile = path.join(userFolder, 'n8n.log');
const resetExamples = process.argv.includes('--reset-examples');
const say = (text) => console.log(`[start] ${text}`);

/** A failure the user can act on: printed as its one line, without a stack trace. */
class StartError extends Error {}

const PORTS = [
	{ variable: 'N8N_PORT', fallback: 5678, what: 'n8n' },
	{ variable: 'SANDBOX_PORT', fallback: 8787, what: 'the sandbox' },
];

function portFrom({ variable, fallback }) {
	const raw = process.env[variable];
	if (raw === undefined || raw === '') return fallback;
	const port = Number(raw);
	if (!Number.isInteger(port) || port < 1 || port > 65535) throw new StartError(`${variable}=${raw} is not a port: set it to a number from 1 to 65535.`);
	return port;
}

/** Whether something already listens on the port. Only a bind is tried: whoever holds the port receives nothing. */
function portTaken(port) {
	return new Promise((resolve, reject) => {
		const probe = net.createServer();
		probe.once('error', (error) => (error.code === 'EADDRINUSE' ? resolve(true) : reject(error)));
		probe.listen({ port, host: '127.0.0.1', exclusive: true }, () => probe.close(() => resolve(false)));
	});
}

async function checkPorts() {
	const ports = PORTS.map((entry) => ({ ...entry, port: portFrom(entry) }));
	for (const { variable, what, port } of ports) {
		if (await portTaken(port)) {
			throw new StartError(`port ${port} (${what}) is already in use, perhaps by another n8n: free it, or move ${what} with ${variable}, e.g. ${variable}=${port + 2} npm start`);
		}
	}
	return Object.fromEntries(ports.map(({ variable, port }) => [variable, port]));
}

const readJson = (file, fallback) => {
	try {
		return JSON.parse(fs.readFileSync(file, 'utf8'));
	} catch {
		return fallback;
	}
};

/** Builds, packs and installs the package into the demo's n8n, unless what is installed was built from the same sources. */
function installPackage() {
	const stamp = runtime.sourceStamp();
	const installed = path.join(userFolder, '.n8n', 'nodes', 'node_modules', runtime.PACKAGE, 'package.json');
	if (readJson(runtime.stampFile(userFolder), {}).stamp === stamp && fs.existsSync(installed)) {
		say('the package is installed as built from these sources: no rebuild');
		return;
	}
	say('building and packing the package…');
	execFileSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
	const tarball = runtime.packPackage();
	runtime.installTarball(userFolder, tarball, stamp);
	fs.rmSync(path.dirname(tarball), { recursive: true, force: true });
}

function examples(csvPath) {
	const folder = path.join(root, 'examples');
	return fs
		.readdirSync(folder)
		.filter((file) => file.endsWith('.json'))
		.sort()
		.map((file) => {
			const workflow = JSON.parse(fs.readFileSync(path.join(folder, file), 'utf8'));
			for (const node of workflow.nodes) {
				if (node.type === 'n8n-nodes-base.readWriteFile') node.parameters.fileSelector = csvPath;
			}
			return workflow;
		});
}

/**
 * Imports, in one n8n call each, the sandbox credentials when they changed (a new sandbox address)
 * and the examples never imported into this n8n: a workflow the user edited, renamed or deleted is left as the user left it.
 */
async function importDemo(n8n, sb, csvPath) {
	const recordFile = path.join(userFolder, 'demo-imports.json');
	const hasDatabase = fs.existsSync(path.join(userFolder, '.n8n', 'database.sqlite'));
	const record = hasDatabase && !resetExamples ? readJson(recordFile, {}) : {};
	const imported = new Set(record.examples ?? []);

	// The Essentials Threat API credential (the sandbox partner's Integration Key) serves the MSP digest example.
	const credentials = demoCredentials(sb);
	const credentialsStamp = crypto.createHash('sha256').update(JSON.stringify(credentials)).digest('hex');
	if (record.credentials !== credentialsStamp) {
		say('importing the sandbox credentials…');
		await runtime.importCredentials(n8n, userFolder, credentials);
	}

	const all = examples(csvPath);
	const missing = all.filter((workflow) => !imported.has(workflow.id));
	if (missing.length) {
		say(`importing ${missing.length === all.length ? 'the example workflows' : `${missing.length} example workflow(s) new to this n8n`}…`);
		await runtime.importWorkflows(n8n, userFolder, missing);
	}
	fs.writeFileSync(recordFile, JSON.stringify({ credentials: credentialsStamp, examples: all.map((workflow) => workflow.id) }));
	return { all, kept: all.length - missing.length };
}

/** Everything this run started, stopped in reverse order on any exit: nothing is left running. */
const started = [];
let stopping = false;
async function shutdown(code) {
	if (stopping) return;
	stopping = true;
	if (started.length) say('stopping n8n and the sandbox…');
	for (const { stop } of started.reverse()) await stop().catch(() => {});
	process.exit(code);
}

async function main() {
	process.on('SIGINT', () => shutdown(0));
	process.on('SIGTERM', () => shutdown(0));
	const ports = await checkPorts();
	const startedAt = Date.now();

	say('preparing n8n (the first time installs it: about 5 minutes)…');
	const n8n = runtime.prepareN8n();
	fs.mkdirSync(path.join(userFolder, 'files'), { recursive: true });
	installPackage();
	const csvPath = path.join(userFolder, 'files', 'hr-roster.csv');
	fs.copyFileSync(path.join(root, 'examples', 'hr-roster.csv'), csvPath);

	const sb = await startSandbox({ port: ports.SANDBOX_PORT });
	started.push({ stop: () => sb.close() });
	say(`sandbox with the demo tenant at ${sb.url}`);

	const { all, kept } = await importDemo(n8n, sb, csvPath);

	say(`starting n8n (its log: ${logFile})…`);
	const server = await runtime.startN8n(n8n, userFolder, { env: { N8N_PORT: String(ports.N8N_PORT) }, logFile });
	started.push({ stop: () => server.stop() });
	server.process.once('exit', (code) => {
		if (stopping) return;
		console.error(server.logs().slice(-3000));
		say(`n8n exited (${code}); its whole log: ${logFile}`);
		shutdown(1);
	});
	await runtime.ownerSession(server.url);

	const links = all.map((workflow) => `    ${workflow.name}\n      ${server.url}/workflow/${workflow.id}`).join('\n');
	console.log(`
  n8n with the Proofpoint node is running: ${server.url} (ready in ${Math.round((Date.now() - startedAt) / 1000)} s)
  Log in as ${runtime.OWNER.email} / ${runtime.OWNER.password}

  The example workflows (open the first and press Execute workflow):
${links}
  ${kept ? `Your edits to the examples are kept; npm start -- --reset-examples puts the shipped ones back.` : 'Edits you make to them are kept across restarts; npm start -- --reset-examples puts the shipped ones back.'}

  Credentials "Proofpoint Essentials (sandbox)", "Proofpoint TAP (sandbox)", "Proofpoint Essentials
  Threat (sandbox)" and "Proofpoint Threat Protection (sandbox)" point at the sandbox, whose demo
  tenant is the partner partner.example with its customers acme.example and initech.example, and
  whose PoD cluster sandbox-cluster has a block list, a safe list and Cloud Threat Response incidents.
  Sandbox: ${sb.url}   n8n data: ${userFolder}   n8n's log: ${logFile}

  Ctrl-C stops everything.
`);
}

main().catch((error) => {
	if (error instanceof StartError) console.error(`[start] ${error.message}`);
	else console.error(error);
	shutdown(1);
});
