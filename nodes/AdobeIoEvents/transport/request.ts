/**
 * adobeApiRequest / adobeApiRequestAllItems: THE path to Adobe's authenticated APIs.
 *
 * - Authentication: `httpRequestWithAuthentication` with the node's credential. For `adobeIoEventsApi`
 *   the credential's `authenticate` adds Authorization, x-api-key, x-ims-org-id and x-gw-ims-org-id;
 *   for `adobeIoEventsOAuth2Api` n8n signs the request (Bearer) and this module adds x-api-key and the
 *   organization headers.
 * - Token refresh: n8n refreshes on 401 (preAuthentication / OAuth2 refresh) and resends once.
 *   Adobe's gateway also answers 403 for a missing/invalid token ("Oauth token is not valid",
 *   403010 "Oauth token is missing"), but 403 is ALSO "Api Key is invalid" (403003) and
 *   "Scope mismatch" (403011), where a new token cannot help. Passing 403 as retry status to n8n
 *   would fetch a new IMS token for every such request. So the first attempt refreshes on 401 only;
 *   when a 403 body says the OAuth token is missing/invalid, the request is sent once more with
 *   `preAuthenticationRetryStatusCode: [401, 403]` (OAuth2: `tokenExpiredStatusCode`), which makes
 *   n8n refresh the token and resend exactly once. Other 403s fail immediately with a clear message.
 * - Retries: 429 and 5xx (and transient network errors) with bounded exponential backoff honouring
 *   Retry-After (`sleep` from n8n-workflow); a Retry-After longer than `maxDelayMs` is not waited for.
 * - Errors: every failure is a NodeApiError built from a secret-free description (errors.ts).
 */
import {
	NodeOperationError,
	sleep,
	type ICredentialDataDecryptedObject,
	type ICredentialsDecrypted,
	type IDataObject,
	type IHttpRequestMethods,
	type IHttpRequestOptions,
	type IN8nHttpFullResponse,
} from 'n8n-workflow';

import { ADOBE_ID_CREDENTIAL, API_CREDENTIAL } from '../shared/constants';
import { causeChain, networkCodeOf, networkCodeText } from '../shared/errorChain';
import { credentialSecrets } from '../shared/ims';
import {
	contextOrThrow,
	credentialTypeOf,
	type AdobeContext,
	type AdobeFunctions,
} from './context';
import {
	adobeApiError,
	adobeErrorWithoutResponse,
	parseErrorBody,
	type AdobeHttpFailure,
} from './errors';
import { headerValue } from './headers';
import { assertAllowedAdobeUrl, isAllowedAdobeUrl } from './hosts';
import { parseRetryAfter } from './retry';

export type AdobeApi = 'management' | 'ingress' | 'journal' | 'ims' | 'keys';

export interface AdobeRetryOptions {
	/** total attempts including the first (default 4, at most 10; 1 = no retry) */
	maxAttempts?: number;
	/** first backoff delay (default 500 ms), doubled per attempt */
	baseDelayMs?: number;
	/** longest single wait (default 30 s); a longer Retry-After ends the retries */
	maxDelayMs?: number;
}

export interface AdobeRequest {
	method: IHttpRequestMethods;
	/** default 'management'; ignored when `url` is absolute */
	api?: AdobeApi;
	/** appended to the API base URL, e.g. `/events/{c}/{p}/{w}/registrations` */
	path?: string;
	/** absolute URL (journal links, HAL links); must be an Adobe host (or a Custom environment host) */
	url?: string;
	qs?: IDataObject;
	body?: unknown;
	headers?: IDataObject;
	/** resolve with { statusCode, headers, body } instead of the body */
	returnFullResponse?: boolean;
	/**
	 * The credential of the current run (openAdobeSession): the request uses it instead of loading
	 * the credential again (and n8n does not load it a second time either).
	 */
	session?: AdobeSession;
	retry?: AdobeRetryOptions;
	/** request timeout (default 60 s) */
	timeout?: number;
}

export const DEFAULT_MAX_ATTEMPTS = 4;
export const MAX_ATTEMPTS_LIMIT = 10;
export const DEFAULT_BASE_DELAY_MS = 500;
export const DEFAULT_MAX_DELAY_MS = 30_000;
export const DEFAULT_TIMEOUT_MS = 60_000;
/** default bound of adobeApiRequestAllItems */
export const DEFAULT_MAX_PAGES = 100;

const TRANSIENT_NETWORK_CODES = new Set([
	'ECONNRESET',
	'ETIMEDOUT',
	'ESOCKETTIMEDOUT',
	'ECONNABORTED',
	'EAI_AGAIN',
	'EPIPE',
]);

