/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions, no-console -- harness code: a terminal program outside n8n (child processes, fs, process, console) */
/**
 * `npm run test:compat` — the real-n8n E2E core on every supported n8n version (README "Compatibility").
 *
 * For each version: n8n and the Node it needs from the cache (installed on first use, with progress),
 * then the E2E files of test/e2e/ (all but the version-independent cache tests) against it, with the
 * package packed ONCE for all versions. Prints one line per version
 *
 *   n8n 1.123.81 (node v22.21.0): 14/14 passed in 4m12s
 *
 * and last a JSON line `{"versions":{"1.123.81":"pass",…},…}`. Exit code 1 when any version fails.
 *
 * Versions: COMPAT_VERSIONS below, or `COMPAT_VERSIONS=1.123.81,2.41.1`, or `npm run test:compat -- 2.41.1`.
 * `ADOBE_E2E_SKIP_BUILD=1` packs dist/ as it is (after `npm run build`).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SUPPORTED_N8N_VERSIONS, ensureRuntime, formatDuration, runtimeSpec } from './n8n/runtime';
import { REPO_ROOT, packPackage } from './n8n/stack';

/** The n8n versions the package supports and `test:compat` proves (README "Compatibility"). */
export const COMPAT_VERSIONS = SUPPORTED_N8N_VERSIONS;

/** E2E files that do not depend on the n8n version (run once by `npm run test:e2e`). */
const VERSION_INDEPENDENT = ['runtime-cache.e2e.test.ts'];

/**
 * E2E files that count what a delivery costs n8n's expression engine with lazy isolate acquisition
 * (`N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE`): they run where the installed n8n has that setting (n8n 2.x), and
 * are left out, with a line saying so, where it does not (n8n 1.x: every webhook request takes an isolate).
 */
const NEEDS_LAZY_ISOLATES = ['delivery-cost.e2e.test.ts'];

/** Feature detection on the installed n8n: does its expression-engine config know lazy acquisition? */
export function hasLazyIsolateAcquisition(n8nDir: string): boolean {
	const config = join(n8nDir, 'node_modules', '@n8n', 'config', 'dist', 'configs', 'expression-engine.config.js');
	try {
		return readFileSync(config, 'utf8').includes('N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE');
	} catch {
		return false;
	}
}

interface JestReport {
	numPassedTests: number;
	numFailedTests: number;
	numPendingTests: number;
	numTotalTests: number;
	testResults: Array<{ name: string; status: string; message: string; assertionResults: Array<{ fullName: string; status: string }> }>;
}

interface VersionResult {
	version: string;
	node?: string;
	status: 'pass' | 'fail';
	passed: number;
	total: number;
	seconds: number;
	installSeconds: number;
	problem?: string;
	/** E2E files this n8n cannot run (a feature it lacks) */
	leftOut?: string[];
}

function versionsToRun(): string[] {
	const fromArgs = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
	if (fromArgs.length > 0) return fromArgs;
	const fromEnv = (process.env.COMPAT_VERSIONS ?? '').split(/[\s,]+/).filter(Boolean);
	return fromEnv.length > 0 ? fromEnv : COMPAT_VERSIONS;
}

function runJest(version: string, tarball: string, reportFile: string, leftOut: string[]): Promise<number> {
	return new Promise((resolve, reject) => {
		const env: NodeJS.ProcessEnv = { ...process.env, N8N_VERSION: version, ADOBE_E2E_TARBALL: tarball };
		delete env.ADOBE_E2E_PACK_DIR;
		const child = spawn(
			process.execPath,
			[
				join(REPO_ROOT, 'node_modules', 'jest', 'bin', 'jest.js'),
				'--config',
				'test/e2e/jest.config.js',
				'--runInBand',
				'--json',
				`--outputFile=${reportFile}`,
				'--testPathIgnorePatterns',
				...VERSION_INDEPENDENT,
				...leftOut,
			],
			{ cwd: REPO_ROOT, env, stdio: ['ignore', 'inherit', 'inherit'] },
		);
		child.on('error', reject);
		child.on('close', (code) => resolve(code ?? 1));
	});
}

function readReport(file: string): JestReport | undefined {
	try {
		return JSON.parse(readFileSync(file, 'utf8')) as JestReport;
	} catch {
		return undefined;
	}
}

