/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-hardcoded-secrets -- harness code: runs outside n8n (plain Node scripts/tests): spawns Verdaccio and npm, uses fs, process and timers; the publisher's password of a throw-away loopback registry is deliberately public */
/**
 * A local npm registry on 127.0.0.1 (Verdaccio, a devDependency) that holds this package's packed tarball, so that
 * n8n and npm install the package **by name**, the way users do:
 *
 *   const registry = await startLocalRegistry({ dir, log });
 *   await registry.publish(tarball);              // npm publish, as a release would
 *   registry.url                                  // e.g. http://127.0.0.1:40123/
 *   registry.npmEnv()                             // npm_config_registry for `npm install <name>`
 *   await registry.stop();
 *
 * The registry has no uplink: it serves only what was published to it (nothing is fetched from the internet), and
 * its storage lives in `dir`. `withVersion` repacks a tarball under another version (to publish an update).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import {
	createWriteStream,
	existsSync,
	mkdirSync,
	mkdtempSync,
	readFileSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import { join, resolve } from 'node:path';

import { cleanEnv, run, type Log } from './runtime';
import { freePort } from './stack';

const REPO_ROOT = resolve(__dirname, '..', '..');
const PUBLISHER = { name: 'release-bot', password: 'local-registry-only-1' };

export interface LocalRegistry {
	/** Base URL with a trailing slash, e.g. `http://127.0.0.1:40123/`. */
	url: string;
	logFile: string;
	/** `npm publish <tarball>` to this registry; returns the published `name@version`. */
	publish(tarball: string): Promise<string>;
	/** The versions the registry holds for a package (its packument), newest last. */
	versions(packageName: string): Promise<string[]>;
	/** Environment that makes npm (and an n8n process's npm calls) use this registry. */
	npmEnv(): Record<string, string>;
	stop(): Promise<void>;
}

function sleep(ms: number): Promise<void> {
	return new Promise((r) => setTimeout(r, ms));
}

function verdaccioConfig(storage: string, htpasswd: string): string {
	// No uplinks: a package that was not published here is "not found" instead of being fetched from npmjs.org.
	return [
		`storage: ${JSON.stringify(storage)}`,
		'auth:',
		'  htpasswd:',
		`    file: ${JSON.stringify(htpasswd)}`,
		'    max_users: 1',
		'uplinks: {}',
		'packages:',
		"  '**':",
		'    access: $all',
		'    publish: $authenticated',
		'    unpublish: $authenticated',
		'server:',
		'  keepAliveTimeout: 5',
		'web:',
		'  enable: false',
		'log: { type: stdout, format: pretty, level: http }',
		'',
	].join('\n');
}

