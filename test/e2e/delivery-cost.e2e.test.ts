/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code: runs outside n8n, needs fs and os */
/**
 * What a delivery costs n8n's expression engine, counted in a real n8n 2.40.7 — the guarantee that nothing of
 * ours puts an isolated-vm isolate or an expression evaluation on the delivery hot path.
 *
 * n8n runs with N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true (an isolate is only taken when an expression is really
 * evaluated), N8N_METRICS=true (its own counters: n8n_expression_pool_acquired_total,
 * n8n_expression_evaluation_duration_seconds_count) and the harness's expression probe preloaded
 * (scripts/n8n/expression-probe.cjs: which expression, and how often the node reads its credential). Each case
 * gets one delivery first (it fills the per-node delivery-context cache), then signed deliveries one at a time;
 * counts are taken once n8n has finished the executions. Counts, not timings: the machine's load does not
 * change them. Zeros have positive controls: the probe reports which of n8n's methods it wrapped (a wrapper that
 * did not take fails the test), typeVersion 1 and a user's expression show the isolate/evaluation counts move,
 * and in the HMAC cases one more delivery that must re-read the credential is measured the same way.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CC_EVENT_CODES, createEmulatorCredential, publishWatchEvents } from '../../scripts/n8n/adobe-setup';
import { genuineTemplates, signedRequests, type SignedRequest } from '../../scripts/n8n/deliveries';
import { outputItems, type N8nCredentialRef } from '../../scripts/n8n/n8n-api';
import { TRIGGER_NAME } from '../../scripts/n8n/workflows';
import {
	counterDelta,
	ENGINE_MODES,
	expressionCounters,
	METRICS_ENV,
	probeDelta,
	probeEnv,
	readProbe,
	settledExecutionCount,
	type ProbeSnapshot,
} from '../../scripts/n8n/perf';
import { TRIGGER_NODE_TYPE, type Stack } from '../../scripts/n8n/stack';
import { sleep, startE2eStack } from './helpers';

const DELIVERIES = 5;

describe('delivery cost in a real n8n (lazy isolate acquisition)', () => {
	let stack: Stack;
	let credential: N8nCredentialRef;
	let workDir: string;
	let probeFile: string;
	let single: () => SignedRequest;
	let singleHmac: () => SignedRequest;
	let batch: () => SignedRequest;

	beforeAll(async () => {
		workDir = mkdtempSync(join(tmpdir(), 'adobe-io-events-cost-e2e-'));
		probeFile = join(workDir, 'expression-probe.json');
		const { ensureRuntime } = await import('../../scripts/n8n/runtime');
		const runtime = await ensureRuntime(() => undefined);
		stack = await startE2eStack({
			env: { ...ENGINE_MODES.lazy, ...METRICS_ENV, ...probeEnv(probeFile, join(runtime.n8nDir, 'node_modules', 'n8n')) },
		});
		credential = await createEmulatorCredential(stack);
		// Templates from genuine emulator deliveries (single and batch).
		const { single: singleTemplate, batch: batchTemplate } = await genuineTemplates(stack, credential);
		single = signedRequests(stack.emulator!, singleTemplate, { eventsPerRequest: 1 });
		singleHmac = signedRequests(stack.emulator!, singleTemplate, { eventsPerRequest: 1, hmac: true });
		batch = signedRequests(stack.emulator!, batchTemplate, { eventsPerRequest: 20 });
	});

	afterAll(async () => {
		await stack?.stop();
		if (workDir) rmSync(workDir, { recursive: true, force: true });
	});

	async function probeNow(): Promise<ProbeSnapshot | undefined> {
		await sleep(700); // the probe writes its file twice a second
		return readProbe(probeFile);
	}

	/**
	 * Publishes a trigger workflow, sends 1 + DELIVERIES deliveries, returns the steady-state cost per delivery. With
	 * `control`, one more delivery is then measured on its own: the positive control of a count that should be 0.
	 */
	async function costOf(options: {
		typeVersion: number;
		parameters?: Record<string, unknown>;
		next: () => SignedRequest;
		control?: { request: () => SignedRequest; status: number };
	}) {
		const published = await publishWatchEvents(stack, {
			// n8n refuses workflow names over 128 characters
			name: `cost ${options.typeVersion} ${JSON.stringify(options.parameters ?? {})}`.slice(0, 128),
			credential,
			withSetNode: false,
			typeVersion: options.typeVersion,
			// An event type the emulator is not asked to emit: only our deliveries reach this workflow.
			parameters: { eventCodes: [CC_EVENT_CODES[2]], ...options.parameters },
		});
		const send = async (request = options.next(), status = 200): Promise<void> => {
			const response = await fetch(published.productionUrl, { method: 'POST', headers: request.headers, body: request.body });
			await response.arrayBuffer();
			expect(response.status).toBe(status);
		};
		await send();
		await settledExecutionCount(stack, published.workflowId, 700);
		const counters = await expressionCounters(stack);
		const probe = await probeNow();
		for (let i = 0; i < DELIVERIES; i++) await send();
		expect(await settledExecutionCount(stack, published.workflowId, 700)).toBe(DELIVERIES + 1);
		const delta = counterDelta(await expressionCounters(stack), counters);
		const after = await probeNow();
		const calls = probeDelta(after, probe);
		expect(calls).toBeDefined();
		// A count of 0 means something only where the probe's wrapper took (else the probe must fail the test).
		expect(calls?.timers).toMatchObject({ 'WebhookContext.getCredentials': true, 'WebhookService.runWebhook': true });
		const perDelivery = (n: number): number => n / DELIVERIES;
		const count = (delta: ProbeSnapshot | undefined, call: string): number => delta?.calls[`${TRIGGER_NODE_TYPE}: ${call}`]?.count ?? 0;
		const ours = (call: string): number => perDelivery(count(calls, call));
		let control: { credentialReads: number; webhookCalls: number } | undefined;
		if (options.control) {
			// the same counting, around one delivery that must read the credential
			await send(options.control.request(), options.control.status);
			expect(await settledExecutionCount(stack, published.workflowId, 700)).toBe(DELIVERIES + 1);
			const controlCalls = probeDelta(await probeNow(), after);
			control = { credentialReads: count(controlCalls, 'getCredentials(adobeIoEventsApi)'), webhookCalls: count(controlCalls, 'webhook()') };
		}
		return {
			isolates: perDelivery(delta.isolates),
			evaluations: perDelivery(delta.evaluations),
			expressions: Object.keys(calls?.byExpression ?? {}),
			webhookCalls: ours('webhook()'),
			credentialReads: ours('getCredentials(adobeIoEventsApi)'),
			control,
			deliveryType: published.registration.delivery_type,
			workflowId: published.workflowId,
		};
	}

	/** A delivery whose legacy HMAC does not match (and, with `digitalToo`, neither do its digital signatures). */
	const mismatched = (digitalToo: boolean) => (): SignedRequest => {
		const request = singleHmac();
		const headers: Record<string, string> = { ...request.headers, 'x-adobe-signature': Buffer.from(randomUUID()).toString('base64') };
		if (digitalToo) {
			const other = single();
			headers['x-adobe-digital-signature-1'] = other.headers['x-adobe-digital-signature-1'];
			headers['x-adobe-digital-signature-2'] = other.headers['x-adobe-digital-signature-2'];
		}
		return { ...request, headers };
	};

	it('typeVersion 1.1 with digital signatures: no isolate, no evaluation, no credential read per delivery', async () => {
		const cost = await costOf({ typeVersion: 1.1, next: single });
		// The probe saw the deliveries (the counts below can be non-zero).
		expect(cost.webhookCalls).toBe(1);
		expect(cost).toMatchObject({ isolates: 0, evaluations: 0, credentialReads: 0, expressions: [] });
	});

	it('typeVersion 1.1 with batches and every delivery option changed: still nothing per delivery', async () => {
		const cost = await costOf({
			typeVersion: 1.1,
			parameters: { deliveryType: 'webhook_batch', output: 'data', options: { dedupe: false, includeDeliveryMetadata: true } },
			next: batch,
		});
		expect(cost.webhookCalls).toBe(1);
		expect(cost).toMatchObject({ isolates: 0, evaluations: 0, credentialReads: 0, expressions: [] });
	});

	// Version 2 keeps Delivery and Signature Check under Options (the harness writes them there): the
	// delivery reads the same static parameters, so it must cost what 1.1 costs.
	it('typeVersion 2 with digital signatures: no isolate, no evaluation, no credential read per delivery', async () => {
		const cost = await costOf({ typeVersion: 2, next: single });
		expect(cost.webhookCalls).toBe(1);
		expect(cost).toMatchObject({ isolates: 0, evaluations: 0, credentialReads: 0, expressions: [] });
	});

	it('typeVersion 2 with its default Output (Simplified): no isolate, no evaluation, no credential read per delivery', async () => {
		// no `output` saved: version 2's default, Simplified
		const cost = await costOf({ typeVersion: 2, parameters: { output: undefined }, next: single });
		expect(cost.webhookCalls).toBe(1);
		expect(cost).toMatchObject({ isolates: 0, evaluations: 0, credentialReads: 0, expressions: [] });
		// the deliveries did come out Simplified (positive control for the setting)
		const [execution] = await stack.client.listExecutions(cost.workflowId, { includeData: true });
		const [item] = outputItems(execution, TRIGGER_NAME);
		expect(Object.keys(item)).toEqual(expect.arrayContaining(['eventId', 'type', 'time']));
		expect(item).not.toHaveProperty('specversion');
	});

	it('typeVersion 2 with batches, HMAC and every delivery option changed (all under Options): still nothing per delivery', async () => {
		const cost = await costOf({
			typeVersion: 2,
			parameters: {
				deliveryType: 'webhook_batch',
				signatureCheck: 'either',
				output: 'data',
				options: { dedupe: false, includeDeliveryMetadata: true },
			},
			next: batch,
		});
		// The settings under Options reached Adobe: a batch registration.
		expect(cost.deliveryType).toBe('webhook_batch');
		expect(cost.webhookCalls).toBe(1);
		expect(cost).toMatchObject({ isolates: 0, evaluations: 0, credentialReads: 0, expressions: [] });
	});

	it('typeVersion 1: n8n evaluates its binaryData expression on every delivery (the reason for 1.1)', async () => {
		const cost = await costOf({ typeVersion: 1, next: single });
		expect(cost).toMatchObject({ isolates: 1, evaluations: 1, credentialReads: 0 });
		expect(cost.expressions).toEqual([expect.stringContaining('$parameter["options"]["binaryData"]')]);
	});

	it("a user's expression in a trigger parameter is evaluated per delivery (the count sees evaluations)", async () => {
		const cost = await costOf({ typeVersion: 1.1, parameters: { output: '={{ "full" }}' }, next: single });
		expect(cost).toMatchObject({ isolates: 1, evaluations: 1 });
	});

	// The client secret is read with the delivery context, once a minute per trigger (DeliveryRuntime): a
	// per-delivery read costs ≈ 7 ms of n8n credential work under lazy mode and an isolate under defaults. The
	// positive control: a delivery no signature of the setting matches makes the trigger re-read the credential
	// (a rotated secret) before it refuses — one read, counted the same way inside its own window.
	it.each([
		['hmac', 'a mismatched HMAC', false],
		['either', 'a delivery neither signature matches', true],
	] as const)('Signature Check %s: no isolate, evaluation or credential read per delivery; %s re-reads the credential once', async (signatureCheck, _control, digitalToo) => {
		const cost = await costOf({
			typeVersion: 1.1,
			parameters: { signatureCheck },
			next: singleHmac,
			control: { request: mismatched(digitalToo), status: 401 },
		});
		expect(cost.webhookCalls).toBe(1);
		expect(cost).toMatchObject({ isolates: 0, evaluations: 0, credentialReads: 0 });
		expect(cost.control).toEqual({ credentialReads: 1, webhookCalls: 1 });
	});
});
