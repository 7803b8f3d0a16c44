/**
 * Adobe error answers → NodeApiError with a message a no-code user can act on.
 *
 * Shapes handled (Adobe reference §1.3, §2.5, §8):
 *   service   {"reason": "...", "message": "..."}
 *   gateway   {"error_code": "403003", "message": "Api Key is invalid"}
 *   IMS       {"error": "invalid_client", "error_description": "..."}
 *   409       duplicate (x-conflicting-id header) or quota reached
 * The error keeps `httpCode` (string), and `context` carries `conflictingId`, `requestId`,
 * `adobeErrorCode` and the (secret-free) response body in `context.data`.
 */
import { NodeApiError, type IDataObject, type INode, type JsonObject } from 'n8n-workflow';

import { causeChain, networkCodeOf } from '../shared/errorChain';
import { isRecord } from '../shared/guards';
import { redactAndCut, redactSecrets } from '../shared/ims';
import { headerValue } from './headers';

export interface AdobeHttpFailure {
	statusCode: number;
	headers: IDataObject;
	body: unknown;
	method: string;
	/** URL without query string */
	url: string;
	/** label of the API for messages: "Events API", "journal", "ingress", … */
	service?: string;
}

/** Longest plain-text error body quoted in a message. */
export const MAX_ERROR_TEXT = 500;

/**
 * An error answer's body as an object: JSON as is, plain text as `{ message }` (at most
 * MAX_ERROR_TEXT characters, `secrets` redacted BEFORE the cut so no part of one survives it).
 */
export function parseErrorBody(body: unknown, secrets: unknown[] = []): IDataObject {
	if (isRecord(body) && !Buffer.isBuffer(body)) return body as IDataObject;
	const text = Buffer.isBuffer(body) ? body.toString('utf8') : typeof body === 'string' ? body : '';
	if (text.trim().startsWith('{')) {
		try {
			return JSON.parse(text) as IDataObject;
		} catch {
			return { message: redactAndCut(text, secrets, MAX_ERROR_TEXT) };
		}
	}
	return text.trim() ? { message: redactAndCut(text.trim(), secrets, MAX_ERROR_TEXT) } : {};
}

function str(value: unknown): string {
	return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}

const GATEWAY_MESSAGES: Record<string, string> = {
	'403000':
		'Adobe did not receive an API key: the Client ID of the Adobe I/O Events credential is empty.',
	'403003':
		'Adobe rejected the API key (Client ID): check that the Client ID in the credential is the one of this project\'s credential in Adobe Developer Console.',
	'403010':
		'Adobe did not receive an access token: reconnect or re-save the Adobe I/O Events credential.',
	'401013':
		'Adobe rejected the access token: check the Client ID, Client Secret and Organization ID of the credential (a new token is requested automatically when the old one expired).',
	'403011':
		'The access token lacks the required scope: add the I/O Management API (and I/O Events) to the Adobe Developer Console project and use its scopes in the credential.',
	'429001':
		'Adobe\'s usage limit for this API key was reached: wait a moment and try again, or lower the request rate.',
	'429050': 'Too many requests to Adobe: wait a moment and try again.',
};

const IMS_MESSAGES: Record<string, string> = {
	invalid_client:
		'Adobe IMS rejected the Client ID or the Client Secret: check both fields of the credential.',
	invalid_scope: 'Adobe IMS rejected the requested scopes: check the Scopes of the credential.',
	invalid_token: 'Adobe IMS rejected the token: reconnect the credential.',
	invalid_grant:
		'Adobe IMS rejected the grant (expired or revoked sign-in): reconnect the credential.',
	unauthorized_client: 'Adobe IMS does not allow this Client ID to use this sign-in method.',
};

function isQuota(text: string): boolean {
	return /quota|limit (?:reached|exceeded)|maximum number|too many registrations/i.test(text);
}

