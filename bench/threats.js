// The TAP threat operations against the per-type and per-item clients a script would be:
// SIEM Event → Get Many over 24 hours of all four types (requests, and the same events),
// URL → Decode of 1,000 URLs from 1,000 items (requests and wall time), and Threat → Get for
// 500 items naming 12 threats (requests).
const axios = require('axios');
const { startSandbox, SANDBOX_CREDENTIALS, urldefense } = require('../sandbox');
const { runNode } = require('../test/harness');
const { sandboxCredentials } = require('../test/support');
const { eventKey } = require('../dist/nodes/Proofpoint/helpers/threatEvents');
const { timed } = require('./measure');
const { startRemoteSandbox } = require('./remote-sandbox');

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;
const { principal, secret } = SANDBOX_CREDENTIALS.tap;
const auth = { username: principal, password: secret };
const tapCredentials = (tapUrl) => ({ proofpointTapApi: { principal, secret, baseUrl: tapUrl } });
const iso = (ms) => new Date(ms).toISOString().replace('.000Z', 'Z');

const SIEM_HOURS = 24;
const SIEM_KINDS = ['clicksBlocked', 'clicksPermitted', 'messagesBlocked', 'messagesDelivered'];
// Each type's own endpoint, as a script that reads one type at a time asks them.
const TYPE_ENDPOINTS = {
	clicksBlocked: 'clicks/blocked',
	clicksPermitted: 'clicks/permitted',
	messagesBlocked: 'messages/blocked',
	messagesDelivered: 'messages/delivered',
};

/** Every type's endpoint hour by hour; the events' keys, sorted. TAP's JSON is sometimes labelled text/plain, so it is parsed here. */
async function perTypeClient(tapUrl, start, hours = SIEM_HOURS) {
	const keys = [];
	for (const kind of SIEM_KINDS) {
		for (let hour = 0; hour < hours; hour++) {
			const from = start + hour * HOUR_MS;
			const { data } = await axios.get(`${tapUrl}/v2/siem/${TYPE_ENDPOINTS[kind]}`, {
				auth,
				params: { interval: `${iso(from)}/${iso(from + HOUR_MS)}`, format: 'json' },
				responseType: 'text',
				transformResponse: (body) => body,
			});
			for (const event of JSON.parse(data)[kind]) keys.push(eventKey(kind, event));
		}
	}
	return keys.sort();
}

const sameList = (a, b) => a.length === b.length && a.every((value, index) => value === b[index]);

async function siemRangeBenchmark() {
	// The sandbox's clock stands still, so both clients see the same events (late indexing included).
	const now = Date.now();
	const sb = await startSandbox({ now: () => now });
	try {
		// The last 24 whole hours before the clock: in the past and well within TAP's 7 days.
		const end = Math.floor((now - 1) / HOUR_MS) * HOUR_MS;
		const start = end - SIEM_HOURS * HOUR_MS;
		const result = await runNode({
			parameters: {
				resource: 'siemEvent',
				operation: 'getAll',
				eventTypes: SIEM_KINDS,
				timeRange: 'between',
				startTime: new Date(start).toISOString(),
				endTime: new Date(end).toISOString(),
				returnAll: true,
				simplify: false,
			},
			credentials: sandboxCredentials(sb),
		});
		if (result.status !== 'success') throw new Error(`node run failed: ${result.error?.message}`);
		const nodeKeys = result.items.map((item) => eventKey(item.json.eventType, item.json)).sort();
		const nodeRequests = sb.requests.length;
		const nodePaths = [...new Set(sb.requests.map((request) => request.path))];
		sb.clearRequests();
		const baselineKeys = await perTypeClient(sb.tapUrl, start);
		const baselineRequests = sb.requests.length;
		const truth = sb.siem.truth({ kinds: SIEM_KINDS, start, end });
		const truthKeys = Object.entries(truth)
			.flatMap(([kind, events]) => events.map((event) => eventKey(kind, event)))
			.sort();
		const sameEvents = sameList(nodeKeys, baselineKeys);
		if (!sameEvents) throw new Error(`node returned ${nodeKeys.length} events, the per-type client ${baselineKeys.length}, and not the same ones`);
		return {
			setup: { hours: SIEM_HOURS, kinds: SIEM_KINDS, start: iso(start), end: iso(end) },
			events: nodeKeys.length,
			nodeRequests,
			nodePaths,
			baselineRequests,
			sameEvents,
			distinctEvents: new Set(nodeKeys).size === nodeKeys.length,
			matchesTruth: sameList(nodeKeys, truthKeys),
			goals: {
				'SIEM 24 h of four types in exactly 24 requests': nodeRequests === SIEM_HOURS,
				'the same events as the per-type client': sameEvents && new Set(nodeKeys).size === nodeKeys.length,
			},
		};
	} finally {
		await sb.close();
	}
}

const DECODE_URLS = 1000;
// The per-item client spends 1,000 of the decoder's 1,800 a day per run: the sandbox's clock moves a day on before each run.
const DECODE_RUNS = 5;

