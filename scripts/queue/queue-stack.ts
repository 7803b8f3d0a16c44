/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/require-node-api-error -- harness code: runs outside n8n (plain Node scripts/tests): spawns n8n processes, uses fs, process and timers; plain Errors are right outside a node */
/**
 * n8n in queue mode, the way teams scale it out, all on 127.0.0.1:
 *
 *   Postgres + Redis (services.ts, Debian packages, throw-away data dirs, free ports)
 *   load balancer  load-balancer.ts: the webhook base URL; /webhook/* → webhook processor(s), the rest → main
 *   n8n main       `n8n start`   editor/API, leader: runs trigger lifecycles (checkExists/create/delete)
 *                                and polling triggers, serves /webhook-test/*;
 *                                N8N_DISABLE_PRODUCTION_MAIN_PROCESS=true: no production webhooks
 *   webhook proc.  `n8n webhook` serves /webhook/*: runs webhook(), enqueues executions in Redis
 *   2 workers      `n8n worker`  run the queued executions (also manual ones: OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS)
 *
 * Every process has its own user folder with this package installed from the same npm-pack tarball
 * (as a community package), and shares the encryption key, database and Redis. The main process is
 * the E2E helper's stack (scripts/n8n/stack.ts) started with queue-mode environment; this file only
 * adds the services and the extra processes.
 *
 *   const q = await startQueueStack({ log: console.log });
 *   q.main.client (N8nClient on the main), q.webhookBaseUrl, q.emulator, await q.completedJobs()
 *   await q.stop();   // always; also kills everything on failure
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Log } from '../n8n/runtime';
import {
	freePort,
	installCommunityPackage,
	N8nProcess,
	startStack,
	type EmulatorStartOptions,
	type Stack,
} from '../n8n/stack';
import { ensureRuntime } from '../n8n/runtime';
import { startLoadBalancer, type LoadBalancer } from './load-balancer';
import { RedisClient } from './redis-client';
import {
	ensureQueuePackages,
	killAllServices,
	startPostgres,
	startRedis,
	type PostgresHandle,
	type RedisHandle,
} from './services';

export const BULL_PREFIX = 'bull';
export const BULL_QUEUE = 'jobs';

export interface QueueProcess {
	role: 'webhook' | 'worker';
	name: string;
	process: N8nProcess;
	userFolder: string;
	logFile: string;
	/** Base URL of its HTTP server (webhook server, or the worker's health server). */
	url: string;
}

export interface CompletedJob {
	jobId: string;
	executionId: string;
	workflowId: string;
	/** hostId of the worker that ran it (`worker-…`), from the job's final progress message. */
	workerId: string | undefined;
	success: boolean | undefined;
}

export interface QueueStack {
	main: Stack;
	postgres: PostgresHandle;
	redis: RedisHandle;
	webhook: QueueProcess;
	workers: QueueProcess[];
	/** Base of the webhook URLs (the load balancer in front of main and webhook processors), no trailing slash. */
	webhookBaseUrl: string;
	balancer: LoadBalancer;
	emulator: Stack['emulator'];
	/** Starts one more `n8n webhook` process (same routes, same database and queue) on its own port. */
	addWebhookProcessor(): Promise<QueueProcess>;
	/** Jobs the workers completed (n8n keeps them in Redis: N8N_EXECUTIONS_QUEUE_KEEP_LAST_COMPLETED). */
	completedJobs(): Promise<CompletedJob[]>;
	/** Bull queue counters (waiting, active, completed, failed). */
	queueCounts(): Promise<Record<string, number>>;
	stop(): Promise<void>;
}

export interface QueueStackOptions {
	workDir?: string;
	keepWorkDir?: boolean;
	/** Use this tarball instead of building + packing. */
	tarball?: string;
	build?: boolean;
	emulator?: boolean | EmulatorStartOptions;
	workers?: number;
	log?: Log;
}

function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

