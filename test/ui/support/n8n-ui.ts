/* eslint-disable @n8n/community-nodes/require-node-api-error -- test code: runs outside n8n; plain Errors are right outside a node */
/**
 * The parts of n8n 2.40's editor the suite touches, found by n8n's own `data-test-id`s (the same ones
 * n8n's Playwright suite uses) and, for Element Plus dropdowns, by Element Plus's stable class names.
 */
import type { FrameLocator, Locator, Page, Response } from 'playwright-core';

import { TIMEOUTS, waitForText, waitUntil } from './browser';

export async function signIn(
	page: Page,
	n8nUrl: string,
	owner: { email: string; password: string },
): Promise<void> {
	await page.goto(`${n8nUrl}/signin`);
	await page.getByTestId('emailOrLdapLoginId').locator('input').fill(owner.email);
	await page.getByTestId('password').locator('input').fill(owner.password);
	await page.getByTestId('form-submit-button').click();
	await page.waitForURL((url) => !url.pathname.startsWith('/signin'), {
		timeout: TIMEOUTS.navigation,
	});
}

export async function openNewWorkflow(page: Page, n8nUrl: string): Promise<void> {
	await page.goto(`${n8nUrl}/workflow/new`);
	await page
		.getByTestId('canvas-plus-button')
		.waitFor({ state: 'visible', timeout: TIMEOUTS.navigation });
}

// ----------------------------------------------------------------------------- node panel

export function nodeCreator(page: Page): Locator {
	return page.getByTestId('node-creator');
}

/** The node panel's entry whose name is exactly `name`. */
export function nodeCreatorItem(page: Page, name: string): Locator {
	return nodeCreator(page)
		.getByTestId('item-iterator-item')
		.filter({ has: page.getByTestId('node-creator-item-name').getByText(name, { exact: true }) });
}

/** The icon of a node panel entry, checked as the browser rendered it: our package's file, actually loaded. */
export async function iconOf(item: Locator): Promise<{ src: string; loaded: boolean }> {
	const img = item.locator('img').first();
	await img.waitFor({ state: 'visible' });
	const loaded = waitUntil(
		'the node icon to load',
		async () =>
			await img.evaluate((el) => {
				// The browser's HTMLImageElement (tsconfig.test.json has no DOM lib).
				const image = el as unknown as {
					complete: boolean;
					naturalWidth: number;
					getAttribute(name: string): string | null;
				};
				return {
					src: image.getAttribute('src') ?? '',
					loaded: image.complete && image.naturalWidth > 0,
				};
			}),
		(icon) => icon.loaded,
	);
	try {
		return await loaded;
	} catch (error) {
		// Say why: the icon's own HTTP answer from n8n.
		const src = (await img.getAttribute('src')) ?? '';
		const answer = await item
			.page()
			.request.get(new URL(src, item.page().url()).toString())
			.then((r) => `HTTP ${r.status()} ${r.headers()['content-type'] ?? ''}`)
			.catch((e: unknown) => String(e));
		throw new Error(
			`${error instanceof Error ? error.message : String(error)} (icon ${src}: ${answer})`,
		);
	}
}

// ----------------------------------------------------------------------------- dropdowns (Element Plus)

/** Options of the Element Plus select dropdown that is open right now. */
export function openDropdownOptions(page: Page): Locator {
	return page.locator('.el-select-dropdown__item:visible');
}

/** The open Element Plus dropdown panel (loading, empty or with options). */
function openDropdownPanel(page: Page): Locator {
	return page.locator('.el-select-dropdown:visible');
}

/**
 * Opens a select and waits until its options include `expected`; returns every option's text. A
 * select that depends on another parameter reloads (and ignores clicks) right after that one
 * changes, so a click that opened nothing is repeated; an open panel is left alone while it loads.
 */
export async function openSelect(
	page: Page,
	select: Locator,
	expected: RegExp,
	what: string,
): Promise<string[]> {
	const seen = await waitUntil(
		`${what} to list an option matching ${expected}`,
		async () => {
			if ((await openDropdownPanel(page).count()) === 0) {
				await select.click({ timeout: 5000 });
				await page.waitForTimeout(300);
			}
			// The panel's text too: when loading fails, n8n shows the error there.
			const panel = await openDropdownPanel(page).allInnerTexts();
			return { options: await openDropdownOptions(page).allInnerTexts(), panel: panel.join(' | ') };
		},
		(state) => state.options.some((t) => expected.test(t)),
		TIMEOUTS.remote,
	);
	return seen.options;
}

