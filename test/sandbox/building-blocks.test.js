'use strict';

const { toBoolean, toInteger, coerceFields, USER_TYPES } = require('../../sandbox/coerce');
const { createRandom } = require('../../sandbox/random');
const { createThrottle, DAY_MS } = require('../../sandbox/throttle');
const { siemWindow } = require('../../sandbox/tap-siem');
const { createFaults } = require('../../sandbox/faults');

describe('string booleans and numbers', () => {
	it('reads "true"/"false" and 1/0 as booleans, and nothing else', () => {
		expect([true, 'true', 1, '1'].map(toBoolean)).toEqual([true, true, true, true]);
		expect([false, 'false', 0, '0'].map(toBoolean)).toEqual([false, false, false, false]);
		expect(['yes', '', null, undefined].map(toBoolean)).toEqual([
			undefined,
			undefined,
			undefined,
			undefined,
		]);
	});

	it('reads "30" as 30 but not "30.5" or "thirty"', () => {
		expect([30, '30', ' 30 '].map(toInteger)).toEqual([30, 30, 30]);
		expect(['30.5', 'thirty', 30.5].map(toInteger)).toEqual([undefined, undefined, undefined]);
	});

	it('keeps only the schema’s fields, coerced, and names the first bad one', () => {
		const schema = { is_active: 'boolean', type: USER_TYPES };
		expect(coerceFields({ is_active: 'false', type: 'END_USER', extra: 1 }, schema)).toEqual({
			values: { is_active: false, type: 'end_user' },
		});
		expect(coerceFields({ type: 'boss' }, schema)).toMatchObject({
			field: 'type',
			error: expect.stringContaining('functional_account'),
		});
		expect(coerceFields([], schema).error).toContain('JSON object');
	});
});

describe('seeded randomness', () => {
	it('gives the same sequence for the same seed and another for another seed', () => {
		const draw = (seed) => Array.from({ length: 5 }, createRandom(seed).next);
		expect(draw(9)).toEqual(draw(9));
		expect(draw(9)).not.toEqual(draw(10));
	});
});

describe('rolling 24-hour throttle', () => {
	it('allows `limit` requests per key and frees a slot 24 hours after the oldest', () => {
		let now = 0;
		const throttle = createThrottle(() => now);
		expect([1, 2, 3].map(() => throttle.take('vap', 2))).toEqual([true, true, false]);
		expect(throttle.take('top-clickers', 2)).toBe(true);
		now = DAY_MS - 1;
		expect(throttle.take('vap', 2)).toBe(false);
		now = DAY_MS;
		expect(throttle.take('vap', 2)).toBe(true);
	});
});

describe('SIEM query windows', () => {
	const now = Date.parse('2026-06-05T06:00:30Z');

	it('ends a sinceSeconds window at server time rounded down to the minute', () => {
		expect(siemWindow({ sinceSeconds: '600' }, now)).toEqual({
			start: Date.parse('2026-06-05T05:50:00Z'),
			end: Date.parse('2026-06-05T06:00:00Z'),
		});
	});

	it('reads start/PT30M and PT30M/end intervals', () => {
		expect(siemWindow({ interval: '2026-06-05T05:00:00Z/PT30M' }, now).end).toBe(
			Date.parse('2026-06-05T05:30:00Z'),
		);
		expect(siemWindow({ interval: 'PT30M/2026-06-05T05:30:00Z' }, now).start).toBe(
			Date.parse('2026-06-05T05:00:00Z'),
		);
	});

	it('refuses windows under 30 s, over 1 h, older than 7 days or still current', () => {
		expect(siemWindow({ sinceSeconds: '29' }, now).error).toContain('too short');
		expect(siemWindow({ sinceSeconds: '3601' }, now).error).toContain('too long');
		expect(siemWindow({ sinceTime: '2026-05-01T00:00:00Z' }, now).error).toContain(
			'too far into the past',
		);
		expect(siemWindow({ interval: 'PT30M/2026-06-05T06:00:30Z' }, now).error).toContain(
			'still current',
		);
		expect(siemWindow({ interval: 'yesterday' }, now).error).toContain('Invalid interval');
	});
});

describe('fault picking', () => {
	it('uses failNext entries first, by method and path, then falls back to the seeded rate', () => {
		const faults = createFaults({ rate: 1, seed: 3, modes: ['500'], match: { path: '/users' } });
		faults.failNext({ method: 'PUT', path: /bob/, mode: 'reset' });
		expect(faults.pick('GET', '/orgs/a/users/bob')).toBe('500');
		expect(faults.pick('PUT', '/orgs/a/users/bob')).toBe('reset');
		expect(faults.pick('PUT', '/orgs/a/users/bob')).toBe('500');
		expect(faults.pick('GET', '/me')).toBeNull();
	});
});
