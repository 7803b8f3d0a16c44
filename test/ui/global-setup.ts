/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test code: runs outside n8n, writes progress to stderr */
/**
 * Runs once before the UI suite: Debian's Chromium present (installed with apt-get when missing and
 * root), then the E2E harness's own setup (Node 24 + n8n cache, build + pack of this package).
 */
import { ensureChromium } from '../../scripts/ui/ensure-chromium';
import e2eGlobalSetup from '../e2e/global-setup';

export default async function globalSetup(): Promise<void> {
	await ensureChromium((message) => process.stderr.write(`[ui setup] ${message}\n`));
	await e2eGlobalSetup();
}
