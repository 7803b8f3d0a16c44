/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test code: runs outside n8n, writes progress to process.stderr */
/**
 * Runs once before the queue-mode suite: installs the Debian packages postgresql and redis-server when
 * they are missing (apt-get, as root on CI), then does what the E2E suite's setup does (Node 24 + n8n
 * cache, build + npm pack of this package once).
 */
import e2eGlobalSetup from '../e2e/global-setup';
import { ensureQueuePackages } from '../../scripts/queue/services';

export default async function globalSetup(): Promise<void> {
	ensureQueuePackages((message) => {
		process.stderr.write(`[e2e-queue setup] ${message}\n`);
	});
	await e2eGlobalSetup();
}
