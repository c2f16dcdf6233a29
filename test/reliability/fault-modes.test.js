'use strict';

// Every operation under every fault mode of the sandbox, for each kind of request it makes:
// one fault where the request may be retried gives a retried success; a fault that lasts, or
// one on a request that must not be repeated (a create, anything to TAP), gives a clear
// NodeApiError. Never a hang past the Request Timeout, never an unhandled rejection.
const vm = require('node:vm');
const { startSandbox, FAULT_MODES } = require('../../sandbox');
const { runNode } = require('../harness');
const { sandboxCredentials } = require('../support');
const { OPERATIONS, THREAT_ID, CAMPAIGN_ID } = require('./operations');

const REQUEST_TIMEOUT_MS = 1000;
// Longer than the Request Timeout, so a 'slow' answer always comes too late, and shorter than the
// timeout plus the first backoff, so a timed-out write lands before its retry does.
const SLOW_MS = 1100;
// The longest the Essentials backoff can wait over its 3 retries (0.5, 1 and 2 s at most).
const MAX_BACKOFF_MS = 3500;
// What a run through n8n-core costs on a busy machine, on top of timeouts and backoff.
const RUN_MARGIN_MS = 4000;

// Jest swaps the test file's `process` for a copy; unhandled rejections reach the real one.
const realProcess = vm.runInThisContext('process');
const unhandled = [];
const trackUnhandled = (reason) => unhandled.push(reason);
beforeAll(() => realProcess.on('unhandledRejection', trackUnhandled));
afterAll(() => realProcess.off('unhandledRejection', trackUnhandled));

const figures = { cases: 0, faultsInjected: 0, requests: 0, retriedSuccesses: 0, clearErrors: 0, byMode: {} };
afterAll(() => {
	if (process.env.RELIABILITY_FIGURES) realProcess.stdout.write(`fault-modes figures ${JSON.stringify(figures)}\n`);
});

const STATUS_OF = { 500: 500, 502: 502, 503: 503, html: 503, 429: 429, '429-retry-after': 429 };

/** How many times the node sends a request that keeps failing in this mode (the README's retry rules). */
function attemptsFor(api, method, mode) {
	if (api === 'tap') return 1;
	// The Essentials Threat API: only a 429 that says how long to wait is sent again, at most twice.
	if (api === 'essentialsThreat') return mode === '429-retry-after' ? 3 : 1;
	if (STATUS_OF[mode] === 429) return 4;
	if (method === 'POST') return 1;
	// An empty 200 to a read is reported at once as an unexpected answer, never read as an empty list.
	if (mode === 'empty' && method === 'GET') return 1;
	return 4;
}

