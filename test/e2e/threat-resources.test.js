// The threat resources (SIEM Event, Campaign, Forensic Report, Threat, URL), one workflow each,
// executed headless by a real n8n with the packed package installed, against the sandbox on real
// time; then failing calls that show the node's hint in what n8n reports.
const { useRealN8n, oneNodeWorkflow, ESSENTIALS_THREAT_CREDENTIAL } = require('./n8n');
const { SANDBOX_CREDENTIALS } = require('../../sandbox');
const { SUCCEEDED } = require('./outcome');

jest.setTimeout(240000);

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const ALL_KINDS = ['clicksBlocked', 'clicksPermitted', 'messagesBlocked', 'messagesDelivered'];

const json = (items) => items.map((item) => item.json);

const essentialsThreat = { credentialType: 'proofpointTapApi', credential: ESSENTIALS_THREAT_CREDENTIAL };
const tap = { credentialType: 'proofpointTapApi' };

const isoToMs = (value) => Date.parse(value);

/** The range the node asked for, from the sandbox's requests: each window, and first start to last end. */
function askedRange(requests) {
	const windows = requests.map((request) => request.query.interval.split('/').map(isoToMs));
	return { windows, start: windows[0][0], end: windows[windows.length - 1][1] };
}

/** One event of either kind, identified for sorting: click id, or message GUID and recipients. */
const eventKey = (event) =>
	[event.eventType, event.id ?? '', event.GUID ?? '', [].concat(event.recipient ?? []).join(','), event.clickTime ?? event.messageTime].join('|');
const byKey = (a, b) => (eventKey(a) < eventKey(b) ? -1 : eventKey(a) > eventKey(b) ? 1 : 0);

/** The sandbox's events for a query, as the node's raw (Simplify off) items: each with its eventType. */
function truthItems(sb, query) {
	const truth = sb.siem.truth({ kinds: ALL_KINDS, ...query });
	return Object.entries(truth)
		.flatMap(([eventType, events]) => events.map((event) => ({ ...event, eventType })))
		.sort(byKey);
}

/**
 * The sandbox answers a SIEM window with the events already indexed when the request arrives (a few
 * come in up to 30 minutes late): note when each request arrived, so the truth can be asked for as of
 * then. The handler reads the clock in the same tick as the request is logged.
 */
function stampArrivals(sb) {
	const { requests } = sb;
	// Not enumerable: the log still compares equal to plain arrays.
	Object.defineProperty(requests, 'push', {
		enumerable: false,
		value: (...records) => {
			for (const record of records) record.arrivedAt = sb.now();
			return Array.prototype.push.apply(requests, records);
		},
	});
}

const siemGetMany = (parameters) => ({
	resource: 'siemEvent',
	operation: 'getAll',
	eventTypes: ALL_KINDS,
	returnAll: true,
	simplify: false,
	...parameters,
});

