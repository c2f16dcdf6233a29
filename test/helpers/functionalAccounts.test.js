const {
	DEFAULT_GUARD,
	DEFAULT_LEFT_STATUSES,
	DEFAULT_USER_TYPES,
	checkGuard,
	compileExclusions,
	isUsableEmail,
	matchesExclusion,
	planFunctionalAccounts,
	readField,
	readHrRecords,
	resolveGuard,
	userEmails,
} = require('../../dist/nodes/Proofpoint/helpers/functionalAccounts');

// Guards off, so each story sees only the rule it is about.
const NO_GUARD = { minMatchShare: 0, maxChanges: 0, maxChangeShare: 0 };

let nextUid = 1000;
function user(primary_email, extra = {}) {
	return { uid: nextUid++, primary_email, type: 'end_user', is_active: true, ...extra };
}
function hr(...rows) {
	return rows.map(([email, status]) => ({ json: status === undefined ? { email } : { email, status } }));
}
function plan(hrItems, users, options = {}) {
	const { records } = readHrRecords(hrItems, { emailField: 'email', statusField: 'status' });
	return planFunctionalAccounts(records, users, { guard: NO_GUARD, ...options });
}
function deepFreeze(value) {
	if (value && typeof value === 'object') {
		Object.values(value).forEach(deepFreeze);
		Object.freeze(value);
	}
	return value;
}

describe('readHrRecords', () => {
	test('trims and lower-cases emails and statuses and keeps the item index', () => {
		const result = readHrRecords(
			[{ json: { email: '  Alice@Example.COM ', status: ' Terminated ' } }, { json: { email: 'bob@example.com' } }],
			{ emailField: 'email', statusField: 'status' },
		);
		expect(result).toEqual({
			records: [
				{ email: 'alice@example.com', status: 'terminated', itemIndex: 0 },
				{ email: 'bob@example.com', status: '', itemIndex: 1 },
			],
			blank: [],
		});
	});

	test('ignores blank HR emails and counts them', () => {
		const items = [
			{ json: { email: 'alice@example.com' } },
			{ json: { email: '' } },
			{ json: { email: '   ' } },
			{ json: {} },
			{ json: { email: null } },
			{ json: { email: 'n/a' } },
			{ json: { email: 'carol@example.com' } },
		];
		const { records, blank } = readHrRecords(items, { emailField: 'email' });
		expect(records.map((r) => r.email)).toEqual(['alice@example.com', 'carol@example.com']);
		expect(blank).toEqual([1, 2, 3, 4, 5]);
	});

	test('treats number and object emails as blank', () => {
		const items = [
			{ json: { email: 12345 } },
			{ json: { email: { address: 'alice@example.com' } } },
			{ json: { email: ['alice@example.com'] } },
			{ json: { email: true } },
			{ json: { email: 'dave@example.com' } },
		];
		const { records, blank } = readHrRecords(items, { emailField: 'email' });
		expect(blank).toEqual([0, 1, 2, 3]);
		expect(records).toEqual([{ email: 'dave@example.com', status: '', itemIndex: 4 }]);
	});

	test('reads dotted email and status field paths', () => {
		const items = [
			{ json: { work: { email: 'Alice@example.com', hr: { status: 'TERMINATED' } } } },
			{ json: { work: 'not an object' } },
			{ json: { 'work.email': 'flat@example.com' } },
		];
		const { records, blank } = readHrRecords(items, { emailField: 'work.email', statusField: 'work.hr.status' });
		expect(records).toEqual([
			{ email: 'alice@example.com', status: 'terminated', itemIndex: 0 },
			{ email: 'flat@example.com', status: '', itemIndex: 2 },
		]);
		expect(blank).toEqual([1]);
	});

	test('status is empty without a status field, and numbers become text', () => {
		const items = [{ json: { email: 'a@example.com', status: 3 } }];
		expect(readHrRecords(items, { emailField: 'email' }).records[0].status).toBe('');
		expect(readHrRecords(items, { emailField: 'email', statusField: 'status' }).records[0].status).toBe('3');
	});

	test('does not change the input items', () => {
		const items = deepFreeze([{ json: { email: ' A@Example.com ', status: 'Active' } }]);
		expect(() => readHrRecords(items, { emailField: 'email', statusField: 'status' })).not.toThrow();
		expect(items[0].json.email).toBe(' A@Example.com ');
	});
});

