'use strict';

// Mark Functional Accounts on a generated tenant of 1,000 end users while the sandbox faults 20%
// of the requests (seeded, every fault mode): afterwards every targeted user is a functional
// account or is reported failed with its error, nobody outside the plan changed, a second run
// finishes the rest and a third plans nothing.
const vm = require('node:vm');
const { startSandbox, generateTenant, FAULT_MODES } = require('../../sandbox');
const { createRandom } = require('../../sandbox/random');
const { runNode } = require('../harness');
const { sandboxCredentials } = require('../support');

const DOMAIN = 'big.example';
// 1,060 generated users with seed 1: 1,000 end users, plus admins, silent users and functional accounts.
const TENANT = { domain: DOMAIN, users: 1060, seed: 1 };
// Seed 118 makes the list request fail three times before it succeeds and two users exhaust their
// 4 attempts, one of them after a 'slow' PUT that the server applies once the client gave up.
const FAULT_SEED = 118;
const FAULT_RATE = 0.2;
const MAX_ATTEMPTS = 4;
const REQUEST_TIMEOUT_MS = 1000;
const SLOW_MS = 3000;
const HR_SEED = 11;
const LEFT = 200;
const ABSENT = 100;

const realProcess = vm.runInThisContext('process');

/** What a request that failed all its 4 attempts can be reported with, one per kind of fault. */
const FAILURE_MESSAGES = [
	/^Proofpoint Essentials had a server error \(50[023]\) after 4 attempts$/,
	/^Proofpoint Essentials is throttling requests \(429\) after 4 attempts$/,
	/^Could not reach Proofpoint Essentials at .+ \(ECONNRESET\) after 4 attempts$/,
	new RegExp(`^No answer from Proofpoint Essentials at .+ within ${REQUEST_TIMEOUT_MS} ms after 4 attempts$`),
	/^Proofpoint Essentials at .+ sent a response that is not valid JSON after 4 attempts$/,
	/^Proofpoint Essentials at .+ answered a change with an empty 200 response after 4 attempts$/,
];

function endUsersOf(tenant) {
	return tenant.orgs[DOMAIN].users.filter((user) => user.type === 'end_user');
}

function oddCase(random, email) {
	if (!random.chance(0.15)) return email;
	return ` ${email.toUpperCase()} `;
}

/**
 * An HR export for the tenant: LEFT end users terminated, ABSENT end users missing, the rest
 * active (some by an alias, some in odd case, some twice), re-hires with an old terminated
 * record, admins, people Proofpoint does not know and blank rows. Returns the items and the plan
 * the node should make.
 */
function hrExport(tenant, seed) {
	const random = createRandom(seed);
	const [left, absent, active] = (() => {
		const shuffled = random.shuffle(endUsersOf(tenant));
		return [shuffled.slice(0, LEFT), shuffled.slice(LEFT, LEFT + ABSENT), shuffled.slice(LEFT + ABSENT)];
	})();
	const record = (email, status) => ({ json: { email: oddCase(random, email), status } });
	const anyEmail = (user) => (user.alias_emails.length && random.chance(0.5) ? user.alias_emails[0] : user.primary_email);

	const items = [];
	for (const user of active) {
		items.push(record(anyEmail(user), random.pick(['Active', 'active', 'On Leave'])));
		if (random.chance(0.02)) items.push(record(user.primary_email, 'active'));
		if (random.chance(0.02)) items.push(record(user.primary_email, 'Terminated'));
	}
	for (const user of left) items.push(record(anyEmail(user), random.pick(['terminated', 'Terminated'])));
	for (const user of tenant.orgs[DOMAIN].users.filter((user) => user.type === 'organization_admin')) {
		items.push(record(user.primary_email, 'active'));
	}
	for (let index = 0; index < 20; index++) items.push(record(`new.hire${index}@${DOMAIN}`, 'active'));
	for (let index = 0; index < 5; index++) items.push({ json: { name: `Row without an email ${index}` } });

	const plan = new Map([
		...left.map((user) => [user.primary_email, 'left: terminated']),
		...absent.map((user) => [user.primary_email, 'not in HR']),
	]);
	return { items: random.shuffle(items), plan };
}

const markParameters = (overrides = {}) => ({
	resource: 'user',
	operation: 'markFunctionalAccounts',
	domain: DOMAIN,
	emailField: 'email',
	statusField: 'status',
	leftStatuses: 'terminated',
	userTypes: ['end_user'],
	dryRun: false,
	output: 'perUser',
	// Guards off: the plan is meant to change 30% of the users. Concurrency stays at its default.
	options: { minMatchShare: 0, maxChanges: 0, maxChangeShare: 0, requestTimeout: REQUEST_TIMEOUT_MS },
	...overrides,
});

const snapshot = (tenant) => structuredClone(tenant.orgs);
const usersByEmail = (orgs) => new Map(orgs[DOMAIN].users.map((user) => [user.primary_email, user]));
const isFunctional = (sb, email) => sb.getUser(DOMAIN, email).type === 'functional_account';

