/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions -- harness code: runs outside n8n (plain Node scripts/tests): checks files, runs apt-get (child_process) and uses process */
/**
 * The browser UI suite drives Debian's Chromium (no browser download by playwright). This makes sure
 * `/usr/bin/chromium` exists: when it is missing and we run as root (CI on a fresh machine) it runs
 * `apt-get update` and `apt-get install -y chromium`; otherwise it fails with the command to run.
 *
 *   npx tsx scripts/ui/ensure-chromium.ts        (also called by the suite's global setup)
 *
 * `ADOBE_UI_CHROMIUM` overrides the executable path (e.g. a Chromium installed elsewhere).
 */
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';

export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

export function chromiumPath(): string {
	return process.env.ADOBE_UI_CHROMIUM || DEFAULT_CHROMIUM;
}

function executable(file: string): boolean {
	try {
		accessSync(file, constants.X_OK);
		return true;
	} catch {
		return false;
	}
}

function runCommand(
	command: string,
	args: string[],
	log: (m: string) => void,
	timeoutMs: number,
): Promise<void> {
	return new Promise((resolve, reject) => {
		log(`$ ${command} ${args.join(' ')}`);
		const child = spawn(command, args, {
			stdio: ['ignore', 'pipe', 'pipe'],
			env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
		});
		let tail = '';
		const keep = (chunk: Buffer): void => {
			tail = (tail + chunk.toString()).slice(-4000);
		};
		child.stdout.on('data', keep);
		child.stderr.on('data', keep);
		const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
		child.on('error', (error) => {
			clearTimeout(timer);
			reject(error);
		});
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			if (code === 0) resolve();
			else
				reject(
					new Error(`${command} ${args.join(' ')} failed (${signal ?? `exit ${code}`}):\n${tail}`),
				);
		});
	});
}

/** Returns the Chromium executable, installing Debian's `chromium` package first when needed (root only). */
export async function ensureChromium(log: (m: string) => void = () => undefined): Promise<string> {
	const path = chromiumPath();
	if (executable(path)) return path;
	if (path !== DEFAULT_CHROMIUM)
		throw new Error(`ADOBE_UI_CHROMIUM=${path} is not an executable file`);
	const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
	if (!isRoot) {
		throw new Error(
			`${DEFAULT_CHROMIUM} is missing. Install Debian's Chromium once: sudo apt-get update && sudo apt-get install -y chromium`,
		);
	}
	log(`${DEFAULT_CHROMIUM} is missing: installing Debian's chromium package …`);
	await runCommand('apt-get', ['update'], log, 10 * 60 * 1000);
	await runCommand('apt-get', ['install', '-y', 'chromium'], log, 20 * 60 * 1000);
	if (!executable(DEFAULT_CHROMIUM))
		throw new Error(`apt-get installed chromium but ${DEFAULT_CHROMIUM} is still missing`);
	return DEFAULT_CHROMIUM;
}

if (require.main === module) {
	ensureChromium((m) => process.stderr.write(`[chromium] ${m}\n`))
		.then((path) => process.stdout.write(`${path}\n`))
		.catch((error: unknown) => {
			process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
			process.exit(1);
		});
}
