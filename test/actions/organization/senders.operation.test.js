'use strict';

const { useSandbox, seen } = require('../../support');

const org = (operation, parameters) => ({ resource: 'organization', operation, domain: 'acme.example', senderList: 'blocked', ...parameters });

describe("Organization → sender lists", () => {
	const { run, sb } = useSandbox({ retryAfterSeconds: 0 });

	it("gets the organization's allowed and blocked senders", async () => {
		const result = await run(org('getSenderLists'));

		expect(seen(sb())).toEqual(['GET /orgs/acme.example/sender-lists']);
		expect(result.items[0].json).toEqual({ domain: 'acme.example', allowedSenders: ['*@partner.example'], blockedSenders: [] });
	});

	it('blocks a sender for the whole organization, sending only the new entry', async () => {
		const result = await run(org('addSenders', { senders: 'ceo@evil.example' }));

		expect(seen(sb())).toEqual(['GET /orgs/acme.example/sender-lists', 'POST /orgs/acme.example/sender-lists']);
		expect(sb().requests[1].body).toEqual({ block_list: ['ceo@evil.example'] });
		expect(sb().getOrg('acme.example').black_list_senders).toEqual(['ceo@evil.example']);
		expect(result.items[0].json).toMatchObject({ added: ['ceo@evil.example'], changed: true, senders: ['ceo@evil.example'] });
	});

	it('sends nothing when the entry is already listed', async () => {
		const result = await run(org('addSenders', { senders: 'CEO@evil.example' }));

		expect(seen(sb())).toEqual(['GET /orgs/acme.example/sender-lists']);
		expect(result.items[0].json.changed).toBe(false);
	});

	it('removes an allowed sender with DELETE, keeping the others', async () => {
		const result = await run(org('removeSenders', { senderList: 'allowed', senders: '*@partner.example' }));

		expect(seen(sb())).toEqual(['GET /orgs/acme.example/sender-lists', 'DELETE /orgs/acme.example/sender-lists']);
		expect(sb().requests[1].body).toEqual({ allow_list: ['*@partner.example'] });
		expect(sb().getOrg('acme.example').white_list_senders).toEqual([]);
		expect(result.items[0].json.removed).toEqual(['*@partner.example']);
	});

	it('a read-only admin is told why it may not, before anything changes', async () => {
		const result = await run(org('addSenders', { senders: 'x@evil.example' }), { login: 'readOnly' });

		expect(result.error.httpCode).toBe('403');
		expect(sb().getOrg('acme.example').black_list_senders).toEqual(['ceo@evil.example']);
	});
});

describe('Organization → features', () => {
	const { run, sb } = useSandbox({ retryAfterSeconds: 0 });

	it("gets the features of acme's business package", async () => {
		const result = await run({ resource: 'organization', operation: 'getFeatures', domain: 'acme.example' });

		expect(seen(sb())).toEqual(['GET /orgs/acme.example/features']);
		expect(result.items[0].json).toMatchObject({ domain: 'acme.example', url_defense: true, attachment_defense: true, instant_replay: 30 });
	});

	it('turns a feature off: read, changed, written back whole', async () => {
		const result = await run({ resource: 'organization', operation: 'updateFeatures', domain: 'acme.example', updateFields: { email_warning_tags: false, instant_replay: 14 } });

		expect(seen(sb())).toEqual(['GET /orgs/acme.example/features', 'PUT /orgs/acme.example/features']);
		expect(sb().requests[1].body).toMatchObject({ url_defense: true, email_warning_tags: false, instant_replay: 14 });
		expect(result.items[0].json).toMatchObject({ email_warning_tags: false, instant_replay: 14 });
	});

	it("refuses a feature the package does not have, after reading and before writing", async () => {
		const result = await run({ resource: 'organization', operation: 'updateFeatures', domain: 'acme.example', updateFields: { dlp: true } });

		expect(result.error.message).toBe("The organization's package has no dlp");
		expect(result.error.description).toMatch(/^Nothing was changed\. Its features are: /);
		expect(seen(sb())).toEqual(['GET /orgs/acme.example/features']);
	});

	it('refuses an empty update before any request', async () => {
		const result = await run({ resource: 'organization', operation: 'updateFeatures', domain: 'acme.example', updateFields: {} });

		expect(result.error.message).toBe('Item 0: Update Fields is empty');
		expect(sb().requests).toEqual([]);
	});
});
