/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions -- release tooling: runs outside n8n (plain Node script), needs fs, os, path, module, process and tar (child_process) */
/**
 * `npm run lint:scanner` (part of `npm test`): n8n's community-package verification scanner,
 * `@n8n/scan-community-package`, run here the way n8n runs it on a published version — its two legs,
 * minus the download and provenance steps that need the public registry:
 *
 *   1. source leg:  analyzePackage(<repository>, SOURCE_FILE_PATTERNS) — package.json, nodes/**, credentials/**
 *                   (n8n lints the source checkout its npm provenance attests);
 *   2. tarball leg: analyzePackage(<unpacked `npm pack`>, ['**\/*.js', 'package.json']) — what npm ships.
 *
 * Fails on any finding: analyzePackage's verdict (errors), and — stricter than n8n — warnings too (the
 * same ESLint config, `buildScanConfig`, run over the same files). Before that it proves the scanner
 * really lints: the TypeScript its parser loads must be 5.x (scanner 0.32.0 pins TypeScript 7, which
 * @typescript-eslint cannot load; npm `overrides` cannot fix that here, because the scanner itself
 * refuses an `overrides` field in package.json), and a canary package with a known violation must fail.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import type { AnalysisResult } from '@n8n/scan-community-package/scanner/scanner.mjs';

import { REPO_ROOT, packPackage } from '../n8n/stack';

const TARBALL_PATTERNS = ['**/*.js', 'package.json'];

type Scanner = typeof import('@n8n/scan-community-package/scanner/scanner.mjs');

function log(message: string): void {
	process.stdout.write(`[lint:scanner] ${message}\n`);
}

/** The version of TypeScript the scanner's @typescript-eslint parser loads (resolved from where it is installed). */
export function parserTypeScriptVersion(): string {
	const scannerRequire = createRequire(require.resolve('@n8n/scan-community-package/package.json'));
	const parserRequire = createRequire(scannerRequire.resolve('@typescript-eslint/parser'));
	const estreeRequire = createRequire(parserRequire.resolve('@typescript-eslint/typescript-estree'));
	return (estreeRequire('typescript/package.json') as { version: string }).version;
}

interface Leg {
	name: string;
	dir: string;
	patterns: string[];
}

/** Warnings (and errors) of the scanner's own ESLint config over a leg's files. */
async function strictFindings(scanner: Scanner, leg: Leg): Promise<{ files: number; warnings: number; errors: number; report: string }> {
	const scannerRequire = createRequire(require.resolve('@n8n/scan-community-package/scanner/scanner.mjs'));
	const { ESLint } = scannerRequire('eslint') as typeof import('eslint');
	const glob = scannerRequire('fast-glob') as { sync: (patterns: string[], options: object) => string[] };
	const eslint = new ESLint({
		cwd: leg.dir,
		allowInlineConfig: false,
		overrideConfigFile: true,
		overrideConfig: (await scanner.buildScanConfig()) as never,
	});
	const files = glob.sync(leg.patterns, { cwd: leg.dir, absolute: true, ignore: ['node_modules/**', '**/package-lock.json'] });
	const results = await eslint.lintFiles(files);
	const warnings = results.reduce((sum, r) => sum + r.warningCount, 0);
	const errors = results.reduce((sum, r) => sum + r.errorCount, 0);
	const report = warnings + errors ? await (await eslint.loadFormatter('stylish')).format(results) : '';
	return { files: files.length, warnings, errors, report };
}

function describe(result: AnalysisResult): string {
	return [result.message, result.details].filter(Boolean).join('\n');
}

