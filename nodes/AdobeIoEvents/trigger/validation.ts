/**
 * Adobe's asynchronous webhook validation: when the synchronous challenge fails, Adobe POSTs
 * `{"validationUrl": "…"}` while it creates (or changes) the registration and expects a GET of that
 * URL within 5 minutes.
 *
 * Anybody can POST such a body to a public webhook URL, so the URL is followed only while this
 * trigger's registration is being validated (the lifecycle opened the validation gate: it is
 * creating or changing the registration in this n8n process), at most one at a time per trigger,
 * only on Adobe's host (or the Custom API origin) and without following redirects. Anything else is
 * answered at once, without a request leaving n8n.
 */
import { sleep, type IWebhookFunctions, type IWebhookResponseData } from 'n8n-workflow';

import { checkValidationUrl, confirmValidationUrl, type AdobeContext } from '../transport';
import { reply } from './respond';
import { deliveryCredential, triggerScope, type TriggerRuntime } from './runtime';

/**
 * Following a validationUrl: Adobe allows 5 minutes. The first GET waits a moment so Adobe has
 * recorded our 200 to its POST; failures (including 404 from that race) are retried, bounded.
 */
const VALIDATION_ATTEMPTS = 4;
const VALIDATION_FIRST_DELAY_MS = 250;
const VALIDATION_RETRY_MS = 1_000;

/** GETs the validation URL (bounded retries); true once Adobe accepted it. */
async function completeValidation(
	fn: IWebhookFunctions,
	url: string,
	ctx: AdobeContext,
): Promise<boolean> {
	await sleep(VALIDATION_FIRST_DELAY_MS);
	for (let attempt = 1; attempt <= VALIDATION_ATTEMPTS; attempt++) {
		try {
			await confirmValidationUrl.call(fn, url, ctx);
			fn.logger.info('Adobe I/O Events: asynchronous webhook validation completed');
			return true;
		} catch (error) {
			const code = (error as { httpCode?: unknown }).httpCode;
			fn.logger.warn(
				`Adobe I/O Events: following the validation URL failed (attempt ${attempt}/${VALIDATION_ATTEMPTS}${code ? `, HTTP ${String(code)}` : ''})`,
			);
			if (attempt < VALIDATION_ATTEMPTS) await sleep(VALIDATION_RETRY_MS * 2 ** (attempt - 1));
		}
	}
	return false;
}

/** Answers a `{"validationUrl": …}` POST (never an execution) and follows it when expected. */
export async function handleValidationPost(
	fn: IWebhookFunctions,
	runtime: TriggerRuntime,
	candidate: string,
): Promise<IWebhookResponseData> {
	const scope = triggerScope(fn);
	const entry = runtime.validations.begin(scope);
	if (entry === 'busy') {
		fn.logger.warn(
			'Adobe I/O Events: ignored a validationUrl POST: a validation of this trigger is already being completed',
		);
		return reply(fn, 409, { message: 'A validation is already in progress' });
	}
	if (entry === 'not-expected') {
		fn.logger.warn(
			'Adobe I/O Events: ignored a validationUrl POST: no registration of this trigger is being validated by this n8n process (n8n follows validation URLs only while it creates or changes the registration)',
		);
		return reply(fn, 403, { message: 'No validation expected' });
	}
	let completed = false;
	try {
		const { ctx } = await deliveryCredential(fn, runtime);
		const check = checkValidationUrl(candidate, ctx);
		if (!check.ok) {
			fn.logger.warn(`Adobe I/O Events: ignored a validationUrl POST (${check.reason})`);
			return reply(fn, 400, { message: 'validationUrl refused' });
		}
		// Answer first (Adobe enters async validation on our 200), then visit the URL.
		const response = reply(fn, 200, { message: 'Validation accepted' });
		completed = await completeValidation(fn, check.url, ctx);
		return response;
	} finally {
		runtime.validations.end(scope, completed);
	}
}
