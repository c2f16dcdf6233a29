'use strict';

const {
	checkCtrId,
	checkMessageIdHeader,
	ctrTime,
	ctrTimeRange,
	displayIdOf,
	incidentFilters,
	messageFilters,
	nextCtrWindow,
	nextPollDelay,
	runFailureReason,
	simplifyIncident,
	simplifyMessage,
	sortParams,
	unseenRows,
} = require('../../dist/nodes/Proofpoint/helpers/ctr');

const at = (iso) => Date.parse(iso);

describe('the CTR time form', () => {
	it("writes an instant as 'YYYY-MM-DD HH:MM:SS' in UTC, without a zone", () => {
		expect(ctrTime(at('2026-06-05T06:00:30.750Z'))).toBe('2026-06-05 06:00:30');
	});

	it('widens a range to whole seconds, so no row at an edge is missed', () => {
		expect(ctrTimeRange({ start: at('2026-06-01T00:00:00Z'), end: at('2026-06-05T06:00:00Z') })).toEqual({ start: '2026-06-01 00:00:00', end: '2026-06-05 06:00:00' });
		expect(ctrTimeRange({ start: at('2026-06-01T00:00:00.400Z'), end: at('2026-06-05T06:00:00.200Z') })).toEqual({ start: '2026-06-01 00:00:00', end: '2026-06-05 06:00:01' });
	});
});

describe('incident filters', () => {
	it('sends one state alone, as the API reads it', () => {
		expect(incidentFilters({ states: ['open'] })).toEqual({ other_filters: ['open_incidents'] });
		expect(incidentFilters({ states: ['closed'] })).toEqual({ other_filters: ['closed_incidents'] });
	});

	it('sends no state for open and closed together, which the API would answer with nothing', () => {
		expect(incidentFilters({ states: ['open', 'closed'] })).toEqual({});
		expect(incidentFilters({ states: [] })).toEqual({});
	});

	it('keeps VAP Only beside the one state, each having to hold', () => {
		expect(incidentFilters({ states: ['open'], vapOnly: true })).toEqual({ other_filters: ['open_incidents', 'vap'] });
		expect(incidentFilters({ states: ['open', 'closed'], vapOnly: true })).toEqual({ other_filters: ['vap'] });
	});

	it("uses the keys and value prefixes the API filters on (disposition_filters, not a plain 'disposition')", () => {
		const filters = incidentFilters({
			states: ['open', 'closed'],
			range: { start: at('2026-06-01T00:00:00Z'), end: at('2026-06-02T00:00:00Z') },
			sources: ['tap'],
			dispositions: ['phish', 'malware'],
			verdicts: ['threat'],
			confidences: ['high'],
			priorities: ['high'],
		});

		expect(filters).toEqual({
			time_range_filter: { start: '2026-06-01 00:00:00', end: '2026-06-02 00:00:00' },
			source_filters: ['tap'],
			disposition_filters: ['phish', 'malware'],
			verdict_filters: ['verdict_threat'],
			confidence_filters: ['confidence_high'],
			priority_filters: ['high'],
		});
	});

	it('sorts by creation time, newest first unless asked otherwise; messages by the time CTR received them', () => {
		expect(sortParams('incidents', 'newest')).toEqual([{ sort: 'desc', colId: 'createdAt' }]);
		expect(sortParams('incidents', 'oldest')).toEqual([{ sort: 'asc', colId: 'createdAt' }]);
		expect(sortParams('messages', 'newest')).toEqual([{ sort: 'desc', colId: 'received_time' }]);
	});
});

describe('message filters', () => {
	it("finds a TAP click's message by recipient and sender, or by its Message-ID in brackets", () => {
		expect(messageFilters({ senders: ['a@evil.example'], recipients: ['bob@acme.example'], messageIds: ['<x.1@evil.example>'], subject: 'Invoice' })).toEqual({
			sender_address_filters: ['a@evil.example'],
			recipient_address_filters: ['bob@acme.example'],
			subject_filters: ['Invoice'],
			message_id_filters: ['<x.1@evil.example>'],
		});
	});

	it.each([
		['with brackets', '<abc.123@mail.example>'],
		['without', 'abc.123@mail.example'],
		['with spaces around', '  <abc.123@mail.example> '],
	])('takes a Message-ID %s', (_, value) => {
		expect(checkMessageIdHeader(value)).toEqual({ value: '<abc.123@mail.example>' });
	});

	it.each([
		['empty', '<>', /is empty/],
		['with a line break', 'abc@x\nBcc: y', /is not a Message-ID/],
		['with a space inside', 'abc @x', /is not a Message-ID/],
	])('refuses a Message-ID %s', (_, value, problem) => {
		expect(checkMessageIdHeader(value).problem).toMatch(problem);
	});
});

