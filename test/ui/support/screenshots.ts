/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test code: runs outside n8n, writes files and reads process.env */
/**
 * The browser suite's pictures (the README's and docs/n8n-1.x/'s). Every run takes them fresh, after the assertions on
 * what each screen shows, into `test-results/ui-screenshots/<where the committed ones live>` (ignored by git), so
 * `npm test` leaves the checkout unchanged; and every run checks that it took exactly the pictures docs/ holds for
 * its n8n (a picture the docs show but the suite no longer takes, or a new one nobody committed, fails).
 *
 *   ADOBE_UI_SCREENSHOTS=update   also copy the fresh pictures over the committed ones in docs/
 *   ADOBE_UI_SCREENSHOTS=0        take no pictures (and check none)
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Locator, Page } from 'playwright-core';

import { REPO_ROOT } from '../../../scripts/n8n/stack';

export type ScreenshotMode = 'check' | 'update' | 'off';

export function screenshotMode(env: NodeJS.ProcessEnv = process.env): ScreenshotMode {
	const value = (env.ADOBE_UI_SCREENSHOTS ?? '').trim().toLowerCase();
	if (value === '0' || value === 'off') return 'off';
	if (value === 'update') return 'update';
	return 'check';
}

/** The editor suite's picture names; other sets (docs/examples/) pass their own. */
const UI_PICTURE = /^ui-.*\.png$/;

/** The pictures of a set in a folder: the files directly in it whose names match. */
function picturesIn(dir: string, names: RegExp): string[] {
	if (!existsSync(dir)) return [];
	return readdirSync(dir)
		.filter((f) => names.test(f))
		.sort();
}

export class Screenshots {
	/** Where this run's pictures go. */
	readonly freshDir: string;
	private readonly taken = new Set<string>();

	constructor(
		/** Where the committed pictures of this n8n live (docs/ or docs/n8n-1.x/). */
		readonly docsDir: string,
		readonly mode: ScreenshotMode = screenshotMode(),
		/** The names of this set's pictures (default: the editor suite's `ui-*.png`). */
		readonly names: RegExp = UI_PICTURE,
	) {
		this.freshDir = join(REPO_ROOT, 'test-results', 'ui-screenshots', relative(REPO_ROOT, docsDir));
		if (mode === 'off') return;
		mkdirSync(this.freshDir, { recursive: true });
		for (const old of picturesIn(this.freshDir, this.names)) rmSync(join(this.freshDir, old));
	}

	/**
	 * Takes a picture of the page (or of one element, or of a rectangle of the page) once animations and toasts
	 * are out of the way; `hide` names further elements (CSS selectors) that would cover part of it.
	 */
	async take(
		page: Page,
		file: string,
		options: { clipTo?: Locator; clip?: { x: number; y: number; width: number; height: number }; hide?: string[] } = {},
	): Promise<void> {
		if (this.mode === 'off') return;
		if (!this.names.test(file)) throw new Error(`picture names match ${String(this.names)}: ${file}`);
		// Let animations (dropdowns, panels, toasts) settle so the picture shows the final state.
		await page.waitForTimeout(400);
		// n8n's toasts ("Credential saved", "Node executed successfully") would cover part of the picture.
		const style = `${['.el-notification', ...(options.hide ?? [])].join(', ')} { visibility: hidden !important; }`;
		const path = join(this.freshDir, file);
		if (options.clipTo) await options.clipTo.screenshot({ path, animations: 'disabled', style });
		else await page.screenshot({ path, animations: 'disabled', style, clip: options.clip });
		this.taken.add(file);
		if (this.mode === 'update') {
			mkdirSync(this.docsDir, { recursive: true });
			copyFileSync(path, join(this.docsDir, file));
		}
	}

	/** Committed pictures this run did not take, and pictures it took that are not committed. */
	compare(): { missing: string[]; uncommitted: string[]; taken: string[] } {
		const committed = picturesIn(this.docsDir, this.names);
		const taken = [...this.taken].sort();
		return {
			missing: committed.filter((f) => !this.taken.has(f)),
			uncommitted: taken.filter((f) => !committed.includes(f)),
			taken,
		};
	}
}
