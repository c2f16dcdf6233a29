'use strict';

const { useSandbox, useFrozenClock, sandboxCredentials, seen } = require('../support');
const { activeTrigger } = require('../harness');

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const START = '2026-06-05T06:02:30.000Z';

/** A logger that keeps what the trigger warned about. */
function recordingLogger() {
	const warnings = [];
	return { warnings, warn: (message) => warnings.push(message), info() {}, debug() {}, error() {} };
}

describe('Proofpoint Trigger', () => {
	const clock = useFrozenClock(START);
	const { sb } = useSandbox({ siem: false, retryAfterSeconds: 0 });
	const start = (parameters = {}, options = {}) =>
		activeTrigger({ parameters: { simplify: true, ...parameters }, credentials: sandboxCredentials(sb(), options), ...options });
	const minutesFromStart = (minutes) => Date.parse(START) + minutes * MINUTE;

	beforeEach(() => {
		clock.set(START);
		sb().siem.clear();
	});

	describe('on its first activation, from now', () => {
		it('emits nothing from before it, proves the credential with one request for the last minute, and saves where it starts', async () => {
			sb().siem.inject('clicksPermitted', { time: minutesFromStart(-10) });
			const trigger = start();
			const result = await trigger.poll();

			expect(result).toMatchObject({ status: 'success', emitted: false, items: [] });
			expect(seen(sb())).toEqual(['GET /v2/siem/issues']);
			expect(sb().requests[0].query.interval).toBe('2026-06-05T06:01:00Z/2026-06-05T06:02:00Z');
			expect(trigger.saved()).toEqual({ since: '2026-06-05T06:02:00.000Z', cursor: '2026-06-05T06:02:00.000Z', readFrom: '2026-06-05T06:02:00.000Z', seen: {} });
		});

		it('fails loudly on a wrong secret, with the credential advice', async () => {
			const trigger = activeTrigger({ parameters: {}, credentials: { proofpointTapApi: { ...sandboxCredentials(sb()).proofpointTapApi, secret: 'wrong' } } });
			const result = await trigger.poll();

			expect(result.status).toBe('error');
			expect(result.error.message).toBe('TAP refused the service principal or secret (401)');
			expect(result.error.description).toContain('Settings → Connected Applications');
		});

		it.each(['502', 'reset', '429'])('logs a passing failure (%s) and keeps polling, so an outage while n8n starts does not switch it off', async (mode) => {
			const logger = recordingLogger();
			const trigger = start({}, { logger });
			sb().failNext({ mode });
			const result = await trigger.poll();

			expect(result.status).toBe('success');
			expect(result.emitted).toBe(false);
			expect(logger.warnings).toEqual([expect.stringMatching(/could not reach Proofpoint at activation .*it keeps polling and catches up/)]);

			// Events from the activation on still come, once Proofpoint answers.
			sb().siem.inject('clicksPermitted', { time: minutesFromStart(2) });
			clock.advance(5 * MINUTE);
			const next = await trigger.poll();
			expect(next.items).toHaveLength(1);
		});

		it('refuses a backfill further back than the API serves, before any request', async () => {
			const result = await start({ firstActivation: 'backfill', backfillAmount: 169, backfillUnit: 'hours' }).poll();

			expect(result.error.message).toBe('Backfill of 7 days 1 hour reaches further back than TAP serves (the last 7 days)');
			expect(result.error.description).toBe('Choose at most 7 days (168 hours).');
			expect(sb().requests).toEqual([]);
		});
	});

	describe('polling', () => {
		it('emits a new permitted click once; the next poll reads it again (look-back) and repeats nothing', async () => {
			const trigger = start();
			await trigger.poll();
			const [click] = sb().siem.inject('clicksPermitted', { time: minutesFromStart(1) });
			clock.advance(5 * MINUTE);
			sb().clearRequests();

			const first = await trigger.poll();
			expect(first.items.map((item) => [item.json.eventType, item.json.time])).toEqual([['clicksPermitted', click.clickTime]]);
			expect(sb().requests.map((request) => request.query.interval)).toEqual(['2026-06-05T06:02:00Z/2026-06-05T06:07:00Z']);

			clock.advance(5 * MINUTE);
			const second = await trigger.poll();
			expect(second).toMatchObject({ status: 'success', emitted: false, items: [] });
			expect(sb().requests[1].query.interval).toBe('2026-06-05T06:02:00Z/2026-06-05T06:12:00Z');
		});

		it('makes one request and emits nothing when there is nothing new', async () => {
			const trigger = start();
			await trigger.poll();
			clock.advance(5 * MINUTE);
			sb().clearRequests();

			expect(await trigger.poll()).toMatchObject({ emitted: false, items: [] });
			expect(sb().requests).toHaveLength(1);
		});

		it('emits an event Proofpoint indexed 20 minutes late, behind the cursor, when it appears', async () => {
			const trigger = start();
			await trigger.poll();
			const time = minutesFromStart(3);
			sb().siem.inject('messagesDelivered', { time, visibleAt: time + 20 * MINUTE });
			const emitted = [];
			for (let poll = 0; poll < 6; poll++) {
				clock.advance(5 * MINUTE);
				emitted.push(...(await trigger.poll()).items);
			}

			expect(emitted).toHaveLength(1);
			expect(emitted[0].json.time).toBe(new Date(time).toISOString());
		});

		it('emits a message to three recipients as three events', async () => {
			const trigger = start();
			await trigger.poll();
			const recipients = ['alice.nguyen@acme.example', 'bob.smith@acme.example', 'carol.jones@acme.example'];
			sb().siem.inject('messagesDelivered', { time: minutesFromStart(1), recipients });
			clock.advance(5 * MINUTE);

			const { items } = await trigger.poll();
			expect(items.map((item) => item.json.recipient).sort()).toEqual(recipients);
			expect(new Set(items.map((item) => item.json.guid)).size).toBe(1);
		});

		it('leaves its state exactly as it was after a failed poll, and the next poll catches up', async () => {
			const trigger = start();
			await trigger.poll();
			sb().siem.inject('clicksPermitted', { time: minutesFromStart(1) });
			clock.advance(5 * MINUTE);
			const before = trigger.inMemory();
			sb().failNext({ mode: '503' });

			const failed = await trigger.poll();
			expect(failed.status).toBe('error');
			expect(failed.error.message).toBe('TAP had a server error (503)');
			expect(trigger.inMemory()).toEqual(before);

			clock.advance(5 * MINUTE);
			expect((await trigger.poll()).items).toHaveLength(1);
		});

		it("never retries TAP's 429: one request, the quota explained", async () => {
			const trigger = start();
			await trigger.poll();
			clock.advance(5 * MINUTE);
			sb().clearRequests();
			sb().failNext({ mode: '429-retry-after' });

			const result = await trigger.poll();
			expect(sb().requests).toHaveLength(1);
			expect(result.error.message).toBe("TAP's SIEM quota for SIEM events (one pool for every endpoint but permitted clicks) is used up (429)");
		});

		it('after three hours down, goes on from its cursor in hour windows: nothing in the gap is lost', async () => {
			const trigger = start();
			await trigger.poll();
			const times = [30, 90, 150].map(minutesFromStart);
			for (const time of times) sb().siem.inject('clicksPermitted', { time });
			trigger.restart();
			clock.advance(3 * HOUR);
			sb().clearRequests();

			const { items } = await trigger.poll();
			expect(items.map((item) => item.json.time)).toEqual(times.map((time) => new Date(time).toISOString()));
			expect(sb().requests.map((request) => request.query.interval)).toEqual([
				'2026-06-05T06:02:00Z/2026-06-05T07:02:00Z',
				'2026-06-05T07:02:00Z/2026-06-05T08:02:00Z',
				'2026-06-05T08:02:00Z/2026-06-05T09:02:00Z',
			]);
		});

		it('after 8 days down, reads from as far back as TAP serves and says in the log what could not be read', async () => {
			const logger = recordingLogger();
			const trigger = start({}, { logger });
			await trigger.poll();
			trigger.restart();
			clock.advance(8 * DAY);
			sb().clearRequests();

			const result = await trigger.poll();
			expect(result.status).toBe('success');
			const [from] = sb().requests[0].query.interval.split('/');
			expect(Date.now() - Date.parse(from)).toBeLessThan(7 * DAY);
			expect(logger.warnings).toEqual([expect.stringMatching(/its last read ended 8 days .* ago, further back than TAP serves; reading from .*\. Events before that could not be read\./)]);
		});

		it('emits at most Max Events per Poll, oldest first; the rest follow on the next polls, none lost', async () => {
			const trigger = start({ maxEventsPerPoll: 10 });
			await trigger.poll();
			const injected = Array.from({ length: 25 }, (_, index) => sb().siem.inject('clicksPermitted', { time: minutesFromStart(1) + index * 1000 })[0]);
			const batches = [];
			clock.advance(2 * MINUTE);
			for (let poll = 0; poll < 4; poll++) {
				clock.advance(MINUTE);
				batches.push((await trigger.poll()).items.map((item) => item.json.time));
			}

			expect(batches.map((batch) => batch.length)).toEqual([10, 10, 5, 0]);
			expect(batches.flat()).toEqual(injected.map((click) => click.clickTime));
		});

		it('with One Item per Poll, emits one item holding every event of the poll', async () => {
			const trigger = start({ output: 'perPoll' });
			await trigger.poll();
			sb().siem.inject('clicksPermitted', { time: minutesFromStart(1) });
			sb().siem.inject('messagesDelivered', { time: minutesFromStart(2) });
			clock.advance(5 * MINUTE);

			const { items } = await trigger.poll();
			expect(items).toHaveLength(1);
			expect(items[0].json).toMatchObject({ count: 2, from: '2026-06-05T06:02:00.000Z', to: '2026-06-05T06:07:00.000Z' });
			expect(items[0].json.events.map((event) => event.eventType)).toEqual(['clicksPermitted', 'messagesDelivered']);
		});

		it('emits only the chosen types, and reads them all in one request', async () => {
			const trigger = start({ eventTypes: ['clicksPermitted'] });
			await trigger.poll();
			sb().siem.inject('clicksPermitted', { time: minutesFromStart(1) });
			sb().siem.inject('messagesBlocked', { time: minutesFromStart(1) });
			clock.advance(5 * MINUTE);
			sb().clearRequests();

			const { items } = await trigger.poll();
			expect(seen(sb())).toEqual(['GET /v2/siem/clicks/permitted']);
			expect(items.map((item) => item.json.eventType)).toEqual(['clicksPermitted']);
		});
	});

	describe('Fetch Test Event (manual mode)', () => {
		it('returns the latest events, capped, and moves no cursor', async () => {
			const trigger = start();
			await trigger.poll();
			for (let minute = 0; minute < 30; minute++) sb().siem.inject('clicksPermitted', { time: minutesFromStart(-50 + minute) });
			const saved = trigger.saved();

			const result = await trigger.poll({ mode: 'manual' });
			expect(result.items).toHaveLength(20);
			expect(result.items.at(-1).json.time).toBe(new Date(minutesFromStart(-21)).toISOString());
			expect(trigger.saved()).toEqual(saved);
			expect(trigger.inMemory()).toEqual(saved);
		});

		it('looks further back, an hour at a time, when the last hour was quiet', async () => {
			const trigger = start();
			sb().siem.inject('messagesDelivered', { time: minutesFromStart(-150) });
			sb().clearRequests();

			const result = await trigger.poll({ mode: 'manual' });
			expect(result.items).toHaveLength(1);
			expect(sb().requests).toHaveLength(3);
		});
	});
});

