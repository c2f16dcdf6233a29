// SIEM Event → Get Many on one hour of 20,000 delivered messages through n8n-core against a
// bare GET + JSON.parse of the same hour, each in its own process, the sandbox in a third.
const { execFile } = require('node:child_process');
const path = require('node:path');
const { promisify } = require('node:util');
const { startRemoteSandbox } = require('./remote-sandbox');

const EVENTS = 20000;
const HOUR_MS = 60 * 60 * 1000;
const iso = (ms) => new Date(ms).toISOString().replace('.000Z', 'Z');

async function contender(kind, tapUrl, start) {
	const { stdout } = await promisify(execFile)(
		process.execPath,
		['--expose-gc', path.join(__dirname, 'siem-burst-child.js'), kind, tapUrl, iso(start), iso(start + HOUR_MS)],
		{ maxBuffer: 1024 * 1024 },
	);
	return JSON.parse(stdout);
}

async function siemBurstBenchmark() {
	// No generated events: the hour holds the burst alone.
	const sb = await startRemoteSandbox({ sandbox: { siem: false } });
	try {
		// An hour that ended an hour before the sandbox's clock: in the past, well within TAP's 7 days.
		const start = Math.floor(sb.now / HOUR_MS) * HOUR_MS - 2 * HOUR_MS;
		const added = await sb.siem('addBurst', { kind: 'messagesDelivered', start, durationMs: HOUR_MS, count: EVENTS });
		if (added !== EVENTS) throw new Error(`the sandbox added ${added} events`);
		// The answer as it comes over the wire, read and dropped: what both contenders wait for before parsing.
		const wire = await contender('wire', sb.tapUrl, start);
		const bare = await contender('bare', sb.tapUrl, start);
		const node = await contender('node', sb.tapUrl, start);
		if (node.count !== EVENTS || bare.count !== EVENTS) throw new Error(`expected ${EVENTS} events, got ${node.count} / ${bare.count}`);
		return {
			setup: { events: EVENTS, kind: 'messagesDelivered', start: iso(start), end: iso(start + HOUR_MS), answerBytes: wire.bytes },
			node,
			bare,
			wire,
			timeRatio: node.medianMs / bare.medianMs,
			memoryRatio: node.peakRssMb / bare.peakRssMb,
			// Peak minus what the process held once its modules were loaded: the memory the events themselves took.
			listingMemoryRatio: (node.peakRssMb - node.loadedRssMb) / (bare.peakRssMb - bare.loadedRssMb),
			goals: { '20,000 SIEM events within 1.5× of a bare GET + JSON.parse': node.medianMs / bare.medianMs <= 1.5 },
		};
	} finally {
		await sb.close();
	}
}

module.exports = { siemBurstBenchmark };
