/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console -- design probe: runs outside n8n (spawns it, writes throw-away custom nodes, prints), never shipped */
/**
 * The design probe of issue 23 (docs/never-miss-an-event.md, "Why a second trigger"): which of the two
 * designs of the journal safety net works in a real n8n, on both lines. Not a test and not shipped: run it
 * by hand, e.g. `/work/bin/heavy npx tsx scripts/probes/journal-backup-design.ts` (N8N_VERSION=1.123.81 for
 * n8n 1.x; PROBE_TARBALL=<packed package> skips the build). About 5 minutes.
 *
 * (A) one node with `webhooks` AND `trigger()`: does n8n run both when the workflow goes live, is
 *     `helpers.registerCron` there, is static data written in trigger() saved with the executions it
 *     emits, and what does "Listen for test event" run?
 * (B) a webhook node whose lifecycle hook publishes a record in the workflow's global static data, and a
 *     polling node that reads it: does the poll see it at the first poll, after the webhook node changed
 *     and the workflow was published again, after a restart? Can a poll find the triggers that feed its
 *     next node (getChildNodes / getParentNodes)?
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { startStack } from '../n8n/stack';
import type { N8nExecution } from '../n8n/n8n-api';

/** Throw-away custom nodes (plain JS, loaded through N8N_CUSTOM_EXTENSIONS). */
const NODES: Record<string, string> = {
	'ProbeDual.node.js':
		"// Design probe (A): one node with webhooks AND trigger().\nclass ProbeDual {\n  constructor() {\n    this.description = {\n      displayName: 'Probe Dual Trigger', name: 'probeDual', group: ['trigger'], version: 1,\n      description: 'probe', defaults: { name: 'Probe Dual Trigger' }, inputs: [], outputs: ['main'],\n      webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'hook' }],\n      properties: [{ displayName: 'Cron', name: 'cron', type: 'string', default: '*/10 * * * * *' }],\n    };\n    this.webhookMethods = { default: {\n      async checkExists() { return false; },\n      async create() { this.getWorkflowStaticData('node').createdAt = Date.now(); return true; },\n      async delete() { return true; },\n    } };\n  }\n  async webhook() {\n    return { workflowData: [[{ json: { via: 'webhook', mode: this.getMode(), body: this.getBodyData() } }]] };\n  }\n  async trigger() {\n    const mode = this.getMode();\n    const info = { hasRegisterCron: typeof (this.helpers && this.helpers.registerCron) === 'function', mode, activation: this.getActivationMode() };\n    if (mode === 'manual') {\n      return { manualTriggerFunction: async () => { this.emit([[{ json: { via: 'trigger-manual', ...info } }]]); } };\n    }\n    const sd = this.getWorkflowStaticData('node');\n    const tick = () => { sd.ticks = (sd.ticks || 0) + 1; this.emit([[{ json: { via: 'trigger', ticks: sd.ticks, ...info } }]]); };\n    let cronError;\n    try { this.helpers.registerCron({ expression: this.getNodeParameter('cron') }, tick); }\n    catch (e) { cronError = String(e && e.message || e); this.helpers.registerCron({ expression: '0 * * * * *' }, tick); }\n    sd.cronError = cronError || null;\n    return { closeFunction: async () => {} };\n  }\n}\nmodule.exports = { ProbeDual };\n",
	'ProbeHook.node.js':
		"// Design probe (B): a webhook node whose lifecycle publishes a record in global static data.\nclass ProbeHook {\n  constructor() {\n    this.description = {\n      displayName: 'Probe Hook Trigger', name: 'probeHook', group: ['trigger'], version: 1,\n      description: 'probe', defaults: { name: 'Probe Hook Trigger' }, inputs: [], outputs: ['main'],\n      webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'hook' }],\n      properties: [{ displayName: 'Tag', name: 'tag', type: 'string', default: 'v1' }],\n    };\n    this.webhookMethods = { default: {\n      async checkExists() { return false; },\n      async create() {\n        await new Promise((r) => setTimeout(r, 3000)); // a registration call takes a while\n        const g = this.getWorkflowStaticData('global');\n        g.record = { tag: this.getNodeParameter('tag'), at: Date.now(), nodeId: this.getNode().id, activation: this.getActivationMode() };\n        return true;\n      },\n      async delete() { return true; },\n    } };\n  }\n  async webhook() { return { workflowData: [[{ json: { via: 'webhook' } }]] }; }\n}\nmodule.exports = { ProbeHook };\n",
	'ProbePoll.node.js':
		"// Design probe (B): a poll node that reads what the webhook node published.\nclass ProbePoll {\n  constructor() {\n    this.description = {\n      displayName: 'Probe Poll Trigger', name: 'probePoll', group: ['trigger'], version: 1, polling: true,\n      description: 'probe', defaults: { name: 'Probe Poll Trigger' }, inputs: [], outputs: ['main'], properties: [],\n    };\n  }\n  async poll() {\n    const g = this.getWorkflowStaticData('global');\n    const sd = this.getWorkflowStaticData('node');\n    sd.polls = (sd.polls || 0) + 1;\n    const me = this.getNode().name;\n    let children, parentsOfChild, err;\n    try {\n      children = typeof this.getChildNodes === 'function' ? this.getChildNodes(me) : 'no getChildNodes';\n      const first = Array.isArray(children) && children[0] ? children[0].name : undefined;\n      parentsOfChild = first && typeof this.getParentNodes === 'function' ? this.getParentNodes(first) : 'no getParentNodes';\n    } catch (e) { err = String(e && e.message || e); }\n    return [[{ json: { via: 'poll', mode: this.getMode(), activation: this.getActivationMode(), polls: sd.polls, record: g.record ? { ...g.record } : null, now: Date.now(), children, parentsOfChild, err } }]];\n  }\n}\nmodule.exports = { ProbePoll };\n",
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const out = (label: string, value: unknown) =>
	process.stdout.write(`PROBE ${label}: ${JSON.stringify(value)}\n`);

function firstJson(e: N8nExecution, node: string): Record<string, unknown> | undefined {
	return e.data?.resultData.runData[node]?.[0]?.data?.main[0]?.[0]?.json as
		| Record<string, unknown>
		| undefined;
}

async function main() {
	const customDir = mkdtempSync(join(tmpdir(), 'adobe-io-events-probe-nodes-'));
	for (const [file, source] of Object.entries(NODES)) writeFileSync(join(customDir, file), source);

	const stack = await startStack({
		tarball: process.env.PROBE_TARBALL,
		emulator: false,
		log: (m) => process.stderr.write(`[stack] ${m}\n`),
		env: { N8N_CUSTOM_EXTENSIONS: customDir },
	});
	const c = stack.client;
	try {
		out('n8n', stack.runtime.n8nVersion);
		// ---------------- (A) one node with webhooks + trigger()
		const dualHook = randomUUID();
		const A = await c.createWorkflow({
			name: 'probe A',
			nodes: [
				{
					id: randomUUID(),
					name: 'Probe Dual Trigger',
					type: 'CUSTOM.probeDual',
					typeVersion: 1,
					position: [0, 0],
					webhookId: dualHook,
					parameters: { cron: '*/10 * * * * *' },
				},
				{
					id: randomUUID(),
					name: 'After',
					type: 'n8n-nodes-base.noOp',
					typeVersion: 1,
					position: [200, 0],
					parameters: {},
				},
			],
			connections: {
				'Probe Dual Trigger': { main: [[{ node: 'After', type: 'main', index: 0 }]] },
			},
		} as never);
		await c.makeLive(A.id);
		await sleep(32_000);
		let ex = await c.listExecutions(A.id, { includeData: true });
		out(
			'A executions after 32 s',
			ex
				.map((e) => ({ mode: e.mode, status: e.status, out: firstJson(e, 'Probe Dual Trigger') }))
				.slice(0, 6),
		);
		const r = await fetch(`${stack.webhookBaseUrl}/webhook/${dualHook}/hook`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: '{"x":1}',
		});
		out('A production webhook status', r.status);
		await sleep(3000);
		ex = await c.listExecutions(A.id, { includeData: true });
		out(
			'A webhook execution',
			ex
				.filter((e) => e.mode === 'webhook')
				.map((e) => ({
					status: e.status,
					out: firstJson(e, 'Probe Dual Trigger'),
					after: firstJson(e, 'After'),
				})),
		);
		const wfBefore = await c.request<{ data: { staticData?: unknown } }>(
			'GET',
			`/rest/workflows/${A.id}`,
		);
		out('A static data in DB before restart', wfBefore.body.data.staticData);
		const ticksBefore = Math.max(
			0,
			...ex.map((e) => Number(firstJson(e, 'Probe Dual Trigger')?.ticks ?? 0)),
		);
		await stack.restartN8n();
		await sleep(25_000);
		ex = await c.listExecutions(A.id, { includeData: true });
		const ticksAfter = ex
			.map((e) => Number(firstJson(e, 'Probe Dual Trigger')?.ticks ?? 0))
			.filter((n) => n > 0)
			.sort((a, b) => a - b);
		out('A ticks before restart (max) / after restart (all)', { ticksBefore, ticksAfter });
		// Listen for test event on the dual node
		const listening = await c.runManually(A.id, 'Probe Dual Trigger');
		out('A runManually', listening);
		await sleep(1500);
		const t = await fetch(`${stack.webhookBaseUrl}/webhook-test/${dualHook}/hook`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: '{"test":true}',
		});
		out('A test webhook status', { status: t.status, body: (await t.text()).slice(0, 200) });
		await sleep(4000);
		ex = await c.listExecutions(A.id, { includeData: true });
		out(
			'A manual executions',
			ex
				.filter((e) => e.mode === 'manual')
				.map((e) => ({
					status: e.status,
					out: firstJson(e, 'Probe Dual Trigger'),
					after: firstJson(e, 'After'),
					err: e.data?.resultData.error?.message,
				})),
		);
		await c.takeOffline(A.id);

		// ---------------- (B) webhook node publishes a record in global static data; poll node reads it
		const hookId = randomUUID();
		const nodesB = (tag: string) => [
			{
				id: 'b-hook',
				name: 'Probe Hook Trigger',
				type: 'CUSTOM.probeHook',
				typeVersion: 1,
				position: [0, 0],
				webhookId: hookId,
				parameters: { tag },
			},
			{
				id: 'b-poll',
				name: 'Probe Poll Trigger',
				type: 'CUSTOM.probePoll',
				typeVersion: 1,
				position: [0, 200],
				parameters: { pollTimes: { item: [{ mode: 'everyMinute' }] } },
			},
			{
				id: 'b-merge',
				name: 'Shared Next',
				type: 'n8n-nodes-base.noOp',
				typeVersion: 1,
				position: [200, 100],
				parameters: {},
			},
		];
		const connectionsB = {
			'Probe Hook Trigger': { main: [[{ node: 'Shared Next', type: 'main', index: 0 }]] },
			'Probe Poll Trigger': { main: [[{ node: 'Shared Next', type: 'main', index: 0 }]] },
		};
		const B = await c.createWorkflow({
			name: 'probe B',
			nodes: nodesB('v1'),
			connections: connectionsB,
		} as never);
		const polls = async () =>
			(await c.listExecutions(B.id, { includeData: true }))
				.map((e) => firstJson(e, 'Probe Poll Trigger'))
				.filter((j) => j?.via === 'poll')
				.sort((a, b) => Number(a!.now) - Number(b!.now));
		const t0 = Date.now();
		await c.makeLive(B.id);
		await sleep(70_000);
		out(
			'B polls after first publish',
			(await polls()).map((p) => ({
				dt: Number(p!.now) - t0,
				polls: p!.polls,
				record: p!.record,
				activation: p!.activation,
			})),
		);
		out(
			'B getChildNodes / getParentNodes in poll',
			(await polls())[0] && {
				children: (await polls())[0]!.children,
				parentsOfChild: (await polls())[0]!.parentsOfChild,
				err: (await polls())[0]!.err,
			},
		);
		await c.updateWorkflow(B.id, {
			name: 'probe B',
			nodes: nodesB('v2'),
			connections: connectionsB,
		} as never);
		const t1 = Date.now();
		await c.makeLive(B.id);
		await sleep(75_000);
		out(
			'B polls after republish with the hook node changed (tag v2)',
			(await polls())
				.filter((p) => Number(p!.now) > t1)
				.map((p) => ({ dt: Number(p!.now) - t1, record: p!.record })),
		);
		const wfB = await c.request<{ data: { staticData?: unknown } }>(
			'GET',
			`/rest/workflows/${B.id}`,
		);
		out('B static data in DB after republish', wfB.body.data.staticData);
		await stack.restartN8n();
		const t2 = Date.now();
		await sleep(15_000);
		out(
			'B polls after restart',
			(await polls())
				.filter((p) => Number(p!.now) > t2)
				.map((p) => ({ dt: Number(p!.now) - t2, record: p!.record, activation: p!.activation })),
		);
	} finally {
		await stack.stop();
	}
}
main().catch((e) => {
	console.error(e);
	process.exit(1);
});