describe('Proofpoint Trigger, when a threat changes status later', () => {
	const clock = useFrozenClock(START);
	const { sb } = useSandbox({ siem: false, retryAfterSeconds: 0 });

	it('does not emit an event again when it is re-read with its threat cleared', async () => {
		const threat = sb().siem.threats().find((candidate) => candidate.statusChange?.status === 'cleared');
		const changeAt = Date.parse(threat.statusChange.at);
		clock.set(changeAt - 30 * MINUTE);
		const trigger = activeTrigger({ parameters: { lookBackMinutes: 120, simplify: true }, credentials: sandboxCredentials(sb()) });
		await trigger.poll();
		const time = changeAt - 25 * MINUTE;
		sb().siem.inject('messagesDelivered', { time, threats: [threat.id] });
		const emitted = [];
		let reReadCleared = false;
		for (let poll = 0; poll < 8; poll++) {
			clock.advance(10 * MINUTE);
			sb().clearRequests();
			emitted.push(...(await trigger.poll()).items.map((item) => item.json.threatStatus));
			const covered = sb().requests.some((request) => {
				const [from, to] = request.query.interval.split('/').map(Date.parse);
				return from <= time && time < to;
			});
			if (Date.now() > changeAt && covered) reReadCleared = true;
		}

		expect(emitted).toEqual(['active']);
		expect(reReadCleared).toBe(true);
	});
});
