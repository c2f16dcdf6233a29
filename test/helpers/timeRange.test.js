const { lastRange, fitRange, describeClamping, toEpochMs, describeSpan, DAY_MS, HOUR_MS, MINUTE_MS } = require('../../dist/nodes/Proofpoint/helpers/timeRange');

const NOW = Date.parse('2026-06-05T06:17:42.500Z');
const TAP = { servedMs: 7 * DAY_MS, minMs: 30 * 1000, keeper: 'TAP' };
const ESSENTIALS = { servedMs: 3 * DAY_MS, minMs: 30 * 1000, keeper: 'the Essentials Threat API' };

describe('a time range', () => {
	test('"last 2 hours" ends at the start of the current minute, in the past', () => {
		expect(lastRange(2, 'hours', NOW)).toEqual({ start: Date.parse('2026-06-05T04:17:00Z'), end: Date.parse('2026-06-05T06:17:00Z') });
		const onTheMinute = Date.parse('2026-06-05T06:17:00Z');
		expect(lastRange(1, 'minutes', onTheMinute).end).toBeLessThan(onTheMinute);
	});

	test.each([
		['an ISO string', '2026-06-05T06:00:00Z', Date.parse('2026-06-05T06:00:00Z')],
		['an ISO string without a zone, read as UTC', '2026-06-05T06:00:00', Date.parse('2026-06-05T06:00:00Z')],
		['a date with an offset', '2026-06-05T08:00:00+02:00', Date.parse('2026-06-05T06:00:00Z')],
		['epoch milliseconds', 1780639200000, 1780639200000],
		['a Date', new Date('2026-06-05T06:00:00Z'), Date.parse('2026-06-05T06:00:00Z')],
		['a Luxon-like DateTime', { toMillis: () => 1780639200000 }, 1780639200000],
	])('reads %s', (_, value, ms) => {
		expect(toEpochMs(value)).toBe(ms);
	});

	test.each([[''], ['yesterday'], [null], [{}], [Number.NaN]])('reads %p as no date', (value) => {
		expect(toEpochMs(value)).toBeUndefined();
	});

	const problemOf = (range, rules) => fitRange(range, NOW, rules).problem;

	test('within the rules the range is read as asked', () => {
		const range = lastRange(167, 'hours', NOW);
		expect(fitRange(range, NOW, TAP)).toEqual({ range });
		expect(fitRange(lastRange(71, 'hours', NOW), NOW, ESSENTIALS)).toEqual({ range: lastRange(71, 'hours', NOW) });
	});

	test("Last 7 Days, TAP's documented maximum, is read from the oldest instant TAP serves less the node's minute", () => {
		const asked = lastRange(7, 'days', NOW);
		const fitted = fitRange(asked, NOW, TAP);
		expect(fitted).toEqual({ range: { start: NOW - 7 * DAY_MS + MINUTE_MS, end: asked.end }, clampedStart: asked.start });
		expect(describeClamping(fitted, TAP)).toMatch(/^TAP serves only the last 7 days, so events were read from .* not /);
	});

	test('Last 3 Days is read on the Essentials Threat API; a start further back than it serves is refused without contradicting itself', () => {
		expect(fitRange(lastRange(3, 'days', NOW), NOW, ESSENTIALS).clampedStart).toBeDefined();
		expect(problemOf(lastRange(73, 'hours', NOW), ESSENTIALS)).toMatch(
			/^starts 3 days 1 hour 1 minute ago, but the Essentials Threat API serves only the last 3 days: start it at most 3 days ago \(e\.g\. Last 3 Days\)$/,
		);
		expect(problemOf(lastRange(8, 'days', NOW), TAP)).toMatch(/start it at most 7 days ago \(e\.g\. Last 7 Days\)$/);
	});

	test('an end now or in the future is read up to the start of the current minute', () => {
		const minute = Math.floor((NOW - 1) / MINUTE_MS) * MINUTE_MS;
		expect(fitRange({ start: NOW - HOUR_MS, end: NOW }, NOW, TAP)).toEqual({ range: { start: NOW - HOUR_MS, end: minute }, clampedEnd: NOW });
		expect(fitRange({ start: NOW - HOUR_MS, end: NOW + MINUTE_MS }, NOW, TAP).range.end).toBe(minute);
		expect(problemOf({ start: minute + 1000, end: NOW + HOUR_MS }, TAP)).toMatch(/not in the past/);
	});

	test('an end before the start, a range under 30 seconds, and one ending before the oldest events are refused', () => {
		expect(problemOf({ start: NOW - MINUTE_MS, end: NOW - 2 * MINUTE_MS }, TAP)).toBe('ends before it starts: the end must be later than the start');
		expect(problemOf({ start: NOW - 80000, end: NOW - 60000 }, TAP)).toBe('is 20 seconds long: it must be at least 30 seconds');
		expect(problemOf({ start: NOW - 7 * DAY_MS, end: NOW - 7 * DAY_MS + 30000 }, TAP)).toMatch(/before the oldest events TAP serves/);
	});

	test('without a known look-back only the window rules apply', () => {
		expect(problemOf({ start: NOW - 60 * DAY_MS, end: NOW - DAY_MS }, { minMs: 30000, keeper: 'TAP' })).toBeUndefined();
	});

	test('spans read as a person says them', () => {
		expect(describeSpan(3 * DAY_MS + 4 * HOUR_MS)).toBe('3 days 4 hours');
		expect(describeSpan(MINUTE_MS)).toBe('1 minute');
		expect(describeSpan(20000)).toBe('20 seconds');
	});
});
