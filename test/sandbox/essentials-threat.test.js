'use strict';

const axios = require('axios');
const {
	startSandbox,
	SANDBOX_CREDENTIALS,
	DEMO,
	tapBasicAuth,
	essentialsThreatAuth,
} = require('../../sandbox');
const {
	MINUTE,
	HOUR,
	DAY,
	START,
	threatClient,
	interval,
	hourWindow,
	allEvents,
} = require('./threat-event-helpers');
const { goTime } = require('../../sandbox/essentials-threat');

const { partner, acme, pending } = SANDBOX_CREDENTIALS.essentialsThreat;
const ARRAYS = ['clicksBlocked', 'clicksPermitted', 'messagesBlocked', 'messagesDelivered'];
const ANY_STATUS = ['active', 'cleared', 'falsePositive'];
const GO_TIME = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \+0000 UTC$/;

let sb;

beforeAll(async () => {
	sb = await startSandbox({ port: 0, now: () => START });
});
afterAll(() => sb.close());
afterEach(() => sb.setTime(START));

const siemAll = (key, params, region) =>
	threatClient(sb, key, region).get('/v2/siem/all', { params });
const lastHour = () => {
	const { start, end } = hourWindow(START, 2);
	return { start, end, interval: interval(start, end) };
};
const withoutEndTime = ({ queryEndTime, ...arrays }) => arrays;
const recipientOf = (event) =>
	Array.isArray(event.recipient) ? event.recipient[0] : event.recipient;
const domainsOf = (answer) =>
	new Set(allEvents(answer).map((event) => recipientOf(event).split('@')[1]));
const namesOf = (answer) => new Set(allEvents(answer).map((event) => event.customerName));

describe('Essentials Threat API keys', () => {
	it.each([
		['no key', undefined],
		['a wrong secret', { username: partner.apiKey, password: 'not-the-secret' }],
		['the TAP principal and secret', tapBasicAuth()],
		['an unknown key', { username: 'someone-else', password: partner.apiKeySecret }],
	])('answers 401 in short plain text for %s', async (_, auth) => {
		const response = await axios.get(`${sb.essentialsThreatUrl()}/v2/siem/all`, {
			params: { sinceSeconds: 600, ownData: true },
			auth,
			validateStatus: () => true,
		});
		expect(response.status).toBe(401);
		expect(response.headers['content-type']).toMatch(/^text\/plain/);
		expect(response.data.length).toBeLessThan(80);
	});

	it('is not a TAP credential either', async () => {
		const response = await axios.get(`${sb.tapUrl}/v2/siem/all`, {
			params: { sinceSeconds: 600, format: 'json' },
			auth: essentialsThreatAuth(partner),
			validateStatus: () => true,
		});
		expect(response.status).toBe(401);
	});

	it('belongs to its region: a key of US organisations is unknown at the EU host', async () => {
		const response = await siemAll(partner, { sinceSeconds: 600, ownData: true }, 'eu');
		expect(response.status).toBe(401);
		expect(response.data).toContain('region');
	});

	it('lets a newly created key in only once it is active, 30 minutes after the sandbox started', async () => {
		const params = { sinceSeconds: 600, ownData: true };
		expect((await siemAll(pending, params)).status).toBe(401);
		expect((await siemAll(pending, params)).data).toContain('not active yet');
		sb.setTime(START + 29 * MINUTE);
		expect((await siemAll(pending, params)).status).toBe(401);
		sb.setTime(START + 30 * MINUTE);
		expect([200, 204]).toContain((await siemAll(pending, params)).status);
	});

	it('records requests as api essentialsThreat with the region and the API key, never the secret', async () => {
		sb.clearRequests();
		await siemAll(acme, { sinceSeconds: 600, ownData: true });
		expect(sb.requests).toEqual([
			expect.objectContaining({
				api: 'essentialsThreat',
				region: 'us',
				method: 'GET',
				rawPath: '/us-siem/v2/siem/all',
				path: '/v2/siem/all',
				user: acme.apiKey,
				authOk: true,
				status: expect.any(Number),
			}),
		]);
		expect(JSON.stringify(sb.requests)).not.toContain(acme.apiKeySecret);
	});

	it('answers a fault set with failNext like any other request', async () => {
		sb.failNext({ path: '/v2/siem/all', mode: '503' });
		const response = await siemAll(partner, { sinceSeconds: 600, ownData: true });
		expect(response.status).toBe(503);
		expect(sb.requests.at(-1)).toMatchObject({ api: 'essentialsThreat', fault: '503' });
	});
});

