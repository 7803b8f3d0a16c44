/**
 * Adobe's asynchronous webhook validation: when the synchronous challenge fails, Adobe POSTs
 * `{"validationUrl": "…"}` while it creates (or changes) the registration and expects a GET of that
 * URL within 5 minutes.
 *
 * Anybody can POST such a body to a public webhook URL, so the URL is followed only while this
 * trigger's registration is being validated (the lifecycle opened the validation gate: it is
 * creating or changing the registration in this n8n process; webhook/validationGate.ts), only on
 * Adobe's host (or the Custom API origin) and without following redirects. Every such POST gets
 * the same answer at once, so nobody learns whether the gate is open.
 */
import { sleep, type IWebhookFunctions, type IWebhookResponseData } from 'n8n-workflow';

import { checkValidationUrl, confirmValidationUrl, type AdobeContext } from '../transport';
import { MAX_VALIDATION_URLS } from '../webhook/validationGate';
import { reply } from './respond';
import { deliveryCredential, triggerScope, type TriggerRuntime } from './runtime';

/**
 * Following a validationUrl: Adobe allows 5 minutes. The first GET waits a moment so Adobe has
 * recorded our 200 to its POST; failures (including 404 from that race) are retried, bounded.
 */
const VALIDATION_ATTEMPTS = 4;
const VALIDATION_FIRST_DELAY_MS = 250;
const VALIDATION_RETRY_MS = 1_000;

/** GETs the validation URL (bounded retries), logging the outcome. */
async function followValidationUrl(
	fn: IWebhookFunctions,
	url: string,
	ctx: AdobeContext,
): Promise<void> {
	await sleep(VALIDATION_FIRST_DELAY_MS);
	for (let attempt = 1; attempt <= VALIDATION_ATTEMPTS; attempt++) {
		try {
			await confirmValidationUrl.call(fn, url, ctx);
			// Not "validated": only Adobe's registration status says so (the lifecycle reads it).
			fn.logger.info('Adobe I/O Events: followed a validation URL (Adobe answered 2xx)');
			return;
		} catch (error) {
			const code = (error as { httpCode?: unknown }).httpCode;
			fn.logger.warn(
				`Adobe I/O Events: following the validation URL failed (attempt ${attempt}/${VALIDATION_ATTEMPTS}${code ? `, HTTP ${String(code)}` : ''})`,
			);
			if (attempt < VALIDATION_ATTEMPTS) await sleep(VALIDATION_RETRY_MS * 2 ** (attempt - 1));
		}
	}
}

/** The one answer to every `{"validationUrl": …}` POST: whether it is followed is not told. */
const VALIDATION_ANSWER = { message: 'Validation request received' };

/**
 * Answers a `{"validationUrl": …}` POST (never an execution) and follows it when expected.
 *
 * The answer is the same 200, sent before anything is looked at, whether the gate is open or
 * closed and whatever the URL: it tells a stranger nothing (Adobe needs the 200 to enter
 * asynchronous validation). Then, only while the gate is open, a URL on Adobe's validation host
 * (or the Custom API origin) is followed — each distinct URL once, up to MAX_VALIDATION_URLS per
 * opening, concurrently — and a GET that succeeds does not close the gate (the lifecycle does).
 */
export async function handleValidationPost(
	fn: IWebhookFunctions,
	runtime: TriggerRuntime,
	candidate: string,
): Promise<IWebhookResponseData> {
	const response = reply(fn, 200, VALIDATION_ANSWER);
	const scope = triggerScope(fn);
	if (!runtime.validations.isOpen(scope)) {
		fn.logger.warn(
			'Adobe I/O Events: ignored a validationUrl POST: no registration of this trigger is being validated by this n8n process (n8n follows validation URLs only while it creates or changes the registration)',
		);
		return response;
	}
	let ctx: AdobeContext;
	try {
		({ ctx } = await deliveryCredential(fn, runtime));
	} catch {
		fn.logger.warn(
			'Adobe I/O Events: ignored a validationUrl POST: the credential of this trigger could not be read',
		);
		return response;
	}
	const check = checkValidationUrl(candidate, ctx);
	if (!check.ok) {
		fn.logger.warn(`Adobe I/O Events: ignored a validationUrl POST (${check.reason})`);
		return response;
	}
	const entry = runtime.validations.begin(scope, check.url);
	if (entry === 'follow') {
		await followValidationUrl(fn, check.url, ctx);
	} else if (entry === 'full') {
		fn.logger.warn(
			`Adobe I/O Events: ignored a validationUrl POST: ${MAX_VALIDATION_URLS} validation URLs were already followed for this trigger since its registration call started`,
		);
	} else if (entry === 'repeat') {
		fn.logger.debug('Adobe I/O Events: ignored a repeated validationUrl POST (already followed)');
	} else {
		fn.logger.warn(
			'Adobe I/O Events: ignored a validationUrl POST: the validation of this trigger ended meanwhile',
		);
	}
	return response;
}
