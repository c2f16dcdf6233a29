'use strict';

const { json, text } = require('./http');
const { createRandom } = require('./random');
const { isTrue } = require('./coerce');
const { DAY_MS } = require('./throttle');

const VAP_FAMILIES = ['credential phishing', 'malware', 'malspam', 'impostor', 'phish', 'spam'];
const CLICK_FAMILIES = ['Malware', 'MalSpam', 'Credential Phishing', 'Phish', 'Impostor'];
const DEPARTMENTS = [
	'Finance',
	'Sales',
	'Engineering',
	'Human Resources',
	'Executive Office',
	'Support',
];
const TITLES = [
	'Accountant',
	'Account Executive',
	'Engineer',
	'HR Partner',
	'Director',
	'Support Agent',
];
const LOCATIONS = ['Phoenix', 'London', 'Austin', 'Remote'];
const NAMES = [
	'Sam Reyes',
	'Kim Osei',
	'Lou Martin',
	'Pat Kowalski',
	'Ria Shah',
	'Tom Berg',
	'Una Flynn',
];
// Shorter windows see a share of the 90-day activity.
const WINDOW_SHARE = { 14: 0.3, 30: 0.55, 90: 1 };

/** People the TAP data is about: the active staff of the tenant's first customer org. */
function peopleOfTenant(tenant) {
	const record = Object.values(tenant.orgs).find(
		(candidate) => candidate.org.type === 'organization',
	);
	if (!record) return { domain: 'example.com', known: [] };
	const staff = record.users.filter(
		(user) => isTrue(user.is_active) && ['end_user', 'organization_admin'].includes(user.type),
	);
	const known = staff.slice(0, 200).map((user) => ({
		email: user.primary_email,
		name: `${user.firstname} ${user.surname}`.trim(),
	}));
	return { domain: record.org.primary_domain, known };
}

function identity(random, person) {
	return {
		guid: random.guid(),
		customerUserId: random.chance(0.5) ? `E${random.int(10000, 99999)}` : null,
		emails: [person.email],
		name: person.name && random.chance(0.8) ? person.name : null,
		department: random.chance(0.7) ? random.pick(DEPARTMENTS) : null,
		location: random.chance(0.5) ? random.pick(LOCATIONS) : null,
		title: random.chance(0.5) ? random.pick(TITLES) : null,
		vip: random.chance(0.08),
	};
}

// Top clickers leave some empty identity fields out instead of sending null (docs/api-facts.md#tap-people-api).
function withSomeNullsAbsent(random, person) {
	const result = {};
	for (const [key, value] of Object.entries(person))
		if (value !== null || random.chance(0.5)) result[key] = value;
	return result;
}

function families(random, names, total) {
	const chosen = random.shuffle(names).slice(0, random.int(1, 3));
	return chosen.map((name) => ({ name, amount: Math.max(1, Math.round(total * random.next())) }));
}

/** Seeded people data, at 90-day scale; per-window figures are scaled on request. */
function buildPeople({ seed = 7, vapCount, topClickerCount, tenant }) {
	const random = createRandom(seed);
	const { domain, known } = peopleOfTenant(tenant);
	const personAt = (index) =>
		known[index] ?? {
			email: `person${String(index + 1).padStart(4, '0')}@${domain}`,
			name: random.pick(NAMES),
		};
	const vap = Array.from({ length: vapCount }, (_, index) => {
		const attackIndex = random.int(40, 6000);
		return {
			identity: identity(random, personAt(index)),
			attackIndex,
			families: families(random, VAP_FAMILIES, attackIndex),
		};
	});
	const topClickers = Array.from({ length: topClickerCount }, (_, index) => {
		const clickCount = random.int(1, 80);
		const person = withSomeNullsAbsent(random, identity(random, personAt(index)));
		return { identity: person, clickCount, families: families(random, CLICK_FAMILIES, clickCount) };
	});
	return { vap, topClickers };
}

const isoSeconds = (ms) =>
	new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
const interval = (endMs, days) => `${isoSeconds(endMs - days * DAY_MS)}/${isoSeconds(endMs)}`;
const scale = (value, window) => Math.max(1, Math.round(value * WINDOW_SHARE[window]));
const round4 = (value) => Math.round(value * 10000) / 10000;

const isPositiveInteger = (value) => /^[1-9]\d*$/.test(String(value));

/** Returns {window, size, page} or a plain-text 400 reply (texts are the sandbox's own [I]). */
function readPaging(query, defaultSize, maxSize) {
	if (!['14', '30', '90'].includes(String(query.window))) {
		return {
			reply: text(400, 'The window parameter is required and must be one of 14, 30 or 90 (days)'),
		};
	}
	const { size = String(defaultSize), page = '1' } = query;
	if (!isPositiveInteger(size)) {
		return { reply: text(400, 'The size parameter must be a positive whole number') };
	}
	if (maxSize && Number(size) > maxSize) {
		return { reply: text(400, `The size parameter must be at most ${maxSize}`) };
	}
	if (!isPositiveInteger(page)) {
		return { reply: text(400, 'The page parameter must be a positive whole number') };
	}
	return { window: Number(query.window), size: Number(size), page: Number(page) };
}

const pageOf = (list, size, page) => list.slice((page - 1) * size, page * size);

function vap(ctx, request) {
	const { window, size, page, reply } = readPaging(request.query, 1000, undefined);
	if (reply) return reply;
	const ranked = ctx.people.vap
		.map((person) => ({
			identity: person.identity,
			threatStatistics: {
				attackIndex: scale(person.attackIndex, window),
				families: person.families.map((family) => ({
					name: family.name,
					score: scale(family.amount, window),
				})),
			},
		}))
		.sort((a, b) => b.threatStatistics.attackIndex - a.threatStatistics.attackIndex);
	const average =
		ranked.reduce((sum, user) => sum + user.threatStatistics.attackIndex, 0) /
		Math.max(1, ranked.length);
	return json(200, {
		users: pageOf(ranked, size, page),
		totalVapUsers: ranked.length,
		interval: interval(ctx.clock(), window),
		averageAttackIndex: round4(average),
		vapAttackIndexThreshold: round4(average * 1.7083),
	});
}

function topClickers(ctx, request) {
	const { window, size, page, reply } = readPaging(request.query, 100, 200);
	if (reply) return reply;
	const ranked = ctx.people.topClickers
		.map((person) => ({
			identity: person.identity,
			clickStatistics: {
				clickCount: scale(person.clickCount, window),
				families: person.families.map((family) => ({
					name: family.name,
					clicks: scale(family.amount, window),
				})),
			},
		}))
		.sort((a, b) => b.clickStatistics.clickCount - a.clickStatistics.clickCount);
	const minuteNow = Math.floor(ctx.clock() / 60000) * 60000;
	return json(200, {
		interval: interval(minuteNow, window),
		totalTopClickers: ranked.length,
		users: pageOf(ranked, size, page),
	});
}

module.exports = { buildPeople, vap, topClickers };
