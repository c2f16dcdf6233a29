// `npm start` (the README's main command) runs scripts/start.js in plain Node, without jest's
// globals: everything it loads must load there too.
const { execFileSync } = require('node:child_process');
const path = require('node:path');

const root = path.join(__dirname, '..');

test("the modules npm start loads load in plain Node, outside jest", () => {
	const requires = require('node:fs')
		.readFileSync(path.join(root, 'scripts', 'start.js'), 'utf8')
		.match(/require\('\.\.?\/[^']+'\)/g)
		.map((call) => call.slice("require('".length, -"')".length));
	expect(requires).toEqual(expect.arrayContaining(['./n8n-runtime', '../test/e2e/n8n']));

	const program = requires.map((module) => `require(${JSON.stringify(path.join(root, 'scripts', module))});`).join('\n');
	const { NODE_ENV: _test, JEST_WORKER_ID: _worker, ...env } = process.env;
	expect(execFileSync(process.execPath, ['-e', `${program}\nconsole.log('loaded')`], { env, encoding: 'utf8' }).trim()).toBe('loaded');
});

describe('npm start with a port already taken', () => {
	const net = require('node:net');
	const fs = require('node:fs');
	const os = require('node:os');
	const { spawn } = require('node:child_process');
	const { freePort, processGroupAlive: groupAlive } = require('../scripts/n8n-runtime');

	/** A listener on a free port that counts who connects to it and what they send. */
	async function listener() {
		const received = { connections: 0, bytes: 0 };
		const server = net.createServer((socket) => {
			received.connections += 1;
			socket.on('data', (chunk) => (received.bytes += chunk.length));
		});
		await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
		return { port: server.address().port, received, close: () => new Promise((resolve) => server.close(resolve)) };
	}

	/** Runs `npm start`'s script in a process group of its own; resolves once it exited, with what it printed. */
	function start(env) {
		const { NODE_ENV: _test, JEST_WORKER_ID: _worker, ...inherited } = process.env;
		const demoFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'pp-start-'));
		const child = spawn(process.execPath, [path.join(root, 'scripts', 'start.js')], {
			env: { ...inherited, N8N_PROOFPOINT_DEMO_FOLDER: demoFolder, ...env },
			stdio: ['ignore', 'pipe', 'pipe'],
			detached: true,
		});
		let output = '';
		child.stdout.on('data', (chunk) => (output += chunk));
		child.stderr.on('data', (chunk) => (output += chunk));
		return new Promise((resolve) => {
			child.once('exit', (code) => {
				fs.rmSync(demoFolder, { recursive: true, force: true });
				resolve({ code, output, group: child.pid });
			});
		});
	}

	it.each([
		['N8N_PORT', 'n8n'],
		['SANDBOX_PORT', 'the sandbox'],
	])('%s taken: it stops at once with one line naming the port and the variable, sends the listener nothing, leaves nothing running', async (variable, what) => {
		const taken = await listener();
		// The other port is free, so the answer is about this one whatever else runs on the machine.
		const other = variable === 'N8N_PORT' ? 'SANDBOX_PORT' : 'N8N_PORT';
		try {
			const result = await start({ [variable]: String(taken.port), [other]: String(await freePort()) });

			expect(result.code).toBe(1);
			expect(result.output.trim()).toBe(
				`[start] port ${taken.port} (${what}) is already in use, perhaps by another n8n: free it, or move ${what} with ${variable}, e.g. ${variable}=${taken.port + 2} npm start`,
			);
			expect(taken.received).toEqual({ connections: 0, bytes: 0 });
			expect(groupAlive(result.group)).toBe(false);
		} finally {
			await taken.close();
		}
	});

	it('a port that is not a number is refused before anything starts', async () => {
		const result = await start({ N8N_PORT: 'abc' });

		expect(result.code).toBe(1);
		expect(result.output.trim()).toBe('[start] N8N_PORT=abc is not a port: set it to a number from 1 to 65535.');
	});
});
