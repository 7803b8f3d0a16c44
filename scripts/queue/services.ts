/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/require-node-api-error -- harness code: runs outside n8n (plain Node scripts/tests): spawns postgres/redis/apt-get, uses fs, net, process and timers; plain Errors are right outside a node */
/**
 * Postgres and Redis for the queue-mode suite, from Debian packages, on 127.0.0.1 only, each in a
 * throw-away data directory on a free port:
 *
 *   await ensureQueuePackages(log);          // apt-get install -y postgresql redis-server when missing (root only)
 *   const pg = await startPostgres({ log }); // pg.port, pg.user, pg.password, pg.database, pg.stop()
 *   const redis = await startRedis({ log }); // redis.port, redis.stop()
 *
 * Postgres refuses to run as root: when this process is root (CI), initdb and postgres run as the
 * Debian `postgres` system user (created by the postgresql package) through spawn's uid/gid, and the
 * data directory is handed to that user. Unix sockets are off (TCP on loopback only), fsync is off
 * (the data is thrown away). Every child runs in its own process group and is killed on stop(),
 * and on this process' exit as a last resort.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
	chmodSync,
	chownSync,
	createWriteStream,
	existsSync,
	mkdirSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../n8n/stack';
import type { Log } from '../n8n/runtime';

const POSTGRES_LIB = '/usr/lib/postgresql';
const REDIS_CANDIDATES = ['/usr/bin/redis-server', '/usr/local/bin/redis-server'];
const START_TIMEOUT_MS = 60_000;

// ----------------------------------------------------------------------------- process bookkeeping

const liveChildren = new Set<ChildProcess>();

/** SIGKILL to every Postgres/Redis process group still running (last resort). */
export function killAllServices(): void {
	for (const child of liveChildren) {
		try {
			if (child.pid) process.kill(-child.pid, 'SIGKILL');
		} catch {
			// already gone
		}
	}
}
process.once('exit', killAllServices);

function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

function tail(file: string, chars = 3000): string {
	try {
		return readFileSync(file, 'utf8').slice(-chars);
	} catch {
		return '(no log)';
	}
}

interface Spawned {
	child: ChildProcess;
	exited: Promise<number | null>;
	exitCode: () => number | null | undefined;
}

function spawnLogged(
	command: string,
	args: string[],
	options: { logFile: string; cwd: string; uid?: number; gid?: number; env?: NodeJS.ProcessEnv },
): Spawned {
	const out = createWriteStream(options.logFile, { flags: 'a' });
	const child = spawn(command, args, {
		cwd: options.cwd,
		env: options.env ?? process.env,
		uid: options.uid,
		gid: options.gid,
		detached: true,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	child.stdout?.pipe(out, { end: false });
	child.stderr?.pipe(out, { end: false });
	liveChildren.add(child);
	let code: number | null | undefined;
	const exited = new Promise<number | null>((resolve) => {
		child.on('exit', (c) => {
			code = c;
			liveChildren.delete(child);
			setTimeout(() => out.end(), 50);
			resolve(c);
		});
		child.on('error', () => {
			code = -1;
			liveChildren.delete(child);
			resolve(-1);
		});
	});
	return { child, exited, exitCode: () => code };
}

/** SIGTERM/SIGINT to the process group, SIGKILL after `graceMs`. */
async function stopSpawned(s: Spawned, signal: NodeJS.Signals, graceMs = 10_000): Promise<void> {
	const pid = s.child.pid;
	if (!pid || s.exitCode() !== undefined) return;
	try {
		process.kill(-pid, signal);
	} catch {
		return;
	}
	let timer: NodeJS.Timeout | undefined;
	const timedOut = await Promise.race([
		s.exited.then(() => false),
		new Promise<boolean>((resolve) => {
			timer = setTimeout(() => resolve(true), graceMs);
		}),
	]);
	clearTimeout(timer);
	if (timedOut) {
		try {
			process.kill(-pid, 'SIGKILL');
		} catch {
			// gone meanwhile
		}
		await s.exited;
	}
}

function tcpOpen(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const socket = connect({ host: '127.0.0.1', port });
		socket.setTimeout(1000);
		socket.once('connect', () => {
			socket.destroy();
			resolve(true);
		});
		socket.once('error', () => resolve(false));
		socket.once('timeout', () => {
			socket.destroy();
			resolve(false);
		});
	});
}

