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

// Example 7, the monthly customer report: its three Proofpoint nodes run here as exported, and its Code node
// on what they gave (a real n8n runs the whole workflow in test/e2e/examples.test.js).
describe('the monthly customer report example', () => {
	const vm = require('node:vm');
	const { run, sb } = useSandbox();
	const report = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'examples', '7-monthly-customer-report.json'), 'utf8'));
	const node = (name) => report.nodes.find((candidate) => candidate.name === name);

	/** The Code node's JavaScript, run as n8n runs it once for all items: $input and $('node') give items. */
	function runCode(jsCode, input, outputs) {
		const $ = (name) => ({ all: () => outputs[name] });
		return vm.runInNewContext(`(() => {${jsCode}\n})()`, { $input: { all: () => input }, $ });
	}

	test('is scheduled monthly, reads every child of the partner, and leaves sending to the user', () => {
		expect(node('On the 1st of each month at 06:00').parameters.rule.interval).toEqual([{ field: 'months', triggerAtDayOfMonth: 1, triggerAtHour: 6 }]);
		expect(node('Mail statistics, last 30 days').parameters).toMatchObject({ operation: 'getMailStats', statisticsOf: 'children', period: 30, simplify: true });
		expect(node('Licence usage').parameters).toMatchObject({ operation: 'getUsage', usageOf: 'children' });
		// Once for the whole run, not once per customer item that reaches them.
		expect([node('Licence usage').executeOnce, node('Threat events, last 3 days').executeOnce]).toEqual([true, true]);
		expect(node('Send the report')).toMatchObject({ type: 'n8n-nodes-base.emailSend', disabled: true });
	});

	test("makes 2, 1 + 2 × 2 and 72 requests for the partner's two customers on us1, and one report per customer with the sandbox's numbers", async () => {
		const stats = await run(node('Mail statistics, last 30 days').parameters);
		expect(sb().requests).toHaveLength(2);
		sb().clearRequests();
		const usage = await run(node('Licence usage').parameters);
		expect(sb().requests).toHaveLength(1 + 2 * 2);
		sb().clearRequests();
		const events = await run(node('Threat events, last 3 days').parameters, { threat: 'partner' });
		expect(events.status).toBe('success');
		expect(sb().requests.map((request) => request.path)).toEqual(Array(72).fill('/v2/siem/all'));

		const reports = runCode(node('Report per customer').parameters.jsCode, events.items, {
			'Mail statistics, last 30 days': stats.items,
			'Licence usage': usage.items,
		}).map((item) => item.json);

		expect(reports.map((one) => [one.domain, one.name, one.status])).toEqual([
			['acme.example', 'Acme Corporation', 'ok'],
			['initech.example', 'Initech', 'ok'],
		]);
		for (const one of reports) {
			const own = events.items.map((item) => item.json).filter((event) => event.customerName === one.name);
			expect(own.length).toBeGreaterThan(0);
			expect(one.threatEventTotal).toBe(own.length);
			expect(Object.fromEntries(one.threatEvents.map((type) => [type.eventType, type.events]))).toEqual(
				Object.fromEntries(['messagesBlocked', 'messagesDelivered', 'clicksBlocked', 'clicksPermitted'].map((type) => [type, own.filter((event) => event.eventType === type).length])),
			);
			// The chart: one bar per kind of stopped mail, the longest for the largest count.
			const bars = [...one.chartSvg.matchAll(/<rect x="170" y="\d+" width="(\d+)"/g)].map(([, width]) => Number(width));
			expect(bars).toHaveLength(5);
			expect(Math.max(...bars)).toBe(300);
			expect(one.chartSvg).toContain(`<title>Spam: ${one.statistics.spam.toLocaleString('en-US')}</title>`);
			expect(one.mailRowsHtml).toContain(`<td class="n">${one.statistics.inbound.toLocaleString('en-US')}</td>`);
			expect(one.licenceRowsHtml).toContain(`<tr><td>Licensing</td><td class="n">${one.usage.licensing}</td></tr>`);
		}
	});

	test('a customer whose statistics failed still gets its report, saying so', async () => {
		// The partner form has no rows, so each customer is asked alone, and initech's keeps failing.
		sb().failNext({ path: '/stats/partner.example/partner/orgs', mode: 'empty' });
		sb().failNext({ path: '/stats/initech.example/partner', mode: '500', count: 4 });
		const stats = await run({ ...node('Mail statistics, last 30 days').parameters });
		const usage = await run(node('Licence usage').parameters);
		const [, initech] = runCode(node('Report per customer').parameters.jsCode, [{ json: {} }], {
			'Mail statistics, last 30 days': stats.items,
			'Licence usage': usage.items,
		}).map((item) => item.json);

		expect(initech).toMatchObject({ domain: 'initech.example', status: 'incomplete', chartSvg: '' });
		expect(initech.mailRowsHtml).toBe('<tr><td colspan="2">Statistics unavailable: Proofpoint Essentials had a server error (500) after 4 attempts</td></tr>');
		expect(initech.threatEventTotal).toBe(0);
	});
});
