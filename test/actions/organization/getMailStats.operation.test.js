'use strict';

const axios = require('axios');
const { useSandbox, seen } = require('../../support');
const { generateTenant, startSandbox, SANDBOX_CREDENTIALS, essentialsHeaders } = require('../../../sandbox');
const { runNode } = require('../../harness');

const DAY = 24 * 60 * 60 * 1000;
const mailStats = (parameters) => ({ resource: 'organization', operation: 'getMailStats', domain: 'acme.example', statisticsOf: 'organization', period: 30, simplify: true, ...parameters });
const asked = (sb) => sb.requests.map((request) => `${request.method} ${request.path}${request.query.period ? ` ${request.query.period}` : ''}`);

/** What the sandbox's Stats API answers, asked directly (its requests are then cleared). */
async function statsRow(sb, domain, period) {
	const { data } = await axios.get(`${sb.essentialsUrl('us1')}/stats/${domain}/partner`, { params: { period }, headers: essentialsHeaders(SANDBOX_CREDENTIALS.essentials.partner) });
	sb.clearRequests();
	return data;
}

const share = (part, whole) => Math.round((part / whole) * 10000) / 10000;

describe('Organization → Get Mail Statistics', () => {
	const { run, sb } = useSandbox({ retryAfterSeconds: 0 });

	it("gives acme's last 30 days as a report reads them, in one request", async () => {
		const row = await statsRow(sb(), 'acme.example', '30d');
		const result = await run(mailStats());

		expect(asked(sb())).toEqual(['GET /stats/acme.example/partner 30d']);
		expect(result.items).toHaveLength(1);
		const midnight = Math.floor(Date.now() / DAY) * DAY;
		expect(result.items[0].json).toEqual({
			domain: 'acme.example',
			period: '30d',
			periodStart: new Date(midnight - 30 * DAY).toISOString().replace('.000Z', 'Z'),
			periodEnd: new Date(midnight).toISOString().replace('.000Z', 'Z'),
			inbound: row.ib_total,
			inboundBlocked: row.ib_blocked,
			inboundBlockedShare: share(row.ib_blocked, row.ib_total),
			inboundDelivered: row.ib_total - row.ib_blocked,
			spam: row.ib_spam,
			spamShare: share(row.ib_spam, row.ib_total),
			virus: row.ib_virus,
			maliciousAttachments: row.ib_mal_att,
			imposter: row.ib_imposter,
			phish: row.ib_phish,
			threats: row.ib_virus + row.ib_mal_att + row.ib_imposter + row.ib_phish,
			threatShare: share(row.ib_virus + row.ib_mal_att + row.ib_imposter + row.ib_phish, row.ib_total),
			outbound: row.ob_total,
			outboundBlocked: row.ob_blocked,
			outboundBlockedShare: share(row.ob_blocked, row.ob_total),
			outboundEncrypted: row.ob_enc,
			outboundEncryptedShare: share(row.ob_enc, row.ob_total),
			activeUsers: row.active_users,
			inboundPerActiveUser: Math.round(row.ib_total / row.active_users),
			status: 'ok',
		});
		expect(result.items[0].json.inboundBlockedShare).toBeGreaterThan(0);
	});

	it('with Simplify off, gives the Stats API fields as Proofpoint sent them', async () => {
		const row = await statsRow(sb(), 'acme.example', '7d');
		const result = await run(mailStats({ period: 7, simplify: false }));

		expect(asked(sb())).toEqual(['GET /stats/acme.example/partner 7d']);
		const { periodStart, periodEnd, ...item } = result.items[0].json;
		expect(item).toEqual({ ...row, domain: 'acme.example', period: '7d', status: 'ok' });
		expect(Date.parse(periodEnd) - Date.parse(periodStart)).toBe(7 * DAY);
	});

	it.each([
		[1, '1d'],
		[90, '90d'],
		['7d', '7d'],
		['30', '30d'],
	])('asks for period %p as %s', async (period, sent) => {
		const result = await run(mailStats({ period }));
		expect(result.status).toBe('success');
		expect(asked(sb())).toEqual([`GET /stats/acme.example/partner ${sent}`]);
	});

	it("reads every child organization of the partner in two requests at once, the list and the partner form, one item each in the list's order", async () => {
		const acme = await statsRow(sb(), 'acme.example', '7d');
		const result = await run(mailStats({ domain: 'partner.example', statisticsOf: 'children', period: 7 }));

		expect(asked(sb()).sort()).toEqual(['GET /orgs/partner.example/orgs', 'GET /stats/partner.example/partner/orgs 7d']);
		expect(sb().requests.find((request) => request.path.endsWith('/partner/orgs')).query).toMatchObject({ page: '1', page_size: '50000' });
		expect(result.items.map((item) => [item.json.domain, item.json.name, item.json.period, item.json.status])).toEqual([
			['acme.example', 'Acme Corporation', '7d', 'ok'],
			['initech.example', 'Initech', '7d', 'ok'],
		]);
		// The same counts as asking for acme alone; the partner itself, in the form's answer, is not an item.
		expect(result.items[0].json).toMatchObject({ inbound: acme.ib_total, inboundBlocked: acme.ib_blocked, activeUsers: acme.active_users });
		expect(result.items.every((item) => item.pairedItem.item === 0 && item.json.inbound > 0)).toBe(true);
	});

	it('asks a child alone when the partner form has no row for it', async () => {
		sb().failNext({ path: '/stats/partner.example/partner/orgs', mode: 'empty' });
		const result = await run(mailStats({ domain: 'partner.example', statisticsOf: 'children' }));

		expect(result.items.map((item) => [item.json.domain, item.json.status])).toEqual([
			['acme.example', 'ok'],
			['initech.example', 'ok'],
		]);
		expect(seen(sb()).sort()).toEqual(['GET /orgs/partner.example/orgs', 'GET /stats/acme.example/partner', 'GET /stats/initech.example/partner', 'GET /stats/partner.example/partner/orgs']);
	});

	it('fails the item with the advice when the partner form keeps failing, asking no child alone', async () => {
		sb().failNext({ path: '/stats/partner.example/partner/orgs', mode: '503', count: 4 });
		const result = await run(mailStats({ domain: 'partner.example', statisticsOf: 'children' }));

		expect(result.status).toBe('error');
		expect(result.error.message).toBe('Proofpoint Essentials had a server error (503) after 4 attempts');
		expect(seen(sb()).filter((request) => !request.endsWith('/orgs/partner.example/orgs'))).toEqual(Array(4).fill('GET /stats/partner.example/partner/orgs'));
	});

	it('refuses a period the Stats API does not have, naming the item and the field, before any request', async () => {
		const input = [{ json: { period: 30 } }, { json: { period: '14d' } }];
		const result = await run(mailStats({ period: '={{ $json.period }}' }), { input });

		expect(result.status).toBe('error');
		expect(result.error.message).toBe('Item 1: Period is "14d", not a period of the Stats API');
		expect(result.error.description).toBe('Choose 1, 7, 30 or 90 days for item 1; no request was sent for it.');
		expect(sb().requests).toEqual([]);
	});

	it('refuses an organization domain that is not a domain, before any request', async () => {
		const result = await run(mailStats({ domain: 'acme.example/../orgs' }));
		expect(result.status).toBe('error');
		expect(result.error.message).toMatch(/^Item 0: Organization Domain /);
		expect(sb().requests).toEqual([]);
	});

	it('says to check the stack when the organization lives on another one (404), after one request', async () => {
		const result = await run(mailStats({ domain: 'globex.example' }));

		expect(result.status).toBe('error');
		expect(result.error.message).toMatch(/^Organization "globex\.example" not found on 127\.0\.0\.1:\d+\/us1\/api\/v1 \(404\)$/);
		expect(result.error.description).toMatch(/probably lives on another stack .* run Endpoint → Get for it/);
		expect(result.error.httpCode).toBe('404');
		expect(sb().requests).toHaveLength(1);
	});

	it("asks once for items that want the same organization's statistics", async () => {
		const result = await run(mailStats(), { input: [{ json: {} }, { json: {} }] });

		expect(result.items.map((item) => item.pairedItem.item)).toEqual([0, 1]);
		expect(result.items[1].json).toEqual(result.items[0].json);
		expect(sb().requests).toHaveLength(1);
	});

	it('says so when a proxy answers 200 with something that is not JSON', async () => {
		sb().failNext({ path: '/stats/acme.example/partner', mode: 'malformed-json', count: 4 });
		const result = await run(mailStats());
		expect(result.status).toBe('error');
		expect(result.error.message).toMatch(/sent a response that is not valid JSON/);
	});
});

