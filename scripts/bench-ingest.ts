/* eslint-disable @n8n/community-nodes/no-restricted-globals, no-console -- benchmark program outside n8n: process, timers and console output */
/**
 * `npm run bench:ingest` — ingest throughput of the Watch Events trigger in ONE real n8n 2.40.7, next to
 * n8n's own Webhook node, with autocannon as the load generator:
 *
 *   (a) webhook  n8n-nodes-base.webhook, POST of an Adobe CloudEvent body (no verification)
 *   (a') webhookCred the same Webhook node with a Header Auth credential (reported as extra keys: any node
 *                with a credential pays n8n's per-execution credential permission check + decryption)
 *   (b) trigger  Watch Events, one signed CloudEvent per request (RSA signatures verified per request)
 *   (c) batch    Watch Events, batches of 20 signed CloudEvents per request (one execution, 20 items)
 *
 * Every request of (b)/(c) carries fresh event ids (nothing is dropped as a duplicate) and Adobe's real
 * signatures: bodies are shaped like the emulator's own deliveries (taken from its delivery traces) and
 * signed with the emulator's current keys; n8n fetches the public keys from the emulator's key host.
 * Phases alternate over `--rounds` rounds of `--duration` seconds (best round per phase is reported, to
 * damp noise from other work on the machine). Afterwards the executions n8n recorded are counted: each
 * accepted request must have produced exactly one execution.
 *
 * Options: --duration <s> (default 8), --rounds <n> (default 2), --connections <n> (default 8),
 *          --engine vm|legacy (n8n's N8N_EXPRESSION_ENGINE; default: n8n's default, `vm`), --no-build.
 *
 * Why (a') exists: with n8n 2.40's default `vm` expression engine, reading a credential inside a webhook
 * request (getCredentials → credential expression resolution) creates and disposes an isolated-vm isolate,
 * and n8n checks credential permissions for every execution. That cost is n8n's, paid by every node with a
 * credential; (a') shows it, and `--engine legacy` removes the isolate part.
 * Output: one line per phase and round, a summary, and as the LAST line one JSON object
 *   {"webhook_rps","trigger_rps","batch_events_per_s","trigger_vs_webhook","batch_vs_single", …latencies}
 * Targets: trigger_vs_webhook ≥ 0.95, batch_vs_single ≥ 15.
 */
import autocannon from 'autocannon';
import { randomUUID } from 'node:crypto';
import { CC_EVENT_CODES, control, createEmulatorCredential, publishWatchEvents } from './n8n/adobe-setup';
import type { EmulatorControl } from './n8n/emulator-control';
import { startStack, type Stack } from './n8n/stack';
import { outputItems } from './n8n/n8n-api';
import { TRIGGER_NAME, plainWebhookWorkflow } from './n8n/workflows';

