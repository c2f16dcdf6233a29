'use strict';

// The Essentials Stats API of the sandbox: per organization and period, numbers that agree with its users
// and with the threat events its Essentials Threat API serves for the same organization and window.
const axios = require('axios');
const { startSandbox, SANDBOX_CREDENTIALS, DEMO, essentialsHeaders } = require('../../sandbox');

const { partner, orgAdmin } = SANDBOX_CREDENTIALS.essentials;
const DAY = 24 * 60 * 60 * 1000;
// A fixed clock, so two sandboxes generate the same threat events and answer for the same days.
const NOW = Date.parse('2026-11-04T09:30:00Z');
const FIELDS = ['ib_total', 'ob_total', 'ib_blocked', 'ob_blocked', 'active_users', 'ib_spam', 'ib_virus', 'ib_mal_att', 'ib_imposter', 'ib_phish', 'ob_enc'];

let sb;
beforeAll(async () => {
	sb = await startSandbox({ now: () => NOW });
});
afterAll(() => sb.close());

const as = (login, stack = 'us1', server = sb) =>
	axios.create({ baseURL: server.essentialsUrl(stack), headers: essentialsHeaders(login), validateStatus: () => true });
const statsOf = async (domain, period, server = sb) => (await as(partner, 'us1', server).get(`/stats/${domain}/partner`, { params: { period } })).data;

/** The blocked messages the Essentials Threat API knows for an org over the period's days, by the counter they add to. */
function blockedEvents(domain, days) {
	const end = Math.floor(NOW / DAY) * DAY;
	const { messagesBlocked, messagesDelivered } = sb.siem.truth({ platform: 'essentials', org: domain, ownData: true, customerData: false, start: end - days * DAY, end, visibleAt: NOW });
	const byClass = (test) => messagesBlocked.filter((event) => test(event.threatsInfoMap[0])).length;
	return {
		malAtt: byClass((threat) => threat.classification === 'malware' && threat.threatType === 'attachment'),
		spam: byClass((threat) => threat.classification === 'spam'),
		phish: byClass((threat) => !(threat.classification === 'malware' && threat.threatType === 'attachment') && !['spam', 'impostor'].includes(threat.classification)),
		delivered: messagesDelivered.length,
	};
}

describe('GET /stats/{domain}/partner', () => {
	it("answers acme's 30 days with every field of the help page, as whole numbers", async () => {
		const row = await statsOf(DEMO.acme, '30d');
		expect(row).toMatchObject({ primary_domain: DEMO.acme, name: 'Acme Corporation', period: '30d' });
		for (const field of FIELDS) expect(Number.isInteger(row[field]) && row[field] >= 0).toBe(true);
		// Blocked is spam, viruses, malicious attachments, imposters, phish and sender-list blocks: never more than the inbound total.
		expect(row.ib_blocked).toBeGreaterThanOrEqual(row.ib_spam + row.ib_virus + row.ib_mal_att + row.ib_imposter + row.ib_phish);
		expect(row.ib_total).toBeGreaterThan(row.ib_blocked);
		expect(row.ob_total).toBeGreaterThanOrEqual(row.ob_blocked + row.ob_enc);
	});

	it("counts as active users acme's users that have mail: active ones, silent users aside", async () => {
		const users = sb.state.orgs[DEMO.acme].users;
		const withMail = users.filter((user) => user.is_active && user.type !== 'silent_user').length;
		expect(withMail).toBe(users.length - 2);
		for (const period of ['1d', '7d', '30d', '90d']) expect((await statsOf(DEMO.acme, period)).active_users).toBe(withMail);
	});

	it.each([
		['1d', 1],
		['7d', 7],
	])('counts for %s the phish and malicious attachments the Threat API serves for acme over those days up to midnight', async (period, days) => {
		const row = await statsOf(DEMO.acme, period);
		const events = blockedEvents(DEMO.acme, days);
		expect(events.phish + events.malAtt).toBeGreaterThan(0);
		expect(row.ib_phish).toBe(events.phish);
		expect(row.ib_mal_att).toBe(events.malAtt);
		expect(row.ib_spam).toBeGreaterThanOrEqual(events.spam);
		// Delivered threats are inbound mail that was not blocked.
		expect(row.ib_total - row.ib_blocked).toBeGreaterThanOrEqual(events.delivered);
	});

	it('gives every counter of a longer period at least the shorter one’s, and the same answer when asked again', async () => {
		const rows = await Promise.all(['1d', '7d', '30d', '90d'].map((period) => statsOf(DEMO.initech, period)));
		for (const field of FIELDS.filter((name) => name !== 'active_users')) {
			const values = rows.map((row) => row[field]);
			expect([...values].sort((a, b) => a - b)).toEqual(values);
		}
		expect(rows[0].ib_total).toBeLessThan(rows[1].ib_total);
		expect(await statsOf(DEMO.initech, '30d')).toEqual(rows[2]);
	});

	it('resolves any domain of the organization', async () => {
		expect(await statsOf('acme.co.uk', '7d')).toEqual(await statsOf(DEMO.acme, '7d'));
	});

	it('refuses a missing or unknown period with 400, naming the four', async () => {
		const missing = await as(partner).get(`/stats/${DEMO.acme}/partner`);
		expect(missing.status).toBe(400);
		expect(missing.data.errors[0]).toMatchObject({ error_message: 'period is required: 1d, 7d, 30d or 90d', identifier: 'period' });
		const other = await as(partner).get(`/stats/${DEMO.acme}/partner`, { params: { period: '14d' } });
		expect(other.status).toBe(400);
		expect(other.data.errors[0].error_message).toBe('period 14d is not one of 1d, 7d, 30d, 90d');
	});

	it('answers 404 for globex on us1 and its statistics on us2, where it lives', async () => {
		expect((await as(partner).get(`/stats/${DEMO.globex}/partner`, { params: { period: '30d' } })).status).toBe(404);
		const there = await as(partner, DEMO.globexStack).get(`/stats/${DEMO.globex}/partner`, { params: { period: '30d' } });
		expect(there.status).toBe(200);
		expect(there.data.primary_domain).toBe(DEMO.globex);
	});

	it("answers 401 for a wrong key and 403 for acme's admin asking for initech", async () => {
		const wrong = await as({ apiUser: partner.apiUser, apiKey: 'not-the-key' }).get(`/stats/${DEMO.acme}/partner`, { params: { period: '1d' } });
		expect(wrong.status).toBe(401);
		expect((await as(orgAdmin).get(`/stats/${DEMO.initech}/partner`, { params: { period: '1d' } })).status).toBe(403);
		expect((await as(orgAdmin).get(`/stats/${DEMO.acme}/partner`, { params: { period: '1d' } })).status).toBe(200);
	});
});

