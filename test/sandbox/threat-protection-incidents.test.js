'use strict';

const { startSandbox } = require('../../sandbox');
const { START, MINUTE, tpClient, filterTime } = require('./threat-protection-helpers');

const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const INCIDENTS = '/api/v1/tric/incidents';

let sb;
let client;
let all;

beforeAll(async () => {
	sb = await startSandbox({ port: 0, now: () => START, threatProtection: { ctrPerMinute: 10000 } });
	client = await tpClient(sb);
	all = sb.threatProtection.incidents();
});
afterAll(() => sb.close());

const searchIncidents = (body) => client.post(INCIDENTS, body);
const ms = (iso) => Date.parse(iso);
const ids = (incidents) => incidents.map((incident) => incident.id);

describe('the seeded incidents', () => {
	it('holds 1,200 incidents over the 30 days before the sandbox started, the same for the same seed', async () => {
		expect(all).toHaveLength(1200);
		expect(Math.min(...all.map((incident) => ms(incident.createdAt)))).toBeGreaterThanOrEqual(
			START - 30 * DAY,
		);
		expect(Math.max(...all.map((incident) => ms(incident.updatedAt)))).toBeLessThanOrEqual(START);
		const again = await startSandbox({ port: 0, now: () => START });
		try {
			expect(again.threatProtection.incidents()).toEqual(all);
		} finally {
			await again.close();
		}
	});

	it('varies source, disposition, verdict, confidence, priority and state, with 1–3 messages each', () => {
		const seen = (pick) => new Set(all.flatMap(pick));
		expect(seen((incident) => incident.sourceTypes)).toEqual(
			new Set(['abuse_mailbox', 'tap_alert', 'smart_search', 'message_csv_upload']),
		);
		expect(seen((incident) => incident.state)).toEqual(new Set(['open', 'closed']));
		expect(seen((incident) => incident.priority)).toEqual(new Set(['high', 'medium', 'low', null]));
		expect(seen((incident) => incident.clearVerdicts ?? [])).toEqual(
			new Set(['threat', 'low_risk', 'manual_review', 'failed']),
		);
		expect(seen((incident) => incident.clearConfidences ?? [])).toEqual(
			new Set(['high', 'medium', 'low']),
		);
		expect(seen((incident) => incident.dispositions).size).toBeGreaterThan(8);
		expect(seen((incident) => incident.messageCount)).toEqual(new Set([1, 2, 3]));
		expect(all.some((incident) => incident.vap)).toBe(true);
	});

	it('lets the incident count be set', async () => {
		const small = await startSandbox({
			port: 0,
			now: () => START,
			threatProtection: { incidentCount: 7 },
		});
		try {
			expect(small.threatProtection.incidents()).toHaveLength(7);
		} finally {
			await small.close();
		}
	});
});

