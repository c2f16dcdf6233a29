'use strict';

const { useSandbox, seen } = require('../../support');

const senders = (operation, parameters) => ({ resource: 'user', operation, domain: 'acme.example', email: 'bob.smith@acme.example', senderList: 'blocked', ...parameters });

describe("User → Add Senders / Remove Senders", () => {
	const { run, sb } = useSandbox({ retryAfterSeconds: 0 });
	const bob = () => sb().getUser('acme.example', 'bob.smith@acme.example');

	it("blocks a sender for one user: read, add, write back with every other entry kept", async () => {
		const result = await run(senders('addSenders', { senders: 'phish@evil.example, *@evil.example' }));

		expect(seen(sb())).toEqual(['GET /orgs/acme.example/users/bob.smith@acme.example', 'PUT /orgs/acme.example/users/bob.smith@acme.example']);
		expect(bob().black_list_senders).toEqual(['bob@baddomain.example', 'phish@evil.example', '*@evil.example']);
		expect(bob().white_list_senders).toEqual([]);
		expect(result.items[0].json).toMatchObject({ email: 'bob.smith@acme.example', senderList: 'blocked', added: ['phish@evil.example', '*@evil.example'], alreadyListed: [], changed: true });
	});

	it('adding an entry already there (in any case) changes nothing and sends no PUT', async () => {
		const result = await run(senders('addSenders', { senders: 'PHISH@evil.example' }));

		expect(seen(sb())).toEqual(['GET /orgs/acme.example/users/bob.smith@acme.example']);
		expect(result.items[0].json).toMatchObject({ added: [], alreadyListed: ['PHISH@evil.example'], changed: false });
	});

	it('removes an entry and keeps the rest', async () => {
		const result = await run(senders('removeSenders', { senders: '*@evil.example, never@listed.example' }));

		expect(bob().black_list_senders).toEqual(['bob@baddomain.example', 'phish@evil.example']);
		expect(result.items[0].json).toMatchObject({ removed: ['*@evil.example'], notListed: ['never@listed.example'], changed: true });
	});

	it("works on the allow list too, from a SIEM event's sender given by an expression", async () => {
		await run(senders('addSenders', { senderList: 'allowed', senders: '={{ $json.sender }}' }), { input: [{ json: { sender: 'news@vendor.example' } }] });
		expect(bob().white_list_senders).toEqual(['news@vendor.example']);
	});

	it('refuses an empty or malformed entry before any request', async () => {
		const empty = await run(senders('addSenders', { senders: '={{ "" }}' }));
		expect(empty.error.message).toBe('Item 0: Senders is empty');
		const malformed = await run(senders('addSenders', { senders: 'bad sender@x.example' }));
		expect(malformed.error.message).toBe('Item 0: Senders entry "bad sender@x.example" is not an address, domain or *@domain pattern');
		expect(sb().requests).toEqual([]);
	});
});
