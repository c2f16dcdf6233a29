// Drives the n8n editor in Debian's Chromium through playwright-core: the launch flags that work
// headless here, the owner's login cookie, and the Element Plus dropdowns the parameter panel uses.
const path = require('node:path');
const { chromium } = require('playwright-core');

const CHROMIUM = '/usr/bin/chromium';
const FLAGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];
const VIEWPORT = { width: 1440, height: 900 };
const DOCS = path.join(__dirname, '..', '..', 'docs');

/** A headless Chromium whose only page is logged in to n8n at `url` as the owner of `cookie`. */
async function openEditor(url, cookie) {
	const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
	const context = await browser.newContext({ viewport: VIEWPORT });
	await context.addCookies([{ name: 'n8n-auth', value: cookie, url }]);
	return { browser, page: await context.newPage() };
}

/** Opens an Element Plus select; its input names the list it opens in `aria-controls`. */
async function openDropdown(page, select) {
	const input = select.locator('input[role="combobox"]');
	await input.click();
	const list = page.locator(`[id="${await input.getAttribute('aria-controls')}"]`);
	await list.waitFor();
	return list;
}

async function closeDropdown(page, list) {
	await page.keyboard.press('Escape');
	await list.waitFor({ state: 'hidden' });
}

const parameterSelect = (panel, name) => panel.locator(`[data-test-id="parameter-input-${name}"]`);

/** The option names a parameter's dropdown lists, in order, without their descriptions. */
async function parameterOptions(page, panel, name) {
	const list = await openDropdown(page, parameterSelect(panel, name));
	const names = await list.locator('.option-headline').allInnerTexts();
	await closeDropdown(page, list);
	return names;
}

/** Picks an option by its name, as a user clicks it. */
async function chooseParameterOption(page, panel, name, option) {
	const list = await openDropdown(page, parameterSelect(panel, name));
	await list.getByText(option, { exact: true }).click();
	await list.waitFor({ state: 'hidden' });
}

const parameterValue = (panel, name) => parameterSelect(panel, name).locator('input').inputValue();

/** The credential slot: its label ("Credential for …"), the chosen credential and the picker's entries (name and type). */
async function credentialSlot(page, panel) {
	const slot = panel.locator('[data-test-id="node-credentials-slot"]');
	const select = slot.locator('[data-test-id="node-credentials-select"]');
	const list = await openDropdown(page, select);
	const choices = await list.locator('[data-test-id^="node-credentials-select-item-"]').allInnerTexts();
	await closeDropdown(page, list);
	return {
		label: (await slot.locator('[data-test-id="credentials-label"]').innerText()).trim(),
		chosen: await select.locator('input').inputValue(),
		choices,
	};
}

async function chooseCredential(page, panel, name) {
	const list = await openDropdown(page, panel.locator('[data-test-id="node-credentials-select"]'));
	await list.locator('[data-test-id^="node-credentials-select-item-"]').filter({ hasText: name }).click();
	await list.waitFor({ state: 'hidden' });
}

/** The credential modal n8n opens over the editor, to create a credential or to edit one. */
const credentialModal = (page) => page.locator('[data-test-id="editCredential-modal"]');

/** Opens the creation dialog for the node's credential type from the credential slot's "Create new credential". */
async function openNewCredential(page, panel) {
	const input = panel.locator('[data-test-id="node-credentials-select"] input[role="combobox"]');
	await input.click();
	const list = page.locator(`[id="${await input.getAttribute('aria-controls')}"]`);
	await list.waitFor();
	// The entry sits in the dropdown's footer, outside the list of credentials.
	await page.locator('[data-test-id="node-credentials-select-item-new"]').click();
	const modal = credentialModal(page);
	await modal.waitFor();
	return modal;
}

/** Opens the chosen credential with the pencil beside the credential slot. */
async function openChosenCredential(page, panel) {
	await panel.locator('[data-test-id="credential-edit-button"]').click();
	const modal = credentialModal(page);
	await modal.waitFor();
	return modal;
}

