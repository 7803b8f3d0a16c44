/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions -- test code: runs outside n8n, needs fs, os, process and a child process (a real dead pid) */
/**
 * The Node 24 + n8n cache: a half-finished install is never taken for a complete one, and concurrent
 * installers serialise on a lock that survives neither its owner's death nor an unbounded wait.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { N8N_VERSION, n8nLooksComplete, n8nPaths, withLock } from '../../scripts/n8n/runtime';

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
});