describe('searching incidents', () => {
	it('answers {total, startRow, endRow, incidents} with the summary fields the peers read', async () => {
		const found = await searchIncidents({ startRow: 0, endRow: 2 });
		expect(found.status).toBe(200);
		expect(found.body).toEqual({
			total: 1200,
			startRow: 0,
			endRow: 2,
			incidents: expect.any(Array),
		});
		const [incident] = found.body.incidents;
		expect(Object.keys(incident)).toEqual([
			'id',
			'createdAt',
			'updatedAt',
			'tenantId',
			'closedAt',
			'titlePII',
			'displayId',
			'priority',
			'title',
			'state',
			'assignedTeamName',
			'assignedUserName',
			'assignedTeamId',
			'assignedUserId',
			'messageCount',
			'vap',
			'abuseSourceIds',
			'sourceTypes',
			'sourcesData',
			'commentCount',
			'dispositions',
			'clearVerdicts',
			'clearConfidences',
		]);
		expect(incident).toMatchObject({
			id: expect.stringMatching(/^[0-9a-f-]{36}$/),
			createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00$/),
			updatedAt: expect.stringMatching(/\+00:00$/),
			displayId: expect.any(Number),
			assignedTeamName: 'SOC_Analyst',
			messageCount: expect.any(Number),
			sourceTypes: [expect.any(String)],
			sourcesData: [expect.objectContaining({ type: expect.any(String) })],
			dispositions: [expect.any(String)],
		});
	});

	const byFilter = [
		['source_filters', ['tap'], (incident) => incident.sourceTypes.includes('tap_alert')],
		[
			'verdict_filters',
			['verdict_threat'],
			(incident) => (incident.clearVerdicts ?? []).includes('threat'),
		],
		[
			'disposition_filters',
			['phish', 'toad'],
			(incident) => ['phish', 'toad'].includes(incident.dispositions[0]),
		],
		[
			'confidence_filters',
			['confidence_high'],
			(incident) => (incident.clearConfidences ?? []).includes('high'),
		],
		['priority_filters', ['high'], (incident) => incident.priority === 'high'],
		['other_filters', ['open_incidents'], (incident) => incident.state === 'open'],
		['other_filters', ['closed_incidents'], (incident) => incident.state === 'closed'],
		['other_filters', ['vap'], (incident) => incident.vap],
		[
			'incident_id_filters',
			['1001', 1002, '1150'],
			(incident) => [1001, 1002, 1150].includes(incident.displayId),
		],
	];

	it.each(byFilter)('filters by %s %j', async (key, values, belongs) => {
		const expected = all.filter(belongs);
		expect(expected.length).toBeGreaterThan(0);
		expect(expected.length).toBeLessThan(all.length);
		const found = await searchIncidents({ filters: { [key]: values }, startRow: 0, endRow: 100 });
		expect(found.status).toBe(200);
		expect(found.body.total).toBe(expected.length);
		expect(found.body.incidents.every(belongs)).toBe(true);
		const counted = await client.post(`${INCIDENTS}/count`, { filters: { [key]: values } });
		expect(counted.body).toEqual({ count: expected.length });
	});

	it('filters by creation time, both edges inclusive to the second', async () => {
		const [first, second] = all.slice(600, 602);
		const start = Math.floor(ms(first.createdAt) / 1000) * 1000;
		const end = start + 2 * DAY;
		const expected = all.filter(
			(incident) => ms(incident.createdAt) >= start && ms(incident.createdAt) <= end,
		);
		const found = await searchIncidents({
			filters: { time_range_filter: { start: filterTime(start), end: filterTime(end) } },
			endRow: 100,
		});
		expect(found.body.total).toBe(expected.length);
		expect(ids(found.body.incidents)).toContain(first.id);
		expect(ids(found.body.incidents)).toContain(second.id);
	});

	it('combines filters: each one must hold', async () => {
		const filters = {
			source_filters: ['abuse_mailbox'],
			other_filters: ['open_incidents'],
			priority_filters: ['low'],
		};
		const expected = all.filter(
			(incident) =>
				incident.sourceTypes[0] === 'abuse_mailbox' &&
				incident.state === 'open' &&
				incident.priority === 'low',
		);
		expect((await searchIncidents({ filters })).body.total).toBe(expected.length);
	});

	it('ignores a plain `disposition` key without an error: only disposition_filters filters', async () => {
		const ignored = await searchIncidents({ filters: { disposition: ['phish'] } });
		expect([ignored.status, ignored.body.total]).toEqual([200, 1200]);
		const filtered = await searchIncidents({ filters: { disposition_filters: ['phish'] } });
		expect(filtered.body.total).toBeLessThan(1200);
	});

	it('returns nothing when both open_incidents and closed_incidents are asked for', async () => {
		const both = await searchIncidents({
			filters: { other_filters: ['open_incidents', 'closed_incidents'] },
		});
		expect(both.status).toBe(200);
		expect(both.body).toMatchObject({ total: 0, incidents: [] });
	});

	it.each([
		[{ filters: { disposition_filters: ['phishy'] } }, 'disposition_filters'],
		[{ filters: { source_filters: 'tap' } }, 'source_filters'],
		[
			{ filters: { time_range_filter: { start: '2026-06-01T00:00:00Z' } } },
			'time_range_filter.start',
		],
		[{ filters: 'open' }, 'filters'],
		[{ startRow: -1 }, 'startRow'],
		[{ startRow: 20, endRow: 10 }, 'endRow'],
		[{ sortParams: [{ sort: 'up', colId: 'createdAt' }] }, 'sort'],
		[{ sortParams: [{ sort: 'asc', colId: 'title' }] }, 'colId'],
	])('refuses %j with a 400 naming %s', async (body, field) => {
		const refused = await searchIncidents(body);
		expect(refused.status).toBe(400);
		expect(refused.body.errorMessage).toContain(field);
	});
});

