/**
 * Step 1 of adobeApiRequest: the request (URL, host check, headers), built without I/O. Refuses, before
 * anything is sent, an API or a URL the access token may not go to (the policy: hosts.ts).
 */
import {
	NodeOperationError,
	type IDataObject,
	type IHttpRequestMethods,
	type IHttpRequestOptions,
	type INode,
} from 'n8n-workflow';

import { ADOBE_ID_CREDENTIAL } from '../shared/constants';
import type { AdobeContext } from './context';
import { isAllowedAdobeUrl, type HostContext } from './hosts';
import type { AdobeRetryOptions } from './retry';
import type { AdobeSession } from './session';

/** The APIs that receive the access token (public keys and IMS never do: see hosts.ts). */
export type AdobeApi = 'management' | 'ingress' | 'journal';

export interface AdobeRequest {
	method: IHttpRequestMethods;
	/** default 'management'; ignored when `url` is absolute */
	api?: AdobeApi;
	/** appended to the API base URL, e.g. `/events/{c}/{p}/{w}/registrations` */
	path?: string;
	/** absolute URL (journal links, HAL links); must be an Adobe host (or a Custom environment origin) */
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

export const DEFAULT_TIMEOUT_MS = 60_000;

const SERVICE_LABELS: Record<AdobeApi, string> = {
	management: 'The Adobe I/O Events API',
	ingress: 'Adobe I/O Events publishing (ingress)',
	journal: 'The Adobe I/O Events journal',
};

function baseUrlOf(ctx: AdobeContext, api: AdobeApi): string {
	return api === 'ingress' ? ctx.urls.ingress : ctx.urls.api;
}

function isAbsolute(url: string | undefined): url is string {
	return typeof url === 'string' && /^https?:\/\//i.test(url);
}

function stripQuery(url: string): string {
	const index = url.indexOf('?');
	return index === -1 ? url : url.slice(0, index);
}

function parseOrigin(url: string): string | undefined {
	try {
		return new URL(url).origin;
	} catch {
		return undefined;
	}
}

/** Refuses, before anything is sent, a URL the access token may not go to (hosts.ts). */
export function assertAllowedAdobeUrl(node: INode, url: string, ctx: HostContext): void {
	if (isAllowedAdobeUrl(url, ctx)) return;
	const origin = parseOrigin(url);
	throw new NodeOperationError(
		node,
		`Refusing to send the Adobe credentials to ${origin ?? 'an invalid URL'}: it is not an Adobe I/O Events host.`,
		{
			description:
				ctx.environment === 'custom'
					? "With the Custom environment the access token only goes to the origins (scheme, host and port) of the credential's Events API URL, Ingress URL and Journal URL. If this is the journal of your Custom environment, enter its base URL as the credential's Journal URL."
					: 'Only https URLs on adobe.io are allowed. Use the URL Adobe returned (e.g. the journal link of a registration).',
		},
	);
}

function assertAuthenticatedApi(node: INode, api: string): asserts api is AdobeApi {
	if (Object.prototype.hasOwnProperty.call(SERVICE_LABELS, api)) return;
	throw new NodeOperationError(
		node,
		`The Adobe access token is not sent to "${api}": only the Events API (with the journal) and ingress receive it.`,
		{
			description:
				'Public keys are fetched and IMS tokens requested by the package itself, without a request of this kind. Choose the Events Management API or Publishing (Ingress).',
		},
	);
}

export interface BuiltRequest {
	options: IHttpRequestOptions & { url: string };
	/** label of the API for messages */
	service: string;
	/** for messages: the URL without its query string, and its origin */
	shownUrl: string;
	origin: string;
}

/** Step 1: URL (host-checked) and headers of the request (no I/O). */
export function buildRequest(node: INode, req: AdobeRequest, ctx: AdobeContext): BuiltRequest {
	const api: string = req.api ?? 'management';
	assertAuthenticatedApi(node, api);
	const absolute = isAbsolute(req.url);
	let url: string;
	if (absolute) {
		url = req.url as string;
	} else {
		const path = req.path ?? req.url ?? '';
		url = `${baseUrlOf(ctx, api)}${path.startsWith('/') || path === '' ? '' : '/'}${path}`;
	}
	assertAllowedAdobeUrl(node, url, ctx);
	const isManagement = absolute
		? parseOrigin(url) === parseOrigin(ctx.urls.api) && !/\/events\/organizations\//.test(url)
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

	const options: IHttpRequestOptions & { url: string } = {
		method: req.method,
		url,
		headers,
		json: true,
		returnFullResponse: true,
		timeout: req.timeout ?? DEFAULT_TIMEOUT_MS,
		// n8n re-sends Authorization on a redirect, even to another origin: the token would leave the
		// hosts checked above. A 3xx answer becomes an error naming the redirect instead.
		disableFollowRedirect: true,
	};
	if (req.qs !== undefined) options.qs = req.qs;
	if (req.body !== undefined) options.body = req.body as IHttpRequestOptions['body'];
	const service = SERVICE_LABELS[absolute && !isManagement ? (api === 'management' ? 'journal' : api) : api];
	return { options, service, shownUrl: stripQuery(url), origin: parseOrigin(url) ?? url };
}
