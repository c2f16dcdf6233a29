'use strict';

const { startSandbox } = require('../../sandbox');
const {
	HOUR,
	DAY,
	START,
	tapClient,
	interval,
	allEvents,
	threatIdOf,
	campaignIdOf,
	rawGet,
} = require('./threat-event-helpers');

const EVIDENCE_TYPES = [
	'attachment',
	'behavior',
	'cookie',
	'dns',
	'dropper',
	'file',
	'ids',
	'mutex',
	'network',
	'process',
	'registry',
	'screenshot',
	'url',
];
// Ids a caller might send by mistake or malice: none is known, none may crash the sandbox.
const HOSTILE_IDS = [
	'..',
	'../ids',
	'a/b',
	"' OR '1'='1",
	'"quoted"',
	'<script>alert(1)</script>',
	'ünïcødé-✓',
	'__proto__',
	'constructor',
	'%',
	' ',
	'x'.repeat(5000),
];

let sb;
let tap;
let seen;

beforeAll(async () => {
	sb = await startSandbox({ port: 0, now: () => START });
	tap = tapClient(sb);
	seen = seenInEvents();
});
afterAll(() => sb.close());
afterEach(() => sb.setTime(START));

/** Threat and campaign ids found in the last week's events, as a client would find them. */
function seenInEvents() {
	const events = allEvents(sb.siem.truth({ start: START - 7 * DAY, end: START }));
	const infos = events.flatMap((event) => event.threatsInfoMap ?? [event]);
	return {
		threatIds: [...new Set(infos.map(threatIdOf))],
		campaignIds: [...new Set(infos.map(campaignIdOf).filter(Boolean))],
		withoutCampaign: infos.find((info) => campaignIdOf(info) === null),
	};
}

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{3})?Z$/;
const campaignIds = (params) => tap.get('/v2/campaign/ids', { params });

describe('Campaign ids', () => {
	const updatedIn = (start, end) =>
		sb.siem
			.campaigns()
			.filter((campaign) =>
				campaign.updatedAt.some((at) => Date.parse(at) >= start && Date.parse(at) < end),
			)
			.map((campaign) => campaign.id)
			.sort();

	it('lists the campaigns updated in a day, with when they were last updated in it', async () => {
		const start = START - 3 * DAY;
		const end = start + DAY;
		const response = await campaignIds({ interval: interval(start, end) });
		expect(response.status).toBe(200);
		const ids = response.data.campaigns.map((campaign) => campaign.id);
		expect([...ids].sort()).toEqual(updatedIn(start, end));
		expect(ids.length).toBeGreaterThan(1);
		for (const campaign of response.data.campaigns) {
			expect(Object.keys(campaign)).toEqual(['id', 'lastUpdatedAt']);
			expect(campaign.lastUpdatedAt).toMatch(ISO);
			expect(Date.parse(campaign.lastUpdatedAt)).toBeGreaterThanOrEqual(start);
			expect(Date.parse(campaign.lastUpdatedAt)).toBeLessThan(end);
		}
	});

	it('pages with size and page (1-based), and answers 404 past the last page', async () => {
		const window = interval(START - 3 * DAY, START - 2 * DAY);
		const all = (await campaignIds({ interval: window })).data.campaigns;
		const pages = [];
		for (let page = 1; page <= all.length; page++) {
			const response = await campaignIds({ interval: window, size: 1, page });
			expect(response.status).toBe(200);
			pages.push(...response.data.campaigns);
		}
		expect(pages).toEqual(all);
		const past = await campaignIds({ interval: window, size: 1, page: all.length + 1 });
		expect(past.status).toBe(404);
	});

	it('answers 404, not an empty list, when no campaign was updated in the interval', async () => {
		const response = await campaignIds({ interval: interval(START - 60 * DAY, START - 59 * DAY) });
		expect(response.status).toBe(404);
		expect(response.headers['content-type']).toMatch(/^text\/plain/);
	});

	it('leaves out updates that have not happened yet', async () => {
		const response = await campaignIds({ interval: interval(START - HOUR, START + DAY - HOUR) });
		const times = (response.status === 200 ? response.data.campaigns : []).map((campaign) =>
			Date.parse(campaign.lastUpdatedAt),
		);
		expect(times.filter((time) => time > START)).toEqual([]);
	});

	it.each([
		[{}, 'The interval parameter is required'],
		[
			{ interval: interval(START - HOUR, START - HOUR + 29000) },
			'The requested interval is too short. Requests must be for at least 30.00s of data',
		],
		[
			{ interval: interval(START - DAY - HOUR - 1000, START - HOUR) },
			'The requested interval is too long. Requests must be for at most 1.00d of data',
		],
		[{ interval: 'last week' }, 'Invalid interval: last week'],
		[
			{ interval: interval(START - DAY, START - HOUR), size: 201 },
			'The size parameter must be a whole number from 1 to 200',
		],
		[
			{ interval: interval(START - DAY, START - HOUR), page: 0 },
			'The page parameter must be a positive whole number',
		],
	])('refuses %j with a plain-text 400', async (params, message) => {
		const response = await campaignIds(params);
		expect(response.status).toBe(400);
		expect(response.data).toBe(message);
	});

	it('accepts exactly one day and a size of 200', async () => {
		const response = await campaignIds({
			interval: interval(START - 2 * DAY, START - DAY),
			size: 200,
		});
		expect(response.status).toBe(200);
	});
});

