'use strict';

// As an AI tool, each operation is described by its action ("<action> in Proofpoint"): an agent
// must be able to tell from it which calls change a customer's tenant.
const { Proofpoint } = require('../../dist/nodes/Proofpoint/Proofpoint.node.js');
const { OPERATIONS } = require('../reliability/operations');

const { properties } = new Proofpoint().description;
const actionOf = ({ resource, operation }) =>
	properties
		.find((property) => property.name === 'operation' && property.displayOptions.show.resource.includes(resource))
		.options.find((option) => option.value === operation).action;

const writes = (op) => op.requests.some((method) => method !== 'GET' && !(op.api === 'tap' && method === 'POST'));

test.each(OPERATIONS.map((op) => [op.name, op]))('%s says in its tool description whether it changes the tenant', (_, op) => {
	const action = actionOf(op.parameters);
	if (writes(op)) expect(action).toMatch(/\(changes the tenant( unless Dry Run is on)?\)$/);
	else expect(action).not.toMatch(/changes the tenant/);
});

test('the node is usable as a tool', () => {
	expect(new Proofpoint().description.usableAsTool).toBe(true);
});