describe('the threat resources in a real n8n', () => {
	const context = useRealN8n();
	const sb = () => context.sb;
	beforeAll(() => stampArrivals(context.sb));
	beforeEach(() => context.sb.clearRequests());

	test('SIEM Event → Get Many reads the last 3 hours from TAP hour by hour and returns exactly the events of that range', async () => {
		const before = Date.now();
		const result = await context.run(oneNodeWorkflow('siem tap', siemGetMany({ timeRange: 'last', lastAmount: 3, lastUnit: 'hours' }), tap));
		const after = Date.now();

		expect(result).toHaveEnded(SUCCEEDED);
		expect(sb().requests.map((request) => [request.api, request.method, request.path, request.query.format, request.authOk, request.status])).toEqual(
			Array(3).fill(['tap', 'GET', '/v2/siem/all', 'json', true, 200]),
		);
		// Three contiguous hours, up to the start of the minute the node ran in.
		const range = askedRange(sb().requests);
		range.windows.forEach(([start, end], index) => {
			expect(end - start).toBe(HOUR);
			if (index > 0) expect(start).toBe(range.windows[index - 1][1]);
		});
		expect(range.end % MINUTE).toBe(0);
		expect(range.end).toBeGreaterThanOrEqual(Math.floor(before / MINUTE) * MINUTE - MINUTE);
		expect(range.end).toBeLessThanOrEqual(after);

		const items = result.output('Proofpoint');
		const events = json(items).sort(byKey);
		expect(events.length).toBeGreaterThan(0);
		expect(events).toEqual(truthItems(sb(), { start: range.start, end: range.end, visibleAt: sb().requests.at(-1).arrivedAt }));
		expect(new Set(events.map(eventKey)).size).toBe(events.length);
		expect(items.every((item) => item.pairedItem?.item === 0)).toBe(true);
	});

	test("SIEM Event → Get Many with an Essentials Threat API credential reads a partner's customers, each event naming its customer", async () => {
		const before = Date.now();
		const result = await context.run(
			oneNodeWorkflow(
				'siem essentials',
				siemGetMany({
					// Both instants from n8n's own clock: Luxon DateTimes, as a user writes them.
					timeRange: 'between',
					startTime: "={{ $now.minus({ hours: 2 }) }}",
					endTime: "={{ $now.minus({ minutes: 1 }) }}",
					essentialsData: 'customers',
				}),
				essentialsThreat,
			),
		);
		const after = Date.now();

		expect(result).toHaveEnded(SUCCEEDED);
		const { apiKey } = SANDBOX_CREDENTIALS.essentialsThreat.partner;
		expect(sb().requests.map((request) => [request.api, request.region, request.path, request.user, request.authOk])).toEqual(
			Array(sb().requests.length).fill(['essentialsThreat', 'us', '/v2/siem/all', apiKey, true]),
		);
		for (const request of sb().requests) {
			expect(request.query).toMatchObject({ ownData: 'false', customerData: 'true' });
			expect(request.query.format).toBeUndefined();
			expect([200, 204]).toContain(request.status);
		}
		const range = askedRange(sb().requests);
		expect(sb().requests).toHaveLength(2);
		// n8n evaluates $now once per expression, so the two instants are 1:59 apart give or take the tens of
		// milliseconds between the two evaluations.
		expect(Math.abs(range.end - range.start - (2 * HOUR - MINUTE))).toBeLessThan(5000);
		expect(range.start).toBeGreaterThanOrEqual(before - 2 * HOUR);
		expect(range.end).toBeLessThanOrEqual(after - MINUTE);

		const events = json(result.output('Proofpoint')).sort(byKey);
		expect(events.length).toBeGreaterThan(0);
		expect(events).toEqual(
			truthItems(sb(), {
				platform: 'essentials',
				org: 'partner.example',
				ownData: false,
				customerData: true,
				start: range.start,
				end: range.end,
				visibleAt: sb().requests.at(-1).arrivedAt,
			}),
		);
		for (const event of events) expect(['Acme Corporation', 'Globex', 'Initech']).toContain(event.customerName);
	});

	test('Campaign → Get returns the campaign with its member threats', async () => {
		const campaign = sb().siem.campaigns()[0];
		const result = await context.run(oneNodeWorkflow('campaign get', { resource: 'campaign', operation: 'get', campaignId: campaign.id }, tap));

		expect(result).toHaveEnded(SUCCEEDED);
		expect(sb().requests.map((request) => `${request.method} ${request.path} ${request.status}`)).toEqual([`GET /v2/campaign/${campaign.id} 200`]);
		const items = json(result.output('Proofpoint'));
		expect(items).toHaveLength(1);
		expect(items[0]).toMatchObject({ id: campaign.id, name: campaign.name, startDate: campaign.startDate });
		expect(items[0].campaignMembers.map((member) => member.id).sort()).toEqual([...campaign.memberIds].sort());
	});

	test('Campaign → Get Many lists each campaign updated in the last 3 days once, one request per day', async () => {
		const result = await context.run(
			oneNodeWorkflow('campaign list', { resource: 'campaign', operation: 'getAll', timeRange: 'last', lastAmount: 3, lastUnit: 'days', returnAll: true }, tap),
		);

		expect(result).toHaveEnded(SUCCEEDED);
		expect(sb().requests.map((request) => [request.path, request.query.size, request.query.page])).toEqual(Array(3).fill(['/v2/campaign/ids', '200', '1']));
		const range = askedRange(sb().requests);
		expect(range.windows.map(([start, end]) => end - start)).toEqual([DAY, DAY, DAY]);

		const updatedIn = (campaign) => campaign.updatedAt.map(isoToMs).filter((at) => at >= range.start && at < range.end);
		const expected = sb()
			.siem.campaigns()
			.filter((campaign) => updatedIn(campaign).length > 0);
		expect(expected.length).toBeGreaterThan(0);
		const items = json(result.output('Proofpoint'));
		expect(items.map((item) => item.id).sort()).toEqual(expected.map((campaign) => campaign.id).sort());
		for (const item of items) {
			expect(Object.keys(item).sort()).toEqual(['id', 'lastUpdatedAt']);
			const campaign = expected.find((candidate) => candidate.id === item.id);
			expect(updatedIn(campaign)).toContain(isoToMs(item.lastUpdatedAt));
		}
	});

	test("Forensic Report → Get returns a threat's report and its campaign's", async () => {
		const threat = sb()
			.siem.threats()
			.find((candidate) => candidate.campaignId);
		const result = await context.run(
			oneNodeWorkflow('forensics', { resource: 'forensics', operation: 'get', forensicsOf: 'threat', threatId: threat.id, includeCampaignForensics: true }, tap),
		);

		expect(result).toHaveEnded(SUCCEEDED);
		expect(sb().requests.map((request) => [request.path, request.query, request.status])).toEqual([
			['/v2/forensics', { threatId: threat.id, includeCampaignForensics: 'true' }, 200],
		]);
		const [report] = json(result.output('Proofpoint'));
		expect(report.reports.map((entry) => [entry.scope, entry.id]).sort()).toEqual([
			['CAMPAIGN', threat.campaignId],
			['THREAT', threat.id],
		]);
		for (const entry of report.reports) expect(entry.forensics.length).toBeGreaterThan(0);
	});

	test("Threat → Get returns a threat's summary", async () => {
		const threat = sb().siem.threats()[0];
		const result = await context.run(oneNodeWorkflow('threat get', { resource: 'threat', operation: 'get', threatId: threat.id }, tap));

		expect(result).toHaveEnded(SUCCEEDED);
		expect(sb().requests.map((request) => `${request.method} ${request.path} ${request.status}`)).toEqual([`GET /v2/threat/summary/${threat.id} 200`]);
		const items = json(result.output('Proofpoint'));
		expect(items).toHaveLength(1);
		expect(items[0]).toMatchObject({ id: threat.id, type: threat.type, category: threat.category, identifiedAt: expect.any(String) });
	});

	test('URL → Decode turns URL Defense links back into the originals, one item per URL, in one request', async () => {
		const original = ['https://evil.example/login?user=alice&next=%2Fhome', 'https://docs.example/a_b-c*d?x=1#top'];
		const rewritten = original.map((url) => sb().urls.encodeV3(url));
		const result = await context.run(oneNodeWorkflow('url decode', { resource: 'url', operation: 'decode', urls: rewritten.join('\n') }, tap));

		expect(result).toHaveEnded(SUCCEEDED);
		expect(sb().requests.map((request) => [request.method, request.path, request.body, request.status])).toEqual([
			['POST', '/v2/url/decode', { urls: rewritten }, 200],
		]);
		expect(json(result.output('Proofpoint')).map((item) => [item.encodedUrl, item.decodedUrl, item.success])).toEqual([
			[rewritten[0], original[0], true],
			[rewritten[1], original[1], true],
		]);
	});

	test('Threat → Get on an unknown id fails the execution with the 404 and the hint', async () => {
		const unknown = 'f'.repeat(64);
		const result = await context.run(oneNodeWorkflow('threat unknown', { resource: 'threat', operation: 'get', threatId: unknown }, tap));

		expect(result).toHaveEnded({
			status: 'error',
			error: { message: `Threat "${unknown}" is unknown to TAP (404)`, httpCode: '404', description: expect.stringContaining("SIEM event's threatID") },
		});
		expect(sb().requests.map((request) => `${request.path} ${request.status}`)).toEqual([`/v2/threat/summary/${unknown} 404`]);
	});

	test('Threat → Get with the Essentials Threat API credential is refused, saying why, and nothing is sent', async () => {
		const threat = sb().siem.threats()[0];
		const result = await context.run(oneNodeWorkflow('threat essentials', { resource: 'threat', operation: 'get', threatId: threat.id }, essentialsThreat));

		expect(result).toHaveEnded({
			status: 'error',
			error: {
				message: 'This credential reaches the Essentials Threat API, which has no Threat API',
				description: expect.stringMatching(/serves SIEM events only.*Choose a Proofpoint TAP credential.*Nothing was sent\./),
			},
		});
		expect(sb().requests).toEqual([]);
	});
});