// ----------------------------------------------------------------------------- Debian packages

/** Directory of the newest installed Postgres server binaries (`/usr/lib/postgresql/<major>/bin`). */
export function findPostgresBin(): string | undefined {
	if (!existsSync(POSTGRES_LIB)) return undefined;
	const majors = readdirSync(POSTGRES_LIB)
		.filter((d) => /^\d+$/.test(d) && existsSync(join(POSTGRES_LIB, d, 'bin', 'postgres')))
		.sort((a, b) => Number(b) - Number(a));
	return majors.length > 0 ? join(POSTGRES_LIB, majors[0], 'bin') : undefined;
}

export function findRedisServer(): string | undefined {
	return REDIS_CANDIDATES.find((p) => existsSync(p));
}

function isRoot(): boolean {
	return typeof process.getuid === 'function' && process.getuid() === 0;
}

function aptGet(args: string[], log: Log): void {
	log(`apt-get ${args.join(' ')} …`);
	const result = spawnSync('apt-get', args, {
		stdio: ['ignore', 'pipe', 'pipe'],
		env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
		timeout: 15 * 60 * 1000,
		encoding: 'utf8',
	});
	if (result.status !== 0) {
		throw new Error(
			`apt-get ${args.join(' ')} failed (${result.error?.message ?? `exit ${result.status}`}):\n${String(result.stderr ?? '').slice(-3000)}`,
		);
	}
}

/**
 * Makes sure the Debian packages `postgresql` and `redis-server` are installed. Installs them with
 * `apt-get update` + `apt-get install -y` when missing and this process is root (CI on a fresh
 * machine); otherwise explains what to install.
 */
export function ensureQueuePackages(log: Log = () => undefined): { postgresBin: string; redisServer: string } {
	let postgresBin = findPostgresBin();
	let redisServer = findRedisServer();
	const missing = [...(postgresBin ? [] : ['postgresql']), ...(redisServer ? [] : ['redis-server'])];
	if (missing.length > 0) {
		if (!isRoot()) {
			throw new Error(
				`queue-mode tests need the Debian packages ${missing.join(' and ')}: run \`sudo apt-get install -y ${missing.join(' ')}\` (or run as root to install them automatically)`,
			);
		}
		aptGet(['update'], log);
		// Debian's postinst scripts would start a system Postgres (5432) and Redis (6379) we do not use:
		// a temporary policy-rc.d (the standard Debian switch) keeps them from starting.
		const policy = '/usr/sbin/policy-rc.d';
		const ownPolicy = !existsSync(policy);
		if (ownPolicy) writeFileSync(policy, '#!/bin/sh\n# written by n8n-nodes-adobe-io-events scripts/queue: no service starts during apt-get install\nexit 101\n', { mode: 0o755 });
		try {
			aptGet(['install', '-y', '--no-install-recommends', ...missing], log);
		} finally {
			if (ownPolicy) rmSync(policy, { force: true });
		}
		postgresBin = findPostgresBin();
		redisServer = findRedisServer();
		if (!postgresBin || !redisServer) throw new Error(`apt-get installed ${missing.join(', ')} but the binaries are still missing`);
	}
	return { postgresBin: postgresBin!, redisServer: redisServer! };
}

// ----------------------------------------------------------------------------- Postgres

