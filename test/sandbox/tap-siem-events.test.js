'use strict';

const { startSandbox } = require('../../sandbox');
const {
	MINUTE,
	HOUR,
	DAY,
	START,
	tapClient,
	interval,
	hourWindow,
	allEvents,
} = require('./threat-event-helpers');

const ENDPOINTS = {
	all: ['messagesDelivered', 'messagesBlocked', 'clicksPermitted', 'clicksBlocked'],
	issues: ['messagesDelivered', 'clicksPermitted'],
	'clicks/blocked': ['clicksBlocked'],
	'clicks/permitted': ['clicksPermitted'],
	'messages/blocked': ['messagesBlocked'],
	'messages/delivered': ['messagesDelivered'],
};

let sb;
let tap;

beforeAll(async () => {
	sb = await startSandbox({ port: 0, now: () => START });
	tap = tapClient(sb);
});
afterAll(() => sb.close());
afterEach(() => sb.setTime(START));

const siem = (path, params) =>
	tap.get(`/v2/siem/${path}`, { params: { format: 'json', ...params } });
const withoutEndTime = ({ queryEndTime, ...arrays }) => arrays;

describe('SIEM answers from the event store', () => {
	it.each(Object.entries(ENDPOINTS))(
		'answers an hour of /v2/siem/%s with exactly the events truth() holds for it',
		async (path, kinds) => {
			const { start, end } = hourWindow(START, 3);
			const response = await siem(path, { interval: interval(start, end) });
			expect(response.status).toBe(200);
			expect(response.data.queryEndTime).toBe(new Date(end).toISOString().replace('.000Z', 'Z'));
			expect(Object.keys(response.data)).toEqual(['queryEndTime', ...kinds]);
			expect(withoutEndTime(response.data)).toEqual(sb.siem.truth({ kinds, start, end }));
		},
	);

	it('has events in a typical hour, and sends every array even when it is empty', async () => {
		const { start, end } = hourWindow(START, 2);
		const { data } = await siem('all', { interval: interval(start, end) });
		expect(allEvents(withoutEndTime(data)).length).toBeGreaterThan(3);
		const empty = await startSandbox({ port: 0, now: () => START, siem: false });
		try {
			const response = await tapClient(empty).get('/v2/siem/all', {
				params: { format: 'json', interval: interval(start, end) },
			});
			expect(response.data).toEqual({
				queryEndTime: expect.any(String),
				messagesDelivered: [],
				messagesBlocked: [],
				clicksPermitted: [],
				clicksBlocked: [],
			});
		} finally {
			await empty.close();
		}
	});

	it('answers the same window with the same events in the same order every time', async () => {
		const params = { interval: interval(...Object.values(hourWindow(START, 5))) };
		const first = await siem('all', params);
		const second = await siem('all', params);
		expect(second.data).toEqual(first.data);
	});

	it('reads events in [start, end): one at the start is in, one at the end is not', async () => {
		const { start, end } = hourWindow(START, 4);
		const [atStart] = sb.siem.inject('messagesBlocked', { time: start });
		const [atEnd] = sb.siem.inject('messagesBlocked', { time: end });
		const { data } = await siem('messages/blocked', { interval: interval(start, end) });
		const ids = data.messagesBlocked.map((event) => event.id);
		expect(ids).toContain(atStart.id);
		expect(ids).not.toContain(atEnd.id);
	});

	it('ends a sinceSeconds window at the minute and follows the sandbox clock', async () => {
		sb.setTime(START + 2 * DAY + 45 * 1000);
		const response = await siem('all', { sinceSeconds: 3600 });
		const end = Math.floor(sb.now() / MINUTE) * MINUTE;
		expect(response.data.queryEndTime).toBe(new Date(end).toISOString().replace('.000Z', 'Z'));
		expect(withoutEndTime(response.data)).toEqual(sb.siem.truth({ start: end - HOUR, end }));
		expect(allEvents(withoutEndTime(response.data)).length).toBeGreaterThan(0);
	});
});

