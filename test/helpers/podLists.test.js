'use strict';

const { checkComment, checkEntryValue, entryKey, planListChange } = require('../../dist/nodes/Proofpoint/helpers/podLists');

const entry = (value, attribute = '$from', operator = 'equal') => ({ attribute, operator, value, comment: '' });

describe('checkEntryValue', () => {
	it.each([
		['a sender', '$from', 'equal', ' bad@evil.example ', 'bad@evil.example'],
		['an IPv4 range', '$ip', 'equal', '203.0.113.0/24', '203.0.113.0/24'],
		['an IPv6 address', '$ip', 'not_equal', '2001:db8::1', '2001:db8::1'],
		['part of an IP with Contains', '$ip', 'contain', '203.0.113.', '203.0.113.'],
	])('takes %s', (_, attribute, operator, value, expected) => {
		expect(checkEntryValue(value, attribute, operator)).toEqual({ value: expected });
	});

	it.each([
		['an empty value', '$from', 'equal', ' ', /is empty/],
		['a line break', '$from', 'equal', 'a@b.example\nBcc: x', /line break/],
		['a Unicode line separator', '$host', 'equal', 'mx.example\u2028x', /line break/],
		['a value over 320 characters', '$from', 'contain', 'x'.repeat(321), /321 characters long, more than the 320/],
		['an IP out of range', '$ip', 'equal', '256.1.1.1', /not an IP address/],
		['an object from an expression', '$from', 'equal', { a: 1 }, /must be text, but it is an object/],
	])('refuses %s', (_, attribute, operator, value, problem) => {
		expect(checkEntryValue(value, attribute, operator).problem).toMatch(problem);
	});
});

describe('checkComment', () => {
	it('takes 150 characters and refuses 151', () => {
		expect(checkComment('x'.repeat(150))).toEqual({ value: 'x'.repeat(150) });
		expect(checkComment('x'.repeat(151)).problem).toMatch(/151 characters long; Proofpoint keeps at most 150/);
	});

	it('takes no comment as an empty one', () => {
		expect(checkComment(undefined)).toEqual({ value: '' });
	});
});

describe('planListChange', () => {
	const current = [entry('known@evil.example'), entry('10.0.0.1', '$ip')];

	it('adds only what is not there, whatever the case of the value', () => {
		const plan = planListChange(current, [entry('KNOWN@evil.example'), entry('new@evil.example')], 'add');

		expect(plan.map((planned) => [planned.outcome, planned.send])).toEqual([['alreadyPresent', false], ['added', true]]);
	});

	it('treats the same value under another attribute or operator as another entry', () => {
		const plan = planListChange(current, [entry('known@evil.example', '$hfrom'), entry('known@evil.example', '$from', 'contain')], 'add');

		expect(plan.map((planned) => planned.outcome)).toEqual(['added', 'added']);
	});

	it('removes only what is there', () => {
		const plan = planListChange(current, [entry('10.0.0.1', '$ip'), entry('absent@evil.example')], 'delete');

		expect(plan.map((planned) => [planned.outcome, planned.send])).toEqual([['removed', true], ['notPresent', false]]);
	});

	it('sends an entry asked for twice once, the second pointing at the first', () => {
		const plan = planListChange([], [entry('a@evil.example'), undefined, entry('A@evil.example')], 'add');

		expect(plan[1]).toBeUndefined();
		expect(plan[2]).toMatchObject({ outcome: 'alreadyPresent', send: false, sameAsItem: 0 });
	});

	it('keys entries by attribute, operator and value without case', () => {
		expect(entryKey(entry('A@B.example'))).toBe(entryKey(entry(' a@b.example ')));
	});
});
