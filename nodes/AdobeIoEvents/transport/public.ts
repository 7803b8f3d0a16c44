/**
 * Unauthenticated calls to Adobe: the webhook signature public key and the asynchronous
 * validationUrl. These functions never read credentials (n8n lint rule
 * no-http-request-with-manual-auth): the caller passes the context (from getAdobeContext) used for the
 * host checks (hosts.ts). Neither follows a redirect: only the checked host's own answer counts.
 */
import { NodeOperationError, type IDataObject, type INode, type NodeApiError } from 'n8n-workflow';

import { networkCodeOf, networkCodeText } from '../shared/errorChain';
import { isRecord } from '../shared/guards';
import type { AdobeFunctions } from './context';
import { messageError } from './errors';
import { headerValue } from './headers';
import { isAllowedPublicKeyUrl, isAllowedValidationUrl, type HostContext } from './hosts';

/** Largest public key answer accepted (a PEM RSA public key is < 1 KB). */
export const MAX_PUBLIC_KEY_BYTES = 16 * 1024;
export const PUBLIC_KEY_TIMEOUT_MS = 5_000;
export const VALIDATION_TIMEOUT_MS = 10_000;

interface FullResponse {
	statusCode: number;
	headers?: IDataObject;
	body?: unknown;
}

/**
 * Why fetchPublicKeyPem failed, in `error.context.publicKeyFailure` (read it with publicKeyFailureOf):
 *   missing    the key host answered 404 or 410: there is no such key (a forged or stale key path)
 *   transient  anything else — 403, 429, 5xx, a redirect, another status, no answer (network), an
 *              answer that is not a PEM key: the key host has a problem, the key may well exist; the
 *              Watch Events handler must answer 503 so that Adobe retries, never 401 (Adobe drops it)
 *   refused    the URL is not on the pinned key host (hosts.ts): nothing was fetched
 */
export type PublicKeyFailure = 'missing' | 'transient' | 'refused';

/** The PublicKeyFailure of an error thrown by fetchPublicKeyPem ('transient' for anything else). */
export function publicKeyFailureOf(error: unknown): PublicKeyFailure {
	const context = isRecord(error) && isRecord(error.context) ? error.context : {};
	const kind = context.publicKeyFailure;
	return kind === 'missing' || kind === 'refused' ? kind : 'transient';
}

/** Joins the Public Key Host URL and a key path (e.g. /prod/keys/pub-key-abc.pem). */
export function publicKeyUrl(ctx: HostContext, keyPath: string): string {
	const path = keyPath.startsWith('/') ? keyPath : `/${keyPath}`;
	return `${ctx.urls.publicKey}${path}`;
}

function bodyText(body: unknown): string {
	if (Buffer.isBuffer(body)) return body.toString('utf8');
	if (typeof body === 'string') return body;
	return '';
}

function isRedirect(status: number): boolean {
	return status >= 300 && status < 400;
}

/** " (a redirect to https://other.example, not followed)" for a 3xx answer, else "". */
function redirectNote(response: FullResponse): string {
	if (!isRedirect(response.statusCode)) return '';
	let target = '';
	try {
		target = ` to ${new URL(headerValue(response.headers, 'location') ?? '').origin}`;
	} catch {
		target = '';
	}
	return ` (a redirect${target}, not followed)`;
}

function apiError(
	node: INode,
	message: string,
	extra: { httpCode?: string; publicKeyFailure?: PublicKeyFailure } = {},
): NodeApiError {
	const error = messageError(node, message, { httpCode: extra.httpCode });
	if (extra.publicKeyFailure) error.context.publicKeyFailure = extra.publicKeyFailure;
	return error;
}

