/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test code: reads the repository's files, located from __dirname */
/**
 * examples/README.md describes every example: a section per workflow file with its link, what it needs and
 * its canvas picture (docs/examples/<example>.png, taken by test/ui/examples.ui.test.ts), and names no file
 * that does not exist. (That every example is run: test/e2e/examples.e2e.test.ts.)
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');
const EXAMPLES = join(ROOT, 'examples');
const readme = readFileSync(join(EXAMPLES, 'README.md'), 'utf8');
const files = readdirSync(EXAMPLES).filter((f) => f.endsWith('.json'));

describe('examples/README.md', () => {
	it('examples/ holds workflows and this README only', () => {
		expect(readdirSync(EXAMPLES).filter((f) => f !== 'README.md' && !f.endsWith('.json'))).toEqual([]);
		expect(files.length).toBeGreaterThan(0);
	});

	it.each(files)('%s: linked, with what it needs and its picture', (file) => {
		expect(readme).toContain(`](${file})`);
		const picture = `../docs/examples/${file.replace(/\.json$/, '.png')}`;
		expect(readme).toContain(`](${picture})`);
		expect({ picture, exists: existsSync(resolve(EXAMPLES, picture)) }).toEqual({ picture, exists: true });
		// the file's section (up to the next heading) says what a user must bring
		const section = readme.slice(readme.indexOf(`](${file})`)).split('\n## ')[0];
		expect(section).toContain('**You need:**');
	});

	it('links only files that exist', () => {
		const targets = [...readme.matchAll(/\]\(([^)#]+)\)/g)].map((m) => m[1]).filter((t) => !/^[a-z]+:/.test(t));
		expect(targets.filter((t) => !existsSync(resolve(EXAMPLES, t)))).toEqual([]);
	});
});
