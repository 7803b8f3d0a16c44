/* eslint-disable @n8n/community-nodes/no-restricted-globals, no-console -- harness code: runs outside n8n (plain Node scripts/tests): a CLI that prints to the terminal */
/**
 * `npx tsx scripts/n8n/ensure-runtime.ts [version …]` — fills the cache with each n8n version (default:
 * `N8N_VERSION` or 2.40.7) and the Node it needs, if not there yet, and prints one JSON line per version
 * saying where everything is. Progress goes to stderr; a failure is one line saying what to do.
 */
import { ensureRuntime, requestedN8nVersion } from './runtime';

async function main(): Promise<void> {
	const versions = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
	for (const n8nVersion of versions.length > 0 ? versions : [requestedN8nVersion()]) {
		const runtime = await ensureRuntime((message) => console.error(`[runtime] ${message}`), { n8nVersion });
		console.log(JSON.stringify(runtime));
	}
}

main().catch((error: Error) => {
	console.error(`[runtime] ${error.message}`);
	process.exit(1);
});
