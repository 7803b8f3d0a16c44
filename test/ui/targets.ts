/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test code: runs outside n8n, needs node:path and reads process.env */
/**
 * Which n8n versions the browser suite drives, one after the other, each with its own n8n:
 *
 *   1. the harness's n8n (`N8N_VERSION`, default 2.40.7): every step; its pictures are the README's
 *      (docs/ui-*.png);
 *   2. the newest n8n 1.x (`ADOBE_UI_N8N_1X`, default 1.123.81; `0` skips it): the same steps; its
 *      pictures are docs/n8n-1.x/'s, so they never replace the 2.x ones.
 *
 * `screenshotDir` is where a target's committed pictures live; each run takes them fresh into
 * test-results/ui-screenshots/ (support/screenshots.ts).
 */
import { join } from 'node:path';

import { requestedN8nVersion } from '../../scripts/n8n/runtime';
import { REPO_ROOT } from '../../scripts/n8n/stack';

export const NEWEST_N8N_1X = '1.123.81';

export interface UiTarget {
	n8nVersion: string;
	screenshotDir: string;
}

function targets(): UiTarget[] {
	const main = requestedN8nVersion();
	const list: UiTarget[] = [{ n8nVersion: main, screenshotDir: join(REPO_ROOT, 'docs') }];
	const oneX = (process.env.ADOBE_UI_N8N_1X ?? NEWEST_N8N_1X).trim();
	if (oneX !== '0' && oneX !== '' && oneX !== main) {
		list.push({ n8nVersion: requestedN8nVersion({ N8N_VERSION: oneX }), screenshotDir: join(REPO_ROOT, 'docs', 'n8n-1.x') });
	}
	if (main.startsWith('1.')) list[0].screenshotDir = join(REPO_ROOT, 'docs', 'n8n-1.x');
	return list;
}

export const UI_TARGETS: UiTarget[] = targets();