export interface PostgresHandle {
	host: '127.0.0.1';
	port: number;
	user: string;
	password: string;
	database: string;
	dataDir: string;
	logFile: string;
	/** Runs one SQL statement with psql (unaligned, tuples only) and returns its output. */
	query(sql: string): string;
	stop(): Promise<void>;
}

function postgresAccount(): { uid: number; gid: number } | undefined {
	if (!isRoot()) return undefined;
	const passwd = readFileSync('/etc/passwd', 'utf8').split('\n');
	const line = passwd.find((l) => l.startsWith('postgres:'));
	if (!line) throw new Error('running as root but there is no `postgres` system user (is the postgresql package installed?)');
	const [, , uid, gid] = line.split(':');
	return { uid: Number(uid), gid: Number(gid) };
}

function chownTree(path: string, uid: number, gid: number): void {
	chownSync(path, uid, gid);
	for (const entry of readdirSync(path, { withFileTypes: true })) {
		const p = join(path, entry.name);
		if (entry.isDirectory()) chownTree(p, uid, gid);
		else chownSync(p, uid, gid);
	}
}

export async function startPostgres(options: { log?: Log; port?: number; database?: string } = {}): Promise<PostgresHandle> {
	const log = options.log ?? (() => undefined);
	const { postgresBin } = ensureQueuePackages(log);
	const account = postgresAccount();
	// Own temp dir (not inside a root-only 0700 work dir): the postgres user must be able to reach it.
	const root = mkdtempSync(join(tmpdir(), 'adobe-io-events-pg-'));
	chmodSync(root, 0o700);
	const dataDir = join(root, 'data');
	const logFile = join(root, 'postgres.log');
	const user = 'n8n';
	const password = randomBytes(18).toString('hex');
	const database = options.database ?? 'n8n';
	const pwFile = join(root, 'pwfile');
	writeFileSync(pwFile, `${password}\n`, { mode: 0o600 });
	writeFileSync(logFile, '');
	if (account) chownTree(root, account.uid, account.gid);

	let server: Spawned | undefined;
	const stop = async (): Promise<void> => {
		if (server) await stopSpawned(server, 'SIGINT', 15_000); // SIGINT = "fast" shutdown
		rmSync(root, { recursive: true, force: true });
	};
	try {
		const initdb = spawnSync(
			join(postgresBin, 'initdb'),
			['-D', dataDir, '-U', user, `--pwfile=${pwFile}`, '--auth=scram-sha-256', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync'],
			{ cwd: root, uid: account?.uid, gid: account?.gid, encoding: 'utf8', timeout: 120_000 },
		);
		if (initdb.status !== 0) {
			// Older clusters may lack C.UTF-8: retry with the C locale.
			const retry = spawnSync(
				join(postgresBin, 'initdb'),
				['-D', dataDir, '-U', user, `--pwfile=${pwFile}`, '--auth=scram-sha-256', '-E', 'UTF8', '--locale=C', '--no-sync'],
				{ cwd: root, uid: account?.uid, gid: account?.gid, encoding: 'utf8', timeout: 120_000 },
			);
			if (retry.status !== 0) throw new Error(`initdb failed:\n${initdb.stderr}\n${retry.stderr}`);
		}
		rmSync(pwFile, { force: true });

		const port = options.port ?? (await freePort());
		server = spawnLogged(
			join(postgresBin, 'postgres'),
			[
				'-D', dataDir,
				'-p', String(port),
				'-c', 'listen_addresses=127.0.0.1',
				'-c', 'unix_socket_directories=',
				'-c', 'fsync=off',
				'-c', 'synchronous_commit=off',
				'-c', 'full_page_writes=off',
				'-c', 'max_connections=100',
			],
			{ logFile, cwd: root, uid: account?.uid, gid: account?.gid },
		);
		const deadline = Date.now() + START_TIMEOUT_MS;
		const env = { ...process.env, PGPASSWORD: password, PGCONNECT_TIMEOUT: '3' };
		for (;;) {
			if (server.exitCode() !== undefined) throw new Error(`postgres exited (code ${server.exitCode()}):\n${tail(logFile)}`);
			if (await tcpOpen(port)) {
				const created = spawnSync(join(postgresBin, 'createdb'), ['-h', '127.0.0.1', '-p', String(port), '-U', user, database], {
					env,
					encoding: 'utf8',
					timeout: 30_000,
				});
				if (created.status === 0) break;
				if (Date.now() > deadline) throw new Error(`createdb failed: ${created.stderr}`);
			}
			if (Date.now() > deadline) throw new Error(`postgres not reachable on 127.0.0.1:${port}:\n${tail(logFile)}`);
			await sleep(200);
		}
		log(`postgres ready on 127.0.0.1:${port} (database ${database}, data ${dataDir})`);
		const query = (sql: string): string => {
			const result = spawnSync(
				join(postgresBin, 'psql'),
				['-h', '127.0.0.1', '-p', String(port), '-U', user, '-d', database, '-At', '-v', 'ON_ERROR_STOP=1', '-c', sql],
				{ env, encoding: 'utf8', timeout: 30_000, maxBuffer: 16 * 1024 * 1024 },
			);
			if (result.status !== 0) throw new Error(`psql failed: ${result.stderr}`);
			return result.stdout;
		};
		return { host: '127.0.0.1', port, user, password, database, dataDir, logFile, query, stop };
	} catch (error) {
		await stop().catch(() => undefined);
		throw error;
	}
}

// ----------------------------------------------------------------------------- Redis

export interface RedisHandle {
	host: '127.0.0.1';
	port: number;
	logFile: string;
	/** Freezes Redis (SIGSTOP): connections stay open, nothing answers — a hung or partitioned Redis. */
	freeze(): void;
	/** Lets a frozen Redis run again (SIGCONT). */
	thaw(): void;
	stop(): Promise<void>;
}

export async function startRedis(options: { log?: Log; port?: number } = {}): Promise<RedisHandle> {
	const log = options.log ?? (() => undefined);
	const { redisServer } = ensureQueuePackages(log);
	const root = mkdtempSync(join(tmpdir(), 'adobe-io-events-redis-'));
	mkdirSync(root, { recursive: true });
	const logFile = join(root, 'redis.log');
	const port = options.port ?? (await freePort());
	const server = spawnLogged(
		redisServer,
		[
			'--port', String(port),
			'--bind', '127.0.0.1',
			'--protected-mode', 'yes',
			'--dir', root,
			'--save', '',
			'--appendonly', 'no',
			'--daemonize', 'no',
			'--databases', '2',
			'--maxclients', '1000',
		],
		{ logFile, cwd: root },
	);
	const signal = (sig: NodeJS.Signals): void => {
		if (server.child.pid && server.exitCode() === undefined) process.kill(server.child.pid, sig);
	};
	const stop = async (): Promise<void> => {
		try {
			signal('SIGCONT'); // a frozen Redis would not act on SIGTERM
		} catch {
			// already gone
		}
		await stopSpawned(server, 'SIGTERM', 5000);
		rmSync(root, { recursive: true, force: true });
	};
	try {
		const deadline = Date.now() + START_TIMEOUT_MS;
		while (!(await tcpOpen(port))) {
			if (server.exitCode() !== undefined) throw new Error(`redis-server exited (code ${server.exitCode()}):\n${tail(logFile)}`);
			if (Date.now() > deadline) throw new Error(`redis not reachable on 127.0.0.1:${port}:\n${tail(logFile)}`);
			await sleep(100);
		}
		log(`redis ready on 127.0.0.1:${port}`);
		return { host: '127.0.0.1', port, logFile, freeze: () => signal('SIGSTOP'), thaw: () => signal('SIGCONT'), stop };
	} catch (error) {
		await stop().catch(() => undefined);
		throw error;
	}
}
