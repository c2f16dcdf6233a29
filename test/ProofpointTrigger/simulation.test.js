'use strict';

// The trigger's promise, proven on the sandbox's clock: over a simulated week of polls every 5
// minutes, with events indexed up to 30 minutes late, messages to several recipients, one poll in
// ten faulted (every fault mode of the sandbox, at activation too) and n8n restarting now and then
// (the state reloaded as n8n would have saved it: only at activation and at polls that emitted),
// the events emitted are exactly the sandbox's ground truth: none lost, none repeated.
const { FAULT_MODES } = require('../../sandbox');
const { createRandom } = require('../../sandbox/random');
const { useSandbox, useFrozenClock, sandboxCredentials } = require('../support');
const { activeTrigger } = require('../harness');
const { eventKey } = require('../../dist/nodes/Proofpoint/helpers/threatEvents');

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;
const START = '2026-06-05T06:02:30.000Z';
const ALL_KINDS = ['clicksBlocked', 'clicksPermitted', 'messagesBlocked', 'messagesDelivered'];
// The state a 30-minute look-back keeps at the sandbox's rate of events stays far below this.
const STATE_LIMIT_BYTES = 4096;

const quietLogger = { warn() {}, info() {}, debug() {}, error() {} };

/**
 * Polls every `everyMs` for `durationMs`; one poll in ten is faulted (the modes in turn) and n8n
 * restarts with probability `restartShare` before a poll. Then two quiet polls after 35 minutes
 * let the last late events arrive. Returns what was emitted and what the sandbox holds.
 */
async function simulate({ sb, clock, parameters, credentials, durationMs, everyMs = 5 * MINUTE, seed = 1, restartShare = 0.01, truthQuery = {}, durable = false }) {
	const random = createRandom(seed);
	const trigger = activeTrigger({ parameters, credentials, logger: quietLogger, durable });
	const emitted = new Map();
	const figures = { polls: 0, faulted: 0, restarts: 0, failedPolls: 0, emittingPolls: 0, requests: 0, largestStateBytes: 0 };
	let fault = 0;
	const pollOnce = async (faulted) => {
		if (faulted) {
			sb.failNext({ mode: FAULT_MODES[fault++ % FAULT_MODES.length] });
			figures.faulted += 1;
		}
		const before = sb.requests.length;
		const result = await trigger.poll();
		figures.polls += 1;
		figures.requests += sb.requests.length - before;
		if (result.status === 'error') figures.failedPolls += 1;
		if (result.emitted) figures.emittingPolls += 1;
		for (const item of result.items) {
			const key = eventKey(item.json.eventType, item.json);
			emitted.set(key, (emitted.get(key) ?? 0) + 1);
		}
		figures.largestStateBytes = Math.max(figures.largestStateBytes, JSON.stringify(trigger.inMemory()).length);
	};
	await pollOnce(false);
	const since = Date.parse(trigger.saved().since);
	for (let elapsed = 0; elapsed < durationMs; elapsed += everyMs) {
		clock.advance(everyMs);
		if (random.next() < restartShare) {
			trigger.restart();
			figures.restarts += 1;
		}
		await pollOnce(random.next() < 0.1);
	}
	clock.advance(35 * MINUTE);
	await pollOnce(false);
	clock.advance(everyMs);
	await pollOnce(false);
	sb.clearRequests();

	const { cursor } = trigger.inMemory();
	const truth = sb.siem.truth({ kinds: ALL_KINDS, start: since, end: Date.parse(cursor), ...truthQuery });
	const expected = new Set(Object.entries(truth).flatMap(([kind, events]) => events.map((event) => eventKey(kind, event))));
	return {
		figures,
		expected: expected.size,
		lost: [...expected].filter((key) => !emitted.has(key)),
		repeated: [...emitted].filter(([, count]) => count > 1).map(([key]) => key),
		unexpected: [...emitted.keys()].filter((key) => !expected.has(key)),
		multiRecipientMessages: Object.values(truth)
			.flat()
			.filter((event, _, all) => event.GUID && all.filter((other) => other.GUID === event.GUID).length > 1).length,
	};
}

const everyKind = (extra = {}) => ({
	eventTypes: ALL_KINDS,
	lookBackMinutes: 30,
	maxEventsPerPoll: 500,
	simplify: false,
	options: { requestTimeout: 1000 },
	...extra,
});