describe('late events', () => {
	it('misses an event indexed 20 minutes late on the first poll and finds it when the window is read again', async () => {
		const time = START + 5 * MINUTE;
		const [late] = sb.siem.inject('clicksPermitted', { time, visibleAt: time + 20 * MINUTE });
		const window = { interval: interval(START, START + 15 * MINUTE) };
		sb.setTime(START + 16 * MINUTE);
		const first = await siem('clicks/permitted', window);
		expect(first.data.clicksPermitted.map((event) => event.id)).not.toContain(late.id);
		sb.setTime(START + 26 * MINUTE);
		const again = await siem('clicks/permitted', window);
		expect(again.data.clicksPermitted).toContainEqual(late);
	});
});

describe('threatType and threatStatus', () => {
	const { start, end } = { start: START - 3 * DAY, end: START - 3 * DAY + HOUR };
	const typesOf = (event) =>
		event.threatsInfoMap.map((info) =>
			info.threatType.toLowerCase().replace('messagetext', 'messageText'),
		);

	it.each(['url', 'attachment', 'messageText'])(
		'keeps the messages with a threat of type %s',
		async (threatType) => {
			for (let hour = 0; hour < 6; hour++) {
				const window = { start: start + hour * HOUR, end: end + hour * HOUR };
				const { data } = await siem('all', {
					interval: interval(window.start, window.end),
					threatType,
				});
				expect(withoutEndTime(data)).toEqual(sb.siem.truth({ ...window, threatType }));
				for (const event of [...data.messagesDelivered, ...data.messagesBlocked]) {
					expect(typesOf(event)).toContain(threatType);
				}
				if (threatType !== 'url')
					expect([...data.clicksPermitted, ...data.clicksBlocked]).toEqual([]);
			}
		},
	);

	it('shows cleared threats by default, falsePositive ones only when asked (repeated threatStatus)', async () => {
		const threat = sb.siem
			.threats()
			.find((candidate) => candidate.statusChange?.status === 'falsePositive');
		const time = Date.parse(threat.threatTime) + MINUTE;
		sb.setTime(Date.parse(threat.statusChange.at) + HOUR);
		const [event] = sb.siem.inject('messagesDelivered', { time, threats: [threat.id] });
		const params = { interval: interval(time, time + MINUTE) };
		const byDefault = await siem('messages/delivered', params);
		expect(byDefault.data.messagesDelivered.map((found) => found.id)).not.toContain(event.id);
		const url = `/v2/siem/messages/delivered?format=json&interval=${params.interval}&threatStatus=active&threatStatus=falsePositive`;
		const asked = await tap.get(url);
		expect(asked.data.messagesDelivered.map((found) => found.id)).toContain(event.id);
		expect(
			asked.data.messagesDelivered.find((found) => found.id === event.id).threatsInfoMap[0]
				.threatStatus,
		).toBe('falsePositive');
	});

	it.each([
		[{ threatType: 'URL' }, 'Invalid threatType: URL'],
		[{ threatType: 'virus' }, 'Invalid threatType: virus'],
		[{ threatStatus: 'deleted' }, 'Invalid threatStatus: deleted'],
	])('refuses %j with a plain-text 400', async (params, message) => {
		const response = await siem('all', { sinceSeconds: 600, ...params });
		expect(response.status).toBe(400);
		expect(response.headers['content-type']).toMatch(/^text\/plain/);
		expect(response.data).toContain(message);
	});
});

