/* eslint-disable @n8n/community-nodes/no-restricted-globals, no-console -- harness code: runs outside n8n (plain Node scripts/tests): a CLI that prints to the terminal */
/**
 * `npx tsx scripts/n8n/ensure-runtime.ts` — fills the Node 24 + n8n 2.40.7 cache if needed (first run
 * only) and prints where everything is, as one JSON line.
 */
import { ensureRuntime } from './runtime';

ensureRuntime((message) => console.error(`[runtime] ${message}`))
	.then((runtime) => {
		console.log(JSON.stringify(runtime));
	})
	.catch((error: Error) => {
		console.error(`[runtime] ${error.message}`);
		process.exit(1);
	});