/** Message + description for an Adobe failure (pure; `secrets` are redacted before any cut). */
export function describeAdobeFailure(failure: AdobeHttpFailure, secrets: unknown[] = []): {
	message: string;
	description: string;
	adobeErrorCode?: string;
	conflictingId?: string;
	requestId?: string;
} {
	const data = parseErrorBody(failure.body, secrets);
	const status = failure.statusCode;
	const service = failure.service ?? 'Adobe I/O Events';
	const adobeErrorCode = str(data.error_code) || str(data.error) || undefined;
	const adobeMessage =
		str(data.message) || str(data.error_description) || str(data.title) || str(data.detail);
	const reason = str(data.reason);
	const conflictingId = headerValue(failure.headers, 'x-conflicting-id');
	const requestId = headerValue(failure.headers, 'x-request-id');
	const said = [adobeMessage, reason && reason !== adobeMessage ? reason : '']
		.filter(Boolean)
		.join(' — ');
	const where = `${failure.method} ${failure.url}`;
	const descriptionParts = [
		said ? `Adobe said: ${said}` : '',
		`HTTP ${status} from ${where}`,
		adobeErrorCode ? `Adobe error code: ${adobeErrorCode}` : '',
		requestId ? `Request ID (for Adobe support): ${requestId}` : '',
	].filter(Boolean);
	const description = descriptionParts.join('. ');
	let message: string;

	if (adobeErrorCode && GATEWAY_MESSAGES[adobeErrorCode]) {
		message = GATEWAY_MESSAGES[adobeErrorCode];
	} else if (str(data.error) && IMS_MESSAGES[str(data.error)]) {
		message = IMS_MESSAGES[str(data.error)];
	} else if (status === 409) {
		if (conflictingId) {
			message = `It already exists in Adobe I/O Events (conflicting ID ${conflictingId}): use a different name, or update/delete the existing one.`;
		} else if (isQuota(`${adobeMessage} ${reason}`)) {
			message =
				'Adobe I/O Events quota reached (at most 30 registrations per Client ID and 2,500 per organization): delete registrations you no longer use, then try again.';
		} else {
			message = `Adobe I/O Events reported a conflict: ${said || 'the resource already exists or is being changed'}.`;
		}
	} else if (status === 401) {
		message =
			'Adobe rejected the access token: check the Client ID, Client Secret and Organization ID of the credential.';
	} else if (status === 403) {
		message = `Adobe refused access${said ? ` (${said})` : ''}: check that the credential's Client ID and Organization ID belong to this project and that the I/O Management API is added to it.`;
	} else if (status === 404) {
		message = `${service} found nothing at ${failure.url}: check the ID you entered and the Consumer Org ID, Project ID and Workspace ID of the credential.`;
	} else if (status === 410) {
		message = `${service} answered 410 Gone: the requested data expired or was deleted${said ? ` (${said})` : ''}.`;
	} else if (status === 429) {
		message = 'Adobe is rate limiting these requests: wait a moment and try again, or lower the request rate.';
	} else if (status === 413) {
		message = `The request is too large for ${service}${said ? ` (${said})` : ''}: send less data per request.`;
	} else if (status >= 500) {
		message = `${service} is unavailable right now (HTTP ${status}): try again later.`;
	} else if (status >= 300 && status < 400) {
		message = `${service} answered with a redirect (HTTP ${status}${redirectTarget(failure.headers)}): redirects are not followed, so the Adobe credentials only go to the configured hosts. Check the base URLs of the credential.`;
	} else if (status === 400 || status === 422) {
		message = `Adobe rejected the request: ${said || 'a field has an invalid value'}. Check the values you entered.`;
	} else {
		message = `Adobe answered HTTP ${status}${said ? `: ${said}` : ''}.`;
	}
	return { message, description, adobeErrorCode, conflictingId, requestId };
}

function redirectTarget(headers: IDataObject): string {
	const location = headerValue(headers, 'location');
	if (!location) return '';
	try {
		return ` to ${new URL(location).origin}`;
	} catch {
		return '';
	}
}

/** Builds the NodeApiError from a secret-free failure description (no original error attached). */
export function adobeApiError(
	node: INode,
	failure: AdobeHttpFailure,
	secrets: unknown[] = [],
	itemIndex?: number,
): NodeApiError {
	const described = describeAdobeFailure(failure, secrets);
	const message = redactSecrets(described.message, secrets);
	const description = redactSecrets(described.description, secrets);
	const data = JSON.parse(
		redactSecrets(JSON.stringify(parseErrorBody(failure.body, secrets)), secrets),
	) as JsonObject;
	const error = new NodeApiError(
		node,
		{ message, description, httpCode: String(failure.statusCode) } as JsonObject,
		{
			message,
			description,
			httpCode: String(failure.statusCode),
			...(itemIndex !== undefined ? { itemIndex } : {}),
		},
	);
	// n8n rewrites messages mentioning network codes (ECONNREFUSED…); keep ours.
	error.message = message;
	error.context.data = data;
	if (described.conflictingId) error.context.conflictingId = described.conflictingId;
	if (described.requestId) error.context.requestId = described.requestId;
	if (described.adobeErrorCode) error.context.adobeErrorCode = described.adobeErrorCode;
	return error;
}

