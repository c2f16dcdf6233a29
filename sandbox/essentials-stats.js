'use strict';

const { json } = require('./http');
const { isTrue } = require('./coerce');
const { errorList } = require('./essentials-errors');
const { createRandom } = require('./random');
const { childRecords } = require('./tenant');

/*
 * The Essentials Stats API (docs/api-facts.md#essentials-stats-api): mail-flow counts of an organization
 * over 1, 7, 30 or 90 days up to the previous UTC midnight. Counts are made per UTC day, so a longer period
 * is the sum of its days. What the Essentials Threat API serves as blocked messages is counted here too:
 * ib_phish, ib_mal_att (and the spam they classify) are those events of the org and window; the rest
 * (clean mail, bulk spam, viruses, imposters, sender-list blocks, outbound) is drawn from a seed per org and day.
 */

const DAY_MS = 24 * 60 * 60 * 1000;
const PERIODS = { '1d': 1, '7d': 7, '30d': 30, '90d': 90 };
const MAX_PAGE_SIZE = 50000;
const STATS_DEFAULTS = {
	// The help page has two wordings of ib_spam: "quarantined as spam" (false) or "includes spam, imposter and phish" (true).
	spamIncludesImposterAndPhish: false,
	// The answer's shape is undocumented [I]: a bare object ('object') or a list of one row ('list').
	shape: 'object',
	// Whether every stack serves the partner form (GET /stats/{d}/partner/orgs) is undocumented [I]: false answers it 404.
	partnerForm: true,
};

/** Who has mail in the sandbox: every active user but silent ones (the Threat API's recipients too). */
const activeMailboxes = (record) =>
	record.users.filter((user) => isTrue(user.is_active) && user.type !== 'silent_user').length;

function seedOf(text) {
	let hash = 2166136261;
	for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 16777619);
	return hash >>> 0;
}

/** The counts that are not threat events, for one org and UTC day: the same every time they are asked for. */
function drawnDay(record, dayStart) {
	const random = createRandom(seedOf(`${record.org.primary_domain} ${dayStart}`));
	const mailboxes = activeMailboxes(record);
	const clean = mailboxes * random.int(15, 40);
	const outbound = mailboxes * random.int(5, 15);
	return {
		clean,
		spam: Math.round(clean * (0.1 + random.next() * 0.2)),
		virus: random.int(0, 3),
		imposter: random.int(0, 2),
		listed: random.int(0, 5),
		outbound,
		outboundBlocked: random.int(0, 2),
		encrypted: Math.round(outbound * random.next() * 0.04),
	};
}

/** Which counter a blocked threat event adds to, by its first threat: a malicious attachment, spam, or a phish (malicious links too) [I]. */
function threatCounter(event) {
	const threat = event.threatsInfoMap?.[0];
	if (!threat) return 'phish';
	const classification = String(threat.classification).toLowerCase();
	if (classification === 'malware' && String(threat.threatType).toLowerCase() === 'attachment') return 'malAtt';
	if (classification === 'spam') return 'spam';
	if (classification === 'impostor') return 'imposter';
	return 'phish';
}

/** The window of a period: from `days` UTC midnights back to the previous midnight. */
function periodWindow(days, now) {
	const end = Math.floor(now / DAY_MS) * DAY_MS;
	return { start: end - days * DAY_MS, end };
}

/** The Stats API's row for an org over [start, end): the fields of the help page, as numbers. */
const COUNTED_KINDS = ['messagesBlocked', 'messagesDelivered'];

/** The organizations' own blocked and delivered messages over the period, in one pass: {domain: {kind: [event…]}}. */
function countedEvents(ctx, records, period) {
	const { start, end } = periodWindow(PERIODS[period], ctx.clock());
	return ctx.threatEvents.selectEach({ platform: 'essentials', orgs: records.map((one) => one.org.primary_domain), kinds: COUNTED_KINDS, start, end });
}