/** Picks the open dropdown's option matching `option`, then checks the select shows it. */
export async function pickOption(
	page: Page,
	select: Locator,
	option: RegExp,
	shown: RegExp,
	what: string,
): Promise<void> {
	await openDropdownOptions(page).filter({ hasText: option }).first().click();
	await waitForText(select, shown, `${what} to show the picked option`);
}

/** Closes an open dropdown by clicking a neutral spot (Escape would also close the surrounding panel). */
export async function closeDropdown(page: Page, neutral: Locator): Promise<void> {
	if ((await openDropdownOptions(page).count()) === 0) return;
	await neutral.click({ position: { x: 2, y: 2 } });
	await waitUntil(
		'the dropdown to close',
		async () => await openDropdownOptions(page).count(),
		(n) => n === 0,
	);
}

// ----------------------------------------------------------------------------- node details view

/** The node details view, in the page or in a workflow preview frame (see executionPreview). */
export function ndv(scope: Page | FrameLocator): Locator {
	return scope.getByTestId('ndv');
}

/**
 * Where an execution opened from the executions list is drawn: in the page itself (n8n 2.x) or in the
 * workflow-preview iframe (n8n 1.x).
 */
export async function executionPreview(page: Page): Promise<Page | FrameLocator> {
	const inline = page.getByTestId('canvas-node').first();
	const frame = page.getByTestId('workflow-preview-iframe');
	const which = await waitUntil(
		'the execution preview',
		async () => ((await inline.isVisible()) ? 'inline' : (await frame.isVisible()) ? 'frame' : undefined),
		(found) => found !== undefined,
		TIMEOUTS.remote,
	);
	return which === 'inline' ? page : page.frameLocator('[data-test-id="workflow-preview-iframe"]');
}

/** Closes the node panel: "close" (n8n 2.x) or "Back to canvas" (n8n 1.x's panel layout). */
export async function closeNdv(page: Page | FrameLocator): Promise<void> {
	const close = ndv(page).getByTestId('ndv-close-button');
	const back = page.getByTestId('back-to-canvas');
	const which = await waitUntil(
		'the control that closes the node panel',
		async () => ((await close.isVisible()) ? close : (await back.isVisible()) ? back : undefined),
		(found) => found !== undefined,
	);
	// n8n 1.x may float a "You can pin this output" hint over the control: then the click is sent to it.
	await which!.click({ timeout: 5000 }).catch(async () => await which!.dispatchEvent('click'));
	await ndv(page).waitFor({ state: 'hidden' });
}

/**
 * Makes the open workflow live the way the editor offers it — n8n 2.x: "Publish" → "Publish"; n8n 1.x:
 * the "Active" switch — and returns the dialog n8n then shows ("Workflow published" / "Workflow
 * activated", with the trigger's activation message and "Got it").
 */
export async function makeWorkflowLiveInEditor(page: Page): Promise<Locator> {
	const publish = page.getByTestId('workflow-open-publish-modal-button');
	const activate = page.getByTestId('workflow-activate-switch');
	const which = await waitUntil(
		'the Publish button or the Active switch',
		async () => ((await publish.isVisible()) ? 'publish' : (await activate.isVisible()) ? 'activate' : undefined),
		(found) => found !== undefined,
		TIMEOUTS.navigation,
	);
	if (which === 'publish') {
		await publish.click();
		await page.getByTestId('workflow-publish-button').click();
		return page.getByRole('dialog').filter({ hasText: 'Workflow published' });
	}
	await activate.click();
	return page.getByRole('dialog').filter({ hasText: 'Workflow activated' });
}

/**
 * n8n 1.x opens a "Production Checklist" popover next to the Active switch a moment after a workflow
 * went live; it covers the Editor/Executions tabs. Closed like a user would (Escape, else a click on
 * the canvas). Nothing to do on 2.x.
 */
