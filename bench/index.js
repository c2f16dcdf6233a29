// `npm run bench`: runs the three benchmarks on the sandbox, writes bench/results.json and
// bench/RESULTS.md, and refreshes the figures in the README between the bench markers.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

// n8n 2.41 runs only on Node 24 or later, so the node is measured there: this script starts again
// under the Node that the pinned n8n uses, with gc() exposed so every timed run starts from a collected heap.
const N8N_NODE_MAJOR = 24;
if (Number(process.versions.node.split('.')[0]) < N8N_NODE_MAJOR || typeof global.gc !== 'function') {
	const { n8nNodeBinary } = require('../scripts/n8n-runtime');
	const rerun = spawnSync(n8nNodeBinary(), ['--expose-gc', __filename], { stdio: 'inherit' });
	process.exit(rerun.status ?? 1);
}

process.env.N8N_USER_FOLDER = fs.mkdtempSync(path.join(os.tmpdir(), 'pp-bench-'));
process.env.N8N_ENCRYPTION_KEY = 'sandbox-bench-key';
process.env.N8N_LOG_LEVEL = 'silent';

const { reconcileBenchmark } = require('./reconcile');
const { getAllBenchmark } = require('./getall');
const { vapBenchmark } = require('./vap');

const root = path.join(__dirname, '..');
const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;
const times = (ratio) => `${ratio.toFixed(2)}×`;
const mark = (ok) => (ok ? 'met' : '**not met**');

function machine() {
	return `${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
}

function markdown({ when, reconcile, getAll, vap }) {
	const goals = (list) => Object.entries(list).map(([goal, ok]) => `${goal}: ${mark(ok)}`).join('; ');
	return [
		`Measured ${when} on ${machine()}.`,
		'',
		'| Benchmark | This node | Compared with | Ratio |',
		'|---|---|---|---|',
		`| Mark Functional Accounts, ${reconcile.setup.users} users, ${reconcile.setup.toChange} to change, ${reconcile.setup.latencyMs} ms latency, concurrency ${reconcile.setup.concurrency} | ${seconds(reconcile.node.ms)} (median of ${reconcile.setup.runs}: ${reconcile.node.runsMs.map((ms) => seconds(ms)).join(', ')}), ${reconcile.node.requests} requests, ${reconcile.node.converted} converted | article script ${seconds(reconcile.baseline.ms)}, ${reconcile.baseline.requests} requests | ${times(reconcile.speedupOverBaseline)} faster |`,
		`| (same run) | ${seconds(reconcile.node.ms)} | physical limit L + ⌈k/C⌉·L = ${seconds(reconcile.limitMs)} | ${times(reconcile.ratioToLimit)} the limit |`,
		`| (same run) | ${seconds(reconcile.node.ms)} | bare axios, same plan and concurrency, a new connection per request as n8n's helper makes: ${seconds(reconcile.freshConnections.ms)} (median of ${reconcile.setup.runs}), ${reconcile.freshConnections.requests} requests | ${times(reconcile.ratioToFreshConnections)} that client |`,
		`| User → Get Many, ${getAll.setup.users} users (median of 7) | ${Math.round(getAll.node.medianMs)} ms; peak RSS ${getAll.node.peakRssMb} MB, ${getAll.node.peakRssMb - getAll.node.loadedRssMb} MB above the loaded process | bare GET + JSON.parse ${Math.round(getAll.bare.medianMs)} ms; ${getAll.bare.peakRssMb} MB, ${getAll.bare.peakRssMb - getAll.bare.loadedRssMb} MB above | time ${times(getAll.timeRatio)}; peak memory ${times(getAll.memoryRatio)}, listing memory ${times(getAll.listingMemoryRatio)} |`,
		`| VAP Return All, ${vap.setup.vaps} people, page size ${vap.setup.pageSize} | ${vap.nodeRequests} requests | loop until an empty page: ${vap.naiveRequests} requests | ${vap.naiveRequests - vap.nodeRequests} fewer of the 50 a day |`,
		'',
		`Goals: ${goals({ ...reconcile.goals, ...getAll.goals, ...vap.goals })}.`,
	].join('\n');
}

(async () => {
	const when = new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
	console.log('reconcile benchmark (about two minutes)…');
	const reconcile = await reconcileBenchmark();
	console.log('get many benchmark…');
	const getAll = await getAllBenchmark();
	console.log('VAP paging benchmark…');
	const vap = await vapBenchmark();
	const results = { when, machine: machine(), reconcile, getAll, vap };
	const table = markdown(results);
	fs.writeFileSync(path.join(__dirname, 'results.json'), JSON.stringify(results, null, 2) + '\n');
	fs.writeFileSync(path.join(__dirname, 'RESULTS.md'), `# Benchmark results\n\n${table}\n`);
	const readmePath = path.join(root, 'README.md');
	const readme = fs.readFileSync(readmePath, 'utf8');
	const updated = readme.replace(/(<!-- bench:start -->\n)[\s\S]*?(\n<!-- bench:end -->)/, `$1${table}$2`);
	if (updated !== readme) fs.writeFileSync(readmePath, updated);
	console.log(table);
	fs.rmSync(process.env.N8N_USER_FOLDER, { recursive: true, force: true });
})().catch((error) => {
	console.error(error);
	process.exit(1);
});