function statsRow(ctx, record, period, events = countedEvents(ctx, [record], period)[record.org.primary_domain]) {
	const { start, end } = periodWindow(PERIODS[period], ctx.clock());
	const totals = { clean: 0, spam: 0, virus: 0, imposter: 0, listed: 0, outbound: 0, outboundBlocked: 0, encrypted: 0, phish: 0, malAtt: 0 };
	for (let day = start; day < end; day += DAY_MS) {
		for (const [key, value] of Object.entries(drawnDay(record, day))) totals[key] += value;
	}
	for (const event of events.messagesBlocked) totals[threatCounter(event)] += 1;
	const delivered = events.messagesDelivered.length;
	const blocked = totals.spam + totals.virus + totals.malAtt + totals.imposter + totals.phish + totals.listed;
	const inclusive = ctx.stats.spamIncludesImposterAndPhish;
	return {
		eid: record.org.eid,
		name: record.org.name,
		primary_domain: record.org.primary_domain,
		period,
		ib_total: blocked + totals.clean + delivered,
		ob_total: totals.outbound,
		ib_blocked: blocked,
		ob_blocked: totals.outboundBlocked,
		active_users: activeMailboxes(record),
		ib_spam: inclusive ? totals.spam + totals.imposter + totals.phish : totals.spam,
		ib_virus: totals.virus,
		ib_mal_att: totals.malAtt,
		ib_imposter: totals.imposter,
		ib_phish: totals.phish,
		ob_enc: totals.encrypted,
	};
}

/** The period of a request, or the 400 for it: the sandbox asks for one, as the node always sends it [I]. */
function readPeriod(query) {
	const period = query.period;
	if (period === undefined) return { reply: errorList(400, 'period is required: 1d, 7d, 30d or 90d', 'period') };
	if (!Object.hasOwn(PERIODS, period)) {
		return { reply: errorList(400, `period ${period} is not one of 1d, 7d, 30d, 90d`, 'period') };
	}
	return { period };
}

function readPositive(query, name, fallback, max) {
	const raw = query[name];
	if (raw === undefined) return { value: fallback };
	const value = Number(raw);
	if (!Number.isInteger(value) || value < 1 || value > max) {
		return { reply: errorList(400, `${name} must be a whole number from 1 to ${max}`, name) };
	}
	return { value };
}

/** GET /stats/{d}/partner: one organization's statistics. */
function get({ ctx, record, query }) {
	const { period, reply } = readPeriod(query);
	if (reply) return reply;
	const row = statsRow(ctx, record, period);
	return json(200, ctx.stats.shape === 'list' ? { stats: [row] } : row);
}

/** Every organization below `record` on this stack, depth first (a partner's customers' customers too). */
function descendants(tenant, record, stack) {
	return childRecords(tenant, record)
		.filter((child) => child.stacks.includes(stack))
		.flatMap((child) => [child, ...descendants(tenant, child, stack)]);
}

/** GET /stats/{d}/partner/orgs: the organization and its children, paged. */
function listWithChildren({ ctx, tenant, record, query, stack }) {
	if (!ctx.stats.partnerForm) return errorList(404, 'Not Found', 'path');
	const { period, reply } = readPeriod(query);
	if (reply) return reply;
	const page = readPositive(query, 'page', 1, Number.MAX_SAFE_INTEGER);
	if (page.reply) return page.reply;
	const size = readPositive(query, 'page_size', MAX_PAGE_SIZE, MAX_PAGE_SIZE);
	if (size.reply) return size.reply;
	const records = [record, ...descendants(tenant, record, stack)];
	const shown = records.slice((page.value - 1) * size.value, page.value * size.value);
	const events = countedEvents(ctx, shown, period);
	const rows = shown.map((one) => statsRow(ctx, one, period, events[one.org.primary_domain]));
	return json(200, { stats: rows, page: page.value, page_size: size.value, total: records.length });
}

module.exports = { get, listWithChildren, statsRow, periodWindow, STATS_PERIODS: PERIODS, STATS_DEFAULTS };