/** Closes the credential modal with its × (nothing is saved; n8n's "Close without saving?" answered Close) and waits until it is gone. */
async function closeCredentialModal(page) {
	const modal = credentialModal(page);
	await modal.getByRole('button', { name: 'Close this dialog' }).click();
	const confirm = page.locator('.el-message-box').filter({ hasText: 'Close without saving?' });
	await Promise.race([modal.waitFor({ state: 'hidden' }), confirm.waitFor().then(() => confirm.getByRole('button', { name: 'Close', exact: true }).click())]);
	await modal.waitFor({ state: 'hidden' });
}

/**
 * The connection fields the credential modal shows, in order: each field is a form holding a
 * container named by the parameter, with the field's label (read here without the required mark).
 */
function credentialFields(modal) {
	return modal.locator('form[data-test-id="credential-connection-parameter"]').evaluateAll((forms) =>
		forms.map((form) => ({
			name: form.querySelector('[data-test-id]')?.getAttribute('data-test-id') ?? null,
			label: (form.querySelector('label .n8n-text')?.innerText ?? '').replace(/\s*\*\s*$/, '').trim(),
		})),
	);
}

/**
 * The labelled parameters of a node's panel, in order: each parameter's label names it in `for`
 * (fixed collections such as a polling trigger's Poll Times too), read without the required mark.
 */
function parameterLabels(panel) {
	return panel.locator('[data-test-id="node-parameters"] label[for]').evaluateAll((labels) =>
		labels.map((label) => ({
			name: label.getAttribute('for'),
			label: (label.querySelector('.n8n-text')?.innerText ?? label.innerText).replace(/\s*\*\s*$/, '').trim(),
		})),
	);
}

/** Whether a boolean parameter's switch is on. */
const parameterSwitchOn = async (panel, name) => (await parameterSelect(panel, name).locator('input[role="switch"]').getAttribute('aria-checked')) === 'true';

/**
 * Reads `read()` until it returns what `expected` is (compared as JSON), for fields that re-render
 * after a choice; gives up after `timeoutMs` and returns the last value, for the assertion to show.
 */
async function whenSettled(read, expected, { timeoutMs = 10000 } = {}) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await read();
		if (JSON.stringify(value) === JSON.stringify(expected) || Date.now() > deadline) return value;
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
}

/**
 * A viewport screenshot into docs/. The pointer moves to the edge first (a hovered parameter shows
 * its Fixed/Expression toolbar); finite animations (canvas fitting, panel sliding in) jump to their end.
 */
async function saveScreenshot(page, file) {
	await page.mouse.move(0, VIEWPORT.height / 2);
	await page.evaluate(() => document.fonts.ready);
	const target = path.join(DOCS, file);
	await page.screenshot({ path: target, animations: 'disabled' });
	return target;
}

/**
 * `html` as Chromium draws it, on a page of `width` pixels: `inspect(page)` reads what it drew, then the whole
 * page is saved as a screenshot into docs/`file`.
 */
async function screenshotHtml(html, file, inspect, { width = 820 } = {}) {
	const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
	try {
		const page = await browser.newPage({ viewport: { width, height: 600 } });
		// No network: the report must draw from itself alone, as a mail client shows it.
		await page.route('**/*', (route) => route.abort());
		await page.setContent(html, { waitUntil: 'load' });
		const seen = await inspect(page);
		await page.evaluate(() => document.fonts.ready);
		await page.screenshot({ path: path.join(DOCS, file), fullPage: true, animations: 'disabled' });
		return seen;
	} finally {
		await browser.close();
	}
}

module.exports = {
	screenshotHtml,
	openEditor,
	parameterOptions,
	parameterSelect,
	chooseParameterOption,
	parameterValue,
	credentialSlot,
	chooseCredential,
	credentialModal,
	openNewCredential,
	openChosenCredential,
	closeCredentialModal,
	credentialFields,
	parameterLabels,
	parameterSwitchOn,
	whenSettled,
	saveScreenshot,
};
