'use strict';

const { useSandbox, useFrozenClock, seen, sandboxCredentials } = require('../../support');
const { runNode } = require('../../harness');
const { eventKey } = require('../../../dist/nodes/Proofpoint/helpers/threatEvents');

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const NOW = '2026-06-05T06:17:42.000Z';
const ALL_KINDS = ['clicksBlocked', 'clicksPermitted', 'messagesBlocked', 'messagesDelivered'];

const getMany = (parameters) => ({
	resource: 'siemEvent',
	operation: 'getAll',
	eventTypes: ALL_KINDS,
	timeRange: 'last',
	lastAmount: 24,
	lastUnit: 'hours',
	returnAll: true,
	simplify: false,
	...parameters,
});

/** The range "last N hours" means at the frozen time: up to the start of the current minute. */
function lastHours(hours) {
	const end = Math.floor((Date.parse(NOW) - 1) / MINUTE) * MINUTE;
	return { start: end - hours * HOUR, end };
}

/** The keys of the sandbox's ground truth for a range, as the node would emit them. */
function truthKeys(sb, { kinds = ALL_KINDS, ...query }) {
	const truth = sb.siem.truth({ kinds, ...query });
	return Object.entries(truth).flatMap(([kind, events]) => events.map((event) => eventKey(kind, event))).sort();
}

const itemKeys = (items) => items.map((item) => eventKey(item.json.eventType, item.json)).sort();

