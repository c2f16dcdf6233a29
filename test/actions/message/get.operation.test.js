'use strict';

const { useSandbox, sandboxCredentials, threatProtectionCredential } = require('../../support');

/** The credential paced to 600 CTR calls a minute, as the sandbox is started here: tests do not wait on the real rate. */
const fastCredentials = (sb) => ({ ...sandboxCredentials(sb), proofpointThreatProtectionOAuth2Api: threatProtectionCredential(sb, { ctrCallsPerMinute: 600 }) });

const get = (messageId, parameters = {}) => ({ resource: 'message', operation: 'get', messageId, simplify: true, ...parameters });
const apiCalls = (sb) => sb.requests.filter((request) => request.path !== '/v1/token').map((request) => `${request.method} ${request.path}`);

describe('Message → Get', () => {
	const { run: runNode, sb } = useSandbox({ retryAfterSeconds: 0, threatProtection: { ctrPerMinute: 600 } });
	const run = (parameters, options = {}) => runNode(parameters, { credentials: fastCredentials(sb()), ...options });
	let message;

	beforeAll(() => {
		message = sb().threatProtection.messages().find((candidate) => candidate.sources[0].type === 'TapAlert');
	});

	it('gets a message by its ID with one request, simplified to the same fields a Search gives', async () => {
		const [got, found] = [await run(get(message.id)), await run({ resource: 'message', operation: 'search', timeRange: 'any', filters: { messageIdHeader: message.message_id }, returnAll: true, simplify: true })];

		expect(apiCalls(sb())[0]).toBe(`GET /api/v1/tric/messages/${message.id}`);
		const { timeline, ...fields } = got.items[0].json;
		expect(timeline).toEqual([]);
		expect(fields).toEqual(found.items.find((item) => item.json.id === message.id).json);
		expect(fields).toMatchObject({ id: message.id, messageId: message.message_id, sender: message.sender_address, recipient: message.recipient_address, receivedAt: new Date(message.received_at).toISOString() });
	});

	it("gives the API's answer without Simplify: details (camelCase), timeline and comments", async () => {
		const result = await run(get(message.id, { simplify: false }));

		expect(result.items[0].json).toEqual({ details: expect.objectContaining({ id: message.id, senderAddress: message.sender_address }), timeline: [], comments: [] });
	});

	it('says which message is unknown on a 404', async () => {
		const unknown = '00000000-0000-4000-8000-00000000beef';
		const result = await run(get(unknown));

		expect(result.error?.message).toBe(`Message "${unknown}" is unknown to the Threat Protection API (404)`);
		expect(apiCalls(sb())).toEqual([`GET /api/v1/tric/messages/${unknown}`]);
	});

	it.each([
		['a path', '../incidents'],
		['a dot segment', '..'],
		['a line break', 'abc\r\nX-Injected: 1'],
		['an empty id', ''],
		['a Message-ID header instead of the CTR ID', '<abc@mail.example>'],
	])('refuses %s before any request, naming the item and the field', async (_, id) => {
		const result = await run(get('={{ $json.id }}'), { input: [{ json: { id } }] });

		expect(result.error?.message).toMatch(/^Item 0: Message ID /);
		expect(sb().requests).toEqual([]);
	});

	it('gives the error as the item under Continue On Fail, and the other items their message', async () => {
		const result = await run(get('={{ $json.id }}'), { input: [{ json: { id: 'a/b' } }, { json: { id: message.id } }], onError: 'continueRegularOutput' });

		expect(result.items.map((item) => item.json.error ?? item.json.id)).toEqual([expect.stringMatching(/^Item 0: Message ID .* contains a slash/), message.id]);
		expect(JSON.stringify(result)).not.toMatch(/sandbox-tp-client-secret/);
	});
});
