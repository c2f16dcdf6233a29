'use strict';

// The Essentials Threat API serves SIEM events only: every other TAP resource, given such a
// credential, is refused before anything is sent, with the reason and the way out.
const { useSandbox } = require('../support');
const { OPERATIONS } = require('../reliability/operations');

const tapOnly = OPERATIONS.filter((op) => op.api === 'tap' && op.parameters.resource !== 'siemEvent');

describe('TAP-only resources with an Essentials Threat API credential', () => {
	const { run, sb } = useSandbox();

	test('are the People, Campaign, Forensics, Threat and URL operations', () => {
		expect(tapOnly.map((op) => op.name)).toEqual([
			'Very Attacked Person → Get Many',
			'Top Clicker → Get Many',
			'Campaign → Get',
			'Campaign → Get Many',
			'Forensic Report → Get',
			'Threat → Get',
			'URL → Decode',
		]);
	});

	test.each(tapOnly.map((op) => [op.name, op]))('%s is refused before any request, saying why', async (_, op) => {
		const result = await run(op.parameters, { threat: 'partner' });

		expect(result.error.name).toBe('NodeOperationError');
		expect(result.error.message).toMatch(/^This credential reaches the Essentials Threat API, which has no (People API|Campaign API|Forensics API|Threat API|URL Decoder)/);
		expect(result.error.description).toContain('Choose a Proofpoint TAP credential');
		expect(sb().requests).toEqual([]);
	});
});
