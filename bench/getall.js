// User → Get Many on 50,000 users through n8n-core against a bare GET + JSON.parse.
const { execFile } = require('node:child_process');
const path = require('node:path');
const { promisify } = require('node:util');
const { startSandbox, generateTenant } = require('../sandbox');

const USERS = 50000;
const DOMAIN = 'huge.example';

async function contender(kind, baseUrl) {
	const { stdout } = await promisify(execFile)(process.execPath, [path.join(__dirname, 'getall-child.js'), kind, baseUrl, DOMAIN], {
		maxBuffer: 1024 * 1024,
	});
	return JSON.parse(stdout);
}

async function getAllBenchmark() {
	const sb = await startSandbox({ tenant: generateTenant({ domain: DOMAIN, users: USERS }) });
	try {
		const baseUrl = sb.essentialsUrl('us1');
		const bare = await contender('bare', baseUrl);
		const node = await contender('node', baseUrl);
		if (node.count !== USERS || bare.count !== USERS) throw new Error(`expected ${USERS} users, got ${node.count} / ${bare.count}`);
		return {
			setup: { users: USERS },
			node,
			bare,
			timeRatio: node.medianMs / bare.medianMs,
			memoryRatio: node.peakRssMb / bare.peakRssMb,
			goals: { 'within 1.5× of a bare GET + JSON.parse': node.medianMs / bare.medianMs <= 1.5 },
		};
	} finally {
		await sb.close();
	}
}

module.exports = { getAllBenchmark };
