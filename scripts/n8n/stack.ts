/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/require-node-api-error, @n8n/community-nodes/no-hardcoded-secrets -- harness code: runs outside n8n (plain Node scripts/tests): spawns n8n, uses fs, net, process and timers; plain Errors are right outside a node; the demo owner password of a throw-away local n8n is deliberately public */
/**
 * The real-n8n stack used by `npm run demo`, the E2E suite, the ingest benchmark and the browser /
 * queue-mode suites:
 *
 *   const stack = await startStack({ log: console.log });
 *   stack.n8nUrl, stack.apiKey, stack.owner, stack.client (N8nClient), stack.emulator
 *   await stack.restartN8n();   // same user folder, same port → same webhook URLs
 *   await stack.stop();
 *
 * What it does: n8n (`options.n8nVersion`, else `N8N_VERSION`, else 2.40.7) and the Node it needs from
 * the cache (runtime.ts) → `npm run build` + `npm pack` of this
 * package → the tarball installed as a community package into `<workDir>/n8n-home/.n8n/nodes` (an
 * isolated n8n user folder; nothing of the user's own ~/.n8n is touched) → `n8n start` headless on
 * 127.0.0.1 with free ports → owner created and logged in → public-API key created → the emulator
 * started beside it (in this process).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startEmulator as startAdobeEmulator, type Emulator, type EmulatorOptions } from '../../test/emulator/src';
import { N8nClient, type OwnerLogin } from './n8n-api';
import { cleanEnv, ensureRuntime, run, type Log, type Runtime } from './runtime';

export const REPO_ROOT = resolve(__dirname, '..', '..');
export const PACKAGE_NAME = 'n8n-nodes-adobe-io-events';
export const TRIGGER_NODE_TYPE = `${PACKAGE_NAME}.adobeIoEventsTrigger`;
export const ACTION_NODE_TYPE = `${PACKAGE_NAME}.adobeIoEvents`;
export const JOURNAL_NODE_TYPE = `${PACKAGE_NAME}.adobeIoEventsJournalTrigger`;
export const CREDENTIAL_TYPE = 'adobeIoEventsApi';

export const DEFAULT_OWNER: OwnerLogin = {
	email: 'owner@adobe-io-events.test',
	password: 'Adobe-Events-Demo-1',
	firstName: 'Demo',
	lastName: 'Owner',
};

// ----------------------------------------------------------------------------- emulator

export type EmulatorHandle = Emulator;
export type EmulatorStartOptions = EmulatorOptions;

export async function startEmulator(options: EmulatorStartOptions = {}): Promise<EmulatorHandle> {
	return await startAdobeEmulator({ port: 0, host: '127.0.0.1', ...options });
}

// ----------------------------------------------------------------------------- helpers

export function freePort(): Promise<number> {
	return new Promise((resolvePort, reject) => {
		const server = createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			server.close(() => resolvePort(port));
		});
	});
}

function sleep(ms: number): Promise<void> {
	return new Promise((r) => setTimeout(r, ms));
}

function tail(file: string, chars = 4000): string {
	try {
		const text = readFileSync(file, 'utf8');
		return text.slice(-chars);
	} catch {
		return '(no log)';
	}
}

/** Files package.json's `n8n` section promises (nodes + credentials). */
function promisedFiles(): string[] {
	const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
		n8n?: { nodes?: string[]; credentials?: string[] };
	};
	return [...(pkg.n8n?.nodes ?? []), ...(pkg.n8n?.credentials ?? [])];
}

/**
 * `npm run build` (optional) and `npm pack` of this repository; returns the tarball path. The tarball
 * must contain every node and credential file package.json promises (a concurrent build elsewhere can
 * leave dist/ half-written): otherwise it is rebuilt and packed again, a bounded number of times.
 */
