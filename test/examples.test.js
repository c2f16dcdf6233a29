// The Google Sheets example (examples/2-…) needs a Google account to run end to end, so its
// Proofpoint node runs here as exported, fed rows shaped as the Google Sheets node reads them.
const fs = require('node:fs');
const path = require('node:path');
const { useSandbox } = require('./support');

const example = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'examples', '2-google-sheets-weekly-functional-accounts.json'), 'utf8'));
const markNode = example.nodes.find((node) => node.type === 'n8n-nodes-proofpoint.proofpoint');

// examples/hr-roster.csv as a sheet would hold it: other column names, title-case statuses, a row_number.
const sheetRows = fs
	.readFileSync(path.join(__dirname, '..', 'examples', 'hr-roster.csv'), 'utf8')
	.trim()
	.split('\n')
	.slice(1)
	.map((line) => line.split(','))
	.map(([, name, email, status], index) => ({
		json: {
			row_number: index + 2,
			'Full Name': name,
			'Work Email': email,
			'Employment Status': status === 'terminated' ? 'Resigned' : 'Active',
		},
	}));

describe('the weekly Google Sheets example', () => {
	const { run, sb } = useSandbox();

	test('stops the unattended run when more than 10 % of the users would change, and changes nothing', async () => {
		const result = await run(markNode.parameters, { input: sheetRows });

		expect(result.status).toBe('error');
		expect(result.error.message).toBe('2 of 8 in-scope Proofpoint users (25%) would become functional accounts; the limit is 10%');
		expect(result.error.description).toMatch(/raise Maximum Change Share to at least 0\.25/);
		expect(sb().requests.map((request) => request.method)).toEqual(['GET']);
		expect(sb().getUser('acme.example', 'bob.smith@acme.example').type).toBe('end_user');
	});

	test('with the share raised for a one-off clean-up, marks the resigned employee and the mailbox nobody owns', async () => {
		const parameters = { ...markNode.parameters, options: { maxChangeShare: 0.5 } };
		const result = await run(parameters, { input: sheetRows });

		expect(result.status).toBe('success');
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toMatchObject({ domain: 'acme.example', dryRun: false, planned: 2, updated: 2, failed: 0 });
		expect(result.items[0].json.updatedEmails.sort()).toEqual(['bob.smith@acme.example', 'erin.white@acme.example']);
		expect(sb().getUser('acme.example', 'bob.smith@acme.example').type).toBe('functional_account');
		expect(sb().getUser('acme.example', 'carol.jones@acme.example').type).toBe('end_user');
	});

	test('a sheet that comes back empty stops the run before any request', async () => {
		const result = await run(markNode.parameters, { input: [{ json: {} }] });

		expect(result.status).toBe('error');
		expect(result.error.message).toMatch(/HR list has no usable emails/);
		expect(sb().requests).toEqual([]);
	});
});
