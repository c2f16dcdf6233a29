const { asBoolean, typedUser, withTypedFields, USER_BOOLEANS } = require('../../dist/nodes/Proofpoint/helpers/coerce');

describe('asBoolean', () => {
	test.each([
		[true, true],
		[false, false],
		['true', true],
		['TRUE', true],
		[' yes ', true],
		['1', true],
		[1, true],
		[-1, true],
		['false', false],
		['False', false],
		['no', false],
		['0', false],
		['', false],
		[0, false],
	])('reads %p as %p', (value, expected) => {
		expect(asBoolean(value)).toBe(expected);
	});

	test.each([['maybe'], [null], [undefined], [{}], [['true']]])('leaves %p undecided', (value) => {
		expect(asBoolean(value)).toBeUndefined();
	});
});

describe('withTypedFields', () => {
	test('types only the named fields and keeps the rest as sent', () => {
		const sent = { is_active: 'true', note: 'true', count: '30', name: '30', ratio: '0.5' };
		expect(withTypedFields(sent, ['is_active'], ['count', 'ratio'])).toEqual({
			is_active: true,
			note: 'true',
			count: 30,
			name: '30',
			ratio: 0.5,
		});
	});

	test('keeps a value it cannot read instead of dropping it', () => {
		expect(withTypedFields({ is_active: 'maybe', count: '30 users' }, ['is_active'], ['count'])).toEqual({
			is_active: 'maybe',
			count: '30 users',
		});
	});

	test('does not add fields that were not there, and does not change its input', () => {
		const sent = Object.freeze({ uid: '7' });
		expect(withTypedFields(sent, ['is_active'], ['uid'])).toEqual({ uid: 7 });
	});
});

describe('typedUser', () => {
	test('turns a user with string booleans and a string uid into real ones', () => {
		const dave = {
			uid: '5000008',
			primary_email: 'dave.lee@acme.example',
			is_active: 'true',
			is_billable: 'true',
			read_only_user: 'false',
			alias_emails: [],
		};
		expect(typedUser(dave)).toEqual({
			uid: 5000008,
			primary_email: 'dave.lee@acme.example',
			is_active: true,
			is_billable: true,
			read_only_user: false,
			alias_emails: [],
		});
	});

	test('covers the booleans a user has', () => {
		expect(USER_BOOLEANS).toEqual(['is_active', 'is_billable', 'read_only_user']);
	});
});
