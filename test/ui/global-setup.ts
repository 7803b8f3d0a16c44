/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test code: runs outside n8n, writes progress to stderr */
/**
 * Runs once before the UI suite: Debian's Chromium present (installed with apt-get when missing and
 * root), then the E2E harness's own setup (n8n + Node cache, build + pack of this package), and every
 * other n8n version the suite drives (test/ui/targets.ts) in the cache.
 */
import { ensureRuntime } from '../../scripts/n8n/runtime';
import { ensureChromium } from '../../scripts/ui/ensure-chromium';
import e2eGlobalSetup from '../e2e/global-setup';
import { UI_TARGETS } from './targets';

export default async function globalSetup(): Promise<void> {
	const log = (message: string): void => {
		process.stderr.write(`[ui setup] ${message}\n`);
	};
	await ensureChromium(log);
	await e2eGlobalSetup();
	for (const target of UI_TARGETS) await ensureRuntime(log, { n8nVersion: target.n8nVersion });
}