describe('paging over startRow/endRow', () => {
	it('asks for 100 rows at a time, endRow excluded, and for the rest of a Limit last', () => {
		expect(nextCtrWindow({ nextRow: 0, collected: 0 }, 250)).toEqual({ startRow: 0, endRow: 100 });
		expect(nextCtrWindow({ nextRow: 200, collected: 200, total: 1200, lastPage: { asked: 100, got: 100, added: 100 } }, 250)).toEqual({ startRow: 200, endRow: 250 });
	});

	it('stops at the Limit, at the reported total, and after a short page', () => {
		expect(nextCtrWindow({ nextRow: 250, collected: 250, total: 1200, lastPage: { asked: 50, got: 50, added: 50 } }, 250)).toBeUndefined();
		expect(nextCtrWindow({ nextRow: 1200, collected: 1200, total: 1200, lastPage: { asked: 100, got: 100, added: 100 } }, undefined)).toBeUndefined();
		expect(nextCtrWindow({ nextRow: 140, collected: 140, lastPage: { asked: 100, got: 40, added: 40 } }, undefined)).toBeUndefined();
	});

	it('asks once more when a repeated row left the Limit one short', () => {
		expect(nextCtrWindow({ nextRow: 250, collected: 249, total: 1201, lastPage: { asked: 50, got: 50, added: 50 } }, 250)).toEqual({ startRow: 250, endRow: 251 });
	});

	it('stops when a full page brings nothing new: an API repeating itself is not paged forever', () => {
		expect(nextCtrWindow({ nextRow: 200, collected: 100, lastPage: { asked: 100, got: 100, added: 0 } }, undefined)).toBeUndefined();
	});

	it('keeps a row once when a later page repeats it', () => {
		const seen = new Set();
		expect(unseenRows([{ id: 'a' }, { id: 'b' }], seen)).toEqual([{ id: 'a' }, { id: 'b' }]);
		expect(unseenRows([{ id: 'b' }, { id: 'c' }], seen)).toEqual([{ id: 'c' }]);
	});
});

describe('ids in a CTR path', () => {
	it.each([
		['a UUID', '3f2b6c1e-8a4d-4e7b-9c0a-5d1e2f3a4b5c'],
		['a display id', 781],
		['one with spaces around', ' INC-781 '],
	])('takes %s', (_, value) => {
		expect(checkCtrId(value, 'a UUID')).toEqual({ value: String(value).trim() });
	});

	it.each([
		['empty', '  ', /is empty/],
		['a slash', '3f2b/../tokens', /contains a slash/],
		['a backslash', 'a\\b', /contains a slash/],
		['a dot segment', '..', /contains "\.\."/],
		['a line break', 'abc\r\nX: 1', /line break/],
		['a query', 'abc?x=1', /is not a Cloud Threat Response id/],
		['an object', { id: 'x' }, /but it is an object/],
	])('refuses %s', (_, value, problem) => {
		expect(checkCtrId(value, 'a UUID').problem).toMatch(problem);
	});

	it.each([
		['781', '781'],
		['INC-781', '781'],
		['inc781', '781'],
		['3f2b6c1e-8a4d-4e7b-9c0a-5d1e2f3a4b5c', undefined],
	])('reads %s as the display id %s', (id, displayId) => {
		expect(displayIdOf(id)).toBe(displayId);
	});
});