describe('paging and sorting', () => {
	it('pages by startRow and an exclusive endRow', async () => {
		const first = await searchIncidents({ startRow: 0, endRow: 10 });
		const second = await searchIncidents({ startRow: 10, endRow: 20 });
		const both = await searchIncidents({ startRow: 0, endRow: 20 });
		expect(first.body.incidents).toHaveLength(10);
		expect(second.body).toMatchObject({ startRow: 10, endRow: 20 });
		expect([...ids(first.body.incidents), ...ids(second.body.incidents)]).toEqual(
			ids(both.body.incidents),
		);
	});

	it('cuts a window of more than 100 rows to 100, and ends the last page at the total', async () => {
		const wide = await searchIncidents({ startRow: 0, endRow: 250 });
		expect(wide.body.incidents).toHaveLength(100);
		expect(wide.body.endRow).toBe(100);
		const last = await searchIncidents({ startRow: 1195, endRow: 1295 });
		expect(last.body).toMatchObject({ total: 1200, startRow: 1195, endRow: 1200 });
		expect(last.body.incidents).toHaveLength(5);
	});

	it('sorts by createdAt, newest first by default, oldest first with asc', async () => {
		const newest = await searchIncidents({ endRow: 50 });
		const times = newest.body.incidents.map((incident) => ms(incident.createdAt));
		expect(times).toEqual([...times].sort((a, b) => b - a));
		expect(newest.body.incidents[0].id).toBe(all.at(-1).id);
		const oldest = await searchIncidents({
			endRow: 50,
			sortParams: [{ sort: 'asc', colId: 'createdAt' }],
		});
		expect(ids(oldest.body.incidents)).toEqual(ids(all.slice(0, 50)));
	});

	it('sorts by updatedAt', async () => {
		const found = await searchIncidents({
			endRow: 100,
			sortParams: [{ sort: 'desc', colId: 'updatedAt' }],
		});
		const times = found.body.incidents.map((incident) => ms(incident.updatedAt));
		expect(times).toEqual([...times].sort((a, b) => b - a));
	});
});

describe('one incident', () => {
	it('nests its fields under summary, with comments and activities', async () => {
		const incident = all[42];
		const detail = await client.get(`${INCIDENTS}/${incident.id}`);
		expect(detail.status).toBe(200);
		expect(Object.keys(detail.body)).toEqual(['summary', 'comments', 'activities']);
		expect(detail.body.summary).toMatchObject({
			id: incident.id,
			displayId: incident.displayId,
			title: incident.title,
			state: incident.state,
			createdAt: incident.createdAt,
			messageCount: incident.messageCount,
			openedAt: incident.createdAt,
			messageSourceData: expect.objectContaining({ hasTapAlert: expect.any(Boolean) }),
		});
		expect(detail.body.comments).toEqual([]);
		expect(detail.body.activities[0]).toMatchObject({
			incident_id: incident.id,
			activity_type: 'incident_creation',
			cause_type: 'system',
		});
	});

	it('answers 404 for an unknown id', async () => {
		const missing = await client.get(`${INCIDENTS}/00000000-0000-4000-8000-000000000000`);
		expect(missing.status).toBe(404);
		expect(missing.body.errorMessage).toContain('00000000-0000-4000-8000-000000000000');
	});

	it('pages its messages like a message search', async () => {
		const incident = all.find((candidate) => candidate.messageCount === 3);
		const listed = await client.post(`${INCIDENTS}/${incident.id}/messages`, {
			startRow: 0,
			endRow: 2,
		});
		expect(listed.status).toBe(200);
		expect(listed.body).toMatchObject({ total: 3, startRow: 0, endRow: 2 });
		expect(listed.body.messages).toHaveLength(2);
		for (const message of listed.body.messages) {
			expect(message.incidents).toEqual([
				expect.objectContaining({ id: incident.id, display_id: incident.displayId }),
			]);
		}
		expect((await client.post(`${INCIDENTS}/not-an-incident/messages`, {})).status).toBe(404);
	});
});

