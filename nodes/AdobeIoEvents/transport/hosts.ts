/**
 * THE URL policies (pure, no n8n import): where the Adobe access token may go, where a signature
 * public key may be fetched from, and which asynchronous validation URL may be opened. Every caller
 * (transport, Watch Events handler) asks here; nobody keeps a second copy of a rule. (The webhook URL
 * Adobe calls — may the trigger register it — is judged in ../diagnosis/webhookUrl.ts.)
 *
 *   token          Production/Stage: https, default port, adobe.io or a subdomain (region journal
 *                  hosts such as events-va6.adobe.io). Custom: exactly the ORIGINS (scheme + host +
 *                  port) of the credential's Events API, Ingress and (optional) Journal URLs — not IMS,
 *                  not the key host, not another port or scheme of the same host name. Asked by the
 *                  transport for every request and by the credential's authenticate() for any request
 *                  n8n signs with it (isAllowedAdobeRequest: every reading of url + baseURL).
 *   public key     the origin of the Public Key Host URL, under its path, plain path (no query,
 *                  userinfo, `..` or `//`); the key PATH shape is checked by webhook/keyPath.ts.
 *   validation     Production/Stage: https://csm.adobe.io (port 443). Custom: the origin of the
 *                  Events API URL. At most MAX_VALIDATION_URL_LENGTH characters, no userinfo.
 */
import type { AdobeBaseUrls, AdobeEnvironment } from '../shared/constants';

export interface HostContext {
	environment: AdobeEnvironment;
	urls: AdobeBaseUrls;
}

export const ADOBE_VALIDATION_HOST = 'csm.adobe.io';
export const MAX_VALIDATION_URL_LENGTH = 2048;

function parse(url: unknown): URL | undefined {
	if (typeof url !== 'string') return undefined;
	try {
		return new URL(url);
	} catch {
		return undefined;
	}
}

function isHttp(url: URL): boolean {
	return url.protocol === 'https:' || url.protocol === 'http:';
}

/** The origin of a configured base URL ('' when unusable, which matches no URL). */
function originOf(base: string | undefined): string {
	const parsed = parse(base);
	return parsed && isHttp(parsed) ? parsed.origin : '';
}

/** Custom environment: the origins that may receive the access token. */
export function tokenOrigins(ctx: HostContext): Set<string> {
	const origins = new Set<string>();
	for (const base of [ctx.urls.api, ctx.urls.ingress, ctx.urls.journal]) {
		const origin = originOf(base);
		if (origin) origins.add(origin);
	}
	return origins;
}

function isAdobeIoHttps(url: URL): boolean {
	const host = url.hostname.toLowerCase();
	return (
		url.protocol === 'https:' &&
		url.port === '' &&
		(host === 'adobe.io' || host.endsWith('.adobe.io'))
	);
}

/** May a request carrying the Adobe access token go to `url`? (see the table above) */
export function isAllowedAdobeUrl(url: string, ctx: HostContext): boolean {
	const parsed = parse(url);
	if (!parsed || !isHttp(parsed) || parsed.username || parsed.password) return false;
	if (ctx.environment === 'custom') return tokenOrigins(ctx).has(parsed.origin);
	return isAdobeIoHttps(parsed);
}

/** The URL fields of a request n8n sends (IHttpRequestOptions, or the legacy options' `uri`). */
export interface RequestTarget {
	url?: unknown;
	uri?: unknown;
	baseURL?: unknown;
}

const AXIOS_ABSOLUTE = /^([a-z][a-z\d+\-.]*:)?\/\//i;

function text(value: unknown): string | undefined {
	if (typeof value === 'string') return value;
	return value instanceof URL ? value.href : undefined;
}

/**
 * Where a request n8n is about to send goes, read both ways a relative `url` can be joined to
 * `baseURL` — as axios sends it (text joined with one slash; `//host` and `scheme://` are
 * absolute) and as n8n's own checks resolve it (WHATWG `new URL(url, baseURL)`) — so that no
 * reading of the same options reaches another origin. `undefined` when there is no usable URL.
 */
export function requestTargetsOf(options: RequestTarget): string[] | undefined {
	const raw = text(options.url) ?? text(options.uri);
	const base = text(options.baseURL);
	if (base === undefined || base === '') return raw ? [raw] : undefined;
	if (!raw) return [base];
	const joined = AXIOS_ABSOLUTE.test(raw)
		? raw
		: `${base.replace(/\/?\/$/, '')}/${raw.replace(/^\/+/, '')}`;
	let resolved: string;
	try {
		resolved = new URL(raw, base).href;
	} catch {
		return undefined;
	}
	return [joined, resolved];
}

/** May a request with these URL fields carry the Adobe access token? (every reading must be allowed) */
export function isAllowedAdobeRequest(options: RequestTarget, ctx: HostContext): boolean {
	const targets = requestTargetsOf(options);
	return targets !== undefined && targets.every((url) => isAllowedAdobeUrl(url, ctx));
}

/**
 * May the webhook signature public key be fetched from `url`? The origin of the credential's Public
 * Key Host URL (static.adobeioevents.com by default), under its path, with a plain path.
 */
export function isAllowedPublicKeyUrl(url: string, ctx: HostContext): boolean {
	const parsed = parse(url);
	const base = parse(ctx.urls.publicKey);
	if (!parsed || !base || !isHttp(base)) return false;
	if (parsed.origin !== base.origin) return false;
	if (parsed.username || parsed.password || parsed.search || parsed.hash) return false;
	const prefix = base.pathname.replace(/\/+$/, '');
	if (!parsed.pathname.startsWith(`${prefix}/`)) return false;
	return !parsed.pathname.includes('..') && !parsed.pathname.includes('//');
}

export type ValidationUrlResult = { ok: true; url: string } | { ok: false; reason: string };

/**
 * Checks the asynchronous validation URL of an (unsigned) `{"validationUrl": …}` POST: Production/
 * Stage `https://csm.adobe.io` only; Custom the origin of the Events API URL only. Userinfo, other
 * ports, other schemes and look-alike hosts are refused, with the reason (for a log line).
 */
export function checkValidationUrl(candidate: unknown, ctx: HostContext): ValidationUrlResult {
	if (typeof candidate !== 'string' || candidate.length === 0)
		return { ok: false, reason: 'empty' };
	if (candidate.length > MAX_VALIDATION_URL_LENGTH) return { ok: false, reason: 'too long' };
	const url = parse(candidate);
	if (!url) return { ok: false, reason: 'not a URL' };
	if (url.username || url.password) return { ok: false, reason: 'credentials in URL' };
	const allowed =
		ctx.environment === 'custom'
			? isHttp(url) && url.origin === originOf(ctx.urls.api)
			: url.protocol === 'https:' && url.hostname === ADOBE_VALIDATION_HOST && url.port === '';
	if (!allowed) {
		return {
			ok: false,
			reason: `${url.protocol}//${url.host} is not ${
				ctx.environment === 'custom'
					? "the Custom environment's Events API origin"
					: "Adobe's validation host"
			}`,
		};
	}
	return { ok: true, url: url.toString() };
}

export function isAllowedValidationUrl(url: string, ctx: HostContext): boolean {
	return checkValidationUrl(url, ctx).ok;
}
