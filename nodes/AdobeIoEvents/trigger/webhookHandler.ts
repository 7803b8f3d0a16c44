/**
 * webhook() of the Watch Events trigger: Adobe's challenge (GET), async validation (POST
 * {validationUrl}) and event deliveries (POST), glued to the pure modules in ../webhook.
 *
 * Answers:
 *   GET ?challenge=v            → 200 {"challenge": v}      (400 for a missing/unsafe value)
 *   POST {"validationUrl": u}   → 200 at once, then GET u if its host is csm.adobe.io (or the
 *                                 credential's Custom API host); never an execution
 *   forged / unsigned / tampered / foreign recipient → 401, no execution
 *   signed CloudEvent without a recipient field       → 401 (not routed to us: a replay)
 *   legacy adobe_io event without a recipient field   → accepted once the signature verified
 *   key host unreachable / unexpected failure         → 503 (+ Retry-After), Adobe retries
 *   malformed / empty body → 400; body too large → 413; all duplicates → 200, no execution
 *   valid → one item per event (batches split), acknowledged as soon as the execution is queued
 */
import {
	NodeApiError,
	type IDataObject,
	type INodeExecutionData,
	type IWebhookFunctions,
	type IWebhookResponseData,
	type JsonObject,
} from 'n8n-workflow';

import {
	credentialTypeOf,
	fetchPublicKeyPem,
	getAdobeContext,
	type AdobeContext,
} from '../transport';
import { challengeResponseBody, extractValidationUrl, parseChallenge } from '../webhook/challenge';
import {
	checkRecipients,
	eventIdentity,
	MAX_BODY_BYTES,
	parseDeliveryBody,
	type ParseResult,
} from '../webhook/cloudEvent';
import type { ResponseLike } from '../webhook/ackTracker';
import type { HeaderBag } from '../webhook/headers';
import type { PemFetcher } from '../webhook/keyCache';
import { deliveryMetadataFromHeaders, shapeEvent } from '../webhook/output';
import { createDeliveryRuntime, type DeliveryRuntime } from '../webhook/runtime';
import { verifyDeliverySignature } from '../webhook/verify';
import { reply, retryLater } from './respond';
import { readClientSecret, readDeliverySettings, type DeliverySettings } from './settings';
import { handleValidationPost } from './validation';

export type TriggerRuntime = DeliveryRuntime<AdobeContext>;

/** The delivery state of every Watch Events trigger in this n8n process (see ../webhook/runtime). */
export const deliveryRuntime: TriggerRuntime = createDeliveryRuntime<AdobeContext>();

/** Bodies larger than this are never an async-validation POST. */
const VALIDATION_BODY_MAX = 4_096;

function answerChallenge(fn: IWebhookFunctions): IWebhookResponseData {
	const result = parseChallenge(fn.getQueryData() as Record<string, unknown>);
	if (!result.ok) {
		fn.logger.debug(`Adobe I/O Events: refused GET without a usable challenge (${result.reason})`);
		return reply(fn, 400, {
			message: 'Expected ?challenge=<value> (letters, digits, - . _ ~ :, at most 256 characters)',
		});
	}
	return reply(fn, 200, challengeResponseBody(result.value));
}

/**
 * The delivery context (client id, environment, base URLs — nothing secret) of this trigger node
 * and credential, reused for ≤ 60 s: reading the credential makes n8n decrypt it and evaluate its
 * expressions, a cost every delivery would otherwise pay. A changed credential is picked up within
 * a minute.
 */
async function deliveryContext(
	fn: IWebhookFunctions,
	runtime: TriggerRuntime,
): Promise<AdobeContext> {
	const node = fn.getNode();
	const credentialType = credentialTypeOf(fn);
	const credentialId = node.credentials?.[credentialType]?.id ?? '';
	const key = `${String(fn.getWorkflow().id ?? '')}|${node.id ?? node.name}|${credentialType}|${credentialId}`;
	return await runtime.contexts.get(key, async () => await getAdobeContext.call(fn));
}

/** The transport's key download adapted to the key cache contract: PEM, null when absent, throw when transient. */
function keyFetcherFor(fn: IWebhookFunctions, ctx: AdobeContext): PemFetcher {
	return async (url: string) => {
		try {
			return await fetchPublicKeyPem.call(fn, url, ctx);
		} catch (error) {
			const code = (error as { httpCode?: unknown }).httpCode;
			if (code === '404' || code === '410' || code === '403') return null;
			throw new NodeApiError(fn.getNode(), error as JsonObject);
		}
	};
}

/** Dedupe key prefix: per workflow, trigger node, and test vs production. */
function scopeOf(fn: IWebhookFunctions): string {
	const node = fn.getNode();
	return `${String(fn.getWorkflow().id ?? '')}|${node.id ?? node.name}|${fn.getMode() === 'manual' ? 'test' : 'prod'}`;
}

/** The raw body, or the answer that refuses it (unreadable, empty, too large). */
async function readBody(
	fn: IWebhookFunctions,
	deliveryId: string,
): Promise<{ body: Buffer } | { refused: IWebhookResponseData }> {
	const req = fn.getRequestObject();
	try {
		if (!req.rawBody) await req.readRawBody();
	} catch (error) {
		const tooLarge = /large|limit|size/i.test(String((error as Error)?.message ?? ''));
		fn.logger.warn(
			`Adobe I/O Events: could not read delivery ${deliveryId} (${tooLarge ? 'too large' : 'read error'})`,
		);
		const message = tooLarge ? 'Body too large' : 'Body could not be read';
		return { refused: reply(fn, tooLarge ? 413 : 400, { message }) };
	}
	const body: Buffer = req.rawBody ?? Buffer.alloc(0);
	if (body.length === 0) return { refused: reply(fn, 400, { message: 'Empty body' }) };
	if (body.length > MAX_BODY_BYTES) {
		fn.logger.warn(
			`Adobe I/O Events: refused delivery ${deliveryId}: body of ${body.length} bytes is over the limit`,
		);
		return { refused: reply(fn, 413, { message: 'Body too large' }) };
	}
	return { body };
}

