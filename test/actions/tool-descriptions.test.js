'use strict';

// As an AI tool, each operation is named by its action and described by its `tool` text; whether it
// changes a customer's tenant is its `changes` flag, which the tool description is built from.
const { Proofpoint } = require('../../dist/nodes/Proofpoint/Proofpoint.node.js');
const { operationsByResource } = require('../../dist/nodes/Proofpoint/actions/resources.js');
const { OPERATIONS } = require('../reliability/operations');

const optionOf = ({ resource, operation }) => operationsByResource[resource][operation].option;

const writes = (op) => op.requests.some((method) => method !== 'GET' && !(op.api === 'tap' && method === 'POST'));

test.each(OPERATIONS.map((op) => [op.name, op]))('%s is flagged as changing the tenant exactly when it sends a change', (_, op) => {
	const option = optionOf(op.parameters);
	const hasDryRun = op.parameters.operation === 'markFunctionalAccounts' || ['blockList', 'safeList'].includes(op.parameters.resource);
	const expected = hasDryRun ? 'unlessDryRun' : true;
	if (writes(op)) expect(option.changes).toBe(expected);
	else expect(option.changes).toBeUndefined();
	expect(option.action).not.toMatch(/changes the tenant/i);
});

test('the node is usable as a tool', () => {
	expect(new Proofpoint().description.usableAsTool).toBe(true);
});
