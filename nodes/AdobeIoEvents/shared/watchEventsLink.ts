/**
 * THE link between a Watch Events trigger and the Journal Trigger that backs it up in the same workflow
 * (Journal Trigger → Registration → "The Watch Events Trigger in This Workflow"). Pure: no n8n runtime
 * import, no I/O.
 *
 * A node can only read its own static data and the workflow's global static data. So the Watch Events
 * trigger's lifecycle hooks (which create, adopt, move or re-create its registration) publish what the
 * Journal Trigger needs in the global static data, under one key: per trigger node, the registration it
 * uses and every delivery URL of the node (a registration on any of them is the trigger's; after the
 * trigger re-created it, the Journal Trigger finds the new one by URL). Written only by the lifecycle
 * hooks, never by webhook() (n8n saves a webhook request's static data as a whole blob after the
 * response: last writer wins).
 *
 * The link is a hint, not the truth: n8n 2.x registers webhook and polling triggers of a workflow in
 * parallel and keeps an unchanged polling trigger running with the static data it was activated with, so
 * the Journal Trigger may read a link that is not there yet or is stale; it checks it against Adobe
 * (a journal that is gone → look the registration up by the link's URLs).
 */
import type { IDataObject } from 'n8n-workflow';

import { isRecord } from './guards';

/** The key in the workflow's global static data. */
export const LINKS_KEY = 'adobeIoEventsWatchEvents';
/** Watch Events triggers per workflow whose link is kept (the oldest is dropped beyond it). */
export const MAX_LINKS = 20;
/** Delivery URLs kept per link (one per Acknowledge mode today). */
export const MAX_LINK_URLS = 4;
const MAX_TEXT = 2_048;

export interface WatchEventsLink {
	/** the node's id (its name when it has none): the scope key of its delivery state */
	nodeKey: string;
	nodeName: string;
	registrationId: string;
	/** every delivery URL of the node, the one the registration uses first */
	urls: string[];
	/** epoch ms (n8n's clock) when the trigger created this registration; absent for an adopted one */
	createdAt?: number;
}

function text(value: unknown): string | undefined {
	return typeof value === 'string' && value.length > 0 && value.length <= MAX_TEXT
		? value
		: undefined;
}

function readLink(value: unknown): WatchEventsLink | undefined {
	if (!isRecord(value)) return undefined;
	const nodeKey = text(value.nodeKey);
	const nodeName = text(value.nodeName);
	const registrationId = text(value.registrationId);
	if (!nodeKey || !nodeName || !registrationId) return undefined;
	const urls = (Array.isArray(value.urls) ? value.urls : [])
		.map(text)
		.filter((url): url is string => url !== undefined)
		.slice(0, MAX_LINK_URLS);
	const link: WatchEventsLink = { nodeKey, nodeName, registrationId, urls };
	if (typeof value.createdAt === 'number' && Number.isFinite(value.createdAt))
		link.createdAt = value.createdAt;
	return link;
}

/** Every readable link in the workflow's global static data (anything malformed is skipped). */
export function readLinks(global: unknown): WatchEventsLink[] {
	if (!isRecord(global)) return [];
	const stored = global[LINKS_KEY];
	if (!isRecord(stored)) return [];
	return Object.values(stored)
		.map(readLink)
		.filter((link): link is WatchEventsLink => link !== undefined)
		.slice(-MAX_LINKS);
}

/** Publishes (or replaces) the link of one trigger node; keeps at most MAX_LINKS. Mutates `global`. */
export function writeLink(global: IDataObject, link: WatchEventsLink): void {
	const stored = isRecord(global[LINKS_KEY]) ? { ...(global[LINKS_KEY] as IDataObject) } : {};
	delete stored[link.nodeKey];
	const value: IDataObject = {
		nodeKey: link.nodeKey,
		nodeName: link.nodeName,
		registrationId: link.registrationId,
		urls: link.urls.slice(0, MAX_LINK_URLS),
	};
	if (link.createdAt !== undefined) value.createdAt = link.createdAt;
	stored[link.nodeKey] = value;
	const keys = Object.keys(stored);
	for (const key of keys.slice(0, Math.max(0, keys.length - MAX_LINKS))) delete stored[key];
	global[LINKS_KEY] = stored;
}

/** Removes the link of one trigger node (its registration was deleted). Mutates `global`. */
export function removeLink(global: IDataObject, nodeKey: string): void {
	if (!isRecord(global[LINKS_KEY])) return;
	const stored = { ...(global[LINKS_KEY] as IDataObject) };
	if (!(nodeKey in stored)) return;
	delete stored[nodeKey];
	if (Object.keys(stored).length === 0) delete global[LINKS_KEY];
	else global[LINKS_KEY] = stored;
}

/**
 * The link a Journal Trigger backs up. `connected`: the Watch Events trigger nodes that feed the same
 * next node as the Journal Trigger; when there are any, only their links count (none yet: the trigger
 * has not registered yet). Otherwise the only link of the workflow. `ambiguous` lists the node names
 * when more than one link is left.
 */
export function chooseLink(
	links: WatchEventsLink[],
	connected: string[],
): { link?: WatchEventsLink; ambiguous?: string[] } {
	const candidates =
		connected.length > 0 ? links.filter((link) => connected.includes(link.nodeName)) : links;
	if (candidates.length === 1) return { link: candidates[0] };
	if (candidates.length === 0) return {};
	return { ambiguous: candidates.map((link) => link.nodeName) };
}
