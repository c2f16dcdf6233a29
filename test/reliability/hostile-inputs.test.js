'use strict';

// The hostile-input corpus (hostile-inputs.json): every case is either refused with a
// NodeOperationError naming the item and the field before any request, or accepted in a
// documented way, with what was accepted checked against what the sandbox saw.
const vm = require('node:vm');
const corpus = require('./hostile-inputs.json');
const { useSandbox, seen } = require('../support');

const realProcess = vm.runInThisContext('process');

const parametersOf = (entry) => ({ ...corpus.bases[entry.base], ...entry.parameters });
const itemsOf = (entry) => entry.input?.map((json) => ({ json }));
const named = (entries) => entries.map((entry) => [entry.name, entry]);
const refused = corpus.cases.filter((entry) => entry.expect === 'refused');
const accepted = corpus.cases.filter((entry) => entry.expect === 'accepted');

afterAll(() => {
	if (process.env.RELIABILITY_FIGURES) {
		realProcess.stdout.write(`hostile-inputs figures ${JSON.stringify({ tried: corpus.cases.length, refused: refused.length, accepted: accepted.length })}\n`);
	}
});

test('the corpus holds at least 50 named cases, each on a known operation with a verdict', () => {
	expect(corpus.cases.length).toBeGreaterThanOrEqual(50);
	expect(new Set(corpus.cases.map((entry) => entry.name)).size).toBe(corpus.cases.length);
	for (const entry of corpus.cases) {
		expect({ name: entry.name, base: entry.base in corpus.bases, expect: ['refused', 'accepted'].includes(entry.expect) }).toEqual({
			name: entry.name,
			base: true,
			expect: true,
		});
	}
	expect(refused.every((entry) => typeof entry.field === 'string')).toBe(true);
	expect(accepted.every((entry) => Array.isArray(entry.requests) && typeof entry.note === 'string')).toBe(true);
});

describe('refused before any request, naming the item and the field', () => {
	const { run, sb } = useSandbox({ retryAfterSeconds: 0 });

	test.each(named(refused))('%s', async (_, entry) => {
		const result = await run(parametersOf(entry), { input: itemsOf(entry) });

		expect(result.status).toBe('error');
		expect(result.error.name).toBe('NodeOperationError');
		if (entry.item === undefined) {
			// Settings of the whole run (the HR list, its options) are named without an item.
			expect(result.error.message).toContain(entry.field);
		} else {
			expect(result.error.message.startsWith(`Item ${entry.item}: ${entry.field} `)).toBe(true);
			expect(result.error.context.itemIndex).toBe(entry.item);
		}
		if (entry.says) expect(result.error.message).toContain(entry.says);
		expect(result.error.description.length).toBeGreaterThan(10);
		// A 10 kB value is quoted shortened, never whole.
		expect(result.error.message.length).toBeLessThan(400);
		expect(sb().requests).toEqual([]);
	});
});

describe('accepted as documented', () => {
	const { run, sb } = useSandbox({ retryAfterSeconds: 0 });

	test.each(named(accepted))('%s', async (_, entry) => {
		const result = await run(parametersOf(entry), { input: itemsOf(entry) });

		expect(seen(sb())).toEqual(entry.requests);
		expect(result.status).toBe(entry.status ?? 'success');
		if (entry.httpCode) expect(result.error.httpCode).toBe(entry.httpCode);
		if (entry.rawPath) expect(sb().requests[0].rawPath).toBe(entry.rawPath);
		if (entry.query) expect(sb().requests[0].query).toMatchObject(entry.query);
		if (entry.body) expect(sb().requests[0].body).toMatchObject(entry.body);
		if (entry.output) expect(result.items[0].json).toMatchObject(entry.output);
		if (entry.items !== undefined) expect(result.items).toHaveLength(entry.items);
	});
});