describe('Organization → Get Mail Statistics on the other wording of ib_spam and a list answer', () => {
	let sb;
	beforeAll(async () => {
		sb = await startSandbox({ stats: { spamIncludesImposterAndPhish: true, shape: 'list' } });
	});
	afterAll(() => sb.close());

	it('reads the row out of the list, and never counts spam into the threats', async () => {
		const [row] = (await statsRow(sb, 'acme.example', '30d')).stats;
		const { sandboxCredentials } = require('../../support');
		const result = await runNode({ parameters: mailStats(), credentials: sandboxCredentials(sb) });

		expect(result.status).toBe('success');
		expect(result.items[0].json).toMatchObject({ spam: row.ib_spam, phish: row.ib_phish, threats: row.ib_virus + row.ib_mal_att + row.ib_imposter + row.ib_phish });
		expect(row.ib_spam).toBeGreaterThanOrEqual(row.ib_imposter + row.ib_phish);
	});
});

describe('Organization → Get Mail Statistics on a stack without the partner form', () => {
	const { run, sb } = useSandbox({ retryAfterSeconds: 0, stats: { partnerForm: false } });

	it('asks each child alone after the 404, and reports a failing customer in its own item', async () => {
		sb().failNext({ path: '/stats/initech.example/partner', mode: '500', count: 4 });
		const result = await run(mailStats({ domain: 'partner.example', statisticsOf: 'children' }));

		expect(result.status).toBe('success');
		const byDomain = Object.fromEntries(result.items.map((item) => [item.json.domain, item.json]));
		expect(byDomain['acme.example']).toMatchObject({ status: 'ok', period: '30d' });
		expect(byDomain['acme.example'].inbound).toBeGreaterThan(0);
		expect(byDomain['initech.example']).toEqual({
			domain: 'initech.example',
			name: 'Initech',
			status: 'failed',
			error: 'Proofpoint Essentials had a server error (500) after 4 attempts',
			description: expect.stringMatching(/retried with backoff/),
			httpCode: '500',
		});
		// The list and the partner form (404, not retried), acme once, initech four times (retried with backoff), nothing more.
		expect(seen(sb()).sort()).toEqual(
			['GET /orgs/partner.example/orgs', 'GET /stats/partner.example/partner/orgs', 'GET /stats/acme.example/partner', ...Array(4).fill('GET /stats/initech.example/partner')].sort(),
		);
	});
});

describe('Organization → Get Mail Statistics across 500 customers', () => {
	// Few threat events per organization: the stats of 501 organizations count them.
	const { run, sb } = useSandbox({ tenant: generateTenant({ domain: 'big.example', users: 20, seed: 4, children: 500 }), siem: { perHour: 0.05 } });

	it('makes exactly 2 requests, one item per organization', async () => {
		const result = await run(mailStats({ domain: 'partner.example', statisticsOf: 'children' }));

		expect(result.items).toHaveLength(501);
		expect(seen(sb()).sort()).toEqual(['GET /orgs/partner.example/orgs', 'GET /stats/partner.example/partner/orgs']);
		expect(new Set(result.items.map((item) => item.json.domain)).size).toBe(501);
		expect(result.items.every((item) => item.json.status === 'ok' && item.json.inbound > 0)).toBe(true);
	});
});