describe('paths', () => {
	it.each([
		'/v2/siem/clicks/blocked',
		'/v2/siem/issues',
		'/v2/people/vap',
		'/v2/siem/all/more',
		'/',
	])('has only /v2/siem/all: %s is 404', async (path) => {
		const response = await threatClient(sb, partner).get(path, { params: { sinceSeconds: 600 } });
		expect(response.status).toBe(404);
	});

	it('answers GET only', async () => {
		const response = await threatClient(sb, partner).post('/v2/siem/all', {});
		expect(response.status).toBe(405);
	});

	it('gives sb.essentialsThreatUrl() for each region', () => {
		expect(sb.essentialsThreatUrl()).toBe(`${sb.url}/us-siem`);
		expect(sb.essentialsThreatUrl('eu')).toBe(`${sb.url}/eu-siem`);
	});
});

describe('own and customer data', () => {
	const partnerOrg = () => sb.getOrg(DEMO.partner);

	it('gives the partner key its own organisation’s events with ownData', async () => {
		const { start, end, interval: window } = lastHour();
		const response = await siemAll(partner, {
			interval: window,
			ownData: true,
			customerData: false,
		});
		expect(response.status).toBe(200);
		const expected = sb.siem.truth({
			platform: 'essentials',
			org: DEMO.partner,
			kinds: ARRAYS,
			start,
			end,
		});
		expect(withoutEndTime(response.data)).toEqual(expected);
		expect(namesOf(expected)).toEqual(new Set(['Example Partner']));
		for (const event of allEvents(expected)) {
			expect(event).toMatchObject({
				customerEid: partnerOrg().eid,
				customerName: 'Example Partner',
				parentEid: null,
				parentName: null,
				stackName: 'us1',
			});
		}
	});

	it('gives it every child organisation’s events with customerData, each naming its parent', async () => {
		const { start, end, interval: window } = lastHour();
		const response = await siemAll(partner, {
			interval: window,
			ownData: false,
			customerData: true,
		});
		const expected = sb.siem.truth({
			platform: 'essentials',
			org: DEMO.partner,
			ownData: false,
			customerData: true,
			kinds: ARRAYS,
			start,
			end,
		});
		expect(withoutEndTime(response.data)).toEqual(expected);
		expect(domainsOf(expected)).toEqual(new Set([DEMO.acme, DEMO.initech, DEMO.globex]));
		for (const event of allEvents(expected)) {
			const org = [DEMO.acme, DEMO.initech, DEMO.globex]
				.map((domain) => sb.getOrg(domain))
				.find((candidate) => candidate.name === event.customerName);
			expect(event).toMatchObject({
				customerEid: org.eid,
				parentEid: partnerOrg().eid,
				parentName: 'Example Partner',
				stackName: org.primary_domain === DEMO.globex ? 'us2' : 'us1',
			});
		}
	});

	it('gives both together with ownData and customerData', async () => {
		const { start, end, interval: window } = lastHour();
		const response = await siemAll(partner, {
			interval: window,
			ownData: true,
			customerData: true,
		});
		const own = sb.siem.truth({
			platform: 'essentials',
			org: DEMO.partner,
			kinds: ARRAYS,
			start,
			end,
		});
		const customers = sb.siem.truth({
			platform: 'essentials',
			org: DEMO.partner,
			ownData: false,
			customerData: true,
			kinds: ARRAYS,
			start,
			end,
		});
		for (const array of ARRAYS) {
			const ids = response.data[array].map((event) => event.id).sort();
			expect(ids).toEqual([...own[array], ...customers[array]].map((event) => event.id).sort());
		}
	});

	it('gives a key scoped to acme.example acme’s events only, and 403 for customer data', async () => {
		const { start, end, interval: window } = lastHour();
		const own = await siemAll(acme, { interval: window, ownData: true });
		const expected = sb.siem.truth({
			platform: 'essentials',
			org: DEMO.acme,
			kinds: ARRAYS,
			start,
			end,
		});
		expect(own.status).toBe(allEvents(expected).length ? 200 : 204);
		if (own.status === 200) expect(withoutEndTime(own.data)).toEqual(expected);
		const customers = await siemAll(acme, { interval: window, ownData: true, customerData: true });
		expect(customers.status).toBe(403);
		expect(customers.headers['content-type']).toMatch(/^text\/plain/);
	});

	it.each([
		[{}, 'At least one of ownData or customerData must be true'],
		[
			{ ownData: false, customerData: false },
			'At least one of ownData or customerData must be true',
		],
		[{ ownData: 'yes' }, 'ownData and customerData must be true or false'],
	])('refuses %j with a plain-text 400', async (flags, message) => {
		const response = await siemAll(partner, { sinceSeconds: 600, ...flags });
		expect(response.status).toBe(400);
		expect(response.data).toBe(message);
	});
});

