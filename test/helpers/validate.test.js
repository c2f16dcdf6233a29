const { checkDomain, checkEmail, checkInteger, toList } = require('../../dist/nodes/Proofpoint/helpers/validate');
const { readDomain, readEmail, readEmailList, readInteger } = require('../../dist/nodes/Proofpoint/parameters/read');

// Cyrillic "а" (U+0430) in place of the Latin "a": looks like acme.example, is not.
const LOOKALIKE_DOMAIN = '\u0430cme.example';
const TEN_KB = 'a'.repeat(10 * 1024);

/** Just enough of n8n's execute context for the read* helpers: one item's parameters. */
function contextWith(parameters) {
	return {
		getNode: () => ({ id: 'node', name: 'Proofpoint', type: 'n8n-nodes-proofpoint.proofpoint', typeVersion: 1, position: [0, 0], parameters: {} }),
		getNodeParameter: (name, _itemIndex, fallback) => (name in parameters ? parameters[name] : fallback),
	};
}

function thrown(action) {
	try {
		action();
	} catch (error) {
		return error;
	}
	throw new Error('expected the call to throw');
}

describe('checkDomain', () => {
	test.each([
		['example.com', 'example.com'],
		['  Example.COM  ', 'example.com'],
		['acme.co.uk', 'acme.co.uk'],
		['acme-corp.example', 'acme-corp.example'],
		['example.com.', 'example.com'],
		['xn--bcher-kva.example', 'xn--bcher-kva.example'],
	])('accepts %j as %j', (input, expected) => {
		expect(checkDomain(input)).toEqual({ value: expected });
	});

	test.each([
		['an empty string', '', 'is empty: enter a domain such as example.com'],
		['only spaces', '   ', 'is empty: enter a domain such as example.com'],
		['a single label', 'localhost', '"localhost" is not a domain name such as example.com'],
		['two dots in a row', 'acme..example', '"acme..example" is not a domain name such as example.com'],
		['a path', 'acme.example/users', '"acme.example/users" is not a domain name such as example.com'],
		['a query', 'acme.example?x=1', '"acme.example?x=1" is not a domain name such as example.com'],
		['an underscore', 'ac_me.example', '"ac_me.example" is not a domain name such as example.com'],
		['a label starting with a hyphen', '-acme.example', '"-acme.example" is not a domain name such as example.com'],
		['an email', 'bob@acme.example', '"bob@acme.example" is not a domain name such as example.com'],
	])('refuses %s', (_, input, problem) => {
		expect(checkDomain(input)).toEqual({ problem });
	});

	test('refuses a Unicode look-alike and asks for the punycode form', () => {
		const result = checkDomain(LOOKALIKE_DOMAIN);
		expect(result.problem).toContain('non-ASCII');
		expect(result.problem).toContain('xn--');
	});

	test.each([
		['a line feed', 'acme.example\nevil.example'],
		['a carriage return and line feed', 'acme.example\r\nX-Injected: 1'],
		['a space inside', 'acme .example'],
		['a tab inside', 'acme\t.example'],
	])('refuses %s inside the name', (_, input) => {
		expect(checkDomain(input).problem).toContain('contains spaces, line breaks or non-ASCII characters');
	});

	test('refuses a label longer than 63 characters and a name longer than 253', () => {
		expect(checkDomain(`${'a'.repeat(64)}.example`)).toHaveProperty('problem');
		expect(checkDomain(`${'a'.repeat(63)}.example`)).toEqual({ value: `${'a'.repeat(63)}.example` });
		const long = Array.from({ length: 5 }, () => 'a'.repeat(60)).join('.');
		expect(long.length).toBe(304);
		expect(checkDomain(long)).toHaveProperty('problem');
	});

	test('keeps the problem short for a 10 kB value', () => {
		const { problem } = checkDomain(`${TEN_KB}.example`);
		expect(problem).toMatch(/^"a{57}…" is not a domain name/);
		expect(problem.length).toBeLessThan(120);
	});

	test.each([
		['a number', 42, 'must be a domain name such as example.com, but it is a number'],
		['an object', { domain: 'acme.example' }, 'must be a domain name such as example.com, but it is an object'],
		['a list', ['acme.example'], 'must be a domain name such as example.com, but it is a list'],
		['null', null, 'must be a domain name such as example.com, but it is empty'],
		['undefined', undefined, 'must be a domain name such as example.com, but it is empty'],
		['a boolean', true, 'must be a domain name such as example.com, but it is a boolean'],
	])('refuses %s', (_, input, problem) => {
		expect(checkDomain(input)).toEqual({ problem });
	});
});

