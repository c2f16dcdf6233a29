'use strict';

const { useSandbox, sandboxCredentials, threatProtectionCredential, SANDBOX_CREDENTIALS } = require('../../support');

const CLUSTER = SANDBOX_CREDENTIALS.threatProtection.clusterId;
const LIST_PATH = '/api/v1/emailProtection/modules/spam/orgBlockList';
const SAFE_PATH = '/api/v1/emailProtection/modules/spam/orgSafeList';

const block = (operation, parameters = {}) => ({ resource: 'blockList', operation, ...parameters });
const addBlock = (parameters = {}) => block('addEntries', { attribute: '={{ $json.attribute }}', operator: '={{ $json.operator }}', entryValue: '={{ $json.value }}', comment: '={{ $json.comment }}', ...parameters });
const items = (...entries) => entries.map((entry) => ({ json: { attribute: '$from', operator: 'equal', comment: 'test', ...entry } }));

/** "METHOD path" of the API calls (the token requests left out), and how many tokens were asked for. */
const apiCalls = (sb) => sb.requests.filter((request) => request.api === 'threatProtection' && request.path !== '/v1/token').map((request) => `${request.method} ${request.path}`);
const tokenRequests = (sb) => sb.requests.filter((request) => request.path === '/v1/token').length;
const entryValues = (sb, list = 'orgBlockList', cluster = CLUSTER) => sb.threatProtection.lists(cluster, list).map((entry) => `${entry.attribute} ${entry.operator} ${entry.value}`);

