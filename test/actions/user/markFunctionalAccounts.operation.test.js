const { useSandbox, seen } = require('../../support');

// The acme.example end users in the demo tenant, as an HR system would list them.
const hrRoster = () => [
	{ json: { email: ' Alice@ACME.example ', status: 'Active' } }, // an alias of alice.nguyen, odd case and spaces
	{ json: { email: 'bob.smith@acme.example', status: 'Terminated' } },
	{ json: { email: 'carol.jones@acme.example', status: 'active' } },
	{ json: { email: 'dave.lee@acme.example', status: 'active' } },
	{ json: { email: 'frank.miller@acme-corp.example', status: 'active' } },
	{ json: { email: 'grace@acme.co.uk', status: 'active' } }, // alias of grace.hall
	{ json: { email: 'info@acme.example', status: 'active' } },
];
// erin.white@acme.example is in Proofpoint but not in HR; bob has left.

const markParameters = (overrides = {}) => ({
	resource: 'user',
	operation: 'markFunctionalAccounts',
	domain: 'acme.example',
	emailField: 'email',
	statusField: 'status',
	leftStatuses: 'terminated',
	userTypes: ['end_user'],
	exclusions: '',
	dryRun: true,
	output: 'perUser',
	options: { maxChangeShare: 0.5 },
	...overrides,
});

const byEmail = (items) => Object.fromEntries(items.map((item) => [item.json.email, item]));

describe('dry run and apply on the demo tenant', () => {
	const { run, sb } = useSandbox({ retryAfterSeconds: 0 });

	test('a dry run plans the leaver and the mailbox nobody owns, and changes nothing', async () => {
		const result = await run(markParameters(), { input: hrRoster() });

		expect(result.status).toBe('success');
		const plan = byEmail(result.items);
		expect(Object.keys(plan).sort()).toEqual(['bob.smith@acme.example', 'erin.white@acme.example']);
		expect(plan['bob.smith@acme.example'].json).toMatchObject({
			reason: 'left: terminated',
			previousType: 'end_user',
			newType: 'functional_account',
			status: 'planned',
		});
		expect(plan['bob.smith@acme.example'].pairedItem).toEqual({ item: 1 });
		expect(plan['erin.white@acme.example'].json.reason).toBe('not in HR');
		expect(plan['erin.white@acme.example'].pairedItem).toEqual({ item: 0 });
		expect(seen(sb())).toEqual(['GET /orgs/acme.example/users']);
		expect(sb().getUser('acme.example', 'bob.smith@acme.example').type).toBe('end_user');
	});

	test('applying sends one PUT per planned user with the full user object, then a re-run plans nothing', async () => {
		const before = sb().getUser('acme.example', 'bob.smith@acme.example');
		const applied = await run(markParameters({ dryRun: false }), { input: hrRoster() });

		expect(applied.status).toBe('success');
		expect(applied.items.map((item) => item.json.status)).toEqual(['updated', 'updated']);
		expect(seen(sb()).sort()).toEqual([
			'GET /orgs/acme.example/users',
			'PUT /orgs/acme.example/users/bob.smith@acme.example',
			'PUT /orgs/acme.example/users/erin.white@acme.example',
		]);
		const bobPut = sb().requests.find((request) => request.path.endsWith('bob.smith@acme.example'));
		expect(bobPut.body).toMatchObject({
			uid: before.uid,
			primary_email: 'bob.smith@acme.example',
			alias_emails: ['robert.smith@acme.example'],
			type: 'functional_account',
		});
		expect(sb().getUser('acme.example', 'bob.smith@acme.example').type).toBe('functional_account');
		expect(sb().getUser('acme.example', 'erin.white@acme.example').type).toBe('functional_account');
		expect(sb().getUser('acme.example', 'carol.jones@acme.example').type).toBe('end_user');

		sb().clearRequests();
		const again = await run(markParameters({ dryRun: false }), { input: hrRoster() });
		expect(again.status).toBe('success');
		expect(again.items).toEqual([]);
		expect(seen(sb())).toEqual(['GET /orgs/acme.example/users']);
	});
});