const SERVICE_LABELS: Record<AdobeApi, string> = {
	management: 'The Adobe I/O Events API',
	ingress: 'Adobe I/O Events publishing (ingress)',
	journal: 'The Adobe I/O Events journal',
	ims: 'Adobe IMS',
	keys: 'The Adobe public key host',
};

interface Attempt {
	response?: IN8nHttpFullResponse;
	failure?: AdobeHttpFailure;
	networkCode?: string;
	networkMessage?: string;
	configMessage?: string;
}

function baseUrlOf(ctx: AdobeContext, api: AdobeApi): string {
	switch (api) {
		case 'ingress':
			return ctx.urls.ingress;
		case 'ims':
			return ctx.urls.ims;
		case 'keys':
			return ctx.urls.publicKey;
		case 'journal':
		case 'management':
		default:
			return ctx.urls.api;
	}
}

function isAbsolute(url: string | undefined): url is string {
	return typeof url === 'string' && /^https?:\/\//i.test(url);
}

function stripQuery(url: string): string {
	const index = url.indexOf('?');
	return index === -1 ? url : url.slice(0, index);
}

/** Extracts status/headers/body of an HTTP error thrown by n8n's request helpers. */
function httpDetails(
	error: unknown,
): { statusCode: number; headers: IDataObject; body: unknown } | undefined {
	for (const candidate of causeChain(error)) {
		const response = (candidate as { response?: { status?: number; statusCode?: number; headers?: IDataObject; data?: unknown; body?: unknown } }).response;
		const status = Number(response?.status ?? response?.statusCode);
		if (response && Number.isFinite(status) && status > 0) {
			return { statusCode: status, headers: response.headers ?? {}, body: response.data ?? response.body };
		}
	}
	return undefined;
}

function configMessageOf(error: unknown): string {
	const config = causeChain(error).find((link) => link.name === 'AdobeConfigError');
	return String((config ?? (error as Error))?.message ?? 'Unknown error');
}

function isTokenProblem(failure: AdobeHttpFailure): boolean {
	if (failure.statusCode !== 403) return false;
	const data = parseErrorBody(failure.body);
	const code = String(data.error_code ?? '');
	const message = `${String(data.message ?? '')} ${String(data.error ?? '')}`;
	return code === '403010' || code === '401013' || /oauth token|access token|token is (?:not valid|missing|expired)/i.test(message);
}

function readCredentialsFor(fn: AdobeFunctions, type: string) {
	return fn.getCredentials<ICredentialDataDecryptedObject>(type);
}

/**
 * The credential of ONE run (one poll, one execution), loaded once and handed to every request of that
 * run, so a run of many requests (the journal drain) does not look the credential up per request. It
 * holds secrets: keep it in a local variable of the run, never in a module variable or static data.
 * For the service credential n8n receives it as `credentialsDecrypted` and writes a refreshed token
 * into it (preAuthentication), so later requests of the run send the new token. OAuth2 requests are
 * signed by n8n from its own lookup (n8n offers no way to pass them in).
 */
export interface AdobeSession {
	readonly ctx: AdobeContext;
	/** secrets of the credential as loaded (kept out of error messages) */
	readonly secrets: unknown[];
	readonly credentials: ICredentialsDecrypted;
}

/** Loads the node's Adobe credential once for a run of requests (see AdobeSession). */
export async function openAdobeSession(this: AdobeFunctions): Promise<AdobeSession> {
	const credentialType = credentialTypeOf(this);
	const data = await readCredentialsFor(this, credentialType);
	const ctx = contextOrThrow(this, credentialType, data);
	const details = this.getNode().credentials?.[credentialType];
	return {
		ctx,
		secrets: credentialSecrets(data),
		credentials: {
			id: String(details?.id ?? ''),
			name: String(details?.name ?? ''),
			type: credentialType,
			data,
		},
	};
}

/** The credential data (for ids, URLs and the list of secrets to keep out of messages). */
async function loadCredentials(fn: AdobeFunctions) {
	const credentialType = credentialTypeOf(fn);
	const credentials = await readCredentialsFor(fn, credentialType);
	const ctx = contextOrThrow(fn, credentialType, credentials);
	return { ctx, secrets: credentialSecrets(credentials) };
}

