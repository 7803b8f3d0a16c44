/**
 * Answers written by the Watch Events webhook itself (not by n8n's response modes).
 */
import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

/** Writes `status` + JSON `body` (+ headers) and tells n8n the answer is sent. */
export function reply(
	fn: IWebhookFunctions,
	status: number,
	body: IDataObject,
	headers: Record<string, string> = {},
): IWebhookResponseData {
	const res = fn.getResponseObject();
	for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
	res.status(status).json(body);
	return { noWebhookResponse: true };
}

/** 503 with Retry-After: Adobe retries the delivery later. */
export function retryLater(fn: IWebhookFunctions, message: string): IWebhookResponseData {
	return reply(fn, 503, { message }, { 'Retry-After': '60' });
}
