/**
 * n8n's Settings → Community Nodes screen, as a user drives it (the same `data-test-id`s on n8n 2.40 and 1.123):
 * "Install" → the package name, the risk checkbox, "Install"; a package card with its version and, when the
 * registry has a newer one, "Update" → "Confirm update".
 */
import type { Locator, Page } from 'playwright-core';

import { TIMEOUTS, waitForText, waitUntil } from './browser';

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

export async function openCommunityNodesSettings(page: Page, n8nUrl: string): Promise<void> {
	await page.goto(`${n8nUrl}/settings/community-nodes`);
	await waitForText(
		page.locator('body'),
		/Community nodes/,
		'the Community Nodes settings',
		TIMEOUTS.navigation,
	);
}

/** The card of an installed package on the Community Nodes screen. */
export function packageCard(page: Page, packageName: string): Locator {
	return page.getByTestId('community-package-card').filter({ hasText: packageName });
}

/** Waits until the package's card shows `version`; returns the card's text. */
export async function waitForPackageVersion(
	page: Page,
	packageName: string,
	version: string,
): Promise<string> {
	return await waitForText(
		packageCard(page, packageName),
		new RegExp(`v${escape(version)}\\b`),
		`the card of ${packageName} to show v${version}`,
		TIMEOUTS.remote,
	);
}

/** Installs a package by its npm name, the way the screen offers it. */
export async function installByName(page: Page, packageName: string): Promise<void> {
	// The empty state and the page header both offer "Install"; either opens the same dialog.
	await page
		.getByRole('button', { name: /install/i })
		.first()
		.click();
	const dialog = page.getByTestId('communityPackageInstall-modal');
	await dialog.waitFor({ state: 'visible' });
	// The test id sits on the <input> itself (n8n 2.40) or on its wrapper (n8n 1.123).
	await dialog
		.locator('input[data-test-id="package-name-input"], [data-test-id="package-name-input"] input')
		.first()
		.fill(packageName);
	const install = dialog.getByTestId('install-community-package-button');
	// n8n enables "Install" only once the risks are acknowledged.
	await dialog.getByTestId('user-agreement-checkbox').click();
	await waitUntil(
		'"Install" to be enabled',
		async () => await install.isEnabled(),
		(enabled) => enabled,
	);
	await install.click();
	await dialog.waitFor({ state: 'hidden', timeout: TIMEOUTS.remote });
}

/** Updates an installed package from its card ("Update" → "Confirm update"). */
export async function updateFromCard(page: Page, packageName: string): Promise<void> {
	const card = packageCard(page, packageName);
	const update = card.getByRole('button', { name: 'Update' });
	await update.waitFor({ state: 'visible', timeout: TIMEOUTS.remote });
	await update.click();
	const dialog = page.getByTestId('communityPackageManageConfirm-modal');
	await dialog.waitFor({ state: 'visible' });
	await dialog.getByRole('button', { name: /confirm update/i }).click();
	await dialog.waitFor({ state: 'hidden', timeout: TIMEOUTS.remote });
}
