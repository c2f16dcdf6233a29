const { lastRange, rangeProblem, toEpochMs, describeSpan, DAY_MS, HOUR_MS, MINUTE_MS } = require('../../dist/nodes/Proofpoint/helpers/timeRange');

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

	test('within the rules there is no problem', () => {
		expect(rangeProblem(lastRange(167, 'hours', NOW), NOW, TAP)).toBeUndefined();
		expect(rangeProblem(lastRange(71, 'hours', NOW), NOW, ESSENTIALS)).toBeUndefined();
	});

	test('7 days back is refused for TAP, saying how far back it may start', () => {
		expect(rangeProblem(lastRange(7, 'days', NOW), NOW, TAP)).toBe(
			'starts 7 days 1 minute ago, but TAP serves only the last 7 days: start it at most 6 days 23 hours 59 minutes ago (e.g. Last 167 Hours)',
		);
	});

	test('3 days back is refused for the Essentials Threat API', () => {
		expect(rangeProblem(lastRange(72, 'hours', NOW), NOW, ESSENTIALS)).toMatch(/^starts 3 days 1 minute ago, but the Essentials Threat API serves only the last 3 days: .*Last 71 Hours/);
	});

	test('an end now or in the future is refused: it must be in the past', () => {
		expect(rangeProblem({ start: NOW - HOUR_MS, end: NOW }, NOW, TAP)).toMatch(/^ends now or in the future .*: the end must be in the past$/);
		expect(rangeProblem({ start: NOW - HOUR_MS, end: NOW + MINUTE_MS }, NOW, TAP)).toMatch(/must be in the past/);
	});

	test('an end before the start, and a range under 30 seconds, are refused', () => {
		expect(rangeProblem({ start: NOW - MINUTE_MS, end: NOW - 2 * MINUTE_MS }, NOW, TAP)).toBe('ends before it starts: the end must be later than the start');
		expect(rangeProblem({ start: NOW - 80000, end: NOW - 60000 }, NOW, TAP)).toBe('is 20 seconds long: it must be at least 30 seconds');
	});

	test('without a known look-back only the window rules apply', () => {
		expect(rangeProblem({ start: NOW - 60 * DAY_MS, end: NOW - DAY_MS }, NOW, { minMs: 30000, keeper: 'TAP' })).toBeUndefined();
	});

	test('spans read as a person says them', () => {
		expect(describeSpan(3 * DAY_MS + 4 * HOUR_MS)).toBe('3 days 4 hours');
		expect(describeSpan(MINUTE_MS)).toBe('1 minute');
		expect(describeSpan(20000)).toBe('20 seconds');
	});
});
