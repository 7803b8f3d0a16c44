/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test code: runs outside n8n, needs fs and process */
/** Removes the tarball directory that global-setup created (nothing else). */
import { rmSync } from 'node:fs';

export default async function globalTeardown(): Promise<void> {
	const dir = process.env.ADOBE_E2E_PACK_DIR;
	if (dir && dir.includes('adobe-io-events-pack-')) rmSync(dir, { recursive: true, force: true });
}