describe('incidents arriving over time', () => {
	it('adds an incident now with addIncident(), found by the next search', async () => {
		sb.advanceTime(10 * MINUTE);
		const added = sb.threatProtection.addIncident({
			source: 'tap',
			priority: 'high',
			dispositions: ['malware'],
		});
		expect(added).toMatchObject({
			createdAt: new Date(START + 10 * MINUTE).toISOString().replace('Z', '+00:00'),
			updatedAt: new Date(START + 10 * MINUTE).toISOString().replace('Z', '+00:00'),
			state: 'open',
			priority: 'high',
			sourceTypes: ['tap_alert'],
			dispositions: ['malware'],
			displayId: 2201,
		});
		const newest = await searchIncidents({ endRow: 1 });
		expect(newest.body.incidents).toEqual([added]);
	});

	it('bumps updatedAt with updateIncident(), so a sort by updatedAt shows it first', async () => {
		const old = all.find((incident) => incident.state === 'open');
		sb.advanceTime(MINUTE);
		const updated = sb.threatProtection.updateIncident(old.id, { state: 'closed' });
		expect(updated).toMatchObject({ id: old.id, state: 'closed', createdAt: old.createdAt });
		expect(ms(updated.updatedAt)).toBe(sb.now());
		expect(updated.closedAt).toBe(updated.updatedAt);
		const recent = await searchIncidents({
			endRow: 1,
			sortParams: [{ sort: 'desc', colId: 'updatedAt' }],
		});
		expect(recent.body.incidents[0].id).toBe(old.id);
		expect(() => sb.threatProtection.updateIncident('nope', {})).toThrow('nope');
		expect(() => sb.threatProtection.updateIncident(old.id, { colour: 'red' })).toThrow('colour');
	});

	it('makes incidents arrive on the sandbox clock with arrivals, some created up to lateMs before they show', async () => {
		const live = await startSandbox({
			port: 0,
			now: () => START,
			threatProtection: {
				incidentCount: 10,
				ctrPerMinute: 1000,
				arrivals: { everyMs: MINUTE, lateMs: 10 * MINUTE },
			},
		});
		try {
			const liveClient = await tpClient(live);
			const window = {
				filters: {
					time_range_filter: { start: filterTime(START), end: filterTime(START + 60 * MINUTE) },
				},
			};
			live.advanceTime(30 * MINUTE);
			const seenAt30 = await liveClient.post(INCIDENTS, window);
			expect(seenAt30.body.total).toBeGreaterThan(20);
			expect(live.threatProtection.incidents()).toHaveLength(40);

			live.advanceTime(30 * MINUTE);
			const arrived = live.threatProtection
				.incidents()
				.filter((incident) => incident.displayId > 1010);
			expect(arrived).toHaveLength(70 - 10);
			const lateness = arrived.map((incident) => ms(incident.updatedAt) - ms(incident.createdAt));
			expect(lateness.some((late) => late > 0)).toBe(true);
			expect(Math.max(...lateness)).toBeLessThanOrEqual(10 * MINUTE);

			// A late incident created before minute 30 was not there when minute 30's search ran.
			const before30 = arrived.filter((incident) => ms(incident.createdAt) <= START + 30 * MINUTE);
			const missedAt30 = before30.filter(
				(incident) => !ids(seenAt30.body.incidents).includes(incident.id),
			);
			expect(missedAt30.length).toBeGreaterThan(0);
			expect(missedAt30.every((incident) => ms(incident.updatedAt) > START + 30 * MINUTE)).toBe(
				true,
			);
		} finally {
			await live.close();
		}
	});
});
