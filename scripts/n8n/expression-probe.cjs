/**
 * Expression-engine probe, preloaded into a benchmark n8n with `NODE_OPTIONS=--require <this file>`
 * (scripts/n8n/cost.ts sets it up; never used by the tests' or the demo's n8n).
 *
 * n8n's own metrics (`/metrics`, N8N_METRICS=true) count isolates and evaluations; this probe also says
 * WHICH expression was evaluated and from where, so a per-delivery cost can be attributed. It waits until
 * n8n has initialised its expression engine (n8n-workflow's `Expression.vmEvaluator`), wraps that one
 * instance's methods and writes its counters as JSON to $EXPRESSION_PROBE_FILE (twice a second, when they
 * changed). Nothing of n8n's code is modified; a process without the engine (the task runner) only polls.
 *
 * Counters: scopes (acquire() calls: an isolate each under eager acquisition, a scope under lazy),
 * bridges (isolates created: pool refills and synchronous cold starts), lazyBridges (isolates taken by a
 * lazy scope on its first evaluation), evaluations (count per "expression @ caller frames"), byScope (scopes
 * per caller frames), and calls: time spent in n8n's webhook entry of a node (WebhookService.runWebhook, i.e.
 * the node's webhook()) and in the context methods it calls (getNodeParameter per name, getCredentials per
 * type), and in n8n's parameter check before each execution (checkForWorkflowIssues, by start node) —
 * {count, ms} per "node type: call". Wall-clock: meaningful when requests are sent one at a time.
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const out = process.env.EXPRESSION_PROBE_FILE;
const resolveFrom = process.env.EXPRESSION_PROBE_RESOLVE_FROM;
if (out && resolveFrom && process.argv.some((a) => a === 'start' || a === 'webhook' || a === 'worker')) {
	const resolve = (id) => {
		try {
			return require.resolve(id, { paths: [resolveFrom] });
		} catch {
			return undefined;
		}
	};
	const workflowPath = resolve('n8n-workflow');
	const corePath = resolve('n8n-core');
	const webhookServicePath = path.join(resolveFrom, 'dist', 'webhooks', 'webhook.service.js');
	const counters = { pid: process.pid, scopes: 0, bridges: 0, lazyBridges: 0, evaluations: 0, byExpression: {}, byScope: {}, calls: {} };
	function timed(proto, method, label) {
		const original = proto[method];
		if (typeof original !== 'function') return false;
		proto[method] = function (...args) {
			const key = label(this, args);
			const start = performance.now();
			const done = () => {
				const entry = (counters.calls[key] = counters.calls[key] || { count: 0, ms: 0 });
				entry.count++;
				entry.ms += performance.now() - start;
				dirty = true;
			};
			let result;
			try {
				result = original.apply(this, args);
			} catch (error) {
				done();
				throw error;
			}
			if (result && typeof result.then === 'function') return result.finally(done);
			done();
			return result;
		};
		return true;
	}
	let timersInstalled = false;
	function installTimers() {
		const core = corePath && require.cache[corePath] && require.cache[corePath].exports;
		const service = require.cache[webhookServicePath] && require.cache[webhookServicePath].exports;
		const context = core && core.WebhookContext;
		const WebhookService = service && service.WebhookService;
		if (!context || !WebhookService) return false;
		const nodeTypeOf = (ctx) => (ctx && ctx.node ? ctx.node.type : '?');
		// Which wrappers took: a count of 0 means nothing only where its timer is installed (readers check `timers`).
		counters.timers = {
			'WebhookContext.getNodeParameter': timed(context.prototype, 'getNodeParameter', (ctx, args) => `${nodeTypeOf(ctx)}: getNodeParameter(${String(args[0])})`),
			'WebhookContext.getCredentials': timed(context.prototype, 'getCredentials', (ctx, args) => `${nodeTypeOf(ctx)}: getCredentials(${String(args[0])})`),
			'WebhookService.runWebhook': timed(WebhookService.prototype, 'runWebhook', (_svc, args) => `${args[2] ? args[2].type : '?'}: webhook()`),
		};
		dirty = true;
		// n8n validates every node's parameters before each execution (resource-locator regexes run in a vm
		// context with a timeout): attributed to the workflow's start node.
		if (core.WorkflowExecute) {
			counters.timers['WorkflowExecute.checkForWorkflowIssues'] = timed(core.WorkflowExecute.prototype, 'checkForWorkflowIssues', (execute) => {
				const stack = execute.runExecutionData && execute.runExecutionData.executionData && execute.runExecutionData.executionData.nodeExecutionStack;
				const start = stack && stack[0] && stack[0].node;
				return `${start ? start.type : '?'}: execution parameter check (checkForWorkflowIssues)`;
			});
		}
		return true;
	}
	let dirty = true;
	// Frames of the engine itself (compiled or, with n8n's source maps, original paths) are skipped: what is
	// left is the code that asked for the evaluation or the isolate.
	const OWN_FRAMES = /expression-runtime|n8n-workflow[\\/](dist[\\/]cjs|src)[\\/](expression|workflow-data-proxy|workflow-expression)\.(js|ts)|node:internal|expression-probe|<anonymous>|new Promise/;
	function callerOf() {
		const limit = Error.stackTraceLimit;
		Error.stackTraceLimit = 40;
		const stack = new Error().stack || '';
		Error.stackTraceLimit = limit;
		const lines = stack.split('\n').slice(2);
		const frames = [];
		for (const line of lines) {
			if (OWN_FRAMES.test(line)) continue;
			const m = line.match(/at (?:(.+?) \()?(.+?):(\d+):\d+\)?$/);
			if (!m) continue;
			const file = m[2].replace(/^.*node_modules[\\/]/, '');
			frames.push(`${m[1] || '<anonymous>'} (${file}:${m[3]})`);
			if (frames.length >= 5) break;
		}
		return frames.join(' < ');
	}
	function install(evaluator) {
		const acquire = evaluator.acquire.bind(evaluator);
		evaluator.acquire = async (caller) => {
			const from = callerOf();
			const opened = await acquire(caller);
			if (opened) {
				counters.scopes++;
				counters.byScope[from] = (counters.byScope[from] || 0) + 1;
				dirty = true;
			}
			return opened;
		};
		const acquireBridgeSync = evaluator.acquireBridgeSync.bind(evaluator);
		evaluator.acquireBridgeSync = () => {
			counters.lazyBridges++;
			dirty = true;
			return acquireBridgeSync();
		};
		const config = evaluator.config;
		const createBridge = config.createBridge;
		config.createBridge = (...args) => {
			counters.bridges++;
			dirty = true;
			return createBridge(...args);
		};
		const evaluate = evaluator.evaluate.bind(evaluator);
		evaluator.evaluate = (expression, data, caller, options) => {
			counters.evaluations++;
			const key = `${String(expression).slice(0, 160)} @ ${callerOf()}`;
			counters.byExpression[key] = (counters.byExpression[key] || 0) + 1;
			dirty = true;
			return evaluate(expression, data, caller, options);
		};
	}
	const flush = () => {
		if (!dirty) return;
		dirty = false;
		try {
			fs.mkdirSync(path.dirname(out), { recursive: true });
			fs.writeFileSync(`${out}.tmp`, JSON.stringify(counters));
			fs.renameSync(`${out}.tmp`, out);
		} catch {
			// best effort
		}
	};
	let installed = false;
	const timer = setInterval(() => {
		if (!timersInstalled) timersInstalled = installTimers();
		if (!installed) {
			const mod = workflowPath ? require.cache[workflowPath] : undefined;
			const evaluator = mod && mod.exports && mod.exports.Expression && mod.exports.Expression.vmEvaluator;
			if (evaluator) {
				install(evaluator);
				installed = true;
				counters.installedAt = new Date().toISOString();
				dirty = true;
			}
		}
		flush();
	}, 500);
	timer.unref();
	process.once('exit', flush);
}