describe('Simplify', () => {
	const row = {
		id: 'u-1',
		createdAt: '2026-06-01T10:00:00.000+00:00',
		updatedAt: '2026-06-01T11:00:00.000+00:00',
		closedAt: null,
		displayId: 1001,
		priority: 'high',
		title: 'Message Delivered to bob[@]acme[.]example with a malicious link',
		state: 'open',
		assignedTeamName: 'SOC_Analyst',
		assignedUserName: 'Sam Rivera',
		messageCount: 2,
		vap: false,
		sourceTypes: ['tap_alert'],
		commentCount: 0,
		dispositions: ['phish'],
		clearVerdicts: null,
		clearConfidences: null,
	};

	it("gives an incident's search row as the fields a SOC reads, sources in the filter's words", () => {
		expect(simplifyIncident(row)).toEqual({
			id: 'u-1',
			displayId: 1001,
			title: row.title,
			state: 'open',
			priority: 'high',
			sources: ['tap'],
			dispositions: ['phish'],
			verdicts: [],
			confidences: [],
			vap: false,
			messageCount: 2,
			commentCount: 0,
			assignedTeam: 'SOC_Analyst',
			assignee: 'Sam Rivera',
			createdAt: '2026-06-01T10:00:00.000Z',
			updatedAt: '2026-06-01T11:00:00.000Z',
			closedAt: null,
		});
	});

	it("reads a Get's summary the same way, leaving out what it does not carry", () => {
		const summary = {
			id: 'u-1',
			displayId: 1001,
			title: 'x',
			state: 'closed',
			assignedApplicationUserName: 'Priya Shah',
			messageSourceData: { hasAbuseAlert: true, hasTapAlert: false },
			createdAt: '2026-06-01T10:00:00.000+00:00',
			closedAt: '2026-06-02T10:00:00.000+00:00',
		};
		const simplified = simplifyIncident(summary);

		expect(simplified).toMatchObject({ assignee: 'Priya Shah', sources: ['abuse_mailbox'], closedAt: '2026-06-02T10:00:00.000Z' });
		expect(simplified).not.toHaveProperty('dispositions');
	});

	it("gives a message's search row (snake_case) and its Get details (camelCase, time in ms) the same fields", () => {
		const search = {
			id: 'm-1',
			message_id: '<a@b>',
			email_subject: 'Invoice',
			sender_address: 'x@evil.example',
			recipient_address: 'bob@acme.example',
			received_at: '2026-06-01T09:00:00.000+00:00',
			disposition: 'phish',
			clear_verdict: null,
			remediation_status: 'not_attempted',
			incidents: [{ id: 'u-1', display_id: 1001, title: 't' }],
			sources: [{ id: 's', type: 'TapAlert' }],
			message_status: { is_read: false, permitted_clicks: 1 },
		};
		const details = {
			id: 'm-1',
			messageId: '<a@b>',
			emailSubject: 'Invoice',
			senderAddress: 'x@evil.example',
			recipientAddress: 'bob@acme.example',
			receivedAt: at('2026-06-01T09:00:00Z'),
			disposition: 'phish',
			clearVerdict: null,
			remediationStatus: 'not_attempted',
			incidents: [{ id: 'u-1', displayId: 1001, title: 't' }],
			sources: [{ id: 's', type: 'TapAlert' }],
			messageStatus: { isRead: false, permittedClicks: 1 },
		};

		expect(simplifyMessage(details)).toEqual(simplifyMessage(search));
		expect(simplifyMessage(search)).toMatchObject({ receivedAt: '2026-06-01T09:00:00.000Z', incidents: [{ id: 'u-1', displayId: 1001, title: 't' }], sources: ['TapAlert'], isRead: false, permittedClicks: 1 });
	});
});

describe('waiting for a run', () => {
	it('polls every interval and once at Max Wait: at most ⌈maxWait / interval⌉ polls', () => {
		const start = 0;
		expect(nextPollDelay(start, 0, 0, 10000, 25000)).toBe(10000);
		expect(nextPollDelay(start, 10050, 1, 10000, 25000)).toBe(9950);
		expect(nextPollDelay(start, 20000, 2, 10000, 25000)).toBe(5000);
		expect(nextPollDelay(start, 25000, 3, 10000, 25000)).toBeUndefined();
	});

	it('polls at once when a slow answer made it late', () => {
		expect(nextPollDelay(0, 14000, 1, 10000, 60000)).toBe(6000);
		expect(nextPollDelay(0, 31000, 2, 10000, 60000)).toBe(0);
	});

	it("says why a run failed in Proofpoint's words: its reason, else its failed targets'", () => {
		expect(runFailureReason({ state: 'FAILED', reason: '1 of 1 targets failed: m-1 (the mail server refused the request)' })).toMatch(/mail server refused/);
		expect(runFailureReason({ state: 'FAILED', results: [{ targetId: 'm-1', state: 'FAILED', reason: 'mailbox not found' }, { targetId: 'm-2', state: 'SUCCESS' }] })).toBe('m-1: mailbox not found');
		expect(runFailureReason({ state: 'CANCELLED' })).toBe('Proofpoint gave no reason');
	});
});