async function sendOnce(
	fn: AdobeFunctions,
	ctx: AdobeContext,
	options: IHttpRequestOptions,
	refreshOn403: boolean,
	session?: AdobeSession,
): Promise<Attempt> {
	const isOAuth2 = ctx.credentialType === ADOBE_ID_CREDENTIAL;
	const additional = isOAuth2
		? { oauth2: { tokenExpiredStatusCode: refreshOn403 ? [401, 403] : 401 } }
		: {
				preAuthenticationRetryStatusCode: refreshOn403 ? [401, 403] : 401,
				...(session ? { credentialsDecrypted: session.credentials } : {}),
			};
	try {
		const response = (await fn.helpers.httpRequestWithAuthentication.call(
			fn,
			isOAuth2 ? ADOBE_ID_CREDENTIAL : API_CREDENTIAL,
			{ ...options, headers: { ...(options.headers ?? {}) } },
			additional,
		)) as IN8nHttpFullResponse;
		return { response };
	} catch (error) {
		const details = httpDetails(error);
		if (details) {
			return {
				failure: {
					...details,
					method: String(options.method ?? 'GET'),
					url: stripQuery(options.url),
				},
			};
		}
		const code = networkCodeOf(error);
		if (code) {
			return { networkCode: code, networkMessage: String((error as Error).message ?? '') };
		}
		// no HTTP answer and no network code: the token could not be obtained (preAuthentication /
		// OAuth2) or the credential is incomplete; its message names the field or the cause. n8n wraps
		// the credential's error in a NodeApiError, so read the original message from the cause chain.
		return { configMessage: configMessageOf(error) };
	}
}

/**
 * One call to an Adobe API. Resolves with the parsed body ({} for an empty body), or with
 * { statusCode, headers, body } when `returnFullResponse` is set. Throws NodeApiError.
 */
export async function adobeApiRequest(this: AdobeFunctions, req: AdobeRequest): Promise<IDataObject> {
	const session = req.session;
	const { ctx, secrets } = session ?? (await loadCredentials(this));
	const api: AdobeApi = req.api ?? 'management';
	let url: string;
	if (isAbsolute(req.url)) {
		url = req.url;
		if (!isAllowedAdobeUrl(url, ctx)) assertAllowedAdobeUrl(this.getNode(), url, ctx);
	} else {
		const path = req.path ?? req.url ?? '';
		url = `${baseUrlOf(ctx, api)}${path.startsWith('/') || path === '' ? '' : '/'}${path}`;
	}
	const isManagement = isAbsolute(req.url)
		? new URL(url).origin === new URL(ctx.urls.api).origin && !/\/events\/organizations\//.test(url)
		: api === 'management';

	const headers: IDataObject = {};
	if (isManagement && req.method !== 'DELETE') headers.Accept = 'application/hal+json';
	if (req.body !== undefined) headers['Content-Type'] = 'application/json';
	if (ctx.credentialType === ADOBE_ID_CREDENTIAL) {
		if (ctx.clientId) headers['x-api-key'] = ctx.clientId;
		if (ctx.imsOrgId) {
			headers['x-ims-org-id'] = ctx.imsOrgId;
			headers['x-gw-ims-org-id'] = ctx.imsOrgId;
		}
	}
	Object.assign(headers, req.headers ?? {});

	const options: IHttpRequestOptions = {
		method: req.method,
		url,
		headers,
		qs: req.qs,
		body: req.body as IHttpRequestOptions['body'],
		json: true,
		returnFullResponse: true,
		timeout: req.timeout ?? DEFAULT_TIMEOUT_MS,
	};
	if (options.qs === undefined) delete options.qs;
	if (options.body === undefined) delete options.body;

	const maxAttempts = Math.min(
		Math.max(1, Math.floor(req.retry?.maxAttempts ?? DEFAULT_MAX_ATTEMPTS)),
		MAX_ATTEMPTS_LIMIT,
	);
	const baseDelay = Math.max(0, req.retry?.baseDelayMs ?? DEFAULT_BASE_DELAY_MS);
	const maxDelay = Math.max(0, req.retry?.maxDelayMs ?? DEFAULT_MAX_DELAY_MS);
	const service = SERVICE_LABELS[isAbsolute(req.url) && !isManagement ? (api === 'management' ? 'journal' : api) : api];

	let refreshedAfter403 = false;
	let attempt = 0;
	let last: Attempt = {};
	let retryNote = '';
	while (attempt < maxAttempts) {
		attempt++;
		last = await sendOnce(this, ctx, options, false, session);
		if (last.failure && isTokenProblem(last.failure) && !refreshedAfter403) {
			refreshedAfter403 = true;
			last = await sendOnce(this, ctx, options, true, session);
		}
		if (last.response) {
			const response = last.response;
			if (req.returnFullResponse) {
				return {
					statusCode: response.statusCode,
					headers: (response.headers ?? {}) as IDataObject,
					body: response.body as IDataObject,
				};
			}
			const body = response.body;
			if (body === undefined || body === null || body === '') return {};
			if (typeof body === 'object' && !Buffer.isBuffer(body)) return body as IDataObject;
			return { data: String(body) };
		}
		const retryable =
			(last.failure && (last.failure.statusCode === 429 || last.failure.statusCode >= 500)) ||
			(last.networkCode !== undefined && TRANSIENT_NETWORK_CODES.has(last.networkCode));
		if (!retryable || attempt >= maxAttempts) break;
		const retryAfter = last.failure
			? // the exact ask (not clamped): a wait beyond maxDelay is reported, never waited for
				parseRetryAfter(headerValue(last.failure.headers, 'retry-after'), Date.now(), Number.POSITIVE_INFINITY)
			: undefined;
		let delay: number;
		if (retryAfter !== undefined) {
			if (retryAfter > maxDelay) {
				retryNote = ` Adobe asked to wait ${Math.ceil(retryAfter / 1000)} s before retrying, longer than the ${Math.ceil(maxDelay / 1000)} s this node waits.`;
				break;
			}
			delay = retryAfter;
		} else {
			const exponential = baseDelay * 2 ** (attempt - 1);
			delay = Math.min(maxDelay, exponential + Math.floor(Math.random() * exponential * 0.2));
		}
		await sleep(delay);
	}

	const node = this.getNode();
	// the token may have been (re)issued during the request: redact the current secrets too
	const currentSecrets = secrets.concat(
		session ? credentialSecrets(session.credentials.data ?? {}) : [],
		credentialSecrets(
			await readCredentialsFor(this, ctx.credentialType).catch(() => ({}) as ICredentialDataDecryptedObject),
		),
	);
	const attemptsNote = attempt > 1 ? ` (after ${attempt} attempts)` : '';
	if (last.failure) {
		const error = adobeApiError(node, { ...last.failure, service }, currentSecrets);
		if (attemptsNote || retryNote) {
			error.description = `${error.description ?? ''}${attemptsNote ? `. Tried ${attempt} times` : ''}.${retryNote}`.replace(/^\. /, '');
			error.context.attempts = attempt;
		}
		throw error;
	}
	if (last.networkCode) {
		const origin = new URL(url).origin;
		throw adobeErrorWithoutResponse(
			node,
			`Could not reach ${service} at ${origin} (${networkCodeText(last.networkCode)})${attemptsNote}.`,
			ctx.environment === 'custom'
				? 'Check the base URLs of the credential (Custom environment) and that the service is running.'
				: "Check this machine's network access to Adobe.",
			currentSecrets,
		);
	}
	throw adobeErrorWithoutResponse(
		node,
		last.configMessage ?? 'The request to Adobe failed.',
		'Open the Adobe I/O Events credential and fix the field named in the message (for OAuth2: reconnect the account).',
		currentSecrets,
	);
}

