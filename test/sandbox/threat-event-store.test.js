'use strict';

const { startSandbox, DEMO, THREAT_EVENT_KINDS } = require('../../sandbox');
const {
	MINUTE,
	HOUR,
	DAY,
	START,
	allEvents,
	threatIdOf,
	campaignIdOf,
} = require('./threat-event-helpers');

const MESSAGE_FIELDS = [
	'GUID',
	'QID',
	'id',
	'cluster',
	'ccAddresses',
	'completelyRewritten',
	'fromAddress',
	'headerFrom',
	'headerReplyTo',
	'headerTo',
	'impostorScore',
	'malwareScore',
	'phishScore',
	'spamScore',
	'messageID',
	'messageSize',
	'messageTime',
	'messageParts',
	'modulesRun',
	'policyRoutes',
	'quarantineFolder',
	'quarantineRule',
	'recipient',
	'replyToAddress',
	'sender',
	'senderIP',
	'subject',
	'toAddresses',
	'xmailer',
	'threatsInfoMap',
].sort();
const CLICK_FIELDS = [
	'campaignID',
	'classification',
	'clickIP',
	'clickTime',
	'GUID',
	'id',
	'messageID',
	'recipient',
	'sender',
	'senderIP',
	'threatID',
	'threatTime',
	'threatURL',
	'threatStatus',
	'url',
	'userAgent',
].sort();
// Variant spellings are the same fields under another name.
const canonical = (key) => ({ threatId: 'threatID', campaignId: 'campaignID' })[key] ?? key;
const fieldsOf = (event) => Object.keys(event).map(canonical).sort();

let sb;
let clock;

beforeAll(async () => {
	clock = START;
	sb = await startSandbox({ port: 0, now: () => clock });
});
afterAll(() => sb.close());
afterEach(() => sb.setTime(START));

// Every status, so that threats turning falsePositive do not take events out of the counts.
const ANY_STATUS = ['active', 'cleared', 'falsePositive'];
let generatedEvents;
// Every generated event, read once (before the tests add any), whatever its time or status.
const everything = () => {
	generatedEvents ??= sb.siem.truth({ visibleAt: Infinity, threatStatus: ANY_STATUS });
	return generatedEvents;
};
const messagesOf = (answer) => [...answer.messagesDelivered, ...answer.messagesBlocked];
const clicksOf = (answer) => [...answer.clicksPermitted, ...answer.clicksBlocked];

describe('the sandbox clock', () => {
	it('setTime() puts the clock at an absolute time whatever `now` returns; advanceTime() moves on from there', () => {
		sb.setTime(Date.parse('2026-06-07T00:00:00Z'));
		expect(sb.now()).toBe(Date.parse('2026-06-07T00:00:00Z'));
		sb.advanceTime(90 * 1000);
		expect(sb.now()).toBe(Date.parse('2026-06-07T00:01:30Z'));
		clock += 1000;
		expect(sb.now()).toBe(Date.parse('2026-06-07T00:01:31Z'));
		clock -= 1000;
		sb.setTime('2026-06-05T06:00:30Z');
		expect(sb.now()).toBe(START);
	});

	it('decides what is visible by the sandbox clock', () => {
		const [event] = sb.siem.inject('messagesDelivered', { time: START + HOUR });
		const window = { start: START + HOUR, end: START + HOUR + MINUTE };
		expect(sb.siem.truth(window).messagesDelivered).toEqual([]);
		sb.advanceTime(2 * HOUR);
		expect(sb.siem.truth(window).messagesDelivered.map((found) => found.id)).toContain(event.id);
	});
});