/** Marks the events seen (per trigger scope) and returns the new ones with the keys marked. */
function dropDuplicates(
	fn: IWebhookFunctions,
	runtime: TriggerRuntime,
	events: IDataObject[],
): { fresh: IDataObject[]; marked: string[] } {
	const scope = scopeOf(fn);
	const marked: string[] = [];
	const fresh = events.filter((event) => {
		const identity = eventIdentity(event);
		if (identity === undefined) return true;
		const key = `${scope}|${identity}`;
		if (!runtime.dedupe.markIfNew(key)) return false;
		marked.push(key);
		return true;
	});
	return { fresh, marked };
}

async function handleDelivery(
	fn: IWebhookFunctions,
	runtime: TriggerRuntime,
	body: Buffer,
	parsedSmall: ParseResult | undefined,
	deliveryId: string,
): Promise<IWebhookResponseData> {
	const headers = fn.getRequestObject().headers as HeaderBag;
	const settings: DeliverySettings = readDeliverySettings.call(fn);
	const ctx = await deliveryContext(fn, runtime);
	const verdict = await verifyDeliverySignature({
		body,
		headers,
		mode: settings.signatureCheck,
		keys: runtime.keys.source(keyFetcherFor(fn, ctx)),
		keyBaseUrl: ctx.urls.publicKey,
		clientSecret:
			settings.signatureCheck === 'hmac' || settings.signatureCheck === 'either'
				? await readClientSecret.call(fn)
				: undefined,
	});
	if (!verdict.ok) {
		fn.logger.warn(
			`Adobe I/O Events: ${verdict.status === 401 ? 'rejected' : 'deferred'} delivery ${deliveryId}: ${verdict.reason}`,
		);
		return verdict.status === 401
			? reply(fn, 401, { message: 'Signature verification failed' })
			: retryLater(fn, 'Temporarily unable to verify the delivery; retry later');
	}

	const parsed = parsedSmall ?? parseDeliveryBody(body);
	if (!parsed.ok) {
		fn.logger.warn(`Adobe I/O Events: refused delivery ${deliveryId}: ${parsed.reason}`);
		return reply(fn, parsed.status, { message: parsed.reason });
	}
	const recipients = checkRecipients(parsed.events, ctx.clientId);
	if (!recipients.ok) {
		if (recipients.reason === 'no-client-id') {
			// Our configuration, not the delivery, is broken: let Adobe retry once it is fixed.
			fn.logger.warn(
				`Adobe I/O Events: deferred delivery ${deliveryId}: the credential has no Client ID to check the recipient against`,
			);
			return retryLater(fn, 'Temporarily unable to check the recipient; retry later');
		}
		fn.logger.warn(
			`Adobe I/O Events: rejected delivery ${deliveryId}: event ${recipients.index + 1} of ${parsed.events.length} is addressed to another client ID`,
		);
		return reply(fn, 401, { message: 'Not a valid target recipient' });
	}
	if (recipients.unaddressed > 0) {
		fn.logger.debug(
			`Adobe I/O Events: delivery ${deliveryId}: ${recipients.unaddressed} of ${parsed.events.length} event(s) carry no recipient field (legacy format); accepted after signature check "${settings.signatureCheck}"`,
		);
	}

	let events = parsed.events as IDataObject[];
	let marked: string[] = [];
	if (settings.dedupe) {
		({ fresh: events, marked } = dropDuplicates(fn, runtime, events));
		if (events.length === 0) {
			fn.logger.debug(
				`Adobe I/O Events: delivery ${deliveryId} only held duplicates; acknowledged without execution`,
			);
			return reply(fn, 200, { message: 'Duplicate delivery ignored' });
		}
	}

	const metadata = settings.includeDeliveryMetadata
		? deliveryMetadataFromHeaders(headers, new Date(runtime.now()))
		: undefined;
	const items: INodeExecutionData[] = events.map((event) => ({
		json: shapeEvent(event, { output: settings.output, metadata }) as IDataObject,
	}));
	// If n8n fails to start the execution (5xx), Adobe's retry must not count as a duplicate.
	runtime.acks.watch(fn.getResponseObject() as unknown as ResponseLike, marked);
	return { workflowData: [items] };
}

export async function handleWebhook(
	this: IWebhookFunctions,
	runtime: TriggerRuntime = deliveryRuntime,
): Promise<IWebhookResponseData> {
	if (this.getWebhookName() === 'setup') return answerChallenge(this);

	const deliveryIdHeader = (this.getRequestObject().headers as HeaderBag)['x-adobe-delivery-id'];
	const deliveryId =
		typeof deliveryIdHeader === 'string' ? deliveryIdHeader.slice(0, 80) : 'unknown';
	const read = await readBody(this, deliveryId);
	if ('refused' in read) return read.refused;

	// Adobe's async validation POST: tiny JSON object with a validationUrl, no event.
	// (Parsed once: a small body's parse is reused after verification.)
	const parsedSmall =
		read.body.length <= VALIDATION_BODY_MAX ? parseDeliveryBody(read.body) : undefined;
	if (parsedSmall?.ok && !parsedSmall.isBatch && parsedSmall.events[0].specversion === undefined) {
		const candidate = extractValidationUrl(parsedSmall.payload);
		if (candidate !== undefined) return await handleValidationPost(this, candidate);
	}
	return await handleDelivery(this, runtime, read.body, parsedSmall, deliveryId);
}
