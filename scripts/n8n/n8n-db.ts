/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions -- test harness code: runs outside n8n, starts n8n's own Node to read its database */
/**
 * Reads n8n's own SQLite database while n8n runs (read-only), with the Node and the SQLite driver n8n itself
 * runs on. For what n8n's public API cannot answer: running executions, thousands of executions with their data,
 * and an n8n started in test mode (community install), where the public API is off.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

import type { Stack } from './stack';

/**
 * Runs `script` (JavaScript; `db` is n8n's database, `all(sql, params)` its rows, `parse` n8n's flatted parser,
 * `emit(value)` prints the answer) and returns what it emitted.
 */
export function readN8nDatabase<T>(stack: Stack, script: string): T {
	const modules = join(stack.runtime.n8nDir, 'node_modules');
	const program = `
		const sqlite3 = require(${JSON.stringify(join(modules, 'sqlite3'))});
		const { parse } = require(${JSON.stringify(join(modules, 'flatted'))});
		const db = new sqlite3.Database(${JSON.stringify(join(stack.userFolder, '.n8n', 'database.sqlite'))}, sqlite3.OPEN_READONLY);
		const all = (sql, params) => new Promise((resolve, reject) => db.all(sql, params, (error, rows) => (error ? reject(error) : resolve(rows))));
		const emit = (value) => { process.stdout.write(JSON.stringify(value)); db.close(); };
		(async () => { ${script} })().catch((error) => { console.error(error.message); process.exit(1); });`;
	const out = spawnSync(stack.runtime.nodeBin, ['-e', program], { encoding: 'utf8', timeout: 300_000, maxBuffer: 512 * 1024 * 1024 });
	if (out.status !== 0) throw new Error(`reading n8n's database failed: ${out.stderr}`);
	return JSON.parse(out.stdout) as T;
}

/** How many executions of `workflowId` n8n's database holds per status. */
export function executionStatusCounts(stack: Stack, workflowId: string): Record<string, number> {
	const rows = readN8nDatabase<Array<{ status: string; n: number }>>(
		stack,
		`emit(await all('SELECT status, count(*) AS n FROM execution_entity WHERE workflowId = ? GROUP BY status', [${JSON.stringify(workflowId)}]));`,
	);
	return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}