describe('Campaign details', () => {
	it('describes every campaign found in events', async () => {
		expect(seen.campaignIds.length).toBeGreaterThan(2);
		for (const id of seen.campaignIds) {
			const response = await tap.get(`/v2/campaign/${id}`);
			expect(response.status).toBe(200);
			const campaign = response.data;
			expect(Object.keys(campaign)).toEqual([
				'id',
				'name',
				'description',
				'startDate',
				'notable',
				'actors',
				'families',
				'malware',
				'techniques',
				'brands',
				'campaignMembers',
			]);
			expect(campaign.id).toBe(id);
			expect(campaign.startDate).toMatch(ISO);
			for (const list of ['actors', 'families', 'malware', 'techniques', 'brands']) {
				for (const entry of campaign[list]) expect(Object.keys(entry)).toEqual(['id', 'name']);
			}
			for (const member of campaign.campaignMembers) {
				expect(Object.keys(member)).toEqual([
					'id',
					'threat',
					'threatStatus',
					'type',
					'subType',
					'threatTime',
				]);
			}
		}
	});

	it('lists as members the threats whose events name the campaign', async () => {
		const events = allEvents(sb.siem.truth({ start: START - 7 * DAY, end: START }));
		const info = events.flatMap((event) => event.threatsInfoMap ?? [event]).find(campaignIdOf);
		const { data } = await tap.get(`/v2/campaign/${campaignIdOf(info)}`);
		expect(data.campaignMembers.map((member) => member.id)).toContain(threatIdOf(info));
	});

	it('answers 404 for an unknown campaign id', async () => {
		const response = await tap.get('/v2/campaign/00000000-0000-4000-8000-000000000000');
		expect(response.status).toBe(404);
	});
});

