/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test code: reads the repository's markdown files, located from __dirname */
/**
 * The README, CONTRIBUTING, CHANGELOG and docs/ pages: every relative link and image resolves to a file of the
 * repository, every `#anchor` to a heading of its page, and the README keeps the fixed section order other pages,
 * node descriptions and error messages link to.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

import {
	githubSlug,
	headingAnchors,
	markdownLinks,
	readMarkdown,
	sectionHeadings,
} from '../helpers/markdown-links';

const ROOT = resolve(__dirname, '..', '..');

/** The README's `##` sections, in order (their anchors are linked from node descriptions and docs). */
const README_SECTIONS = [
	'Try it without Adobe',
	'What it does',
	'Requirements',
	'Install',
	'Credentials',
	'Your first workflow',
	'Watch Events trigger',
	'Journal Trigger',
	'Action node',
	'Examples',
	'Public URL and reverse proxies',
	'When events stop arriving',
	'Guarantees and compatibility',
	'Links',
];

const README_LIMIT_BYTES = 25_000;

const pages = [
	'README.md',
	'CONTRIBUTING.md',
	'CHANGELOG.md',
	...readdirSync(join(ROOT, 'docs'))
		.filter((f) => f.endsWith('.md'))
		.map((f) => `docs/${f}`),
	'test/ui/README.md',
	'test/emulator/README.md',
].filter((page) => existsSync(join(ROOT, page)));

describe('markdown links', () => {
	it('finds the pages and their links (the checks below are not empty)', () => {
		expect(pages).toEqual(
			expect.arrayContaining(['README.md', 'CONTRIBUTING.md', 'docs/compatibility.md']),
		);
		const readmeLinks = markdownLinks(readMarkdown(join(ROOT, 'README.md')));
		expect(readmeLinks.filter((l) => l.image).length).toBeGreaterThan(0);
		expect(readmeLinks.filter((l) => l.target.startsWith('docs/')).length).toBeGreaterThan(5);
	});

	it.each(pages)('%s: every relative link and image resolves, anchors included', (page) => {
		const file = join(ROOT, page);
		const broken: string[] = [];
		for (const link of markdownLinks(readMarkdown(file))) {
			if (/^[a-z][a-z0-9+.-]*:/i.test(link.target)) continue; // https:, mailto:
			const [pathPart, anchor] = link.target.split('#', 2);
			const targetFile =
				pathPart === '' ? file : resolve(dirname(file), decodeURIComponent(pathPart));
			const where = `${page}:${link.line} → ${link.target}`;
			if (!targetFile.startsWith(ROOT + '/') && targetFile !== ROOT) {
				broken.push(`${where} (outside the repository)`);
				continue;
			}
			if (!existsSync(targetFile)) {
				broken.push(`${where} (no file ${relative(ROOT, targetFile)})`);
				continue;
			}
			if (link.image && !statSync(targetFile).isFile()) broken.push(`${where} (not a file)`);
			if (anchor !== undefined && anchor !== '') {
				if (!targetFile.endsWith('.md')) continue;
				if (!headingAnchors(readMarkdown(targetFile)).includes(anchor))
					broken.push(`${where} (no heading with anchor #${anchor})`);
			}
		}
		expect(broken).toEqual([]);
	});
});

describe('README', () => {
	const readme = readMarkdown(join(ROOT, 'README.md'));

	it('has the fixed sections, in order', () => {
		expect(sectionHeadings(readme)).toEqual(README_SECTIONS);
		expect(README_SECTIONS.map(githubSlug)).toEqual(
			expect.arrayContaining([
				'try-it-without-adobe',
				'journal-trigger',
				'public-url-and-reverse-proxies',
			]),
		);
	});

	it(`stays under ${README_LIMIT_BYTES} bytes (deep material lives in docs/)`, () => {
		expect(Buffer.byteLength(readme, 'utf8')).toBeLessThanOrEqual(README_LIMIT_BYTES);
	});

	it('keeps the two set-up commands near the top', () => {
		const top = readme.split('\n## What it does')[0];
		expect(top).toContain('npm ci && npm run demo');
		expect(top).toContain('npm ci && npm test');
	});
});

describe('githubSlug', () => {
	it.each([
		['Public URL and reverse proxies', 'public-url-and-reverse-proxies'],
		[
			'*Adobe I/O Events API* — OAuth Server-to-Server (recommended)',
			'adobe-io-events-api--oauth-server-to-server-recommended',
		],
		['Scaling (queue mode)', 'scaling-queue-mode'],
		['`npm test` & CI', 'npm-test--ci'],
	])('%s → %s', (heading, slug) => {
		expect(githubSlug(heading)).toBe(slug);
	});
});