/** Every difference between two snapshots that is not a planned user becoming a functional account. */
function unplannedChanges(before, after, plan) {
	const problems = [];
	const afterUsers = usersByEmail(after);
	for (const [email, user] of usersByEmail(before)) {
		const now = afterUsers.get(email);
		const expected = plan.has(email) && now?.type === 'functional_account' ? { ...user, type: 'functional_account' } : user;
		if (JSON.stringify(now) !== JSON.stringify(expected)) problems.push(`${email}: ${JSON.stringify(user)} → ${JSON.stringify(now)}`);
	}
	if (afterUsers.size !== usersByEmail(before).size) problems.push('the number of users changed');
	for (const domain of Object.keys(before)) {
		// active_users is the billed count: it follows the users that stopped being billed.
		const { active_users: _before, ...org } = before[domain].org;
		const { active_users: _after, ...orgAfter } = after[domain].org;
		if (JSON.stringify(org) !== JSON.stringify(orgAfter)) problems.push(`organization ${domain} changed`);
		if (domain !== DOMAIN && JSON.stringify(before[domain]) !== JSON.stringify(after[domain])) problems.push(`${domain} changed`);
	}
	return problems;
}

/** Waits until the sandbox has answered every 'slow' request: those may still apply a change. */
async function settleSlowRequests(sb) {
	const deadline = Date.now() + SLOW_MS + 2000;
	while (sb.requests.some((request) => request.fault === 'slow' && request.status === null) && Date.now() < deadline) {
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
}

const exactly = (path) => new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
const userPath = (email) => `/orgs/${DOMAIN}/users/${email}`;

/**
 * Seeded faults for the list request and each planned user's PUT: every attempt fails with
 * probability FAULT_RATE, in a mode drawn from all of them, until one gets through or the node
 * runs out of attempts (as the sandbox's own `faults.rate` draws them). They are queued for each
 * request's path, so they land on the same requests whatever order 8 concurrent updates take.
 */
function queueFaults(sb, emails, seed) {
	const random = createRandom(seed);
	const draw = () => {
		const modes = [];
		while (modes.length < MAX_ATTEMPTS && random.next() < FAULT_RATE) modes.push(random.pick(FAULT_MODES));
		return modes;
	};
	const list = draw();
	const users = new Map(emails.map((email) => [email, draw()]));
	for (const mode of list) sb.failNext({ method: 'GET', path: exactly(`/orgs/${DOMAIN}/users`), mode });
	for (const [email, modes] of users) {
		for (const mode of modes) sb.failNext({ method: 'PUT', path: exactly(userPath(email)), mode });
	}
	return { list, users };
}

const faultCounts = (requests) =>
	requests.reduce((counts, { fault }) => (fault ? { ...counts, [fault]: (counts[fault] ?? 0) + 1 } : counts), {});

describe('Mark Functional Accounts on 1,000 end users with 20% of requests faulted', () => {
	const tenant = generateTenant(TENANT);
	const endUsers = endUsersOf(tenant).length;
	const { items: hr, plan } = hrExport(tenant, HR_SEED);
	const before = snapshot(tenant);
	let sb;
	let faults;
	const run = () => runNode({ parameters: markParameters(), input: hr, credentials: sandboxCredentials(sb) });

	beforeAll(async () => {
		sb = await startSandbox({ tenant, retryAfterSeconds: 0, slowMs: SLOW_MS });
		faults = queueFaults(sb, [...plan.keys()], FAULT_SEED);
	});
	afterAll(async () => {
		await sb.close();
	});

	const figures = {};
	afterAll(() => {
		if (process.env.RELIABILITY_FIGURES) realProcess.stdout.write(`functional-accounts figures ${JSON.stringify(figures)}\n`);
	});

	test('the tenant, the HR export and the faults are what the story needs', () => {
		expect(endUsers).toBe(1000);
		expect(plan.size).toBe(LEFT + ABSENT);
		expect(hr.length).toBeGreaterThan(900);
		const all = [faults.list, ...faults.users.values()].flat();
		expect(new Set(all)).toEqual(new Set(FAULT_MODES));
		const attempts = faults.list.length + 1 + [...faults.users.values()].reduce((sum, modes) => sum + Math.min(modes.length + 1, MAX_ATTEMPTS), 0);
		expect(all.length / attempts).toBeCloseTo(FAULT_RATE, 1);
	});

	let exhausted;
	test('the faulted run reports every planned user as updated or failed with its error, and changes nobody else', async () => {
		const first = await run();
		await settleSlowRequests(sb);

		expect(first.status).toBe('success');
		const reported = first.items.map((item) => item.json);
		expect(reported.map((user) => user.email).sort()).toEqual([...plan.keys()].sort());
		// A user fails only when all 4 of its attempts were faulted.
		exhausted = [...faults.users].filter(([, modes]) => modes.length === MAX_ATTEMPTS).map(([email]) => email);
		expect(reported.filter((user) => user.status === 'failed').map((user) => user.email).sort()).toEqual([...exhausted].sort());
		for (const user of reported) {
			expect(user).toMatchObject({ reason: plan.get(user.email), previousType: 'end_user', newType: 'functional_account' });
			if (user.status === 'updated') {
				// Nothing lost: a user reported updated is a functional account.
				expect({ email: user.email, functional: isFunctional(sb, user.email) }).toEqual({ email: user.email, functional: true });
			} else {
				expect(user.status).toBe('failed');
				expect(FAILURE_MESSAGES.filter((message) => message.test(user.error))).toHaveLength(1);
			}
		}
		expect(unplannedChanges(before, snapshot(tenant), plan)).toEqual([]);

		const injected = faultCounts(sb.requests);
		expect(Object.values(injected).reduce((sum, count) => sum + count, 0)).toBe([faults.list, ...faults.users.values()].flat().length);
		Object.assign(figures, {
			users: tenant.orgs[DOMAIN].users.length,
			endUsers,
			hrItems: hr.length,
			planned: plan.size,
			firstRun: {
				requests: sb.requests.length,
				faults: Object.values(injected).reduce((sum, count) => sum + count, 0),
				faultsByMode: injected,
				listAttempts: faults.list.length + 1,
				updated: reported.length - exhausted.length,
				failed: exhausted.length,
				// A 'slow' PUT the client gave up on, which the server applied afterwards.
				failedButApplied: exhausted.filter((email) => isFunctional(sb, email)).length,
			},
		});
		sb.clearRequests();
	}, 60000);

	test('a second run without faults finishes exactly the users that are left', async () => {
		const remaining = [...plan.keys()].filter((email) => !isFunctional(sb, email));
		expect(remaining.length).toBeGreaterThan(0);
		// The user whose timed-out PUT landed late is already done: it is not planned again.
		expect(remaining.length).toBeLessThan(exhausted.length);

		const second = await run();

		expect(second.status).toBe('success');
		expect(second.items.map((item) => item.json.email).sort()).toEqual(remaining.sort());
		expect(second.items.every((item) => item.json.status === 'updated')).toBe(true);
		expect(sb.requests).toHaveLength(1 + remaining.length);
		expect([...plan.keys()].filter((email) => !isFunctional(sb, email))).toEqual([]);
		expect(unplannedChanges(before, snapshot(tenant), plan)).toEqual([]);
		figures.secondRun = { requests: sb.requests.length, updated: second.items.length };
		sb.clearRequests();
	}, 30000);

	test('a third run plans nothing and only lists the users', async () => {
		const third = await run();

		expect(third.status).toBe('success');
		expect(third.items).toEqual([]);
		expect(sb.requests.map((request) => `${request.method} ${request.path}`)).toEqual([`GET /orgs/${DOMAIN}/users`]);
		figures.thirdRun = { requests: sb.requests.length };
		figures.converged = [...plan.keys()].filter((email) => isFunctional(sb, email)).length;
	});
});

describe('when the list request itself faults', () => {
	let tenant;
	let hr;
	let sb;
	beforeEach(async () => {
		tenant = generateTenant(TENANT);
		hr = hrExport(tenant, HR_SEED).items;
		sb = await startSandbox({ tenant, retryAfterSeconds: 0, slowMs: SLOW_MS });
	});
	afterEach(async () => {
		await sb.close();
	});
	const run = (overrides) => runNode({ parameters: markParameters(overrides), input: hr, credentials: sandboxCredentials(sb) });

	test.each([['503'], ['reset'], ['slow'], ['malformed-json'], ['html'], ['429']])(
		"one '%s' on the list is retried and the plan comes out whole",
		async (mode) => {
			sb.failNext({ method: 'GET', mode });
			const result = await run({ dryRun: true, output: 'summary' });

			expect(result.status).toBe('success');
			expect(result.items[0].json.planned).toBe(LEFT + ABSENT);
			expect(sb.requests.map((request) => request.fault)).toEqual([mode, null]);
		},
		15000,
	);

	test.each([
		['503', 4, /^Proofpoint Essentials had a server error \(503\) after 4 attempts$/],
		['reset', 4, /^Could not reach Proofpoint Essentials at .+ \(ECONNRESET\) after 4 attempts$/],
		['empty', 1, /^Proofpoint Essentials sent an unexpected response: no "users" list in the answer$/],
	])("a lasting '%s' on the list stops the run with a clear error, and nothing changes", async (mode, requests, message) => {
		const before = snapshot(tenant);
		sb.failNext({ method: 'GET', mode, count: 4 });
		const result = await run();

		expect(result.status).toBe('error');
		expect(result.error.name).toBe('NodeApiError');
		expect(result.error.message).toMatch(message);
		expect(result.error.description.length).toBeGreaterThan(20);
		expect(sb.requests.map((request) => request.method)).toEqual(Array(requests).fill('GET'));
		expect(snapshot(tenant)).toEqual(before);
	}, 15000);
});
