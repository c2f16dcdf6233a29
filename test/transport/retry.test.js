const { ESSENTIALS_RETRY, isRetryable, parseRetryAfter, retryDelay } = require('../../dist/nodes/Proofpoint/transport/retry');

const NOW = Date.parse('2025-06-02T10:00:00Z');
// Round numbers, so the bounds below read as whole seconds.
const POLICY = { maxRetries: 3, baseDelayMs: 1000, maxDelayMs: 8000, maxRetryAfterMs: 60000 };

const status = (code, method) => ({ kind: 'status', status: code, method });
const network = (code, method) => ({ kind: 'network', code, method });

describe('isRetryable', () => {
	test.each(['GET', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS', 'get'])('retries a 5xx, a 429 and a network failure on %s', (method) => {
		expect(isRetryable(status(500, method))).toBe(true);
		expect(isRetryable(status(503, method))).toBe(true);
		expect(isRetryable(status(429, method))).toBe(true);
		expect(isRetryable(network('ECONNRESET', method))).toBe(true);
		expect(isRetryable(network('INVALID_RESPONSE', method))).toBe(true);
	});

	test('retries a POST only on 429, when nothing was done: a repeated create could add it twice', () => {
		expect(isRetryable(status(429, 'POST'))).toBe(true);
		expect(isRetryable(status(500, 'POST'))).toBe(false);
		expect(isRetryable(status(502, 'POST'))).toBe(false);
		expect(isRetryable(network('ECONNRESET', 'POST'))).toBe(false);
		expect(isRetryable(network('ECONNABORTED', 'POST'))).toBe(false);
	});

	test.each([400, 401, 403, 404, 405, 409, 422])('never retries a %p: sending it again gives the same answer', (code) => {
		expect(isRetryable(status(code, 'GET'))).toBe(false);
	});
});

describe('parseRetryAfter', () => {
	test.each([
		['2', 2000],
		['0', 0],
		[' 120 ', 120000],
		['1.5', 1500],
		[3, 3000],
		[['4', '9'], 4000],
	])('reads %p seconds', (value, ms) => {
		expect(parseRetryAfter(value, NOW)).toBe(ms);
	});

	test('reads an HTTP date as the time left until it', () => {
		expect(parseRetryAfter('Mon, 02 Jun 2025 10:00:30 GMT', NOW)).toBe(30000);
	});

	test('reads a date in the past as no wait', () => {
		expect(parseRetryAfter('Mon, 02 Jun 2025 09:00:00 GMT', NOW)).toBe(0);
	});

	test.each([[undefined], [''], ['soon'], [null], [{}]])('ignores %p', (value) => {
		expect(parseRetryAfter(value, NOW)).toBeUndefined();
	});
});

describe('retryDelay', () => {
	test.each([
		[0, 500, 1000],
		[1, 1000, 2000],
		[2, 2000, 4000],
	])('waits, before retry %p, between %p and %p ms (half-jittered doubling)', (attempt, low, high) => {
		expect(retryDelay(attempt, undefined, POLICY, 0)).toBe(low);
		expect(retryDelay(attempt, undefined, POLICY, 0.999999)).toBe(high);
		expect(retryDelay(attempt, undefined, POLICY, 0.5)).toBe((low + high) / 2);
	});

	test('gives up after the last retry', () => {
		expect(retryDelay(3, undefined, POLICY, 0.5)).toBeUndefined();
		expect(retryDelay(3, 0, POLICY, 0.5)).toBeUndefined();
	});

	test('caps the backoff at the policy’s maximum', () => {
		const patient = { ...POLICY, maxRetries: 10 };
		expect(retryDelay(6, undefined, patient, 0.999999)).toBe(8000);
	});

	test('waits exactly what Retry-After asks, instead of the backoff', () => {
		expect(retryDelay(0, 0, POLICY, 0.5)).toBe(0);
		expect(retryDelay(2, 7000, POLICY, 0.5)).toBe(7000);
		expect(retryDelay(0, 60000, POLICY, 0.5)).toBe(60000);
	});

	test('gives up at once when Retry-After asks for longer than the policy will wait', () => {
		expect(retryDelay(0, 60001, POLICY, 0.5)).toBeUndefined();
		expect(retryDelay(0, 3600000, POLICY, 0.5)).toBeUndefined();
	});

	test('Essentials retries 3 times and waits at most a minute for Retry-After', () => {
		expect(ESSENTIALS_RETRY).toMatchObject({ maxRetries: 3, maxRetryAfterMs: 60000 });
		expect(retryDelay(0, undefined, ESSENTIALS_RETRY, 0)).toBe(ESSENTIALS_RETRY.baseDelayMs / 2);
		expect(retryDelay(2, undefined, ESSENTIALS_RETRY, 0)).toBe(ESSENTIALS_RETRY.baseDelayMs * 2);
	});
});

describe('the Essentials Threat API policy: only a short wait it was told', () => {
	const { waitBeforeRetry, ESSENTIALS_THREAT_RETRY } = require('../../dist/nodes/Proofpoint/transport/retry');
	const status = (code) => ({ kind: 'status', status: code, method: 'GET' });

	test('a 429 with a Retry-After of up to 30 s is waited for, at most twice', () => {
		expect(waitBeforeRetry(ESSENTIALS_THREAT_RETRY, status(429), 0, 2000, 0.5)).toBe(2000);
		expect(waitBeforeRetry(ESSENTIALS_THREAT_RETRY, status(429), 1, 30000, 0.5)).toBe(30000);
		expect(waitBeforeRetry(ESSENTIALS_THREAT_RETRY, status(429), 2, 2000, 0.5)).toBeUndefined();
	});

	test('no guessing: a 429 without Retry-After, a longer one, a 5xx or a reset fails at once', () => {
		expect(waitBeforeRetry(ESSENTIALS_THREAT_RETRY, status(429), 0, undefined, 0.5)).toBeUndefined();
		expect(waitBeforeRetry(ESSENTIALS_THREAT_RETRY, status(429), 0, 31000, 0.5)).toBeUndefined();
		expect(waitBeforeRetry(ESSENTIALS_THREAT_RETRY, status(503), 0, undefined, 0.5)).toBeUndefined();
		expect(waitBeforeRetry(ESSENTIALS_THREAT_RETRY, { kind: 'network', code: 'ECONNRESET', method: 'GET' }, 0, undefined, 0.5)).toBeUndefined();
	});

	test('TAP (no policy) never waits', () => {
		expect(waitBeforeRetry(null, status(429), 0, 1000, 0.5)).toBeUndefined();
	});
});
