'use strict';

// The trigger's promise (every event once) under what users do to an active workflow and what the
// world does to it: parameters changed and republished, an empty answer at activation, a clock a
// little ahead of Proofpoint's, a backfill of the documented maximum, a long catch-up, a restart.
const { useSandbox, useFrozenClock, sandboxCredentials } = require('../support');
const { activeTrigger } = require('../harness');

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const START = '2026-06-05T06:02:30.000Z';

/** One identity per emitted event, whatever the Output and Simplify settings. */
function identities(result) {
	const events = result.items.flatMap((item) => (Array.isArray(item.json.events) ? item.json.events : [item.json]));
	return events.map((event) => {
		const recipient = Array.isArray(event.recipient) ? event.recipient.join(', ') : event.recipient;
		return `${event.eventType}|${event.id ?? event.guid ?? event.GUID}|${recipient}`;
	});
}

const identityOf = (kind, record) => `${kind}|${record.id ?? record.GUID}|${Array.isArray(record.recipient) ? record.recipient.join(', ') : record.recipient}`;

function recordingLogger() {
	const warnings = [];
	return { warnings, warn: (message) => warnings.push(message), info() {}, debug() {}, error() {} };
}

describe('Proofpoint Trigger keeps its promise', () => {
	const clock = useFrozenClock(START);
	const { sb } = useSandbox({ siem: false, retryAfterSeconds: 0 });
	const credentials = () => sandboxCredentials(sb());
	const at = (minutes) => Date.parse(START) + minutes * MINUTE;

	beforeEach(() => {
		clock.set(START);
		sb().setTime(START);
		sb().siem.clear();
	});

	describe('when a parameter of the active workflow changes', () => {
		const BASE = { simplify: true, lookBackMinutes: 30 };
		// Each change is made by republishing at +62 minutes, as in the editor; the events of every type are injected.
		const CHANGES = [
			['Look-Back raised from 30 to 60 minutes', { lookBackMinutes: 60 }],
			['Look-Back lowered from 30 to 10 minutes', { lookBackMinutes: 10 }],
			['Max Events per Poll lowered to 2', { maxEventsPerPoll: 2 }],
			['Event Types narrowed to clicks and delivered messages', { eventTypes: ['clicksPermitted', 'messagesDelivered'] }],
			['Threat Status set to Active', { threatStatus: 'active' }],
			['Threat Type set to URL', { threatType: 'url' }],
			['Threat Statuses set to Active and False Positive (version 1.1)', { threatStatus: ['active', 'falsePositive'] }],
			['Output set to One Item per Poll', { output: 'perPoll' }],
			['Simplify switched off', { simplify: false }],
			['On First Activation switched to a 24-hour backfill', { firstActivation: 'backfill', backfillAmount: 24, backfillUnit: 'hours' }],
		];
		const KINDS = ['clicksPermitted', 'messagesDelivered'];

		it.each(CHANGES)('%s: nothing is emitted twice and nothing is skipped', async (_name, change) => {
			const trigger = activeTrigger({ parameters: BASE, credentials: credentials() });
			await trigger.poll();
			// An active URL threat matches the filters before and after every change.
			const threat = sb().siem.threats().find((candidate) => candidate.type === 'url' && !candidate.statusChange);
			// Two events a minute for 150 minutes, each indexed 5 minutes late.
			const injected = [];
			for (let minute = 1; minute < 150; minute += 0.5) {
				const kind = KINDS[injected.length % KINDS.length];
				const time = at(minute);
				const [record] = sb().siem.inject(kind, { time, visibleAt: time + 5 * MINUTE, threats: [threat.id] });
				injected.push({ kind, time, identity: identityOf(kind, record) });
			}
			const emitted = [];
			for (let minute = 5; minute <= 180; minute += 5) {
				clock.set(at(minute));
				if (minute === 65) trigger.restart({ ...BASE, ...change });
				const result = await trigger.poll();
				expect(result.status).toBe('success');
				emitted.push(...identities(result));
			}
			// A lowered cap leaves a backlog: the next polls, a minute apart, work it off.
			for (let poll = 0; poll < 300; poll++) {
				clock.advance(MINUTE);
				const batch = identities(await trigger.poll());
				if (batch.length === 0) break;
				emitted.push(...batch);
			}

			expect(emitted.length).toBe(new Set(emitted).size);
			expect(emitted.sort()).toEqual(injected.map(({ identity }) => identity).sort());
		});

		it('raising Look-Back from 30 to 60 minutes at +62 minutes re-emits none of the events emitted before', async () => {
			const trigger = activeTrigger({ parameters: BASE, credentials: credentials() });
			await trigger.poll();
			for (let minute = 1; minute < 60; minute += 3) sb().siem.inject('clicksPermitted', { time: at(minute) });
			const before = [];
			for (let minute = 5; minute <= 60; minute += 5) {
				clock.set(at(minute));
				before.push(...identities(await trigger.poll()));
			}
			clock.set(at(62));
			trigger.restart({ ...BASE, lookBackMinutes: 60 });

			const after = await trigger.poll();
			expect(before).toHaveLength(20);
			expect(identities(after)).toEqual([]);
		});
	});

	describe('several threat statuses (version 1.1)', () => {
		it('polls active, cleared and false-positive events in one request per window', async () => {
			const trigger = activeTrigger({ parameters: { simplify: true, threatStatus: ['active', 'cleared', 'falsePositive'] }, typeVersion: 1.1, credentials: credentials() });
			await trigger.poll();
			clock.set(at(5));
			sb().clearRequests();

			expect((await trigger.poll()).status).toBe('success');
			expect(sb().requests).toHaveLength(1);
			expect(sb().requests[0].params.getAll('threatStatus')).toEqual(['active', 'cleared', 'falsePositive']);
		});
	});

	describe('at activation', () => {
		it.each(['empty', 'malformed-json'])('an answer that is not a SIEM body (%s) is a passing failure: the workflow stays active and catches up', async (mode) => {
			const logger = recordingLogger();
			const trigger = activeTrigger({ parameters: { simplify: true }, credentials: credentials(), logger });
			sb().failNext({ mode });

			const first = await trigger.poll();
			expect(first.status).toBe('success');
			expect(logger.warnings).toEqual([expect.stringMatching(/could not reach Proofpoint at activation/)]);

			const [click] = sb().siem.inject('clicksPermitted', { time: at(1) });
			clock.set(at(5));
			expect(identities(await trigger.poll())).toEqual([identityOf('clicksPermitted', click)]);
		});

		it('a failed first poll and a restart before any poll emitted keep the start chosen at activation: the events in between come', async () => {
			const trigger = activeTrigger({ parameters: { simplify: true }, credentials: credentials(), logger: recordingLogger() });
			sb().failNext({ mode: '502' });
			expect((await trigger.poll()).status).toBe('success');
			const [click] = sb().siem.inject('clicksPermitted', { time: at(2) });

			clock.set(at(10));
			trigger.restart();
			clock.set(at(11));
			const result = await trigger.poll();
			expect(identities(result)).toEqual([identityOf('clicksPermitted', click)]);
			expect(trigger.saved().since).toBe('2026-06-05T06:02:00.000Z');
		});
	});

	describe('with the n8n host clock ahead of Proofpoint', () => {
		it('polling at second 0 with the host 1.5 s ahead reads every event; "still current" is met once, then polls end a minute earlier for an hour', async () => {
			const trigger = activeTrigger({ parameters: { simplify: true }, credentials: credentials() });
			clock.set(at(-2.5) + 300);
			sb().setTime(Date.now() - 1500);
			expect((await trigger.poll()).status).toBe('success');
			const injected = [];
			const emitted = [];
			for (let minute = 1; minute <= 10; minute++) {
				const [click] = sb().siem.inject('clicksPermitted', { time: at(minute - 3) });
				injected.push(identityOf('clicksPermitted', click));
				clock.set(at(minute - 2.5) + 300);
				sb().setTime(Date.now() - 1500);
				const result = await trigger.poll();
				expect(result.status).toBe('success');
				emitted.push(...identities(result));
			}
			clock.set(at(12));
			sb().setTime(Date.now());
			emitted.push(...identities(await trigger.poll()));

			expect(emitted).toEqual(injected);
			// Twelve polls, at most one request each: the activation's was found "still current", and the poll after it had nothing to read yet.
			expect(sb().requests.filter((request) => request.status === 400).map((request) => request.query.interval)).toEqual(['2026-06-05T05:59:00Z/2026-06-05T06:00:00Z']);
			expect(sb().requests).toHaveLength(11);
		});

		it('with the clocks agreeing again, polls end at the current minute once the hour is over: latency comes back, one request per poll', async () => {
			const trigger = activeTrigger({ parameters: { simplify: true }, credentials: credentials() });
			clock.set(at(-2.5) + 300);
			sb().setTime(Date.now() - 1500);
			await trigger.poll();
			expect(trigger.saved().aheadUntil).toBe(new Date(at(57.5) + 300).toISOString());

			sb().setTime(START);
			const ends = [];
			for (const minute of [30, 59, 60, 61]) {
				clock.set(at(minute - 2.5) + 300);
				sb().setTime(Date.now());
				sb().clearRequests();
				expect((await trigger.poll()).status).toBe('success');
				ends.push(...sb().requests.map((request) => `${request.query.interval.split('/')[1]} ${request.status}`));
			}
			expect(ends).toEqual(['2026-06-05T06:29:00Z 200', '2026-06-05T06:58:00Z 200', '2026-06-05T07:00:00Z 200', '2026-06-05T07:01:00Z 200']);
			expect(trigger.inMemory().aheadUntil).toBeUndefined();
		});

		it('with the host 20 s ahead, a "still current" window is read again once, a minute shorter: nothing lost, one request more', async () => {
			const trigger = activeTrigger({ parameters: { simplify: true }, credentials: credentials() });
			await trigger.poll();
			const [click] = sb().siem.inject('clicksPermitted', { time: at(1) });
			clock.set(at(2.5) + 15 * SECOND);
			sb().setTime(Date.now() - 20 * SECOND);
			sb().clearRequests();

			const result = await trigger.poll();
			expect(result.status).toBe('success');
			expect(identities(result)).toEqual([identityOf('clicksPermitted', click)]);
			expect(sb().requests.map((request) => [request.query.interval, request.status])).toEqual([
				['2026-06-05T06:02:00Z/2026-06-05T06:05:00Z', 400],
				['2026-06-05T06:02:00Z/2026-06-05T06:04:00Z', 200],
			]);
		});
	});

	describe('Minimum Minutes Between Reads (version 1.1: 5 by default)', () => {
		it('polled every minute, it asks Proofpoint every fifth minute only, and every event still arrives once', async () => {
			const trigger = activeTrigger({ typeVersion: 1.1, parameters: { simplify: true }, credentials: credentials() });
			clock.set(at(-2.5) + 300);
			expect((await trigger.poll()).status).toBe('success');
			const injected = [];
			const emitted = [];
			const readAt = [];
			for (let minute = 1; minute <= 15; minute++) {
				const [click] = sb().siem.inject('clicksPermitted', { time: at(minute - 3) });
				injected.push(identityOf('clicksPermitted', click));
				clock.set(at(minute - 2.5) + 300 + (minute % 3) * 700);
				const before = sb().requests.length;
				const result = await trigger.poll();
				expect(result.status).toBe('success');
				if (sb().requests.length > before) readAt.push(minute);
				emitted.push(...identities(result));
			}
			expect(readAt).toEqual([5, 10, 15]);
			expect(emitted).toEqual(injected);
			expect(sb().requests).toHaveLength(4);
		});

		it("the trigger's panel states the arithmetic: the credential's daily SIEM requests, and what every minute and the default spend", () => {
			const { ProofpointTrigger } = require('../../dist/nodes/ProofpointTrigger/ProofpointTrigger.node');
			const { DEFAULT_MINUTES_BETWEEN_READS, SIEM_DAILY_QUOTA } = require('../../dist/nodes/ProofpointTrigger/settings');
			const { properties } = new ProofpointTrigger().description;
			const notice = properties.find((property) => property.name === 'quotaNotice').displayName;
			const perDay = (minutes) => ((24 * 60) / minutes).toLocaleString('en-US');
			expect(notice).toContain(`${SIEM_DAILY_QUOTA.toLocaleString('en-US')} a day`);
			expect(notice).toContain(`every minute spends ${perDay(1)}`);
			expect(notice).toContain(`every ${DEFAULT_MINUTES_BETWEEN_READS} minutes ${perDay(DEFAULT_MINUTES_BETWEEN_READS)}`);
			const field = properties.filter((property) => property.name === 'minMinutesBetweenReads');
			expect(field.map((property) => [property.default, property.displayOptions.show['@version']])).toEqual([
				[0, [1]],
				[DEFAULT_MINUTES_BETWEEN_READS, [{ _cnd: { gte: 1.1 } }]],
			]);
		});

		it('0 reads at every poll, as version 1 always did', async () => {
			const trigger = activeTrigger({ typeVersion: 1.1, parameters: { simplify: true, minMinutesBetweenReads: 0 }, credentials: credentials() });
			await trigger.poll();
			for (let minute = 1; minute <= 3; minute++) {
				clock.set(at(minute));
				await trigger.poll();
			}
			expect(sb().requests).toHaveLength(4);
		});

		it('the activation poll always reads, to prove the credential, even right after the last read', async () => {
			const trigger = activeTrigger({ typeVersion: 1.1, parameters: { simplify: true }, credentials: credentials() });
			await trigger.poll();
			clock.set(at(5));
			await trigger.poll();
			clock.set(at(6));
			trigger.restart();
			await trigger.poll();
			expect(sb().requests).toHaveLength(3);
		});
	});

	describe('backfill', () => {
		it.each([
			['TAP', {}, 7 * DAY],
			['the Essentials Threat API', { threat: 'acme' }, 3 * DAY],
		])('the documented maximum for %s is accepted and read from the oldest instant served', async (keeper, options, maximum) => {
			const logger = recordingLogger();
			const days = maximum / DAY;
			const trigger = activeTrigger({
				parameters: { simplify: true, firstActivation: 'backfill', backfillAmount: days, backfillUnit: 'days', maxEventsPerPoll: 100000 },
				credentials: sandboxCredentials(sb(), options),
				logger,
			});
			const platform = options.threat ? 'essentials' : 'tap';
			const [oldest] = sb().siem.inject('clicksPermitted', { time: Date.now() - maximum + 3 * MINUTE, platform, org: options.threat ? 'acme.example' : undefined });
			sb().clearRequests();

			const result = await trigger.poll();
			expect(result.status).toBe('success');
			expect(identities(result)).toEqual([identityOf('clicksPermitted', oldest)]);
			const [from] = sb().requests[0].query.interval.split('/');
			expect(Date.now() - Date.parse(from)).toBeLessThanOrEqual(maximum - MINUTE);
			expect(Date.now() - Date.parse(from)).toBeGreaterThan(maximum - 3 * MINUTE);
			expect(logger.warnings).toEqual([expect.stringContaining(`as far back as ${keeper} serves`)]);
		});

		it('a capped 166-hour backfill continues where each poll stopped: at most one request more per capped poll, every event once, a small state', async () => {
			const trigger = activeTrigger({
				parameters: { simplify: true, firstActivation: 'backfill', backfillAmount: 166, backfillUnit: 'hours', maxEventsPerPoll: 500 },
				credentials: credentials(),
			});
			const backfillStart = Date.now() - 166 * HOUR;
			sb().siem.addBurst({ kind: 'clicksPermitted', start: backfillStart + 10 * MINUTE, durationMs: 166 * HOUR - 20 * MINUTE, count: 2400 });
			sb().clearRequests();
			const emitted = [];
			let capped = 0;
			let polls = 0;
			let largestState = 0;
			for (; polls < 20; polls++) {
				const result = await trigger.poll();
				expect(result.status).toBe('success');
				const batch = identities(result);
				emitted.push(...batch);
				if (batch.length === 500) capped += 1;
				largestState = Math.max(largestState, JSON.stringify(trigger.saved()).length);
				clock.advance(MINUTE);
				if (batch.length === 0 && polls > 0) break;
			}

			expect(new Set(emitted).size).toBe(2400);
			expect(emitted).toHaveLength(2400);
			expect(capped).toBe(4);
			// 166 hours and the minutes the polls took are 167 hour windows; each capped poll may read one window again.
			expect(sb().requests.length).toBeLessThanOrEqual(167 + capped);
			// What a capped poll saves holds only the keys a later poll can read again, not the 500 it emitted.
			expect(largestState).toBeLessThan(2000);
		});
	});
});
