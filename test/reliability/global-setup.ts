/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/require-node-api-error -- test code: runs outside n8n, needs fs, os, process and timers; rethrowing a plain build error is right outside a node */
/**
 * Runs once before the reliability files: fills the Node 24 + n8n cache if needed, builds and
 * packs this package once (set RELIABILITY_SKIP_BUILD=1 when dist/ is fresh, e.g. inside
 * `npm test` right after `npm run build`; RELIABILITY_TARBALL to reuse a tarball).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureRuntime } from '../../scripts/n8n/runtime';
import { packPackage } from '../../scripts/n8n/stack';

export default async function globalSetup(): Promise<void> {
	const log = (message: string): void => {
		process.stderr.write(`[reliability setup] ${message}\n`);
	};
	await ensureRuntime(log);
	if (!process.env.RELIABILITY_TARBALL) {
		const dir = mkdtempSync(join(tmpdir(), 'adobe-io-events-reliability-pack-'));
		// Other runs (lint, e2e, a developer's `npm run build`) may rebuild dist/ at the same moment;
		// a build that fails for that reason is retried.
		for (let attempt = 1; ; attempt++) {
			try {
				process.env.RELIABILITY_TARBALL = await packPackage({
					build: process.env.RELIABILITY_SKIP_BUILD !== '1',
					destDir: dir,
					log,
				});
				break;
			} catch (error) {
				if (attempt >= 3) throw error;
				log(`build/pack failed (${(error as Error).message.slice(0, 200)}); retrying`);
				await new Promise((resolve) => setTimeout(resolve, 5_000));
			}
		}
	}
}
