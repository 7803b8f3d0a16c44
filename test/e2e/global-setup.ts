/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test code: runs outside n8n, needs fs, os and process */
/**
 * Runs once before the E2E files: fills the Node 24 + n8n cache if needed (first run only), builds
 * and packs this package once; every test file installs that tarball into its own n8n user folder.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureRuntime } from '../../scripts/n8n/runtime';
import { packPackage } from '../../scripts/n8n/stack';

export default async function globalSetup(): Promise<void> {
	const log = (message: string): void => {
		process.stderr.write(`[e2e setup] ${message}\n`);
	};
	await ensureRuntime(log);
	if (!process.env.ADOBE_E2E_TARBALL) {
		const dir = mkdtempSync(join(tmpdir(), 'adobe-io-events-pack-'));
		process.env.ADOBE_E2E_PACK_DIR = dir;
		process.env.ADOBE_E2E_TARBALL = await packPackage({
			build: process.env.ADOBE_E2E_SKIP_BUILD !== '1',
			destDir: dir,
			log,
		});
	}
}
