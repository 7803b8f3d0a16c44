/**
 * adobeApiRequestAllItems: a HAL collection read page by page, bounded.
 */
import { NodeOperationError, type IDataObject } from 'n8n-workflow';

import type { AdobeFunctions } from './context';
import { adobeApiRequest, type AdobeRequest } from './request';
import { openAdobeSession } from './session';

/** default bound of adobeApiRequestAllItems */
export const DEFAULT_MAX_PAGES = 100;

/**
 * GETs a HAL collection and follows `_links.next` until there is none, `limit` items were read,
 * or `maxPages` pages were read (then it fails: the result would be silently incomplete).
 * Items are read from `_embedded[embeddedKey]`.
 */
export async function adobeApiRequestAllItems(
	this: AdobeFunctions,
	req: AdobeRequest,
	embeddedKey: string,
	limit?: number,
	options: { maxPages?: number } = {},
): Promise<IDataObject[]> {
	const maxPages = Math.max(1, options.maxPages ?? DEFAULT_MAX_PAGES);
	const items: IDataObject[] = [];
	const seen = new Set<string>();
	// one credential lookup for all pages
	const session = req.session ?? (await openAdobeSession.call(this));
	let request: AdobeRequest = { ...req, session, returnFullResponse: false };
	let pages = 0;
	for (;;) {
		pages++;
		const body = await adobeApiRequest.call(this, request);
		const embedded = (body._embedded ?? {}) as IDataObject;
		const pageItems = Array.isArray(embedded[embeddedKey]) ? (embedded[embeddedKey] as IDataObject[]) : [];
		items.push(...pageItems);
		if (limit !== undefined && items.length >= limit) return items.slice(0, limit);
		const links = (body._links ?? {}) as IDataObject;
		const next = (links.next as IDataObject | undefined)?.href;
		if (typeof next !== 'string' || next === '' || pageItems.length === 0) return items;
		const page = body.page as IDataObject | undefined;
		if (page && Number(page.number) >= Number(page.totalPages) - 1) return items;
		const nextUrl = new URL(next, `${session.ctx.urls.api}/`).toString();
		if (seen.has(nextUrl)) return items;
		seen.add(nextUrl);
		if (pages >= maxPages) {
			throw new NodeOperationError(
				this.getNode(),
				`Adobe returned more than ${maxPages} pages of ${embeddedKey}; stopped to stay within bounds.`,
				{ description: 'Set a Limit, or narrow the request with filters.' },
			);
		}
		request = { ...req, session, path: undefined, url: nextUrl, qs: undefined, returnFullResponse: false };
	}
}
