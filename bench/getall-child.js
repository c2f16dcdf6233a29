// One contender of the Get Many benchmark in its own process, so its peak memory is its own.
// Usage: node bench/getall-child.js node|bare <essentials base URL> <domain>
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

const [kind, baseUrl, domain] = process.argv.slice(2);
const RUNS = 7;
const { apiUser, apiKey } = SANDBOX_CREDENTIALS.essentials.partner;

async function bare() {
	const response = await axios.get(`${baseUrl}/orgs/${domain}/users`, {
		headers: { 'X-User': apiUser, 'X-Password': apiKey },
		responseType: 'text',
		transformResponse: (body) => body,
	});
	return JSON.parse(response.data).users.length;
}

async function viaNode() {
	const result = await runNode({
		parameters: { resource: 'user', operation: 'getAll', domain, returnAll: true },
		credentials: { proofpointEssentialsApi: { stack: 'custom', baseUrl, apiUser, apiKey } },
	});
	if (result.status !== 'success') throw new Error(result.error?.message);
	return result.items.length;
}

(async () => {
	const contender = kind === 'node' ? viaNode : bare;
	const loadedRssMb = Math.round(process.memoryUsage().rss / 2 ** 20);
	await contender(); // warm-up: module loading and JIT are not what is measured
	const runs = [];
	let count = 0;
	for (let i = 0; i < RUNS; i++) {
		global.gc(); // each run starts without the previous run's garbage, for both contenders alike
		runs.push(await timed(async () => (count = await contender())));
	}
	runs.sort((a, b) => a - b);
	const { maxRSS } = process.resourceUsage();
	process.stdout.write(JSON.stringify({ kind, count, medianMs: runs[Math.floor(RUNS / 2)], peakRssMb: Math.round(maxRSS / 1024), loadedRssMb }));
	fs.rmSync(process.env.N8N_USER_FOLDER, { recursive: true, force: true });
})().catch((error) => {
	console.error(error);
	process.exit(1);
});
