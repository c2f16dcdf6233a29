const { rangeToRead, settlePoll, firstState, shortKey, pollEnd } = require('../../dist/nodes/Proofpoint/helpers/pollCursor');

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const T = (iso) => Date.parse(iso);
const RULES = { lookBackMs: 30 * MINUTE, servedMs: 7 * DAY, minWindowMs: 30 * 1000 };
const state = (cursor, since = '2026-06-01T00:00:00.000Z', seen = {}) => ({ since, cursor, seen });
const event = (key, iso) => ({ key, time: T(iso), event: key });

describe('what a poll reads', () => {
	test('from the cursor less the look-back to the start of the current minute', () => {
		expect(rangeToRead(state('2026-06-05T06:00:00.000Z'), T('2026-06-05T06:05:42Z'), RULES)).toEqual({
			range: { start: T('2026-06-05T05:30:00Z'), end: T('2026-06-05T06:05:00Z') },
		});
	});

	test('never from before the start of the trigger', () => {
		expect(rangeToRead(state('2026-06-05T06:00:00.000Z', '2026-06-05T05:50:00.000Z'), T('2026-06-05T06:05:42Z'), RULES).range.start).toBe(T('2026-06-05T05:50:00Z'));
	});

	test('nothing when the minute has not moved on since the start', () => {
		const first = firstState(pollEnd(T('2026-06-05T06:05:42Z')));
		expect(rangeToRead(first, T('2026-06-05T06:05:59Z'), RULES)).toBeUndefined();
	});

	test('from as far back as the API serves when the cursor is older, saying where it wanted to start', () => {
		const plan = rangeToRead(state('2026-05-20T00:00:00.000Z', '2026-05-01T00:00:00.000Z'), T('2026-06-05T06:05:42Z'), RULES);
		expect(plan.clampedFrom).toBe(T('2026-05-19T23:30:00Z'));
		expect(plan.range.start).toBe(T('2026-06-05T06:05:42Z') - 7 * DAY + MINUTE);
	});

	test('at least 30 seconds, even right after a start', () => {
		const plan = rangeToRead(state('2026-06-05T06:05:00.000Z', '2026-06-05T06:05:00.000Z'), T('2026-06-05T06:06:20Z'), RULES);
		expect(plan.range).toEqual({ start: T('2026-06-05T06:05:00Z'), end: T('2026-06-05T06:06:00Z') });
	});
});

describe('what a poll emits and keeps', () => {
	const before = state('2026-06-05T06:00:00.000Z');

	test('emits what it has not emitted, moves the cursor to where it read to, keeps the keys', () => {
		const { emit, next } = settlePoll(before, [event('a', '2026-06-05T06:01:00Z'), event('b', '2026-06-05T06:02:00Z')], T('2026-06-05T06:05:00Z'), { lookBackMs: 30 * MINUTE, maxEvents: 500 });

		expect(emit.map((candidate) => candidate.key)).toEqual(['a', 'b']);
		expect(next.cursor).toBe('2026-06-05T06:05:00.000Z');
		expect(Object.keys(next.seen).sort()).toEqual([shortKey('a'), shortKey('b')].sort());
	});

	test('repeats nothing it emitted, and forgets keys once they are older than the look-back', () => {
		const first = settlePoll(before, [event('a', '2026-06-05T06:01:00Z')], T('2026-06-05T06:05:00Z'), { lookBackMs: 30 * MINUTE, maxEvents: 500 }).next;
		const again = settlePoll(first, [event('a', '2026-06-05T06:01:00Z'), event('c', '2026-06-05T06:10:00Z')], T('2026-06-05T06:15:00Z'), { lookBackMs: 30 * MINUTE, maxEvents: 500 });
		expect(again.emit.map((candidate) => candidate.key)).toEqual(['c']);

		const later = settlePoll(again.next, [], T('2026-06-05T06:35:00Z'), { lookBackMs: 30 * MINUTE, maxEvents: 500 });
		expect(Object.keys(later.next.seen)).toEqual([shortKey('c')]);
	});

	test('emits nothing from before the start', () => {
		const { emit } = settlePoll(state('2026-06-05T06:00:00.000Z', '2026-06-05T06:00:00.000Z'), [event('old', '2026-06-05T05:59:59Z')], T('2026-06-05T06:05:00Z'), { lookBackMs: 30 * MINUTE, maxEvents: 500 });
		expect(emit).toEqual([]);
	});

	test('stops at the cap with the cursor on the first event it did not emit', () => {
		const events = ['a', 'b', 'c', 'd'].map((key, index) => event(key, `2026-06-05T06:0${index + 1}:00Z`));
		const { emit, next } = settlePoll(before, events, T('2026-06-05T06:10:00Z'), { lookBackMs: 30 * MINUTE, maxEvents: 2 });

		expect(emit.map((candidate) => candidate.key)).toEqual(['a', 'b']);
		expect(next.cursor).toBe('2026-06-05T06:03:00.000Z');
	});

	test('never moves the cursor back, even when the cap falls inside the look-back', () => {
		const { next } = settlePoll(state('2026-06-05T06:10:00.000Z'), [event('a', '2026-06-05T06:01:00Z'), event('b', '2026-06-05T06:02:00Z')], T('2026-06-05T06:15:00Z'), { lookBackMs: 30 * MINUTE, maxEvents: 1 });
		expect(next.cursor).toBe('2026-06-05T06:10:00.000Z');
	});

	test('a key is 16 hex characters, different for different events', () => {
		expect(shortKey('messagesDelivered|g|a@x.example')).toMatch(/^[0-9a-f]{16}$/);
		const keys = new Set(Array.from({ length: 50000 }, (_, index) => shortKey(`clicksPermitted|${index}`)));
		expect(keys.size).toBe(50000);
	});
});