describe('guards that protect a real tenant', () => {
	const { run, sb } = useSandbox();

	test('refuses an HR list without usable emails before any request', async () => {
		const result = await run(markParameters({ dryRun: false }), {
			input: [{ json: { mail: 'alice@acme.example' } }, { json: { email: '' } }],
		});

		expect(result.status).toBe('error');
		expect(result.error.message).toMatch(/no usable emails/);
		expect(result.error.message).toMatch(/2 input items/);
		expect(result.error.description).toMatch(/HR Email Field/);
		expect(sb().requests).toEqual([]);
	});

	test('refuses when almost nobody in Proofpoint is in the HR list (a wrong mapping or the wrong export)', async () => {
		const otherCompany = [{ json: { email: 'someone@globex.example', status: 'active' } }];
		const result = await run(markParameters({ dryRun: false }), { input: otherCompany });

		expect(result.status).toBe('error');
		expect(result.error.message).toMatch(/0 of 8/);
		expect(result.error.description).toMatch(/Minimum Match Share/);
		expect(seen(sb())).toEqual(['GET /orgs/acme.example/users']);
		expect(sb().getUser('acme.example', 'carol.jones@acme.example').type).toBe('end_user');
	});

	test('the default limits refuse a plan that would change a quarter of the users, and say how to override', async () => {
		const result = await run(markParameters({ dryRun: false, options: {} }), { input: hrRoster() });

		expect(result.status).toBe('error');
		expect(result.error.message).toMatch(/2 of 8/);
		expect(result.error.description).toMatch(/Maximum Change Share/);
		expect(seen(sb())).toEqual(['GET /orgs/acme.example/users']);
	});

	test('never touches excluded users or admins, and leaves functional accounts alone', async () => {
		const onlyCarol = [{ json: { email: 'carol.jones@acme.example' } }];
		const result = await run(
			markParameters({
				statusField: '',
				exclusions: 'erin.white@acme.example, *@acme-corp.example',
				options: { maxChangeShare: 0, maxChanges: 0, minMatchShare: 0 },
			}),
			{ input: onlyCarol },
		);

		expect(result.status).toBe('success');
		const planned = result.items.map((item) => item.json.email).sort();
		// alice is excluded through her alias a.nguyen@acme-corp.example, frank through his address.
		expect(planned).toEqual([
			'bob.smith@acme.example',
			'dave.lee@acme.example',
			'grace.hall@acme.co.uk',
			'info@acme.example',
		]);
		expect(planned).not.toContain('admin@acme.example');
		expect(planned).not.toContain('shared.sales@acme.example');
	});

	test('includes admins only when their type is chosen', async () => {
		const result = await run(
			markParameters({ userTypes: ['organization_admin'], options: { maxChangeShare: 0, minMatchShare: 0 } }),
			{ input: hrRoster() },
		);

		expect(result.status).toBe('success');
		expect(result.items.map((item) => item.json.email).sort()).toEqual([
			'admin@acme.example',
			'readonly@acme.example',
		]);
	});
});

describe('per-user results and the summary', () => {
	const { run, sb } = useSandbox({ retryAfterSeconds: 0 });

	test('one user that keeps failing is reported failed and does not hide the other', async () => {
		sb().failNext({ method: 'PUT', path: 'bob.smith@acme.example', mode: '429-retry-after', count: 4 });
		const result = await run(markParameters({ dryRun: false }), { input: hrRoster() });

		expect(result.status).toBe('success');
		const outcome = byEmail(result.items);
		expect(outcome['bob.smith@acme.example'].json.status).toBe('failed');
		expect(outcome['bob.smith@acme.example'].json.error).toMatch(/429/);
		expect(outcome['erin.white@acme.example'].json.status).toBe('updated');
		expect(sb().getUser('acme.example', 'bob.smith@acme.example').type).toBe('end_user');
		expect(sb().getUser('acme.example', 'erin.white@acme.example').type).toBe('functional_account');
	});

	test('the second run finishes the rest and reports it in one summary item', async () => {
		sb().clearRequests();
		const result = await run(markParameters({ dryRun: false, output: 'summary' }), { input: hrRoster() });

		expect(result.status).toBe('success');
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toMatchObject({
			domain: 'acme.example',
			dryRun: false,
			planned: 1,
			updated: 1,
			failed: 0,
			updatedEmails: ['bob.smith@acme.example'],
		});
		// erin became a functional account in the first run, so 7 end users remain in scope.
		expect(result.items[0].json.figures).toMatchObject({ inScopeUsers: 7, alreadyFunctional: 2 });
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
		expect(seen(sb())).toEqual(['GET /orgs/acme.example/users', 'PUT /orgs/acme.example/users/bob.smith@acme.example']);
	});
});