function decodeInput() {
	return Array.from({ length: DECODE_URLS }, (_, index) => {
		const original = `https://site${index}.example/p?q=${index}`;
		const link = index % 2 === 0 ? urldefense.encodeV3(original) : urldefense.encodeV2(original);
		return { original, json: { link } };
	});
}

/** One POST per item, one after another, as a per-item HTTP request would make them. */
async function perItemDecode(tapUrl, input) {
	const decoded = [];
	for (const item of input) {
		const { data } = await axios.post(`${tapUrl}/v2/url/decode`, { urls: [item.json.link] }, { auth });
		decoded.push(data.urls[0].decodedUrl);
	}
	return decoded;
}

async function nodeDecode(tapUrl, input) {
	const result = await runNode({
		parameters: { resource: 'url', operation: 'decode', urls: '={{ $json.link }}' },
		input: input.map(({ json }) => ({ json })),
		credentials: tapCredentials(tapUrl),
	});
	if (result.status !== 'success') throw new Error(`node run failed: ${result.error?.message}`);
	return result.items.map((item) => item.json.decodedUrl);
}

/** A contender's runs, each on a fresh daily pool after a collected heap: the median time and its requests. */
async function decodeRuns(sb, contender, input) {
	const runs = [];
	for (let i = 0; i < DECODE_RUNS; i++) {
		await sb.advanceTime(DAY_MS + 60 * 1000);
		const before = await sb.report();
		global.gc?.();
		let decoded;
		const ms = await timed(async () => (decoded = await contender(sb.tapUrl, input)));
		const after = await sb.report();
		const correct = decoded.length === input.length && decoded.every((url, index) => url === input[index].original);
		if (!correct) throw new Error(`${contender.name} decoded ${decoded.length} URLs, not the ${input.length} given`);
		runs.push({ ms, requests: after.requests - before.requests });
	}
	const sorted = [...runs].sort((a, b) => a.ms - b.ms);
	return { ...sorted[Math.floor(DECODE_RUNS / 2)], runsMs: runs.map((run) => Math.round(run.ms)) };
}

async function urlDecodeBenchmark() {
	const sb = await startRemoteSandbox({ sandbox: {} });
	try {
		const input = decodeInput();
		// Module loading and JIT are not what is measured: a few items through each first.
		await nodeDecode(sb.tapUrl, input.slice(0, 10));
		await perItemDecode(sb.tapUrl, input.slice(0, 10));
		const node = await decodeRuns(sb, nodeDecode, input);
		const perItem = await decodeRuns(sb, perItemDecode, input);
		return {
			setup: { urls: DECODE_URLS, items: DECODE_URLS, runs: DECODE_RUNS },
			node,
			perItem,
			speedup: perItem.ms / node.ms,
			goals: { 'URL Decode of 1,000 items in 1 request': node.requests === 1 },
		};
	} finally {
		await sb.close();
	}
}

const THREAT_ITEMS = 500;
const THREAT_IDS = 12;

/** One GET per item, as a per-item HTTP request would make them. */
async function perItemThreats(tapUrl, input) {
	const answers = [];
	for (const item of input) {
		const { data } = await axios.get(`${tapUrl}/v2/threat/summary/${encodeURIComponent(item.json.threatId)}`, { auth });
		answers.push(data.id);
	}
	return answers;
}

async function threatGetBenchmark() {
	const sb = await startSandbox();
	try {
		const threats = sb.siem.threats().slice(0, THREAT_IDS);
		const input = Array.from({ length: THREAT_ITEMS }, (_, index) => ({ json: { threatId: threats[index % THREAT_IDS].id } }));
		const result = await runNode({
			parameters: { resource: 'threat', operation: 'get', threatId: '={{ $json.threatId }}' },
			input,
			credentials: sandboxCredentials(sb),
		});
		if (result.status !== 'success') throw new Error(`node run failed: ${result.error?.message}`);
		const answered = result.items.length === THREAT_ITEMS && result.items.every((item, index) => item.json.id === input[index].json.threatId);
		if (!answered) throw new Error(`node answered ${result.items.length} items, not each with its threat`);
		const nodeRequests = sb.requests.length;
		const nodePaths = new Set(sb.requests.map((request) => request.path)).size;
		sb.clearRequests();
		const answers = await perItemThreats(sb.tapUrl, input);
		if (!answers.every((id, index) => id === input[index].json.threatId)) throw new Error('the per-item client got wrong answers');
		return {
			setup: { items: THREAT_ITEMS, threats: THREAT_IDS },
			nodeRequests,
			nodeDistinctPaths: nodePaths,
			perItemRequests: sb.requests.length,
			goals: { 'Threat Get for 500 items in exactly 12 requests': nodeRequests === THREAT_IDS && nodePaths === THREAT_IDS },
		};
	} finally {
		await sb.close();
	}
}

module.exports = { siemRangeBenchmark, urlDecodeBenchmark, threatGetBenchmark, perTypeClient };
