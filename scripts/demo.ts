/* eslint-disable @n8n/community-nodes/no-restricted-globals, no-console -- the demo is a terminal program outside n8n: process, signals, timers and console output */
/**
 * `npm run demo` — the whole thing with one command, no Adobe account needed:
 * builds this package, starts the local Adobe I/O Events emulator and a real n8n 2.40.7 (Node 24,
 * installed once into ~/.cache/n8n-nodes-adobe-io-events), installs the package into n8n as a community
 * package, creates the credential (Custom environment → emulator), imports and publishes
 * "Watch Events → Set", lets the emulator deliver a few signed sample events, prints the executions
 * n8n recorded, the editor URL and the login, and keeps running until Ctrl-C.
 *
 * `npm run --silent demo -- --json` prints instead ONE JSON line
 * `{"n8nUrl","apiKey","credentialId","workflowId","emulator":{…emulator ready line…}}` on stdout (progress
 * goes to stderr) and keeps running until SIGTERM.
 *
 * Options: --json, --no-build (reuse dist/), --keep (keep the work directory).
 */
import { CC_EVENT_CODES, control, createEmulatorCredential, publishWatchEvents } from './n8n/adobe-setup';
import { outputItems, type N8nExecution } from './n8n/n8n-api';
import { startStack, type Stack } from './n8n/stack';
import { SET_NAME } from './n8n/workflows';

const args = new Set(process.argv.slice(2));
const jsonMode = args.has('--json');
const started = Date.now();

function progress(message: string): void {
	const line = `[demo ${((Date.now() - started) / 1000).toFixed(1).padStart(5)}s] ${message}`;
	if (jsonMode) process.stderr.write(`${line}\n`);
	else console.log(line);
}

function describeExecution(execution: N8nExecution): string {
	const items = outputItems(execution, SET_NAME);
	const summaries = items.map((item) => String(item.summary ?? JSON.stringify(item).slice(0, 80)));
	return `#${execution.id} ${execution.status.padEnd(7)} ${execution.mode} ${summaries.join('; ')}`;
}

let stack: Stack | undefined;

async function main(): Promise<void> {
	let stopping = false;
	const stop = (signal: string): void => {
		if (stopping) return;
		stopping = true;
		progress(`${signal}: shutting down …`);
		void (stack ? stack.stop() : Promise.resolve()).then(
			() => process.exit(0),
			() => process.exit(1),
		);
	};
	process.on('SIGINT', () => stop('SIGINT'));
	process.on('SIGTERM', () => stop('SIGTERM'));

	stack = await startStack({ build: !args.has('--no-build'), keepWorkDir: args.has('--keep'), log: progress });
	if (stopping) return;
	const emulator = stack.emulator!;
	const ctl = control(stack);

	const credential = await createEmulatorCredential(stack);
	progress(`credential "${credential.name}" (${credential.id}): Custom environment → emulator`);

	const published = await publishWatchEvents(stack, { name: 'Adobe I/O Events demo', credential });
	progress(
		`workflow ${published.workflowId} published; Adobe (emulator) holds registration ${published.registration.registration_id} ` +
			`→ ${published.productionUrl} (${published.registration.webhook_status})`,
	);

	const emitted: string[] = [];
	for (const eventCode of CC_EVENT_CODES) {
		const result = await ctl.emit({ eventCode, wait: true });
		emitted.push(...result.event_ids);
		progress(`emulator delivered ${eventCode} (event ${result.event_ids[0]})`);
	}
	const executions = await stack.client.waitForExecutions(published.workflowId, emitted.length, { timeoutMs: 60000 });

	if (jsonMode) {
		process.stdout.write(
			`${JSON.stringify({
				n8nUrl: stack.n8nUrl,
				apiKey: stack.apiKey,
				credentialId: credential.id,
				workflowId: published.workflowId,
				emulator: emulator.ready,
				owner: { email: stack.owner.email, password: stack.owner.password },
				executions: executions.map((e) => e.id),
			})}\n`,
		);
		return;
	}

	console.log('');
	console.log(`Executions n8n recorded for the ${emitted.length} sample events:`);
	for (const execution of executions) console.log(`  ${describeExecution(execution)}`);
	console.log('');
	console.log(`n8n editor:   ${stack.n8nUrl}/workflow/${published.workflowId}`);
	console.log(`login:        ${stack.owner.email} / ${stack.owner.password}`);
	console.log(`public API:   ${stack.n8nUrl}/api/v1  (X-N8N-API-KEY: ${stack.apiKey})`);
	console.log(`emulator:     control API ${emulator.urls.control} (see test/emulator/README.md)`);
	console.log('');
	console.log('More events:  curl -s -X POST -H "content-type: application/json" \\');
	console.log(`                -d '{"event_code":"${CC_EVENT_CODES[0]}"}' ${emulator.urls.control}/events`);
	console.log('Press Ctrl-C to stop n8n and the emulator.');
}

main().catch(async (error: unknown) => {
	process.stderr.write(`[demo] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
	if (stack) process.stderr.write(`[demo] n8n log: ${stack.logFile}\n`);
	await stack?.stop().catch(() => undefined);
	process.exit(1);
});