/** GET without credentials, without following redirects; undefined + network code when no answer. */
async function getOnce(
	fn: AdobeFunctions,
	url: string,
	timeout: number,
	headers?: IDataObject,
): Promise<{ response: FullResponse } | { networkText: string }> {
	try {
		const response = (await fn.helpers.httpRequest({
			method: 'GET',
			url,
			encoding: 'text',
			json: false,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			disableFollowRedirect: true,
			timeout,
			...(headers ? { headers } : {}),
		})) as FullResponse;
		return { response };
	} catch (error) {
		return { networkText: networkCodeText(networkCodeOf(error)) };
	}
}

/**
 * GETs a public key PEM. `urlOrPath` is an absolute URL or a path on the Public Key Host URL.
 * Throws NodeOperationError (host not allowed) or NodeApiError (fetch failed, not a PEM, too large);
 * both carry the PublicKeyFailure kind (publicKeyFailureOf), a failed answer its `httpCode`.
 */
export async function fetchPublicKeyPem(
	this: AdobeFunctions,
	urlOrPath: string,
	ctx: HostContext,
): Promise<string> {
	const url = /^https?:\/\//i.test(urlOrPath) ? urlOrPath : publicKeyUrl(ctx, urlOrPath);
	if (!isAllowedPublicKeyUrl(url, ctx)) {
		const error = new NodeOperationError(
			this.getNode(),
			`Refusing to fetch a signature public key from ${url.slice(0, 200)}: only ${ctx.urls.publicKey} is allowed.`,
		);
		error.context.publicKeyFailure = 'refused';
		throw error;
	}
	const got = await getOnce(this, url, PUBLIC_KEY_TIMEOUT_MS, {
		Accept: 'application/x-pem-file, text/plain, */*',
	});
	if ('networkText' in got) {
		throw apiError(
			this.getNode(),
			`Could not fetch the Adobe signature public key from ${url} (${got.networkText}).`,
			{ publicKeyFailure: 'transient' },
		);
	}
	const { response } = got;
	if (response.statusCode < 200 || response.statusCode > 299) {
		const missing = response.statusCode === 404 || response.statusCode === 410;
		throw apiError(
			this.getNode(),
			`The Adobe public key host answered HTTP ${response.statusCode}${redirectNote(response)} for ${url}.`,
			{ httpCode: String(response.statusCode), publicKeyFailure: missing ? 'missing' : 'transient' },
		);
	}
	const text = bodyText(response.body);
	if (Buffer.byteLength(text) > MAX_PUBLIC_KEY_BYTES || !/-----BEGIN (?:RSA )?PUBLIC KEY-----/.test(text)) {
		throw apiError(this.getNode(), `The answer from ${url} is not a PEM public key.`, {
			publicKeyFailure: 'transient',
		});
	}
	return text.trim();
}

/**
 * Completes Adobe's asynchronous webhook validation: GET the validationUrl Adobe sent (the policy:
 * checkValidationUrl in hosts.ts), without following a redirect. Resolves with the status code;
 * throws NodeOperationError when the URL is not allowed and NodeApiError when the call fails.
 */
export async function confirmValidationUrl(
	this: AdobeFunctions,
	validationUrl: string,
	ctx: HostContext,
): Promise<number> {
	if (!isAllowedValidationUrl(validationUrl, ctx)) {
		throw new NodeOperationError(
			this.getNode(),
			`Refusing to call the validation URL ${validationUrl.slice(0, 200)}: it is not an Adobe host.`,
		);
	}
	const got = await getOnce(this, validationUrl, VALIDATION_TIMEOUT_MS);
	if ('networkText' in got) {
		throw apiError(this.getNode(), `Could not reach Adobe's validation URL (${got.networkText}).`);
	}
	const { response } = got;
	if (response.statusCode < 200 || response.statusCode > 299) {
		throw apiError(
			this.getNode(),
			`Adobe's validation URL answered HTTP ${response.statusCode}${redirectNote(response)}: the registration stays unverified (validation URLs expire after 5 minutes).`,
			{ httpCode: String(response.statusCode) },
		);
	}
	return response.statusCode;
}