describe('Forensics', () => {
	const forensics = (params) => tap.get('/v2/forensics', { params });

	it('reports on a threat found in events, with evidence of the documented types', async () => {
		for (const threatId of seen.threatIds.slice(0, 10)) {
			const response = await forensics({ threatId });
			expect(response.status).toBe(200);
			expect(response.data.generated).toMatch(ISO);
			const [report] = response.data.reports;
			expect(response.data.reports).toHaveLength(1);
			expect(report).toMatchObject({ scope: 'THREAT', id: threatId });
			expect(Object.keys(report)).toEqual(['scope', 'id', 'name', 'threatStatus', 'forensics']);
			expect(report.forensics.length).toBeGreaterThan(0);
			for (const evidence of report.forensics) {
				expect(EVIDENCE_TYPES).toContain(evidence.type);
				expect(Object.keys(evidence)).toEqual([
					'type',
					'display',
					'engine',
					'malicious',
					'note',
					'time',
					'what',
					'platforms',
				]);
				for (const platform of evidence.platforms) {
					expect(Object.keys(platform)).toEqual(['name', 'os', 'version']);
				}
			}
		}
	});

	it('adds the campaign’s report with includeCampaignForensics=true when the threat has a campaign', async () => {
		const member = sb.siem.threats().find((threat) => threat.campaignId);
		const loner = sb.siem.threats().find((threat) => !threat.campaignId);
		const withCampaign = await forensics({ threatId: member.id, includeCampaignForensics: true });
		expect(withCampaign.data.reports.map((report) => [report.scope, report.id])).toEqual([
			['THREAT', member.id],
			['CAMPAIGN', member.campaignId],
		]);
		const without = await forensics({ threatId: member.id, includeCampaignForensics: false });
		expect(without.data.reports).toHaveLength(1);
		const alone = await forensics({ threatId: loner.id, includeCampaignForensics: true });
		expect(alone.data.reports.map((report) => report.scope)).toEqual(['THREAT']);
	});

	it('reports on a campaign by campaignId', async () => {
		const [campaignId] = seen.campaignIds;
		const response = await forensics({ campaignId });
		expect(response.status).toBe(200);
		expect(response.data.reports).toEqual([
			expect.objectContaining({ scope: 'CAMPAIGN', id: campaignId }),
		]);
	});

	it.each([
		[{}, 'Either threatId or campaignId is required'],
		[{ threatId: 'a', campaignId: 'b' }, 'Give either threatId or campaignId, not both'],
		[
			{ campaignId: 'b', includeCampaignForensics: true },
			'includeCampaignForensics can only be used with threatId',
		],
		[
			{ threatId: 'a', includeCampaignForensics: 'maybe' },
			'includeCampaignForensics must be true or false',
		],
	])('refuses %j with a plain-text 400', async (params, message) => {
		const response = await forensics(params);
		expect(response.status).toBe(400);
		expect(response.data).toBe(message);
	});

	it('answers 404 for an unknown threat or campaign id', async () => {
		expect((await forensics({ threatId: 'f'.repeat(64) })).status).toBe(404);
		expect((await forensics({ campaignId: '00000000-0000-4000-8000-000000000000' })).status).toBe(
			404,
		);
	});
});

describe('Threat summary', () => {
	const summary = (id) => tap.get(`/v2/threat/summary/${encodeURIComponent(id)}`);

	it('summarises every threat found in events', async () => {
		for (const threatId of seen.threatIds) {
			const response = await summary(threatId);
			expect(response.status).toBe(200);
			const threat = response.data;
			expect(threat.id).toBe(threatId);
			expect(threat.identifiedAt).toMatch(ISO);
			expect(['attachment', 'url', 'messageText']).toContain(threat.type);
			expect(['impostor', 'malware', 'phish', 'spam']).toContain(threat.category);
			expect(['active', 'cleared', 'falsePositive']).toContain(threat.status);
			expect(typeof (threat.severity ?? threat.severityScore)).toBe('number');
			expect(typeof (threat.verticals ?? threat.verticallyTargeted)).toBe('boolean');
			expect(typeof (threat.geographies ?? threat.geoTargeted)).toBe('boolean');
			for (const list of ['actors', 'families', 'malware', 'techniques', 'brands']) {
				expect(Array.isArray(threat[list])).toBe(true);
			}
		}
	});

	it('names some fields severityScore, verticallyTargeted and geoTargeted, the others severity, verticals and geographies', async () => {
		const answers = [];
		for (const threat of sb.siem.threats()) answers.push((await summary(threat.id)).data);
		const alternative = answers.filter((threat) => 'severityScore' in threat);
		expect(alternative.length).toBeGreaterThan(0);
		expect(alternative.length).toBeLessThan(answers.length);
		for (const threat of alternative) {
			expect(Object.keys(threat)).toEqual(
				expect.arrayContaining(['verticallyTargeted', 'geoTargeted']),
			);
			expect(threat).not.toHaveProperty('severity');
		}
		for (const threat of answers.filter((candidate) => !('severityScore' in candidate))) {
			expect(Object.keys(threat)).toEqual(
				expect.arrayContaining(['severity', 'verticals', 'geographies']),
			);
		}
	});

	it('shows the status as of now: cleared or falsePositive after the change', async () => {
		for (const status of ['cleared', 'falsePositive']) {
			const threat = sb.siem
				.threats()
				.find((candidate) => candidate.statusChange?.status === status);
			sb.setTime(Date.parse(threat.statusChange.at) - 1);
			expect((await summary(threat.id)).data.status).toBe('active');
			sb.setTime(Date.parse(threat.statusChange.at));
			expect((await summary(threat.id)).data.status).toBe(status);
			const { data } = await tap.get('/v2/forensics', { params: { threatId: threat.id } });
			expect(data.reports[0].threatStatus).toBe(status);
		}
	});

	it('answers 404 for an unknown threat id', async () => {
		expect((await summary('0'.repeat(64))).status).toBe(404);
		expect((await summary(seen.threatIds[0].toUpperCase())).status).toBe(404);
	});
});