export async function startLocalRegistry(options: {
	dir: string;
	log?: Log;
}): Promise<LocalRegistry> {
	const log = options.log ?? (() => undefined);
	mkdirSync(options.dir, { recursive: true });
	const storage = join(options.dir, 'storage');
	const configFile = join(options.dir, 'config.yaml');
	const logFile = join(options.dir, 'verdaccio.log');
	writeFileSync(configFile, verdaccioConfig(storage, join(options.dir, 'htpasswd')));
	const bin = join(REPO_ROOT, 'node_modules', 'verdaccio', 'bin', 'verdaccio');
	if (!existsSync(bin))
		throw new Error('Verdaccio is not installed: run `npm ci` (it is a devDependency)');

	let child: ChildProcess | undefined;
	let url = '';
	for (let attempt = 1; ; attempt++) {
		const port = await freePort();
		url = `http://127.0.0.1:${port}/`;
		const out = createWriteStream(logFile, { flags: 'a' });
		child = spawn(
			process.execPath,
			[bin, '--config', configFile, '--listen', `127.0.0.1:${port}`],
			{
				cwd: options.dir,
				env: cleanEnv(),
				stdio: ['ignore', 'pipe', 'pipe'],
			},
		);
		child.stdout?.pipe(out);
		child.stderr?.pipe(out);
		const started = child;
		let exited = false;
		started.once('exit', () => {
			exited = true;
		});
		const deadline = Date.now() + 60_000;
		let ready = false;
		while (!exited && Date.now() < deadline) {
			try {
				const response = await fetch(`${url}-/ping`);
				await response.arrayBuffer();
				if (response.ok) {
					ready = true;
					break;
				}
			} catch {
				// not listening yet
			}
			await sleep(200);
		}
		if (ready) break;
		started.kill('SIGKILL');
		const text = existsSync(logFile) ? readFileSync(logFile, 'utf8').slice(-3000) : '';
		if (attempt >= 3 || !/EADDRINUSE/.test(text))
			throw new Error(`the local npm registry did not start:\n${text}`);
	}
	log(`local npm registry (Verdaccio) on ${url}; log ${logFile}`);
	const process_ = child;

	// The publisher's account: Verdaccio's htpasswd plugin creates it on the first "npm adduser" request and answers
	// with the token npm then sends.
	const userResponse = await fetch(`${url}-/user/org.couchdb.user:${PUBLISHER.name}`, {
		method: 'PUT',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({
			name: PUBLISHER.name,
			password: PUBLISHER.password,
			type: 'user',
			roles: [],
		}),
	});
	const user = (await userResponse.json()) as { token?: string; error?: string };
	if (!userResponse.ok || !user.token)
		throw new Error(`the local registry refused the publisher account: ${JSON.stringify(user)}`);
	const authArg = `--${url.replace(/^http:/, '')}:_authToken=${user.token}`;

	const npmEnv = (): Record<string, string> => ({ npm_config_registry: url });

	return {
		url,
		logFile,
		npmEnv,
		publish: async (tarball: string) => {
			const out = await run(
				'npm',
				[
					'publish',
					tarball,
					'--registry',
					url,
					authArg,
					'--json',
					'--access',
					'public',
					'--ignore-scripts',
				],
				{
					cwd: options.dir,
					env: cleanEnv(),
					timeoutMs: 120_000,
				},
			);
			// npm 10 prints the package's summary, npm 11 an object keyed by the package name.
			type Summary = { id?: string; name?: string; version?: string };
			const parsed = JSON.parse(out.slice(out.indexOf('{'))) as Summary | Record<string, Summary>;
			const summary = (
				typeof parsed.id === 'string' ? parsed : Object.values(parsed)[0]
			) as Summary;
			const id = summary.id ?? `${summary.name}@${summary.version}`;
			log(`published ${id} to ${url}`);
			return id;
		},
		versions: async (packageName: string) => {
			const response = await fetch(`${url}${encodeURIComponent(packageName).replace('%40', '@')}`);
			if (response.status === 404) return [];
			const packument = (await response.json()) as {
				versions?: Record<string, unknown>;
				time?: Record<string, string>;
			};
			const time = packument.time ?? {};
			return Object.keys(packument.versions ?? {}).sort((a, b) =>
				(time[a] ?? '').localeCompare(time[b] ?? ''),
			);
		},
		stop: async () => {
			if (process_.exitCode !== null || process_.signalCode !== null) return;
			const exited = new Promise((r) => process_.once('exit', r));
			process_.kill('SIGTERM');
			await Promise.race([exited, sleep(5000)]);
			if (process_.exitCode === null && process_.signalCode === null) process_.kill('SIGKILL');
		},
	};
}

/**
 * The same package under another version: the tarball unpacked, `version` in its package.json replaced, packed
 * again into `destDir`. Returns the new tarball's path.
 */
export async function withVersion(
	tarball: string,
	version: string,
	destDir: string,
): Promise<string> {
	const work = mkdtempSync(join(destDir, 'repack-'));
	try {
		await run('tar', ['-xzf', tarball, '-C', work], { cwd: work, env: cleanEnv() });
		const pkgFile = join(work, 'package', 'package.json');
		const pkg = JSON.parse(readFileSync(pkgFile, 'utf8')) as { version: string };
		pkg.version = version;
		writeFileSync(pkgFile, JSON.stringify(pkg, null, 2) + '\n');
		const out = await run(
			'npm',
			['pack', '--json', '--ignore-scripts', '--pack-destination', destDir],
			{
				cwd: join(work, 'package'),
				env: cleanEnv(),
				timeoutMs: 120_000,
			},
		);
		const parsed = JSON.parse(out.slice(out.indexOf('['))) as Array<{ filename: string }>;
		return join(destDir, parsed[0].filename);
	} finally {
		rmSync(work, { recursive: true, force: true });
	}
}