export async function packPackage(options: { build?: boolean; destDir: string; log?: Log }): Promise<string> {
	const log = options.log ?? (() => undefined);
	const env = cleanEnv();
	mkdirSync(options.destDir, { recursive: true });
	let build = options.build !== false;
	for (let attempt = 1; ; attempt++) {
		if (build) {
			log('building the package (npm run build) …');
			await run('npm', ['run', 'build'], { cwd: REPO_ROOT, env, timeoutMs: 10 * 60 * 1000 });
		}
		const out = await run('npm', ['pack', '--json', '--pack-destination', options.destDir], {
			cwd: REPO_ROOT,
			env,
			timeoutMs: 5 * 60 * 1000,
		});
		const parsed = JSON.parse(out.slice(out.indexOf('['))) as Array<{ filename: string; files: Array<{ path: string }> }>;
		const tarball = join(options.destDir, parsed[0].filename);
		const packed = new Set(parsed[0].files.map((f) => f.path));
		const missing = promisedFiles().filter((file) => !packed.has(file));
		if (existsSync(tarball) && missing.length === 0 && packed.has('package.json')) return tarball;
		if (attempt >= 3) {
			throw new Error(`the packed package lacks ${missing.join(', ') || 'files'}: run \`npm run build\` and check its errors`);
		}
		log(`dist/ is incomplete (${missing.slice(0, 3).join(', ')}…); rebuilding`);
		build = true;
		await sleep(2000 * attempt);
	}
}

/**
 * Installs the packed tarball the way n8n installs a community package: into
 * `<userFolder>/.n8n/nodes/node_modules/<name>`, with `nodes/package.json` listing it. Peer
 * dependencies (n8n-workflow) are NOT installed: n8n provides them.
 */
export async function installCommunityPackage(runtime: Runtime, userFolder: string, tarball: string): Promise<string> {
	const nodesDir = join(userFolder, '.n8n', 'nodes');
	mkdirSync(nodesDir, { recursive: true });
	if (!existsSync(join(nodesDir, 'package.json'))) {
		writeFileSync(join(nodesDir, 'package.json'), JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2));
	}
	await run(
		'npm',
		[
			'install',
			'--legacy-peer-deps',
			'--ignore-scripts',
			'--no-audit',
			'--no-fund',
			'--bin-links=false',
			'--package-lock=false',
			'--install-strategy=shallow',
			tarball,
		],
		{ cwd: nodesDir, env: cleanEnv(join(runtime.nodeDir, 'bin')), timeoutMs: 5 * 60 * 1000 },
	);
	const installed = join(nodesDir, 'node_modules', PACKAGE_NAME);
	if (!existsSync(join(installed, 'package.json'))) throw new Error(`community package not installed in ${installed}`);
	return installed;
}

/**
 * The environment that sets the public base of n8n's webhooks (`baseUrl` with a trailing slash) on the
 * line of `n8nVersion`: n8n 1.x reads only WEBHOOK_URL; n8n 2.x reads N8N_WEBHOOK_URL (its deprecated
 * WEBHOOK_URL sets only the production base: with N8N_EDITOR_BASE_URL set, test webhooks use the editor's).
 */
export function webhookBaseEnv(n8nVersion: string, baseUrl: string): Record<string, string> {
	return n8nVersion.startsWith('1.') ? { WEBHOOK_URL: baseUrl } : { N8N_WEBHOOK_URL: baseUrl };
}

/** `communityRegistry` mode: npm, run by n8n in its nodes folder, asks the local registry (see StackOptions). */
function prepareCommunityRegistry(userFolder: string, registry: string): void {
	const nodesDir = join(userFolder, '.n8n', 'nodes');
	mkdirSync(nodesDir, { recursive: true });
	writeFileSync(join(nodesDir, '.npmrc'), `registry=${registry}\n`);
}

/** n8n's test mode: the licence feature that lets n8n install community packages from a registry of our choosing. */
async function allowCustomRegistry(n8nUrl: string): Promise<void> {
	const response = await fetch(`${n8nUrl}/rest/e2e/feature`, {
		method: 'PATCH',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ feature: 'feat:communityNodes:customRegistry', enabled: true }),
	});
	await response.arrayBuffer();
	if (!response.ok) throw new Error(`n8n refused to allow a custom npm registry (HTTP ${response.status}); is E2E_TESTS=true set?`);
}

// ----------------------------------------------------------------------------- n8n process

const liveChildren = new Set<ChildProcess>();
process.once('exit', () => {
	// Last resort (crashed runner, uncaught error): never leave n8n behind.
	for (const child of liveChildren) {
		try {
			if (child.pid) process.kill(-child.pid, 'SIGKILL');
		} catch {
			// already gone
		}
	}
});

export interface N8nProcessOptions {
	runtime: Runtime;
	env: NodeJS.ProcessEnv;
	logFile: string;
	args?: string[];
}

export class N8nProcess {
	private child: ChildProcess | undefined;
	private exited: Promise<number | null> | undefined;
	exitCode: number | null | undefined;
	/** The environment of the next start (a restart may change it). */
	env: NodeJS.ProcessEnv;