describe('small pieces', () => {
	test('readField does not walk into inherited properties', () => {
		expect(readField({}, 'constructor')).toBeUndefined();
		expect(readField({ a: {} }, 'a.toString')).toBeUndefined();
		expect(readField({ a: { b: 'x' } }, 'a.b')).toBe('x');
	});

	test('isUsableEmail wants one @ with text on both sides', () => {
		expect(isUsableEmail('a@example.com')).toBe(true);
		expect(isUsableEmail('a@')).toBe(false);
		expect(isUsableEmail('@example.com')).toBe(false);
		expect(isUsableEmail('a b@example.com')).toBe(false);
		expect(isUsableEmail('a@b@example.com')).toBe(false);
	});

	test('userEmails lists primary and aliases once, normalised', () => {
		expect(userEmails({ primary_email: ' Bob@Example.com', alias_emails: ['bob@example.com', 'Robert@example.com', ''] })).toEqual([
			'bob@example.com',
			'robert@example.com',
		]);
		expect(userEmails({ primary_email: 'x@example.com', alias_emails: 'not-a-list' })).toEqual(['x@example.com']);
	});

	test('matchesExclusion matches emails and *@domain exactly, case-insensitively', () => {
		const exclusions = ['Shared@Example.com', '*@Service.Example.com'];
		expect(matchesExclusion(['shared@example.com'], exclusions)).toBe(true);
		expect(matchesExclusion(['bob@example.com', 'SHARED@example.com '], exclusions)).toBe(true);
		expect(matchesExclusion(['bot@service.example.com'], exclusions)).toBe(true);
		expect(matchesExclusion(['bot@sub.service.example.com'], exclusions)).toBe(false);
		expect(matchesExclusion(['bot@notservice.example.com'], exclusions)).toBe(false);
		expect(matchesExclusion(['bob@example.com'], exclusions)).toBe(false);
		expect(matchesExclusion(['bob@example.com'], [])).toBe(false);
	});

	test('compileExclusions reports entries that would match nothing', () => {
		const compiled = compileExclusions(['a@example.com', '*@example.org', '', '*.example.net', 'nobody']);
		expect([...compiled.emails]).toEqual(['a@example.com']);
		expect([...compiled.domains]).toEqual(['example.org']);
		expect(compiled.invalid).toEqual(['*.example.net', 'nobody']);
		expect(matchesExclusion(['x@example.org'], compiled)).toBe(true);
	});

	test('resolveGuard fills defaults and rejects values out of range', () => {
		expect(resolveGuard()).toEqual(DEFAULT_GUARD);
		expect(resolveGuard({ maxChanges: 5, minMatchShare: undefined })).toEqual({ ...DEFAULT_GUARD, maxChanges: 5 });
		expect(() => resolveGuard({ minMatchShare: 1.5 })).toThrow(/Minimum Match Share/);
		expect(() => resolveGuard({ maxChangeShare: -0.1 })).toThrow(/Maximum Change Share/);
		expect(() => resolveGuard({ maxChanges: 2.5 })).toThrow(/Maximum Changes/);
		expect(() => resolveGuard({ maxChanges: Number.NaN })).toThrow(/Maximum Changes/);
	});

	test('defaults protect a real tenant', () => {
		expect(DEFAULT_GUARD).toEqual({ minMatchShare: 0.5, maxChanges: 100, maxChangeShare: 0.1 });
		expect(DEFAULT_LEFT_STATUSES).toEqual(['terminated']);
		expect(DEFAULT_USER_TYPES).toEqual(['end_user']);
	});
});

