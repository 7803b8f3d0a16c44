/**
 * Header access for webhook deliveries (pure, no n8n import).
 *
 * Node lower-cases incoming header names, but callers (tests, proxies, other runtimes) may pass
 * any case, so lookups are case-insensitive. A header that arrives more than once is either an
 * array (Node keeps some as arrays) or a single value joined with ", " — both are reported as
 * `duplicate` so security-relevant headers are never guessed from an ambiguous value.
 */

export type HeaderBag = Record<string, string | string[] | undefined>;

export type HeaderValue =
	| { state: 'missing' }
	| { state: 'duplicate' }
	| { state: 'present'; value: string };

/** Longest header value we look at; anything longer is treated as missing/invalid by callers. */
export const MAX_HEADER_VALUE_LENGTH = 4096;

export function readHeader(headers: HeaderBag | undefined, name: string): HeaderValue {
	if (!headers) return { state: 'missing' };
	const wanted = name.toLowerCase();
	let found: string | string[] | undefined;
	let hits = 0;
	for (const key of Object.keys(headers)) {
		if (key.toLowerCase() !== wanted) continue;
		const value = headers[key];
		if (value === undefined) continue;
		hits++;
		found = value;
	}
	if (hits === 0 || found === undefined) return { state: 'missing' };
	if (hits > 1) return { state: 'duplicate' };
	if (Array.isArray(found)) {
		if (found.length === 0) return { state: 'missing' };
		if (found.length > 1) return { state: 'duplicate' };
		found = found[0];
	}
	const value = found.trim();
	if (value.length === 0) return { state: 'missing' };
	return { state: 'present', value };
}

/** The value of a header when present exactly once, else `undefined`. */
export function headerValue(headers: HeaderBag | undefined, name: string): string | undefined {
	const h = readHeader(headers, name);
	return h.state === 'present' ? h.value : undefined;
}

/**
 * All headers of one request indexed by lower-case name in a single pass, so several lookups
 * on the hot path cost one Map access each. Same semantics as `readHeader`.
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
