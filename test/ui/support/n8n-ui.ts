/* eslint-disable @n8n/community-nodes/require-node-api-error -- test code: runs outside n8n; plain Errors are right outside a node */
/**
 * The parts of n8n 2.40's editor the suite touches, found by n8n's own `data-test-id`s (the same ones
 * n8n's Playwright suite uses) and, for Element Plus dropdowns, by Element Plus's stable class names.
 */
import type { Locator, Page, Response } from 'playwright-core';

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

export function ndv(page: Page): Locator {
	return page.getByTestId('ndv');
}

export function parameterInput(page: Page, name: string): Locator {
	return ndv(page).getByTestId(`parameter-input-${name}`);
}

// ----------------------------------------------------------------------------- credentials

export function credentialModal(page: Page): Locator {
	return page.getByTestId('editCredential-modal');
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
