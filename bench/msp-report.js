// For MSPs: the Proofpoint part of the monthly customer report (examples/7-monthly-customer-report.json) across
// 500 customers at 25 ms latency. Its three Proofpoint nodes run as exported, one after another as the workflow
// connects them, against a script asking customer after customer (as MSPs loop over child organizations) in the
// same run, and against the physical limit of the node's requests, its concurrency and their dependency chain.
const fs = require('node:fs');
const path = require('node:path');
const axios = require('axios');
const { SANDBOX_CREDENTIALS, essentialsHeaders, essentialsThreatAuth } = require('../sandbox');
const { runNode } = require('../test/harness');
const { DEFAULT_CHILD_CONCURRENCY } = require('../dist/nodes/Proofpoint/actions/childOrganizations');
const { SIEM_WINDOW } = require('../dist/nodes/Proofpoint/transport/siem');
const { DAY_MS, SERVED_MARGIN_MS } = require('../dist/nodes/Proofpoint/helpers/timeRange');
const { startRemoteSandbox } = require('./remote-sandbox');
const { timed } = require('./measure');

const CUSTOMERS = 500;
const LATENCY_MS = 25;
// One threat event an hour per customer (the sandbox's default is 12): the report's threat part stays a matter of
// requests and latency, not of half a million events.
const THREAT_EVENTS_PER_HOUR = 1;
const THREAT_DAYS = 3;
const PARTNER = 'partner.example';
const { partner } = SANDBOX_CREDENTIALS.essentials;
const EVENT_TYPES = ['clicksBlocked', 'clicksPermitted', 'messagesBlocked', 'messagesDelivered'];

const workflow = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'examples', '7-monthly-customer-report.json'), 'utf8'));
const exported = (name) => workflow.nodes.find((node) => node.name === name);
const STEPS = [
	{ key: 'mailStats', node: exported('Mail statistics, last 30 days') },
	{ key: 'licenceUsage', node: exported('Licence usage') },
	{ key: 'threatEvents', node: exported('Threat events, last 3 days') },
];

function credentials(sb) {
	const { apiKey, apiKeySecret } = SANDBOX_CREDENTIALS.essentialsThreat.partner;
	return {
		proofpointEssentialsApi: { stack: 'custom', baseUrl: sb.essentialsUrl, apiUser: partner.apiUser, apiKey: partner.apiKey },
		proofpointTapApi: { platform: 'essentialsCustom', principal: apiKey, secret: apiKeySecret, baseUrl: sb.essentialsThreatUrl },
	};
}

/** Runs `step` and counts the sandbox's requests it made: {ms, requests, result}. */
async function measured(sb, step) {
	const before = (await sb.report()).requests;
	let result;
	const ms = await timed(async () => (result = await step()));
	return { ms, requests: (await sb.report()).requests - before, result };
}

/** The three Proofpoint nodes as exported, in the workflow's order: each step's time, requests and items. */
async function nodeReport(sb) {
	const steps = {};
	for (const { key, node } of STEPS) {
		const { ms, requests, result } = await measured(sb, () => runNode({ parameters: node.parameters, typeVersion: node.typeVersion, credentials: credentials(sb) }));
		if (result.status !== 'success') throw new Error(`${node.name}: ${result.error?.message}`);
		steps[key] = { ms, requests, items: result.items.length };
	}
	return steps;
}