describe('a week of polls on TAP', () => {
	const clock = useFrozenClock(START);
	const { sb } = useSandbox({ siem: { seed: 21, perHour: 12, statusChanges: false }, retryAfterSeconds: 0, slowMs: 1100 });

	test('emits every event exactly once: 0 lost, 0 repeated, the state under 4 kB', async () => {
		const outcome = await simulate({ sb: sb(), clock, parameters: everyKind(), credentials: sandboxCredentials(sb()), durationMs: 7 * 24 * HOUR });

		expect({ lost: outcome.lost, repeated: outcome.repeated, unexpected: outcome.unexpected }).toEqual({ lost: [], repeated: [], unexpected: [] });
		expect(outcome.expected).toBeGreaterThan(1500);
		expect(outcome.multiRecipientMessages).toBeGreaterThan(100);
		expect(outcome.figures.polls).toBe(2019);
		expect(outcome.figures.faulted).toBeGreaterThan(150);
		expect(outcome.figures.failedPolls).toBeGreaterThan(100);
		expect(outcome.figures.restarts).toBeGreaterThan(5);
		expect(outcome.figures.largestStateBytes).toBeLessThan(STATE_LIMIT_BYTES);
		// One request per poll, plus a few after downtime or a failed poll: the reads stay far from 1,800 a day.
		expect(outcome.figures.requests / outcome.figures.polls).toBeLessThan(1.2);
		if (process.env.TRIGGER_FIGURES) process.stdout.write(`week figures ${JSON.stringify({ ...outcome.figures, events: outcome.expected })}\n`);
	}, 240000);
});

describe("under n8n's opt-in durable scheduler", () => {
	const clock = useFrozenClock(START);
	const { sb } = useSandbox({ siem: { seed: 8, perHour: 12, statusChanges: false }, retryAfterSeconds: 0, slowMs: 1100 });

	test('2 days, its state committed after every poll that does not throw: every event once', async () => {
		const outcome = await simulate({ sb: sb(), clock, parameters: everyKind(), credentials: sandboxCredentials(sb()), durationMs: 2 * 24 * HOUR, seed: 4, durable: true });

		expect({ lost: outcome.lost, repeated: outcome.repeated, unexpected: outcome.unexpected }).toEqual({ lost: [], repeated: [], unexpected: [] });
		expect(outcome.expected).toBeGreaterThan(400);
	}, 240000);
});

describe('a first activation that backfills', () => {
	const clock = useFrozenClock(START);
	const { sb } = useSandbox({ siem: { seed: 5, perHour: 12, statusChanges: false }, retryAfterSeconds: 0, slowMs: 1100 });

	test('TAP, 7 days back (167 hours): every event once, the backlog drained 500 a poll', async () => {
		const outcome = await simulate({
			sb: sb(),
			clock,
			parameters: everyKind({ firstActivation: 'backfill', backfillAmount: 167, backfillUnit: 'hours' }),
			credentials: sandboxCredentials(sb()),
			durationMs: 12 * HOUR,
			seed: 2,
		});

		expect({ lost: outcome.lost, repeated: outcome.repeated, unexpected: outcome.unexpected }).toEqual({ lost: [], repeated: [], unexpected: [] });
		expect(outcome.expected).toBeGreaterThan(1500);
		expect(outcome.figures.largestStateBytes).toBeLessThan(40 * 1024);
	}, 240000);

	test('the Essentials Threat API, 3 days back with customer data: every event of every customer once', async () => {
		const outcome = await simulate({
			sb: sb(),
			clock,
			parameters: everyKind({ firstActivation: 'backfill', backfillAmount: 71, backfillUnit: 'hours', essentialsData: 'ownAndCustomers' }),
			credentials: sandboxCredentials(sb(), { threat: 'partner' }),
			durationMs: 12 * HOUR,
			seed: 3,
			truthQuery: { platform: 'essentials', ownData: true, customerData: true },
		});

		expect({ lost: outcome.lost, repeated: outcome.repeated, unexpected: outcome.unexpected }).toEqual({ lost: [], repeated: [], unexpected: [] });
		expect(outcome.expected).toBeGreaterThan(1500);
	}, 240000);
});
