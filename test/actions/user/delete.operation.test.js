'use strict';

const { useSandbox, seen } = require('../../support');

const deleteUser = (email, domain = 'acme.example') => ({ resource: 'user', operation: 'delete', domain, email });

describe('User → Delete', () => {
	const { run, sb } = useSandbox();

	it('removes Frank: one DELETE with the @ encoded, {deleted: true}, and he is gone', async () => {
		const result = await run(deleteUser('frank.miller@acme-corp.example'));

		expect(result.status).toBe('success');
		expect(seen(sb())).toEqual(['DELETE /orgs/acme.example/users/frank.miller@acme-corp.example']);
		expect(sb().requests[0]).toMatchObject({
			rawPath: '/us1/api/v1/orgs/acme.example/users/frank.miller%40acme-corp.example',
			body: undefined,
			status: 204,
		});
		expect(result.items).toEqual([
			{ json: { deleted: true, email: 'frank.miller@acme-corp.example', domain: 'acme.example' }, pairedItem: { item: 0 } },
		]);
		expect(sb().getUser('acme.example', 'frank.miller@acme-corp.example')).toBeUndefined();
	});

	it('says who was not found when the user does not exist, and removes nobody', async () => {
		const before = sb().state.orgs['acme.example'].users.length;
		const result = await run(deleteUser('ghost@acme.example'));

		expect(result.status).toBe('error');
		expect(result.error.message).toMatch(/^User "ghost@acme\.example" or organization "acme\.example" not found on .* \(404\)$/);
		expect(seen(sb())).toEqual(['DELETE /orgs/acme.example/users/ghost@acme.example']);
		expect(sb().state.orgs['acme.example'].users).toHaveLength(before);
	});

	it('refuses for a read-only admin (403) and keeps the user', async () => {
		const result = await run(deleteUser('noreply@acme.example'), { login: 'readOnly' });

		expect(result.error.httpCode).toBe('403');
		expect(result.error.message).toBe('Not allowed to do this in "acme.example" (403)');
		expect(result.error.description).toContain('read-only admin');
		expect(sb().getUser('acme.example', 'noreply@acme.example')).toBeDefined();
	});

	it('deletes nobody when the second of two rows is not an email', async () => {
		const input = [{ json: { email: 'carol.jones@acme.example' } }, { json: { email: 'carol.jones' } }];
		const result = await run(deleteUser('={{ $json.email }}'), { input });

		expect(result.error.message).toBe('Item 1: Email "carol.jones" is not an email address such as name@example.com');
		expect(sb().requests).toEqual([]);
		expect(sb().getUser('acme.example', 'carol.jones@acme.example')).toBeDefined();
	});

	it('refuses an email that would climb out of the users path', async () => {
		const result = await run(deleteUser('../../orgs/acme.example@acme.example'));

		expect(result.error.message).toBe('Item 0: Email "../../orgs/acme.example@acme.example" is not an email address such as name@example.com');
		expect(sb().requests).toEqual([]);
	});
});
