/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test code: reads the repository's files, located from __dirname */
/**
 * Every docs link the user meets inside n8n resolves: the codex files (`*.node.json`), the node and credential
 * descriptions (every property, option, notice, hint, the trigger panel, documentationUrl) and the error
 * messages/descriptions under nodes/ and credentials/ (built with shared/docs.ts, or written out). A link to this
 * repository must name an existing file and, with `#anchor`, a heading of it as GitHub writes anchors.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

import { AdobeIoEventsApi } from '../../../../credentials/AdobeIoEventsApi.credentials';
import { AdobeIoEventsOAuth2Api } from '../../../../credentials/AdobeIoEventsOAuth2Api.credentials';
import { AdobeIoEvents } from '../../../../nodes/AdobeIoEvents/AdobeIoEvents.node';
import { AdobeIoEventsJournalTrigger } from '../../../../nodes/AdobeIoEvents/AdobeIoEventsJournalTrigger.node';
import { AdobeIoEventsTrigger } from '../../../../nodes/AdobeIoEvents/AdobeIoEventsTrigger.node';
import {
	DOCS,
	docsPageUrl,
	readmeUrl,
	REPOSITORY_URL,
	type DocsPage,
	type ReadmeAnchor,
} from '../../../../nodes/AdobeIoEvents/shared/docs';
import { headingAnchors, readMarkdown } from '../../../helpers/markdown-links';

const ROOT = resolve(__dirname, '..', '..', '..', '..');

function filesUnder(dir: string, suffix: string): string[] {
	const out: string[] = [];
	for (const entry of readdirSync(dir)) {
		const path = join(dir, entry);
		if (statSync(path).isDirectory()) out.push(...filesUnder(path, suffix));
		else if (entry.endsWith(suffix)) out.push(path);
	}
	return out;
}

/** Every http(s) URL in a text (HTML attributes and prose). */
function urlsIn(text: string): string[] {
	return [...text.matchAll(/https?:\/\/[^\s"'<>`)\]\\]+/g)].map((m) => m[0].replace(/[.,;:]+$/, ''));
}

type Found = { url: string; where: string };

/** Links in the codex files. */
function codexLinks(): Found[] {
	return filesUnder(join(ROOT, 'nodes'), '.node.json').flatMap((file) =>
		urlsIn(readFileSync(file, 'utf8')).map((url) => ({ url, where: relative(ROOT, file) })),
	);
}

/** Links in what n8n shows: node and credential descriptions, every version, nested options included. */
function descriptionLinks(): Found[] {
	const described: Array<[string, unknown]> = [
		['Adobe I/O Events node', new AdobeIoEvents().description],
		['Watch Events trigger', new AdobeIoEventsTrigger().description],
		['Journal Trigger', new AdobeIoEventsJournalTrigger().description],
		['Adobe I/O Events API credential', { ...new AdobeIoEventsApi() }],
		['Adobe I/O Events OAuth2 API credential', { ...new AdobeIoEventsOAuth2Api() }],
	];
	return described.flatMap(([where, description]) =>
		urlsIn(JSON.stringify(description)).map((url) => ({ url, where })),
	);
}

/**
 * Links in the shipped source (error messages and descriptions are built at runtime): every URL written out,
 * every `readmeUrl('…')` / `docsPageUrl('…', '…')` call, and every `DOCS.<topic>` used.
 */
function sourceLinks(): Found[] {
	const found: Found[] = [];
	const files = [...filesUnder(join(ROOT, 'nodes'), '.ts'), ...filesUnder(join(ROOT, 'credentials'), '.ts')];
	for (const file of files) {
		const where = relative(ROOT, file);
		const text = readFileSync(file, 'utf8');
		for (const url of urlsIn(text)) found.push({ url, where });
		for (const m of text.matchAll(/readmeUrl\('([^']+)'\)/g))
			found.push({ url: readmeUrl(m[1] as ReadmeAnchor), where });
		for (const m of text.matchAll(/docsPageUrl\('([^']+)'(?:,\s*'([^']+)')?\)/g))
			found.push({ url: docsPageUrl(m[1] as DocsPage, m[2]), where });
		for (const m of text.matchAll(/\bDOCS\.(\w+)/g)) {
			const url = (DOCS as Record<string, string>)[m[1]];
			expect(url).toBeDefined(); // a topic that does not exist would print "undefined"
			found.push({ url, where });
		}
	}
	return found;
}

/** Why a link to this repository does not resolve ('' when it does). */
function brokenReason(url: string): string {
	if (!url.startsWith(REPOSITORY_URL)) return '';
	const rest = url.slice(REPOSITORY_URL.length);
	const [pathPart, anchor] = rest.split('#') as [string, string | undefined];
	let file: string;
	if (pathPart === '' || pathPart === '/') file = 'README.md';
	else {
		const m = /^\/(?:blob|tree)\/main\/(.+)$/.exec(pathPart);
		if (!m) return `not a link to a file of the repository (${pathPart})`;
		file = decodeURIComponent(m[1]);
	}
	const path = join(ROOT, file);
	if (!existsSync(path)) return `${file} does not exist`;
	if (anchor === undefined) return '';
	if (!file.endsWith('.md')) return `${file} is not a markdown page, so #${anchor} names no heading`;
	const anchors = headingAnchors(readMarkdown(path));
	return anchors.includes(anchor) ? '' : `${file} has no heading #${anchor}`;
}

describe('docs links shipped in the nodes and credentials', () => {
	const all = [...codexLinks(), ...descriptionLinks(), ...sourceLinks()];
	const ours = all.filter((f) => f.url.startsWith(REPOSITORY_URL));

	it('finds the links the user meets (the check below is not empty)', () => {
		const urls = new Set(ours.map((f) => f.url));
		// codex: each node's page and the credential page
		expect(urls).toContain(`${REPOSITORY_URL}#watch-events-trigger`);
		expect(urls).toContain(`${REPOSITORY_URL}#journal-trigger`);
		expect(urls).toContain(`${REPOSITORY_URL}#action-node`);
		expect(urls).toContain(`${REPOSITORY_URL}#credentials`);
		// descriptions and the trigger panel
		expect(descriptionLinks().map((f) => f.url)).toContain(DOCS.publicUrl);
		expect(descriptionLinks().map((f) => f.url)).toContain(DOCS.signatureCheck);
		// error messages (built with DOCS)
		expect(sourceLinks().filter((f) => f.where.endsWith('trigger/errors.ts')).map((f) => f.url)).toEqual(
			expect.arrayContaining([DOCS.publicUrl, DOCS.whenEventsStop]),
		);
		// every topic of DOCS is used somewhere
		for (const url of Object.values(DOCS)) expect(urls).toContain(url);
	});

	it('every link to this repository names an existing file and heading', () => {
		const broken = ours
			.map((f) => ({ ...f, reason: brokenReason(f.url) }))
			.filter((f) => f.reason !== '')
			.map((f) => `${f.where}: ${f.url} — ${f.reason}`);
		expect([...new Set(broken)]).toEqual([]);
	});

	it("n8n's Docs link of each node opens its heading: documentationUrl as the codex names it", () => {
		// n8n (1.x and 2.x) uses a node's documentationUrl as written, but appends ?utm_… to the codex URL —
		// after its #anchor, which then names no heading.
		const nodes: Array<[string, { documentationUrl?: string }]> = [
			['AdobeIoEvents.node.json', new AdobeIoEvents().description],
			['AdobeIoEventsTrigger.node.json', new AdobeIoEventsTrigger().description],
			['AdobeIoEventsJournalTrigger.node.json', new AdobeIoEventsJournalTrigger().description],
		];
		for (const [codexFile, description] of nodes) {
			const codex = JSON.parse(readFileSync(join(ROOT, 'nodes', 'AdobeIoEvents', codexFile), 'utf8')) as {
				resources: { primaryDocumentation: Array<{ url: string }> };
			};
			expect(description.documentationUrl).toBe(codex.resources.primaryDocumentation[0].url);
			expect(description.documentationUrl).toMatch(/^https:\/\/.+#[a-z-]+$/);
		}
	});

	it('the check sees a wrong anchor, a missing page and a foreign path', () => {
		expect(brokenReason(`${REPOSITORY_URL}#journal-trigger-polling`)).toMatch(/no heading #journal-trigger-polling/);
		expect(brokenReason(docsPageUrl('output' as DocsPage, 'x'))).toMatch(/docs\/output\.md (does not exist|has no heading)/);
		expect(brokenReason(`${REPOSITORY_URL}/issues/1`)).toMatch(/not a link to a file/);
		expect(brokenReason(`${REPOSITORY_URL}#journal-trigger`)).toBe('');
		expect(brokenReason(docsPageUrl('security', 'signature-check-and-the-recipient-rule'))).toBe('');
	});
});
