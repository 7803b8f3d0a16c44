/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions -- test code: runs outside n8n, needs fs, os, process and a child process (a real dead pid) */
/**
 * The n8n + Node cache: a half-finished install is never taken for a complete one, concurrent
 * installers serialise on a lock that survives neither its owner's death nor an unbounded wait, each
 * n8n version gets the Node it needs, installs report progress, and a failed install says in one line
 * what went wrong and what to do (real npm answers where they can be had without breaking anything).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
	DEFAULT_N8N_VERSION,
	N8N_VERSION,
	PROGRESS_INTERVAL_MS,
	assertPublished,
	cleanEnv,
	countNpmFetches,
	ensureRuntime,
	explainInstallFailure,
	n8nLooksComplete,
	n8nPaths,
	requestedN8nVersion,
	run,
	runtimeSpec,
	withLock,
	withProgress,
} from '../../scripts/n8n/runtime';
import { dialectOf } from '../../scripts/n8n/n8n-api';

describe('n8n runtime cache', () => {
	let dir: string;

	beforeEach(() => {
		dir = mkdtempSync(join(tmpdir(), 'adobe-io-events-cache-test-'));
	});

	afterEach(() => {
		rmSync(dir, { recursive: true, force: true });
	});

	function fakeInstall(options: { marker?: string; version?: string; sqlite?: boolean; bin?: boolean }): void {
		const { n8nDir, n8nBin, marker } = n8nPaths(dir);
		mkdirSync(join(n8nDir, 'node_modules', 'n8n'), { recursive: true });
		mkdirSync(join(n8nDir, 'node_modules', '.bin'), { recursive: true });
		writeFileSync(join(n8nDir, 'node_modules', 'n8n', 'package.json'), JSON.stringify({ version: options.version ?? N8N_VERSION }));
		if (options.bin !== false) writeFileSync(n8nBin, '#!/usr/bin/env node\n');
		if (options.sqlite !== false) {
			mkdirSync(join(n8nDir, 'node_modules', 'sqlite3', 'build', 'Release'), { recursive: true });
			writeFileSync(join(n8nDir, 'node_modules', 'sqlite3', 'build', 'Release', 'node_sqlite3.node'), '');
		}
		if (options.marker !== undefined) writeFileSync(marker, options.marker);
	}

	const complete = (): boolean => {
		const { n8nDir, n8nBin, marker } = n8nPaths(dir);
		return n8nLooksComplete(n8nDir, n8nBin, marker);
	};

	it('accepts only an install whose completion marker was written and whose parts are all there', () => {
		fakeInstall({ marker: 'done 0\n' });
		expect(complete()).toBe(true);
	});

	it('accepts a marker that records the Node the install was built for, when it is that Node', () => {
		fakeInstall({ marker: 'done 0\nnode v24.1.0\n' });
		const { n8nDir, n8nBin, marker } = n8nPaths(dir);
		expect(n8nLooksComplete(n8nDir, n8nBin, marker, N8N_VERSION, 24)).toBe(true);
		expect(n8nLooksComplete(n8nDir, n8nBin, marker, N8N_VERSION, 22)).toBe(false);
	});

	it.each([
		['no marker (install interrupted)', { marker: undefined }],
		['a marker of a failed step', { marker: 'failed 1' }],
		['sqlite3 not rebuilt', { marker: 'done 0', sqlite: false }],
		['n8n binary missing', { marker: 'done 0', bin: false }],
		['another n8n version', { marker: 'done 0', version: '2.41.0' }],
	])('rejects %s', (_label, options) => {
		fakeInstall(options);
		expect(complete()).toBe(false);
	});

	it('serialises installers: the second waits until the first releases the lock', async () => {
		const lock = join(dir, '.install-lock');
		const order: string[] = [];
		const first = withLock(lock, () => undefined, async () => {
			order.push('first:start');
			await new Promise((resolve) => setTimeout(resolve, 1200));
			order.push('first:end');
		});
		await new Promise((resolve) => setTimeout(resolve, 100));
		const second = withLock(lock, () => undefined, async () => {
			order.push('second');
		});
		await Promise.all([first, second]);
		expect(order).toEqual(['first:start', 'first:end', 'second']);
		expect(existsSync(lock)).toBe(false);
	});

	it('breaks the lock of an installer that died', async () => {
		const lock = join(dir, '.install-lock');
		const child = spawn(process.execPath, ['-e', '0']);
		const deadPid = await new Promise<number>((resolve) => child.on('exit', () => resolve(child.pid!)));
		mkdirSync(lock);
		writeFileSync(join(lock, 'pid'), String(deadPid));
		let ran = false;
		await withLock(lock, () => undefined, async () => {
			ran = true;
		}, 5000);
		expect(ran).toBe(true);
	});

	it('gives up waiting for a live installer after the bounded wait', async () => {
		const lock = join(dir, '.install-lock');
		mkdirSync(lock);
		writeFileSync(join(lock, 'pid'), String(process.pid));
		const started = Date.now();
		await expect(withLock(lock, () => undefined, async () => undefined, 1500)).rejects.toThrow(/timed out waiting/);
		expect(Date.now() - started).toBeLessThan(5000);
	});

	it('stops waiting once another installer has produced what this one needs, leaving that installer\'s lock alone', async () => {
		const lock = join(dir, '.install-lock');
		mkdirSync(lock);
		writeFileSync(join(lock, 'pid'), String(process.pid));
		let checks = 0;
		let ran = false;
		const started = Date.now();
		const result = await withLock(
			lock,
			() => undefined,
			async () => {
				ran = true;
				return 'installed here';
			},
			20000,
			10000,
			async () => (++checks >= 2 ? 'installed by the other process' : undefined),
		);
		expect(result).toBe('installed by the other process');
		expect(ran).toBe(false);
		expect(existsSync(lock)).toBe(true);
		expect(Date.now() - started).toBeLessThan(10000);
	});

	it('holds the lock across a long wait and says so at least every 15 s', async () => {
		const lock = join(dir, '.install-lock');
		mkdirSync(lock);
		writeFileSync(join(lock, 'pid'), String(process.pid));
		const lines: string[] = [];
		setTimeout(() => rmSync(lock, { recursive: true, force: true }), 1300);
		await withLock(lock, (line) => lines.push(line), async () => undefined, 10000, 400);
		expect(lines[0]).toMatch(/waiting for another process/);
		expect(lines.filter((line) => /still waiting for pid \d+ .*\(\d+s\)/.test(line)).length).toBeGreaterThanOrEqual(2);
		expect(PROGRESS_INTERVAL_MS).toBeLessThanOrEqual(15000);
	});
});

describe('which n8n, which Node', () => {
	it('runs N8N_VERSION, default 2.40.7; refuses anything but an exact version', () => {
		expect(requestedN8nVersion({})).toBe(DEFAULT_N8N_VERSION);
		expect(DEFAULT_N8N_VERSION).toBe('2.40.7');
		expect(requestedN8nVersion({ N8N_VERSION: ' 1.123.81 ' })).toBe('1.123.81');
		expect(() => requestedN8nVersion({ N8N_VERSION: 'latest' })).toThrow(/exact n8n version/);
		expect(() => requestedN8nVersion({ N8N_VERSION: '2.x' })).toThrow(/exact n8n version/);
	});

	it('n8n 2.x on Node 24, n8n 1.x on Node 22, each version in its own cache directory', () => {
		expect(runtimeSpec('2.40.7', {})).toEqual({ n8nVersion: '2.40.7', nodeMajor: 24, n8nDirName: 'n8n-2.40.7' });
		expect(runtimeSpec('2.41.1', {})).toEqual({ n8nVersion: '2.41.1', nodeMajor: 24, n8nDirName: 'n8n-2.41.1' });
		expect(runtimeSpec('1.123.81', {})).toEqual({ n8nVersion: '1.123.81', nodeMajor: 22, n8nDirName: 'n8n-1.123.81' });
		// Another Node: another directory (sqlite3 is compiled for one Node ABI).
		expect(runtimeSpec('1.123.81', { N8N_NODE_MAJOR: '24' })).toEqual({
			n8nVersion: '1.123.81',
			nodeMajor: 24,
			n8nDirName: 'n8n-1.123.81-node24',
		});
		expect(() => runtimeSpec('1.123.81', { N8N_NODE_MAJOR: 'twenty' })).toThrow(/N8N_NODE_MAJOR/);
		expect(n8nPaths('/cache', '1.123.81', {}).n8nDir).toBe('/cache/n8n-1.123.81');
	});

	it('the harness speaks each line\'s API: 1.x activates, 2.x publishes', () => {
		expect(dialectOf('1.123.81')).toMatchObject({ liveVerb: 'activate', manualRunNeedsWorkflowData: true });
		expect(dialectOf('2.40.7')).toMatchObject({ liveVerb: 'publish', manualRunNeedsWorkflowData: false });
		expect(() => dialectOf('next')).toThrow();
	});

	it('does not hand N8N_VERSION / N8N_NODE_MAJOR on to n8n or npm', () => {
		const saved = { version: process.env.N8N_VERSION, major: process.env.N8N_NODE_MAJOR };
		process.env.N8N_VERSION = '1.123.81';
		process.env.N8N_NODE_MAJOR = '22';
		try {
			const env = cleanEnv('/x/bin');
			expect(env.N8N_VERSION).toBeUndefined();
			expect(env.N8N_NODE_MAJOR).toBeUndefined();
			expect(env.PATH?.startsWith('/x/bin:')).toBe(true);
		} finally {
			if (saved.version === undefined) delete process.env.N8N_VERSION;
			else process.env.N8N_VERSION = saved.version;
			if (saved.major === undefined) delete process.env.N8N_NODE_MAJOR;
			else process.env.N8N_NODE_MAJOR = saved.major;
		}
	});
});

describe('install progress and failures', () => {
	let dir: string;

	beforeEach(() => {
		dir = mkdtempSync(join(tmpdir(), 'adobe-io-events-install-test-'));
	});

	afterEach(() => {
		rmSync(dir, { recursive: true, force: true });
	});

	it('reports the step, the time, the bytes on disk and the packages fetched while a step runs', async () => {
		const npmLog = join(dir, 'install.log');
		writeFileSync(
			npmLog,
			[
				'npm http fetch GET 200 https://registry.npmjs.org/n8n 135ms (cache miss)',
				'npm http fetch GET 200 https://registry.npmjs.org/n8n/-/n8n-1.123.81.tgz 900ms (cache miss)',
				'npm http cache is-number@https://registry.npmjs.org/is-number/-/is-number-7.0.0.tgz 0ms (cache hit)',
				'npm warn ERESOLVE overriding peer dependency',
			].join('\n'),
		);
		const lines: string[] = [];
		await withProgress(
			{ label: 'n8n 9.9.9 · step 2/3 n8n', detail: 'npm install n8n@9.9.9', dir, npmLog },
			(line) => lines.push(line),
			async () => {
				writeFileSync(join(dir, 'blob'), Buffer.alloc(3 * 1024 * 1024));
				await new Promise((resolve) => setTimeout(resolve, 1500));
			},
			300,
		);
		expect(lines[0]).toBe('n8n 9.9.9 · step 2/3 n8n: npm install n8n@9.9.9 …');
		const progress = lines.filter((line) => /^n8n 9\.9\.9 · step 2\/3 n8n: \d+s, /.test(line));
		expect(progress.length).toBeGreaterThanOrEqual(2);
		expect(progress[progress.length - 1]).toMatch(/\d+s, [34] MB on disk, 1 manifests resolved, 2 packages fetched$/);
		expect(lines[lines.length - 1]).toMatch(/: done in \d+s$/);
	});

	it('counts manifests and packages in npm --loglevel=http output', () => {
		expect(countNpmFetches('npm http fetch GET 200 https://registry.npmjs.org/a 5ms\nnpm http fetch GET 304 https://registry.npmjs.org/b 5ms (cache revalidated)\nnpm http fetch GET 200 https://registry.npmjs.org/a/-/a-1.0.0.tgz 5ms\nnpm warn x')).toEqual({
			manifests: 2,
			tarballs: 1,
		});
	});

	const explain = (logText: string) =>
		explainInstallFailure({ what: 'Installing n8n 2.41.3', n8nVersion: '2.41.3', logText, logFile: '/c/install.log', cacheDir: '/c' });

	it('a dependency that was never published → "does not resolve", names it, suggests another version', () => {
		const error = explain(
			'npm error code ETARGET\nnpm error notarget No matching version found for @n8n/agents@0.26.2.\nnpm error notarget In most cases you or one of your dependencies are requesting\n',
		);
		expect(error.kind).toBe('unresolvable');
		expect(error.message).toBe(
			'Installing n8n 2.41.3 failed: n8n 2.41.3 does not resolve from the npm registry (@n8n/agents@0.26.2 is not published) — use another n8n version (N8N_VERSION=…; verified: 1.123.81, 2.40.7, 2.41.1) (log: /c/install.log)',
		);
		expect(error.message).not.toContain('\n');
	});

	it('a full disk → says so and where to free space', () => {
		const error = explain('npm error code ENOSPC\nnpm error nospc Invalid response body while trying to fetch https://registry.npmjs.org/x: ENOSPC: no space left on device, write');
		expect(error.kind).toBe('disk');
		expect(error.message).toMatch(/^Installing n8n 2\.41\.3 failed: the disk is full \(ENOSPC\) — free at least 3 GB .*N8N_ADOBE_IO_EVENTS_CACHE/);
	});

	it('anything else → npm\'s own error line, still one line', () => {
		const error = explain('npm error code EPERM\nnpm error syscall rename\nnpm error A complete log of this run can be found in: /x.log\n');
		expect(error.kind).toBe('other');
		expect(error.message).toBe('Installing n8n 2.41.3 failed: code EPERM · syscall rename — fix that and run again (log: /c/install.log)');
	});

	it('a registry that cannot be reached (real npm) → "unreachable", with the host and what to check', async () => {
		const env = { ...cleanEnv(), npm_config_registry: 'http://127.0.0.1:9/', npm_config_fetch_retries: '0', npm_config_cache: join(dir, 'npm-cache') };
		writeFileSync(join(dir, 'package.json'), '{"name":"x","private":true}');
		const failure = await run('npm', ['view', 'n8n@2.40.7', 'version', '--json'], { cwd: dir, env, timeoutMs: 60000 }).then(
			() => undefined,
			(error: Error) => error,
		);
		expect(failure).toBeDefined();
		const error = explainInstallFailure({ what: 'Looking up n8n 2.40.7', n8nVersion: '2.40.7', logText: failure!.message, cacheDir: dir });
		expect(error.kind).toBe('network');
		expect(error.message).toMatch(/^Looking up n8n 2\.40\.7 failed: the npm registry 127\.0\.0\.1:9 is unreachable \(ECONNREFUSED\) — check the network, proxy and the registry in ~\/\.npmrc, then run again$/);
	});

	it('an n8n version that does not exist fails in one line before anything is downloaded (real registry)', async () => {
		await expect(assertPublished('0.0.0-does-not-exist', dir)).rejects.toThrow(
			/^Looking up n8n 0\.0\.0-does-not-exist failed: n8n 0\.0\.0-does-not-exist is not published on the npm registry — check N8N_VERSION/,
		);
		const saved = process.env.N8N_ADOBE_IO_EVENTS_CACHE;
		process.env.N8N_ADOBE_IO_EVENTS_CACHE = dir;
		try {
			await expect(ensureRuntime(() => undefined, { n8nVersion: '0.0.0-does-not-exist' })).rejects.toThrow(/is not published on the npm registry/);
			// Nothing was installed for it: no Node, no n8n directory.
			expect(existsSync(join(dir, 'node22'))).toBe(false);
			expect(existsSync(join(dir, 'n8n-0.0.0-does-not-exist'))).toBe(false);
		} finally {
			if (saved === undefined) delete process.env.N8N_ADOBE_IO_EVENTS_CACHE;
			else process.env.N8N_ADOBE_IO_EVENTS_CACHE = saved;
		}
	});
});
