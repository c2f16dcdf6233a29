// For MSPs: the licence report across 500 customers (requests, and wall time at the default
// concurrency against a sequential client in the same run), the monthly customer report's
// Proofpoint part across the same 500 (msp-report.js), and how fast the editor's pickers
// answer a search on a partner with 2,000 customers and on an organization of 50,000 users.
const axios = require('axios');
const { SANDBOX_CREDENTIALS, essentialsHeaders } = require('../sandbox');
const { runNode, searchList } = require('../test/harness');
const { monthlyReportBenchmark } = require('./msp-report');
const { startRemoteSandbox } = require('./remote-sandbox');
const { timed } = require('./measure');

const CUSTOMERS = 500;
const LATENCY_MS = 25;
const SEARCHES = 7;
const { partner } = SANDBOX_CREDENTIALS.essentials;
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const essentialsCredentials = (baseUrl) => ({ proofpointEssentialsApi: { stack: 'custom', baseUrl, apiUser: partner.apiUser, apiKey: partner.apiKey } });

/** The report a script would make: the customers, then each one's licensing and users, one request at a time. */
async function sequentialReport(baseUrl) {
	const api = axios.create({ baseURL: baseUrl, headers: essentialsHeaders(partner) });
	const { data } = await api.get('/orgs/partner.example/orgs');
	const rows = [];
	for (const org of data.orgs) {
		const licensing = (await api.get(`/orgs/${org.primary_domain}/licensing`)).data;
		const users = (await api.get(`/orgs/${org.primary_domain}/users`)).data.users;
		rows.push({ domain: org.primary_domain, licenses: licensing.license_count, users: users.length });
	}
	return rows;
}

async function licenceReport() {
	// 500 customers of the partner, besides the generated big one.
	const sb = await startRemoteSandbox({ tenant: { domain: 'big.example', users: 20, seed: 6, children: CUSTOMERS - 1, usersPerChild: 20 }, sandbox: { latencyMs: LATENCY_MS } });
	try {
		const before = (await sb.report()).requests;
		let items = [];
		const nodeMs = await timed(async () => {
			const result = await runNode({
				parameters: { resource: 'licensing', operation: 'getUsage', domain: 'partner.example', usageOf: 'children' },
				credentials: essentialsCredentials(sb.essentialsUrl),
			});
			if (result.status !== 'success') throw new Error(result.error?.message);
			items = result.items;
		});
		const nodeRequests = (await sb.report()).requests - before;
		let rows = [];
		const sequentialMs = await timed(async () => {
			rows = await sequentialReport(sb.essentialsUrl);
		});
		const sequentialRequests = (await sb.report()).requests - before - nodeRequests;
		if (items.length !== CUSTOMERS || rows.length !== CUSTOMERS) throw new Error(`expected ${CUSTOMERS} organizations, got ${items.length} / ${rows.length}`);
		return {
			setup: { customers: CUSTOMERS, latencyMs: LATENCY_MS, concurrency: 5 },
			nodeMs,
			nodeRequests,
			sequentialMs,
			sequentialRequests,
			overLicensed: items.filter((item) => item.json.licensing === 'over-licensed').length,
			goals: { [`licence report across ${CUSTOMERS} customers in exactly 1 + 2 × ${CUSTOMERS} requests`]: nodeRequests === 1 + 2 * CUSTOMERS },
		};
	} finally {
		await sb.close();
	}
}

/** Median time of a picker's search, as the editor asks it (n8n-core's LoadOptionsContext, one search per keystroke). */
async function timedSearch(method, baseUrl, options) {
	const times = [];
	let answer;
	for (let run = 0; run < SEARCHES; run++) times.push(await timed(async () => (answer = await searchList(method, { credentials: essentialsCredentials(baseUrl), ...options }))));
	if (answer.error) throw new Error(answer.error.message);
	return { ms: median(times), results: answer.results.length };
}

async function pickerSearch() {
	const partnerSb = await startRemoteSandbox({ tenant: { domain: 'big.example', users: 10, seed: 7, children: 2000, usersPerChild: 2 }, sandbox: {} });
	let organizations;
	try {
		organizations = await timedSearch('searchOrganizations', partnerSb.essentialsUrl, { filter: 'customer1234' });
	} finally {
		await partnerSb.close();
	}
	const usersSb = await startRemoteSandbox({ tenant: { domain: 'huge.example', users: 50000, seed: 1 }, sandbox: {} });
	try {
		const users = await timedSearch('searchUsers', usersSb.essentialsUrl, { filter: 'user04321', parameters: { resource: 'user', operation: 'get', domain: 'huge.example' } });
		return { organizations: { count: 2002, ...organizations }, users: { count: 50000, ...users } };
	} finally {
		await usersSb.close();
	}
}

async function mspBenchmark() {
	const report = await licenceReport();
	const monthlyReport = await monthlyReportBenchmark();
	const search = await pickerSearch();
	return {
		report,
		monthlyReport,
		search,
		goals: { ...report.goals, ...monthlyReport.goals, 'a picker search on 50,000 users answers within a second': search.users.ms < 1000 },
	};
}

module.exports = { mspBenchmark };
