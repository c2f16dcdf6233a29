// The Proofpoint Trigger through n8n-core's PollContext: what an empty poll costs (requests, CPU),
// the requests of the longest backfill TAP allows against a per-type client, and how fast a busy
// hour of events is emitted beside a bare loop over the same JSON. The sandbox runs in its own
// process; the trigger's clock and the sandbox's are moved on together.
const axios = require('axios');
const { SANDBOX_CREDENTIALS } = require('../sandbox');
const { activeTrigger } = require('../test/harness');
const { eventKey } = require('../dist/nodes/Proofpoint/helpers/threatEvents');
const { startRemoteSandbox } = require('./remote-sandbox');
const { perTypeClient } = require('./threats');
const { timed } = require('./measure');

const MINUTE_MS = 60 * 1000;
const HOUR_MS = 60 * MINUTE_MS;
const ALL_KINDS = ['clicksBlocked', 'clicksPermitted', 'messagesBlocked', 'messagesDelivered'];
const EMPTY_POLLS = 30;
const BACKFILL_HOURS = 167;
const BUSY_EVENTS = 20000;
const CAP = 500;
const RUNS = 5;
const { principal, secret } = SANDBOX_CREDENTIALS.tap;
const quiet = { warn() {}, info() {}, debug() {}, error() {} };
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

// The trigger reads Date.now(); the sandbox's clock is moved by the same amount over IPC.
const realNow = Date.now.bind(Date);
let offset = 0;
async function advance(sb, ms) {
	offset += ms;
	await sb.advanceTime(ms);
}

function trigger(sb, parameters, saved) {
	return activeTrigger({
		parameters: { eventTypes: ALL_KINDS, simplify: false, ...parameters },
		credentials: { proofpointTapApi: { principal, secret, baseUrl: sb.tapUrl } },
		logger: quiet,
		saved,
	});
}

async function requestsOf(sb) {
	const { requests } = await sb.report();
	return requests;
}

/** Polls every 5 minutes with nothing to find: requests and CPU milliseconds per poll. */
async function emptyPolls(sb) {
	const poller = trigger(sb, {});
	await poller.poll();
	const before = await requestsOf(sb);
	const cpu = [];
	for (let poll = 0; poll < EMPTY_POLLS; poll++) {
		await advance(sb, 5 * MINUTE_MS);
		const started = process.cpuUsage();
		const result = await poller.poll();
		const used = process.cpuUsage(started);
		if (result.status !== 'success' || result.emitted) throw new Error(`an empty poll ended ${result.status}, emitted ${result.emitted}`);
		cpu.push((used.user + used.system) / 1000);
	}
	return { polls: EMPTY_POLLS, requestsPerPoll: ((await requestsOf(sb)) - before) / EMPTY_POLLS, cpuMs: median(cpu) };
}

/** The first poll of a 167-hour backfill, all four types, against each type's endpoint hour by hour. */
async function backfill(sb) {
	const before = await requestsOf(sb);
	const startedAt = Date.now();
	const result = await trigger(sb, { firstActivation: 'backfill', backfillAmount: BACKFILL_HOURS, backfillUnit: 'hours', maxEventsPerPoll: 100000 }).poll();
	if (result.status !== 'success') throw new Error(`the backfill failed: ${result.error?.message}`);
	const nodeRequests = (await requestsOf(sb)) - before;
	const nodeKeys = result.items.map((item) => eventKey(item.json.eventType, item.json)).sort();
	const end = Math.floor((Date.now() - 1) / MINUTE_MS) * MINUTE_MS;
	const perType = await perTypeClient(sb.tapUrl, end - BACKFILL_HOURS * HOUR_MS, BACKFILL_HOURS);
	const perTypeRequests = (await requestsOf(sb)) - before - nodeRequests;
	return { hours: BACKFILL_HOURS, events: nodeKeys.length, nodeRequests, perTypeRequests, sameEvents: nodeKeys.join() === perType.join(), startedAt, keys: nodeKeys };
}

/**
 * The same backfill capped at 500 events per poll, polled a minute apart until it is caught up:
 * its requests beside the uncapped first poll's, and the largest state it saved.
 */