describe('hostile ids', () => {
	it.each(HOSTILE_IDS.map((id) => [id.length > 40 ? `${id.slice(0, 20)}…` : id, id]))(
		'answers 404 for %j on campaign, forensics and threat summary, and keeps serving',
		async (_, id) => {
			const encoded = encodeURIComponent(id);
			expect((await tap.get(`/v2/campaign/${encoded}`)).status).toBe(404);
			expect((await tap.get(`/v2/threat/summary/${encoded}`)).status).toBe(404);
			expect((await tap.get('/v2/forensics', { params: { threatId: id } })).status).toBe(404);
			expect((await tap.get('/v2/forensics', { params: { campaignId: id } })).status).toBe(404);
		},
	);

	it('takes dot segments and encoded dots as ids, not as a way to other paths', async () => {
		for (const path of [
			'/v2/campaign/%2E%2E',
			'/v2/campaign/%2e%2e%2fids',
			'/v2/threat/summary/..%2F..%2Fpeople%2Fvap',
			'/v2/threat/summary/%252E%252E',
		]) {
			expect((await rawGet(sb, path)).status).toBe(404);
		}
		expect((await tap.get('/v2/campaign/ids', { params: { interval: 'x' } })).status).toBe(400);
	});
});

describe('recording and throttles', () => {
	it('records the new endpoints as api tap', async () => {
		sb.clearRequests();
		await tap.get(`/v2/threat/summary/${seen.threatIds[0]}`);
		await tap.get('/v2/forensics', { params: { threatId: seen.threatIds[0] } });
		await tap.get(`/v2/campaign/${seen.campaignIds[0]}`);
		expect(sb.requests.map(({ api, path, status }) => [api, path, status])).toEqual([
			['tap', `/v2/threat/summary/${seen.threatIds[0]}`, 200],
			['tap', '/v2/forensics', 200],
			['tap', `/v2/campaign/${seen.campaignIds[0]}`, 200],
		]);
	});

	it('does not throttle campaign details, forensics or threat summaries', async () => {
		const sent = [];
		for (let i = 0; i < 60; i++) sent.push(tap.get(`/v2/threat/summary/${seen.threatIds[0]}`));
		for (let i = 0; i < 60; i++) sent.push(tap.get(`/v2/campaign/${seen.campaignIds[0]}`));
		const statuses = (await Promise.all(sent)).map((response) => response.status);
		expect(new Set(statuses)).toEqual(new Set([200]));
	});

	it('allows 50 campaign id lists per rolling 24 hours, 404s included', async () => {
		const fresh = await startSandbox({ port: 0, now: () => START });
		try {
			const client = tapClient(fresh);
			const ask = () =>
				client.get('/v2/campaign/ids', { params: { interval: interval(START - DAY, START) } });
			const nothing = () =>
				client.get('/v2/campaign/ids', {
					params: { interval: interval(START - 90 * DAY, START - 89 * DAY) },
				});
			const statuses = [];
			for (let i = 0; i < 25; i++) statuses.push((await ask()).status, (await nothing()).status);
			expect(new Set(statuses)).toEqual(new Set([200, 404]));
			expect((await ask()).status).toBe(429);
			fresh.advanceTime(DAY);
			expect((await ask()).status).toBe(200);
		} finally {
			await fresh.close();
		}
	});
});
