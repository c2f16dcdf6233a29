'use strict';

// What an AI agent sees of each operation before calling it as a tool: a short action for its name,
// a tool text saying what one call returns and spends, and whether it changes the customer's tenant.
const { Proofpoint } = require('../../dist/nodes/Proofpoint/Proofpoint.node.js');
const { operationsByResource } = require('../../dist/nodes/Proofpoint/actions/resources.js');

// Every operation that writes to a tenant, decided from its run code. Removing a flag fails the test.
const CHANGING = {
	'organization.addSenders': true,
	'organization.removeSenders': true,
	'organization.create': true,
	'organization.update': true,
	'organization.delete': true,
	'organization.updateFeatures': true,
	'organization.updatePackage': true,
	'user.addSenders': true,
	'user.removeSenders': true,
	'user.create': true,
	'user.update': true,
	'user.delete': true,
	'user.markFunctionalAccounts': 'unlessDryRun',
	'domain.create': true,
	'domain.update': true,
	'domain.delete': true,
	'licensing.update': true,
	'blockList.addEntries': 'unlessDryRun',
	'blockList.removeEntries': 'unlessDryRun',
	'safeList.addEntries': 'unlessDryRun',
	'safeList.removeEntries': 'unlessDryRun',
	'workflow.run': true,
};

const { properties } = new Proofpoint().description;
const resources = properties.find((property) => property.name === 'resource').options.map((option) => option.value);
const operations = resources.flatMap((resource) =>
	properties
		.find((property) => property.name === 'operation' && property.displayOptions.show.resource.includes(resource))
		.options.map((entry) => ({ id: `${resource}.${entry.value}`, action: entry.action, option: operationsByResource[resource][entry.value].option })),
);
const cases = operations.map((operation) => [operation.id, operation]);

test('every operation of the node is checked, about 50 of them', () => {
	expect(operations.length).toBeGreaterThanOrEqual(45);
	expect(new Set(operations.map(({ id }) => id)).size).toBe(operations.length);
});

test.each(cases)('%s has a short action, verb first, without a parenthesis', (_, { action }) => {
	expect(action.length).toBeLessThanOrEqual(45);
	expect(action).not.toMatch(/[()]/);
	expect(action).toMatch(/^[A-Z][a-z]+ /);
});

test.each(cases)('%s has a tool text of 80 to 450 characters that names what it spends', (_, { option }) => {
	expect(typeof option.tool).toBe('string');
	expect(option.tool.length).toBeGreaterThanOrEqual(80);
	expect(option.tool.length).toBeLessThanOrEqual(450);
	expect(option.tool).toMatch(/request|quota|call/i);
	// The confirmation words are the mechanism's, appended to the text; the text must not say them twice.
	expect(option.tool).not.toMatch(/confirmation|before calling|ask the user/i);
});

test.each(cases)('%s is flagged as changing the tenant exactly when it writes', (id, { option }) => {
	if (id in CHANGING) expect(option.changes).toBe(CHANGING[id]);
	else expect(option).not.toHaveProperty('changes');
});

test('every operation in the changing list exists', () => {
	const ids = new Set(operations.map(({ id }) => id));
	for (const id of Object.keys(CHANGING)) expect(ids).toContain(id);
});