/**
 * GETs a HAL collection and follows `_links.next` until there is none, `limit` items were read,
 * or `maxPages` pages were read (then it fails: the result would be silently incomplete).
 * Items are read from `_embedded[embeddedKey]`.
 */
export async function adobeApiRequestAllItems(
	this: AdobeFunctions,
	req: AdobeRequest,
	embeddedKey: string,
	limit?: number,
	options: { maxPages?: number } = {},
): Promise<IDataObject[]> {
	const maxPages = Math.max(1, options.maxPages ?? DEFAULT_MAX_PAGES);
	const items: IDataObject[] = [];
	const seen = new Set<string>();
	let request: AdobeRequest = { ...req, returnFullResponse: false };
	let pages = 0;
	let ctx: AdobeContext | undefined;
	for (;;) {
		pages++;
		const body = await adobeApiRequest.call(this, request);
		const embedded = (body._embedded ?? {}) as IDataObject;
		const pageItems = Array.isArray(embedded[embeddedKey]) ? (embedded[embeddedKey] as IDataObject[]) : [];
		items.push(...pageItems);
		if (limit !== undefined && items.length >= limit) return items.slice(0, limit);
		const links = (body._links ?? {}) as IDataObject;
		const next = (links.next as IDataObject | undefined)?.href;
		if (typeof next !== 'string' || next === '' || pageItems.length === 0) return items;
		const page = body.page as IDataObject | undefined;
		if (page && Number(page.number) >= Number(page.totalPages) - 1) return items;
		ctx ??= req.session?.ctx ?? (await loadCredentials(this)).ctx;
		const nextUrl = new URL(next, `${ctx.urls.api}/`).toString();
		if (seen.has(nextUrl)) return items;
		seen.add(nextUrl);
		if (pages >= maxPages) {
			throw new NodeOperationError(
				this.getNode(),
				`Adobe returned more than ${maxPages} pages of ${embeddedKey}; stopped to stay within bounds.`,
				{ description: 'Set a Limit, or narrow the request with filters.' },
			);
		}
		request = { ...req, path: undefined, url: nextUrl, qs: undefined, returnFullResponse: false };
	}
}
