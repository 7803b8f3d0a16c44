/**
 * Parsing URLs typed by users or returned by Adobe (pure, no n8n import): `new URL` throws on
 * anything that is not an absolute URL; these return undefined instead.
 */

/** The URL `value` names, or undefined when it is not a string holding an absolute URL. */
export function parseUrl(value: unknown): URL | undefined {
	if (typeof value !== 'string') return undefined;
	try {
		return new URL(value);
	} catch {
		return undefined;
	}
}

/** Like `parseUrl`, for `http:` and `https:` URLs only. */
export function parseHttpUrl(value: unknown): URL | undefined {
	const url = parseUrl(value);
	return url && (url.protocol === 'https:' || url.protocol === 'http:') ? url : undefined;
}