describe('returning employees', () => {
	const shared = () => user('shared.sales@example.com', { type: 'functional_account', alias_emails: ['sales@example.com'] });
	const leaver = () => user('dana@example.com', { type: 'functional_account' });

	test('a functional account back in HR becomes an end user again, with its own reason and its HR record', () => {
		const dana = leaver();
		const result = plan(hr(['alice@example.com', 'active'], ['dana@example.com', 'active']), [user('alice@example.com'), dana], { restoreReturning: true });

		expect(result.changes).toEqual([
			{ email: 'dana@example.com', uid: dana.uid, reason: 'back in HR', previousType: 'functional_account', newType: 'end_user', sourceItemIndex: 1, wasBillable: false, user: dana },
		]);
		expect(result.figures).toMatchObject({ planned: 1, plannedRestores: 1, billableToFunctional: 0 });
	});

	test('is off by default: without the option nothing is restored', () => {
		const result = plan(hr(['alice@example.com', 'active'], ['dana@example.com', 'active']), [user('alice@example.com'), leaver()]);
		expect(result.changes).toEqual([]);
	});

	test('never touches a shared mailbox (never in HR), a record in a left status, or an excluded one', () => {
		const result = plan(
			hr(['alice@example.com', 'active'], ['dana@example.com', 'terminated'], ['erin@example.com', 'active']),
			[user('alice@example.com'), shared(), leaver(), user('erin@example.com', { type: 'functional_account' })],
			{ restoreReturning: true, exclusions: ['erin@example.com'] },
		);
		expect(result.changes).toEqual([]);
	});

	test('an alias back in HR counts, and the guards count restores as changes', () => {
		const dana = user('dana@example.com', { type: 'functional_account', alias_emails: ['d.smith@example.com'] });
		const result = plan(hr(['alice@example.com', 'active'], ['d.smith@example.com', 'Active']), [user('alice@example.com'), dana], {
			restoreReturning: true,
			guard: { minMatchShare: 0, maxChanges: 0, maxChangeShare: 0.1 },
		});
		expect(result.changes.map((change) => change.reason)).toEqual(['back in HR']);
		expect(result.refusal?.code).toBe('TOO_LARGE_SHARE');
	});

	test('counts the billable users a plan takes out of billing, not the inactive or non-billable ones', () => {
		const users = [user('alice@example.com'), user('bob@example.com'), user('carol@example.com', { is_billable: false }), user('dave@example.com', { is_active: 'false' })];
		const result = plan(hr(['alice@example.com', 'active']), users, { guard: NO_GUARD });
		expect(result.figures).toMatchObject({ planned: 3, billableToFunctional: 1 });
	});
});

