/**
 * Adobe's asynchronous webhook validation: when the synchronous challenge fails, Adobe POSTs
 * `{"validationUrl": "…"}` and expects a GET of that URL within 5 minutes.
 */
import { sleep, type IWebhookFunctions, type IWebhookResponseData } from 'n8n-workflow';

import { confirmValidationUrl, getAdobeContext, type AdobeContext } from '../transport';
import { checkValidationUrl } from '../webhook/challenge';
import { reply } from './respond';

/**
 * Following a validationUrl: Adobe allows 5 minutes. The first GET waits a moment so Adobe has
 * recorded our 200 to its POST; failures (including 404 from that race) are retried, bounded.
 */
const VALIDATION_ATTEMPTS = 4;
const VALIDATION_FIRST_DELAY_MS = 250;
const VALIDATION_RETRY_MS = 1_000;

async function completeValidation(
	fn: IWebhookFunctions,
	url: string,
	ctx: AdobeContext,
): Promise<void> {
	await sleep(VALIDATION_FIRST_DELAY_MS);
	for (let attempt = 1; attempt <= VALIDATION_ATTEMPTS; attempt++) {
		try {
			await confirmValidationUrl.call(fn, url, ctx);
			fn.logger.info('Adobe I/O Events: asynchronous webhook validation completed');
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

/** Answers Adobe's validation POST (never an execution), then follows the URL when it is Adobe's. */
export async function handleValidationPost(
	fn: IWebhookFunctions,
	candidate: string,
): Promise<IWebhookResponseData> {
	const ctx = await getAdobeContext.call(fn);
	const check = checkValidationUrl(
		candidate,
		ctx.environment === 'custom' ? ctx.urls.api : undefined,
	);
	if (!check.ok) {
		fn.logger.warn(`Adobe I/O Events: ignored a validationUrl POST (${check.reason})`);
		return reply(fn, 400, { message: 'validationUrl refused' });
	}
	// Answer first (Adobe enters async validation on our 200), then visit the URL.
	const response = reply(fn, 200, { message: 'Validation accepted' });
	await completeValidation(fn, check.url, ctx);
	return response;
}
