// A throwaway Redis for one test file: loopback only, no persistence, its own folder.
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const { freePort } = require('../../scripts/n8n-runtime');

const REDIS_SERVER = process.env.REDIS_SERVER ?? 'redis-server';

/** True once Redis answers PING on the port. */
function ping(port) {
	return new Promise((resolve) => {
		const socket = net.connect(port, '127.0.0.1');
		let reply = '';
		socket.setTimeout(1000, () => socket.destroy());
		socket.on('connect', () => socket.write('PING\r\n'));
		socket.on('data', (chunk) => {
			reply += chunk;
			if (reply.includes('\r\n')) socket.end();
		});
		socket.on('close', () => resolve(reply.startsWith('+PONG')));
		socket.on('error', () => resolve(false));
	});
}

/**
 * Starts `redis-server` in the foreground (so it is this process's child) on a free loopback port;
 * returns {port, stop(), logs()}. Rejects, rather than skipping, when redis-server is missing.
 */
async function startRedis({ timeoutMs = 15000 } = {}) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pp-redis-'));
	const port = await freePort();
	const child = spawn(
		REDIS_SERVER,
		['--bind', '127.0.0.1', '--port', String(port), '--dir', dir, '--pidfile', path.join(dir, 'redis.pid'),
			'--save', '', '--appendonly', 'no', '--daemonize', 'no', '--protected-mode', 'yes'],
		{ stdio: ['ignore', 'pipe', 'pipe'] },
	);
	let logs = '';
	child.stdout.on('data', (chunk) => (logs += chunk));
	child.stderr.on('data', (chunk) => (logs += chunk));
	const exited = new Promise((resolve) => child.once('close', resolve));
	const spawnError = new Promise((resolve) => child.once('error', resolve));

	const stop = async () => {
		if (child.exitCode === null && child.signalCode === null && child.pid) {
			child.kill('SIGTERM');
			const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
			await exited;
			clearTimeout(timer);
		}
		fs.rmSync(dir, { recursive: true, force: true });
	};

	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const error = await Promise.race([spawnError, new Promise((resolve) => setTimeout(() => resolve(null), 100))]);
		if (error) {
			await stop();
			throw new Error(
				error.code === 'ENOENT'
					? `${REDIS_SERVER} is not installed: the queue-mode test needs it (run scripts/prepare-test-env.sh or apt-get install -y redis-server)`
					: `could not start ${REDIS_SERVER}: ${error.message}`,
			);
		}
		if (child.exitCode !== null) {
			await stop();
			throw new Error(`redis-server exited early:\n${logs}`);
		}
		if (await ping(port)) return { port, stop, logs: () => logs };
		if (Date.now() > deadline) {
			await stop();
			throw new Error(`redis-server did not answer PING on ${port} within ${timeoutMs} ms:\n${logs}`);
		}
	}
}

module.exports = { startRedis };
