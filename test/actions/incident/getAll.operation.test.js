'use strict';

const { useSandbox, sandboxCredentials, threatProtectionCredential } = require('../../support');

const SEARCH = '/api/v1/tric/incidents';

/** The credential paced to 600 CTR calls a minute, as the sandbox is started here: tests do not wait on the real rate. */
const fastCredentials = (sb) => ({ ...sandboxCredentials(sb), proofpointThreatProtectionOAuth2Api: threatProtectionCredential(sb, { ctrCallsPerMinute: 600 }) });

const getMany = (parameters = {}) => ({ resource: 'incident', operation: 'getAll', timeRange: 'any', returnAll: true, simplify: true, ...parameters });
const searches = (sb) => sb.requests.filter((request) => request.method === 'POST' && request.path === SEARCH);
const ids = (result) => result.items.map((item) => item.json.id);
const newestFirst = (incidents) => [...incidents].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
const utc = (ms) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
const until = async (condition) => {
	while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
};

describe('Incident → Get Many', () => {
	const { run: runNode, sb } = useSandbox({ retryAfterSeconds: 0, threatProtection: { ctrPerMinute: 600 } });
	const run = (parameters, options = {}) => runNode(parameters, { credentials: fastCredentials(sb()), ...options });
	let all;

	beforeAll(() => {
		all = sb().threatProtection.incidents();
	});

	it("reads all 1,200 of the sandbox's incidents, newest first, in 12 requests of 100 rows (endRow excluded)", async () => {
		const result = await run(getMany());

		expect(result.error).toBeUndefined();
		expect(ids(result)).toEqual(newestFirst(all).map((incident) => incident.id));
		expect(searches(sb()).map(({ body }) => [body.startRow, body.endRow])).toEqual(Array.from({ length: 12 }, (_, page) => [page * 100, page * 100 + 100]));
		expect(searches(sb())[0].body.sortParams).toEqual([{ sort: 'desc', colId: 'createdAt' }]);
	});

	it('stops at the Limit: 250 incidents are 3 requests, the last for 50 rows', async () => {
		const result = await run(getMany({ returnAll: false, limit: 250 }));

		expect(result.items).toHaveLength(250);
		expect(ids(result)).toEqual(newestFirst(all).slice(0, 250).map((incident) => incident.id));
		expect(searches(sb()).map(({ body }) => [body.startRow, body.endRow])).toEqual([[0, 100], [100, 200], [200, 250]]);
	});

	it('reads oldest first when asked, which is also what a Limit keeps', async () => {
		const result = await run(getMany({ returnAll: false, limit: 5, options: { order: 'oldest' } }));

		expect(ids(result)).toEqual(all.slice(0, 5).map((incident) => incident.id));
		expect(searches(sb())[0].body.sortParams).toEqual([{ sort: 'asc', colId: 'createdAt' }]);
	});

	describe('each filter filters', () => {
		const expected = {
			'Source TAP': [{ filters: { sources: ['tap'] } }, (incident) => incident.sourceTypes.includes('tap_alert')],
			'Source Abuse Mailbox or CSV Upload': [{ filters: { sources: ['abuse_mailbox', 'message_csv_upload'] } }, (incident) => ['abuse_mailbox', 'message_csv_upload'].includes(incident.sourceTypes[0])],
			'Disposition Phish': [{ filters: { dispositions: ['phish'] } }, (incident) => incident.dispositions.includes('phish')],
			'Verdict Threat': [{ filters: { verdicts: ['threat'] } }, (incident) => (incident.clearVerdicts ?? []).includes('threat')],
			'Confidence High': [{ filters: { confidences: ['high'] } }, (incident) => (incident.clearConfidences ?? []).includes('high')],
			'Priority High or Low': [{ filters: { priorities: ['high', 'low'] } }, (incident) => ['high', 'low'].includes(incident.priority)],
			'VAP Only': [{ filters: { vapOnly: true } }, (incident) => incident.vap],
			'State Open': [{ states: ['open'] }, (incident) => incident.state === 'open'],
			'State Closed': [{ states: ['closed'] }, (incident) => incident.state === 'closed'],
			'State Open with VAP Only': [{ states: ['open'], filters: { vapOnly: true } }, (incident) => incident.state === 'open' && incident.vap],
		};

		it.each(Object.entries(expected))('%s', async (_, [parameters, selects]) => {
			const wanted = newestFirst(all.filter(selects)).map((incident) => incident.id);
			const result = await run(getMany(parameters));

			expect(wanted.length).toBeGreaterThan(0);
			expect(wanted.length).toBeLessThan(all.length);
			expect(ids(result)).toEqual(wanted);
			expect(searches(sb())).toHaveLength(Math.ceil(wanted.length / 100));
		});

		it('a time range selects by creation time, sent as UTC without a zone', async () => {
			const start = all[300].createdAt;
			const end = all[420].createdAt;
			const result = await run(getMany({ timeRange: 'between', startTime: start, endTime: end }));

			// The range is widened to whole seconds; the sandbox takes both edges as included.
			const [from, to] = [Math.floor(Date.parse(start) / 1000) * 1000, Math.ceil(Date.parse(end) / 1000) * 1000];
			const wanted = newestFirst(all.filter((incident) => Date.parse(incident.createdAt) >= from && Date.parse(incident.createdAt) <= to));
			expect(wanted.length).toBeGreaterThan(100);
			expect(ids(result)).toEqual(wanted.map((incident) => incident.id));
			expect(searches(sb())[0].body.filters.time_range_filter).toEqual({ start: utc(from), end: utc(to) });
		});
	});

	it('returns open and closed incidents together, sending no state filter (the API answers that pair with nothing)', async () => {
		const result = await run(getMany({ states: ['open', 'closed'] }));

		expect(new Set(result.items.map((item) => item.json.state))).toEqual(new Set(['open', 'closed']));
		expect(result.items).toHaveLength(all.length);
		expect(searches(sb()).every(({ body }) => body.filters.other_filters === undefined)).toBe(true);
	});

	it('keeps an incident once when one arriving between two pages shifts it onto the next page', async () => {
		sb().setLatency(150);
		try {
			const pending = run(getMany({ returnAll: false, limit: 200 }));
			await until(() => searches(sb()).length === 1);
			const arrived = sb().threatProtection.addIncident({ source: 'tap' });
			const result = await pending;

			expect(new Set(ids(result)).size).toBe(200);
			expect(ids(result)).not.toContain(arrived.id);
			expect(ids(result)).toEqual(newestFirst(all).slice(0, 200).map((incident) => incident.id));
			// The repeated row left the Limit one short: one more row was asked for.
			expect(searches(sb()).map(({ body }) => [body.startRow, body.endRow])).toEqual([[0, 100], [100, 200], [200, 201]]);
		} finally {
			sb().setLatency(0);
			all = sb().threatProtection.incidents();
		}
	});

	it("gives with Simplify the fields a SOC reads, and without it the API's row", async () => {
		const [simple, raw] = [await run(getMany({ returnAll: false, limit: 3 })), await run(getMany({ returnAll: false, limit: 3, simplify: false }))];
		const newest = newestFirst(all).slice(0, 3);

		expect(raw.items.map((item) => item.json)).toEqual(newest);
		expect(Object.keys(simple.items[0].json)).toEqual(
			expect.arrayContaining(['id', 'displayId', 'title', 'state', 'priority', 'sources', 'dispositions', 'verdicts', 'confidences', 'messageCount', 'assignedTeam', 'assignee', 'createdAt', 'updatedAt', 'closedAt']),
		);
		expect(simple.items[0].json).toMatchObject({ id: newest[0].id, displayId: newest[0].displayId, createdAt: new Date(newest[0].createdAt).toISOString() });
		expect(simple.items[0].json).not.toHaveProperty('tenantId');
	});

	it('refuses a range that ends before it starts, sending nothing', async () => {
		const result = await run(getMany({ timeRange: 'between', startTime: '2026-06-05T00:00:00Z', endTime: '2026-06-04T00:00:00Z' }));

		expect(result.error?.message).toMatch(/^Item 0: Time Range .* ends before it starts/);
		expect(sb().requests).toEqual([]);
	});

	it('refuses a state an expression made up, sending nothing', async () => {
		const result = await run(getMany({ states: '={{ ["open", "pending"] }}' }));

		expect(result.error?.message).toMatch(/^Item 0: State has "pending", which is not one of its choices/);
		expect(sb().requests).toEqual([]);
	});

	it('shows no secret in its output or errors', async () => {
		const ok = await run(getMany({ returnAll: false, limit: 1 }));
		const failed = await run(getMany({ returnAll: false, limit: 1 }), {
			credentials: { ...sandboxCredentials(sb()), proofpointThreatProtectionOAuth2Api: threatProtectionCredential(sb(), { ctrCallsPerMinute: 600, clientSecret: 'wrong-secret-value' }) },
		});

		expect(failed.error?.message).toMatch(/refused the API Key or API Secret/);
		expect(JSON.stringify([ok, failed])).not.toMatch(/sandbox-tp-client-secret|wrong-secret-value/);
	});
});

