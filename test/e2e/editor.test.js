// The node as a user meets it in the editor: the packed package installed as a community package
// in the pinned n8n, the HR example workflow opened in Chromium, the Proofpoint node's parameter
// panel and its credential picker; then, in a second tab, a SIEM Event workflow and the TAP
// credential's dialog with its Platform; in a third, the permitted-click example with the Proofpoint
// Trigger and the trigger's panel. Screenshots go to docs/. The tests run in order.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const runtime = require('../../scripts/n8n-runtime');
const { startSandbox, SANDBOX_CREDENTIALS } = require('../../sandbox');
const { threatProtectionCredential } = require('../support');
const { Proofpoint } = require('../../dist/nodes/Proofpoint/Proofpoint.node.js');
const { ProofpointTapApi } = require('../../dist/credentials/ProofpointTapApi.credentials.js');
const { ProofpointTrigger } = require('../../dist/nodes/ProofpointTrigger/ProofpointTrigger.node.js');
const browser = require('./browser');
const { triggeredWorkflow, credentialRef, essentialsThreatCredential, savedInOrder } = require('./n8n');

jest.setTimeout(240000);

const EXAMPLES = path.join(__dirname, '..', '..', 'examples');
const HR_WORKFLOW = 'ppHrCsvFunctional';
const PLAN_NODE = 'Plan (dry run)';
// n8n appends this to the resource and operation lists of every node whose credentials have `authenticate`.
const CUSTOM_API_CALL = 'Custom API Call';

// What the editor should offer, read from the built node description so the test cannot drift from it.
const { properties } = new Proofpoint().description;
const resources = properties.find((property) => property.name === 'resource').options;
const resourceValue = (name) => resources.find((resource) => resource.name === name).value;
const operationNames = (resourceName) =>
	properties
		.find((property) => property.name === 'operation' && property.displayOptions.show.resource.includes(resourceValue(resourceName)))
		.options.map((operation) => operation.name);

const exampleWorkflows = fs
	.readdirSync(EXAMPLES)
	.filter((file) => file.endsWith('.json'))
	.map((file) => JSON.parse(fs.readFileSync(path.join(EXAMPLES, file), 'utf8')));
const hrWorkflow = exampleWorkflows.find((workflow) => workflow.id === HR_WORKFLOW);

// The slot label of the `proofpointTapApi` credential, which serves TAP and the Essentials Threat API.
const TAP_SLOT = 'Credential for Proofpoint TAP or Essentials Threat API';
// Both `proofpointTapApi` credentials the demo has, in whatever order the editor lists them.
const TAP_CHOICES = expect.arrayContaining([expect.stringContaining('Proofpoint TAP (sandbox)'), expect.stringContaining('Proofpoint Essentials Threat (sandbox)')]);
const tapCredential = new ProofpointTapApi();
const platforms = tapCredential.properties.find((property) => property.name === 'platform').options;
const platformName = (value) => platforms.find((platform) => platform.value === value).name;
// The credential's own fields (n8n adds others, such as Allowed HTTP Request Domains).
const tapCredentialFieldNames = new Set(tapCredential.properties.map((property) => property.name));
const TAP_FIELDS = [
	{ name: 'platform', label: 'Platform' },
	{ name: 'principal', label: 'Service Principal' },
	{ name: 'secret', label: 'Secret' },
	{ name: 'baseUrl', label: 'Base URL' },
];
const ESSENTIALS_FIELDS = [
	{ name: 'platform', label: 'Platform' },
	{ name: 'principal', label: 'API Key' },
	{ name: 'secret', label: 'API Key Secret' },
];
const FIELDS_BY_PLATFORM = {
	tap: TAP_FIELDS,
	essentialsUs: ESSENTIALS_FIELDS,
	essentialsEu: ESSENTIALS_FIELDS,
	essentialsCustom: [...ESSENTIALS_FIELDS, { name: 'baseUrl', label: 'Base URL' }],
};

// A workflow of one SIEM Event → Get Many node, for its panel and its credential.
const SIEM_NODE = 'Get SIEM events';
const siemWorkflow = triggeredWorkflow('SIEM events of the last hour', {
	id: 's2',
	name: SIEM_NODE,
	type: runtime.NODE_TYPE,
	typeVersion: 1.1,
	parameters: { resource: 'siemEvent', operation: 'getAll', timeRange: 'last', lastAmount: 1, lastUnit: 'hours', returnAll: true, simplify: true },
	credentials: credentialRef('proofpointTapApi'),
});

