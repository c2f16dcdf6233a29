'use strict';

const { useSandbox, sandboxCredentials, threatProtectionCredential } = require('../../support');

const SEARCH = '/api/v1/tric/messages';

/** The credential paced to 600 CTR calls a minute, as the sandbox is started here: tests do not wait on the real rate. */
const fastCredentials = (sb) => ({ ...sandboxCredentials(sb), proofpointThreatProtectionOAuth2Api: threatProtectionCredential(sb, { ctrCallsPerMinute: 600 }) });

const search = (filters = {}, parameters = {}) => ({ resource: 'message', operation: 'search', timeRange: 'any', filters, returnAll: false, limit: 50, simplify: true, ...parameters });
const searches = (sb) => sb.requests.filter((request) => request.method === 'POST' && request.path === SEARCH);
const newestFirst = (messages) => [...messages].sort((a, b) => Date.parse(b.received_time) - Date.parse(a.received_time));

describe('Message → Search', () => {
	const { run: runNode, sb } = useSandbox({ retryAfterSeconds: 0, threatProtection: { ctrPerMinute: 600 } });
	const run = (parameters, options = {}) => runNode(parameters, { credentials: fastCredentials(sb()), ...options });
	let click;
	let incident;

	beforeAll(() => {
		// A TAP click and the CTR incident holding the message it came in, as in a SOC's workflow.
		[click] = sb().siem.inject('clicksPermitted', { time: sb().now() - 5 * 60 * 1000 });
		incident = sb().threatProtection.addIncident({
			source: 'tap',
			messages: [{ message_id: click.messageID, sender_address: click.sender, recipient_address: click.recipient, email_subject: 'Your password expires today' }],
		});
	});

	it("finds the delivered message of a TAP click by its recipient and sender, whatever their case", async () => {
		const result = await run(search({ recipient: click.recipient.toUpperCase(), sender: click.sender }));

		expect(searches(sb())).toHaveLength(1);
		// The domain is sent lower-cased, as every address the node checks; the local part as given.
		const [local, domain] = click.recipient.split('@');
		expect(searches(sb())[0].body).toMatchObject({
			filters: { recipient_address_filters: [`${local.toUpperCase()}@${domain.toLowerCase()}`], sender_address_filters: [click.sender] },
			startRow: 0,
			endRow: 50,
			sortParams: [{ sort: 'desc', colId: 'received_time' }],
		});
		expect(result.items.map((item) => item.json.messageId)).toContain(click.messageID);
		const wanted = sb().threatProtection.messages().filter((message) => message.recipient_address.toLowerCase() === click.recipient.toLowerCase() && message.sender_address === click.sender);
		expect(result.items).toHaveLength(wanted.length);
	});

	it.each([
		['as TAP gives it, in <>', (id) => id],
		['without the <>', (id) => id.replace(/^<|>$/g, '')],
	])("finds it by the click's Message-ID %s, sent in <>", async (_, form) => {
		const result = await run(search({ messageIdHeader: form(click.messageID) }));

		expect(searches(sb())[0].body.filters).toEqual({ message_id_filters: [click.messageID] });
		expect(result.items.map((item) => item.json)).toEqual([
			expect.objectContaining({
				messageId: click.messageID,
				recipient: click.recipient,
				sender: click.sender,
				subject: 'Your password expires today',
				remediationStatus: 'not_attempted',
				incidents: [{ id: incident.id, displayId: incident.displayId, title: incident.title }],
			}),
		]);
	});

	it('finds messages whose subject contains a text', async () => {
		const result = await run(search({ subject: 'invoice' }, { returnAll: true }));

		const wanted = sb().threatProtection.messages().filter((message) => message.email_subject.toLowerCase().includes('invoice'));
		expect(wanted.length).toBeGreaterThan(0);
		expect(result.items.map((item) => item.json.id).sort()).toEqual(wanted.map((message) => message.id).sort());
		expect(result.items.every((item) => /invoice/i.test(item.json.subject))).toBe(true);
	});

	it('selects by the time CTR received a message, and reads oldest first when asked', async () => {
		const all = newestFirst(sb().threatProtection.messages());
		const start = all[200].received_time;
		const end = all[100].received_time;
		const result = await run(search({}, { timeRange: 'between', startTime: start, endTime: end, returnAll: true, options: { order: 'oldest' } }));

		const [from, to] = [Math.floor(Date.parse(start) / 1000) * 1000, Math.ceil(Date.parse(end) / 1000) * 1000];
		// The sandbox keeps messages oldest first: the order an ascending search gives.
		const wanted = sb().threatProtection.messages().filter((message) => Date.parse(message.received_time) >= from && Date.parse(message.received_time) <= to);
		expect(result.items.map((item) => item.json.id)).toEqual(wanted.map((message) => message.id));
		expect(searches(sb())[0].body.sortParams).toEqual([{ sort: 'asc', colId: 'received_time' }]);
	});

	it('reads pages of at most 100: a Limit of 250 is 3 requests, newest first, each message once', async () => {
		const result = await run(search({}, { limit: 250 }));

		expect(searches(sb()).map(({ body }) => [body.startRow, body.endRow])).toEqual([[0, 100], [100, 200], [200, 250]]);
		expect(new Set(result.items.map((item) => item.json.id)).size).toBe(250);
		expect(result.items.map((item) => item.json.id)).toEqual(newestFirst(sb().threatProtection.messages()).slice(0, 250).map((message) => message.id));
	});

	it("gives without Simplify the API's snake_case rows", async () => {
		const result = await run(search({ messageIdHeader: click.messageID }, { simplify: false }));

		expect(result.items.map((item) => item.json)).toEqual(sb().threatProtection.messages().filter((message) => message.message_id === click.messageID));
	});

	it.each([
		['a sender that is not an address', { sender: 'not an address' }, /^Item 0: Sender entry "not an address" is not an email address/],
		['a Message-ID with a line break', { messageIdHeader: '<a@b>\r\nBcc: x' }, /^Item 0: Message-ID Header entry .* is not a Message-ID/],
	])('refuses %s before any request', async (_, filters, message) => {
		const result = await run(search(filters));

		expect(result.error?.message).toMatch(message);
		expect(sb().requests).toEqual([]);
	});
});
