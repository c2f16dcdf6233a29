// `npm start`: n8n with this package installed, the sandbox with its demo tenant, sandbox
// credentials and the example workflows, an owner login; Ctrl-C stops everything.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const runtime = require('./n8n-runtime');
const { startSandbox } = require('../sandbox');
const { importableCredentials, essentialsThreatCredential } = require('../test/e2e/n8n');

const root = path.join(__dirname, '..');
const cache = process.env.N8N_PROOFPOINT_CACHE ?? path.join(os.homedir(), '.cache', 'n8n-nodes-proofpoint');
const userFolder = path.join(cache, 'demo-user-folder');
const say = (text) => console.log(`[start] ${text}`);

function examples(csvPath) {
	const folder = path.join(root, 'examples');
	return fs
		.readdirSync(folder)
		.filter((file) => file.endsWith('.json'))
		.map((file) => {
			const workflow = JSON.parse(fs.readFileSync(path.join(folder, file), 'utf8'));
			for (const node of workflow.nodes) {
				if (node.type === 'n8n-nodes-base.readWriteFile') node.parameters.fileSelector = csvPath;
			}
			return workflow;
		});
}

async function sandboxOnPreferredPort() {
	const preferred = Number(process.env.SANDBOX_PORT ?? 8787);
	try {
		return await startSandbox({ port: preferred });
	} catch {
		return await startSandbox({ port: 0 });
	}
}

async function main() {
	say('building and packing the package…');
	execFileSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
	const tarball = runtime.packPackage();

	say('preparing n8n (the first time installs it: about 5 minutes)…');
	const n8n = runtime.prepareN8n();

	fs.mkdirSync(path.join(userFolder, 'files'), { recursive: true });
	runtime.installTarball(userFolder, tarball);
	fs.rmSync(path.dirname(tarball), { recursive: true, force: true });
	const csvPath = path.join(userFolder, 'files', 'hr-roster.csv');
	fs.copyFileSync(path.join(root, 'examples', 'hr-roster.csv'), csvPath);

	const sb = await sandboxOnPreferredPort();
	say(`sandbox with the demo tenant at ${sb.url}`);

	say('importing sandbox credentials and the example workflows…');
	// The Essentials Threat API credential (the sandbox partner's Integration Key) serves the MSP digest example.
	await runtime.importCredentials(n8n, userFolder, [...importableCredentials(sb), essentialsThreatCredential(sb)]);
	for (const workflow of examples(csvPath)) await runtime.importWorkflow(n8n, userFolder, workflow);

	say('starting n8n…');
	const server = await runtime.startN8n(n8n, userFolder, {
		env: { N8N_PORT: process.env.N8N_PORT ?? '5678' },
	});
	await runtime.ownerSession(server.url);

	let stopping = false;
	const stop = async () => {
		if (stopping) return;
		stopping = true;
		say('stopping n8n and the sandbox…');
		await server.stop();
		await sb.close();
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
	server.process.once('exit', (code) => {
		if (!stopping) {
			console.error(server.logs().slice(-3000));
			say(`n8n exited (${code})`);
			sb.close().then(() => process.exit(1));
		}
	});

	console.log(`
  n8n with the Proofpoint node is running: ${server.url}
  Log in as ${runtime.OWNER.email} / ${runtime.OWNER.password}

  Workflows: the examples (open "Proofpoint: HR CSV → functional accounts" and press Execute).
  Credentials "Proofpoint Essentials (sandbox)", "Proofpoint TAP (sandbox)" and "Proofpoint Essentials
  Threat (sandbox)" point at the sandbox,
  whose demo tenant is partner.example with acme.example, initech.example (us1) and globex.example (us2).
  Sandbox: ${sb.url}   n8n data: ${userFolder}

  Ctrl-C stops everything.
`);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
