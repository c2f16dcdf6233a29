'use strict';

const { useSandbox, seen } = require('../../support');

const updateUser = (email, updateFields) => ({ resource: 'user', operation: 'update', domain: 'acme.example', email, updateFields });
const pathOf = (email) => `/orgs/acme.example/users/${email}`;

describe('User → Update', () => {
	const { run, sb } = useSandbox();

	it('marks Erin, who left, as a functional account: GET then PUT of the whole user with its uid', async () => {
		const erin = structuredClone(sb().getUser('acme.example', 'erin.white@acme.example'));
		const result = await run(updateUser('erin.white@acme.example', { type: 'functional_account' }));

		expect(result.status).toBe('success');
		expect(seen(sb())).toEqual([`GET ${pathOf('erin.white@acme.example')}`, `PUT ${pathOf('erin.white@acme.example')}`]);
		expect(sb().requests.map((request) => request.rawPath)).toEqual([
			'/us1/api/v1/orgs/acme.example/users/erin.white%40acme.example',
			'/us1/api/v1/orgs/acme.example/users/erin.white%40acme.example',
		]);
		expect(sb().requests[1].body).toEqual({ ...erin, type: 'functional_account' });
		expect(sb().requests[1].status).toBe(204);
		expect(sb().getUser('acme.example', 'erin.white@acme.example')).toEqual({ ...erin, type: 'functional_account' });
		expect(result.items).toEqual([{ json: { ...erin, type: 'functional_account' }, pairedItem: { item: 0 } }]);
	});

	it('renames Carol and outputs real booleans where Proofpoint stored strings', async () => {
		const { uid } = sb().getUser('acme.example', 'carol.jones@acme.example');
		const result = await run(updateUser('carol.jones@acme.example', { firstname: 'Caroline', surname: ' Jones-Smith ' }));

		expect(sb().requests[1].body).toMatchObject({
			uid,
			primary_email: 'carol.jones@acme.example',
			firstname: 'Caroline',
			surname: 'Jones-Smith',
			is_active: 'true',
		});
		expect(result.items[0].json).toMatchObject({ uid, firstname: 'Caroline', surname: 'Jones-Smith', is_active: true, is_billable: true });
		expect(sb().getUser('acme.example', 'carol.jones@acme.example')).toMatchObject({ firstname: 'Caroline', surname: 'Jones-Smith' });
	});

	it('deactivates Dave and keeps him billable, typing his string booleans in the output', async () => {
		const result = await run(updateUser('dave.lee@acme.example', { isActive: false, isBillable: true }));

		expect(sb().requests[1].body).toMatchObject({ is_active: false, is_billable: true, read_only_user: 'false' });
		expect(sb().getUser('acme.example', 'dave.lee@acme.example')).toMatchObject({ is_active: false, is_billable: true });
		expect(result.items[0].json).toMatchObject({ is_active: false, is_billable: true, read_only_user: false });
	});

	it('replaces Alice’s aliases and allow list, and clears Bob’s block list', async () => {
		const alice = await run(
			updateUser('alice.nguyen@acme.example', {
				aliasEmails: 'ali@acme.example, a.nguyen@acme.co.uk',
				whiteListSenders: '*@vendor.example, news@vendor.example',
			}),
		);
		expect(alice.status).toBe('success');
		expect(sb().requests[1].body).toMatchObject({
			alias_emails: ['ali@acme.example', 'a.nguyen@acme.co.uk'],
			white_list_senders: ['*@vendor.example', 'news@vendor.example'],
		});
		expect(sb().getUser('acme.example', 'alice.nguyen@acme.example')).toMatchObject({
			alias_emails: ['ali@acme.example', 'a.nguyen@acme.co.uk'],
			white_list_senders: ['*@vendor.example', 'news@vendor.example'],
		});

		sb().clearRequests();
		const bob = await run(updateUser('bob.smith@acme.example', { blackListSenders: '' }));
		expect(bob.status).toBe('success');
		expect(sb().requests[1].body).toMatchObject({ black_list_senders: [], alias_emails: ['robert.smith@acme.example'] });
		expect(sb().getUser('acme.example', 'bob.smith@acme.example').black_list_senders).toEqual([]);
	});

	it('passes on Proofpoint’s refusal of a second non-billable user, and leaves Grace billable', async () => {
		const result = await run(updateUser('grace.hall@acme.co.uk', { isBillable: false }));

		expect(seen(sb())).toEqual([`GET ${pathOf('grace.hall@acme.co.uk')}`, `PUT ${pathOf('grace.hall@acme.co.uk')}`]);
		expect(result.error.httpCode).toBe('400');
		expect(result.error.message).toBe('Proofpoint Essentials rejected the request as invalid (400)');
		expect(result.error.description).toContain('Proofpoint said: "Only one user per organization can be non-billable".');
		expect(sb().getUser('acme.example', 'grace.hall@acme.co.uk').is_billable).toBe(true);
	});

	it('stops after the GET when the user does not exist: no PUT', async () => {
		const result = await run(updateUser('ghost@acme.example', { type: 'functional_account' }));

		expect(seen(sb())).toEqual([`GET ${pathOf('ghost@acme.example')}`]);
		expect(result.error.httpCode).toBe('404');
		expect(result.error.message).toMatch(/^User "ghost@acme\.example" or organization "acme\.example" not found/);
	});

	describe('refuses before sending anything', () => {
		it('when Update Fields is empty', async () => {
			const result = await run(updateUser('bob.smith@acme.example', {}));

			expect(result.error.message).toBe('Item 0: Update Fields is empty');
			expect(result.error.description).toBe('Add at least one field to change under Update Fields.');
			expect(sb().requests).toEqual([]);
		});

		it('when an alias is not an email', async () => {
			const result = await run(updateUser('bob.smith@acme.example', { aliasEmails: 'robert.smith@acme.example, bob at acme' }));

			expect(result.error.message).toBe('Item 0: Alias Emails entry "bob at acme" is not an email address such as name@example.com');
			expect(sb().requests).toEqual([]);
		});

		it('for every row when the second row’s email is bad', async () => {
			const input = [{ json: { email: 'noreply@acme.example' } }, { json: { email: 'shared.sales@acme.example?x' } }];
			const result = await run(updateUser('={{ $json.email }}', { type: 'functional_account' }), { input });

			expect(result.error.message).toBe('Item 1: Email "shared.sales@acme.example?x" is not an email address such as name@example.com');
			expect(sb().requests).toEqual([]);
			expect(sb().getUser('acme.example', 'noreply@acme.example').type).toBe('silent_user');
		});
	});
});
