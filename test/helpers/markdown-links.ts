/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test helper: reads the repository's markdown files */
/**
 * Reading the repository's markdown pages in tests: `githubSlug` gives the anchor GitHub generates for a heading,
 * `headingAnchors` every anchor of a page (duplicates numbered as GitHub does), `markdownLinks` every link and image
 * target outside code blocks, `codeBlocksUnder` the code blocks of one section (the README's install commands, which
 * a test runs as written).
 */
import { readFileSync } from 'node:fs';

/** The anchor GitHub gives a heading: lower case, punctuation dropped (letters, digits, `-`, `_` kept), spaces → `-`. */
export function githubSlug(heading: string): string {
	return heading
		.trim()
		.toLowerCase()
		.replace(/<[^>]+>/g, '')
		.replace(/[^\p{L}\p{N}\p{M} _-]/gu, '')
		.replace(/ /g, '-');
}

/** Lines outside fenced code blocks, with their 1-based line numbers. */
function proseLines(markdown: string): Array<{ line: number; text: string }> {
	const out: Array<{ line: number; text: string }> = [];
	let fenced = false;
	markdown.split('\n').forEach((text, index) => {
		if (/^\s*(```|~~~)/.test(text)) {
			fenced = !fenced;
			return;
		}
		if (!fenced) out.push({ line: index + 1, text });
	});
	return out;
}

/** Every anchor a page's headings get on GitHub (`#` to `######`), in order. */
export function headingAnchors(markdown: string): string[] {
	const seen = new Map<string, number>();
	const anchors: string[] = [];
	for (const { text } of proseLines(markdown)) {
		const match = /^#{1,6}\s+(.+?)\s*#*\s*$/.exec(text);
		if (!match) continue;
		const base = githubSlug(match[1]);
		const count = seen.get(base) ?? 0;
		seen.set(base, count + 1);
		anchors.push(count === 0 ? base : `${base}-${count}`);
	}
	return anchors;
}

/** The `##` headings of a page, as written. */
export function sectionHeadings(markdown: string): string[] {
	return proseLines(markdown)
		.map(({ text }) => /^##\s+(.+?)\s*$/.exec(text)?.[1])
		.filter((heading): heading is string => heading !== undefined);
}

export interface MarkdownLink {
	line: number;
	target: string;
	image: boolean;
}

/** Every `[text](target)` and `![alt](target)` outside code blocks and inline code. */
export function markdownLinks(markdown: string): MarkdownLink[] {
	const links: MarkdownLink[] = [];
	for (const { line, text } of proseLines(markdown)) {
		const prose = text.replace(/`[^`]*`/g, '');
		for (const match of prose.matchAll(/(!?)\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
			links.push({ line, target: match[2], image: match[1] === '!' });
		}
	}
	return links;
}

export function readMarkdown(file: string): string {
	return readFileSync(file, 'utf8');
}

/** The fenced code blocks between the heading whose text is `heading` (any level) and the next heading. */
export function codeBlocksUnder(
	markdown: string,
	heading: string,
): Array<{ lang: string; code: string }> {
	const blocks: Array<{ lang: string; code: string }> = [];
	let inSection = false;
	let current: { lang: string; lines: string[] } | undefined;
	for (const text of markdown.split('\n')) {
		const fence = /^\s*(```|~~~)\s*([\w-]*)/.exec(text);
		if (current) {
			if (fence) {
				blocks.push({ lang: current.lang, code: current.lines.join('\n') });
				current = undefined;
			} else current.lines.push(text);
			continue;
		}
		const title = /^#{1,6}\s+(.+?)\s*$/.exec(text)?.[1];
		if (title !== undefined) {
			if (inSection) break;
			inSection = title === heading;
			continue;
		}
		if (inSection && fence) current = { lang: fence[2], lines: [] };
	}
	return blocks;
}