function option(name: string, fallback: number): number {
	const index = process.argv.indexOf(`--${name}`);
	if (index < 0) return fallback;
	const value = Number(process.argv[index + 1]);
	if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} needs a positive number`);
	return value;
}

const DURATION_S = option('duration', 8);
const ROUNDS = Math.min(5, Math.floor(option('rounds', 2)));
const CONNECTIONS = Math.floor(option('connections', 8));
const ENGINE = (() => {
	const index = process.argv.indexOf('--engine');
	if (index < 0) return undefined;
	const value = process.argv[index + 1];
	if (value !== 'vm' && value !== 'legacy') throw new Error('--engine is vm (n8n 2.40 default) or legacy');
	return value;
})();
const BATCH_SIZE = 20;
const POOL_CAP = 60000;
const started = Date.now();

function log(message: string): void {
	console.log(`[bench ${((Date.now() - started) / 1000).toFixed(1).padStart(6)}s] ${message}`);
}

interface Template {
	/** Delivered headers minus signatures/transport headers. */
	headers: Record<string, string>;
	/** One delivered event (parsed). */
	event: Record<string, unknown>;
}

interface Phase {
	name: 'webhook' | 'webhookCred' | 'trigger' | 'batch';
	url: string;
	/** Produces the body + headers of the next request. */
	next: () => { body: string; headers: Record<string, string> };
	prepare?: (expectedRequests: number) => void;
	eventsPerRequest: number;
}

interface Measurement {
	phase: string;
	round: number;
	ok: number;
	non2xx: number;
	errors: number;
	durationS: number;
	rps: number;
	p50: number;
	p99: number;
}

const DROP_HEADERS = new Set([
	'x-adobe-digital-signature-1',
	'x-adobe-digital-signature-2',
	'x-adobe-public-key1-path',
	'x-adobe-public-key2-path',
	'x-adobe-signature',
	'content-length',
	'host',
	'connection',
	'transfer-encoding',
]);

async function templateFrom(ctl: EmulatorControl, registrationId: string): Promise<Template> {
	const [trace] = await ctl.traces(registrationId);
	if (!trace) throw new Error(`no delivery trace for registration ${registrationId}`);
	const request = trace.trace.tracingRequest;
	const headers: Record<string, string> = {};
	for (const [key, value] of Object.entries(request.requestHeaders)) {
		if (!DROP_HEADERS.has(key.toLowerCase())) headers[key.toLowerCase()] = value.join(', ');
	}
	const parsed = JSON.parse(request.requestBody) as Record<string, unknown> | Array<Record<string, unknown>>;
	return { headers, event: Array.isArray(parsed) ? parsed[0] : parsed };
}

function freshEvent(template: Record<string, unknown>): Record<string, unknown> {
	const eventid = randomUUID();
	const event: Record<string, unknown> = { ...template, id: randomUUID(), time: new Date().toISOString() };
	if ('eventid' in template) event.eventid = eventid;
	if ('event_id' in template) event.event_id = eventid;
	return event;
}

/** A pool of pre-signed requests (signing happens before the clock starts), refilled on the fly if exhausted. */
function signedPool(stack: Stack, template: Template, eventsPerRequest: number) {
	const keys = stack.emulator!.core.keys;
	let pool: Array<{ body: string; headers: Record<string, string> }> = [];
	let cursor = 0;
	let onTheFly = 0;
	const make = (): { body: string; headers: Record<string, string> } => {
		const events = Array.from({ length: eventsPerRequest }, () => freshEvent(template.event));
		const body = JSON.stringify(eventsPerRequest === 1 ? events[0] : events);
		const headers: Record<string, string> = { ...template.headers, ...keys.sign(body) };
		if (template.headers['x-adobe-event-id'] && eventsPerRequest === 1) {
			headers['x-adobe-event-id'] = String(events[0].eventid ?? events[0].id);
		}
		headers['x-adobe-delivery-id'] = randomUUID();
		return { body, headers };
	};
	return {
		prepare(count: number): void {
			pool = Array.from({ length: Math.min(POOL_CAP, count) }, make);
			cursor = 0;
		},
		next(): { body: string; headers: Record<string, string> } {
			if (cursor < pool.length) return pool[cursor++];
			onTheFly++;
			return make();
		},
		get signedOnTheFly(): number {
			return onTheFly;
		},
	};
}

async function measure(phase: Phase, round: number, durationS: number): Promise<Measurement> {
	const result = await autocannon({
		url: phase.url,
		connections: CONNECTIONS,
		duration: durationS,
		timeout: 30,
		requests: [
			{
				method: 'POST',
				setupRequest: (request) => {
					const { body, headers } = phase.next();
					return { ...request, method: 'POST', body, headers };
				},
			},
		],
	});
	const ok = result['2xx'];
	return {
		phase: phase.name,
		round,
		ok,
		non2xx: result.non2xx,
		errors: result.errors,
		durationS: result.duration,
		rps: ok / result.duration,
		p50: result.latency.p50,
		p99: result.latency.p99,
	};
}

function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Waits until n8n's execution count for a workflow stops growing; returns it. */
async function settledExecutionCount(stack: Stack, workflowId: string): Promise<number> {
	let last = -1;
	for (let i = 0; i < 120; i++) {
		const count = (await stack.client.listExecutions(workflowId)).length;
		if (count === last) return count;
		last = count;
		await sleep(1000);
	}
	return last;
}

async function main(): Promise<void> {
	let stack: Stack | undefined;
	const shutdown = (): void => {
		void (stack ? stack.stop() : Promise.resolve()).then(() => process.exit(130));
	};
	process.once('SIGINT', shutdown);
	process.once('SIGTERM', shutdown);
	try {
		stack = await startStack({
			build: !process.argv.includes('--no-build'),
			log,
			env: ENGINE ? { N8N_EXPRESSION_ENGINE: ENGINE } : {},
		});
		const ctl = control(stack);
		const credential = await createEmulatorCredential(stack);

		// (a) n8n's Webhook node
		const path = `bench-${randomUUID()}`;
		const webhookWorkflow = await stack.client.createWorkflow(plainWebhookWorkflow('bench: n8n Webhook', path));
		await stack.client.publishWorkflow(webhookWorkflow.id);
		// (a') the same Webhook node with a credential (Header Auth): n8n checks credential permissions and
		// decrypts the credential on every request, as it must for any node with a credential (the trigger too).
		const headerValue = randomUUID();
		const headerCredential = await stack.client.createCredential('bench header auth', 'httpHeaderAuth', {
			name: 'x-bench-key',
			value: headerValue,
		});
		const credWorkflowInput = plainWebhookWorkflow('bench: n8n Webhook + credential', `${path}-cred`);
		credWorkflowInput.nodes[0].parameters.authentication = 'headerAuth';
		credWorkflowInput.nodes[0].credentials = { httpHeaderAuth: headerCredential };
		const credWorkflow = await stack.client.createWorkflow(credWorkflowInput);
		await stack.client.publishWorkflow(credWorkflow.id);

		// (b) Watch Events, single deliveries; (c) Watch Events, batches
		const single = await publishWatchEvents(stack, {
			name: 'bench: Watch Events (single)',
			credential,
			withSetNode: false,
			parameters: { eventCodes: [CC_EVENT_CODES[0]] },
		});
		const batch = await publishWatchEvents(stack, {
			name: 'bench: Watch Events (batch)',
			credential,
			withSetNode: false,
			parameters: { eventCodes: [CC_EVENT_CODES[1]], deliveryType: 'webhook_batch' },
		});
		// One genuine delivery each, to copy Adobe's exact request shape (headers, event fields).
		await ctl.emit({ eventCode: CC_EVENT_CODES[0], wait: true });
		await ctl.emit({ eventCode: CC_EVENT_CODES[1], count: BATCH_SIZE, wait: true });
		const singleTemplate = await templateFrom(ctl, single.registration.registration_id);
		const batchTemplate = await templateFrom(ctl, batch.registration.registration_id);

		const webhookBody = JSON.stringify(freshEvent(singleTemplate.event));
		const singlePool = signedPool(stack, singleTemplate, 1);
		const batchPool = signedPool(stack, batchTemplate, BATCH_SIZE);
		const phases: Phase[] = [
			{
				name: 'webhook',
				url: `${stack.webhookBaseUrl}/webhook/${path}`,
				next: () => ({ body: webhookBody, headers: { 'content-type': 'application/json' } }),
				eventsPerRequest: 1,
			},
			{
				name: 'webhookCred',
				url: `${stack.webhookBaseUrl}/webhook/${path}-cred`,
				next: () => ({ body: webhookBody, headers: { 'content-type': 'application/json', 'x-bench-key': headerValue } }),
				eventsPerRequest: 1,
			},
			{ name: 'trigger', url: single.productionUrl, next: singlePool.next, prepare: singlePool.prepare, eventsPerRequest: 1 },
			{ name: 'batch', url: batch.productionUrl, next: batchPool.next, prepare: batchPool.prepare, eventsPerRequest: BATCH_SIZE },
		];

		// Warm-up (JIT, key cache, SQLite): short runs, not reported.
		log(`warm-up …`);
		for (const phase of phases) {
			phase.prepare?.(200);
			await measure(phase, 0, 2);
		}

		const workflowOf: Record<Phase['name'], string> = {
			webhook: webhookWorkflow.id,
			webhookCred: credWorkflow.id,
			trigger: single.workflowId,
			batch: batch.workflowId,
		};
		const results: Measurement[] = [];
		// Requests still in flight when autocannon stops are aborted client-side but still run in n8n:
		// each phase may therefore add up to CONNECTIONS executions more than it counted as accepted.
		const accounting: Array<{ phase: string; ok: number; executions: number }> = [];
		let webhookRate = 0;
		for (let round = 1; round <= ROUNDS; round++) {
			for (const phase of phases) {
				if (phase.prepare) {
					// Enough pre-signed requests for this phase at up to 1.5× the Webhook node's rate.
					const expected = Math.ceil(Math.max(webhookRate, 50) * DURATION_S * 1.5) + 200;
					phase.prepare(phase.eventsPerRequest === 1 ? expected : Math.ceil(expected / 2));
				}
				const before = await settledExecutionCount(stack, workflowOf[phase.name]);
				const m = await measure(phase, round, DURATION_S);
				if (phase.name === 'webhook') webhookRate = Math.max(webhookRate, m.rps);
				results.push(m);
				log(
					`round ${round} ${phase.name.padEnd(11)} ${m.rps.toFixed(1).padStart(7)} req/s` +
						(phase.eventsPerRequest > 1 ? ` (${(m.rps * phase.eventsPerRequest).toFixed(0)} events/s)` : '') +
						`  p50 ${m.p50} ms  p99 ${m.p99} ms  ok ${m.ok}  non-2xx ${m.non2xx}  errors ${m.errors}`,
				);
				// Let n8n finish the in-flight work before the next phase is measured.
				const after = await settledExecutionCount(stack, workflowOf[phase.name]);
				accounting.push({ phase: phase.name, ok: m.ok, executions: after - before });
			}
		}

		// Every accepted request must have become exactly one execution (nothing dropped, nothing doubled).
		const accountingOk = accounting.every((a) => a.executions >= a.ok && a.executions <= a.ok + CONNECTIONS);
		for (const a of accounting) log(`executions: ${a.phase} ${a.executions} for ${a.ok} accepted requests`);
		const [lastBatch] = await stack.client.listExecutions(batch.workflowId, { includeData: true, limit: 1 });
		const batchItems = lastBatch ? outputItems(lastBatch, TRIGGER_NAME).length : 0;
		log(`items in the last batch execution: ${batchItems}`);
		log(`requests signed during measurement (pool exhausted): trigger ${singlePool.signedOnTheFly}, batch ${batchPool.signedOnTheFly}`);

		const best = (name: string): Measurement =>
			results.filter((r) => r.phase === name).reduce((a, b) => (b.rps > a.rps ? b : a));
		const w = best('webhook');
		const wc = best('webhookCred');
		const t = best('trigger');
		const b = best('batch');
		const batchEventsPerS = b.rps * BATCH_SIZE;
		const round2 = (x: number): number => Math.round(x * 100) / 100;
		const summary = {
			webhook_rps: round2(w.rps),
			trigger_rps: round2(t.rps),
			batch_events_per_s: round2(batchEventsPerS),
			trigger_vs_webhook: round2(t.rps / w.rps),
			batch_vs_single: round2(batchEventsPerS / t.rps),
			webhook_cred_rps: round2(wc.rps),
			trigger_vs_webhook_cred: round2(t.rps / wc.rps),
			webhook_p50_ms: w.p50,
			webhook_p99_ms: w.p99,
			trigger_p50_ms: t.p50,
			trigger_p99_ms: t.p99,
			batch_rps: round2(b.rps),
			batch_p50_ms: b.p50,
			batch_p99_ms: b.p99,
			executions_match: accountingOk && batchItems === BATCH_SIZE,
			non2xx: results.reduce((sum, r) => sum + r.non2xx + r.errors, 0),
			duration_s: DURATION_S,
			rounds: ROUNDS,
			connections: CONNECTIONS,
			expression_engine: ENGINE ?? 'default',
			n8n: stack.runtime.n8nVersion,
			node: stack.runtime.nodeVersion,
		};
		log(
			`best of ${ROUNDS}: webhook ${summary.webhook_rps} req/s, trigger ${summary.trigger_rps} req/s ` +
				`(${summary.trigger_vs_webhook}× webhook; target ≥ 0.95; ${summary.trigger_vs_webhook_cred}× webhook with a credential), batch ${summary.batch_events_per_s} events/s ` +
				`(${summary.batch_vs_single}× single; target ≥ 15)`,
		);
		await stack.stop();
		stack = undefined;
		console.log(JSON.stringify(summary));
	} catch (error) {
		console.error(`[bench] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
		if (stack) console.error(`[bench] n8n log: ${stack.logFile}`);
		await stack?.stop().catch(() => undefined);
		process.exit(1);
	}
	process.exit(0);
}

void main();
