'use strict';

const { useSandbox, seen } = require('../../support');

const getUser = (email, domain = 'acme.example') => ({ resource: 'user', operation: 'get', domain, email });

describe('User → Get', () => {
	const { run, sb } = useSandbox();

	it('reads Bob by his primary email, sending the @ encoded in the path, simplified by default', async () => {
		const result = await run(getUser('bob.smith@acme.example'));

		expect(result.status).toBe('success');
		expect(seen(sb())).toEqual(['GET /orgs/acme.example/users/bob.smith@acme.example']);
		expect(sb().requests[0].rawPath).toBe('/us1/api/v1/orgs/acme.example/users/bob.smith%40acme.example');
		expect(sb().requests[0].body).toBeUndefined();
		expect(result.items).toEqual([
			{
				json: {
					uid: sb().getUser('acme.example', 'bob.smith@acme.example').uid,
					primary_email: 'bob.smith@acme.example',
					firstname: 'Bob',
					surname: 'Smith',
					type: 'end_user',
					is_active: true,
					is_billable: true,
					alias_emails: ['robert.smith@acme.example'],
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	it('gives every field Proofpoint sends with Output Raw, and so does a node saved before Output existed', async () => {
		const stored = sb().getUser('acme.example', 'bob.smith@acme.example');
		const raw = await run({ ...getUser('bob.smith@acme.example'), output: 'raw' });
		const saved = await run(getUser('bob.smith@acme.example'), { typeVersion: 1.1 });

		expect(raw.items[0].json).toEqual(stored);
		expect(raw.items[0].json.black_list_senders).toEqual(['bob@baddomain.example']);
		expect(saved.items[0].json).toEqual(stored);
		expect(seen(sb())).toHaveLength(2);
	});

	it('keeps uid and primary_email beside the fields picked with Output Selected Fields', async () => {
		const result = await run({ ...getUser('bob.smith@acme.example'), output: 'selected', fields: ['black_list_senders', 'surname'] });

		expect(result.items[0].json).toEqual({
			uid: sb().getUser('acme.example', 'bob.smith@acme.example').uid,
			primary_email: 'bob.smith@acme.example',
			black_list_senders: ['bob@baddomain.example'],
			surname: 'Smith',
		});
	});

	it('refuses Selected Fields with no field picked, naming the item and the field, before any request', async () => {
		// n8n itself refuses an empty picker (the field is required); an expression that gives no field reaches the node.
		await expect(run({ ...getUser('bob.smith@acme.example'), output: 'selected', fields: [] })).rejects.toThrow('Parameter "Fields" is required');
		const result = await run({ ...getUser('bob.smith@acme.example'), output: 'selected', fields: '={{ [] }}' });

		expect(result.status).toBe('error');
		expect(result.error.message).toBe('Item 0: Fields is empty');
		expect(result.error.description).toContain('Pick at least one field in "Fields" for item 0, or choose Output "Simplified"');
		expect(sb().requests).toHaveLength(0);
	});

	it('refuses a field a user does not have, from an expression, before any request', async () => {
		const result = await run({ ...getUser('bob.smith@acme.example'), output: 'selected', fields: '={{ ["surname", "password"] }}' });

		expect(result.error.message).toBe('Item 0: Fields names "password", which is not a field of a user');
		expect(result.error.description).toContain('e.g. firstname, surname, type');
		expect(sb().requests).toHaveLength(0);
	});

	it('gives real booleans for Dave, whom Proofpoint stores with "true"/"false" strings', async () => {
		const result = await run({ ...getUser('dave.lee@acme.example'), output: 'raw' });

		expect(sb().getUser('acme.example', 'dave.lee@acme.example')).toMatchObject({ is_active: 'true', read_only_user: 'false' });
		expect(result.items[0].json).toMatchObject({ is_active: true, is_billable: true, read_only_user: false });
	});

	it('finds a user through any domain of the organization, with the domain typed in capitals', async () => {
		const result = await run(getUser('grace.hall@acme.co.uk', ' ACME.CO.UK '));

		expect(seen(sb())).toEqual(['GET /orgs/acme.co.uk/users/grace.hall@acme.co.uk']);
		expect(result.items[0].json.primary_email).toBe('grace.hall@acme.co.uk');
	});

	it('reads one user per input item, each paired with its item', async () => {
		const input = [{ json: { email: 'alice.nguyen@acme.example' } }, { json: { email: 'frank.miller@acme-corp.example' } }];
		const result = await run(getUser('={{ $json.email }}'), { input });

		expect(seen(sb())).toEqual([
			'GET /orgs/acme.example/users/alice.nguyen@acme.example',
			'GET /orgs/acme.example/users/frank.miller@acme-corp.example',
		]);
		expect(result.items.map((item) => [item.json.firstname, item.pairedItem])).toEqual([
			['Alice', { item: 0 }],
			['Frank', { item: 1 }],
		]);
	});

	it('says the user is missing, not the organization, when the organization is there (asking it once)', async () => {
		const result = await run(getUser('robert.smith@acme.example'));

		expect(result.status).toBe('error');
		expect(result.error.message).toBe('User "robert.smith@acme.example" is not in organization acme.example (404)');
		expect(result.error.description).toContain('primary email address (aliases cannot be addressed)');
		expect(result.error.description).not.toContain('stack');
		expect(result.error.httpCode).toBe('404');
		expect(seen(sb())).toEqual(['GET /orgs/acme.example/users/robert.smith@acme.example', 'GET /orgs/acme.example']);
	});

	it('says the organization is not on this stack when it is not: the stack advice, as before', async () => {
		const result = await run(getUser('homer@globex.example', 'globex.example'));

		expect(result.error.message).toMatch(/^User "homer@globex\.example" or organization "globex\.example" not found on .* \(404\)$/);
		expect(result.error.description).toContain('Endpoint → Get');
		expect(seen(sb())).toEqual(['GET /orgs/globex.example/users/homer@globex.example', 'GET /orgs/globex.example']);
	});

	it('asks an organization once for every missing user of it in a run', async () => {
		const input = ['nobody.one@acme.example', 'nobody.two@acme.example', 'bob.smith@acme.example'].map((email) => ({ json: { email } }));
		const result = await run(getUser('={{ $json.email }}'), { input, onError: 'continueRegularOutput' });

		expect(result.items.map((item) => item.json.error ?? item.json.primary_email)).toEqual([
			'User "nobody.one@acme.example" is not in organization acme.example (404)',
			'User "nobody.two@acme.example" is not in organization acme.example (404)',
			'bob.smith@acme.example',
		]);
		expect(seen(sb()).filter((request) => request === 'GET /orgs/acme.example')).toHaveLength(1);
	});

	describe('refuses bad input before sending anything', () => {
		it.each([
			['a malformed email', { email: 'bob.smith' }, 'Item 0: Email "bob.smith" is not an email address such as name@example.com'],
			['an email with a slash', { email: 'bob/../admin@acme.example' }, 'Item 0: Email "bob/../admin@acme.example" is not an email address'],
			['an email with a question mark', { email: 'bob?x=1@acme.example' }, 'Item 0: Email "bob?x=1@acme.example" is not an email address'],
			['an email with two dots in a row', { email: 'bob..smith@acme.example' }, 'Item 0: Email "bob..smith@acme.example" is not an email address'],
			['an email of spaces', { email: '   ' }, 'Item 0: Email is empty'],
			['an organization domain an expression leaves empty', { domain: '={{ $json.missing }}' }, 'Item 0: Organization Domain must be a domain name such as example.com, but it is empty'],
			['a domain with a path', { domain: 'acme.example/../partner.example' }, 'Item 0: Organization Domain "acme.example/../partner.example" is not a domain name'],
			['a domain of two dots', { domain: '..' }, 'Item 0: Organization Domain ".." is not a domain name'],
		])('%s', async (_, change, message) => {
			const result = await run({ ...getUser('bob.smith@acme.example'), ...change });

			expect(result.status).toBe('error');
			expect(result.error.name).toBe('NodeOperationError');
			expect(result.error.message.startsWith(message)).toBe(true);
			expect(result.error.description).toMatch(/no request was sent/);
			expect(result.error.context.itemIndex).toBe(0);
			expect(sb().requests).toEqual([]);
		});

		it('sends nothing for any item when the second item’s email is bad', async () => {
			const input = [{ json: { email: 'alice.nguyen@acme.example' } }, { json: { email: 'not an email' } }];
			const result = await run(getUser('={{ $json.email }}'), { input });

			expect(result.status).toBe('error');
			expect(result.error.message).toBe('Item 1: Email "not an email" is not an email address such as name@example.com');
			expect(result.error.context.itemIndex).toBe(1);
			expect(result.items).toEqual([]);
			expect(sb().requests).toEqual([]);
		});
	});

	it('with Continue On Fail, turns a bad row into an error item and still reads the good ones', async () => {
		const input = [
			{ json: { email: 'alice.nguyen@acme.example' } },
			{ json: { email: 'alice@' } },
			{ json: { email: 'bob.smith@acme.example' } },
		];
		const result = await run(getUser('={{ $json.email }}'), { input, onError: 'continueRegularOutput' });

		expect(result.status).toBe('success');
		expect(seen(sb())).toEqual([
			'GET /orgs/acme.example/users/alice.nguyen@acme.example',
			'GET /orgs/acme.example/users/bob.smith@acme.example',
		]);
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(result.items[1].json).toEqual({
			error: 'Item 1: Email "alice@" is not an email address such as name@example.com',
			description: 'Fix "Email" for item 1; no request was sent for it.',
		});
		expect(result.items[2].json.firstname).toBe('Bob');
	});
});
