const { simplifyTopClicker, simplifyVap } = require('../../dist/nodes/Proofpoint/helpers/people');

// Shapes from docs/api-facts.md#tap-people-api (XSOAR test data for VAP; the documented top-clickers example).
const VERY_ATTACKED_PERSON = {
	identity: {
		guid: '88e36bf359-99e8-7e53-f58a-6df8b430be6d',
		customerUserId: null,
		emails: ['x@x.com', 'x.alias@x.com'],
		name: null,
		department: 'Finance',
		location: null,
		title: null,
		vip: false,
	},
	threatStatistics: {
		attackIndex: 1805,
		families: [
			{ name: 'malspam', score: 1 },
			{ name: 'malware', score: 155 },
			{ name: 'credential phishing', score: 700 },
		],
	},
};

// Top clickers may leave empty identity fields out instead of sending null.
const TOP_CLICKER = {
	identity: { guid: '9de5069c-5afe-602b-2ea0-a04b66beb2c0', emails: ['user@example.com'], vip: true },
	clickStatistics: { clickCount: 28, families: [{ name: 'Malware', clicks: 20 }, { name: 'MalSpam', clicks: 8 }] },
};

describe('simplifyVap', () => {
	test('flattens a very attacked person into one item', () => {
		expect(simplifyVap(VERY_ATTACKED_PERSON)).toEqual({
			email: 'x@x.com',
			emails: ['x@x.com', 'x.alias@x.com'],
			name: null,
			department: 'Finance',
			location: null,
			title: null,
			vip: false,
			guid: '88e36bf359-99e8-7e53-f58a-6df8b430be6d',
			customerUserId: null,
			attackIndex: 1805,
			families: { malspam: 1, malware: 155, 'credential phishing': 700 },
		});
	});

	test('survives a person with no identity fields and no statistics', () => {
		expect(simplifyVap({ identity: {} })).toEqual({
			email: null,
			emails: [],
			name: null,
			department: null,
			location: null,
			title: null,
			vip: false,
			guid: null,
			customerUserId: null,
			attackIndex: null,
			families: {},
		});
	});

	test('skips family entries without a name', () => {
		const person = { identity: {}, threatStatistics: { attackIndex: 5, families: [{ score: 3 }, null, { name: 'spam', score: 2 }] } };
		expect(simplifyVap(person).families).toEqual({ spam: 2 });
	});
});

describe('simplifyTopClicker', () => {
	test('flattens a top clicker, reading absent identity fields as null', () => {
		expect(simplifyTopClicker(TOP_CLICKER)).toEqual({
			email: 'user@example.com',
			emails: ['user@example.com'],
			name: null,
			department: null,
			location: null,
			title: null,
			vip: true,
			guid: '9de5069c-5afe-602b-2ea0-a04b66beb2c0',
			customerUserId: null,
			clickCount: 28,
			families: { Malware: 20, MalSpam: 8 },
		});
	});

	test('takes click families by their "clicks", not a "score"', () => {
		const clicker = { identity: { emails: ['a@example.com'] }, clickStatistics: { clickCount: 3, families: [{ name: 'Phish', score: 99, clicks: 3 }] } };
		expect(simplifyTopClicker(clicker).families).toEqual({ Phish: 3 });
	});

	test('reads vip as true only when the API says true', () => {
		expect(simplifyTopClicker({ identity: { vip: 'true' } }).vip).toBe(false);
	});
});
