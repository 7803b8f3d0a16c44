/**
 * Validation of the public-key paths Adobe sends in `x-adobe-public-key1-path` /
 * `x-adobe-public-key2-path` (pure, no n8n import).
 *
 * Only `/prod/keys/pub-key-<id>.pem` and `/stage/keys/pub-key-<id>.pem` are accepted — and of those
 * only the folder of the credential's environment (`folders`) — and the key
 * URL is always built on the pinned key host (production `https://static.adobeioevents.com`, or
 * the Custom key host configured in the credential). Anything else — `@evil.example/x.pem`
 * (which naive string concatenation turns into host `evil.example`), `/../`, `http:`, absolute
 * URLs, encoded characters, query strings — is rejected.
 */

export const ADOBE_PUBLIC_KEY_BASE_URL = 'https://static.adobeioevents.com';

/** `<id>` is observed as 10 alphanumerics; docs also say "random uuid". Be strict but tolerant of both. */
const KEY_PATH_PATTERN = /^\/(prod|stage)\/keys\/pub-key-[A-Za-z0-9_-]{1,64}\.pem$/;

/** Adobe's key folders: production deliveries are signed with `/prod/keys/…`, stage ones with `/stage/keys/…`. */
export type KeyFolder = 'prod' | 'stage';
export const ALL_KEY_FOLDERS: readonly KeyFolder[] = ['prod', 'stage'];

export type KeyPathResult = { ok: true; url: string } | { ok: false; reason: string };

/**
 * Parses and normalises the key host base URL (origin plus optional path prefix, no query).
 * Returns `undefined` when it is not a usable http(s) URL.
 */
export function normaliseKeyBaseUrl(base: string): string | undefined {
	let parsed: URL;
	try {
		parsed = new URL(base);
	} catch {
		return undefined;
	}
	if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return undefined;
	if (parsed.username || parsed.password || parsed.search || parsed.hash) return undefined;
	const prefix = parsed.pathname.replace(/\/+$/, '');
	return `${parsed.origin}${prefix}`;
}

/**
 * Builds the key URL for a header value, or explains why the path is refused.
 * `keyBaseUrl` must come from configuration (credential), never from the request.
 *
 * Safety argument: the path matches `/(prod|stage)/keys/pub-key-[A-Za-z0-9_-]+.pem` exactly (no
 * `@`, `:`, `%`, `?`, `#`, `\\`, `.` segments or second `/` run), and the base is a parsed,
 * normalised origin plus path prefix without userinfo, query or fragment — so the
 * concatenation is always a URL on the pinned origin (property-tested).
 */
export function resolveKeyUrl(
	path: string,
	keyBaseUrl: string = ADOBE_PUBLIC_KEY_BASE_URL,
	folders: readonly KeyFolder[] = ALL_KEY_FOLDERS,
): KeyPathResult {
	if (typeof path !== 'string' || path.length === 0)
		return { ok: false, reason: 'missing key path' };
	if (path.length > 200) return { ok: false, reason: 'key path too long' };
	const match = KEY_PATH_PATTERN.exec(path);
	if (!match) {
		return { ok: false, reason: 'key path not of the form /prod/keys/pub-key-<id>.pem' };
	}
	if (!folders.includes(match[1] as KeyFolder)) {
		return {
			ok: false,
			reason: `key path in /${match[1]}/keys/, which this environment does not use`,
		};
	}
	const base = normaliseKeyBaseUrl(keyBaseUrl);
	if (!base) return { ok: false, reason: 'key host is not a valid http(s) URL' };
	return { ok: true, url: `${base}${path}` };
}