describe('answers', () => {
	it('writes queryEndTime in Go’s layout, and sends the four arrays after it', async () => {
		sb.setTime(START + 15 * 1000);
		const response = await siemAll(partner, {
			sinceSeconds: 3600,
			ownData: true,
			customerData: true,
		});
		expect(response.status).toBe(200);
		expect(response.data.queryEndTime).toMatch(GO_TIME);
		expect(response.data.queryEndTime).toBe('2026-06-05 06:00:00 +0000 UTC');
		expect(Object.keys(response.data)).toEqual(['queryEndTime', ...ARRAYS]);
	});

	it('formats queryEndTime like Go, fractions of a second only when there are some', () => {
		expect(goTime(Date.parse('2025-11-18T06:45:05Z'))).toBe('2025-11-18 06:45:05 +0000 UTC');
		expect(goTime(Date.parse('2025-11-18T06:40:00.500Z'))).toBe('2025-11-18 06:40:00.5 +0000 UTC');
		expect(goTime(Date.parse('2025-11-18T00:00:00.120Z'))).toBe('2025-11-18 00:00:00.12 +0000 UTC');
	});

	it('writes events the Essentials way: microseconds, string completelyRewritten, threatId, URL or attachment', () => {
		const week = sb.siem.truth({
			platform: 'essentials',
			org: DEMO.partner,
			customerData: true,
			start: START - 3 * DAY,
			end: START,
			threatStatus: ANY_STATUS,
		});
		const classifications = (answer) =>
			new Set(
				allEvents(answer).flatMap((event) =>
					(event.threatsInfoMap ?? [event]).map((info) => info.classification),
				),
			);
		const messages = [...week.messagesDelivered, ...week.messagesBlocked];
		const infos = messages.flatMap((event) => event.threatsInfoMap);
		expect(messages.filter((event) => !/\.\d{6}Z$/.test(event.messageTime))).toEqual([]);
		expect(new Set(messages.map((event) => event.completelyRewritten))).toEqual(
			new Set(['true', 'false', 'na']),
		);
		expect(infos.filter((info) => 'threatID' in info || !('threatId' in info))).toEqual([]);
		expect(new Set(infos.map((info) => info.threatType))).toEqual(new Set(['URL', 'attachment']));
		const seen = [...classifications(week)];
		expect(seen).toContain('toad');
		expect(
			seen.filter((name) => !['malware', 'phish', 'spam', 'impostor', 'toad'].includes(name)),
		).toEqual([]);
		expect(messages.filter((event) => !event.messageDetailsUrl.startsWith('https://'))).toEqual([]);
	});

	it('answers 204 with no body when all four arrays would be empty', async () => {
		const empty = await startSandbox({ port: 0, now: () => START, siem: false });
		try {
			const get = () =>
				threatClient(empty, partner).get('/v2/siem/all', {
					params: { sinceSeconds: 3600, ownData: true, customerData: true },
				});
			const nothing = await get();
			expect(nothing.status).toBe(204);
			expect(nothing.data).toBe('');
			const [event] = empty.siem.inject('clicksBlocked', {
				platform: 'essentials',
				org: DEMO.initech,
				time: START - 10 * MINUTE,
			});
			const something = await get();
			expect(something.status).toBe(200);
			expect(something.data).toEqual({
				queryEndTime: '2026-06-05 06:00:00 +0000 UTC',
				clicksBlocked: [event],
				clicksPermitted: [],
				messagesBlocked: [],
				messagesDelivered: [],
			});
			expect(event).toMatchObject({ customerName: 'Initech', parentName: 'Example Partner' });
		} finally {
			await empty.close();
		}
	});

	it('shows a late event once it is indexed, like TAP', async () => {
		const time = START - 20 * MINUTE;
		const [late] = sb.siem.inject('messagesDelivered', {
			platform: 'essentials',
			org: DEMO.acme,
			time,
			visibleAt: time + 25 * MINUTE,
		});
		const params = { interval: interval(time - 10 * MINUTE, time + 10 * MINUTE), ownData: true };
		const before = await siemAll(acme, params);
		expect(JSON.stringify(before.data)).not.toContain(late.id);
		sb.setTime(time + 25 * MINUTE);
		const after = await siemAll(acme, params);
		expect(after.data.messagesDelivered).toContainEqual(late);
	});
});