describe('checkEmail', () => {
	test.each([
		['bob.smith@acme.example', 'bob.smith@acme.example'],
		['  bob.smith@acme.example  ', 'bob.smith@acme.example'],
		// The local part keeps its case; the domain is lower-cased.
		['Bob.Smith@ACME.Example', 'Bob.Smith@acme.example'],
		["o'brien+news@acme.co.uk", "o'brien+news@acme.co.uk"],
		['shared_sales@acme.example', 'shared_sales@acme.example'],
	])('accepts %j as %j', (input, expected) => {
		expect(checkEmail(input)).toEqual({ value: expected });
	});

	test.each([
		['no @', 'bob'],
		['nothing after @', 'bob@'],
		['nothing before @', '@acme.example'],
		['two @', 'bob@smith@acme.example'],
		['a slash that would add a path segment', 'bob/../admin@acme.example'],
		['a question mark that would start a query', 'bob?x=1@acme.example'],
		['a hash that would start a fragment', 'bob#top@acme.example'],
		['a percent sign that would decode in the path', 'bob%2fadmin@acme.example'],
		['two dots in a row', 'bob..smith@acme.example'],
		['a leading dot', '.bob@acme.example'],
		['a trailing dot before @', 'bob.@acme.example'],
		['a dot-dot local part', '..@acme.example'],
		['a domain without a dot', 'bob@acme'],
		['a domain with two dots in a row', 'bob@acme..example'],
		['a space inside', 'bob smith@acme.example'],
		['a line feed inside', 'bob@acme.example\nBcc: eve@evil.example'],
		['a carriage return inside', 'bob\r@acme.example'],
		['a look-alike domain', `bob@${LOOKALIKE_DOMAIN}`],
		['a non-ASCII local part', 'b\u00f6b@acme.example'],
		['a local part over 64 characters', `${'b'.repeat(65)}@acme.example`],
	])('refuses %s', (_, input) => {
		expect(checkEmail(input)).toEqual({ problem: expect.stringMatching(/ is not an email address such as name@example\.com$/) });
	});

	test('refuses an empty value with its own wording', () => {
		expect(checkEmail('  ')).toEqual({ problem: 'is empty: enter an email address such as name@example.com' });
	});

	test('keeps the problem short for a 10 kB value', () => {
		const { problem } = checkEmail(`${TEN_KB}@acme.example`);
		expect(problem).toBe(`"${'a'.repeat(57)}…" is not an email address such as name@example.com`);
	});

	test.each([
		['a number', 12345, 'a number'],
		['an object', { email: 'bob@acme.example' }, 'an object'],
		['a list', ['bob@acme.example'], 'a list'],
		['null', null, 'empty'],
	])('refuses %s', (_, input, described) => {
		expect(checkEmail(input)).toEqual({
			problem: `must be an email address such as name@example.com, but it is ${described}`,
		});
	});
});

describe('toList', () => {
	test('splits on commas and line breaks, trimming and dropping blanks', () => {
		expect(toList(' a@x.example, b@x.example ,,\nc@x.example\n')).toEqual(['a@x.example', 'b@x.example', 'c@x.example']);
	});

	test('takes a list from an expression as it is, trimmed', () => {
		expect(toList([' a@x.example', 'b@x.example ', ''])).toEqual(['a@x.example', 'b@x.example']);
	});

	test.each([[''], [undefined], [null]])('gives an empty list for %j', (value) => {
		expect(toList(value)).toEqual([]);
	});
});