// A SIEM Event node as the editor adds one: no credential chosen yet, so the editor picks one.
const NEW_SIEM_NODE = 'New SIEM node';
const newSiemWorkflow = triggeredWorkflow('a new SIEM Event node', {
	id: 's3',
	name: NEW_SIEM_NODE,
	type: runtime.NODE_TYPE,
	typeVersion: 1.1,
	parameters: { resource: 'siemEvent', operation: 'getAll' },
});

// A User → Get Many node as a user adds it today: version 1.2, Output left at its default.
const USERS_NODE = 'List the users';
const usersWorkflow = triggeredWorkflow('list the users of an organization', {
	id: 'u3',
	name: USERS_NODE,
	type: runtime.NODE_TYPE,
	typeVersion: 1.2,
	parameters: { resource: 'user', operation: 'getAll', domain: 'acme.example' },
	credentials: credentialRef('proofpointEssentialsApi'),
});

// A Block List → Add Entries node with the Threat Protection credential: the entry from the item.
const BLOCK_NODE = 'Block the sender';
const blockWorkflow = triggeredWorkflow('block a sender org-wide', {
	id: 'b2',
	name: BLOCK_NODE,
	type: runtime.NODE_TYPE,
	typeVersion: 1.1,
	parameters: { resource: 'blockList', operation: 'addEntries', attribute: '$from', operator: 'equal', entryValue: '={{ $json.sender }}', comment: 'Phish' },
	credentials: credentialRef('proofpointThreatProtectionOAuth2Api'),
});
const TP_SLOT = 'Credential for Proofpoint Threat Protection API';
// The fields a user fills in; n8n's OAuth2 fields the credential fixes (grant type, token URL) are hidden.
// n8n's editor labels every OAuth2 client id and secret "Client ID" and "Client Secret", whatever the credential says.
const TP_FIELDS = [
	{ name: 'clientId', label: 'Client ID' },
	{ name: 'clientSecret', label: 'Client Secret' },
	{ name: 'clusterId', label: 'PoD Cluster ID' },
	{ name: 'baseUrl', label: 'Base URL' },
	{ name: 'ctrCallsPerMinute', label: 'Cloud Threat Response Calls per Minute' },
];

// A User → Get node as the editor makes one: both pickers in From List mode, nothing chosen yet,
// with the partner's credential (its own organization and its customers').
const PICKER_NODE = 'Get a user';
const pickerWorkflow = triggeredWorkflow('pick an organization and a user', {
	id: 'p2',
	name: PICKER_NODE,
	type: runtime.NODE_TYPE,
	typeVersion: 1,
	parameters: {
		resource: 'user',
		operation: 'get',
		domain: { __rl: true, mode: 'list', value: '' },
		email: { __rl: true, mode: 'list', value: '' },
	},
	credentials: credentialRef('proofpointEssentialsApi', { id: 'ppEssentialsPartner', name: 'Proofpoint Essentials partner (sandbox)' }),
});

// The permitted-click example starts with the Proofpoint Trigger; its panel shows the trigger's own
// parameters (those the description shows without a condition) after n8n's Poll Times.
const TRIAGE_WORKFLOW = 'ppClickTriage';
const TRIGGER_TYPE = `${runtime.PACKAGE}.proofpointTrigger`;
const triageWorkflow = exampleWorkflows.find((workflow) => workflow.id === TRIAGE_WORKFLOW);
const triggerNode = triageWorkflow.nodes.find((node) => node.type === TRIGGER_TYPE);
const TRIGGER_PARAMETERS = [
	'Source',
	'Event Types',
	'Threat Type',
	'Threat Status',
	'Essentials Organizations',
	'On First Activation',
	'Look-Back (Minutes)',
	'Max Events per Poll',
	'Minimum Minutes Between Reads',
	'Output',
	'Simplify',
];
/**
 * Whether the panel shows `property` on a node of `version` before any choice is made: no condition, or
 * only one on the version and on the default Source (threat events, as a trigger saved before Source reads).
 */
function shownAtVersion(property, version) {
	const { show, hide } = property.displayOptions ?? {};
	if (!property.displayOptions) return true;
	if (hide || Object.keys(show ?? {}).some((key) => key !== '@version' && key !== 'source')) return false;
	if (show.source && !show.source.includes('threatEvents')) return false;
	return !show['@version'] || show['@version'].some((wanted) => (typeof wanted === 'number' ? wanted === version : version >= wanted._cnd.gte));
}
const triggerProperties = new ProofpointTrigger().description.properties.filter(
	(property) => shownAtVersion(property, triggerNode.typeVersion) && !['notice', 'collection'].includes(property.type),
);
// Tall enough for the whole trigger panel, from its credential to Simplify.
const TALL_VIEWPORT = { width: 1440, height: 1320 };