describe('returning employees and licences freed', () => {
	const { run, sb } = useSandbox({ retryAfterSeconds: 0 });

	test("the summary states how many billable users the run took out of billing", async () => {
		const result = await run(markParameters({ dryRun: false, output: 'summary' }), { input: hrRoster() });

		// bob.smith is billable; erin.white is inactive, so she was not billed.
		expect(result.items[0].json).toMatchObject({ updated: 2, billableTakenOutOfBilling: 1, restoredToEndUser: 0 });
	});

	test('with Restore Returning Employees, bob back in HR becomes an end user again; the shared mailbox stays', async () => {
		const back = hrRoster().map((item) => (item.json.email === 'bob.smith@acme.example' ? { json: { ...item.json, status: 'Active' } } : item));
		const result = await run(markParameters({ dryRun: false, restoreReturning: true }), { input: back });

		const plan = byEmail(result.items);
		expect(plan['bob.smith@acme.example'].json).toMatchObject({ reason: 'back in HR', previousType: 'functional_account', newType: 'end_user', status: 'updated' });
		expect(plan['bob.smith@acme.example'].pairedItem).toEqual({ item: 1 });
		expect(sb().getUser('acme.example', 'bob.smith@acme.example').type).toBe('end_user');
		expect(sb().getUser('acme.example', 'shared.sales@acme.example').type).toBe('functional_account');
		expect(Object.keys(plan)).toEqual(['bob.smith@acme.example']);
	});

	test('with the option on, a leaver in HR is still planned as one, and nothing not in HR is restored', async () => {
		const result = await run(markParameters({ restoreReturning: true }), { input: hrRoster() });

		expect(result.items.map((item) => [item.json.email, item.json.reason, item.json.status])).toEqual([['bob.smith@acme.example', 'left: terminated', 'planned']]);
		expect(seen(sb())).toEqual(['GET /orgs/acme.example/users']);
	});
});

describe('HR List: emails entered here (a pasted list, a mapped array, or an AI agent)', () => {
	const { run, sb } = useSandbox({ retryAfterSeconds: 0 });
	// Everyone still employed, as someone would paste them; bob has left, erin was never in HR.
	const active = 'alice@acme.example, carol.jones@acme.example\ndave.lee@acme.example, frank.miller@acme-corp.example, grace@acme.co.uk, info@acme.example';
	const listParameters = (overrides = {}) => {
		const { emailField: _e, statusField: _s, leftStatuses: _l, ...rest } = markParameters({ hrSource: 'emails', hrEmails: active, ...overrides });
		return rest;
	};

	test('plans everyone missing from the list from one input item, with the same guards and one request', async () => {
		const result = await run(listParameters({ output: 'summary' }), { input: [{ json: { question: 'who is left?' } }] });

		expect(result.status).toBe('success');
		expect(result.items[0].json).toMatchObject({ dryRun: true, planned: 2, plannedEmails: expect.arrayContaining(['bob.smith@acme.example', 'erin.white@acme.example']) });
		expect(seen(sb())).toEqual(['GET /orgs/acme.example/users']);
	});

	test('takes a list mapped from an expression (an array) as well as text', async () => {
		const result = await run(listParameters({ hrEmails: active.split(/[,\n]\s*/) }), { input: [{ json: {} }] });

		expect(result.status).toBe('success');
		expect(result.items.map((item) => item.json.email).sort()).toEqual(['bob.smith@acme.example', 'erin.white@acme.example']);
	});

	test('an empty list is refused before any request: it would mark every user', async () => {
		const result = await run(listParameters({ hrEmails: ' ' }), { input: [{ json: {} }] });

		expect(result.status).toBe('error');
		expect(result.error.message).toBe('The HR list has no emails: Active Employee Emails is empty');
		expect(result.error.description).toMatch(/Nothing was requested or changed/);
		expect(seen(sb())).toEqual([]);
	});

	test('an entry that is not an email is named, before any request', async () => {
		const result = await run(listParameters({ hrEmails: 'carol.jones@acme.example, not-an-email' }), { input: [{ json: {} }] });

		expect(result.status).toBe('error');
		expect(result.error.message).toMatch(/^Item 0: Active Employee Emails entry .*not-an-email/);
		expect(seen(sb())).toEqual([]);
	});

	test('a short list trips the match-share guard, as a wrong HR export would', async () => {
		const result = await run(listParameters({ hrEmails: 'carol.jones@acme.example' }), { input: [{ json: {} }] });

		expect(result.status).toBe('error');
		expect(result.error.message).toMatch(/^Only 1 of \d+ in-scope Proofpoint users/);
		expect(result.error.description).toMatch(/"Active Employee Emails"/);
		expect(sb().getUser('acme.example', 'bob.smith@acme.example').type).toBe('end_user');
	});
});
