// The node as a user meets it in the editor: the packed package installed as a community package
// in the pinned n8n, the HR example workflow opened in Chromium, the Proofpoint node's parameter
// panel and its credential picker. Screenshots go to docs/. The tests run in order on one page.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const runtime = require('../../scripts/n8n-runtime');
const { startSandbox, SANDBOX_CREDENTIALS } = require('../../sandbox');
const { Proofpoint } = require('../../dist/nodes/Proofpoint/Proofpoint.node.js');
const browser = require('./browser');

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

// The ids and names the example workflows refer to, pointed at the sandbox.
const sandboxCredentials = (sandbox) => [
	{
		id: 'ppEssentialsDemo',
		name: 'Proofpoint Essentials (sandbox)',
		type: 'proofpointEssentialsApi',
		data: { stack: 'custom', baseUrl: sandbox.essentialsUrl('us1'), ...SANDBOX_CREDENTIALS.essentials.orgAdmin },
	},
	{
		id: 'ppTapDemo',
		name: 'Proofpoint TAP (sandbox)',
		type: 'proofpointTapApi',
		data: { baseUrl: sandbox.tapUrl, ...SANDBOX_CREDENTIALS.tap },
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

	beforeAll(async () => {
		const launcher = runtime.prepareN8n();
		tempRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'pp-editor-e2e-'));
		tarball = runtime.packPackage();
		const userFolder = runtime.newUserFolder(tarball, tempRoot);
		sandbox = await startSandbox();
		await runtime.importCredentials(launcher, userFolder, sandboxCredentials(sandbox));
		for (const workflow of exampleWorkflows) await runtime.importWorkflow(launcher, userFolder, workflow);
		n8n = await runtime.startN8n(launcher, userFolder);
		const cookie = await runtime.ownerSession(n8n.url);
		editor = await browser.openEditor(n8n.url, cookie);
		page = editor.page;
		panel = page.locator('[data-test-id="ndv"]');
	}, 600000); // a cold n8n install (no cache yet) takes about five minutes

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
		expect(await panel.locator('[data-test-id="parameter-input-domain"] input').inputValue()).toBe('acme.example');
		await browser.saveScreenshot(page, 'editor-node-panel.png');
	});

	test('lists all seven resources in the Resource dropdown', async () => {
		const expected = resources.map((resource) => resource.name);
		expect(expected).toHaveLength(7);

		expect(await browser.parameterOptions(page, panel, 'resource')).toEqual([...expected, CUSTOM_API_CALL]);
	});

	test('lists every User operation', async () => {
		expect(await browser.parameterOptions(page, panel, 'operation')).toEqual([...operationNames('User'), CUSTOM_API_CALL]);
	});

	test('offers the Essentials credential for a User operation', async () => {
		const slot = await browser.credentialSlot(page, panel);

		expect(slot.label).toBe('Credential for Proofpoint Essentials API');
		expect(slot.chosen).toBe('Proofpoint Essentials (sandbox)');
		expect(slot.choices).toEqual([expect.stringContaining('Proofpoint Essentials (sandbox)')]);
	});

	test('lists every Organization operation once the resource is Organization', async () => {
		await browser.chooseParameterOption(page, panel, 'resource', 'Organization');

		expect(await browser.parameterValue(panel, 'resource')).toBe('Organization');
		expect(await browser.parameterOptions(page, panel, 'operation')).toEqual([...operationNames('Organization'), CUSTOM_API_CALL]);
	});

	test('asks for the TAP credential once the resource is Very Attacked Person', async () => {
		await browser.chooseParameterOption(page, panel, 'resource', 'Very Attacked Person');
		const slot = await browser.credentialSlot(page, panel);

		expect(slot.label).toBe('Credential for Proofpoint TAP API');
		expect(slot.choices).toEqual([expect.stringContaining('Proofpoint TAP (sandbox)')]);

		await browser.chooseCredential(page, panel, 'Proofpoint TAP (sandbox)');
		expect((await browser.credentialSlot(page, panel)).chosen).toBe('Proofpoint TAP (sandbox)');
		expect(await browser.parameterValue(panel, 'operation')).toBe('Get Many');
		await browser.saveScreenshot(page, 'editor-credential.png');
	});
});
