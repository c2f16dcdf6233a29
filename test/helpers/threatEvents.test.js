const { siemEndpoint, parseInstant, eventKey, eventTime, simplifyEvent, EVENT_KINDS } = require('../../dist/nodes/Proofpoint/helpers/threatEvents');

describe('which SIEM endpoint a request goes to', () => {
	test.each([
		[['clicksPermitted'], 'clicks/permitted'],
		[['clicksBlocked'], 'clicks/blocked'],
		[['messagesBlocked'], 'messages/blocked'],
		[['messagesDelivered'], 'messages/delivered'],
		[['clicksPermitted', 'messagesDelivered'], 'issues'],
		[['clicksPermitted', 'clicksBlocked'], 'all'],
		[[...EVENT_KINDS], 'all'],
	])('TAP, %j → /v2/siem/%s (one request covers every chosen type)', (kinds, endpoint) => {
		expect(siemEndpoint(kinds, 'tap')).toBe(endpoint);
	});

	test('the Essentials Threat API has only /all', () => {
		expect(siemEndpoint(['clicksPermitted'], 'essentials')).toBe('all');
	});
});

describe('queryEndTime and event times', () => {
	test.each([
		["TAP's ISO form", '2026-06-05T07:00:00Z', '2026-06-05T07:00:00.000Z'],
		['ISO with milliseconds', '2026-06-05T07:00:00.123Z', '2026-06-05T07:00:00.123Z'],
		["the Essentials API's Go layout", '2025-11-18 06:45:05 +0000 UTC', '2025-11-18T06:45:05.000Z'],
		['Go layout with a fraction and another zone', '2025-11-18 08:45:05.123456 +0200 EET', '2025-11-18T06:45:05.123Z'],
		['microseconds in ISO (Essentials messageTime)', '2025-11-18T06:45:05.000000Z', '2025-11-18T06:45:05.000Z'],
	])('parses %s', (_, text, iso) => {
		expect(new Date(parseInstant(text)).toISOString()).toBe(iso);
	});

	test.each([['not a time'], [''], [undefined], [42]])('gives undefined for %p', (value) => {
		expect(parseInstant(value)).toBeUndefined();
	});

	test('a message happened at its messageTime, a click at its clickTime', () => {
		expect(eventTime('messagesDelivered', { messageTime: '2026-06-05T06:12:33.000Z' })).toBe(Date.parse('2026-06-05T06:12:33Z'));
		expect(eventTime('clicksPermitted', { clickTime: '2026-06-05T06:12:40.000Z', messageTime: 'x' })).toBe(Date.parse('2026-06-05T06:12:40Z'));
	});
});

describe('the de-duplication key', () => {
	const message = (recipient, extra = {}) => ({ GUID: 'g-1', messageTime: '2026-06-05T06:00:00Z', recipient: [recipient], id: `id-${recipient}`, ...extra });

	test('a message to three recipients is three events, not one (GUID alone would drop two)', () => {
		const keys = ['a@acme.example', 'b@acme.example', 'c@acme.example'].map((recipient) => eventKey('messagesDelivered', message(recipient)));
		expect(new Set(keys).size).toBe(3);
	});

	test('the same message read again, with its threat status changed since, is the same event', () => {
		const first = message('a@acme.example', { threatsInfoMap: [{ threatStatus: 'active' }] });
		const later = message('a@acme.example', { threatsInfoMap: [{ threatStatus: 'cleared' }] });
		expect(eventKey('messagesDelivered', later)).toBe(eventKey('messagesDelivered', first));
	});

	test('recipient case and order do not make a new event', () => {
		expect(eventKey('messagesBlocked', { GUID: 'g', recipient: ['B@x.example', 'a@x.example'] })).toBe(
			eventKey('messagesBlocked', { GUID: 'g', recipient: ['a@x.example', 'b@x.example'] }),
		);
	});

	test('a click is keyed by its own id; a blocked and a permitted event never collide', () => {
		expect(eventKey('clicksPermitted', { id: 'c-1', GUID: 'g' })).not.toBe(eventKey('clicksPermitted', { id: 'c-2', GUID: 'g' }));
		expect(eventKey('clicksPermitted', { id: 'c-1' })).not.toBe(eventKey('clicksBlocked', { id: 'c-1' }));
	});
});

describe('Simplify', () => {
	test('a delivered message: the fields a person triages on, its first threat standing for it', () => {
		const event = {
			GUID: 'g-1',
			messageID: '<m@x>',
			messageTime: '2026-06-05T06:00:00.000Z',
			recipient: ['alice@acme.example'],
			sender: 'bad@evil.example',
			subject: 'Invoice',
			phishScore: 97,
			spamScore: 10,
			malwareScore: 0,
			impostorScore: 0,
			threatsInfoMap: [
				{ threatID: 't-1', threatUrl: 'https://threatinsight.proofpoint.com/t-1', classification: 'PHISH', threatType: 'URL', threatStatus: 'active', campaignID: 'c-1' },
				{ threatId: 't-2', classification: 'malware', threatType: 'attachment', threatStatus: 'active' },
			],
		};

		expect(simplifyEvent('messagesDelivered', event)).toEqual({
			eventType: 'messagesDelivered',
			time: '2026-06-05T06:00:00.000Z',
			recipient: 'alice@acme.example',
			sender: 'bad@evil.example',
			subject: 'Invoice',
			classification: 'phish',
			threatId: 't-1',
			threatIds: ['t-1', 't-2'],
			threatUrl: 'https://threatinsight.proofpoint.com/t-1',
			threatType: 'url',
			threatStatus: 'active',
			campaignId: 'c-1',
			url: null,
			guid: 'g-1',
			messageId: '<m@x>',
			id: null,
			senderIp: null,
			clickIp: null,
			userAgent: null,
			phishScore: 97,
			spamScore: 10,
			malwareScore: 0,
			impostorScore: 0,
		});
	});

	test("a permitted click, spelled as the docs have it (threatId, campaignId), and an Essentials customer's name", () => {
		const simple = simplifyEvent('clicksPermitted', {
			id: 'c-9',
			clickTime: '2026-06-05T06:01:00.000Z',
			recipient: 'bob@acme.example',
			sender: 'x@evil.example',
			url: 'https://evil.example/login',
			threatId: 't-3',
			threatURL: 'https://threatinsight.proofpoint.com/t-3',
			campaignId: 'c-2',
			classification: 'malware',
			threatStatus: 'active',
			customerName: 'Acme Corporation',
			clickIP: '192.0.2.7',
			userAgent: 'Mozilla/5.0',
		});

		expect(simple).toMatchObject({
			id: 'c-9',
			clickIp: '192.0.2.7',
			userAgent: 'Mozilla/5.0',
			eventType: 'clicksPermitted',
			time: '2026-06-05T06:01:00.000Z',
			recipient: 'bob@acme.example',
			subject: null,
			threatId: 't-3',
			threatIds: ['t-3'],
			threatUrl: 'https://threatinsight.proofpoint.com/t-3',
			campaignId: 'c-2',
			threatType: 'url',
			url: 'https://evil.example/login',
			phishScore: null,
			customerName: 'Acme Corporation',
		});
	});
});

describe('a threat summary', () => {
	const { withBothSpellings } = require('../../dist/nodes/Proofpoint/helpers/threatEvents');

	test('carries severity, verticals and geographies under both names the API uses', () => {
		expect(withBothSpellings({ id: 't', severityScore: 700, verticals: ['finance'] })).toEqual({
			id: 't',
			severity: 700,
			severityScore: 700,
			verticals: ['finance'],
			verticallyTargeted: ['finance'],
		});
	});
});