function line(result: VersionResult): string {
	const node = result.node ? result.node.replace(/^v/, '') : `${runtimeSpec(result.version).nodeMajor}.x`;
	const head = `n8n ${result.version} (node ${node})`;
	if (result.problem && result.total === 0) return `${head}: FAILED — ${result.problem}`;
	const install = result.installSeconds >= 1 ? `, install ${formatDuration(result.installSeconds * 1000)}` : '';
	const verdict = result.status === 'fail' ? ` — FAILED${result.problem ? `: ${result.problem}` : ''}` : '';
	const leftOut = result.leftOut?.length ? ` (left out, no lazy isolate acquisition in this n8n: ${result.leftOut.join(', ')})` : '';
	return `${head}: ${result.passed}/${result.total} passed in ${formatDuration(result.seconds * 1000)}${install}${leftOut}${verdict}`;
}

async function main(): Promise<void> {
	const versions = versionsToRun();
	const log = (message: string): void => console.error(`[compat] ${message}`);
	for (const version of versions) runtimeSpec(version); // rejects a malformed version before anything runs
	log(`n8n versions: ${versions.join(', ')}`);

	const packDir = mkdtempSync(join(tmpdir(), 'adobe-io-events-pack-'));
	const results: VersionResult[] = [];
	try {
		const tarball = await packPackage({ build: process.env.ADOBE_E2E_SKIP_BUILD !== '1', destDir: packDir, log });
		for (const version of versions) {
			const result: VersionResult = { version, status: 'fail', passed: 0, total: 0, seconds: 0, installSeconds: 0 };
			const installStarted = Date.now();
			let leftOut: string[] = [];
			try {
				const runtime = await ensureRuntime((message) => console.error(`[runtime] ${message}`), { n8nVersion: version });
				result.node = runtime.nodeVersion;
				if (!hasLazyIsolateAcquisition(runtime.n8nDir)) {
					leftOut = NEEDS_LAZY_ISOLATES;
					result.leftOut = leftOut;
					log(`n8n ${version} has no lazy isolate acquisition: ${leftOut.join(', ')} left out`);
				}
			} catch (error) {
				result.problem = (error as Error).message;
				result.installSeconds = (Date.now() - installStarted) / 1000;
				results.push(result);
				console.log(line(result));
				continue;
			}
			result.installSeconds = (Date.now() - installStarted) / 1000;
			const started = Date.now();
			const reportFile = join(packDir, `jest-${version}.json`);
			log(`n8n ${version} on Node ${result.node}: running the E2E suite …`);
			const code = await runJest(version, tarball, reportFile, leftOut);
			result.seconds = (Date.now() - started) / 1000;
			const report = readReport(reportFile);
			if (report) {
				result.passed = report.numPassedTests;
				result.total = report.numTotalTests;
				const failedFiles = report.testResults.filter((file) => file.status !== 'passed');
				const failedTests = report.testResults.flatMap((file) =>
					file.assertionResults.filter((test) => test.status === 'failed').map((test) => test.fullName),
				);
				if (failedTests.length > 0) result.problem = failedTests.join(' | ');
				else if (failedFiles.length > 0) {
					result.problem = failedFiles
						.map((file) => `${file.name.replace(`${REPO_ROOT}/`, '')}: ${file.message.split('\n').find((l) => l.trim()) ?? 'failed'}`)
						.join(' | ');
				}
			} else {
				result.problem = `jest wrote no report (exit ${code})`;
			}
			result.status = code === 0 && report !== undefined && result.total > 0 && result.passed === result.total ? 'pass' : 'fail';
			results.push(result);
			console.log(line(result));
		}
	} finally {
		rmSync(packDir, { recursive: true, force: true });
	}

	console.log('');
	for (const result of results) console.log(line(result));
	const summary = {
		versions: Object.fromEntries(results.map((r) => [r.version, r.status])),
		node: Object.fromEntries(results.map((r) => [r.version, r.node ?? null])),
		tests: Object.fromEntries(results.map((r) => [r.version, `${r.passed}/${r.total}`])),
		seconds: Object.fromEntries(results.map((r) => [r.version, Math.round(r.seconds)])),
		installSeconds: Object.fromEntries(results.map((r) => [r.version, Math.round(r.installSeconds)])),
	};
	console.log(JSON.stringify(summary));
	process.exitCode = results.every((r) => r.status === 'pass') ? 0 : 1;
}

main().catch((error: Error) => {
	console.error(`[compat] ${error.message}`);
	process.exit(1);
});
