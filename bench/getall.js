// User → Get Many on 50,000 users through n8n-core against a bare GET + JSON.parse.
const { execFile } = require('node:child_process');
const path = require('node:path');
const { promisify } = require('node:util');
const { startRemoteSandbox } = require('./remote-sandbox');

const USERS = 50000;
const DOMAIN = 'huge.example';

async function contender(kind, baseUrl) {
	const { stdout } = await promisify(execFile)(process.execPath, ['--expose-gc', path.join(__dirname, 'getall-child.js'), kind, baseUrl, DOMAIN], {
		maxBuffer: 1024 * 1024,
	});
	return JSON.parse(stdout);
}

async function getAllBenchmark() {
	const sb = await startRemoteSandbox({ tenant: { domain: DOMAIN, users: USERS, seed: 1 }, sandbox: {} });
	try {
		const baseUrl = sb.essentialsUrl;
		const bare = await contender('bare', baseUrl);
		const node = await contender('node', baseUrl);
		if (node.count !== USERS || bare.count !== USERS) throw new Error(`expected ${USERS} users, got ${node.count} / ${bare.count}`);
		return {
			setup: { users: USERS },
			node,
			bare,
			timeRatio: node.medianMs / bare.medianMs,
			memoryRatio: node.peakRssMb / bare.peakRssMb,
			// Peak minus what the process held once its modules were loaded: the memory the listing itself took.
			listingMemoryRatio: (node.peakRssMb - node.loadedRssMb) / (bare.peakRssMb - bare.loadedRssMb),
			goals: { 'within 1.5× of a bare GET + JSON.parse': node.medianMs / bare.medianMs <= 1.5 },
		};
	} finally {
		await sb.close();
	}
}

module.exports = { getAllBenchmark };
