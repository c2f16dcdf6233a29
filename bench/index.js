// `npm run bench`: runs the benchmarks on the sandbox, writes bench/results.json and
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
const { siemBurstBenchmark } = require('./siem-burst');
const { siemRangeBenchmark, urlDecodeBenchmark, threatGetBenchmark } = require('./threats');
const { triggerBenchmark } = require('./trigger');
const { mspBenchmark } = require('./msp');
const { startBenchmark } = require('./start');

const root = path.join(__dirname, '..');
const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;
const times = (ratio) => `${ratio.toFixed(2)}×`;
const mark = (ok) => (ok ? 'met' : '**not met**');

function machine() {
	return `${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
}

function markdown({ when, reconcile, getAll, vap, siemRange, siemBurst, urlDecode, threatGet, trigger, msp, start }) {
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
		`| SIEM Event → Get Many, ${siemRange.setup.hours} h of all four types, ${siemRange.events} events | ${siemRange.nodeRequests} requests (${siemRange.nodePaths.join(', ')}) | each type's endpoint hour by hour: ${siemRange.baselineRequests} requests, ${siemRange.sameEvents ? 'the same' : '**not the same**'} ${siemRange.events} events | ${times(siemRange.baselineRequests / siemRange.nodeRequests)} fewer requests (${siemRange.baselineRequests - siemRange.nodeRequests} fewer) |`,
		`| SIEM Event → Get Many, one hour of ${siemBurst.setup.events} delivered messages, ${Math.round(siemBurst.setup.answerBytes / 2 ** 20)} MB (median of 7) | ${Math.round(siemBurst.node.medianMs)} ms (${siemBurst.node.cpuMs} ms CPU); peak RSS ${siemBurst.node.peakRssMb} MB, ${siemBurst.node.peakRssMb - siemBurst.node.loadedRssMb} MB above the loaded process | bare GET + JSON.parse ${Math.round(siemBurst.bare.medianMs)} ms (${siemBurst.bare.cpuMs} ms CPU); ${siemBurst.bare.peakRssMb} MB, ${siemBurst.bare.peakRssMb - siemBurst.bare.loadedRssMb} MB above (the answer alone, read and dropped: ${Math.round(siemBurst.wire.medianMs)} ms) | time ${times(siemBurst.timeRatio)}; peak memory ${times(siemBurst.memoryRatio)}, listing memory ${times(siemBurst.listingMemoryRatio)} |`,
		`| URL → Decode, ${urlDecode.setup.urls} URLs from ${urlDecode.setup.items} items (median of ${urlDecode.setup.runs}) | ${urlDecode.node.requests} request, ${Math.round(urlDecode.node.ms)} ms | one POST per item: ${urlDecode.perItem.requests} requests, ${seconds(urlDecode.perItem.ms)} | ${urlDecode.perItem.requests - urlDecode.node.requests} fewer of the 1,800 a day; ${times(urlDecode.speedup)} faster |`,
		`| Threat → Get, ${threatGet.setup.items} items naming ${threatGet.setup.threats} threats | ${threatGet.nodeRequests} requests | one GET per item: ${threatGet.perItemRequests} requests | ${threatGet.perItemRequests - threatGet.nodeRequests} fewer |`,
		`| Proofpoint Trigger, an empty poll every 5 minutes (median of ${trigger.empty.polls}) | ${trigger.empty.requestsPerPoll} request, ${trigger.empty.cpuMs.toFixed(1)} ms CPU | | |`,
		`| Proofpoint Trigger, first poll of a ${trigger.backfill.hours}-hour backfill, all four types, ${trigger.backfill.events} events | ${trigger.backfill.nodeRequests} requests | each type's endpoint hour by hour: ${trigger.backfill.perTypeRequests} requests, ${trigger.backfill.sameEvents ? 'the same events' : '**other events**'} | ${times(trigger.backfill.perTypeRequests / trigger.backfill.nodeRequests)} fewer requests |`,
		`| Licensing → Get Usage, every child of a partner with ${msp.report.setup.customers} customers, ${msp.report.setup.latencyMs} ms latency, concurrency ${msp.report.setup.concurrency} | ${seconds(msp.report.nodeMs)}, ${msp.report.nodeRequests} requests | one request at a time: ${seconds(msp.report.sequentialMs)}, ${msp.report.sequentialRequests} requests | ${times(msp.report.sequentialMs / msp.report.nodeMs)} faster |`,
		`| Organization picker, search on a partner with ${msp.search.organizations.count} organizations (median of 7) | ${Math.round(msp.search.organizations.ms)} ms | | |`,
		`| User picker, search on an organization of ${msp.search.users.count} users (median of 7) | ${Math.round(msp.search.users.ms)} ms | | |`,
		`| Proofpoint Trigger, the same backfill capped at ${trigger.capped.cap} events per poll: ${trigger.capped.events} events over ${trigger.capped.polls} polls, ${trigger.capped.capped} capped | ${trigger.capped.requests} requests, at most ${trigger.capped.stateBytes} bytes of state | uncapped: ${trigger.capped.uncappedRequests} requests | ${(trigger.capped.requests / trigger.capped.uncappedRequests).toFixed(2)}× the requests |`,
		`| Proofpoint Trigger, a busy hour of ${trigger.busy.events} delivered messages emitted in one poll (median of 5) | ${trigger.busy.nodeMs} ms, ${trigger.busy.nodePerSecond} events/s | bare GET + JSON.parse + one item per event: ${trigger.busy.bareMs} ms, ${trigger.busy.barePerSecond} events/s | ${times(trigger.busy.nodeMs / trigger.busy.bareMs)} the time |`,
		`| \`npm start\` to its banner, again on the same demo folder (n8n installed) | ${seconds(start.second.bannerMs)}, ${start.second.rebuilt ? 'rebuilt' : 'no rebuild'}, ${start.second.imports} imports | the first start on a new demo folder: ${seconds(start.first.bannerMs)}, ${start.first.rebuilt ? 'build and pack' : 'no build'}, ${start.first.imports} imports | ${times(start.first.bannerMs / start.second.bannerMs)} faster; Ctrl-C stopped each in ${start.first.stopMs} / ${start.second.stopMs} ms |`,
		'',
		`Goals: ${goals({ ...reconcile.goals, ...getAll.goals, ...vap.goals, ...siemRange.goals, ...siemBurst.goals, ...urlDecode.goals, ...threatGet.goals, ...trigger.goals, ...msp.goals, ...start.goals })}.`,
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
	console.log('SIEM 24-hour range benchmark…');
	const siemRange = await siemRangeBenchmark();
	console.log('SIEM 20,000-event hour benchmark…');
	const siemBurst = await siemBurstBenchmark();
	console.log('URL decode benchmark…');
	const urlDecode = await urlDecodeBenchmark();
	console.log('Threat get benchmark…');
	const threatGet = await threatGetBenchmark();
	console.log('trigger benchmark…');
	const trigger = await triggerBenchmark();
	console.log('MSP benchmark (licence report, picker search)…');
	const msp = await mspBenchmark();
	console.log('npm start benchmark (two starts)…');
	const start = await startBenchmark();
	const results = { when, machine: machine(), reconcile, getAll, vap, siemRange, siemBurst, urlDecode, threatGet, trigger, msp, start };
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