describe('planFunctionalAccounts', () => {
	test('marks a terminated employee as a functional account', () => {
		const alice = user('alice@example.com');
		const bob = user('bob@example.com');
		const result = plan(hr(['alice@example.com', 'Active'], ['bob@example.com', 'Terminated']), [alice, bob]);
		expect(result.changes).toEqual([
			{
				email: 'bob@example.com',
				uid: bob.uid,
				reason: 'left: terminated',
				previousType: 'end_user',
				newType: 'functional_account',
				sourceItemIndex: 1,
				wasBillable: true,
				user: bob,
			},
		]);
		expect(result.changes[0].user).toBe(bob);
		expect(result.refusal).toBeUndefined();
	});

	test('marks a user who is not in HR, without a source item', () => {
		const carol = user('carol@example.com');
		const result = plan(hr(['alice@example.com', 'active']), [user('alice@example.com'), carol]);
		expect(result.changes).toHaveLength(1);
		expect(result.changes[0]).toMatchObject({ email: 'carol@example.com', reason: 'not in HR', user: carol });
		expect(result.changes[0].sourceItemIndex).toBeUndefined();
	});

	test('keeps a user whose alias is in HR', () => {
		const bob = user('bob.smith@example.com', { alias_emails: ['old@example.com', 'Bob@Example.com'] });
		const result = plan(hr(['bob@example.com', 'active']), [bob]);
		expect(result.changes).toEqual([]);
		expect(result.figures.matchedInScope).toBe(1);
	});

	test('marks a user whose alias is in HR with a left status', () => {
		const bob = user('bob.smith@example.com', { alias_emails: ['bob@example.com'] });
		const result = plan(hr(['someone@example.com', 'active'], ['bob@example.com', 'terminated']), [bob]);
		expect(result.changes).toHaveLength(1);
		expect(result.changes[0]).toMatchObject({ email: 'bob.smith@example.com', reason: 'left: terminated', sourceItemIndex: 1 });
	});

	test('matches emails case-insensitively and trimmed', () => {
		const alice = user('  Alice@Example.COM ');
		const result = plan(hr([' ALICE@example.com\t', 'Active']), [alice]);
		expect(result.changes).toEqual([]);
		expect(result.figures.matchedInScope).toBe(1);
	});

	test('compares left statuses trimmed and case-insensitively, and accepts several', () => {
		const users = [user('a@example.com'), user('b@example.com'), user('c@example.com')];
		const result = plan(hr(['a@example.com', 'TERMINATED'], ['b@example.com', 'Retired'], ['c@example.com', 'on leave']), users, {
			leftStatuses: [' Terminated ', 'RETIRED'],
		});
		expect(result.changes.map((c) => [c.email, c.reason])).toEqual([
			['a@example.com', 'left: terminated'],
			['b@example.com', 'left: retired'],
		]);
	});

	test('treats a re-hired duplicate as active', () => {
		const alice = user('alice@example.com');
		const result = plan(hr(['alice@example.com', 'terminated'], ['ALICE@example.com', 'active']), [alice]);
		expect(result.changes).toEqual([]);
		expect(result.figures.hrRecords).toBe(2);
		expect(result.figures.hrUniqueEmails).toBe(1);
	});

	test('a duplicate that left twice points at its first record', () => {
		const alice = user('alice@example.com');
		const result = plan(
			hr(['other@example.com', 'active'], ['alice@example.com', 'terminated'], ['alice@example.com', 'retired']),
			[alice],
			{ leftStatuses: ['terminated', 'retired'] },
		);
		expect(result.changes[0]).toMatchObject({ reason: 'left: terminated', sourceItemIndex: 1 });
	});

	test('an empty status is active even when no status field is mapped', () => {
		const alice = user('alice@example.com');
		const { records } = readHrRecords(hr(['alice@example.com', 'terminated']), { emailField: 'email' });
		const result = planFunctionalAccounts(records, [alice], { guard: NO_GUARD, leftStatuses: ['terminated', ''] });
		expect(result.changes).toEqual([]);
	});

	test('never touches excluded users or *@domain patterns', () => {
		const shared = user('Shared@example.com');
		const aliasShared = user('reception@example.com', { alias_emails: ['info@example.com'] });
		const service = user('scanner@Service.example.com');
		const plain = user('gone@example.com');
		const result = plan(hr(['alice@example.com', 'active']), [shared, aliasShared, service, plain], {
			exclusions: ['shared@EXAMPLE.com', 'info@example.com', '*@service.example.com'],
		});
		expect(result.changes.map((c) => c.email)).toEqual(['gone@example.com']);
		expect(result.figures.excludedUsers).toBe(3);
		expect(result.figures.inScopeCandidates).toBe(1);
	});

	test('refuses to plan with an exclusion that would match nothing', () => {
		expect(() => plan(hr(['a@example.com']), [user('a@example.com')], { exclusions: ['*.example.com'] })).toThrow(
			/\*\.example\.com/,
		);
	});

	test('leaves admins alone unless their type is chosen', () => {
		const admin = user('admin@example.com', { type: 'organization_admin' });
		const silent = user('silent@example.com', { type: 'silent_user' });
		const enduser = user('leaver@example.com');
		const hrItems = hr(['alice@example.com', 'active']);

		const byDefault = plan(hrItems, [admin, silent, enduser]);
		expect(byDefault.changes.map((c) => c.email)).toEqual(['leaver@example.com']);
		expect(byDefault.figures.inScopeUsers).toBe(1);

		const chosen = plan(hrItems, [admin, silent, enduser], { userTypes: ['end_user', ' Organization_Admin '] });
		expect(chosen.changes.map((c) => [c.email, c.previousType])).toEqual([
			['admin@example.com', 'organization_admin'],
			['leaver@example.com', 'end_user'],
		]);
		expect(chosen.figures.inScopeUsers).toBe(2);
	});

	test('does not plan users that are already functional accounts', () => {
		const shared = user('shared@example.com', { type: 'functional_account' });
		const result = plan(hr(['alice@example.com', 'active']), [shared, user('alice@example.com')], {
			userTypes: ['end_user', 'functional_account'],
		});
		expect(result.changes).toEqual([]);
		expect(result.figures.alreadyFunctional).toBe(1);
		expect(result.figures.inScopeUsers).toBe(1);
	});

	test('orders changes by email for a stable plan', () => {
		const users = [user('zed@example.com'), user('Amy@example.com'), user('mia@example.com')];
		const result = plan(hr(['keep@example.com']), users);
		expect(result.changes.map((c) => c.email)).toEqual(['Amy@example.com', 'mia@example.com', 'zed@example.com']);
	});

	test('does not change its inputs', () => {
		const users = deepFreeze([user('gone@example.com'), user('alice@example.com', { alias_emails: ['a@example.com'] })]);
		const records = deepFreeze([{ email: 'alice@example.com', status: 'active', itemIndex: 0 }]);
		const options = deepFreeze({ guard: { ...NO_GUARD }, exclusions: [], userTypes: ['end_user'], leftStatuses: ['terminated'] });
		const result = planFunctionalAccounts(records, users, options);
		expect(result.changes.map((c) => c.email)).toEqual(['gone@example.com']);
		expect(users[0].type).toBe('end_user');
	});

	test('reports the figures', () => {
		const users = [
			user('alice@example.com'),
			user('bob@example.com'),
			user('gone@example.com'),
			user('shared@example.com'),
			user('admin@example.com', { type: 'organization_admin' }),
			user('fa@example.com', { type: 'functional_account' }),
		];
		const { records, blank } = readHrRecords(
			[...hr(['alice@example.com', 'active'], ['bob@example.com', 'terminated'], ['bob@example.com', 'terminated']), { json: {} }],
			{ emailField: 'email', statusField: 'status' },
		);
		const result = planFunctionalAccounts(records, users, {
			guard: NO_GUARD,
			exclusions: ['shared@example.com'],
			blankHrRecords: blank.length,
		});
		expect(result.figures).toEqual({
			hrRecords: 3,
			hrUniqueEmails: 2,
			blankHrRecords: 1,
			proofpointUsers: 6,
			inScopeUsers: 4,
			excludedUsers: 1,
			alreadyFunctional: 1,
			inScopeCandidates: 3,
			matchedInScope: 2,
			matchShare: 2 / 3,
			planned: 2,
			plannedShare: 2 / 3,
			plannedRestores: 0,
			billableToFunctional: 2,
		});
	});

	test('a second plan after applying the first plans nothing', () => {
		const users = [user('alice@example.com'), user('bob@example.com'), user('gone@example.com')];
		const hrItems = hr(['alice@example.com', 'active'], ['bob@example.com', 'terminated']);
		const first = plan(hrItems, users);
		expect(first.changes).toHaveLength(2);
		const planned = new Set(first.changes.map((c) => c.uid));
		const applied = users.map((u) => (planned.has(u.uid) ? { ...u, type: 'functional_account' } : u));
		const second = plan(hrItems, applied);
		expect(second.changes).toEqual([]);
		expect(second.figures.alreadyFunctional).toBe(2);
	});

	test('plans a 50,000-user tenant with aliases correctly (speed is measured in bench/)', () => {
		const users = [];
		const items = [];
		for (let i = 0; i < 50000; i++) {
			users.push(user(`user${i}@example.com`, { alias_emails: [`alias${i}@example.com`] }));
			if (i % 10 !== 0) items.push({ json: { email: `USER${i}@example.com`, status: i % 7 === 0 ? 'terminated' : 'active' } });
		}
		const result = plan(items, users);
		expect(result.figures.matchedInScope).toBe(45000);
		// Not in HR: every 10th; left: multiples of 7 that are not multiples of 10.
		const leavers = Math.floor(49999 / 7) + 1 - (Math.floor(49999 / 70) + 1);
		expect(result.figures.planned).toBe(5000 + leavers);
	});
});

