// VAP Return All on 2,500 people: requests made by the node against the naive loop-until-empty.
const axios = require('axios');
const { startSandbox, SANDBOX_CREDENTIALS } = require('../sandbox');
const { runNode } = require('../test/harness');
const { sandboxCredentials } = require('../test/support');

const VAPS = 2500;
const PAGE_SIZE = 1000;

/** Asks for pages until one comes back empty, as most scripts do. */
async function loopUntilEmpty(tapUrl) {
	const { principal, secret } = SANDBOX_CREDENTIALS.tap;
	const people = [];
	for (let page = 1; ; page++) {
		const { data } = await axios.get(`${tapUrl}/v2/people/vap`, {
			auth: { username: principal, password: secret },
			params: { window: 30, size: PAGE_SIZE, page },
		});
		if (data.users.length === 0) return people;
		people.push(...data.users);
	}
}

async function vapBenchmark() {
	const sb = await startSandbox({ vapCount: VAPS });
	try {
		const result = await runNode({
			parameters: { resource: 'vap', operation: 'getAll', window: 30, returnAll: true, simplify: true, options: { pageSize: PAGE_SIZE } },
			credentials: sandboxCredentials(sb),
		});
		if (result.status !== 'success' || result.items.length !== VAPS) throw new Error(`node returned ${result.items.length} people`);
		const nodeRequests = sb.requests.length;
		sb.clearRequests();
		const naive = await loopUntilEmpty(sb.tapUrl);
		if (naive.length !== VAPS) throw new Error(`naive loop returned ${naive.length} people`);
		return {
			setup: { vaps: VAPS, pageSize: PAGE_SIZE },
			nodeRequests,
			naiveRequests: sb.requests.length,
			goals: { 'exactly ceil(total / page size) requests': nodeRequests === Math.ceil(VAPS / PAGE_SIZE) },
		};
	} finally {
		await sb.close();
	}
}

module.exports = { vapBenchmark };
