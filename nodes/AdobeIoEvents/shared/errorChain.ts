/**
 * Reading a thrown error and the errors it wraps (pure, no n8n import).
 *
 * n8n wraps what its HTTP helpers throw (axios error → NodeApiError → …) and keeps the original as
 * `cause`; the HTTP answer, the network code or our own AdobeConfigError may sit at any level. This
 * module is THE walker over that chain: every reader of a wrapped error uses `causeChain`.
 */
import { isRecord } from './guards';

/** How many levels of `cause` are looked at (n8n wraps at most three times). */
export const MAX_CAUSE_DEPTH = 4;

/** The error and the errors in its `cause` chain, outermost first (objects only, bounded). */
export function causeChain(error: unknown, maxDepth = MAX_CAUSE_DEPTH): Array<Record<string, unknown>> {
	const chain: Array<Record<string, unknown>> = [];
	let current: unknown = error;
	while (chain.length < maxDepth && isRecord(current)) {
		chain.push(current);
		current = current.cause;
	}
	return chain;
}

const NETWORK_CODE_TEXT: Record<string, string> = {
	ECONNREFUSED: 'connection refused',
	ECONNRESET: 'connection reset',
	ENOTFOUND: 'host not found',
	EAI_AGAIN: 'DNS lookup failed',
	ETIMEDOUT: 'timed out',
	ESOCKETTIMEDOUT: 'timed out',
	ECONNABORTED: 'timed out or aborted',
	EHOSTUNREACH: 'host unreachable',
	ENETUNREACH: 'network unreachable',
	ERR_NETWORK: 'network error',
	ERR_CANCELED: 'cancelled',
	CERT_HAS_EXPIRED: 'TLS certificate expired',
	DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed TLS certificate',
	SELF_SIGNED_CERT_IN_CHAIN: 'self-signed TLS certificate in the chain',
	UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'TLS certificate not trusted',
	ERR_TLS_CERT_ALTNAME_INVALID: 'TLS certificate is for another host',
};

/** axios codes that describe an HTTP answer, not a network failure */
const ANSWER_CODES = new Set(['ERR_BAD_REQUEST', 'ERR_BAD_RESPONSE']);

function isNetworkCode(code: unknown): code is string {
	if (typeof code !== 'string' || ANSWER_CODES.has(code)) return false;
	return /^E[A-Z0-9_]+$/.test(code) || code in NETWORK_CODE_TEXT;
}

/**
 * The first network/TLS error code (ECONNREFUSED, ETIMEDOUT, CERT_HAS_EXPIRED, …) in the chain: a
 * link's `code`, else the `httpCode` n8n's NodeApiError copied it to (n8n 1.x keeps only that copy,
 * not the wrapped error).
 */
export function networkCodeOf(error: unknown): string | undefined {
	const chain = causeChain(error);
	for (const link of chain) {
		if (isNetworkCode(link.code)) return link.code;
	}
	for (const link of chain) {
		if (isNetworkCode(link.httpCode)) return link.httpCode;
	}
	return undefined;
}

/**
 * Human text for a network error code. n8n's NodeApiError replaces any message that contains a raw
 * code such as "ECONNREFUSED" with a generic sentence, which would hide which URL failed; so
 * messages carry this text instead of the code.
 */
export function networkCodeText(code: string | undefined): string {
	if (!code) return 'network error';
	return NETWORK_CODE_TEXT[code] ?? code.toLowerCase().replace(/^err_|^e/, '').replace(/_/g, ' ');
}
