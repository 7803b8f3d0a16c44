/**
 * Webhook validation by Adobe (pure, no n8n import).
 *
 * 1. Synchronous challenge: `GET <webhook>?challenge=<value>` must be answered with 200 and the
 *    value, either as `text/plain` or as JSON `{"challenge": "<value>"}`. We only echo values of a
 *    bounded length from a conservative character set, so the endpoint cannot be abused to
 *    reflect arbitrary content.
 * 2. Asynchronous validation: when the challenge fails, Adobe POSTs `{"validationUrl": "..."}`.
 *    The URL may be followed only when its host is Adobe's (`csm.adobe.io`, https) or the Custom
 *    API host configured in the credential — never any host named by the request.
 */

export const MAX_CHALLENGE_LENGTH = 256;
const CHALLENGE_PATTERN = /^[A-Za-z0-9._~:-]+$/;

export const ADOBE_VALIDATION_HOST = 'csm.adobe.io';
export const MAX_VALIDATION_URL_LENGTH = 2048;

export type ChallengeResult =
	| { ok: true; value: string }
	| { ok: false; reason: 'missing' | 'duplicate' | 'too-long' | 'invalid-characters' };

/** Extracts the challenge from a parsed query object (`challenge` may be repeated or an object). */
export function parseChallenge(query: Record<string, unknown> | undefined): ChallengeResult {
	const raw = query?.challenge;
	if (raw === undefined || raw === null || raw === '') return { ok: false, reason: 'missing' };
	if (Array.isArray(raw)) return { ok: false, reason: 'duplicate' };
	if (typeof raw !== 'string') return { ok: false, reason: 'invalid-characters' };
	if (raw.length > MAX_CHALLENGE_LENGTH) return { ok: false, reason: 'too-long' };
	if (!CHALLENGE_PATTERN.test(raw)) return { ok: false, reason: 'invalid-characters' };
	return { ok: true, value: raw };
}

/** The JSON answer Adobe accepts: `{"challenge":"<value>"}`. */
export function challengeResponseBody(value: string): { challenge: string } {
	return { challenge: value };
}

/**
 * Detects Adobe's async-validation POST body: a JSON object whose only meaningful member is a
 * string `validationUrl`. Returns the URL string (not yet checked) or `undefined`.
 */
export function extractValidationUrl(payload: unknown): string | undefined {
	if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) return undefined;
	const value = (payload as Record<string, unknown>).validationUrl;
	return typeof value === 'string' ? value : undefined;
}

export type ValidationUrlResult = { ok: true; url: string } | { ok: false; reason: string };

/**
 * Accepts `https://csm.adobe.io/...` always, and URLs on the origin of `customApiBaseUrl` (the
 * credential's Custom environment API URL) when given. Userinfo, other ports, other schemes and
 * look-alike hosts are rejected.
 */
export function checkValidationUrl(
	candidate: string,
	customApiBaseUrl?: string,
): ValidationUrlResult {
	if (typeof candidate !== 'string' || candidate.length === 0)
		return { ok: false, reason: 'empty' };
	if (candidate.length > MAX_VALIDATION_URL_LENGTH) return { ok: false, reason: 'too long' };
	let url: URL;
	try {
		url = new URL(candidate);
	} catch {
		return { ok: false, reason: 'not a URL' };
	}
	if (url.username || url.password) return { ok: false, reason: 'credentials in URL' };
	if (
		url.protocol === 'https:' &&
		url.hostname === ADOBE_VALIDATION_HOST &&
		(url.port === '' || url.port === '443')
	) {
		return { ok: true, url: url.toString() };
	}
	if (customApiBaseUrl) {
		let custom: URL | undefined;
		try {
			custom = new URL(customApiBaseUrl);
		} catch {
			custom = undefined;
		}
		if (
			custom &&
			(custom.protocol === 'https:' || custom.protocol === 'http:') &&
			url.origin === custom.origin
		) {
			return { ok: true, url: url.toString() };
		}
	}
	return { ok: false, reason: `host ${url.host} is not Adobe's validation host` };
}
