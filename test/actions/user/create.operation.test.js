'use strict';

const { useSandbox, seen } = require('../../support');

const createUser = (email, additionalFields = {}) => ({ resource: 'user', operation: 'create', domain: 'acme.example', email, additionalFields });

describe('User → Create', () => {
	const { run, sb } = useSandbox();

	it('adds a new hire to Acme: one POST, 201, and the user exists afterwards', async () => {
		const result = await run(createUser('hannah.new@acme.example', { firstname: ' Hannah ', surname: 'New' }));

		expect(result.status).toBe('success');
		expect(seen(sb())).toEqual(['POST /orgs/acme.example/users']);
		expect(sb().requests[0]).toMatchObject({
			status: 201,
			body: { primary_email: 'hannah.new@acme.example', type: 'end_user', firstname: 'Hannah', surname: 'New' },
		});
		expect(result.items).toEqual([
			{
				json: { primary_email: 'hannah.new@acme.example', type: 'end_user', firstname: 'Hannah', surname: 'New' },
				pairedItem: { item: 0 },
			},
		]);
		expect(sb().getUser('acme.example', 'hannah.new@acme.example')).toMatchObject({
			uid: expect.any(Number),
			firstname: 'Hannah',
			surname: 'New',
			type: 'end_user',
			is_active: true,
		});
	});

	it('creates a shared mailbox as a functional account with aliases, sender lists and a welcome email', async () => {
		const result = await run(
			createUser('support.desk@acme.example', {
				type: 'functional_account',
				isActive: true,
				isBillable: true,
				aliasEmails: 'support@acme.example, help@acme.example',
				whiteListSenders: '*@vendor.example',
				blackListSenders: 'spam@bad.example',
				sendWelcomeEmail: true,
			}),
		);

		expect(result.status).toBe('success');
		expect(sb().requests[0].body).toEqual({
			primary_email: 'support.desk@acme.example',
			type: 'functional_account',
			is_active: true,
			is_billable: true,
			alias_emails: ['support@acme.example', 'help@acme.example'],
			white_list_senders: ['*@vendor.example'],
			black_list_senders: ['spam@bad.example'],
			send_welcome_email: true,
		});
		expect(sb().getUser('acme.example', 'support.desk@acme.example')).toMatchObject({
			type: 'functional_account',
			alias_emails: ['support@acme.example', 'help@acme.example'],
			white_list_senders: ['*@vendor.example'],
			black_list_senders: ['spam@bad.example'],
		});
	});

	it('says Bob already exists (409), suggests Update, and changes nothing', async () => {
		const before = structuredClone(sb().getUser('acme.example', 'bob.smith@acme.example'));
		const result = await run(createUser('bob.smith@acme.example', { firstname: 'Robert' }));

		expect(result.status).toBe('error');
		expect(result.error.httpCode).toBe('409');
		expect(result.error.message).toBe('It already exists in "acme.example" (409)');
		expect(result.error.description).toBe(
			'Nothing was changed. Use Update instead of Create, or Get to see the existing entry. Proofpoint said: "User bob.smith@acme.example already exists".',
		);
		expect(seen(sb())).toEqual(['POST /orgs/acme.example/users']);
		expect(sb().getUser('acme.example', 'bob.smith@acme.example')).toEqual(before);
	});

	it('creates one user per input item, each output paired with its item', async () => {
		const input = [{ json: { email: 'ivy.one@acme.example' } }, { json: { email: 'jack.two@acme.co.uk' } }];
		const result = await run(createUser('={{ $json.email }}'), { input });

		expect(seen(sb())).toEqual(['POST /orgs/acme.example/users', 'POST /orgs/acme.example/users']);
		expect(sb().requests.map((request) => request.body.primary_email)).toEqual(['ivy.one@acme.example', 'jack.two@acme.co.uk']);
		expect(result.items.map((item) => [item.json.primary_email, item.pairedItem])).toEqual([
			['ivy.one@acme.example', { item: 0 }],
			['jack.two@acme.co.uk', { item: 1 }],
		]);
		expect(sb().getUser('acme.example', 'jack.two@acme.co.uk')).toBeDefined();
	});

	describe('refuses bad input before sending anything', () => {
		it.each([
			['an email with a slash', 'new/../admin@acme.example', {}, 'Item 0: Email "new/../admin@acme.example" is not an email address'],
			['an alias that is not an email', 'kim.new@acme.example', { aliasEmails: 'kim@acme.example, kim' }, 'Item 0: Alias Emails entry "kim" is not an email address'],
			['an allowed sender with a space', 'kim.new@acme.example', { whiteListSenders: 'good@vendor.example, bad sender@x.example' }, 'Item 0: Allowed Senders entry "bad sender@x.example" is not an address, domain or *@domain pattern'],
			['a blocked sender with a query', 'kim.new@acme.example', { blackListSenders: 'x@y.example?z' }, 'Item 0: Blocked Senders entry "x@y.example?z" is not an address'],
			['an unknown user type', 'kim.new@acme.example', { type: 'super_user' }, 'Item 0: Type "super_user" is not a user type'],
		])('%s', async (_, email, fields, message) => {
			const result = await run(createUser(email, fields));

			expect(result.status).toBe('error');
			expect(result.error.message.startsWith(message)).toBe(true);
			expect(sb().requests).toEqual([]);
			expect(sb().getUser('acme.example', 'kim.new@acme.example')).toBeUndefined();
		});

		it('creates nobody when the second of two new users has a bad email', async () => {
			const input = [{ json: { email: 'lee.ok@acme.example' } }, { json: { email: 'lee..bad@acme.example' } }];
			const result = await run(createUser('={{ $json.email }}'), { input });

			expect(result.error.message).toBe('Item 1: Email "lee..bad@acme.example" is not an email address such as name@example.com');
			expect(sb().requests).toEqual([]);
			expect(sb().getUser('acme.example', 'lee.ok@acme.example')).toBeUndefined();
		});
	});
});
