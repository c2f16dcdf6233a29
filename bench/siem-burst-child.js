// One contender of the SIEM burst benchmark in its own process, so its peak memory is its own.
// Usage: node bench/siem-burst-child.js node|bare|wire <TAP base URL> <start ISO> <end ISO>
// wire: the same GET, its body read and dropped unparsed (the sandbox's answer and the transfer alone).
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

process.env.N8N_USER_FOLDER = fs.mkdtempSync(path.join(os.tmpdir(), 'pp-bench-'));
process.env.N8N_ENCRYPTION_KEY = 'sandbox-bench-key';
process.env.N8N_LOG_LEVEL = 'silent';

const axios = require('axios');
const { runNode } = require('../test/harness');
const { SANDBOX_CREDENTIALS } = require('../sandbox');
const { timed } = require('./measure');

const [kind, tapUrl, startTime, endTime] = process.argv.slice(2);
const RUNS = 7;
const { principal, secret } = SANDBOX_CREDENTIALS.tap;

/** The hour as a script would read it: one GET of the delivered-messages endpoint, parsed. */
async function bare() {
	const response = await axios.get(`${tapUrl}/v2/siem/messages/delivered`, {
		auth: { username: principal, password: secret },
		params: { interval: `${startTime}/${endTime}`, format: 'json' },
		responseType: 'text',
		transformResponse: (body) => body,
	});
	return JSON.parse(response.data).messagesDelivered.length;
}

/** The same GET, the body counted and dropped: the time before either contender can parse anything. */
async function wire() {
	const response = await axios.get(`${tapUrl}/v2/siem/messages/delivered`, {
		auth: { username: principal, password: secret },
		params: { interval: `${startTime}/${endTime}`, format: 'json' },
		responseType: 'stream',
	});
	let bytes = 0;
	for await (const chunk of response.data) bytes += chunk.length;
	return bytes;
}

async function viaNode() {
	const result = await runNode({
		parameters: {
			resource: 'siemEvent',
			operation: 'getAll',
			eventTypes: ['messagesDelivered'],
			timeRange: 'between',
			startTime,
			endTime,
			returnAll: true,
			simplify: false,
		},
		credentials: { proofpointTapApi: { principal, secret, baseUrl: tapUrl } },
	});
	if (result.status !== 'success') throw new Error(result.error?.message);
	return result.items.length;
}

(async () => {
	const contender = { node: viaNode, bare, wire }[kind];
	const loadedRssMb = Math.round(process.memoryUsage().rss / 2 ** 20);
	await contender(); // warm-up: module loading and JIT are not what is measured
	const runs = [];
	// CPU time of this process per run (all its threads): the client's own work, whatever else the machine runs.
	const cpus = [];
	let count = 0;
	for (let i = 0; i < RUNS; i++) {
		global.gc(); // each run starts without the previous run's garbage, for both contenders alike
		const cpuBefore = process.cpuUsage();
		runs.push(await timed(async () => (count = await contender())));
		const cpu = process.cpuUsage(cpuBefore);
		cpus.push((cpu.user + cpu.system) / 1000);
	}
	const runsMs = runs.map(Math.round);
	runs.sort((a, b) => a - b);
	cpus.sort((a, b) => a - b);
	const { maxRSS } = process.resourceUsage();
	process.stdout.write(
		JSON.stringify({ kind, ...(kind === 'wire' ? { bytes: count } : { count }), medianMs: runs[Math.floor(RUNS / 2)], runsMs, cpuMs: Math.round(cpus[Math.floor(RUNS / 2)]), peakRssMb: Math.round(maxRSS / 1024), loadedRssMb }),
	);
	fs.rmSync(process.env.N8N_USER_FOLDER, { recursive: true, force: true });
})().catch((error) => {
	console.error(error);
	process.exit(1);
});
