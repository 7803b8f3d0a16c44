/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, no-console -- benchmark program outside n8n: fs, process, timers and console output */
/**
 * `npm run bench:cost` — what one delivery costs n8n's expression engine, counted (not timed), per suspect.
 *
 * One real n8n 2.40.7 (default: N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true, where an isolate is only taken
 * when an expression is really evaluated) with n8n's metrics on and the expression probe preloaded
 * (scripts/n8n/expression-probe.cjs). One workflow per case; each gets one delivery first (reported apart:
 * it fills the per-node delivery-context cache), then `--deliveries` signed deliveries one after another.
 * After n8n has finished the executions, the counters are read:
 *   isolates/delivery     n8n_expression_pool_acquired_total (n8n's own metric)
 *   evaluations/delivery  n8n_expression_evaluation_duration_seconds_count (n8n's own metric)
 *   and, from the probe, which expressions were evaluated and which code asked for them.
 * Counts do not depend on the machine's load, so this is the check to run on a busy machine.
 *
 * Cases: n8n's Webhook node with and without a credential (references); the Watch Events trigger at
 * typeVersion 1 and 1.1 with digital signatures; 1.1 with every delivery option changed (output, dedupe,
 * metadata); 1.1 with HMAC and with "either"; 1.1 with batches of 20; and two cases that show what a
 * user's own expressions cost (a Set node with an expression after the trigger; a trigger parameter
 * written as an expression) — not ours to remove, listed so they are not mistaken for ours.
 *
 * Options: --mode default|lazy|legacy (or --lazy / --engine legacy; default here: lazy), --deliveries <n>
 * (default 20), --no-build, --no-probe. Output: a table and, as the LAST line, one JSON object
 * {"mode", "cases": {name: {"first": {isolates, evaluations}, "isolates_per_delivery", "evaluations_per_delivery", "expressions": {…}}}}.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CC_EVENT_CODES, CC_PROVIDER_ID, createEmulatorCredential, publishWatchEvents, publishWebhookBaselines } from './n8n/adobe-setup';
import { genuineTemplates, signedRequests, type SignedRequest } from './n8n/deliveries';
import {
	counterDelta,
	ENGINE_MODES,
	engineModeFromArgs,
	expressionCounters,
	METRICS_ENV,
	numberOption,
	probeDelta,
	probeEnv,
	readProbe,
	settledExecutionCount,
	type EngineMode,
	type ExpressionCounters,
	type ProbeSnapshot,
} from './n8n/perf';
import { startStack, type Stack } from './n8n/stack';
import { TRIGGER_NAME } from './n8n/workflows';

const argv = process.argv.slice(2);
const MODE: EngineMode = argv.some((a) => a === '--mode' || a === '--lazy' || a === '--engine') ? engineModeFromArgs(argv) : 'lazy';
const DELIVERIES = Math.min(1000, Math.floor(numberOption(argv, 'deliveries', 20, 1)));
const PROBE = !argv.includes('--no-probe');
const started = Date.now();

function log(message: string): void {
	console.error(`[cost ${((Date.now() - started) / 1000).toFixed(1).padStart(6)}s] ${message}`);
}

function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

interface Case {
	name: string;
	what: string;
	ours: boolean;
	workflowId: string;
	url: string;
	next: () => SignedRequest;
}

interface CaseResult {
	what: string;
	first: ExpressionCounters;
	isolates_per_delivery: number;
	evaluations_per_delivery: number;
	cold_starts: number;
	/** expression @ caller → evaluations per delivery (probe) */
	expressions: Record<string, number>;
	/** caller → isolate acquisitions (eager) / scopes (lazy) per delivery (probe) */
	scopes: Record<string, number>;
	/** node's webhook() and the context calls it makes: calls and wall-clock µs per delivery (probe) */
	calls: Record<string, { per_delivery: number; us_per_delivery: number }>;
	/** client-side wall time per delivery (sequential requests), ms */
	request_ms: number;
}

async function send(url: string, request: SignedRequest): Promise<void> {
	const response = await fetch(url, { method: 'POST', headers: request.headers, body: request.body });
	await response.arrayBuffer();
	if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
}