async function cappedBackfill(sb, uncapped) {
	// Back to the instant the uncapped backfill started, so both read the same span.
	await advance(sb, uncapped.startedAt - Date.now());
	const before = await requestsOf(sb);
	const poller = trigger(sb, { firstActivation: 'backfill', backfillAmount: BACKFILL_HOURS, backfillUnit: 'hours', maxEventsPerPoll: CAP });
	const keys = new Set();
	let emitted = 0;
	let capped = 0;
	let polls = 0;
	let stateBytes = 0;
	for (; polls < 1000; polls++) {
		const result = await poller.poll();
		if (result.status !== 'success') throw new Error(`a capped backfill poll failed: ${result.error?.message}`);
		for (const item of result.items) keys.add(eventKey(item.json.eventType, item.json));
		emitted += result.items.length;
		if (result.items.length === CAP) capped += 1;
		stateBytes = Math.max(stateBytes, JSON.stringify(poller.saved()).length);
		await advance(sb, MINUTE_MS);
		if (result.items.length < CAP) break;
	}
	return {
		hours: BACKFILL_HOURS,
		cap: CAP,
		events: keys.size,
		emitted,
		polls: polls + 1,
		capped,
		requests: (await requestsOf(sb)) - before,
		uncappedRequests: uncapped.nodeRequests,
		// The polls a minute apart may also find events of those minutes: every event of the uncapped read, each once.
		sameEvents: emitted === keys.size && uncapped.keys.every((key) => keys.has(key)),
		stateBytes,
	};
}

/** The busy hour read as a script would: one GET, parsed, one item per event. */
async function bareLoop(tapUrl, start, end) {
	const response = await axios.get(`${tapUrl}/v2/siem/all`, {
		auth: { username: principal, password: secret },
		params: { interval: `${new Date(start).toISOString()}/${new Date(end).toISOString()}`, format: 'json' },
		responseType: 'text',
		transformResponse: (body) => body,
	});
	const body = JSON.parse(response.data);
	const items = [];
	for (const kind of ALL_KINDS) for (const event of body[kind] ?? []) items.push({ json: event });
	return items.length;
}

/** One hour of 20,000 delivered messages emitted by a poll, beside the bare loop; events per second, median of 5. */
async function busyHour(sb) {
	const start = Math.floor(Date.now() / HOUR_MS) * HOUR_MS - 2 * HOUR_MS;
	await sb.siem('addBurst', { kind: 'messagesDelivered', start, durationMs: HOUR_MS, count: BUSY_EVENTS });
	const instant = new Date(start).toISOString();
	const saved = { since: instant, cursor: instant, seen: {} };
	const nodeMs = [];
	const bareMs = [];
	for (let run = 0; run < RUNS; run++) {
		global.gc();
		let emitted = 0;
		nodeMs.push(await timed(async () => {
			const result = await trigger(sb, { maxEventsPerPoll: 100000 }, saved).poll();
			emitted = result.items.length;
		}));
		if (emitted !== BUSY_EVENTS) throw new Error(`the poll emitted ${emitted} events`);
		global.gc();
		bareMs.push(await timed(async () => {
			const count = await bareLoop(sb.tapUrl, start, start + HOUR_MS);
			if (count !== BUSY_EVENTS) throw new Error(`the bare loop read ${count} events`);
		}));
	}
	const perSecond = (ms) => Math.round(BUSY_EVENTS / (median(ms) / 1000));
	return { events: BUSY_EVENTS, nodeMs: Math.round(median(nodeMs)), bareMs: Math.round(median(bareMs)), nodePerSecond: perSecond(nodeMs), barePerSecond: perSecond(bareMs) };
}

async function triggerBenchmark() {
	Date.now = () => realNow() + offset;
	const sb = await startRemoteSandbox({ sandbox: { siem: { seed: 9, perHour: 12, statusChanges: false } } });
	try {
		const backfilled = await backfill(sb);
		const capped = await cappedBackfill(sb, backfilled);
		delete backfilled.keys;
		await sb.siem('clear');
		const empty = await emptyPolls(sb);
		const busy = await busyHour(sb);
		return {
			empty,
			backfill: backfilled,
			capped,
			busy,
			goals: {
				'an empty poll makes one request': empty.requestsPerPoll === 1,
				[`a ${BACKFILL_HOURS}-hour backfill of all types in ${BACKFILL_HOURS} requests`]: backfilled.nodeRequests === BACKFILL_HOURS,
				'the backfill emits the per-type client\'s events': backfilled.sameEvents,
				'a capped backfill costs at most one request more per capped poll': capped.requests <= capped.uncappedRequests + 1 + capped.capped,
				'a capped backfill emits every event once': capped.sameEvents,
			},
		};
	} finally {
		Date.now = realNow;
		await sb.close();
	}
}

module.exports = { triggerBenchmark };