/**
 * A NodeApiError with our own message (n8n would rewrite one that mentions a network code) and no
 * Adobe body: failures without an HTTP answer, and the unauthenticated calls (public.ts).
 */
export function messageError(
	node: INode,
	message: string,
	options: { description?: string; httpCode?: string; secrets?: unknown[] } = {},
): NodeApiError {
	const secrets = options.secrets ?? [];
	const clean = redactSecrets(message, secrets);
	const error = new NodeApiError(node, { message: clean } as JsonObject, {
		message: clean,
		...(options.description !== undefined
			? { description: redactSecrets(options.description, secrets) }
			: {}),
		...(options.httpCode !== undefined ? { httpCode: options.httpCode } : {}),
	});
	error.message = clean;
	return error;
}

/** A NodeApiError for failures without an HTTP answer (network, configuration, token). */
export function adobeErrorWithoutResponse(
	node: INode,
	message: string,
	description: string,
	secrets: unknown[] = [],
): NodeApiError {
	return messageError(node, message, { description, secrets });
}

/** What a request that threw comes down to: Adobe's answer, a network failure, or neither. */
export type RequestFailure =
	| { kind: 'http'; failure: AdobeHttpFailure }
	| { kind: 'network'; code: string }
	/** no answer and no network code: the token could not be obtained or the credential is incomplete */
	| { kind: 'config'; message: string };

function answerOf(link: Record<string, unknown>): Omit<AdobeHttpFailure, 'method' | 'url'> | undefined {
	const response = link.response;
	if (!isRecord(response)) return undefined;
	const status = Number(response.status ?? response.statusCode);
	if (!Number.isFinite(status) || status <= 0) return undefined;
	return {
		statusCode: status,
		headers: isRecord(response.headers) ? (response.headers as IDataObject) : {},
		body: response.data ?? response.body,
	};
}

/**
 * The HTTP answer as n8n's NodeApiError summarised it, for an error whose `cause` n8n did not keep:
 * n8n 1.x's NodeApiError drops the wrapped axios error (its `cause` class field is reset after the
 * constructor) but keeps the status (`httpCode`) and the parsed body (`context.data`). The answer's
 * headers (Retry-After, x-conflicting-id) are lost with it.
 */
function summarisedAnswerOf(
	link: Record<string, unknown>,
): Omit<AdobeHttpFailure, 'method' | 'url'> | undefined {
	const code = typeof link.httpCode === 'string' || typeof link.httpCode === 'number' ? String(link.httpCode) : '';
	if (!/^[1-5]\d\d$/.test(code)) return undefined;
	const context = isRecord(link.context) ? link.context : {};
	const description = typeof link.description === 'string' ? link.description : '';
	const body = context.data !== undefined ? context.data : description ? { message: description } : {};
	return { statusCode: Number(code), headers: {}, body };
}

/**
 * Reads what n8n's request helpers threw (n8n wraps the axios error, possibly twice): the HTTP answer
 * anywhere in the cause chain first (else as n8n's NodeApiError summarised it, see
 * summarisedAnswerOf), else a network code, else the message of our AdobeConfigError
 * (preAuthentication / OAuth2 names the credential field) or of the error itself.
 */
export function readRequestFailure(error: unknown, method: string, url: string): RequestFailure {
	const chain = causeChain(error);
	for (const link of chain) {
		const answer = answerOf(link);
		if (answer) return { kind: 'http', failure: { ...answer, method, url } };
	}
	for (const link of chain) {
		const answer = summarisedAnswerOf(link);
		if (answer) return { kind: 'http', failure: { ...answer, method, url } };
	}
	const code = networkCodeOf(error);
	if (code) return { kind: 'network', code };
	const config = chain.find((link) => link.name === 'AdobeConfigError');
	const message = (config ?? chain[0])?.message;
	return { kind: 'config', message: typeof message === 'string' ? message : 'Unknown error' };
}