// The ids and names the example workflows refer to, pointed at the sandbox.
const sandboxCredentials = (sandbox) => [
	{
		id: 'ppEssentialsDemo',
		name: 'Proofpoint Essentials (sandbox)',
		type: 'proofpointEssentialsApi',
		data: { stack: 'custom', baseUrl: sandbox.essentialsUrl('us1'), ...SANDBOX_CREDENTIALS.essentials.orgAdmin },
	},
	{
		id: 'ppEssentialsPartner',
		name: 'Proofpoint Essentials partner (sandbox)',
		type: 'proofpointEssentialsApi',
		data: { stack: 'custom', baseUrl: sandbox.essentialsUrl('us1'), ...SANDBOX_CREDENTIALS.essentials.partner },
	},
	{
		id: 'ppTapDemo',
		name: 'Proofpoint TAP (sandbox)',
		type: 'proofpointTapApi',
		data: { baseUrl: sandbox.tapUrl, ...SANDBOX_CREDENTIALS.tap },
	},
	{
		id: 'ppThreatProtectionDemo',
		name: 'Proofpoint Threat Protection (sandbox)',
		type: 'proofpointThreatProtectionOAuth2Api',
		data: threatProtectionCredential(sandbox),
	},
];

describe('the Proofpoint node in the n8n editor', () => {
	let tempRoot;
	let tarball;
	let sandbox;
	let n8n;
	let editor;
	let page;
	let panel;
	let cookie;

	beforeAll(async () => {
		const launcher = runtime.prepareN8n();
		tempRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'pp-editor-e2e-'));
		tarball = runtime.packPackage();
		const userFolder = runtime.newUserFolder(tarball, tempRoot);
		sandbox = await startSandbox();
		// As `npm start` saves them: the Essentials Threat API credential before TAP's.
		await runtime.importCredentials(launcher, userFolder, savedInOrder([essentialsThreatCredential(sandbox), ...sandboxCredentials(sandbox)]));
		for (const workflow of [...exampleWorkflows, siemWorkflow, newSiemWorkflow, pickerWorkflow, blockWorkflow, usersWorkflow]) await runtime.importWorkflow(launcher, userFolder, workflow);
		n8n = await runtime.startN8n(launcher, userFolder);
		cookie = await runtime.ownerSession(n8n.url);
		editor = await browser.openEditor(n8n.url, cookie);
		page = editor.page;
		panel = page.locator('[data-test-id="ndv"]');
	}, 600000); // a cold n8n install (no cache yet) takes about five minutes

	/** Opens `workflow` in a new tab and the panel of its node `nodeName`, with a double-click as a user does. */
	async function openNodeInNewTab(workflow, nodeName) {
		const tab = await page.context().newPage();
		await tab.goto(`${n8n.url}/workflow/${workflow.id}`);
		const node = tab.locator(`[data-test-id="canvas-node"][data-node-name="${nodeName}"]`);
		await node.waitFor();
		await node.dblclick();
		const panel = tab.locator('[data-test-id="ndv"]');
		await panel.waitFor();
		return { tab, panel };
	}

	afterAll(async () => {
		await editor?.browser.close();
		await n8n?.stop();
		await sandbox?.close();
		if (tempRoot) fs.rmSync(tempRoot, { recursive: true, force: true });
		if (tarball) fs.rmSync(path.dirname(tarball), { recursive: true, force: true });
	});

	test('opens the HR example workflow with its Proofpoint nodes on the canvas', async () => {
		await page.goto(`${n8n.url}/workflow/${hrWorkflow.id}`);
		const proofpointNodes = page.locator(`[data-test-id="canvas-node"][data-node-type="${runtime.NODE_TYPE}"]`);
		await proofpointNodes.first().waitFor();

		expect(page.url()).toBe(`${n8n.url}/workflow/${hrWorkflow.id}`);
		const names = await proofpointNodes.evaluateAll((nodes) => nodes.map((node) => node.dataset.nodeName));
		const inExample = hrWorkflow.nodes.filter((node) => node.type === runtime.NODE_TYPE).map((node) => node.name);
		expect(names.sort()).toEqual(inExample.sort());
		expect(names).toContain(PLAN_NODE);
		expect(await page.locator('[data-test-id="inline-edit-preview"]').allInnerTexts()).toContain(hrWorkflow.name);
		expect(await page.getByText('Review before applying').isVisible()).toBe(true);
		await browser.saveScreenshot(page, 'editor-workflow.png');
	});

	test('opens the parameter panel of the dry-run node on a double-click', async () => {
		await page.locator(`[data-test-id="canvas-node"][data-node-name="${PLAN_NODE}"]`).dblclick();
		await panel.waitFor();

		expect(await panel.locator('[data-test-id="node-title-container"]').innerText()).toContain(PLAN_NODE);
		expect(await browser.parameterValue(panel, 'resource')).toBe('User');
		expect(await browser.parameterValue(panel, 'operation')).toBe('Mark Functional Accounts From HR List');
		// Domain is a resource locator: its text box holds the saved domain, beside the mode select.
		expect(await panel.locator('[data-test-id="parameter-input-domain"] [data-test-id="rlc-input"]').inputValue()).toBe('acme.example');
		await browser.saveScreenshot(page, 'editor-node-panel.png');
	});

	test('lists all seventeen resources in the Resource dropdown', async () => {
		const expected = resources.map((resource) => resource.name);
		expect(expected).toHaveLength(17);

		expect(await browser.parameterOptions(page, panel, 'resource')).toEqual([...expected, CUSTOM_API_CALL]);
	});

	test('lists every User operation', async () => {
		expect(await browser.parameterOptions(page, panel, 'operation')).toEqual([...operationNames('User'), CUSTOM_API_CALL]);
	});

	test('offers the Essentials credential for a User operation', async () => {
		const slot = await browser.credentialSlot(page, panel);

		expect(slot.label).toBe('Credential for Proofpoint Essentials API');
		expect(slot.chosen).toBe('Proofpoint Essentials (sandbox)');
		expect(slot.choices).toEqual([expect.stringContaining('Proofpoint Essentials (sandbox)'), expect.stringContaining('Proofpoint Essentials partner (sandbox)')]);
	});

	test('lists every Organization operation once the resource is Organization', async () => {
		await browser.chooseParameterOption(page, panel, 'resource', 'Organization');

		expect(await browser.parameterValue(panel, 'resource')).toBe('Organization');
		expect(await browser.parameterOptions(page, panel, 'operation')).toEqual([...operationNames('Organization'), CUSTOM_API_CALL]);
	});

	test('asks for the TAP credential once the resource is Very Attacked Person', async () => {
		await browser.chooseParameterOption(page, panel, 'resource', 'Very Attacked Person');
		const slot = await browser.credentialSlot(page, panel);

		expect(slot.label).toBe(TAP_SLOT);
		expect(slot.choices).toEqual(TAP_CHOICES);

		await browser.chooseCredential(page, panel, 'Proofpoint TAP (sandbox)');
		expect((await browser.credentialSlot(page, panel)).chosen).toBe('Proofpoint TAP (sandbox)');
		expect(await browser.parameterValue(panel, 'operation')).toBe('Get Many');
		await browser.saveScreenshot(page, 'editor-credential.png');
	});

	describe('a SIEM Event node and the TAP credential, in a second tab', () => {
		let siemPage;
		let siemPanel;

		afterAll(async () => {
			await siemPage?.close();
		});

		test('shows SIEM Event → Get Many with its parameters and the TAP credential', async () => {
			// A tab of its own: the HR workflow in the first one has unsaved changes from the tests above.
			({ tab: siemPage, panel: siemPanel } = await openNodeInNewTab(siemWorkflow, SIEM_NODE));

			expect(await siemPanel.locator('[data-test-id="node-title-container"]').innerText()).toContain(SIEM_NODE);
			expect(await browser.parameterValue(siemPanel, 'resource')).toBe('SIEM Event');
			expect(await browser.parameterValue(siemPanel, 'operation')).toBe('Get Many');
			for (const name of ['eventTypes', 'timeRange', 'lastAmount', 'lastUnit', 'threatType', 'threatStatus', 'essentialsData', 'returnAll', 'simplify']) {
				await siemPanel.locator(`[data-test-id="parameter-input-${name}"]`).waitFor();
			}
			expect(await browser.parameterValue(siemPanel, 'timeRange')).toBe('Last N Minutes, Hours or Days');
			// Version 1.1: Threat Types and Threat Statuses are multi-selects, their defaults chosen.
			expect(await browser.parameterSelect(siemPanel, 'threatType').locator('.el-tag').allInnerTexts()).toEqual(['Attachment', 'Message Text', 'URL']);
			expect(await browser.parameterSelect(siemPanel, 'threatStatus').locator('.el-tag').allInnerTexts()).toEqual(['Active', 'Cleared']);
			// Before any dropdown is opened, so no field has the focus ring.
			await browser.saveScreenshot(siemPage, 'editor-siem-panel.png');

			expect(await browser.parameterOptions(siemPage, siemPanel, 'operation')).toEqual([...operationNames('SIEM Event'), CUSTOM_API_CALL]);
			const slot = await browser.credentialSlot(siemPage, siemPanel);
			expect(slot).toEqual({ label: TAP_SLOT, chosen: 'Proofpoint TAP (sandbox)', choices: TAP_CHOICES });
		});

		test('gives a new SIEM Event node the TAP credential, not the Essentials Threat API one', async () => {
			const { tab, panel: newPanel } = await openNodeInNewTab(newSiemWorkflow, NEW_SIEM_NODE);
			try {
				// The editor picks a credential once the panel has shown the slot.
				const chosen = newPanel.locator('[data-test-id="node-credentials-select"] input');
				await browser.whenSettled(async () => (await chosen.inputValue()) !== '', true);
				const slot = await browser.credentialSlot(tab, newPanel);
				expect(slot).toEqual({ label: TAP_SLOT, chosen: 'Proofpoint TAP (sandbox)', choices: TAP_CHOICES });
			} finally {
				await tab.close();
			}
		});

		test('opens the saved TAP credential, which has no Platform, as TAP with a service principal, and its test passes', async () => {
			const modal = await browser.openChosenCredential(siemPage, siemPanel);

			expect(await modal.locator('[data-test-id="credential-name"]').innerText()).toContain('Proofpoint TAP (sandbox)');
			expect(await browser.parameterValue(modal, 'platform')).toBe(platformName('tap'));
			const fields = await browser.whenSettled(async () => (await browser.credentialFields(modal)).filter((field) => tapCredentialFieldNames.has(field.name)), TAP_FIELDS);
			expect(fields).toEqual(TAP_FIELDS);
			expect(await browser.parameterValue(modal, 'principal')).toBe(SANDBOX_CREDENTIALS.tap.principal);
			// n8n tests a saved credential when it opens; the Test request goes to the sandbox.
			await modal.locator('[data-test-id="credentials-config-container-test-success"]').waitFor();
			expect(sandbox.requests).toContainEqual(expect.objectContaining({ api: 'tap', path: '/v2/siem/clicks/permitted', authOk: true, status: 200 }));
			await browser.closeCredentialModal(siemPage);
		});

		test("offers the four platforms in a new TAP credential, and an Essentials platform asks for an API Key and API Key Secret", async () => {
			const modal = await browser.openNewCredential(siemPage, siemPanel);

			expect(await browser.parameterValue(modal, 'platform')).toBe(platformName('tap'));
			const offered = await browser.parameterOptions(siemPage, modal, 'platform');
			expect(offered).toEqual(['TAP (Targeted Attack Protection)', 'Essentials Threat API, US', 'Essentials Threat API, EU', 'Essentials Threat API, Custom Base URL']);
			expect(offered).toEqual(platforms.map((platform) => platform.name));
			// Each platform in turn, ending on the one most Essentials customers choose (for the screenshot).
			for (const value of ['tap', 'essentialsEu', 'essentialsCustom', 'essentialsUs']) {
				if (value !== 'tap') await browser.chooseParameterOption(siemPage, modal, 'platform', platformName(value));
				const expected = FIELDS_BY_PLATFORM[value];
				const fields = await browser.whenSettled(async () => (await browser.credentialFields(modal)).filter((field) => tapCredentialFieldNames.has(field.name)), expected);
				expect({ platform: await browser.parameterValue(modal, 'platform'), fields }).toEqual({ platform: platformName(value), fields: expected });
			}
			const labels = (await browser.credentialFields(modal)).map((field) => field.label);
			expect(labels).toEqual(expect.arrayContaining(['API Key', 'API Key Secret']));
			expect(labels).not.toContain('Service Principal');
			expect(labels).not.toContain('Secret');
			await browser.saveScreenshot(siemPage, 'editor-threat-credential.png');

			await browser.closeCredentialModal(siemPage);
			// Closed without saving: still only the credentials the test imported.
			const saved = await runtime.rest(n8n.url, cookie, 'GET', '/credentials');
			expect(saved.json.data.map((credential) => credential.id).sort()).toEqual(['ppEssentialsDemo', 'ppEssentialsPartner', 'ppTapDemo', 'ppThreatEssentials', 'ppThreatProtectionDemo']);
		});
	});

	describe('a Block List node and the Threat Protection credential, in a tab of their own', () => {
		let blockPage;
		let blockPanel;

		afterAll(async () => {
			await blockPage?.close();
		});

		test("shows Block List → Add Entries with the entry's fields and the Threat Protection credential", async () => {
			({ tab: blockPage, panel: blockPanel } = await openNodeInNewTab(blockWorkflow, BLOCK_NODE));

			expect(await browser.parameterValue(blockPanel, 'resource')).toBe('Block List');
			expect(await browser.parameterValue(blockPanel, 'operation')).toBe('Add Entries');
			expect(await browser.parameterValue(blockPanel, 'attribute')).toBe('Envelope Sender ($from)');
			expect(await browser.parameterOptions(blockPage, blockPanel, 'operator')).toEqual(['Equals', 'Does Not Equal', 'Contains', 'Does Not Contain']);
			for (const name of ['entryValue', 'comment', 'dryRun']) await blockPanel.locator(`[data-test-id="parameter-input-${name}"]`).waitFor();
			const slot = await browser.credentialSlot(blockPage, blockPanel);
			expect(slot).toEqual({ label: TP_SLOT, chosen: 'Proofpoint Threat Protection (sandbox)', choices: [expect.stringContaining('Proofpoint Threat Protection (sandbox)')] });
			await browser.saveScreenshot(blockPage, 'editor-block-list.png');
		});

		test('opens the credential with its five fields, n8n tests it with a token from the sandbox, and a plain-http Base URL shows why it is refused', async () => {
			sandbox.clearRequests();
			const modal = await browser.openChosenCredential(blockPage, blockPanel);

			const own = new Set(TP_FIELDS.map((field) => field.name));
			const fields = await browser.whenSettled(async () => (await browser.credentialFields(modal)).filter((field) => own.has(field.name)), TP_FIELDS);
			expect(fields).toEqual(TP_FIELDS);
			// A note says what Proofpoint calls them and where they are made.
			await modal.getByText('Client ID and Client Secret are the API Key and API Secret Proofpoint shows').waitFor();
			await modal.locator('[data-test-id="credentials-config-container-test-success"]').waitFor();
			expect(sandbox.requests.filter((request) => request.api === 'threatProtection').map((request) => `${request.method} ${request.path} ${request.status}`)).toEqual(
				expect.arrayContaining(['GET /api/v1/emailProtection/modules/spam/orgBlockList 200']),
			);

			const notice = modal.getByText('Plain http:// is accepted only for a loopback address');
			expect(await notice.count()).toBe(0);
			const baseUrl = modal.locator('[data-test-id="parameter-input-baseUrl"] input');
			await baseUrl.fill('http://tp.example.test');
			await notice.waitFor();
			await notice.scrollIntoViewIfNeeded();
			await browser.saveScreenshot(blockPage, 'editor-threat-protection-credential.png');
			await browser.closeCredentialModal(blockPage);
		});
	});

	test('a new User → Get Many node answers Simplified by default, and Selected Fields asks which fields', async () => {
		const { tab, panel: usersPanel } = await openNodeInNewTab(usersWorkflow, USERS_NODE);
		try {
			expect(await browser.parameterValue(usersPanel, 'output')).toBe('Simplified');
			expect(await usersPanel.locator('[data-test-id="parameter-input-fields"]').count()).toBe(0);
			expect(await browser.parameterOptions(tab, usersPanel, 'output')).toEqual(['Simplified', 'Raw', 'Selected Fields']);
			await browser.chooseParameterOption(tab, usersPanel, 'output', 'Selected Fields');
			await usersPanel.locator('[data-test-id="parameter-input-fields"]').waitFor();
			await browser.saveScreenshot(tab, 'editor-output.png');
		} finally {
			await tab.close();
		}
	});

	test('opens the pull-and-block example with its chain and its note on the canvas', async () => {
		const example = exampleWorkflows.find((workflow) => workflow.id === 'ppClickPullBlock');
		const tab = await page.context().newPage();
		try {
			await tab.goto(`${n8n.url}/workflow/${example.id}`);
			await tab.locator(`[data-test-id="canvas-node"][data-node-type="${runtime.NODE_TYPE}"]`).first().waitFor();
			const onCanvas = await tab.locator('[data-test-id="canvas-node"]').evaluateAll((nodes) => nodes.map((node) => node.dataset.nodeName));
			expect(onCanvas.sort()).toEqual(example.nodes.filter((node) => node.type !== 'n8n-nodes-base.stickyNote').map((node) => node.name).sort());
			expect(await tab.getByText('Permitted click → pull the message → block the sender', { exact: true }).isVisible()).toBe(true);
			await browser.saveScreenshot(tab, 'editor-pull-and-block-workflow.png');
		} finally {
			await tab.close();
		}
	});

	describe('the Organization and User pickers, in a tab of their own', () => {
		let pickerPage;
		let pickerPanel;

		afterAll(async () => {
			await pickerPage?.close();
		});

		const texts = async (items) => (await items.allInnerTexts()).map((text) => text.trim());

		/** Opens a picker's list (optionally typing a search); n8n renders the list inside the picker. */
		async function pickerEntries(name, search) {
			const picker = pickerPanel.locator(`[data-test-id="resource-locator-${name}"]`);
			await picker.locator('[data-test-id="rlc-input"]').click();
			const items = picker.locator('[data-test-id="rlc-item"]');
			await items.first().waitFor();
			if (search !== undefined) await picker.locator('input[data-test-id="rlc-search"]').fill(search);
			return items;
		}

		test("lists the partner's own organization and its customers, searchable, and picks one", async () => {
			({ tab: pickerPage, panel: pickerPanel } = await openNodeInNewTab(pickerWorkflow, PICKER_NODE));

			// The partner and the customers on its stack (us1); Globex lives on us2.
			const all = ['Example Partner (partner.example)', 'Acme Corporation (acme.example)', 'Initech (initech.example)'];
			const items = await pickerEntries('domain');
			expect(await browser.whenSettled(() => texts(items), all)).toEqual(all);
			await browser.saveScreenshot(pickerPage, 'editor-org-picker.png');

			await pickerPanel.locator('[data-test-id="resource-locator-domain"] input[data-test-id="rlc-search"]').fill('acme');
			const acme = ['Acme Corporation (acme.example)'];
			expect(await browser.whenSettled(() => texts(items), acme)).toEqual(acme);
			await items.first().click();
			await items.first().waitFor({ state: 'hidden' });
			expect(await pickerPanel.locator('[data-test-id="resource-locator-domain"] [data-test-id="rlc-input"]').inputValue()).toBe('Acme Corporation (acme.example)');
		});

		test("then lists the chosen organization's users, searchable by name", async () => {
			const items = await pickerEntries('email', 'carol');
			const carol = ['Carol Jones <carol.jones@acme.example>'];
			expect(await browser.whenSettled(() => texts(items), carol)).toEqual(carol);
			await items.first().click();
			await items.first().waitFor({ state: 'hidden' });
			expect(await pickerPanel.locator('[data-test-id="resource-locator-email"] [data-test-id="rlc-input"]').inputValue()).toBe('Carol Jones <carol.jones@acme.example>');
		});
	});

	describe('the Proofpoint Trigger of the permitted-click example, in a third tab', () => {
		let triggerPage;
		let triggerPanel;

		afterAll(async () => {
			await triggerPage?.close();
		});

		test('opens the permitted-click example with the Proofpoint Trigger leading its chain on the canvas', async () => {
			triggerPage = await page.context().newPage();
			await triggerPage.goto(`${n8n.url}/workflow/${TRIAGE_WORKFLOW}`);
			const trigger = triggerPage.locator(`[data-test-id="canvas-node"][data-node-type="${TRIGGER_TYPE}"]`);
			await trigger.waitFor();

			expect(await trigger.getAttribute('data-node-name')).toBe(triggerNode.name);
			const onCanvas = await triggerPage.locator('[data-test-id="canvas-node"]').evaluateAll((nodes) => nodes.map((node) => [node.dataset.nodeName, node.dataset.nodeType]));
			const inExample = triageWorkflow.nodes.filter((node) => node.type !== 'n8n-nodes-base.stickyNote').map((node) => [node.name, node.type]);
			expect(onCanvas.sort()).toEqual(inExample.sort());
			expect(await triggerPage.locator('[data-test-id="inline-edit-preview"]').allInnerTexts()).toContain(triageWorkflow.name);
			expect(await triggerPage.getByText('Permitted click → triage message', { exact: true }).isVisible()).toBe(true);
			await browser.saveScreenshot(triggerPage, 'editor-triage-workflow.png');
		});

		test("shows the trigger's credential, its parameters and n8n's Poll Times in its panel", async () => {
			expect(triggerProperties.map((property) => property.displayName)).toEqual(TRIGGER_PARAMETERS);
			await triggerPage.setViewportSize(TALL_VIEWPORT);
			await triggerPage.locator(`[data-test-id="canvas-node"][data-node-name="${triggerNode.name}"]`).dblclick();
			triggerPanel = triggerPage.locator('[data-test-id="ndv"]');
			await triggerPanel.waitFor();
			for (const { name } of triggerProperties) await triggerPanel.locator(`[data-test-id="parameter-input-${name}"]`).waitFor();

			expect(await triggerPanel.locator('[data-test-id="node-title-container"]').innerText()).toContain(triggerNode.name);
			const slot = triggerPanel.locator('[data-test-id="node-credentials-slot"]');
			expect((await slot.locator('[data-test-id="credentials-label"]').innerText()).trim()).toBe(TAP_SLOT);
			expect(await slot.locator('[data-test-id="node-credentials-select"] input').inputValue()).toBe('Proofpoint TAP (sandbox)');
			// n8n's Poll Times first, then the trigger's parameters in the description's order.
			const labels = await browser.parameterLabels(triggerPanel);
			const wanted = new Set(['pollTimes', ...triggerProperties.map((property) => property.name)]);
			expect(labels.filter((entry) => wanted.has(entry.name))).toEqual([
				{ name: 'pollTimes', label: 'Poll Times' },
				...triggerProperties.map((property) => ({ name: property.name, label: property.displayName })),
			]);
			// The example's values, as the panel shows them.
			await triggerPanel.locator('[data-test-id="fixed-collection-pollTimes"]').waitFor();
			expect(await browser.parameterValue(triggerPanel.locator('[data-test-id="fixed-collection-pollTimes"]'), 'mode')).toBe('Every X');
			expect(await browser.parameterSelect(triggerPanel, 'eventTypes').locator('.el-tag').allInnerTexts()).toEqual(['Clicks Permitted']);
			expect({
				threatType: await browser.parameterValue(triggerPanel, 'threatType'),
				threatStatus: await browser.parameterValue(triggerPanel, 'threatStatus'),
				essentialsData: await browser.parameterValue(triggerPanel, 'essentialsData'),
				firstActivation: await browser.parameterValue(triggerPanel, 'firstActivation'),
				lookBackMinutes: await browser.parameterValue(triggerPanel, 'lookBackMinutes'),
				maxEventsPerPoll: await browser.parameterValue(triggerPanel, 'maxEventsPerPoll'),
				minMinutesBetweenReads: await browser.parameterValue(triggerPanel, 'minMinutesBetweenReads'),
				output: await browser.parameterValue(triggerPanel, 'output'),
				simplify: await browser.parameterSwitchOn(triggerPanel, 'simplify'),
			}).toEqual({
				threatType: 'All',
				threatStatus: 'Active and Cleared',
				essentialsData: 'Own Organization',
				firstActivation: 'Start From Now',
				lookBackMinutes: '30',
				maxEventsPerPoll: '500',
				minMinutesBetweenReads: '0',
				output: 'One Item per Event',
				simplify: true,
			});
			// Before any dropdown is opened, so no field has the focus ring.
			await browser.saveScreenshot(triggerPage, 'editor-trigger-panel.png');

			expect(await browser.credentialSlot(triggerPage, triggerPanel)).toEqual({
				label: TAP_SLOT,
				chosen: 'Proofpoint TAP (sandbox)',
				choices: TAP_CHOICES,
			});
		});

		test('asks how far back to read once On First Activation is Backfill', async () => {
			await browser.chooseParameterOption(triggerPage, triggerPanel, 'firstActivation', 'Backfill');

			expect(await browser.parameterValue(triggerPanel, 'firstActivation')).toBe('Backfill');
			await triggerPanel.locator('[data-test-id="parameter-input-backfillAmount"]').waitFor();
			expect(await triggerPanel.locator('[data-test-id="parameter-input-backfillAmount"] input').inputValue()).toBe('24');
			expect(await browser.parameterValue(triggerPanel, 'backfillUnit')).toBe('Hours');
		});
	});
});