/** What the error message must say for a request that failed in this mode. */
function messageFor(op, method, mode, attempts) {
	const after = attempts > 1 ? ` after ${attempts} attempts$` : '$';
	const status = STATUS_OF[mode];
	if (op.api === 'tap') {
		if (status === 429) return /^TAP('s (SIEM |Forensics )?quota for .+ is used up| is throttling requests) \(429\)$/;
		if (status) return new RegExp(`^TAP had a server error \\(${status}\\)$`);
	} else if (op.api === 'essentialsThreat') {
		if (status === 429) return new RegExp(`^The Essentials Threat API is throttling requests \\(429\\)${after}`);
		if (status) return new RegExp(`^The Essentials Threat API had a server error \\(${status}\\)$`);
	} else {
		if (status === 429) return new RegExp(`^Proofpoint Essentials is throttling requests \\(429\\)${after}`);
		if (status) return new RegExp(`^Proofpoint Essentials had a server error \\(${status}\\)${after}`);
	}
	switch (mode) {
		case 'reset':
			return new RegExp(`^Could not reach .+ \\(ECONNRESET\\)${after}`);
		case 'slow':
			return new RegExp(`^No answer from .+ within ${REQUEST_TIMEOUT_MS} ms${after}`);
		case 'malformed-json':
			return new RegExp(`sent a response that is not valid JSON${after}`);
		case 'empty':
			if (op.api !== 'essentials') return /^((TAP|The Essentials Threat API) sent an empty or unexpected response|TAP at .+ sent an empty 200 response)$/;
			return method === 'GET'
				? /^Proofpoint Essentials sent an unexpected response: .+$/
				: new RegExp(`answered a change with an empty 200 response${after}`);
		default:
			throw new Error(`No expectation for mode ${mode}`);
	}
}

function withShortTimeout(parameters, timeoutMs = REQUEST_TIMEOUT_MS) {
	return { ...parameters, options: { ...parameters.options, requestTimeout: timeoutMs } };
}

// Only a 'slow' answer is meant to time out; 66 runs side by side on a busy machine must not.
const timeoutFor = (mode) => (mode === 'slow' ? REQUEST_TIMEOUT_MS : 30000);

/** Runs one operation on a fresh demo tenant with `count` faults queued for the first requests of `method`. */
async function runCase({ op, method, mode, count }) {
	const sb = await startSandbox({ retryAfterSeconds: 0, slowMs: SLOW_MS });
	try {
		sb.failNext({ method, mode, count });
		const started = Date.now();
		const result = await runNode({ parameters: withShortTimeout(op.parameters, timeoutFor(mode)), input: op.input, credentials: sandboxCredentials(sb, { threat: op.threat }) });
		return {
			result,
			elapsed: Date.now() - started,
			requests: sb.requests.map(({ method: sent, fault }) => ({ method: sent, fault })),
			changed: op.changed?.(sb),
		};
	} finally {
		await sb.close();
	}
}

function countOf(list, method) {
	return list.filter((entry) => entry === method || entry.method === method).length;
}

/** The problems with one case's outcome, as readable lines (none when the node kept its promises). */
function judge({ op, method, mode, count }, { result, elapsed, requests, changed }) {
	const label = `${op.name}, ${count === 1 ? 'one' : 'lasting'} '${mode}' on ${method}`;
	const problems = [];
	const check = (ok, what) => {
		if (!ok) problems.push(`${label}: ${what}`);
	};
	const attempts = attemptsFor(op.api, method, mode);
	const recovers = count < attempts;
	const expectedMessage = messageFor(op, method, mode, attempts);
	const sent = countOf(requests, method);
	const normally = countOf(op.requests, method);
	const timeouts = mode === 'slow' ? Math.min(count, attempts) : 0;

	check(elapsed < timeouts * REQUEST_TIMEOUT_MS + MAX_BACKOFF_MS + RUN_MARGIN_MS, `took ${elapsed} ms`);

	if (op.batch && method === 'PUT') {
		// One failing user is reported and never hides the others: bob.smith's PUT is the faulted one.
		const [bob, erin] = result.items.map((item) => item.json);
		check(result.status === 'success', `expected the run to finish, got ${result.error?.message}`);
		check(erin?.status === 'updated', `expected erin.white updated, got ${JSON.stringify(erin)}`);
		if (recovers) {
			check(bob?.status === 'updated', `expected bob.smith updated after a retry, got ${JSON.stringify(bob)}`);
			check(changed, 'expected both users to be functional accounts');
		} else {
			check(bob?.status === 'failed', `expected bob.smith failed, got ${JSON.stringify(bob)}`);
			check(expectedMessage.test(bob?.error ?? ''), `bob.smith's error "${bob?.error}" does not match ${expectedMessage}`);
		}
		check(sent === (recovers ? normally + count : attempts + 1), `sent ${sent} PUTs`);
		return { problems, recovered: recovers };
	}

	if (recovers) {
		check(result.status === 'success', `expected a retried success, got ${result.status}: ${result.error?.message}`);
		check(sent === normally + count, `expected ${normally + count} ${method} requests, saw ${sent}`);
		if (op.changed) check(changed, 'the change did not land');
		else check(result.items.length > 0, 'no items');
		return { problems, recovered: true };
	}
	const error = result.error ?? {};
	check(result.status === 'error', `expected an error, got ${result.status}`);
	check(error.name === 'NodeApiError', `expected a NodeApiError, got ${error.name}: ${error.message}`);
	check(expectedMessage.test(error.message ?? ''), `message "${error.message}" does not match ${expectedMessage}`);
	check(typeof error.description === 'string' && error.description.length > 20, `no advice in "${error.description}"`);
	check(sent === attempts, `expected ${attempts} ${method} requests, saw ${sent}`);
	check(result.items.length === 0, 'items came out of a failed run');
	// A timed-out write may still land on the server; every other fault happens before any change.
	if (op.changed && mode !== 'slow') check(!changed, 'a failed request changed the tenant');
	return { problems, recovered: false };
}

function casesFor(mode) {
	return OPERATIONS.flatMap((op) =>
		[...new Set(op.requests)].flatMap((method) => [1, 4].map((count) => ({ op, method, mode, count }))),
	);
}

describe('every operation under each fault mode', () => {
	test.each(FAULT_MODES)(
		"'%s': a retried success where the request may be repeated, else a NodeApiError that names the failure",
		async (mode) => {
			const cases = casesFor(mode);
			// Each case has its own sandbox, so they run side by side.
			const outcomes = await Promise.all(cases.map(runCase));
			const verdicts = cases.map((entry, index) => judge(entry, outcomes[index]));

			expect(verdicts.flatMap((verdict) => verdict.problems)).toEqual([]);

			const faults = outcomes.reduce((sum, outcome) => sum + outcome.requests.filter((request) => request.fault).length, 0);
			const recovered = verdicts.filter((verdict) => verdict.recovered).length;
			figures.cases += cases.length;
			figures.faultsInjected += faults;
			figures.requests += outcomes.reduce((sum, outcome) => sum + outcome.requests.length, 0);
			figures.retriedSuccesses += recovered;
			figures.clearErrors += cases.length - recovered;
			figures.byMode[mode] = faults;
		},
		30000,
	);

	test('covers the 37 operations, SIEM on both platforms, and every request kind they make', async () => {
		expect(OPERATIONS).toHaveLength(38);
		expect(casesFor('500')).toHaveLength(94);
		const sb = await startSandbox();
		try {
			expect([sb.siem.threats()[0].id, sb.siem.campaigns()[0].id]).toEqual([THREAT_ID, CAMPAIGN_ID]);
		} finally {
			await sb.close();
		}
	});
});

describe('with the real backoff', () => {
	const getBob = withShortTimeout(OPERATIONS.find((op) => op.name === 'User → Get').parameters);
	let sb;
	beforeEach(async () => {
		sb = await startSandbox({ retryAfterSeconds: 1 });
	});
	afterEach(async () => {
		await sb.close();
	});
	const timed = async (parameters) => {
		const started = Date.now();
		const result = await runNode({ parameters, credentials: sandboxCredentials(sb) });
		return { result, elapsed: Date.now() - started };
	};

	it('waits 0.25–0.5 s before retrying a 503, then succeeds', async () => {
		sb.failNext({ method: 'GET', mode: '503' });
		const { result, elapsed } = await timed(getBob);

		expect(result.status).toBe('success');
		expect(sb.requests.map((request) => request.status)).toEqual([503, 200]);
		expect(elapsed).toBeGreaterThanOrEqual(250);
		expect(elapsed).toBeLessThan(500 + RUN_MARGIN_MS);
	});

	it('gives up on a lasting 500 after 4 attempts and 1.75–3.5 s of backoff', async () => {
		sb.failNext({ method: 'GET', mode: '500', count: 4 });
		const { result, elapsed } = await timed(getBob);

		expect(result.error.message).toBe('Proofpoint Essentials had a server error (500) after 4 attempts');
		expect(sb.requests).toHaveLength(4);
		expect(elapsed).toBeGreaterThanOrEqual(1750);
		expect(elapsed).toBeLessThan(MAX_BACKOFF_MS + RUN_MARGIN_MS);
	});

	it('honours a Retry-After of 1 s on a 429', async () => {
		sb.failNext({ method: 'GET', mode: '429-retry-after' });
		const { result, elapsed } = await timed(getBob);

		expect(result.status).toBe('success');
		expect(sb.requests.map((request) => request.status)).toEqual([429, 200]);
		expect(elapsed).toBeGreaterThanOrEqual(1000);
	});
});

describe('a DELETE whose first attempt timed out but landed', () => {
	const deleteErin = withShortTimeout(OPERATIONS.find((op) => op.name === 'User → Delete').parameters);
	let sb;
	beforeEach(async () => {
		sb = await startSandbox({ slowMs: SLOW_MS });
	});
	afterEach(async () => {
		await sb.close();
	});

	it('counts the 404 of its retry as done, since the user is gone', async () => {
		sb.failNext({ method: 'DELETE', mode: 'slow' });
		const result = await runNode({ parameters: deleteErin, credentials: sandboxCredentials(sb) });

		expect(result.status).toBe('success');
		expect(result.items[0].json).toEqual({ deleted: true, email: 'erin.white@acme.example', domain: 'acme.example' });
		expect(sb.requests.map(({ fault, status }) => ({ fault, status }))).toEqual([
			{ fault: 'slow', status: 204 },
			{ fault: null, status: 404 },
		]);
		expect(sb.getUser('acme.example', 'erin.white@acme.example')).toBeUndefined();
	});

	it('still reports a user that was never there, after one request', async () => {
		const result = await runNode({ parameters: { ...deleteErin, email: 'nobody@acme.example' }, credentials: sandboxCredentials(sb) });

		expect(result.error.httpCode).toBe('404');
		expect(sb.requests).toHaveLength(1);
	});
});

describe('TAP 429, with and without Retry-After', () => {
	const tapOperations = OPERATIONS.filter((op) => op.api === 'tap');
	const cases = tapOperations.flatMap((op) => ['429', '429-retry-after'].map((mode) => [op.name, mode, op]));

	test.each(cases)('%s, %s: exactly one request, no retry, the quota explained', async (_, mode, op) => {
		const sb = await startSandbox({ retryAfterSeconds: 0 });
		try {
			sb.failNext({ mode, count: 4 });
			const result = await runNode({ parameters: op.parameters, credentials: sandboxCredentials(sb) });

			expect(sb.requests).toHaveLength(1);
			expect(result.error.name).toBe('NodeApiError');
			expect(result.error.httpCode).toBe('429');
			expect(result.error.description).toContain('This node does not retry a 429');
			if (op.parameters.resource === 'vap' || op.parameters.resource === 'topClicker') {
				expect(result.error.message).toMatch(/^TAP's quota for \/v2\/people\/(vap|top-clickers) is used up \(429\)$/);
				expect(result.error.description).toContain('50 requests per endpoint in a rolling 24 hours');
			}
		} finally {
			await sb.close();
		}
	});
});

test('no unhandled promise rejection happened in any of the runs', () => {
	expect(unhandled).toEqual([]);
});