describe('checkInteger', () => {
	test.each([
		[5, 5],
		['5', 5],
		[' 7 ', 7],
		[1, 1],
		[10, 10],
	])('accepts %j within 1..10', (input, expected) => {
		expect(checkInteger(input, 1, 10)).toEqual({ value: expected });
	});

	test.each([
		[5.5, 'must be a whole number, but it is a number'],
		['5.0', 'must be a whole number, but it is "5.0"'],
		['30d', 'must be a whole number, but it is "30d"'],
		[Number.NaN, 'must be a whole number, but it is a number'],
		[null, 'must be a whole number, but it is empty'],
		[{}, 'must be a whole number, but it is an object'],
		[0, 'must be between 1 and 10, but it is 0'],
		[11, 'must be between 1 and 10, but it is 11'],
		['-3', 'must be between 1 and 10, but it is -3'],
	])('refuses %p', (input, problem) => {
		expect(checkInteger(input, 1, 10)).toEqual({ problem });
	});
});

describe('reading parameters of an item', () => {
	test('names the item, the field and the fix when an email is bad', () => {
		const error = thrown(() => readEmail(contextWith({ email: 'bob@' }), 3, 'email', 'Email'));
		expect(error.message).toBe('Item 3: Email "bob@" is not an email address such as name@example.com');
		expect(error.description).toBe('Fix "Email" for item 3; no request was sent for it.');
		expect(error.context.itemIndex).toBe(3);
	});

	test('returns the cleaned value when it is good', () => {
		expect(readDomain(contextWith({ domain: ' ACME.example ' }), 0, 'domain', 'Organization Domain')).toBe('acme.example');
		expect(readEmail(contextWith({ email: 'Bob@ACME.example' }), 0, 'email', 'Email')).toBe('Bob@acme.example');
	});

	test('reads a missing parameter as empty and says so', () => {
		const error = thrown(() => readDomain(contextWith({}), 1, 'domain', 'Organization Domain'));
		expect(error.message).toBe('Item 1: Organization Domain is empty: enter a domain such as example.com');
	});

	test('uses the fallback for an empty number field and checks the bounds otherwise', () => {
		expect(readInteger(contextWith({ limit: '' }), 0, 'limit', 'Limit', 1, 100, 50)).toBe(50);
		expect(readInteger(contextWith({ limit: '20' }), 0, 'limit', 'Limit', 1, 100, 50)).toBe(20);
		const error = thrown(() => readInteger(contextWith({ limit: 0 }), 2, 'limit', 'Limit', 1, 100, 50));
		expect(error.message).toBe('Item 2: Limit must be between 1 and 100, but it is 0');
	});

	test('checks every entry of an email list and names the bad one', () => {
		const context = contextWith({});
		expect(readEmailList(context, 0, 'a@acme.example, B@ACME.example', 'Alias Emails')).toEqual([
			'a@acme.example',
			'B@acme.example',
		]);
		const error = thrown(() => readEmailList(context, 4, 'a@acme.example, not-an-email', 'Alias Emails'));
		expect(error.message).toBe('Item 4: Alias Emails entry "not-an-email" is not an email address such as name@example.com');
	});

	test('reads *@domain entries as a domain pattern where they are allowed', () => {
		const context = contextWith({});
		expect(readEmailList(context, 0, '*@Board.example, ceo@acme.example', 'Never Change', true)).toEqual([
			'*@board.example',
			'ceo@acme.example',
		]);
		expect(() => readEmailList(context, 0, '*@board', 'Never Change', true)).toThrow(
			'Item 0: Never Change entry "board" is not a domain name',
		);
	});
});