describe('the seeded event store', () => {
	it('generates about perHour events an hour for spanDays either side of the start, 35/35/15/15 % by kind', () => {
		const answer = everything();
		const messages = new Set(messagesOf(answer).map((event) => event.GUID));
		const occurrences = messages.size + clicksOf(answer).length;
		const expected = 12 * 24 * 2 * 8;
		expect(occurrences).toBeGreaterThan(expected * 0.95);
		expect(occurrences).toBeLessThan(expected * 1.05);
		const messageShare = (events) => new Set(events.map((event) => event.GUID)).size / occurrences;
		expect(messageShare(answer.messagesDelivered)).toBeCloseTo(0.35, 1);
		expect(messageShare(answer.messagesBlocked)).toBeCloseTo(0.35, 1);
		expect(answer.clicksPermitted.length / occurrences).toBeCloseTo(0.15, 1);
		expect(answer.clicksBlocked.length / occurrences).toBeCloseTo(0.15, 1);
		const times = [
			...messagesOf(answer).map((event) => Date.parse(event.messageTime)),
			...clicksOf(answer).map((event) => Date.parse(event.clickTime)),
		];
		expect(Math.min(...times)).toBeGreaterThanOrEqual(START - 8 * DAY);
		expect(Math.max(...times)).toBeLessThan(START + 8 * DAY);
		expect(Math.min(...times)).toBeLessThan(START - 7 * DAY);
		expect(Math.max(...times)).toBeGreaterThan(START + 7 * DAY);
	});

	it('keeps events still to come out of sight until they happen', () => {
		const upcoming = sb.siem.truth({ start: START, end: START + DAY });
		expect(allEvents(upcoming)).toEqual([]);
		sb.setTime(START + DAY + HOUR);
		expect(allEvents(sb.siem.truth({ start: START, end: START + DAY })).length).toBeGreaterThan(
			200,
		);
	});

	it('sends only the documented fields, hidden ones never', () => {
		const answer = everything();
		const shapes = (events) => [...new Set(events.map((event) => fieldsOf(event).join(' ')))];
		expect(shapes(messagesOf(answer))).toEqual([MESSAGE_FIELDS.join(' ')]);
		expect(shapes(clicksOf(answer))).toEqual([CLICK_FIELDS.join(' ')]);
		expect(JSON.stringify(answer)).not.toMatch(/visibleAt|"order"|"seed"|"variant"/);
	});

	it('writes a message to 3 recipients as 3 events sharing GUID, messageTime, subject, sender and threats', () => {
		const recipients = DEMO.acmeEmails.slice(2, 5);
		const events = sb.siem.inject('messagesDelivered', {
			time: START - 2 * HOUR,
			recipients,
		});
		const found = sb.siem
			.truth({ kinds: ['messagesDelivered'], start: START - 2 * HOUR, end: START - 2 * HOUR + 1 })
			.messagesDelivered.filter((event) => event.GUID === events[0].GUID);
		expect(found).toHaveLength(3);
		expect(found.map((event) => event.recipient).sort()).toEqual(recipients.map((r) => [r]).sort());
		expect(new Set(found.map((event) => event.id)).size).toBe(3);
		for (const field of [
			'QID',
			'messageID',
			'messageTime',
			'subject',
			'sender',
			'threatsInfoMap',
		]) {
			expect(new Set(found.map((event) => JSON.stringify(event[field]))).size).toBe(1);
		}
		expect(found[0].toAddresses.length + found[0].ccAddresses.length).toBe(3);
	});

	it('sends about multiRecipientShare of generated messages to 2–4 recipients', () => {
		const byGuid = new Map();
		for (const event of messagesOf(everything())) {
			byGuid.set(event.GUID, [...(byGuid.get(event.GUID) ?? []), event]);
		}
		const groups = [...byGuid.values()];
		const multiple = groups.filter((group) => group.length > 1);
		expect(multiple.length / groups.length).toBeCloseTo(0.3, 1);
		expect(Math.max(...groups.map((group) => group.length))).toBe(4);
		const inconsistent = multiple.filter(
			(group) =>
				new Set(group.map((event) => event.messageTime)).size !== 1 ||
				new Set(group.map((event) => event.recipient[0])).size !== group.length,
		);
		expect(inconsistent).toEqual([]);
	});

	it('gives every click its own id and a single recipient string', () => {
		const clicks = clicksOf(everything());
		expect(new Set(clicks.map((click) => click.id)).size).toBe(clicks.length);
		expect(clicks.filter((click) => typeof click.recipient !== 'string')).toEqual([]);
	});

	it('addresses acme.example users, from senders outside the tenant', () => {
		const answer = everything();
		const users = new Set(DEMO.acmeEmails);
		const recipients = [
			...messagesOf(answer).flatMap((event) => event.recipient),
			...clicksOf(answer).map((event) => event.recipient),
		];
		expect(recipients.filter((address) => !users.has(address))).toEqual([]);
		const tenantDomains = [...DEMO.acmeDomains, DEMO.partner, DEMO.initech, DEMO.globex];
		const senderDomains = new Set(messagesOf(answer).map((event) => event.sender.split('@')[1]));
		expect([...senderDomains].filter((domain) => tenantDomains.includes(domain))).toEqual([]);
	});

	it('writes times with milliseconds and ids like the real ones', () => {
		const answer = everything();
		const [message] = answer.messagesBlocked;
		expect(message.messageTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
		expect(message.id).toMatch(
			/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
		);
		expect(threatIdOf(message.threatsInfoMap[0])).toMatch(/^[0-9a-f]{64}$/);
		const withCampaign = messagesOf(answer)
			.flatMap((event) => event.threatsInfoMap)
			.find((info) => campaignIdOf(info));
		expect(campaignIdOf(withCampaign)).toMatch(
			/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
		);
		expect([true, false, 'na']).toContain(message.completelyRewritten);
	});

	it('uses only threats and campaigns of the pools, and some threats belong to no campaign', () => {
		const threats = new Map(sb.siem.threats().map((threat) => [threat.id, threat]));
		const campaigns = new Set(sb.siem.campaigns().map((campaign) => campaign.id));
		expect(threats.size).toBe(40);
		expect(campaigns.size).toBe(8);
		const answer = everything();
		const infos = [
			...messagesOf(answer).flatMap((event) => event.threatsInfoMap),
			...clicksOf(answer),
		];
		const unknown = infos.filter((info) => {
			const threat = threats.get(threatIdOf(info));
			const campaignId = campaignIdOf(info);
			return (
				!threat || campaignId !== threat.campaignId || (campaignId && !campaigns.has(campaignId))
			);
		});
		expect(unknown).toEqual([]);
		expect(infos.some((info) => campaignIdOf(info) === null)).toBe(true);
		expect(new Set([...threats.values()].map((threat) => threat.type))).toEqual(
			new Set(['url', 'attachment', 'messageText']),
		);
		const clickTypes = new Set(
			clicksOf(answer).map((click) => threats.get(threatIdOf(click)).type),
		);
		expect(clickTypes).toEqual(new Set(['url']));
	});

	it('spells about variantShare of TAP events the other way: threatId, campaignId, MALWARE, URL', () => {
		const answer = everything();
		const events = [...messagesOf(answer), ...clicksOf(answer)];
		const texts = events.map((event) => JSON.stringify(event));
		const variant = texts.filter((text) =>
			/"threatId"|"campaignId"|"classification":"[A-Z]+"|"threatType":"URL"/.test(text),
		);
		expect(variant.length / events.length).toBeGreaterThan(0.1);
		expect(variant.length / events.length).toBeLessThan(0.25);
		for (const pattern of [
			'"threatId"',
			'"campaignId"',
			'"classification":"MALWARE"',
			'"threatType":"URL"',
		]) {
			expect(texts.some((text) => text.includes(pattern))).toBe(true);
		}
		expect(texts.some((text) => text.includes('"classification":"malware"'))).toBe(true);
	});

	it('logs some clicks with the original URL and some with the urldefense rewrite', () => {
		const clicks = clicksOf(everything());
		const rewritten = clicks.filter((click) => /^https:\/\/urldefense\./.test(click.url));
		expect(rewritten.length).toBeGreaterThan(clicks.length * 0.3);
		expect(rewritten.length).toBeLessThan(clicks.length * 0.7);
	});
});

describe('late indexing', () => {
	it('leaves an event 20 minutes late out of its window until it is visible', () => {
		const time = START - 10 * MINUTE;
		const [event] = sb.siem.inject('clicksPermitted', { time, visibleAt: time + 20 * MINUTE });
		const window = { kinds: ['clicksPermitted'], start: time, end: time + MINUTE };
		expect(sb.siem.truth(window).clicksPermitted).toEqual([]);
		sb.setTime(time + 20 * MINUTE - 1);
		expect(sb.siem.truth(window).clicksPermitted).toEqual([]);
		sb.setTime(time + 20 * MINUTE);
		expect(sb.siem.truth(window).clicksPermitted).toEqual([event]);
	});

	it('indexes most generated events within a minute, some within 10 and none later than lateMaxMinutes', () => {
		const missing = { 0: 0, [MINUTE]: 0, [10 * MINUTE]: 0, [30 * MINUTE]: 0 };
		let total = 0;
		for (let hour = 0; hour < 7 * 24; hour++) {
			const end = START - 7 * DAY + (hour + 1) * HOUR;
			const window = { start: end - HOUR, end, threatStatus: ANY_STATUS };
			const all = allEvents(sb.siem.truth({ ...window, visibleAt: Infinity })).length;
			total += all;
			for (const lag of Object.keys(missing)) {
				missing[lag] +=
					all - allEvents(sb.siem.truth({ ...window, visibleAt: end + Number(lag) })).length;
			}
		}
		expect(missing[0]).toBeGreaterThan(missing[MINUTE]);
		expect(missing[MINUTE]).toBeGreaterThan(0);
		expect(missing[MINUTE]).toBeGreaterThanOrEqual(missing[10 * MINUTE]);
		expect(missing[30 * MINUTE]).toBe(0);
		expect(missing[0] / total).toBeLessThan(0.05);
	});
});

describe('threat status changes', () => {
	const changing = (status) =>
		sb.siem.threats().find((threat) => threat.statusChange?.status === status);

	it.each(['cleared', 'falsePositive'])(
		'shows a threat that turns %s as active before the change, with its new status after',
		(status) => {
			const threat = changing(status);
			const changeAt = Date.parse(threat.statusChange.at);
			const time = Date.parse(threat.threatTime) + MINUTE;
			sb.setTime(time + HOUR);
			const [event] = sb.siem.inject('messagesBlocked', { time, threats: [threat.id] });
			const window = { kinds: ['messagesBlocked'], start: time, end: time + 1 };
			expect(sb.siem.truth(window).messagesBlocked[0].threatsInfoMap[0].threatStatus).toBe(
				'active',
			);
			sb.setTime(changeAt + MINUTE);
			const all = { ...window, threatStatus: ['active', 'cleared', 'falsePositive'] };
			expect(
				sb.siem.truth(all).messagesBlocked.map((found) => found.threatsInfoMap[0].threatStatus),
			).toEqual([status]);
			// The default asks for active and cleared only.
			const byDefault = sb.siem.truth(window).messagesBlocked.map((found) => found.id);
			expect(byDefault).toEqual(status === 'cleared' ? [event.id] : []);
		},
	);

	it('answers as of the query time even for windows read long before', () => {
		const threat = changing('cleared');
		const time = Date.parse(threat.threatTime) + MINUTE;
		sb.setTime(time + HOUR);
		sb.siem.inject('clicksBlocked', { time, threats: [threat.id] });
		const window = { kinds: ['clicksBlocked'], start: time, end: time + 1 };
		const statusAt = (visibleAt) =>
			sb.siem.truth({ ...window, visibleAt }).clicksBlocked.map((click) => click.threatStatus);
		expect(statusAt(time + HOUR)).toEqual(['active']);
		expect(statusAt(Date.parse(threat.statusChange.at))).toEqual(['cleared']);
	});
});

describe('adding events', () => {
	it('injects one event with sensible defaults: now, visible at once, a fresh GUID and id', () => {
		const [first] = sb.siem.inject('messagesDelivered');
		const [second] = sb.siem.inject('messagesDelivered', { subject: 'Quarterly numbers' });
		expect(first.messageTime).toBe(new Date(START).toISOString());
		expect(first.GUID).not.toBe(second.GUID);
		expect(first.id).not.toBe(second.id);
		expect(second.subject).toBe('Quarterly numbers');
		sb.advanceTime(MINUTE);
		const found = sb.siem.truth({ start: START, end: START + 1 }).messagesDelivered;
		expect(found.map((event) => event.id).sort()).toEqual([first.id, second.id].sort());
	});

	it('refuses an unknown kind or threat id', () => {
		expect(() => sb.siem.inject('messagesLost')).toThrow(/Unknown event kind/);
		expect(() => sb.siem.inject('clicksBlocked', { threats: ['f'.repeat(64)] })).toThrow(
			/No threat/,
		);
	});

	it('adds a burst of 20,000 message events in one hour in well under a second', () => {
		const start = START - 5 * HOUR;
		const started = performance.now();
		const added = sb.siem.addBurst({
			kind: 'messagesDelivered',
			start,
			durationMs: HOUR,
			count: 20000,
		});
		expect(performance.now() - started).toBeLessThan(1000);
		expect(added).toBe(20000);
		const found = sb.siem.truth({
			kinds: ['messagesDelivered'],
			start,
			end: start + HOUR,
		}).messagesDelivered;
		expect(found.length).toBeGreaterThanOrEqual(20000);
		expect(new Set(found.map((event) => event.id)).size).toBe(found.length);
	});

	it('answers a one-hour window over a week of events in milliseconds', () => {
		const started = performance.now();
		for (let hour = 1; hour <= 100; hour++) {
			sb.siem.truth({
				start: START - 6 * DAY + hour * HOUR,
				end: START - 6 * DAY + (hour + 1) * HOUR,
			});
		}
		expect((performance.now() - started) / 100).toBeLessThan(20);
	});
});

describe('seeds and empty stores', () => {
	it('gives the same events for the same seed and start, others for another seed', async () => {
		const twin = await startSandbox({ port: 0, now: () => START });
		const other = await startSandbox({ port: 0, now: () => START, siem: { seed: 8 } });
		try {
			const window = { start: START - 2 * DAY, end: START - DAY };
			const fresh = await startSandbox({ port: 0, now: () => START });
			const expected = fresh.siem.truth(window);
			await fresh.close();
			expect(twin.siem.truth(window)).toEqual(expected);
			expect(other.siem.truth(window)).not.toEqual(expected);
			expect(twin.siem.threats()).toEqual(sb.siem.threats());
		} finally {
			await Promise.all([twin.close(), other.close()]);
		}
	});

	it('starts empty with siem: false, takes injected events, and clear() removes every event', async () => {
		const empty = await startSandbox({ port: 0, now: () => START, siem: false });
		try {
			expect(allEvents(empty.siem.truth({ visibleAt: Infinity }))).toEqual([]);
			expect(empty.siem.threats()).toHaveLength(40);
			empty.siem.inject('clicksBlocked', { time: START - MINUTE });
			expect(allEvents(empty.siem.truth())).toHaveLength(1);
			empty.siem.clear();
			expect(allEvents(empty.siem.truth({ visibleAt: Infinity }))).toEqual([]);
			expect(
				allEvents(
					empty.siem.truth({ platform: 'essentials', customerData: true, visibleAt: Infinity }),
				),
			).toEqual([]);
		} finally {
			await empty.close();
		}
	});

	it('lists the four kinds', () => {
		expect(THREAT_EVENT_KINDS).toEqual([
			'messagesDelivered',
			'messagesBlocked',
			'clicksPermitted',
			'clicksBlocked',
		]);
	});
});
