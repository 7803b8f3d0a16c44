/**
 * Reading the headers of an Adobe ANSWER (pure, no n8n import): the plain object n8n's request helpers
 * return (`IN8nHttpFullResponse.headers`, lower-case names from Node, several values as an array).
 * Used by the transport, the error reader and the journal (Link, Retry-After).
 *
 * Not for incoming webhook requests: `webhook/headers.ts` reads those and reports a repeated header as
 * `duplicate`, because a security-relevant request header must never be guessed from an ambiguous value.
 */

export type HeaderValue = string | string[] | number | undefined | null;

/** Case-insensitive lookup; the raw value (an array when the header came several times, e.g. Link). */
export function getHeader(headers: unknown, name: string): HeaderValue {
	if (headers === null || typeof headers !== 'object') return undefined;
	const wanted = name.toLowerCase();
	for (const [key, value] of Object.entries(headers as Record<string, unknown>)) {
		if (key.toLowerCase() !== wanted) continue;
		if (typeof value === 'string' || typeof value === 'number') return value;
		if (Array.isArray(value)) return value.map((v) => String(v));
	}
	return undefined;
}

/** The header as one string: its first value when it came several times; undefined when absent. */
export function headerValue(headers: unknown, name: string): string | undefined {
	const value = getHeader(headers, name);
	if (value === undefined || value === null) return undefined;
	if (Array.isArray(value)) return value.length > 0 ? value[0] : undefined;
	return String(value);
}
