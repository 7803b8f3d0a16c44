/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- developer script: runs outside n8n, needs fs, process and signals */
/**
 * `npx tsx scripts/ui/dev-stack.ts [info.json]`: starts the real n8n + emulator stack of the E2E
 * harness and keeps it running until Ctrl-C, writing its URLs, owner login and emulator credentials to
 * `info.json` (default /tmp/adobe-io-events-ui-stack.json). Handy to write or debug browser UI tests.
 */
import { writeFileSync } from 'node:fs';
import { startStack } from '../n8n/stack';

async function main(): Promise<void> {
	const infoFile = process.argv[2] ?? '/tmp/adobe-io-events-ui-stack.json';
	const stack = await startStack({
		log: (m) => process.stderr.write(`[stack] ${m}\n`),
		keepWorkDir: process.env.E2E_KEEP === '1',
		build: process.env.UI_SKIP_BUILD !== '1',
	});
	const info = {
		n8nUrl: stack.n8nUrl,
		owner: stack.owner,
		apiKey: stack.apiKey,
		logFile: stack.logFile,
		emulator: stack.emulator
			? { urls: stack.emulator.urls, credentials: stack.emulator.credentials }
			: undefined,
	};
	writeFileSync(infoFile, JSON.stringify(info, null, 2));
	process.stderr.write(`[stack] ready; details in ${infoFile}\n`);
	const stop = (): void => {
		void stack.stop().then(() => process.exit(0));
	};
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
	process.stderr.write(`${String(error instanceof Error ? error.stack : error)}\n`);
	process.exit(1);
});