export async function dismissProductionChecklist(page: Page): Promise<void> {
	const checklist = page.getByText('Production Checklist', { exact: true });
	const shown = await checklist
		.waitFor({ state: 'visible', timeout: 3000 })
		.then(() => true)
		.catch(() => false);
	if (!shown) return;
	await page.keyboard.press('Escape');
	if (await checklist.isVisible()) await page.mouse.click(300, 700);
	await checklist.waitFor({ state: 'hidden' });
}

export function parameterInput(page: Page, name: string): Locator {
	return ndv(page).getByTestId(`parameter-input-${name}`);
}

/**
 * Adds an option of a collection parameter ("Options" → "Add option" → `optionName`): n8n 2.x has an
 * "add" button that opens the list, n8n 1.x a select with the placeholder "Add option".
 */
export async function addCollectionOption(page: Page, optionName: string): Promise<void> {
	const button = ndv(page).getByTestId('collection-parameter-add');
	const select = ndv(page).locator('.collection-parameter-wrapper .add-option .el-select').first();
	const which = await waitUntil(
		'the "Add option" control',
		async () => ((await button.isVisible()) ? 'button' : (await select.isVisible()) ? 'select' : undefined),
		(found) => found !== undefined,
	);
	await (which === 'button' ? button : select).click();
	await openDropdownOptions(page).filter({ hasText: optionName }).first().click();
}

// ----------------------------------------------------------------------------- credentials

export function credentialModal(page: Page): Locator {
	return page.getByTestId('editCredential-modal');
}

/**
 * Opens the "new credential" form from the node panel: n8n 2.x shows an empty-state button when the
 * node has no credential yet, n8n 1.x a credential select whose first option creates one.
 */
export async function openNewCredentialForm(page: Page): Promise<void> {
	const panel = page.getByTestId('ndv');
	const emptyState = panel.getByTestId('node-credentials-empty-state');
	const select = panel.getByTestId('node-credentials-select');
	const which = await waitUntil(
		'the credential field of the node',
		async () => ((await emptyState.isVisible()) ? 'empty-state' : (await select.isVisible()) ? 'select' : undefined),
		(found) => found !== undefined,
	);
	if (which === 'empty-state') {
		await emptyState.click();
		return;
	}
	await select.click();
	await page.getByTestId('node-credentials-select-item-new').click();
}

export async function fillCredentialField(
	modal: Locator,
	name: string,
	value: string,
): Promise<void> {
	const input = modal.getByTestId(`parameter-input-${name}`).locator('input, textarea').first();
	await input.fill(value);
	await waitUntil(
		`credential field ${name} to hold its value`,
		async () => await input.inputValue(),
		(v) => v === value,
	);
}

/**
 * After a successful save + test: n8n 2.x closes the credential form by itself; n8n 1.x keeps it open
 * showing "Connection tested successfully" — then the form is closed the way a user does.
 */
export async function closeCredentialFormAfterSuccess(modal: Locator): Promise<void> {
	const state = await waitUntil(
		'the credential form to close or to show the successful test',
		async () =>
			!(await modal.isVisible())
				? 'closed'
				: /Connection tested successfully/.test(await modal.innerText().catch(() => ''))
					? 'open'
					: undefined,
		(found) => found !== undefined,
		TIMEOUTS.remote,
	);
	if (state === 'open') {
		// 2.x would have closed it by now; give it a moment before closing it by hand.
		await modal.page().waitForTimeout(1500);
		if (await modal.isVisible()) await modal.locator('.el-dialog__close').first().click();
	}
	await modal.waitFor({ state: 'hidden', timeout: TIMEOUTS.remote });
}

/** n8n tests a credential when it is saved or opened; resolves with the test's HTTP answer. */
export function nextCredentialTest(page: Page): Promise<Response> {
	return page.waitForResponse(
		(response) =>
			response.url().includes('/rest/credentials/test') && response.request().method() === 'POST',
		{ timeout: TIMEOUTS.remote },
	);
}

export interface CredentialTestAnswer {
	status: 'OK' | 'Error' | string;
	message: string;
}

export async function credentialTestAnswer(response: Response): Promise<CredentialTestAnswer> {
	const body = (await response.json()) as { data?: CredentialTestAnswer };
	if (!body.data)
		throw new Error(`unexpected credential test answer: ${JSON.stringify(body).slice(0, 300)}`);
	return body.data;
}