async function waitForHealth(proc: QueueProcess, timeoutMs = 180_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (proc.process.exitCode !== undefined)
			throw new Error(`n8n ${proc.name} exited (code ${proc.process.exitCode}) before it was ready; log ${proc.logFile}`);
		try {
			const res = await fetch(`${proc.url}/healthz/readiness`, { signal: AbortSignal.timeout(3000) });
			await res.arrayBuffer();
			if (res.status === 200) return;
		} catch {
			// not listening yet
		}
		await sleep(300);
	}
	throw new Error(`n8n ${proc.name} not ready after ${timeoutMs} ms; log ${proc.logFile}`);
}

export async function startQueueStack(options: QueueStackOptions = {}): Promise<QueueStack> {
	const log = options.log ?? (() => undefined);
	const workerCount = options.workers ?? 2;
	ensureQueuePackages(log);
	const runtime = await ensureRuntime(log);

	let postgres: PostgresHandle | undefined;
	let redis: RedisHandle | undefined;
	let main: Stack | undefined;
	let balancer: LoadBalancer | undefined;
	const extra: QueueProcess[] = [];
	// Interrupted (Ctrl-C, CI cancel): nothing may survive this process. SIGKILL every group, then
	// let the signal do what it would have done.
	const onSignal = (signal: NodeJS.Signals): void => {
		for (const pid of [...extra.map((p) => p.process.pid), main?.n8n.pid]) {
			try {
				if (pid) process.kill(-pid, 'SIGKILL');
			} catch {
				// already gone
			}
		}
		killAllServices();
		process.off('SIGINT', onSignal);
		process.off('SIGTERM', onSignal);
		process.kill(process.pid, signal);
	};
	process.on('SIGINT', onSignal);
	process.on('SIGTERM', onSignal);
	const stopAll = async (): Promise<void> => {
		process.off('SIGINT', onSignal);
		process.off('SIGTERM', onSignal);
		// Workers and the webhook process first (they hold DB/Redis connections), then main, then services.
		await Promise.all(extra.map(async (p) => await p.process.stop(15_000).catch(() => undefined)));
		await main?.stop().catch(() => undefined);
		await balancer?.close().catch(() => undefined);
		await redis?.stop().catch(() => undefined);
		await postgres?.stop().catch(() => undefined);
	};

	try {
		[postgres, redis] = await Promise.all([startPostgres({ log }), startRedis({ log })]);
		const webhookPort = await freePort();
		const mainPort = await freePort();
		balancer = await startLoadBalancer({
			mainUrl: `http://127.0.0.1:${mainPort}`,
			webhookUrls: [`http://127.0.0.1:${webhookPort}`],
		});
		const lb = balancer;
		const webhookBaseUrl = lb.url;
		const queueEnv: Record<string, string> = {
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(redis.port),
			QUEUE_BULL_PREFIX: BULL_PREFIX,
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(postgres.port),
			DB_POSTGRESDB_DATABASE: postgres.database,
			DB_POSTGRESDB_USER: postgres.user,
			DB_POSTGRESDB_PASSWORD: postgres.password,
			// The main process itself serves no production webhooks (the load balancer sends them on).
			N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true',
			// Manual ("test") executions also run on workers, as in a real scaled deployment.
			OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
			// Keep finished Bull jobs so the suite can see which worker ran which execution.
			N8N_EXECUTIONS_QUEUE_KEEP_LAST_COMPLETED: '10000',
			N8N_EXECUTIONS_QUEUE_KEEP_LAST_FAILED: '10000',
		};

		main = await startStack({
			workDir: options.workDir,
			keepWorkDir: options.keepWorkDir,
			tarball: options.tarball,
			build: options.build,
			emulator: options.emulator,
			env: queueEnv,
			port: mainPort,
			// The public base URL is the load balancer: /webhook/* → webhook processors, the rest → main.
			webhookBaseUrl,
			log,
		});
		const mainStack = main;
		const tarball = mainStack.tarball;

		const makeProcess = async (role: 'webhook' | 'worker', name: string, port: number): Promise<QueueProcess> => {
			const userFolder = join(mainStack.workDir, `${name}-home`);
			mkdirSync(userFolder, { recursive: true });
			const env: NodeJS.ProcessEnv = {
				...mainStack.n8nEnv,
				N8N_USER_FOLDER: userFolder,
				N8N_RUNNERS_BROKER_PORT: String(await freePort()),
			};
			if (role === 'webhook') {
				env.N8N_PORT = String(port);
			} else {
				env.N8N_PORT = String(await freePort()); // unused by workers; never collide with main
				env.QUEUE_HEALTH_CHECK_ACTIVE = 'true';
				env.QUEUE_HEALTH_CHECK_PORT = String(port);
				env.N8N_WORKER_SERVER_ADDRESS = '127.0.0.1';
			}
			const logFile = join(mainStack.workDir, `n8n-${name}.log`);
			const proc = new N8nProcess({
				runtime,
				env,
				logFile,
				args: role === 'webhook' ? ['webhook'] : ['worker', '--concurrency=5'],
			});
			const qp: QueueProcess = { role, name, process: proc, userFolder, logFile, url: `http://127.0.0.1:${port}` };
			extra.push(qp);
			return qp;
		};
		const launch = async (procs: QueueProcess[]): Promise<void> => {
			log(`installing the package into ${procs.length} more user folder(s) …`);
			await Promise.all(procs.map(async (p) => await installCommunityPackage(runtime, p.userFolder, tarball)));
			for (const p of procs) {
				log(`starting n8n ${p.name} (${p.url}; log ${p.logFile}) …`);
				p.process.start();
			}
			await Promise.all(procs.map(async (p) => await waitForHealth(p)));
		};

		const initial = [await makeProcess('webhook', 'webhook', webhookPort)];
		for (let i = 1; i <= workerCount; i++) initial.push(await makeProcess('worker', `worker-${i}`, await freePort()));
		await launch(initial);
		log('queue-mode n8n ready: main + webhook processor + workers');

		const redisPort = redis.port;
		const withRedis = async <T>(fn: (client: RedisClient) => Promise<T>): Promise<T> => {
			const client = await RedisClient.connect(redisPort);
			try {
				return await fn(client);
			} finally {
				client.close();
			}
		};
		const key = (suffix: string): string => `${BULL_PREFIX}:${BULL_QUEUE}:${suffix}`;

		return {
			main: mainStack,
			postgres,
			redis,
			webhook: initial[0],
			workers: initial.slice(1),
			addWebhookProcessor: async () => {
				const count = extra.filter((p) => p.role === 'webhook').length;
				const p = await makeProcess('webhook', `webhook-${count + 1}`, await freePort());
				await launch([p]);
				lb.addWebhookTarget(p.url);
				return p;
			},
			webhookBaseUrl,
			balancer: lb,
			emulator: mainStack.emulator,
			completedJobs: async () =>
				await withRedis(async (client) => {
					const ids = (await client.command('ZRANGE', key('completed'), '0', '-1')) as string[];
					const jobs: CompletedJob[] = [];
					for (const jobId of ids) {
						const hash = await client.hgetall(key(jobId));
						const data = JSON.parse(hash.data ?? '{}') as { executionId?: string; workflowId?: string };
						const progress = JSON.parse(hash.progress ?? '{}') as { workerId?: string; success?: boolean };
						jobs.push({
							jobId,
							executionId: String(data.executionId ?? ''),
							workflowId: String(data.workflowId ?? ''),
							workerId: progress.workerId,
							success: progress.success,
						});
					}
					return jobs;
				}),
			queueCounts: async () =>
				await withRedis(async (client) => ({
					waiting: Number(await client.command('LLEN', key('wait'))),
					active: Number(await client.command('LLEN', key('active'))),
					completed: Number(await client.command('ZCARD', key('completed'))),
					failed: Number(await client.command('ZCARD', key('failed'))),
				})),
			stop: stopAll,
		};
	} catch (error) {
		await stopAll();
		throw error;
	}
}