	constructor(private readonly options: N8nProcessOptions) {
		this.env = options.env;
	}

	get pid(): number | undefined {
		return this.child?.pid;
	}

	get running(): boolean {
		return this.child !== undefined && this.exitCode === undefined;
	}

	start(): void {
		const { runtime, logFile } = this.options;
		const env = this.env;
		const out = createWriteStream(logFile, { flags: 'a' });
		out.write(`\n===== n8n ${this.options.args?.join(' ') ?? 'start'} at ${new Date().toISOString()} =====\n`);
		const child = spawn(
			runtime.nodeBin,
			[join(runtime.n8nDir, 'node_modules', 'n8n', 'bin', 'n8n'), ...(this.options.args ?? ['start'])],
			{ env, cwd: env.N8N_USER_FOLDER, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
		);
		child.stdout?.pipe(out, { end: false });
		child.stderr?.pipe(out, { end: false });
		this.child = child;
		this.exitCode = undefined;
		liveChildren.add(child);
		this.exited = new Promise((resolveExit) => {
			child.on('exit', (code) => {
				this.exitCode = code;
				liveChildren.delete(child);
				setTimeout(() => out.end(), 50);
				resolveExit(code);
			});
		});
	}

	/** SIGTERM to n8n's process group (n8n + its task runner); SIGKILL after `graceMs`. */
	async stop(graceMs = 20000): Promise<void> {
		const child = this.child;
		if (!child?.pid || this.exitCode !== undefined) return;
		try {
			process.kill(-child.pid, 'SIGTERM');
		} catch {
			return;
		}
		let timer: NodeJS.Timeout | undefined;
		const timedOut = await Promise.race([
			this.exited!.then(() => false),
			new Promise<boolean>((r) => {
				timer = setTimeout(() => r(true), graceMs);
			}),
		]);
		clearTimeout(timer);
		if (timedOut) {
			try {
				process.kill(-child.pid, 'SIGKILL');
			} catch {
				// gone meanwhile
			}
			await this.exited;
		}
		// The task runner is in the same group; make sure nothing of it survives.
		try {
			process.kill(-child.pid, 'SIGKILL');
		} catch {
			// expected: group already empty
		}
	}

	/**
	 * SIGKILL to n8n's process group at once (a crash: no graceful shutdown, running executions and
	 * open webhook requests die with it); resolves when the process has exited.
	 */
	async kill(): Promise<void> {
		const child = this.child;
		if (!child?.pid || this.exitCode !== undefined) return;
		try {
			process.kill(-child.pid, 'SIGKILL');
		} catch {
			return;
		}
		await this.exited;
	}

	/** Resolves once n8n serves its readiness probe and public API; rejects if the process dies. */
	async waitUntilReady(client: N8nClient, timeoutMs = 180000): Promise<void> {
		const deadline = Date.now() + timeoutMs;
		while (Date.now() < deadline) {
			if (this.exitCode !== undefined)
				throw new Error(`n8n exited (code ${this.exitCode}) before it was ready:\n${tail(this.options.logFile)}`);
			if (await client.isReady()) return;
			await sleep(300);
		}
		throw new Error(`n8n not ready after ${timeoutMs} ms:\n${tail(this.options.logFile)}`);
	}
}

// ----------------------------------------------------------------------------- the stack

export interface StackOptions {
	/** Work directory (n8n user folder, logs, tarball). Default: a fresh temp dir, removed by stop(). */
	workDir?: string;
	keepWorkDir?: boolean;
	/** Run `npm run build` before packing (default true). */
	build?: boolean;
	/** Use this tarball instead of building + packing. */
	tarball?: string;
	/**
	 * Install nothing before n8n starts: n8n installs the package itself, by name, from this npm registry (the
	 * browser suite does it through Settings → Community Nodes, see scripts/n8n/registry.ts). n8n accepts a registry
	 * other than npmjs.org only with the licence feature `feat:communityNodes:customRegistry`, which only n8n's own
	 * test mode (`E2E_TESTS=true`) can switch on; that mode also changes the editor and, on n8n 1.x, turns the public
	 * API off. So n8n runs normally, and `restartN8n({ communityInstall: true })` restarts it in test mode with the
	 * feature on, for as long as packages are installed or updated (a plain restart returns to normal).
	 * `<userFolder>/.n8n/nodes/.npmrc` points the npm commands n8n runs there at the registry in both modes (n8n's
	 * update check, `npm outdated`, ignores n8n's registry setting, and n8n 1.x runs it with a bare environment).
	 */
	communityRegistry?: string;
	/** Start the emulator beside n8n (default true). */
	emulator?: boolean | EmulatorStartOptions;
	/** Extra environment for n8n (e.g. queue mode). */
	env?: Record<string, string>;
	owner?: Partial<OwnerLogin>;
	/** n8n version (default: `N8N_VERSION` from the environment, else 2.40.7); installed on first use. */
	n8nVersion?: string;
	/** n8n port (default: a free one). */
	port?: number;
	/**
	 * Public base of n8n's webhooks, without a trailing slash (default: n8n's own URL), set through the
	 * variable n8n's line reads (webhookBaseEnv), e.g. a proxy or load balancer in front of n8n.
	 */
	webhookBaseUrl?: string;
	log?: Log;
}

export interface N8nStartMode {
	/** n8n's test mode with the custom-registry licence feature on (needs the stack option `communityRegistry`). */
	communityInstall?: boolean;
}

export interface Stack {
	runtime: Runtime;
	workDir: string;
	userFolder: string;
	logFile: string;
	n8nUrl: string;
	/** Base of production/test webhook URLs (webhookBaseEnv: WEBHOOK_URL on 1.x, N8N_WEBHOOK_URL on 2.x; no trailing slash). */
	webhookBaseUrl: string;
	apiKey: string;
	owner: OwnerLogin;
	client: N8nClient;
	emulator: EmulatorHandle | undefined;
	tarball: string;
	/** The environment n8n runs with (for queue-mode workers and CLI commands). */
	n8nEnv: NodeJS.ProcessEnv;
	n8n: N8nProcess;
	startN8n(mode?: N8nStartMode): Promise<void>;
	/** Graceful stop: SIGTERM, SIGKILL after 20 s. */
	stopN8n(): Promise<void>;
	/** Crash: SIGKILL at once (start again with startN8n()). */
	killN8n(): Promise<void>;
	restartN8n(mode?: N8nStartMode): Promise<void>;
	/** Runs an n8n CLI command (e.g. `['list:workflow']`) with the stack's environment. */
	n8nCli(args: string[]): Promise<string>;
	stop(): Promise<void>;
}

export async function startStack(options: StackOptions = {}): Promise<Stack> {
	const log = options.log ?? (() => undefined);
	const runtime = await ensureRuntime(log, { n8nVersion: options.n8nVersion });
	const workDir = options.workDir ?? mkdtempSync(join(tmpdir(), 'adobe-io-events-n8n-'));
	mkdirSync(workDir, { recursive: true });
	const userFolder = join(workDir, 'n8n-home');
	const logFile = join(workDir, 'n8n.log');
	const owner: OwnerLogin = { ...DEFAULT_OWNER, ...options.owner };

	let emulator: EmulatorHandle | undefined;
	let n8n: N8nProcess | undefined;
	const cleanup = async (): Promise<void> => {
		await n8n?.stop().catch(() => undefined);
		await emulator?.close().catch(() => undefined);
		if (!options.keepWorkDir && !options.workDir) rmSync(workDir, { recursive: true, force: true });
	};

	try {
		const registry = options.communityRegistry;
		let tarball = options.tarball ?? '';
		if (registry === undefined) {
			tarball ||= await packPackage({ build: options.build, destDir: workDir, log });
			log(`installing ${tarball} as a community package into ${join(userFolder, '.n8n', 'nodes')} …`);
			await installCommunityPackage(runtime, userFolder, tarball);
		} else {
			log(`nothing installed: n8n installs community packages by name from ${registry}`);
			prepareCommunityRegistry(userFolder, registry);
		}

		if (options.emulator !== false) {
			emulator = await startEmulator(typeof options.emulator === 'object' ? options.emulator : {});
			log(`emulator ready (${emulator.urls.api})`);
		}

		const envFor = (port: number, brokerPort: number, n8nUrl: string): NodeJS.ProcessEnv => ({
			...cleanEnv(join(runtime.nodeDir, 'bin')),
			HOME: process.env.HOME,
			// jest sets NODE_ENV=test, with which `n8n start` exits silently with code 1.
			NODE_ENV: 'production',
			N8N_USER_FOLDER: userFolder,
			N8N_PORT: String(port),
			N8N_HOST: '127.0.0.1',
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_PROTOCOL: 'http',
			N8N_EDITOR_BASE_URL: `${n8nUrl}/`,
			...webhookBaseEnv(runtime.n8nVersion, `${options.webhookBaseUrl ?? n8nUrl}/`),
			N8N_RUNNERS_BROKER_PORT: String(brokerPort),
			N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
			N8N_SECURE_COOKIE: 'false',
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_HIRING_BANNER_ENABLED: 'false',
			N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
			N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
			N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '10',
			N8N_PUBLIC_API_DISABLED: 'false',
			N8N_LOG_LEVEL: process.env.N8N_LOG_LEVEL ?? 'info',
			EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'all',
			EXECUTIONS_DATA_SAVE_ON_ERROR: 'all',
			...options.env,
		});
		const encryptionKey = randomBytes(24).toString('hex');
		// Free ports are picked, then bound by n8n a moment later: another suite may take one in between.
		// Then n8n exits at once ("already in use") and the stack retries with fresh ports.
		let n8nUrl = '';
		let n8nEnv: NodeJS.ProcessEnv = {};
		let client: N8nClient | undefined;
		let proc: N8nProcess | undefined;
		for (let attempt = 1; ; attempt++) {
			const port = options.port ?? (await freePort());
			n8nUrl = `http://127.0.0.1:${port}`;
			n8nEnv = { ...envFor(port, await freePort(), n8nUrl), N8N_ENCRYPTION_KEY: encryptionKey };
			client = new N8nClient(n8nUrl, { n8nVersion: runtime.n8nVersion });
			proc = new N8nProcess({ runtime, env: n8nEnv, logFile });
			n8n = proc;
			log(`starting n8n ${runtime.n8nVersion} on ${n8nUrl} (Node ${runtime.nodeVersion}; log ${logFile}) …`);
			proc.start();
			try {
				await proc.waitUntilReady(client);
				break;
			} catch (error) {
				const clash = proc.exitCode !== undefined && /EADDRINUSE|already in use/i.test(tail(logFile, 6000));
				if (!clash || options.port !== undefined || attempt >= 3) throw error;
				log('a port was taken meanwhile; retrying with other ports');
			}
		}
		await client.setupOwnerOrLogin(owner);
		const startedClient = client;
		const startedProc = proc;
		const normalEnv = n8nEnv;
		const startN8n = async (mode: N8nStartMode = {}): Promise<void> => {
			if (mode.communityInstall && registry === undefined) throw new Error('communityInstall needs the stack option communityRegistry');
			startedProc.env = mode.communityInstall
				? { ...normalEnv, E2E_TESTS: 'true', N8N_COMMUNITY_PACKAGES_REGISTRY: registry }
				: normalEnv;
			const how = mode.communityInstall ? ', test mode: community packages from the local registry' : '';
			log(`starting n8n ${runtime.n8nVersion} on ${n8nUrl} (Node ${runtime.nodeVersion}; log ${logFile}${how}) …`);
			startedProc.start();
			await startedProc.waitUntilReady(startedClient);
			if (mode.communityInstall) await allowCustomRegistry(n8nUrl);
			await startedClient.setupOwnerOrLogin(owner);
		};
		const apiKey = await startedClient.createApiKey(`harness-${Date.now()}`);
		log(`n8n ready: ${n8nUrl} (owner ${owner.email})`);

		const stack: Stack = {
			runtime,
			workDir,
			userFolder,
			logFile,
			n8nUrl,
			webhookBaseUrl: options.webhookBaseUrl ?? n8nUrl,
			apiKey,
			owner,
			client: startedClient,
			emulator,
			tarball,
			n8nEnv,
			n8n: startedProc,
			startN8n,
			stopN8n: async () => {
				log('stopping n8n …');
				await startedProc.stop();
			},
			killN8n: async () => {
				log('killing n8n (SIGKILL) …');
				await startedProc.kill();
			},
			restartN8n: async (mode: N8nStartMode = {}) => {
				log('restarting n8n …');
				await startedProc.stop();
				await startN8n(mode);
			},
			n8nCli: async (args: string[]) =>
				await run(runtime.nodeBin, [join(runtime.n8nDir, 'node_modules', 'n8n', 'bin', 'n8n'), ...args], {
					cwd: userFolder,
					env: n8nEnv,
					timeoutMs: 5 * 60 * 1000,
				}),
			stop: async () => {
				log('stopping n8n and the emulator …');
				await cleanup();
			},
		};
		return stack;
	} catch (error) {
		await cleanup();
		throw error;
	}
}