describe('GET /stats/{domain}/partner/orgs', () => {
	it('lists the partner and its customers on the stack, each row as the single endpoint answers it', async () => {
		const { status, data } = await as(partner).get(`/stats/${DEMO.partner}/partner/orgs`, { params: { period: '30d' } });
		expect(status).toBe(200);
		expect(data).toMatchObject({ page: 1, page_size: 50000, total: data.stats.length });
		const domains = data.stats.map((row) => row.primary_domain);
		expect(domains[0]).toBe(DEMO.partner);
		expect(domains).toEqual(expect.arrayContaining([DEMO.acme, DEMO.initech]));
		expect(domains).not.toContain(DEMO.globex);
		expect(data.stats.find((row) => row.primary_domain === DEMO.acme)).toEqual(await statsOf(DEMO.acme, '30d'));
	});

	it('pages with page and page_size, at most 50,000 a page', async () => {
		const first = (await as(partner).get(`/stats/${DEMO.partner}/partner/orgs`, { params: { period: '1d', page: 1, page_size: 2 } })).data;
		const second = (await as(partner).get(`/stats/${DEMO.partner}/partner/orgs`, { params: { period: '1d', page: 2, page_size: 2 } })).data;
		expect(first.stats).toHaveLength(2);
		expect(first.total).toBe(first.stats.length + second.stats.length);
		expect((await as(partner).get(`/stats/${DEMO.partner}/partner/orgs`, { params: { period: '1d', page_size: 50001 } })).status).toBe(400);
	});
});

describe('the two wordings of ib_spam and the two answer shapes', () => {
	let inclusive;
	beforeAll(async () => {
		inclusive = await startSandbox({ now: () => NOW, stats: { spamIncludesImposterAndPhish: true, shape: 'list' } });
	});
	afterAll(() => inclusive.close());

	it('counts imposter and phish into ib_spam under the other wording, and answers a list of one row', async () => {
		const separate = await statsOf(DEMO.acme, '7d');
		const listed = await statsOf(DEMO.acme, '7d', inclusive);
		expect(Object.keys(listed)).toEqual(['stats']);
		const [row] = listed.stats;
		expect(row.ib_spam).toBe(separate.ib_spam + separate.ib_imposter + separate.ib_phish);
		expect({ ...row, ib_spam: separate.ib_spam }).toEqual(separate);
	});
});

describe('a stack without the partner form', () => {
	let without;
	beforeAll(async () => {
		without = await startSandbox({ now: () => NOW, stats: { partnerForm: false } });
	});
	afterAll(() => without.close());

	it('answers the partner form 404 and still serves each organization', async () => {
		expect((await as(partner, 'us1', without).get(`/stats/${DEMO.partner}/partner/orgs`, { params: { period: '30d' } })).status).toBe(404);
		expect(await statsOf(DEMO.acme, '30d', without)).toEqual(await statsOf(DEMO.acme, '30d'));
	});
});
