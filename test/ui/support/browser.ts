/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/require-node-api-error -- test code: runs outside n8n, needs fs, os, process and timers; plain Errors are right outside a node */
/**
 * Debian's Chromium driven by playwright-core (no browser download): headless, no sandbox (CI runs
 * as root), no background networking, and a fresh user-data dir per run that is removed afterwards.
 * n8n marks its UI with `data-test-id`, so `getByTestId` is pointed at that attribute.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, selectors, type BrowserContext, type Locator, type Page } from 'playwright-core';

import { chromiumPath } from '../../../scripts/ui/ensure-chromium';

export const CHROMIUM_ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run',
];

/** Bounded waits: generous for a shared 2-core machine, but every wait ends. */
export const TIMEOUTS = {
	/** Any single UI action (click, fill) and the default for waits. */
	action: 30_000,
	/** Page loads (the editor bundle is large; the first load on a cold machine is slow). */
	navigation: 90_000,
	/** Something that needs n8n to call the emulator (dropdowns, credential tests, activation). */
	remote: 60_000,
};

export interface Browser {
	context: BrowserContext;
	page: Page;
	userDataDir: string;
	close(): Promise<void>;
}

let testIdConfigured = false;

export async function launchBrowser(
	options: { viewport?: { width: number; height: number } } = {},
): Promise<Browser> {
	if (!testIdConfigured) {
		selectors.setTestIdAttribute('data-test-id');
		testIdConfigured = true;
	}
	const userDataDir = mkdtempSync(join(tmpdir(), 'adobe-io-events-chromium-'));
	let context: BrowserContext;
	try {
		context = await chromium.launchPersistentContext(userDataDir, {
			executablePath: chromiumPath(),
			headless: true,
			args: CHROMIUM_ARGS,
			viewport: options.viewport ?? { width: 1440, height: 900 },
			deviceScaleFactor: 1,
			locale: 'en-US',
			timezoneId: 'UTC',
			timeout: TIMEOUTS.navigation,
		});
	} catch (error) {
		rmSync(userDataDir, { recursive: true, force: true });
		throw error;
	}
	const page = context.pages()[0] ?? (await context.newPage());
	page.setDefaultTimeout(TIMEOUTS.action);
	page.setDefaultNavigationTimeout(TIMEOUTS.navigation);
	return {
		context,
		page,
		userDataDir,
		close: async () => {
			await context.close().catch(() => undefined);
			rmSync(userDataDir, { recursive: true, force: true });
		},
	};
}

// ----------------------------------------------------------------------------- waiting on real UI state

function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Polls `read` until `accept` holds; throws with what was last seen. playwright-core has no `expect`,
 * and this keeps every assertion about the UI bounded and explicit.
 */
export async function waitUntil<T>(
	what: string,
	read: () => Promise<T>,
	accept: (value: T) => boolean,
	timeoutMs: number = TIMEOUTS.action,
): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	let last: T | undefined;
	let lastError: unknown;
	for (;;) {
		try {
			last = await read();
			if (accept(last)) return last;
		} catch (error) {
			lastError = error;
		}
		if (Date.now() > deadline) {
			const seen = last === undefined ? String(lastError) : JSON.stringify(last).slice(0, 1500);
			throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last seen: ${seen}`);
		}
		await sleep(250);
	}
}

/** What the user sees in an element: its visible text plus the values of its inputs (selects show their choice in one). */
export async function shownText(locator: Locator): Promise<string> {
	const element = locator.first();
	const text = await element.innerText({ timeout: 2000 });
	const values = await element.evaluate((el) => {
		// Browser-side; tsconfig.test.json has no DOM lib, hence the narrow structural type.
		type Field = { value: string; type?: string };
		const root = el as unknown as Field & {
			matches(s: string): boolean;
			querySelectorAll(s: string): ArrayLike<Field>;
		};
		const fields = root.matches('input, textarea')
			? [root]
			: Array.from(root.querySelectorAll('input, textarea'));
		return fields.filter((f) => f.type !== 'password' && f.type !== 'checkbox').map((f) => f.value);
	});
	return [text, ...values].filter(Boolean).join('\n');
}

/** Waits until the (first) element's shown text (see shownText) matches. */
export async function waitForText(
	locator: Locator,
	pattern: RegExp,
	what: string,
	timeoutMs?: number,
): Promise<string> {
	return await waitUntil(
		what,
		async () => await shownText(locator),
		(text) => pattern.test(text),
		timeoutMs,
	);
}

// ----------------------------------------------------------------------------- screenshots

/** Where failure screenshots go (printed on failure): ADOBE_UI_ARTIFACTS or a temp dir. */
export function artifactsDir(): string {
	const dir = process.env.ADOBE_UI_ARTIFACTS || join(tmpdir(), 'adobe-io-events-ui-artifacts');
	mkdirSync(dir, { recursive: true });
	return dir;
}

/** Runs a step; on failure saves a full-page screenshot (and the page's text) and rethrows. */
export async function step<T>(page: Page, name: string, fn: () => Promise<T>): Promise<T> {
	try {
		return await fn();
	} catch (error) {
		const file = join(artifactsDir(), `${name.replace(/[^\w-]+/g, '-')}-${Date.now()}.png`);
		const saved = await page
			.screenshot({ path: file, fullPage: true, timeout: 10_000 })
			.then(() => true)
			.catch(() => false);
		const message = error instanceof Error ? error.message : String(error);
		const wrapped = new Error(
			`${name}: ${message}${saved ? `\n(screenshot of the page: ${file})` : ''}`,
		);
		if (error instanceof Error && error.stack) wrapped.stack = `${wrapped.message}\n${error.stack}`;
		throw wrapped;
	}
}