describe('how answers are sent', () => {
	it('labels some JSON answers text/plain, as real TAP sometimes does; the body is JSON either way', async () => {
		const types = [];
		for (let i = 0; i < 60; i++) {
			const response = await tap.get('/v2/siem/clicks/blocked', {
				params: { format: 'json', sinceSeconds: 600 },
				transformResponse: (body) => body,
			});
			types.push(response.headers['content-type']);
			expect(JSON.parse(response.data)).toHaveProperty('clicksBlocked');
		}
		const plain = types.filter((type) => type.startsWith('text/plain')).length;
		expect(plain).toBeGreaterThan(0);
		expect(plain).toBeLessThan(30);
	});

	it('answers the syslog format (no format=json) with an empty body', async () => {
		const response = await tap.get('/v2/siem/all', { params: { sinceSeconds: 3600 } });
		expect(response.status).toBe(200);
		expect(response.data).toBe('');
	});
});

describe('window rules', () => {
	const at = (ms) => new Date(ms).toISOString();

	it.each([
		['of exactly 30 s', 200, START - HOUR, START - HOUR + 30 * 1000],
		['of 29 s', 400, START - HOUR, START - HOUR + 29 * 1000],
		['of exactly 1 h', 200, START - 2 * HOUR, START - HOUR],
		['of 1 h and 1 s', 400, START - 2 * HOUR - 1000, START - HOUR],
		['starting exactly 7 days back', 200, START - 7 * DAY, START - 7 * DAY + HOUR],
		['starting 7 days and 1 s back', 400, START - 7 * DAY - 1000, START - 7 * DAY + HOUR],
		['ending 1 s ago', 200, START - HOUR, START - 1000],
		['ending now', 400, START - HOUR, START],
	])('answers an interval %s with %i', async (_, status, start, end) => {
		const response = await siem('all', { interval: `${at(start)}/${at(end)}` });
		expect(response.status).toBe(status);
	});

	it.each([
		[
			{ sinceSeconds: 29 },
			'The requested interval is too short. Requests must be for at least 30.00s of data',
		],
		[
			{ sinceSeconds: 3601 },
			'The requested interval is too long. Requests must be for at most 1.00h of data',
		],
		[
			{ sinceTime: new Date(START - 7 * DAY - MINUTE).toISOString() },
			'The requested start time is too far into the past. Requests for information up to 7.00d are accepted',
		],
		[
			{ interval: `PT30M/${new Date(START + MINUTE).toISOString()}` },
			'The requested interval is still current.',
		],
		[{ interval: 'PT30M/PT30M' }, 'Invalid interval: PT30M/PT30M'],
		[
			{ sinceSeconds: 60, interval: 'PT30M/2026-06-05T05:00:00Z' },
			'Exactly one of interval, sinceSeconds or sinceTime is required',
		],
	])('refuses %j with its plain text', async (params, message) => {
		const response = await siem('issues', params);
		expect(response.status).toBe(400);
		expect(response.data).toBe(message);
	});
});

describe('rolling 24-hour pools', () => {
	let pools;
	let client;

	beforeAll(async () => {
		pools = await startSandbox({ port: 0, now: () => START, siem: false });
		client = tapClient(pools);
	});
	afterAll(() => pools.close());

	const statusOf = async (path) =>
		(await client.get(`/v2/siem/${path}`, { params: { sinceSeconds: 600 } })).status;

	it('shares one pool of 1,800 among /all, /issues, /clicks/blocked and /messages/*, apart from /clicks/permitted', async () => {
		const paths = ['all', 'issues', 'clicks/blocked', 'messages/blocked', 'messages/delivered'];
		const statuses = [];
		for (let batch = 0; batch < 36; batch++) {
			const sent = Array.from({ length: 50 }, (_, i) =>
				statusOf(paths[(batch * 50 + i) % paths.length]),
			);
			statuses.push(...(await Promise.all(sent)));
		}
		expect(statuses.filter((status) => status !== 200)).toEqual([]);
		for (const path of paths) expect(await statusOf(path)).toBe(429);
		expect(await statusOf('clicks/permitted')).toBe(200);
		pools.advanceTime(DAY);
		expect(await statusOf('messages/delivered')).toBe(200);
	});
});
