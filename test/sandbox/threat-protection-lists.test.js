'use strict';

const { startSandbox } = require('../../sandbox');
const { CREDENTIALS, START, tpClient } = require('./threat-protection-helpers');

const US = CREDENTIALS.clusterId;
const EU = 'sandbox-cluster-eu';
const listPath = (list, clusterId) =>
	`/api/v1/emailProtection/modules/spam/${list}${clusterId === undefined ? '' : `?clusterId=${clusterId}`}`;
const badSender = { attribute: '$from', operator: 'equal', value: 'ceo@lookalike-acme.test' };

let sb;
let client;

beforeAll(async () => {
	sb = await startSandbox({ port: 0, now: () => START, threatProtection: { incidentCount: 10 } });
	client = await tpClient(sb);
});
afterAll(() => sb.close());

const change = (list, clusterId, body) => client.post(listPath(list, clusterId), body);

describe('reading the organizational lists', () => {
	it('gives each cluster its own seeded block and safe list as {"entries": [...]}', async () => {
		const block = await client.get(listPath('orgBlockList', US));
		expect(block.status).toBe(200);
		expect(block.body).toEqual({ entries: sb.threatProtection.lists(US, 'orgBlockList') });
		expect(block.body.entries.length).toBeGreaterThan(0);
		for (const entry of block.body.entries) {
			expect(Object.keys(entry).sort()).toEqual(['attribute', 'comment', 'operator', 'value']);
		}
		const euBlock = await client.get(listPath('orgBlockList', EU));
		expect(euBlock.body.entries).not.toEqual(block.body.entries);
		const safe = await client.get(listPath('orgSafeList', US));
		expect(safe.body.entries).toEqual(sb.threatProtection.lists(US, 'orgSafeList'));
	});

	it('answers 400 without clusterId and 404 naming an unknown cluster', async () => {
		const missing = await client.get(listPath('orgBlockList'));
		expect(missing.status).toBe(400);
		expect(missing.body.errors[0]).toContain('clusterId');
		const unknown = await client.get(listPath('orgSafeList', 'no-such-cluster'));
		expect(unknown.status).toBe(404);
		expect(unknown.body.errors[0]).toContain('no-such-cluster');
	});

	it('has only the two lists: another list name is 404', async () => {
		expect((await client.get(listPath('orgGreyList', US))).status).toBe(404);
	});
});

describe('adding and deleting one entry per request', () => {
	it('adds a block-list entry on one cluster only, echoing it', async () => {
		const entry = { ...badSender, comment: 'Impostor, INC-2042' };
		const added = await change('orgBlockList', US, { action: 'add', ...entry });
		expect(added.status).toBe(200);
		expect(added.body).toEqual(entry);
		expect(sb.threatProtection.lists(US, 'orgBlockList')).toContainEqual(entry);
		expect(sb.threatProtection.lists(EU, 'orgBlockList')).not.toContainEqual(entry);
		expect((await client.get(listPath('orgBlockList', US))).body.entries).toContainEqual(entry);
	});

	it('refuses to add an entry that is already there (the value compared without case)', async () => {
		const again = await change('orgBlockList', US, {
			action: 'add',
			...badSender,
			value: badSender.value.toUpperCase(),
		});
		expect(again.status).toBe(400);
		expect(again.body.errors[0]).toContain('already exists');
		const sameValueOtherOperator = await change('orgBlockList', US, {
			action: 'add',
			...badSender,
			operator: 'contain',
		});
		expect(sameValueOtherOperator.status).toBe(200);
	});

	it('deletes by attribute, operator and value, ignoring the comment, and 404s an absent entry', async () => {
		const deleted = await change('orgBlockList', US, {
			action: 'delete',
			...badSender,
			comment: 'x',
		});
		expect(deleted.status).toBe(200);
		expect(deleted.body).toMatchObject(badSender);
		expect(sb.threatProtection.lists(US, 'orgBlockList')).not.toContainEqual(
			expect.objectContaining(badSender),
		);
		const absent = await change('orgBlockList', US, { action: 'delete', ...badSender });
		expect(absent.status).toBe(404);
		expect(absent.body.errors[0]).toContain(badSender.value);
	});

	it('keeps the EU cluster’s safe list apart', async () => {
		const entry = {
			attribute: '$hfrom',
			operator: 'equal',
			value: 'payroll@acme-eu.example',
			comment: '',
		};
		expect((await change('orgSafeList', EU, { action: 'add', ...entry })).status).toBe(200);
		expect(sb.threatProtection.lists(EU, 'orgSafeList')).toContainEqual(entry);
		expect(sb.threatProtection.lists(US, 'orgSafeList')).not.toContainEqual(entry);
	});

	it.each([
		['an unknown action', 'orgBlockList', { action: 'replace' }, 'action'],
		['an attribute without its $', 'orgBlockList', { attribute: 'from' }, 'attribute'],
		['is_in_list', 'orgBlockList', { operator: 'is_in_list' }, 'operator'],
		['not_equal', 'orgSafeList', { operator: 'not_equal' }, 'operator'],
		['not_contain', 'orgSafeList', { operator: 'not_contain' }, 'operator'],
		['an empty value', 'orgBlockList', { value: '' }, 'value'],
		['a number as value', 'orgBlockList', { value: 42 }, 'value'],
		['a comment of 151 characters', 'orgBlockList', { comment: 'x'.repeat(151) }, 'comment'],
	])('refuses %s on the %s with a 400 naming the field', async (_, list, wrong, field) => {
		const before = sb.threatProtection.lists(US, list);
		const refused = await change(list, US, { action: 'add', ...badSender, ...wrong });
		expect(refused.status).toBe(400);
		expect(refused.body.errors[0]).toContain(field);
		expect(sb.threatProtection.lists(US, list)).toEqual(before);
	});

	it('takes the safe list’s own operators and a comment of 150 characters', async () => {
		for (const operator of ['equal', 'contain', 'is_in_list']) {
			const entry = { attribute: '$ip', operator, value: '198.51.100.7', comment: 'c'.repeat(150) };
			expect((await change('orgSafeList', US, { action: 'add', ...entry })).status).toBe(200);
		}
	});

	it('answers a body that is not JSON with a 400', async () => {
		const refused = await client.call('POST', listPath('orgBlockList', US), '{"action": "add"');
		expect(refused.status).toBe(400);
	});
});

describe('the control object', () => {
	it('lets setList() replace a list and lists() return a copy', async () => {
		const entries = [
			{ attribute: '$rcpt', operator: 'equal', value: 'vip@acme.example', comment: 'VIP' },
		];
		sb.threatProtection.setList(US, 'orgSafeList', entries);
		const copy = sb.threatProtection.lists(US, 'orgSafeList');
		copy.push({ attribute: '$ip', operator: 'equal', value: '192.0.2.1', comment: '' });
		expect((await client.get(listPath('orgSafeList', US))).body).toEqual({ entries });
	});

	it('makes a cluster with setList() and refuses an unknown list or cluster', () => {
		sb.threatProtection.setList('sandbox-cluster-apac', 'orgBlockList', [badSender]);
		expect(sb.threatProtection.lists('sandbox-cluster-apac', 'orgBlockList')).toEqual([
			{ ...badSender, comment: '' },
		]);
		expect(() => sb.threatProtection.lists(US, 'orgAllowList')).toThrow('orgAllowList');
		expect(() => sb.threatProtection.lists('nowhere', 'orgBlockList')).toThrow('nowhere');
	});
});
