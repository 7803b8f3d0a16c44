/* eslint-disable @n8n/community-nodes/no-restricted-globals, no-console -- the demo is a terminal program outside n8n: process, signals, timers and console output */
/**
 * `npm run demo` — the whole thing with one command, no Adobe account needed:
 * builds this package, starts the local Adobe I/O Events emulator and a real n8n 2.40.7 (Node 24,
 * installed once into ~/.cache/n8n-nodes-adobe-io-events), installs the package into n8n as a community
 * package, creates the credential (Custom environment → emulator), publishes one "Watch Events → Set"
 * workflow per demo feed (DEMO_FEEDS: Creative Cloud files, Commerce orders, Cloud Manager pipelines, Marketo
 * user audit — new trigger nodes, so Output → Simplified), lets the emulator deliver signed events of its
 * catalogue (Adobe's event shapes), prints the executions n8n recorded, the editor URL and the login, and
 * keeps running until Ctrl-C.
 *
 * `npm run --silent demo -- --json` prints instead ONE JSON line
 * `{"n8nUrl","apiKey","credentialId","workflowId","workflowIds","emulator":{…emulator ready line…}}` on stdout
 * (`workflowId`: the first feed's; progress goes to stderr) and keeps running until SIGTERM.
 *
 * Options: --json, --no-build (reuse dist/), --keep (keep the work directory).
 */
import { DEMO_FEEDS, control, createEmulatorCredential, publishWatchEvents } from './n8n/adobe-setup';
import { outputItems, type N8nExecution } from './n8n/n8n-api';
import { startStack, type Stack } from './n8n/stack';
import { SET_NAME, setNode } from './n8n/workflows';

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

	const feeds: Array<{ name: string; workflowId: string; eventIds: string[] }> = [];
	for (const feed of DEMO_FEEDS) {
		const parameters: Record<string, unknown> = {
			providerId: { __rl: true, mode: 'id', value: feed.providerId },
			eventCodes: feed.eventCodes,
			output: undefined, // a new node's default: Simplified
		};
		const published = await publishWatchEvents(stack, {
			name: `Adobe I/O Events demo: ${feed.name}`,
			credential,
			parameters,
			steps: [setNode(SET_NAME, [260, 0], { summary: feed.summary, eventId: '={{ $json.eventId }}' })],
		});
		progress(
			`workflow ${published.workflowId} (${feed.name}) published; Adobe (emulator) holds registration ` +
				`${published.registration.registration_id} → ${published.productionUrl} (${published.registration.webhook_status})`,
		);
		feeds.push({ name: feed.name, workflowId: published.workflowId, eventIds: [] });
	}

	for (const [i, feed] of DEMO_FEEDS.entries()) {
		for (const eventCode of feed.eventCodes) {
			const result = await ctl.emit({ eventCode, providerId: feed.providerId, wait: true });
			feeds[i].eventIds.push(...result.event_ids);
			progress(`emulator delivered ${eventCode} (event ${result.event_ids[0]})`);
		}
	}
	const executions: N8nExecution[] = [];
	for (const feed of feeds)
		executions.push(...(await stack.client.waitForExecutions(feed.workflowId, feed.eventIds.length, { timeoutMs: 60000 })));
	const emitted = feeds.flatMap((feed) => feed.eventIds);

	if (jsonMode) {
		process.stdout.write(
			`${JSON.stringify({
				n8nUrl: stack.n8nUrl,
				apiKey: stack.apiKey,
				credentialId: credential.id,
				workflowId: feeds[0].workflowId,
				workflowIds: feeds.map((feed) => feed.workflowId),
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
	for (const feed of feeds) console.log(`n8n editor:   ${stack.n8nUrl}/workflow/${feed.workflowId}  (${feed.name})`);
	console.log(`login:        ${stack.owner.email} / ${stack.owner.password}`);
	console.log(`public API:   ${stack.n8nUrl}/api/v1  (X-N8N-API-KEY: ${stack.apiKey})`);
	console.log(`emulator:     control API ${emulator.urls.control} (see test/emulator/README.md)`);
	console.log('');
	console.log('More events:  curl -s -X POST -H "content-type: application/json" \\');
	console.log(
		`                -d '{"event_code":"${DEMO_FEEDS[1].eventCodes[0]}","provider_id":"${DEMO_FEEDS[1].providerId}"}' ${emulator.urls.control}/events`,
	);
	console.log('Press Ctrl-C to stop n8n and the emulator.');
}

main().catch(async (error: unknown) => {
	process.stderr.write(`[demo] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
	if (stack) process.stderr.write(`[demo] n8n log: ${stack.logFile}\n`);
	await stack?.stop().catch(() => undefined);
	process.exit(1);
});
