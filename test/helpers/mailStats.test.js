'use strict';

const { asMailStatsPeriod, mailCounts, mailStatsRowOf, mailStatsWindow, reportMailStats } = require('../../dist/nodes/Proofpoint/helpers/mailStats.js');

const ROW = { ib_total: 1000, ob_total: 400, ib_blocked: 250, ob_blocked: 4, active_users: 20, ib_spam: 180, ib_virus: 2, ib_mal_att: 5, ib_imposter: 3, ib_phish: 10, ob_enc: 8 };

describe('which row of a Stats answer is the organization’s', () => {
	it('takes a bare object of counts as it is', () => {
		expect(mailStatsRowOf(ROW, 'acme.example')).toBe(ROW);
	});

	it('takes the only row of a list, bare or under a key', () => {
		expect(mailStatsRowOf([ROW], 'acme.example')).toBe(ROW);
		expect(mailStatsRowOf({ stats: [ROW], page: 1 }, 'acme.example')).toBe(ROW);
	});

	it('takes the row naming the domain out of several, whatever the case', () => {
		const other = { ...ROW, primary_domain: 'initech.example' };
		const acme = { ...ROW, primary_domain: 'Acme.Example' };
		expect(mailStatsRowOf({ orgs: [other, acme] }, 'acme.example')).toBe(acme);
	});

	it('finds none in an answer without counts, or several rows naming other organizations', () => {
		expect(mailStatsRowOf({ message: 'ok' }, 'acme.example')).toBeUndefined();
		expect(mailStatsRowOf(null, 'acme.example')).toBeUndefined();
		expect(mailStatsRowOf({ stats: [{ ...ROW, domain: 'a.example' }, { ...ROW, domain: 'b.example' }] }, 'acme.example')).toBeUndefined();
	});
});

describe('the report fields', () => {
	it('gives counts and shares, threats without spam (which may already hold imposter and phish)', () => {
		expect(reportMailStats(mailCounts(ROW))).toEqual({
			inbound: 1000,
			inboundBlocked: 250,
			inboundBlockedShare: 0.25,
			inboundDelivered: 750,
			spam: 180,
			spamShare: 0.18,
			virus: 2,
			maliciousAttachments: 5,
			imposter: 3,
			phish: 10,
			threats: 20,
			threatShare: 0.02,
			outbound: 400,
			outboundBlocked: 4,
			outboundBlockedShare: 0.01,
			outboundEncrypted: 8,
			outboundEncryptedShare: 0.02,
			activeUsers: 20,
			inboundPerActiveUser: 50,
		});
	});

	it('reads counts sent as strings, and leaves a share unknown where the whole is 0 or missing', () => {
		const counts = mailCounts({ ...ROW, ib_total: '0', ob_total: undefined, ib_phish: 'n/a' });
		expect(counts).toMatchObject({ ib_total: 0, ob_total: null, ib_phish: null });
		expect(reportMailStats(counts)).toMatchObject({ inboundBlockedShare: null, outboundEncryptedShare: null, threats: null, phish: null, inboundPerActiveUser: 0 });
	});
});

describe('periods', () => {
	it.each([
		[1, 1],
		['7', 7],
		['30d', 30],
		[' 90D ', 90],
		[14, undefined],
		['30 days', undefined],
		['', undefined],
		[null, undefined],
	])('reads %p as %p', (value, days) => {
		expect(asMailStatsPeriod(value)).toBe(days);
	});

	it('counts back from the previous UTC midnight', () => {
		expect(mailStatsWindow(7, Date.parse('2026-11-04T09:30:00Z'))).toEqual({ start: '2026-10-28T00:00:00Z', end: '2026-11-04T00:00:00Z' });
	});
});
