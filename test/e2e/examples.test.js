// The example workflows, executed headless by a real n8n with the packed package installed.
const fs = require('node:fs');
const path = require('node:path');
const { useRealN8n, readExample } = require('./n8n');

jest.setTimeout(240000);

describe('the example workflows in a real n8n', () => {
	const context = useRealN8n();

	test('HR CSV → dry run → review → apply marks the leaver and the unowned mailbox as functional accounts', async () => {
		const { sb, userFolder } = context;
		const csv = path.join(userFolder, 'files', 'hr-roster.csv');
		fs.copyFileSync(path.join(__dirname, '..', '..', 'examples', 'hr-roster.csv'), csv);
		const workflow = readExample('1-hr-csv-functional-accounts.json');
		workflow.nodes.find((node) => node.type === 'n8n-nodes-base.readWriteFile').parameters.fileSelector = csv;

		const result = await context.run(workflow);

		expect(result.code).toBe(0);
		expect(result.error).toBeUndefined();
		const [plan] = result.output('Plan (dry run)');
		expect(plan.json).toMatchObject({ dryRun: true, planned: 2, updated: 0 });
		expect(plan.json.plannedEmails.sort()).toEqual(['bob.smith@acme.example', 'erin.white@acme.example']);
		const applied = result.output('Apply').map((item) => [item.json.email, item.json.status, item.json.reason]);
		expect(applied.sort()).toEqual([
			['bob.smith@acme.example', 'updated', 'left: terminated'],
			['erin.white@acme.example', 'updated', 'not in HR'],
		]);
		expect(sb.getUser('acme.example', 'bob.smith@acme.example').type).toBe('functional_account');
		expect(sb.getUser('acme.example', 'erin.white@acme.example').type).toBe('functional_account');
		expect(sb.getUser('acme.example', 'carol.jones@acme.example').type).toBe('end_user');
		const puts = sb.requests.filter((request) => request.method === 'PUT').map((request) => request.path);
		expect(puts.sort()).toEqual([
			'/orgs/acme.example/users/bob.smith@acme.example',
			'/orgs/acme.example/users/erin.white@acme.example',
		]);

		sb.clearRequests();
		const again = await context.run(workflow);
		expect(again.code).toBe(0);
		expect(again.output('Plan (dry run)')[0].json.planned).toBe(0);
		expect(sb.requests.filter((request) => request.method === 'PUT')).toEqual([]);
	});

	test('the weekly VAP report makes one People API request and outputs an HTML table of the top 10', async () => {
		const { sb } = context;
		sb.clearRequests();

		const result = await context.run(readExample('3-weekly-vap-report.json'));

		expect(result.code).toBe(0);
		expect(result.output('Top 10 VAPs, last 30 days')).toHaveLength(10);
		const [report] = result.output('HTML table to send');
		expect(report.json.table).toContain('<caption>Very Attacked People, last 30 days</caption>');
		expect(report.json.table.match(/<tr/g)).toHaveLength(11);
		expect(report.json.table).toContain('<th>Department</th>');
		expect(sb.requests.map((request) => `${request.method} ${request.path} ${request.query.size}`)).toEqual([
			'GET /v2/people/vap 10',
		]);
	});

	test('the Google Sheets example imports into n8n (it needs a Google account to run)', async () => {
		const workflow = readExample('2-google-sheets-weekly-functional-accounts.json');
		const { runtime } = require('./n8n');
		await expect(runtime.importWorkflow(context.n8n, context.userFolder, workflow)).resolves.toBeUndefined();
		const types = workflow.nodes.map((node) => node.type);
		expect(types).toEqual(
			expect.arrayContaining(['n8n-nodes-base.scheduleTrigger', 'n8n-nodes-base.googleSheets', 'n8n-nodes-proofpoint.proofpoint']),
		);
	});
});