/** A package the scanner must reject: proves the parser loads and the rules run (not a silent pass). */
async function canary(scanner: Scanner): Promise<void> {
	const dir = mkdtempSync(join(tmpdir(), 'adobe-io-events-scanner-canary-'));
	try {
		mkdirSync(join(dir, 'nodes', 'Canary'), { recursive: true });
		writeFileSync(
			join(dir, 'package.json'),
			JSON.stringify({ name: 'n8n-nodes-canary', version: '0.0.1', keywords: ['n8n-community-node-package'], n8n: { n8nNodesApiVersion: 1, nodes: ['dist/nodes/Canary/Canary.node.js'] } }),
		);
		// TypeScript-only syntax: the @typescript-eslint parser must load to see the console call.
		writeFileSync(join(dir, 'nodes', 'Canary', 'Canary.node.ts'), 'export class Canary {\n\trun(value: string): void {\n\t\tconsole.log(value);\n\t}\n}\n');
		const result = await scanner.analyzePackage(dir, scanner.SOURCE_FILE_PATTERNS);
		if (result.passed || !/no-console/.test(result.details ?? '')) {
			throw new Error(`the scanner did not flag the canary's console.log in a TypeScript node (${describe(result) || 'it passed'}): it is not linting for real`);
		}
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

async function main(): Promise<void> {
	const tsVersion = parserTypeScriptVersion();
	if (Number(tsVersion.split('.')[0]) >= 7) {
		throw new Error(
			`the scanner's @typescript-eslint parser resolves TypeScript ${tsVersion}, which it cannot load; this repository's devDependency typescript (5.9.x) must be the one it finds — run npm ci`,
		);
	}
	log(`scanner parser uses TypeScript ${tsVersion}`);
	// The scanner makes a temporary directory when it is loaded: let its `tmp` remove it when we exit.
	const scannerRequire = createRequire(require.resolve('@n8n/scan-community-package/scanner/scanner.mjs'));
	(scannerRequire('tmp') as { setGracefulCleanup: () => void }).setGracefulCleanup();
	const scanner = (await import('@n8n/scan-community-package/scanner/scanner.mjs')) as Scanner;
	await canary(scanner);
	log('canary package with a console.log in a node: flagged (the scanner lints for real)');

	const work = mkdtempSync(join(tmpdir(), 'adobe-io-events-scanner-'));
	let failed = false;
	try {
		const tarball = await packPackage({ build: false, destDir: join(work, 'pack'), log });
		const unpacked = join(work, 'package');
		mkdirSync(unpacked);
		execFileSync('tar', ['-xzf', tarball, '-C', unpacked, '--strip-components=1']);
		const legs: Leg[] = [
			{ name: 'source (package.json, nodes/, credentials/)', dir: REPO_ROOT, patterns: scanner.SOURCE_FILE_PATTERNS },
			{ name: `tarball (${tarball.slice(dirname(tarball).length + 1)}: *.js, package.json)`, dir: unpacked, patterns: TARBALL_PATTERNS },
		];
		for (const leg of legs) {
			const verdict = await scanner.analyzePackage(leg.dir, leg.patterns);
			const strict = await strictFindings(scanner, leg);
			if (strict.files === 0) {
				failed = true;
				log(`FAIL ${leg.name}: no files to analyze`);
			} else if (!verdict.passed) {
				failed = true;
				log(`FAIL ${leg.name}: ${describe(verdict)}`);
			} else if (strict.warnings + strict.errors > 0) {
				failed = true;
				log(`FAIL ${leg.name}: ${strict.warnings} warning(s), ${strict.errors} error(s)\n${strict.report}`);
			} else {
				log(`ok   ${leg.name}: ${strict.files} files, 0 findings`);
			}
		}
	} finally {
		rmSync(work, { recursive: true, force: true });
	}
	if (failed) {
		log('n8n would refuse to verify this package: fix the findings above');
		process.exit(1);
	}
	log('passed: n8n’s verification scanner finds nothing in the source or the tarball');
}

if (require.main === module) {
	main().catch((error: unknown) => {
		process.stderr.write(`[lint:scanner] ${error instanceof Error ? error.message : String(error)}\n`);
		process.exit(1);
	});
}
