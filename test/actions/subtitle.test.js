'use strict';

// The subtitle n8n shows under a Proofpoint node on the canvas: the operation and resource as the
// panel names them, never the stored values ("getAll: siemEvent").
const { Proofpoint } = require('../../dist/nodes/Proofpoint/Proofpoint.node');

const { description } = new Proofpoint();
// n8n evaluates `={{ … }}` as JavaScript with $parameter bound to the node's parameters.
const subtitleOf = (parameters) => new Function('$parameter', `return ${description.subtitle.slice(3, -2)};`)(parameters);

const optionsOf = (property) => property.options.map(({ name, value }) => ({ name, value }));

describe('the canvas subtitle', () => {
	const resources = optionsOf(description.properties.find((property) => property.name === 'resource'));

	it.each(resources.map((resource) => [resource.name, resource]))('names every %s operation as the panel lists it', (_name, resource) => {
		const operations = description.properties.find((property) => property.name === 'operation' && property.displayOptions.show.resource.includes(resource.value));
		for (const operation of optionsOf(operations).filter((entry) => entry.value !== 'markFunctionalAccounts')) {
			expect(subtitleOf({ resource: resource.value, operation: operation.value })).toBe(`${operation.name}: ${resource.name}`);
		}
	});

	it('reads as a person would name it', () => {
		expect(subtitleOf({ resource: 'siemEvent', operation: 'getAll' })).toBe('Get Many: SIEM Event');
		expect(subtitleOf({ resource: 'url', operation: 'decode' })).toBe('Decode: URL');
		expect(subtitleOf({ resource: 'user', operation: 'markFunctionalAccounts', dryRun: true })).toBe('Mark Functional Accounts (dry run)');
		expect(subtitleOf({ resource: 'user', operation: 'markFunctionalAccounts', dryRun: false })).toBe('Mark Functional Accounts');
	});

	it('shows a value it does not know as stored', () => {
		expect(subtitleOf({ resource: 'user', operation: '__CUSTOM_API_CALL__' })).toBe('__CUSTOM_API_CALL__: user');
	});
});