describe('the guard', () => {
	const staff = [user('alice@example.com'), user('bob@example.com'), user('carol@example.com'), user('dan@example.com')];

	test('refuses when the HR list is empty', () => {
		const { records, blank } = readHrRecords([{ json: { mail: 'alice@example.com' } }], { emailField: 'email' });
		const result = planFunctionalAccounts(records, staff, { blankHrRecords: blank.length, emailField: 'email' });
		expect(result.refusal).toMatchObject({ code: 'EMPTY_HR_LIST' });
		expect(result.refusal.message).toMatch(/1 input items had no usable email/);
		expect(result.refusal.hint).toMatch(/"email"/);
		// Even with every other check off, an empty list is refused.
		expect(planFunctionalAccounts([], staff, { guard: NO_GUARD }).refusal.code).toBe('EMPTY_HR_LIST');
	});

	test('refuses when too few Proofpoint users match (wrong field mapping)', () => {
		// The HR export's personal emails were mapped instead of the work emails.
		const personal = hr(['alice.private@gmail.com', 'active'], ['bob1980@yahoo.com', 'active'], ['dan@example.com', 'active']);
		const result = plan(personal, staff, { guard: { ...NO_GUARD, minMatchShare: 0.5 }, emailField: 'personalEmail' });
		expect(result.refusal.code).toBe('LOW_MATCH_SHARE');
		expect(result.refusal.message).toMatch(/Only 1 of 4 .*\(25%\).*minimum is 50%/);
		expect(result.refusal.hint).toMatch(/"personalEmail"/);
		expect(result.refusal.hint).toMatch(/Minimum Match Share/);
		// The plan is still there to review.
		expect(result.changes).toHaveLength(3);

		expect(plan(personal, staff, { guard: { ...NO_GUARD, minMatchShare: 0.25 } }).refusal).toBeUndefined();
		expect(plan(personal, staff, { guard: NO_GUARD }).refusal).toBeUndefined();
	});

	test('does not check the match share when nobody is in scope', () => {
		const admins = [user('admin@example.com', { type: 'organization_admin' })];
		const result = plan(hr(['alice@example.com']), admins, { guard: { ...NO_GUARD, minMatchShare: 1 } });
		expect(result.refusal).toBeUndefined();
		expect(result.figures).toMatchObject({ inScopeCandidates: 0, matchShare: 0, plannedShare: 0 });
	});

	test('refuses above maxChanges / maxChangeShare and lets a higher limit through', () => {
		const hrItems = hr(['alice@example.com', 'active'], ['bob@example.com', 'terminated']);
		// bob (left) and carol, dan (not in HR): 3 of 4 planned.

		const tooMany = plan(hrItems, staff, { guard: { ...NO_GUARD, maxChanges: 2 } });
		expect(tooMany.refusal.code).toBe('TOO_MANY_CHANGES');
		expect(tooMany.refusal.message).toMatch(/3 users .* limit is 2/);
		expect(tooMany.refusal.hint).toMatch(/Maximum Changes to at least 3/);
		expect(plan(hrItems, staff, { guard: { ...NO_GUARD, maxChanges: 3 } }).refusal).toBeUndefined();

		const tooLarge = plan(hrItems, staff, { guard: { ...NO_GUARD, maxChangeShare: 0.5 } });
		expect(tooLarge.refusal.code).toBe('TOO_LARGE_SHARE');
		expect(tooLarge.refusal.message).toMatch(/3 of 4 .*\(75%\).*limit is 50%/);
		expect(tooLarge.refusal.hint).toMatch(/Maximum Change Share to at least 0.75/);
		expect(plan(hrItems, staff, { guard: { ...NO_GUARD, maxChangeShare: 0.75 } }).refusal).toBeUndefined();
	});

	test('checks in order: empty list, match share, change count, change share', () => {
		const strict = { minMatchShare: 0.9, maxChanges: 1, maxChangeShare: 0.1 };
		const hrItems = hr(['alice@example.com', 'active'], ['bob@example.com', 'terminated']);
		expect(plan([], staff, { guard: strict }).refusal.code).toBe('EMPTY_HR_LIST');
		expect(plan(hrItems, staff, { guard: strict }).refusal.code).toBe('LOW_MATCH_SHARE');
		expect(plan(hrItems, staff, { guard: { ...strict, minMatchShare: 0 } }).refusal.code).toBe('TOO_MANY_CHANGES');
		expect(plan(hrItems, staff, { guard: { ...strict, minMatchShare: 0, maxChanges: 0 } }).refusal.code).toBe('TOO_LARGE_SHARE');
	});

	test('uses DEFAULT_GUARD when no guard is given', () => {
		const users = [];
		const items = [];
		for (let i = 0; i < 20; i++) {
			users.push(user(`u${i}@example.com`));
			items.push({ json: { email: `u${i}@example.com`, status: i < 3 ? 'terminated' : 'active' } });
		}
		const { records } = readHrRecords(items, { emailField: 'email', statusField: 'status' });
		// 3 of 20 = 15% > the default 10%.
		expect(planFunctionalAccounts(records, users).refusal.code).toBe('TOO_LARGE_SHARE');
		expect(planFunctionalAccounts(records.slice(1), users.slice(1)).refusal.code).toBe('TOO_LARGE_SHARE');
		// u2 re-hired: 2 of 20 = exactly 10%, allowed.
		const rehired = records.concat([{ email: 'u2@example.com', status: 'active', itemIndex: 20 }]);
		expect(planFunctionalAccounts(rehired, users).refusal).toBeUndefined();
	});

	test('checkGuard is usable on its own figures', () => {
		const figures = { hrUniqueEmails: 5, inScopeCandidates: 10, matchedInScope: 9, matchShare: 0.9, planned: 1, plannedShare: 0.1 };
		expect(checkGuard(figures, DEFAULT_GUARD)).toBeUndefined();
		expect(checkGuard({ ...figures, planned: 101, plannedShare: 0.05 }, DEFAULT_GUARD).code).toBe('TOO_MANY_CHANGES');
	});
});