/** The report as a script makes it, one request at a time: the list and each customer's statistics, the list and each one's licensing and users, then the hours of threat events. */
async function sequentialReport(sb) {
	const essentials = axios.create({ baseURL: sb.essentialsUrl, headers: essentialsHeaders(partner) });
	const customers = async () => (await essentials.get(`/orgs/${PARTNER}/orgs`)).data.orgs.map((org) => org.primary_domain);
	const mailStats = await measured(sb, async () => {
		const rows = [];
		for (const domain of await customers()) rows.push((await essentials.get(`/stats/${domain}/partner`, { params: { period: '30d' } })).data);
		return rows.length;
	});
	const licenceUsage = await measured(sb, async () => {
		const rows = [];
		for (const domain of await customers()) {
			const licensing = (await essentials.get(`/orgs/${domain}/licensing`)).data;
			const users = (await essentials.get(`/orgs/${domain}/users`)).data.users;
			rows.push({ domain, licenses: licensing.license_count, users: users.length });
		}
		return rows.length;
	});
	const threat = axios.create({ baseURL: sb.essentialsThreatUrl, auth: essentialsThreatAuth() });
	// A new minute for the key, whose 120 requests a minute the node's 72 have just used most of.
	const end = await sb.advanceTime(60 * 1000);
	const threatEvents = await measured(sb, async () => {
		let events = 0;
		for (let start = end - THREAT_DAYS * DAY_MS + SERVED_MARGIN_MS; start < end; start += SIEM_WINDOW.maxMs) {
			const interval = `${new Date(start).toISOString()}/${new Date(Math.min(start + SIEM_WINDOW.maxMs, end)).toISOString()}`;
			const { data } = await threat.get('/v2/siem/all', { params: { interval, ownData: true, customerData: true } });
			for (const type of EVENT_TYPES) events += data?.[type]?.length ?? 0;
		}
		return events;
	});
	const steps = { mailStats, licenceUsage, threatEvents };
	return Object.fromEntries(Object.entries(steps).map(([key, { ms, requests, result }]) => [key, { ms, requests, items: result }]));
}

/**
 * What no client of the node's plan can beat at latency L: the statistics in one round (the list and the partner
 * form at once); for usage one list request, then ⌈N/C⌉ rounds of two requests one after the other; the threat
 * events hour after hour, as each window starts where the previous answer ended; the nodes one after another.
 */
function physicalLimit(customers, concurrency, latencyMs) {
	const rounds = Math.ceil(customers / concurrency);
	const hours = Math.ceil((THREAT_DAYS * DAY_MS - SERVED_MARGIN_MS) / SIEM_WINDOW.maxMs);
	const chain = { mailStats: 1, licenceUsage: 1 + 2 * rounds, threatEvents: hours };
	return { chain, hours, ms: Object.values(chain).reduce((sum, length) => sum + length, 0) * latencyMs };
}

const total = (steps, field) => Object.values(steps).reduce((sum, step) => sum + step[field], 0);

async function monthlyReportBenchmark() {
	// The partner's 500 customers: the generated big one and 499 more.
	const sb = await startRemoteSandbox({
		tenant: { domain: 'big.example', users: 20, seed: 6, children: CUSTOMERS - 1, usersPerChild: 20 },
		sandbox: { latencyMs: LATENCY_MS, siem: { perHour: THREAT_EVENTS_PER_HOUR } },
	});
	try {
		const node = await nodeReport(sb);
		const sequential = await sequentialReport(sb);
		if (node.mailStats.items !== CUSTOMERS || node.licenceUsage.items !== CUSTOMERS || sequential.mailStats.items !== CUSTOMERS) {
			throw new Error(`expected ${CUSTOMERS} customers, got ${node.mailStats.items} / ${node.licenceUsage.items} / ${sequential.mailStats.items}`);
		}
		const limit = physicalLimit(CUSTOMERS, DEFAULT_CHILD_CONCURRENCY, LATENCY_MS);
		const nodeMs = total(node, 'ms');
		const nodeRequests = total(node, 'requests');
		const sequentialMs = total(sequential, 'ms');
		return {
			setup: { customers: CUSTOMERS, latencyMs: LATENCY_MS, concurrency: DEFAULT_CHILD_CONCURRENCY, threatEventsPerHour: THREAT_EVENTS_PER_HOUR, threatDays: THREAT_DAYS },
			node: { ...node, ms: nodeMs, requests: nodeRequests },
			sequential: { ...sequential, ms: sequentialMs, requests: total(sequential, 'requests') },
			limit,
			speedup: sequentialMs / nodeMs,
			ratioToLimit: nodeMs / limit.ms,
			goals: {
				[`mail statistics across ${CUSTOMERS} customers in exactly 2 requests`]: node.mailStats.requests === 2,
				[`licence usage across ${CUSTOMERS} customers in exactly 1 + 2 × ${CUSTOMERS} requests`]: node.licenceUsage.requests === 1 + 2 * CUSTOMERS,
				[`threat events of the last ${THREAT_DAYS} days for all customers in exactly ${limit.hours} requests`]: node.threatEvents.requests === limit.hours,
				'the monthly report within 1.5× its physical limit': nodeMs <= 1.5 * limit.ms,
			},
		};
	} finally {
		await sb.close();
	}
}

module.exports = { monthlyReportBenchmark };
