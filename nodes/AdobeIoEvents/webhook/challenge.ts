/**
 * Webhook validation by Adobe (pure, no n8n import).
 *
 * 1. Synchronous challenge: `GET <webhook>?challenge=<value>` must be answered with 200 and the
 *    value, either as `text/plain` or as JSON `{"challenge": "<value>"}`. We only echo values of a
 *    bounded length from a conservative character set, so the endpoint cannot be abused to
 *    reflect arbitrary content.
 * 2. Asynchronous validation: when the challenge fails, Adobe POSTs `{"validationUrl": "..."}`.
 *    This module only extracts the URL; whether it may be opened is decided by the one validation-URL
 *    policy, `checkValidationUrl` in transport/hosts.ts (Adobe's `csm.adobe.io` over https, or the
 *    Custom environment's Events API origin — never any host named by the request).
 */

export const MAX_CHALLENGE_LENGTH = 256;
const CHALLENGE_PATTERN = /^[A-Za-z0-9._~:-]+$/;

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