describe('Incident → Get Many at the default rate of 10 CTR calls a minute', () => {
	const { run, sb } = useSandbox({ retryAfterSeconds: 0 });

	it('paces 12 pages to the rate: no 429 from Proofpoint, the last two pages a minute after the first', async () => {
		const started = Date.now();
		const result = await run(getMany({ returnAll: false, limit: 1200 }));
		const elapsed = Date.now() - started;

		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(1200);
		expect(searches(sb())).toHaveLength(12);
		expect(sb().requests.filter((request) => request.status === 429)).toEqual([]);
		expect(elapsed).toBeGreaterThanOrEqual(59000);
	}, 90000);
});

describe('Incident → Get Many when other runs have used the minute', () => {
	const { run, sb } = useSandbox({ retryAfterSeconds: 0 });
	const { gateFor } = require('../../../dist/nodes/Proofpoint/transport/pacing');

	it('fails at once, sending nothing, when its next call would wait longer than a minute', async () => {
		// Other runs on the same key and address in this n8n process took the next 25 slots (two and a half minutes at 10 a minute).
		const gate = gateFor(`harness-proofpointThreatProtectionOAuth2Api ${sb().threatProtectionUrl}`, 10);
		for (let slot = 0; slot < 25; slot++) gate.reserve(Date.now());
		const started = Date.now();
		const result = await run(getMany({ returnAll: false, limit: 10 }));

		expect(result.error?.message).toMatch(/^Cloud Threat Response allows 10 calls a minute, and this run would wait \d+ s for its next one$/);
		expect(result.error?.description).toMatch(/Nothing was sent for this item/);
		expect(searches(sb())).toEqual([]);
		expect(Date.now() - started).toBeLessThan(30000);
	});
});
