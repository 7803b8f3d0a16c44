/**
 * Unauthenticated calls to Adobe: the webhook signature public key and the asynchronous
 * validationUrl. These functions never read credentials (n8n lint rule
 * no-http-request-with-manual-auth): the caller passes the context (from getAdobeContext) used for the
 * host checks.
 */
import { NodeApiError, NodeOperationError, type IDataObject, type JsonObject } from 'n8n-workflow';

import type { AdobeContext, AdobeFunctions } from './context';
import { isAllowedPublicKeyUrl, isAllowedValidationUrl } from './hosts';

/** Largest public key answer accepted (a PEM RSA public key is < 1 KB). */
export const MAX_PUBLIC_KEY_BYTES = 16 * 1024;
export const PUBLIC_KEY_TIMEOUT_MS = 5_000;
export const VALIDATION_TIMEOUT_MS = 10_000;

type HostContext = Pick<AdobeContext, 'environment' | 'urls'>;

interface FullResponse {
	statusCode: number;
	headers?: IDataObject;
	body?: unknown;
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

/**
 * GETs a public key PEM. `urlOrPath` is an absolute URL or a path on the Public Key Host URL.
 * Throws NodeOperationError (host not allowed) or NodeApiError (fetch failed, not a PEM, too large).
 */
export async function fetchPublicKeyPem(
	this: AdobeFunctions,
	urlOrPath: string,
	ctx: HostContext,
): Promise<string> {
	const url = /^https?:\/\//i.test(urlOrPath) ? urlOrPath : publicKeyUrl(ctx, urlOrPath);
	if (!isAllowedPublicKeyUrl(url, ctx)) {
		throw new NodeOperationError(
			this.getNode(),
			`Refusing to fetch a signature public key from ${url.slice(0, 200)}: only ${ctx.urls.publicKey} is allowed.`,
		);
	}
	let response: FullResponse | undefined;
	let failure: string | undefined;
	try {
		response = (await this.helpers.httpRequest({
			method: 'GET',
			url,
			encoding: 'text',
			json: false,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: PUBLIC_KEY_TIMEOUT_MS,
			headers: { Accept: 'application/x-pem-file, text/plain, */*' },
		})) as FullResponse;
	} catch (error) {
		const code = (error as { code?: string }).code;
		failure = `Could not fetch the Adobe signature public key from ${url}${code ? ` (${code})` : ''}.`;
	}
	if (failure !== undefined || !response) {
		throw new NodeApiError(this.getNode(), { message: failure } as JsonObject, {
			message: failure ?? `Could not fetch the Adobe signature public key from ${url}.`,
		});
	}
	const text = bodyText(response.body);
	if (response.statusCode < 200 || response.statusCode > 299) {
		throw new NodeApiError(this.getNode(), { message: 'public key fetch failed' } as JsonObject, {
			message: `The Adobe public key host answered HTTP ${response.statusCode} for ${url}.`,
			httpCode: String(response.statusCode),
		});
	}
	if (Buffer.byteLength(text) > MAX_PUBLIC_KEY_BYTES || !/-----BEGIN (?:RSA )?PUBLIC KEY-----/.test(text)) {
		throw new NodeApiError(this.getNode(), { message: 'not a public key' } as JsonObject, {
			message: `The answer from ${url} is not a PEM public key.`,
		});
	}
	return text.trim();
}

/**
 * Completes Adobe's asynchronous webhook validation: GET the validationUrl Adobe sent.
 * Resolves with the status code; throws NodeOperationError when the URL is not an Adobe host and
 * NodeApiError when the call fails.
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
	let response: FullResponse | undefined;
	let failure: string | undefined;
	try {
		response = (await this.helpers.httpRequest({
			method: 'GET',
			url: validationUrl,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: VALIDATION_TIMEOUT_MS,
			json: false,
			encoding: 'text',
		})) as FullResponse;
	} catch (error) {
		const code = (error as { code?: string }).code;
		failure = `Could not reach Adobe's validation URL${code ? ` (${code})` : ''}.`;
	}
	if (failure !== undefined || !response) {
		throw new NodeApiError(this.getNode(), { message: failure } as JsonObject, {
			message: failure ?? "Could not reach Adobe's validation URL.",
		});
	}
	if (response.statusCode < 200 || response.statusCode > 299) {
		throw new NodeApiError(this.getNode(), { message: 'validation failed' } as JsonObject, {
			message: `Adobe's validation URL answered HTTP ${response.statusCode}: the registration stays unverified (validation URLs expire after 5 minutes).`,
			httpCode: String(response.statusCode),
		});
	}
	return response.statusCode;
}