describe('Block List and Safe List (Threat Protection API)', () => {
	const { run, sb } = useSandbox({ retryAfterSeconds: 0 });
	let seeded;

	beforeAll(() => {
		seeded = { block: sb().threatProtection.lists(CLUSTER, 'orgBlockList'), safe: sb().threatProtection.lists(CLUSTER, 'orgSafeList') };
	});
	beforeEach(() => {
		sb().threatProtection.setList(CLUSTER, 'orgBlockList', seeded.block);
		sb().threatProtection.setList(CLUSTER, 'orgSafeList', seeded.safe);
	});

	it("gets the block list's entries with one token and one request, an item per entry", async () => {
		const result = await run(block('getEntries'));

		expect(apiCalls(sb())).toEqual([`GET ${LIST_PATH}`]);
		expect(sb().requests[1].query).toEqual({ clusterId: CLUSTER });
		expect(tokenRequests(sb())).toBe(1);
		expect(result.items.map((item) => item.json)).toEqual(seeded.block.map((entry) => ({ list: 'block list', clusterId: CLUSTER, ...entry })));
	});

	it('blocks two new senders and leaves one already there: one read, two adds', async () => {
		const present = seeded.block[0];
		const result = await run(addBlock(), { input: items({ value: 'ceo@evil.example' }, { attribute: present.attribute, operator: present.operator, value: present.value.toUpperCase() }, { value: 'cfo@evil.example' }) });

		expect(apiCalls(sb())).toEqual([`GET ${LIST_PATH}`, `POST ${LIST_PATH}`, `POST ${LIST_PATH}`]);
		expect(sb().requests.filter((request) => request.method === 'POST' && request.path === LIST_PATH).map((request) => request.body)).toEqual([
			{ action: 'add', attribute: '$from', operator: 'equal', value: 'ceo@evil.example', comment: 'test' },
			{ action: 'add', attribute: '$from', operator: 'equal', value: 'cfo@evil.example', comment: 'test' },
		]);
		expect(result.items.map((item) => item.json.result)).toEqual(['added', 'alreadyPresent', 'added']);
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(entryValues(sb())).toEqual(expect.arrayContaining(['$from equal ceo@evil.example', '$from equal cfo@evil.example']));
	});

	it('sends nothing the second time: a repeated run finds every entry present', async () => {
		const input = items({ value: 'ceo@evil.example' }, { value: 'cfo@evil.example' });
		await run(addBlock(), { input });
		sb().clearRequests();

		const again = await run(addBlock(), { input });

		expect(apiCalls(sb())).toEqual([`GET ${LIST_PATH}`]);
		expect(again.items.map((item) => item.json.result)).toEqual(['alreadyPresent', 'alreadyPresent']);
	});

	it('sends an entry asked for by two items once, and says which item asked first', async () => {
		const result = await run(addBlock(), { input: items({ value: 'ceo@evil.example' }, { value: 'CEO@evil.example' }) });

		expect(apiCalls(sb())).toEqual([`GET ${LIST_PATH}`, `POST ${LIST_PATH}`]);
		expect(result.items.map((item) => item.json)).toEqual([
			expect.objectContaining({ result: 'added' }),
			expect.objectContaining({ result: 'alreadyPresent', sameAsItem: 0 }),
		]);
	});

	it('removes an entry that is there and sends nothing for one that is not', async () => {
		const present = seeded.block[0];
		const result = await run(block('removeEntries', { attribute: '={{ $json.attribute }}', operator: '={{ $json.operator }}', entryValue: '={{ $json.value }}' }), {
			input: items({ attribute: present.attribute, operator: present.operator, value: present.value }, { value: 'never-listed@evil.example' }),
		});

		expect(apiCalls(sb())).toEqual([`GET ${LIST_PATH}`, `POST ${LIST_PATH}`]);
		expect(sb().requests.find((request) => request.method === 'POST' && request.path === LIST_PATH).body).toEqual({ action: 'delete', attribute: present.attribute, operator: present.operator, value: present.value });
		expect(result.items.map((item) => item.json.result)).toEqual(['removed', 'notPresent']);
		expect(entryValues(sb())).not.toContain(`${present.attribute} ${present.operator} ${present.value}`);
	});

	it('a dry run reads the list and says what each item would do, changing nothing', async () => {
		const result = await run(addBlock({ dryRun: true }), { input: items({ value: 'ceo@evil.example' }, { value: seeded.block[0].value, attribute: seeded.block[0].attribute, operator: seeded.block[0].operator }) });

		expect(apiCalls(sb())).toEqual([`GET ${LIST_PATH}`]);
		expect(result.items.map((item) => [item.json.result, item.json.dryRun])).toEqual([['wouldBeAdded', true], ['alreadyPresent', true]]);
		expect(sb().threatProtection.lists(CLUSTER, 'orgBlockList')).toEqual(seeded.block);
	});

	it('adds to the safe list, whose operators are its own', async () => {
		const result = await run({ resource: 'safeList', operation: 'addEntries', attribute: '$hfrom', operator: 'is_in_list', entryValue: 'vip-senders', comment: 'VIP dictionary' });

		expect(apiCalls(sb())).toEqual([`GET ${SAFE_PATH}`, `POST ${SAFE_PATH}`]);
		expect(result.items[0].json).toMatchObject({ list: 'safe list', result: 'added', operator: 'is_in_list' });
	});

	describe('refuses bad entries before any request, naming the item and the field', () => {
		it.each([
			['a safe-list operator the safe list does not have', { resource: 'safeList', operator: 'not_equal' }, { value: 'a@b.example' }, /Item 0: Operator "not_equal" is not an operator of the safe list/],
			['a comment over 150 characters', {}, { value: 'a@b.example', comment: 'x'.repeat(151) }, /Item 0: Comment is 151 characters long; Proofpoint keeps at most 150/],
			['a value with a line break', {}, { value: 'a@b.example\r\nX-Injected: 1' }, /Item 0: Value .* contains a line break/],
			['a comment with a control character', {}, { value: 'a@b.example', comment: 'ok\u0007' }, /Item 0: Comment contains a line break or another control character/],
			['an IP that is not one', { attribute: '$ip' }, { value: '203.0.113.999' }, /Item 0: Value "203.0.113.999" is not an IP address/],
			['an empty value', {}, { value: '  ' }, /Item 0: Value is empty/],
		])('%s', async (_, parameters, entry, message) => {
			const result = await run(addBlock({ ...parameters, ...(parameters.attribute ? { attribute: parameters.attribute } : {}) }), { input: items(entry) });

			expect(result.error?.message).toMatch(message);
			expect(sb().requests).toEqual([]);
		});

		it('and checks every item first: a bad third item stops the first two too', async () => {
			const result = await run(addBlock(), { input: items({ value: 'one@evil.example' }, { value: 'two@evil.example' }, { value: 'bad\nvalue' }) });

			expect(result.error?.message).toMatch(/^Item 2: Value/);
			expect(sb().requests).toEqual([]);
		});

		it('without a PoD Cluster ID in the credential or the options', async () => {
			const credentials = { ...sandboxCredentials(sb()), proofpointThreatProtectionOAuth2Api: threatProtectionCredential(sb(), { clusterId: '' }) };
			const result = await run(block('getEntries'), { credentials });

			expect(result.error?.message).toMatch(/No PoD Cluster ID/);
			expect(result.error?.description).toMatch(/credential .* or in Options → PoD Cluster ID/);
			expect(sb().requests).toEqual([]);
		});

		it('a Base URL of plain http:// to a host that is not loopback', async () => {
			const credentials = { ...sandboxCredentials(sb()), proofpointThreatProtectionOAuth2Api: threatProtectionCredential(sb(), { baseUrl: 'http://tp.example.test' }) };
			const result = await run(block('getEntries'), { credentials });

			expect(result.error?.message).toMatch(/plain http:\/\/ for tp\.example\.test/);
			expect(sb().requests).toEqual([]);
		});
	});

	describe('under faults, says per entry what was done and converges when run again', () => {
		it('stops sending after a failed add, reports each item, and a second run adds only the rest', async () => {
			const input = items({ value: 'one@evil.example' }, { value: 'two@evil.example' }, { value: 'three@evil.example' });
			// The second add fails with a 500: a POST is never repeated blindly, as it may have landed.
			sb().failNext({ method: 'POST', path: LIST_PATH, mode: '500', after: 1 });
			const first = await run(addBlock(), { input, onError: 'continueRegularOutput' });

			expect(first.items.map((item) => item.json.result ?? item.json.error)).toEqual(['added', expect.stringMatching(/server error \(500\)/), expect.stringMatching(/not sent, because item 1 failed/)]);
			expect(entryValues(sb())).toContain('$from equal one@evil.example');
			sb().clearRequests();

			const second = await run(addBlock(), { input });

			expect(second.items.map((item) => item.json.result)).toEqual(['alreadyPresent', 'added', 'added']);
			expect(apiCalls(sb()).filter((call) => call.startsWith('POST'))).toHaveLength(2);
			expect(entryValues(sb()).filter((entry) => entry.includes('evil.example'))).toEqual(['$from equal one@evil.example', '$from equal two@evil.example', '$from equal three@evil.example']);
		});

		it('without Continue On Fail, the error says how many entries were added before it', async () => {
			sb().failNext({ method: 'POST', path: LIST_PATH, mode: '500', after: 1 });
			const result = await run(addBlock(), { input: items({ value: 'one@evil.example' }, { value: 'two@evil.example' }, { value: 'three@evil.example' }) });

			expect(result.error?.message).toMatch(/server error \(500\) \(item 1\)/);
			expect(result.error?.description).toMatch(/^1 entry was added to the block list before it; the rest was not sent/);
			expect(result.error?.httpCode).toBe('500');
		});
	});

	describe('the token', () => {
		it('a wrong secret names the API Key and API Secret and where to make them, and shows no secret', async () => {
			const credentials = { ...sandboxCredentials(sb()), proofpointThreatProtectionOAuth2Api: threatProtectionCredential(sb(), { clientSecret: 'wrong-secret-value' }) };
			const result = await run(block('getEntries'), { credentials });

			expect(result.error?.message).toMatch(/Proofpoint refused the API Key or API Secret/);
			expect(result.error?.description).toMatch(/API Key Management → Threat Protection tab/);
			expect(apiCalls(sb())).toEqual([]);
			expect(JSON.stringify(result)).not.toMatch(/wrong-secret-value|sandbox-tp-client-secret/);
		});

		it('an expired token is refused once, n8n fetches a new one, and the request is sent again', async () => {
			const credentials = { ...sandboxCredentials(sb()), proofpointThreatProtectionOAuth2Api: threatProtectionCredential(sb(), { oauthTokenData: { access_token: 'expired-token', token_type: 'Bearer' } }) };
			const result = await run(block('getEntries'), { credentials });

			expect(result.error).toBeUndefined();
			// Neither the expired token nor the one n8n fetched shows in the output.
			expect(sb().threatProtection.issuedTokens().length).toBeGreaterThan(0);
			for (const token of [...sb().threatProtection.issuedTokens(), 'expired-token']) expect(JSON.stringify(result.items)).not.toContain(token);
			expect(apiCalls(sb())).toEqual([`GET ${LIST_PATH}`, `GET ${LIST_PATH}`]);
			expect(sb().requests.map((request) => request.status)).toEqual([401, 200, 200]);
			expect(tokenRequests(sb())).toBe(1);
			expect(result.items).toHaveLength(seeded.block.length);
		});
	});
});