async function snapshot(stack: Stack, probeFile: string): Promise<{ counters: ExpressionCounters; probe?: ProbeSnapshot }> {
	await sleep(PROBE ? 700 : 0); // the probe writes its file twice a second
	return { counters: await expressionCounters(stack), probe: readProbe(probeFile) };
}

async function main(): Promise<void> {
	let stack: Stack | undefined;
	try {
		const workDir = mkdtempSync(join(tmpdir(), 'adobe-io-events-cost-'));
		process.once('exit', () => rmSync(workDir, { recursive: true, force: true }));
		const probeFile = join(workDir, 'expression-probe.json');
		const { ensureRuntime } = await import('./n8n/runtime');
		const runtime = await ensureRuntime(log);
		stack = await startStack({
			build: !argv.includes('--no-build'),
			log,
			env: {
				...ENGINE_MODES[MODE],
				...METRICS_ENV,
				...(PROBE ? probeEnv(probeFile, join(runtime.n8nDir, 'node_modules', 'n8n')) : {}),
			},
		});
		const emulator = stack.emulator!;
		const credential = await createEmulatorCredential(stack);

		// Templates: one genuine single delivery and one genuine batch delivery.
		const { single, batch } = await genuineTemplates(stack, credential);
		const signed = signedRequests(emulator, single, { eventsPerRequest: 1 });
		const signedHmac = signedRequests(emulator, single, { eventsPerRequest: 1, hmac: true });
		const signedBatch = signedRequests(emulator, batch, { eventsPerRequest: 20 });
		// The event type the trigger cases watch: not one the templates' workflows watch.
		const quietCode = CC_EVENT_CODES[2];

		const cases: Case[] = [];
		const baselines = await publishWebhookBaselines(stack, 'cost');
		cases.push({
			name: 'webhook',
			what: "n8n's Webhook node (reference)",
			ours: false,
			workflowId: baselines.webhook.workflowId,
			url: baselines.webhook.url,
			next: () => ({ ...signed(), headers: baselines.webhook.headers }),
		});
		cases.push({
			name: 'webhookCred',
			what: "n8n's Webhook node + Header Auth credential (reference)",
			ours: false,
			workflowId: baselines.webhookCred.workflowId,
			url: baselines.webhookCred.url,
			next: () => ({ ...signed(), headers: baselines.webhookCred.headers }),
		});

		const trigger = async (
			name: string,
			what: string,
			options: {
				typeVersion?: number;
				parameters?: Record<string, unknown>;
				next?: () => SignedRequest;
				withSetNode?: boolean;
				ours?: boolean;
			} = {},
		): Promise<void> => {
			const published = await publishWatchEvents(stack!, {
				name: `cost: ${name}`,
				credential,
				withSetNode: options.withSetNode ?? false,
				typeVersion: options.typeVersion ?? 1.1,
				parameters: { eventCodes: [quietCode], ...options.parameters },
			});
			cases.push({
				name,
				what,
				ours: options.ours ?? true,
				workflowId: published.workflowId,
				url: published.productionUrl,
				next: options.next ?? signed,
			});
		};
		await trigger('v1_digital', 'Watch Events typeVersion 1, digital signatures', { typeVersion: 1 });
		await trigger('v1.1_digital', 'Watch Events typeVersion 1.1, digital signatures (defaults)');
		await trigger('v1.1_provider_from_list', '1.1 with the Provider picked From List (the default cases use mode ID)', {
			parameters: { providerId: { __rl: true, mode: 'list', value: CC_PROVIDER_ID } },
		});
		await trigger('v1.1_options', '1.1, Output: Data Only, Drop Duplicates off, Delivery Metadata on', {
			parameters: { output: 'data', options: { dedupe: false, includeDeliveryMetadata: true } },
		});
		await trigger('v1.1_hmac', '1.1, Signature Check: Legacy HMAC (client secret read with the delivery context, once a minute per trigger)', {
			parameters: { signatureCheck: 'hmac' },
			next: signedHmac,
		});
		await trigger('v1.1_either', '1.1, Signature Check: Either (HMAC header present)', {
			parameters: { signatureCheck: 'either' },
			next: signedHmac,
		});
		await trigger('v1.1_batch', '1.1, Batches of Events: 20 events per delivery (one execution, 20 items)', {
			parameters: { deliveryType: 'webhook_batch' },
			next: signedBatch,
		});
		await trigger('v1.1_user_set_node', "1.1 → a Set node with the user's expressions (not ours: per item)", {
			withSetNode: true,
			ours: false,
		});
		await trigger('v1.1_user_expression_param', "1.1 with Output written as an expression by the user (not ours)", {
			parameters: { output: '={{ "full" }}' },
			ours: false,
		});
		// Make sure every registration is in place before counting (publishing evaluates nothing per delivery,
		// but activation work must not overlap the measurement).
		await sleep(2000);

		const results: Record<string, CaseResult> = {};
		for (const c of cases) {
			const before = await snapshot(stack, probeFile);
			await send(c.url, c.next());
			await settledExecutionCount(stack, c.workflowId, 700);
			const afterFirst = await snapshot(stack, probeFile);
			const requests = Array.from({ length: DELIVERIES }, c.next);
			const sendStart = performance.now();
			for (const request of requests) await send(c.url, request);
			const requestMs = (performance.now() - sendStart) / DELIVERIES;
			const executions = await settledExecutionCount(stack, c.workflowId, 700);
			const after = await snapshot(stack, probeFile);
			if (executions !== DELIVERIES + 1) throw new Error(`${c.name}: ${executions} executions for ${DELIVERIES + 1} deliveries`);
			const first = counterDelta(afterFirst.counters, before.counters);
			const steady = counterDelta(after.counters, afterFirst.counters);
			const probe = probeDelta(after.probe, afterFirst.probe);
			const perDelivery = (counts: Record<string, number> | undefined): Record<string, number> =>
				Object.fromEntries(Object.entries(counts ?? {}).map(([key, count]) => [key, Math.round((count / DELIVERIES) * 100) / 100]));
			const expressions = perDelivery(probe?.byExpression);
			const scopes = perDelivery(probe?.byScope);
			results[c.name] = {
				what: c.what,
				first,
				isolates_per_delivery: Math.round((steady.isolates / DELIVERIES) * 100) / 100,
				evaluations_per_delivery: Math.round((steady.evaluations / DELIVERIES) * 100) / 100,
				cold_starts: steady.coldStarts,
				expressions,
				scopes,
				calls: Object.fromEntries(
					Object.entries(probe?.calls ?? {}).map(([key, call]) => [
						key,
						{
							per_delivery: Math.round((call.count / DELIVERIES) * 100) / 100,
							us_per_delivery: Math.round((call.ms * 1000) / DELIVERIES),
						},
					]),
				),
				request_ms: Math.round(requestMs * 100) / 100,
			};
			log(
				`${c.name.padEnd(28)} first delivery: ${first.isolates} isolates, ${first.evaluations} evaluations; ` +
					`then per delivery: ${results[c.name].isolates_per_delivery} isolates, ${results[c.name].evaluations_per_delivery} evaluations, ` +
					`${results[c.name].request_ms} ms per request (sequential)` +
					(c.ours ? '' : '  (reference / user expression)'),
			);
			for (const [key, count] of Object.entries(expressions)) log(`    evaluated ${count}×/delivery: ${key}`);
			for (const [key, call] of Object.entries(results[c.name].calls)) {
				log(`    ${call.per_delivery}×/delivery ${key}: ${call.us_per_delivery} µs/delivery`);
			}
			for (const [key, count] of Object.entries(scopes)) log(`    ${MODE === 'lazy' ? 'scope opened' : 'isolate acquired'} ${count}×/delivery by ${key}`);
		}
		const summary = {
			mode: MODE,
			deliveries: DELIVERIES,
			probe: PROBE,
			n8n: stack.runtime.n8nVersion,
			trigger: TRIGGER_NAME,
			cases: results,
		};
		await stack.stop();
		stack = undefined;
		console.log(JSON.stringify(summary));
	} catch (error) {
		console.error(`[cost] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
		if (stack) console.error(`[cost] n8n log: ${stack.logFile}`);
		await stack?.stop().catch(() => undefined);
		process.exit(1);
	}
	process.exit(0);
}

void main();
