/**
 * adobeApiRequest: THE path to Adobe's authenticated APIs — build (build.ts) → send with the retry
 * policy (retry.ts) → shape the answer or turn the failure into a NodeApiError (errors.ts).
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
import { sleep, type IDataObject, type IN8nHttpFullResponse, type INode } from 'n8n-workflow';

import { ADOBE_ID_CREDENTIAL, API_CREDENTIAL } from '../shared/constants';
import { networkCodeText } from '../shared/errorChain';
import { buildRequest, type AdobeRequest, type BuiltRequest } from './build';
import type { AdobeFunctions } from './context';
import {
	adobeApiError,
	adobeErrorWithoutResponse,
	parseErrorBody,
	readRequestFailure,
	type AdobeHttpFailure,
	type RequestFailure,
} from './errors';
import { getHeader } from './headers';
import { nextDelay, retryPolicy, type RetryDecision, type RetryPolicy } from './retry';
import { openAdobeSession, secretsOf, type AdobeSession } from './session';

export type { AdobeApi, AdobeRequest } from './build';
export { assertAllowedAdobeUrl } from './build';

type Outcome = { kind: 'answer'; response: IN8nHttpFullResponse } | RequestFailure;

/** Step 2a: one authenticated send; the token is refreshed by n8n on 401 (and 403 when asked). */
async function sendOnce(
	fn: AdobeFunctions,
	session: AdobeSession,
	built: BuiltRequest,
	refreshOn403: boolean,
): Promise<Outcome> {
	const isOAuth2 = session.ctx.credentialType === ADOBE_ID_CREDENTIAL;
	const additional = isOAuth2
		? { oauth2: { tokenExpiredStatusCode: refreshOn403 ? [401, 403] : 401 } }
		: {
				preAuthenticationRetryStatusCode: refreshOn403 ? [401, 403] : 401,
				credentialsDecrypted: session.credentials,
			};
	try {
		const response = (await fn.helpers.httpRequestWithAuthentication.call(
			fn,
			isOAuth2 ? ADOBE_ID_CREDENTIAL : API_CREDENTIAL,
			{ ...built.options, headers: { ...(built.options.headers ?? {}) } },
			additional,
		)) as IN8nHttpFullResponse;
		return { kind: 'answer', response };
	} catch (error) {
		return readRequestFailure(error, String(built.options.method ?? 'GET'), built.shownUrl);
	}
}

/**
 * Adobe's gateway answers 403 both for a missing/invalid token (a new token helps) and for an invalid
 * API key or a scope mismatch (it does not): only the former is worth a token refresh.
 */
function isTokenProblem(failure: AdobeHttpFailure): boolean {
	if (failure.statusCode !== 403) return false;
	const data = parseErrorBody(failure.body);
	const code = String(data.error_code ?? '');
	const message = `${String(data.message ?? '')} ${String(data.error ?? '')}`;
	return code === '403010' || code === '401013' || /oauth token|access token|token is (?:not valid|missing|expired)/i.test(message);
}

/** Step 2: send with the retry policy (retry.ts) and the one-time token refresh after a token 403. */
async function sendWithRetries(
	fn: AdobeFunctions,
	session: AdobeSession,
	built: BuiltRequest,
	policy: RetryPolicy,
): Promise<{ outcome: Outcome; attempts: number; decision?: RetryDecision }> {
	let refreshedAfter403 = false;
	for (let attempt = 1; ; attempt++) {
		let outcome = await sendOnce(fn, session, built, false);
		if (outcome.kind === 'http' && !refreshedAfter403 && isTokenProblem(outcome.failure)) {
			refreshedAfter403 = true;
			outcome = await sendOnce(fn, session, built, true);
		}
		if (outcome.kind === 'answer') return { outcome, attempts: attempt };
		const decision = nextDelay(
			attempt,
			outcome.kind === 'http'
				? {
						statusCode: outcome.failure.statusCode,
						retryAfter: getHeader(outcome.failure.headers, 'retry-after'),
					}
				: { networkCode: outcome.kind === 'network' ? outcome.code : undefined },
			policy,
			Date.now(),
		);
		if (!decision.retry) return { outcome, attempts: attempt, decision };
		await sleep(decision.delayMs);
	}
}

/** Step 3: a failed request as a NodeApiError a no-code user can act on, without secrets. */
function toNodeError(
	node: INode,
	outcome: RequestFailure,
	attempts: number,
	decision: RetryDecision | undefined,
	policy: RetryPolicy,
	built: BuiltRequest,
	session: AdobeSession,
	secrets: unknown[],
) {
	const attemptsNote = attempts > 1 ? ` (after ${attempts} attempts)` : '';
	if (outcome.kind === 'http') {
		const error = adobeApiError(node, { ...outcome.failure, service: built.service }, secrets);
		const retryNote =
			decision?.retry === false && decision.reason === 'retry-after-too-long'
				? ` Adobe asked to wait ${Math.ceil(decision.retryAfterMs / 1000)} s before retrying, longer than the ${Math.ceil(policy.maxDelayMs / 1000)} s this node waits.`
				: '';
		if (attemptsNote || retryNote) {
			error.description = `${error.description ?? ''}${attemptsNote ? `. Tried ${attempts} times` : ''}.${retryNote}`.replace(/^\. /, '');
			error.context.attempts = attempts;
		}
		return error;
	}
	if (outcome.kind === 'network') {
		return adobeErrorWithoutResponse(
			node,
			`Could not reach ${built.service} at ${built.origin} (${networkCodeText(outcome.code)})${attemptsNote}.`,
			session.ctx.environment === 'custom'
				? 'Check the base URLs of the credential (Custom environment) and that the service is running.'
				: "Check this machine's network access to Adobe.",
			secrets,
		);
	}
	return adobeErrorWithoutResponse(
		node,
		outcome.message || 'The request to Adobe failed.',
		'Open the Adobe I/O Events credential and fix the field named in the message (for OAuth2: reconnect the account).',
		secrets,
	);
}

function shapeAnswer(response: IN8nHttpFullResponse, full: boolean | undefined): IDataObject {
	if (full) {
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

/**
 * One call to an Adobe API: build (URL, headers) → send with the retry policy → shape the answer or
 * turn the failure into a NodeApiError. Resolves with the parsed body ({} for an empty body), or with
 * { statusCode, headers, body } when `returnFullResponse` is set. Without `req.session` the credential
 * is read once for this request.
 */
export async function adobeApiRequest(this: AdobeFunctions, req: AdobeRequest): Promise<IDataObject> {
	const session = req.session ?? (await openAdobeSession.call(this));
	const node = this.getNode();
	const built = buildRequest(node, req, session.ctx);
	const policy = retryPolicy(req.retry);
	const { outcome, attempts, decision } = await sendWithRetries(this, session, built, policy);
	if (outcome.kind === 'answer') return shapeAnswer(outcome.response, req.returnFullResponse);
	const secrets = await secretsOf(this, session);
	throw toNodeError(node, outcome, attempts, decision, policy, built, session, secrets);
}