describe('window rules', () => {
	const at = (ms) => new Date(ms).toISOString();

	it.each([
		[{ interval: `${at(START - 3 * DAY)}/${at(START - 3 * DAY + HOUR)}` }, 200],
		[
			{ interval: `${at(START - 3 * DAY - 1000)}/${at(START - 3 * DAY + HOUR)}` },
			'The requested start time is too far into the past. Requests for information up to 3.00d are accepted',
		],
		[
			{ sinceSeconds: 29 },
			'The requested interval is too short. Requests must be for at least 30.00s of data',
		],
		[{ sinceSeconds: 30 }, 200],
		[
			{ sinceSeconds: 3601 },
			'The requested interval is too long. Requests must be for at most 1.00h of data',
		],
		[{ interval: `${at(START - HOUR)}/${at(START)}` }, 'The requested interval is still current.'],
		[{ sinceTime: at(START - HOUR) }, 'Exactly one of interval or sinceSeconds is required'],
		[
			{ sinceSeconds: 60, interval: `${at(START - HOUR)}/${at(START - 1000)}` },
			'Exactly one of interval or sinceSeconds is required',
		],
	])('answers %j with %s', async (params, expected) => {
		const response = await siemAll(partner, { ownData: true, customerData: true, ...params });
		if (expected === 200) {
			expect([200, 204]).toContain(response.status);
		} else {
			expect(response.status).toBe(400);
			expect(response.data).toBe(expected);
		}
	});
});

describe('burst throttle', () => {
	let quiet;

	beforeEach(async () => {
		quiet = await startSandbox({ port: 0, now: () => START, siem: false });
	});
	afterEach(() => quiet.close());

	const poll = (key) =>
		threatClient(quiet, key).get('/v2/siem/all', { params: { sinceSeconds: 600, ownData: true } });
	const pollMany = async (key, count) =>
		(await Promise.all(Array.from({ length: count }, () => poll(key)))).map(
			(response) => response.status,
		);

	it('answers 429 past 120 requests in a rolling minute, with Retry-After until a slot frees', async () => {
		expect(await pollMany(partner, 60)).toEqual(Array(60).fill(204));
		quiet.advanceTime(20 * 1000);
		expect(await pollMany(partner, 60)).toEqual(Array(60).fill(204));
		const throttled = await poll(partner);
		expect(throttled.status).toBe(429);
		expect(throttled.headers['content-type']).toMatch(/^text\/plain/);
		expect(throttled.headers['retry-after']).toBe('40');
		quiet.advanceTime(39 * 1000);
		expect((await poll(partner)).status).toBe(429);
		quiet.advanceTime(1000);
		expect(await pollMany(partner, 60)).toEqual(Array(60).fill(204));
		expect((await poll(partner)).status).toBe(429);
	});

	it('counts per key, and not the requests refused with 401', async () => {
		const wrong = { apiKey: acme.apiKey, apiKeySecret: 'wrong' };
		expect(new Set(await pollMany(wrong, 130))).toEqual(new Set([401]));
		expect(await pollMany(partner, 120)).toEqual(Array(120).fill(204));
		expect((await poll(partner)).status).toBe(429);
		expect((await poll(acme)).status).toBe(204);
	});

	it('takes its limit from essentialsThreatLimit', async () => {
		const strict = await startSandbox({
			port: 0,
			now: () => START,
			siem: false,
			essentialsThreatLimit: { perMinute: 3 },
		});
		try {
			const statuses = [];
			for (let i = 0; i < 4; i++) {
				statuses.push(
					(
						await threatClient(strict, acme).get('/v2/siem/all', {
							params: { sinceSeconds: 600, ownData: true },
						})
					).status,
				);
			}
			expect(statuses).toEqual([204, 204, 204, 429]);
		} finally {
			await strict.close();
		}
	});
});
