/**
 * THE links from the nodes, the credentials and their error messages to the user's guide (README) and
 * the pages under docs/. Descriptions stay one line and link here for the rest. The README's `##`
 * headings are a fixed contract (README-HEADINGS); test/nodes/AdobeIoEvents/shared/docs.test.ts
 * checks that every link written in the shipped code resolves to an existing file and heading.
 */

export const REPOSITORY_URL = 'https://github.com/n8n-nodes-adobe-io-events/n8n-nodes-adobe-io-events';

/** The README's `##` headings, as GitHub writes their anchors. */
export type ReadmeAnchor =
	| 'try-it-without-adobe'
	| 'what-it-does'
	| 'requirements'
	| 'install'
	| 'credentials'
	| 'your-first-workflow'
	| 'watch-events-trigger'
	| 'journal-trigger'
	| 'action-node'
	| 'examples'
	| 'public-url-and-reverse-proxies'
	| 'when-events-stop-arriving'
	| 'guarantees-and-compatibility'
	| 'links';

/** The pages under docs/ (without `.md`). */
export type DocsPage =
	| 'delivery-guarantees'
	| 'never-miss-an-event'
	| 'output'
	| 'security'
	| 'performance'
	| 'scaling'
	| 'compatibility'
	| 'emulator';

export function readmeUrl(anchor: ReadmeAnchor): string {
	return `${REPOSITORY_URL}#${anchor}`;
}

export function docsPageUrl(page: DocsPage, anchor?: string): string {
	return `${REPOSITORY_URL}/blob/main/docs/${page}.md${anchor ? `#${anchor}` : ''}`;
}

/** Where each topic the nodes point at is explained. */
export const DOCS = {
	publicUrl: readmeUrl('public-url-and-reverse-proxies'),
	watchEvents: readmeUrl('watch-events-trigger'),
	journalTrigger: readmeUrl('journal-trigger'),
	whenEventsStop: readmeUrl('when-events-stop-arriving'),
	credentials: readmeUrl('credentials'),
	actionNode: readmeUrl('action-node'),
	deliveryGuarantees: docsPageUrl('delivery-guarantees'),
	signatureCheck: docsPageUrl('security', 'signature-check-and-the-recipient-rule'),
	security: docsPageUrl('security'),
	output: docsPageUrl('output'),
} as const;

/** An HTML link for a parameter description, notice or trigger panel (opens in a new tab). */
export function docsLink(url: string, text = 'More'): string {
	return `<a href="${url}" target="_blank">${text}</a>`;
}
