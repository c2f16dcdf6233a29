const { apiMessageOf, parseJsonBody } = require('../../dist/nodes/Proofpoint/transport/body');

const OUTAGE_PAGE =
	'<!DOCTYPE html><html><head><title>503 Service Temporarily Unavailable</title></head><body><h1>Down</h1></body></html>';

describe('parseJsonBody', () => {
	test.each([
		['a JSON object', '{"users":[]}', { users: [] }],
		['a JSON list', '[1,2]', [1, 2]],
		['a JSON string', '"done"', 'done'],
		['an object already parsed', { uid: 1 }, { uid: 1 }],
	])('reads %s', (_, body, value) => {
		expect(parseJsonBody(body)).toEqual({ ok: true, value });
	});

	test.each([
		['an empty body (204)', ''],
		['a blank body', '  \n'],
		['no body', undefined],
		['null', null],
	])('reads %s as nothing', (_, body) => {
		expect(parseJsonBody(body)).toEqual({ ok: true, value: undefined });
	});

	test.each([
		['truncated JSON', '{"users":[{"uid":5000001,"primary_email":"trunc'],
		['an HTML page', OUTAGE_PAGE],
		['plain text', 'Service Unavailable'],
	])('refuses %s', (_, body) => {
		expect(parseJsonBody(body)).toEqual({ ok: false });
	});
});

describe('apiMessageOf', () => {
	test('reads the errors list, joining several', () => {
		const body = JSON.stringify({
			errors: [
				{ status: 400, error_message: 'Invalid value for is_active', identifier: 'is_active' },
				{ status: 400, error_message: 'primary_email is required', identifier: 'primary_email' },
			],
		});
		expect(apiMessageOf(body)).toBe('Invalid value for is_active; primary_email is required');
	});

	test('reads "message" or "detail" inside the errors list', () => {
		expect(apiMessageOf({ errors: [{ message: 'first' }, { detail: 'second' }, { status: 400 }] })).toBe('first; second');
	});

	test.each([
		['a top-level message', { message: 'Authentication failed' }, 'Authentication failed'],
		['an error string', { error: 'Forbidden' }, 'Forbidden'],
		['an error object with a message', { error: { message: 'Quota exceeded' } }, 'Quota exceeded'],
		['an error_message', { error_message: 'Not found' }, 'Not found'],
		['an empty errors list, then a message', { errors: [], message: 'Fallback' }, 'Fallback'],
		['plain text, trimmed', '  Too Many Requests\n', 'Too Many Requests'],
		['JSON sent as text', '{"message":"Read-only admin"}', 'Read-only admin'],
	])('reads %s', (_, body, message) => {
		expect(apiMessageOf(body)).toBe(message);
	});

	test('prefers "message" over "error" when both are there', () => {
		expect(apiMessageOf({ error: 'Bad Request', message: 'window must be 14, 30 or 90' })).toBe('window must be 14, 30 or 90');
	});

	test('keeps an HTML outage page out of the error', () => {
		expect(apiMessageOf(OUTAGE_PAGE)).toBeUndefined();
		expect(apiMessageOf('\n  <html><body>Bad gateway</body></html>')).toBeUndefined();
	});

	test('cuts a long message to 300 characters', () => {
		expect(apiMessageOf('x'.repeat(5000))).toHaveLength(300);
		expect(apiMessageOf({ message: 'y'.repeat(5000) })).toHaveLength(300);
	});

	test.each([
		['no body', undefined],
		['an empty body', ''],
		['a number', 500],
		['an object without any message', { status: 500 }],
		['blank strings only', { message: '  ', error: '' }],
	])('finds nothing in %s', (_, body) => {
		expect(apiMessageOf(body)).toBeUndefined();
	});
});