describe('SIEM Event → Get Many', () => {
	const clock = useFrozenClock(NOW);
	const { run, sb } = useSandbox({ siem: { seed: 11, perHour: 20 } });
	beforeEach(() => clock.set(NOW));

	describe('on TAP', () => {
		it('reads the last 24 hours of all four types in exactly 24 requests, one per hour to /v2/siem/all, and returns every event once', async () => {
			const result = await run(getMany());

			expect(result.status).toBe('success');
			expect(seen(sb())).toEqual(Array(24).fill('GET /v2/siem/all'));
			const range = lastHours(24);
			expect(sb().requests.map((request) => request.query.interval)).toEqual(
				Array.from({ length: 24 }, (_, index) => {
					const start = new Date(range.start + index * HOUR).toISOString().replace('.000Z', 'Z');
					const end = new Date(range.start + (index + 1) * HOUR).toISOString().replace('.000Z', 'Z');
					return `${start}/${end}`;
				}),
			);
			expect(sb().requests.every((request) => request.query.format === 'json')).toBe(true);
			const keys = itemKeys(result.items);
			expect(keys.length).toBeGreaterThan(100);
			expect(new Set(keys).size).toBe(keys.length);
			expect(keys).toEqual(truthKeys(sb(), range));
		});

		it('adds the type to every event and pairs it with the input item', async () => {
			const result = await run(getMany({ lastAmount: 2 }));

			const types = new Set(result.items.map((item) => item.json.eventType));
			expect([...types].sort()).toEqual(ALL_KINDS);
			for (const item of result.items) {
				expect(item.pairedItem).toEqual({ item: 0 });
				expect(item.json.eventType.startsWith('clicks') ? item.json.clickTime : item.json.messageTime).toEqual(expect.any(String));
			}
		});

		it.each([
			[['clicksPermitted'], '/v2/siem/clicks/permitted'],
			[['messagesDelivered'], '/v2/siem/messages/delivered'],
			[['clicksPermitted', 'messagesDelivered'], '/v2/siem/issues'],
			[['clicksBlocked', 'messagesBlocked'], '/v2/siem/all'],
		])('%j: one request per hour to %s, and only those types come out', async (eventTypes, path) => {
			const result = await run(getMany({ eventTypes, lastAmount: 3 }));

			expect(seen(sb())).toEqual(Array(3).fill(`GET ${path}`));
			expect(new Set(result.items.map((item) => item.json.eventType))).toEqual(new Set(eventTypes));
			expect(itemKeys(result.items)).toEqual(truthKeys(sb(), { kinds: eventTypes, ...lastHours(3) }));
		});

		it('gives a message sent to three recipients as three events sharing its GUID', async () => {
			const time = Date.parse(NOW) - 30 * MINUTE;
			const recipients = ['alice.nguyen@acme.example', 'bob.smith@acme.example', 'carol.jones@acme.example'];
			const injected = sb().siem.inject('messagesDelivered', { time, recipients });
			const result = await run(getMany({ eventTypes: ['messagesDelivered'], lastAmount: 1, simplify: true }));

			const copies = result.items.filter((item) => item.json.guid === injected[0].GUID);
			expect(copies.map((item) => item.json.recipient).sort()).toEqual(recipients);
			expect(new Set(copies.map((item) => item.json.time)).size).toBe(1);
		});

		it('stops asking for windows once the Limit is reached', async () => {
			const result = await run(getMany({ returnAll: false, limit: 5 }));

			expect(result.items).toHaveLength(5);
			expect(sb().requests.length).toBeLessThan(3);
		});

		const timeOf = (item) => Date.parse(item.json.clickTime ?? item.json.messageTime);
		const truthTimes = (hours) => {
			const range = lastHours(hours);
			const truth = sb().siem.truth({ kinds: ALL_KINDS, start: range.start, end: range.end });
			return Object.entries(truth).flatMap(([kind, events]) => events.map((event) => Date.parse(kind.startsWith('clicks') ? event.clickTime : event.messageTime))).sort((a, b) => a - b);
		};

		it('with a Limit, returns the newest events of the range in time order, reading from the most recent hour back', async () => {
			const result = await run(getMany({ returnAll: false, limit: 5 }));

			const times = result.items.map(timeOf);
			expect(times).toEqual([...times].sort((a, b) => a - b));
			expect(times).toEqual(truthTimes(24).slice(-5));
			expect(sb().requests[0].query.interval.split('/')[1]).toBe(new Date(lastHours(24).end).toISOString().replace('.000Z', 'Z'));
			expect(sb().requests.length).toBeLessThan(3);
		});

		it('with a Limit and Oldest Events, returns the oldest events in time order', async () => {
			const result = await run(getMany({ returnAll: false, limit: 5, options: { limitKeeps: 'oldest' } }));

			const times = result.items.map(timeOf);
			expect(times).toEqual(truthTimes(24).slice(0, 5));
			expect(sb().requests.length).toBeLessThan(3);
		});

		it('returns all events in time order', async () => {
			const result = await run(getMany({ lastAmount: 3 }));

			const times = result.items.map(timeOf);
			expect(times.length).toBeGreaterThan(10);
			expect(times).toEqual(truthTimes(3));
		});

		it('refuses an unknown With a Limit, Keep choice before any request', async () => {
			const result = await run(getMany({ returnAll: false, limit: 5, options: { limitKeeps: 'latest' } }));

			expect(result.error.message).toContain('With a Limit, Keep');
			expect(sb().requests).toEqual([]);
		});

		it.each([
			['Europe/Berlin', '2026-06-04 16:00', '2026-06-04T14:00:00Z'],
			['America/New_York', '2026-06-04T16:00:00', '2026-06-04T20:00:00Z'],
			['UTC', '2026-06-04 16:00', '2026-06-04T16:00:00Z'],
		])("reads a date without a zone in the workflow's timezone (%s)", async (timezone, start, asked) => {
			const result = await run(getMany({ timeRange: 'between', startTime: start, endTime: '2026-06-04T21:00:00Z', eventTypes: ['clicksPermitted'] }), {
				settings: { timezone },
			});

			expect(result.status).toBe('success');
			expect(sb().requests[0].query.interval.split('/')[0]).toBe(asked);
		});

		it('keeps a date with a zone as written, whatever the workflow timezone', async () => {
			const result = await run(getMany({ timeRange: 'between', startTime: '2026-06-04T16:00:00+02:00', endTime: '2026-06-04T17:00:00Z', eventTypes: ['clicksPermitted'] }), {
				settings: { timezone: 'America/New_York' },
			});

			expect(result.status).toBe('success');
			expect(sb().requests[0].query.interval.split('/')[0]).toBe('2026-06-04T14:00:00Z');
		});

		it('reads between two instants given by expressions, in windows of at most an hour', async () => {
			const start = Date.parse('2026-06-04T10:00:00Z');
			const end = start + 150 * MINUTE;
			const result = await run(
				getMany({ timeRange: 'between', startTime: '={{ $json.from }}', endTime: '={{ $json.to }}' }),
				{ input: [{ json: { from: new Date(start).toISOString(), to: new Date(end).toISOString() } }] },
			);

			expect(result.status).toBe('success');
			expect(sb().requests.map((request) => request.query.interval)).toEqual([
				'2026-06-04T10:00:00Z/2026-06-04T11:00:00Z',
				'2026-06-04T11:00:00Z/2026-06-04T12:00:00Z',
				'2026-06-04T12:00:00Z/2026-06-04T12:30:00Z',
			]);
			expect(itemKeys(result.items)).toEqual(truthKeys(sb(), { start, end }));
		});

		it('sends Threat Type and Threat Status to TAP, whose answer is already filtered', async () => {
			const result = await run(getMany({ lastAmount: 6, threatType: 'attachment', threatStatus: 'active' }));

			expect(sb().requests[0].query).toMatchObject({ threatType: 'attachment', threatStatus: 'active' });
			expect(itemKeys(result.items)).toEqual(truthKeys(sb(), { ...lastHours(6), threatType: 'attachment', threatStatus: 'active' }));
		});

		it('asks for several threat statuses and types in one request per window, each sent as a repeated parameter', async () => {
			const result = await run(getMany({ lastAmount: 2, threatStatus: ['active', 'cleared', 'falsePositive'], threatType: ['url', 'attachment'] }));

			expect(result.status).toBe('success');
			expect(sb().requests).toHaveLength(2);
			for (const request of sb().requests) {
				expect(request.params.getAll('threatStatus')).toEqual(['active', 'cleared', 'falsePositive']);
				expect(request.params.getAll('threatType')).toEqual(['attachment', 'url']);
			}
			expect(itemKeys(result.items)).toEqual(truthKeys(sb(), { ...lastHours(2), threatType: ['attachment', 'url'], threatStatus: ['active', 'cleared', 'falsePositive'] }));
		});

		it("sends no filter for the defaults (active and cleared, every type): Proofpoint's own default", async () => {
			const result = await run(getMany({ lastAmount: 1, threatStatus: ['cleared', 'active'], threatType: ['url', 'attachment', 'messageText'] }));

			expect(result.status).toBe('success');
			expect(sb().requests[0].params.has('threatStatus')).toBe(false);
			expect(sb().requests[0].params.has('threatType')).toBe(false);
		});

		it('refuses an empty or unknown status before any request', async () => {
			const empty = await run(getMany({ lastAmount: 1, threatStatus: [] }));
			const unknown = await run(getMany({ lastAmount: 1, threatStatus: ['active', 'quarantined'] }));

			expect(empty.error.message).toContain('Threat Status is empty');
			expect(unknown.error.message).toContain('"quarantined"');
			expect(unknown.error.description).toBe('Choose from active, cleared, falsePositive.');
			expect(sb().requests).toEqual([]);
		});

		it.each([
			[{ threatStatus: 'activeAndCleared', threatType: 'all' }, {}],
			[{ threatStatus: 'falsePositive', threatType: 'url' }, { threatStatus: ['falsePositive'], threatType: ['url'] }],
		])('a node saved with version 1 keeps its single choices (%o)', async (saved, sent) => {
			const result = await runNode({
				parameters: getMany({ lastAmount: 1, ...saved }),
				typeVersion: 1,
				credentials: sandboxCredentials(sb()),
			});

			expect(result.status).toBe('success');
			const [request] = sb().requests;
			expect({ threatStatus: request.params.getAll('threatStatus'), threatType: request.params.getAll('threatType') }).toEqual({
				threatStatus: sent.threatStatus ?? [],
				threatType: sent.threatType ?? [],
			});
		});

		it('flattens each event with Simplify to the fields a person triages on', async () => {
			const result = await run(getMany({ lastAmount: 3, simplify: true }));

			expect(result.items.length).toBeGreaterThan(0);
			for (const { json } of result.items) {
				expect(Object.keys(json)).toEqual(
					expect.arrayContaining(['eventType', 'time', 'recipient', 'sender', 'subject', 'classification', 'threatId', 'threatUrl', 'campaignId', 'phishScore']),
				);
				if (json.classification !== null) expect(json.classification).toBe(json.classification.toLowerCase());
				expect(json.threatId).toEqual(expect.any(String));
			}
		});

		describe('refuses before any request', () => {
			it.each([
				['a range 8 days back', { lastAmount: 8, lastUnit: 'days' }, /starts 8 days 1 minute ago, but TAP serves only the last 7 days: start it at most 7 days ago \(e\.g\. Last 7 Days\)$/],
				['a start in the future', { timeRange: 'between', startTime: '2026-06-05T07:00:00Z', endTime: '2026-06-05T08:00:00Z' }, /ends before it starts|which is not in the past/],
				['a range of 20 seconds', { timeRange: 'between', startTime: '2026-06-05T05:00:00Z', endTime: '2026-06-05T05:00:20Z' }, /is 20 seconds long: it must be at least 30 seconds/],
				['a start that is not a date', { timeRange: 'between', startTime: 'yesterday', endTime: '2026-06-05T05:00:00Z' }, /^Item 0: Start must be a date and time/],
				['no event type', { eventTypes: [] }, /^Item 0: Event Types is empty/],
				['customer organizations on TAP', { essentialsData: 'customers' }, /^Item 0: Essentials Organizations asks for customer organizations, but the credential reaches TAP/],
			])('%s', async (_, parameters, message) => {
				const result = await run(getMany(parameters));

				expect(result.error.name).toBe('NodeOperationError');
				expect(result.error.message).toMatch(message);
				expect(sb().requests).toEqual([]);
			});
		});

		const hintsOf = (result) => (result.runData.Proofpoint?.[0]?.hints ?? []).map((hint) => hint.message);

		it('reads Last 7 Days, the most TAP serves: from the oldest instant it serves, in 168 requests, and says so in a hint', async () => {
			const result = await run(getMany({ lastAmount: 7, lastUnit: 'days' }));

			expect(result.status).toBe('success');
			expect(sb().requests).toHaveLength(168);
			// The frozen clock is 06:17:42: 7 days back plus the node's minute of margin, to the start of the current minute.
			expect(sb().requests[0].query.interval).toBe('2026-05-29T06:18:42Z/2026-05-29T07:18:42Z');
			expect(sb().requests.at(-1).query.interval).toBe('2026-06-05T05:18:42Z/2026-06-05T06:17:00Z');
			expect(hintsOf(result)).toEqual([
				'Time Range: TAP serves only the last 7 days, so events were read from 2026-05-29T06:18:42Z, not 2026-05-29T06:17:00Z.',
			]);
		});

		it('reads up to the start of the current minute when the End is {{ $now }}, as text or as a DateTime, and says so', async () => {
			for (const endTime of ['={{ $now.toISO() }}', '={{ $now }}']) {
				const result = await run(getMany({ timeRange: 'between', startTime: '2026-06-05T04:17:00Z', endTime }));

				expect({ endTime, status: result.status, error: result.error?.message }).toEqual({ endTime, status: 'success', error: undefined });
				expect(sb().requests.slice(-2).map((request) => request.query.interval)).toEqual([
					'2026-06-05T04:17:00Z/2026-06-05T05:17:00Z',
					'2026-06-05T05:17:00Z/2026-06-05T06:17:00Z',
				]);
				expect(hintsOf(result)).toEqual([
					expect.stringMatching(/^Time Range: the end 2026-06-05T06:17:42(\.000)?Z is not in the past, so events were read up to 2026-06-05T06:17:00Z, the start of the current minute\.$/),
				]);
			}
		});

		it('gives no hint when the range is read as asked', async () => {
			const result = await run(getMany({ lastAmount: 2 }));

			expect(result.status).toBe('success');
			expect(hintsOf(result)).toEqual([]);
		});

		it("never retries TAP's 429 and says which pool is used up and when it frees", async () => {
			sb().failNext({ path: '/v2/siem/all', mode: '429' });
			const result = await run(getMany({ lastAmount: 3 }));

			expect(sb().requests).toHaveLength(1);
			expect(result.error.httpCode).toBe('429');
			expect(result.error.message).toBe("TAP's SIEM quota for SIEM events (one pool for every endpoint but permitted clicks) is used up (429)");
			expect(result.error.description).toContain('1,800 SIEM requests in a rolling 24 hours');
			expect(result.error.description).toContain('24 hours after the oldest');
		});
	});

	describe('on the Essentials Threat API', () => {
		it('reads own data from /v2/siem/all with ownData, 3 days at most, and the customer name on each event', async () => {
			const result = await run(getMany({ lastAmount: 71 }), { threat: 'partner' });

			expect(result.status).toBe('success');
			expect(sb().requests).toHaveLength(71);
			expect(sb().requests.every((request) => request.api === 'essentialsThreat' && request.path === '/v2/siem/all')).toBe(true);
			expect(sb().requests[0].query).toMatchObject({ ownData: 'true', customerData: 'false' });
			expect(sb().requests[0].query.format).toBeUndefined();
			const truth = truthKeys(sb(), { ...lastHours(71), platform: 'essentials', ownData: true, customerData: false });
			expect(truth.length).toBeGreaterThan(0);
			expect(itemKeys(result.items)).toEqual(truth);
			expect(result.items.every((item) => item.json.customerName === 'Example Partner')).toBe(true);
		});

		it("reads a partner's customers with Customer Organizations, each event naming its customer", async () => {
			const result = await run(getMany({ lastAmount: 12, essentialsData: 'customers' }), { threat: 'partner' });

			expect(sb().requests[0].query).toMatchObject({ ownData: 'false', customerData: 'true' });
			const customers = new Set(result.items.map((item) => item.json.customerName));
			expect([...customers].sort()).toEqual(['Acme Corporation', 'Globex', 'Initech']);
			expect(itemKeys(result.items)).toEqual(truthKeys(sb(), { ...lastHours(12), platform: 'essentials', ownData: false, customerData: true }));
		});

		it('reads Last 3 Days, the most it serves, from the oldest instant it serves', async () => {
			// An hour later than the other tests: the sandbox's per-minute burst limit of the key starts afresh.
			clock.set('2026-06-05T07:17:42.000Z');
			const result = await run(getMany({ lastAmount: 3, lastUnit: 'days' }), { threat: 'partner' });

			expect({ status: result.status, error: result.error?.message }).toEqual({ status: 'success', error: undefined });
			expect(sb().requests).toHaveLength(72);
			expect(sb().requests[0].query.interval).toBe('2026-06-02T07:18:42Z/2026-06-02T08:18:42Z');
		});

		it('refuses a range more than 3 days back before any request', async () => {
			const result = await run(getMany({ lastAmount: 74 }), { threat: 'partner' });

			expect(result.error.message).toMatch(/the Essentials Threat API serves only the last 3 days: start it at most 3 days ago \(e\.g\. Last 3 Days\)$/);
			expect(sb().requests).toEqual([]);
		});

		it('says a new Integration Key can take 30 minutes to become active on a 401', async () => {
			const result = await run(getMany({ lastAmount: 1 }), { threat: 'pending' });

			expect(result.error.httpCode).toBe('401');
			expect(result.error.message).toBe('Proofpoint Essentials refused the Integration Key (401)');
			expect(result.error.description).toContain('up to 30 minutes to become active');
			expect(sb().requests).toHaveLength(1);
		});

		it("with Simplify, an event's time is in TAP's form (milliseconds), though Essentials writes microseconds", async () => {
			const raw = await run(getMany({ lastAmount: 24, simplify: false }), { threat: 'acme' });
			const simple = await run(getMany({ lastAmount: 24, simplify: true }), { threat: 'acme' });

			expect(raw.items.length).toBeGreaterThan(0);
			const rawTimes = raw.items.map((item) => item.json.messageTime ?? item.json.clickTime);
			expect(rawTimes.every((time) => /\.\d{6}Z$/.test(time))).toBe(true);
			expect(simple.items.map((item) => item.json.time)).toEqual(rawTimes.map((time) => new Date(time).toISOString()));
		});

		it('waits out a short Retry-After once and goes on', async () => {
			sb().failNext({ path: '/v2/siem/all', mode: '429-retry-after' });
			const result = await run(getMany({ lastAmount: 1 }), { threat: 'acme' });

			expect(result.status).toBe('success');
			expect(sb().requests.map((request) => request.status)).toEqual([429, expect.any(Number)]);
		});

		it('fails at once on a 429 that does not say how long to wait: never a retry loop', async () => {
			sb().failNext({ path: '/v2/siem/all', mode: '429' });
			const result = await run(getMany({ lastAmount: 1 }), { threat: 'acme' });

			expect(sb().requests).toHaveLength(1);
			expect(result.error.message).toBe('The Essentials Threat API is throttling requests (429)');
			expect(result.error.description).toContain('did not say how long to wait');
		});
	});
	describe('with nothing to report', () => {
		const empty = useSandbox({ siem: false });

		it('gives no items and no error for an hour without events (TAP answers empty arrays)', async () => {
			const result = await empty.run(getMany({ lastAmount: 1 }));

			expect(result.status).toBe('success');
			expect(result.items).toEqual([]);
			expect(empty.sb().requests).toHaveLength(1);
		});

		it('treats the Essentials Threat API\'s 204 No Content as an empty window and walks on', async () => {
			const result = await empty.run(getMany({ lastAmount: 2 }), { threat: 'acme' });

			expect(result.status).toBe('success');
			expect(result.items).toEqual([]);
			expect(empty.sb().requests.map((request) => request.status)).toEqual([204, 204]);
		});
	});
});
