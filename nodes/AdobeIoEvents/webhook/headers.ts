/**
 * Header access for webhook deliveries (pure, no n8n import).
 *
 * Node lower-cases incoming header names, but callers (tests, proxies, other runtimes) may pass
 * any case, so lookups are case-insensitive. A header that arrives more than once reaches us either
 * as an array (kept by Node for some headers, and by other runtimes) or as the same name in two
 * cases — both are reported as `duplicate` — or as ONE value joined with ", " by Node. A joined
 * value is returned as it is: no valid signature (base64) or key path contains ", ", so it then
 * fails verification (401) instead of being guessed apart.
 */

export type HeaderBag = Record<string, string | string[] | undefined>;

export type HeaderValue =
	| { state: 'missing' }
	| { state: 'duplicate' }
	| { state: 'present'; value: string };

/** Longest header value we look at; anything longer is treated as missing/invalid by callers. */
export const MAX_HEADER_VALUE_LENGTH = 4096;

/**
 * All headers of one request indexed by lower-case name in a single pass, so several lookups
 * on the hot path cost one Map access each.
 */
export class HeaderIndex {
	private readonly values = new Map<string, HeaderValue>();

	constructor(headers: HeaderBag | undefined) {
		if (!headers) return;
		for (const key of Object.keys(headers)) {
			const raw = headers[key];
			if (raw === undefined) continue;
			const name = key.toLowerCase();
			if (this.values.has(name)) {
				this.values.set(name, { state: 'duplicate' });
				continue;
			}
			let value: string | undefined;
			if (Array.isArray(raw)) {
				if (raw.length > 1) {
					this.values.set(name, { state: 'duplicate' });
					continue;
				}
				value = raw[0];
			} else {
				value = raw;
			}
			const trimmed = typeof value === 'string' ? value.trim() : '';
			this.values.set(
				name,
				trimmed.length === 0 ? { state: 'missing' } : { state: 'present', value: trimmed },
			);
		}
	}

	get(name: string): HeaderValue {
		return this.values.get(name.toLowerCase()) ?? { state: 'missing' };
	}
}

/** One header's state (for several lookups on one request, build a `HeaderIndex` once). */
export function readHeader(headers: HeaderBag | undefined, name: string): HeaderValue {
	return new HeaderIndex(headers).get(name);
}

/** The value of a header when present exactly once, else `undefined`. */
export function headerValue(
	headers: HeaderBag | HeaderIndex | undefined,
	name: string,
): string | undefined {
	const h = headers instanceof HeaderIndex ? headers.get(name) : readHeader(headers, name);
	return h.state === 'present' ? h.value : undefined;
}
