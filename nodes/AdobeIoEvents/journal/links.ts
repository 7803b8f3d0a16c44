/**
 * RFC 8288 `Link` header parsing for the Journaling API.
 *
 * Adobe sends root-relative targets (`</events/organizations/…?since=…>; rel="next"`), possibly as several
 * `Link` headers (which HTTP clients may join with ", " or hand over as an array). Targets are resolved
 * against the journal URL, and only targets on the journal's own origin are kept: the trigger sends its
 * Adobe credentials to whatever `next` says, so a link to another host is never followed.
 */
import { getHeader, type HeaderValue } from '../transport/headers';

/** Splits one Link header value into its link-values, honouring `<…>` and quoted strings. */
function splitLinkValues(value: string): string[] {
	const parts: string[] = [];
	let start = 0;
	let inAngle = false;
	let inQuote = false;
	for (let i = 0; i < value.length; i++) {
		const ch = value.charCodeAt(i);
		if (inQuote) {
			if (ch === 92 /* \ */) i++;
			else if (ch === 34 /* " */) inQuote = false;
		} else if (ch === 60 /* < */) inAngle = true;
		else if (ch === 62 /* > */) inAngle = false;
		else if (ch === 34 && !inAngle) inQuote = true;
		else if (ch === 44 /* , */ && !inAngle) {
			parts.push(value.slice(start, i));
			start = i + 1;
		}
	}
	parts.push(value.slice(start));
	const trimmed: string[] = [];
	for (const part of parts) {
		const t = part.trim();
		if (t.length > 0) trimmed.push(t);
	}
	return trimmed;
}

function unquote(value: string): string {
	const v = value.trim();
	if (v.length >= 2 && v.startsWith('"') && v.endsWith('"')) {
		return v.slice(1, -1).replace(/\\(.)/g, '$1');
	}
	return v;
}

/** Returns `rel` → raw (unresolved) target for every link in the header(s). First occurrence of a rel wins. */
export function parseLinkHeader(header: HeaderValue): Record<string, string> {
	const result: Record<string, string> = {};
	if (header === undefined || header === null) return result;
	const values = Array.isArray(header) ? header : [String(header)];
	for (const headerValue of values) {
		for (const linkValue of splitLinkValues(String(headerValue))) {
			const match = /^<([^>]*)>(.*)$/s.exec(linkValue);
			if (!match) continue;
			const target = match[1].trim();
			for (const param of match[2].split(';')) {
				const eq = param.indexOf('=');
				if (eq === -1) continue;
				if (param.slice(0, eq).trim().toLowerCase() !== 'rel') continue;
				// rel may hold several space-separated relation types
				for (const rel of unquote(param.slice(eq + 1))
					.toLowerCase()
					.split(/\s+/)) {
					if (rel && result[rel] === undefined) result[rel] = target;
				}
			}
		}
	}
	return result;
}

/**
 * Resolves `target` (root-relative, relative or absolute) against `baseUrl`.
 * Returns undefined when it cannot be parsed or points at another origin than `baseUrl`.
 */
export function resolveSameOrigin(target: string, baseUrl: string): string | undefined {
	let base: URL;
	let resolved: URL;
	try {
		base = new URL(baseUrl);
		resolved = new URL(target, base);
	} catch {
		return undefined;
	}
	if (resolved.origin !== base.origin) return undefined;
	return resolved.toString();
}

/** The absolute, same-origin `rel="next"` target of a journal response, if any. */
export function nextLinkOf(headers: unknown, journalUrl: string): string | undefined {
	const next = parseLinkHeader(getHeader(headers, 'link')).next;
	return next === undefined ? undefined : resolveSameOrigin(next, journalUrl);
}
