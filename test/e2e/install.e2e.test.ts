/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test code: runs outside n8n, reads the README and the installed files, needs process.env */
/**
 * The README's install commands, run as written (read from README.md) against a local npm registry that holds the
 * packed package, then a real n8n started on the folder they filled:
 *
 *   - "With npm (without the UI)": `mkdir -p ~/.n8n/nodes && cd ~/.n8n/nodes`, `npm install … n8n-nodes-adobe-io-events`,
 *     restart n8n → its three nodes and two credentials are loaded, and no second `n8n-workflow` sits beside them;
 *   - "Docker / Docker Compose": the command the README has `docker compose exec` run inside n8n's container, run in
 *     the image's folder layout (`/home/node/.n8n/nodes` → `<tmp>/home/node/.n8n/nodes`) — the same files as the npm
 *     install. (No Docker engine here: the container, the volume and `docker compose restart` are not run.)
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { startLocalRegistry, type LocalRegistry } from '../../scripts/n8n/registry';
import { cleanEnv, run } from '../../scripts/n8n/runtime';
import {
	ACTION_NODE_TYPE,
	CREDENTIAL_TYPE,
	JOURNAL_NODE_TYPE,
	PACKAGE_NAME,
	REPO_ROOT,
	TRIGGER_NODE_TYPE,
	type Stack,
} from '../../scripts/n8n/stack';
import { codeBlocksUnder } from '../helpers/markdown-links';
import { e2eLog, startE2eStack } from './helpers';

const README = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
const NODE_TYPES = [ACTION_NODE_TYPE, JOURNAL_NODE_TYPE, TRIGGER_NODE_TYPE].sort();

/** The shell lines of the README's npm install block, comments and the "restart n8n" note left out. */
function npmInstallCommands(): string {
	const [block] = codeBlocksUnder(README, 'With npm (without the UI)').filter(
		(b) => b.lang === 'bash',
	);
	if (!block) throw new Error('README.md has no bash block under "With npm (without the UI)"');
	return block.code
		.split('\n')
		.map((line) => line.replace(/\s+#.*$/, '').trim())
		.filter((line) => line !== '' && !line.startsWith('#'))
		.join(' && ');
}

/** What the README's `docker compose exec n8n sh -c '…'` runs inside the container. */
function dockerExecCommand(): string {
	const blocks = codeBlocksUnder(README, 'Docker / Docker Compose').filter(
		(b) => b.lang === 'bash',
	);
	const line = blocks
		.flatMap((b) => b.code.split('\n'))
		.find((l) => l.includes('docker compose exec'));
	const inner = line ? /sh -c '([^']+)'/.exec(line)?.[1] : undefined;
	if (!inner)
		throw new Error(
			'README.md has no `docker compose exec … sh -c \'…\'` under "Docker / Docker Compose"',
		);
	return inner;
}

function installedVersion(nodesDir: string): string {
	return (
		JSON.parse(
			readFileSync(join(nodesDir, 'node_modules', PACKAGE_NAME, 'package.json'), 'utf8'),
		) as { version: string }
	).version;
}

describe("the README's install commands (npm, Docker) against a local npm registry, then a real n8n", () => {
	let workDir: string;
	let registry: LocalRegistry;
	let stack: Stack;
	let version: string;

	beforeAll(async () => {
		const tarball = process.env.ADOBE_E2E_TARBALL;
		if (!tarball) throw new Error('no packed package: the global setup sets ADOBE_E2E_TARBALL');
		workDir = mkdtempSync(join(tmpdir(), 'adobe-io-events-install-'));
		registry = await startLocalRegistry({ dir: join(workDir, 'registry'), log: e2eLog });
		version = (await registry.publish(tarball)).split('@').pop()!;
		// n8n with nothing installed (its user folder is <workDir>/n8n-home); stopped while npm fills it.
		stack = await startE2eStack({ workDir, emulator: false, communityRegistry: registry.url });
		await stack.stopN8n();
	}, 300_000);

	afterAll(async () => {
		await stack?.stop();
		await registry?.stop();
		if (workDir && process.env.E2E_KEEP !== '1') rmSync(workDir, { recursive: true, force: true });
	}, 120_000);

	it('"With npm": the README\'s commands install the package, and n8n loads its nodes and credentials after a restart', async () => {
		const commands = npmInstallCommands();
		expect(commands).toMatch(
			/^mkdir -p ~\/\.n8n\/nodes && cd ~\/\.n8n\/nodes && npm install .*n8n-nodes-adobe-io-events$/,
		);
		// `~` is the home of the user n8n runs as; n8n's user folder is ~/.n8n.
		const nodesDir = join(stack.userFolder, '.n8n', 'nodes');
		rmSync(nodesDir, { recursive: true, force: true });
		await run('sh', ['-c', commands], {
			cwd: workDir,
			env: { ...cleanEnv(), HOME: stack.userFolder, ...registry.npmEnv() },
			timeoutMs: 180_000,
		});
		expect(installedVersion(nodesDir)).toBe(version);
		// n8n provides n8n-workflow; a copy beside the package would shadow it.
		expect(existsSync(join(nodesDir, 'node_modules', 'n8n-workflow'))).toBe(false);

		await stack.startN8n();
		const loaded = await stack.client.nodeTypes(NODE_TYPES.map((name) => ({ name, version: 1 })));
		// n8n 2.40 answers with the names without the package prefix.
		expect(loaded.map((t) => (t.name.startsWith(`${PACKAGE_NAME}.`) ? t.name : `${PACKAGE_NAME}.${t.name}`)).sort()).toEqual(
			NODE_TYPES,
		);
		for (const type of [CREDENTIAL_TYPE, 'adobeIoEventsOAuth2Api'])
			expect(await stack.client.credentialSchema(type)).toEqual(
				expect.objectContaining({ type: 'object' }),
			);
	}, 300_000);

	it('"Docker": the command run inside the container installs the same files in the image\'s folder layout', async () => {
		const command = dockerExecCommand();
		expect(command).toContain('npm install');
		const home = join(workDir, 'image', 'home', 'node');
		mkdirSync(home, { recursive: true });
		await run('sh', ['-c', command], {
			cwd: home,
			env: { ...cleanEnv(), HOME: home, ...registry.npmEnv() },
			timeoutMs: 180_000,
		});
		const nodesDir = join(home, '.n8n', 'nodes');
		expect(installedVersion(nodesDir)).toBe(version);
		expect(existsSync(join(nodesDir, 'node_modules', 'n8n-workflow'))).toBe(false);
		// The same package.json as the npm install that the n8n above loaded.
		const manifest = (dir: string) =>
			JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as unknown;
		expect(manifest(nodesDir)).toEqual(manifest(join(stack.userFolder, '.n8n', 'nodes')));
	}, 300_000);
});
