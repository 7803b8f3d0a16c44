/**
 * webhook() of the Watch Events trigger: Adobe's challenge (GET), async validation (POST
 * {validationUrl}) and event deliveries (POST), glued to the pure modules in ../webhook.
 *
 * Answers:
 *   GET ?challenge=v            → 200 {"challenge": v}      (400 for a missing/unsafe value)
 *   POST {"validationUrl": u}   → 200 at once, then GET u if its host is csm.adobe.io (or the
 *                                 credential's Custom API host); never an execution
 *   forged / unsigned / tampered / foreign recipient → 401, no execution
 *   no recipient field (legacy adobe_io format)       → accepted once the signature verified
 *   key host unreachable / unexpected failure         → 503 (+ Retry-After), Adobe retries
 *   malformed / empty body → 400; body too large → 413; all duplicates → 200, no execution
 *   valid → one item per event (batches split), acknowledged as soon as the execution is queued
 */
import {
	NodeApiError,
	sleep,
	type IDataObject,
	type INodeExecutionData,
	type IWebhookFunctions,
	type IWebhookResponseData,
	type JsonObject,
} from 'n8n-workflow';

import {
	checkValidationUrl,
	confirmValidationUrl,
	credentialTypeOf,
	fetchPublicKeyPem,
	getAdobeContext,
	type AdobeContext,
} from '../transport';
import {
	challengeResponseBody,
	extractValidationUrl,
	parseChallenge,
} from '../webhook/challenge';
import {
	checkRecipients,
	eventIdentity,
	MAX_BODY_BYTES,
	parseDeliveryBody,
} from '../webhook/cloudEvent';
import { AckTracker, type ResponseLike } from '../webhook/ackTracker';
import { DedupeWindow, DEFAULT_DEDUPE_MAX_ENTRIES, DEFAULT_DEDUPE_TTL_MS } from '../webhook/dedupe';
import type { HeaderBag } from '../webhook/headers';
import { PublicKeyCache, type PemFetcher } from '../webhook/keyCache';
import { deliveryMetadataFromHeaders, shapeEvent } from '../webhook/output';
import { TtlCache } from '../webhook/ttlCache';
import { verifyDeliverySignature, type KeySource } from '../webhook/verify';
import { readClientSecret, readDeliverySettings } from './settings';

/**
 * Process-wide state shared by every Watch Events trigger in this n8n process: parsed public
 * keys (≤ 24 h, ≤ 64 keys) and the de-duplication window (≤ 24 h, ≤ 10 000 event IDs).
 */
export const publicKeyCache = new PublicKeyCache({
	fetchPem: async () => {
		throw new Error('no key fetcher bound to this lookup');
	},
});
export const dedupeWindow = new DedupeWindow({
	maxEntries: DEFAULT_DEDUPE_MAX_ENTRIES,
	ttlMs: DEFAULT_DEDUPE_TTL_MS,
});
/**
 * The delivery context (client id, environment, base URLs — nothing secret) per trigger node and
 * credential, reused for ≤ 60 s (≤ 256 entries): reading the credential makes n8n decrypt it and
 * evaluate its expressions, a cost every delivery would otherwise pay. A changed credential is
 * picked up within a minute.
 */
export const deliveryContextCache = new TtlCache<AdobeContext>({ maxEntries: 256, ttlMs: 60_000 });

async function deliveryContext(fn: IWebhookFunctions): Promise<AdobeContext> {
	const node = fn.getNode();
	const credentialType = credentialTypeOf(fn);
	const credentialId = node.credentials?.[credentialType]?.id ?? '';
	const key = `${String(fn.getWorkflow().id ?? '')}|${node.id ?? node.name}|${credentialType}|${credentialId}`;
	return await deliveryContextCache.get(key, async () => await getAdobeContext.call(fn));
}

/** Forgets the dedupe keys of an accepted delivery when n8n answers it with a 5xx. */
export const ackTracker = new AckTracker((key) => dedupeWindow.forget(key));

/**
 * Following a validationUrl: Adobe allows 5 minutes. The first GET waits a moment so Adobe has
 * recorded our 200 to its POST; failures (including 404 from that race) are retried, bounded.
 */
const VALIDATION_ATTEMPTS = 4;
const VALIDATION_FIRST_DELAY_MS = 250;
const VALIDATION_RETRY_MS = 1_000;
/** Bodies larger than this are never an async-validation POST. */
const VALIDATION_BODY_MAX = 4_096;

function reply(
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

/** A transport fetcher adapted to the key cache contract: PEM, null when absent, throw when transient. */
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

async function handleValidationPost(
	fn: IWebhookFunctions,
	candidate: string,
): Promise<IWebhookResponseData> {
	const ctx = await getAdobeContext.call(fn);
	const check = checkValidationUrl(candidate, ctx);
	if (!check.ok) {
		fn.logger.warn(`Adobe I/O Events: ignored a validationUrl POST (${check.reason})`);
		return reply(fn, 400, { message: 'validationUrl refused' });
	}
	// Answer first (Adobe enters async validation on our 200), then visit the URL.
	const response = reply(fn, 200, { message: 'Validation accepted' });
	await completeValidation(fn, check.url, ctx);
	return response;
}

function scopeOf(fn: IWebhookFunctions): string {
	const node = fn.getNode();
	return `${String(fn.getWorkflow().id ?? '')}|${node.id ?? node.name}|${fn.getMode() === 'manual' ? 'test' : 'prod'}`;
}

export async function handleWebhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	if (this.getWebhookName() === 'setup') return answerChallenge(this);

	const req = this.getRequestObject();
	const headers = req.headers as HeaderBag;
	const deliveryId = (() => {
		const v = headers['x-adobe-delivery-id'];
		return typeof v === 'string' ? v.slice(0, 80) : 'unknown';
	})();
	try {
		if (!req.rawBody) await req.readRawBody();
	} catch (error) {
		const tooLarge = /large|limit|size/i.test(String((error as Error)?.message ?? ''));
		this.logger.warn(
			`Adobe I/O Events: could not read delivery ${deliveryId} (${tooLarge ? 'too large' : 'read error'})`,
		);
		return reply(this, tooLarge ? 413 : 400, {
			message: tooLarge ? 'Body too large' : 'Body could not be read',
		});
	}
	const body: Buffer = req.rawBody ?? Buffer.alloc(0);
	if (body.length === 0) return reply(this, 400, { message: 'Empty body' });
	if (body.length > MAX_BODY_BYTES) {
		this.logger.warn(
			`Adobe I/O Events: refused delivery ${deliveryId}: body of ${body.length} bytes is over the limit`,
		);
		return reply(this, 413, { message: 'Body too large' });
	}

	// Adobe's async validation POST: tiny JSON object with a validationUrl, no event.
	// (Parsed once: a small body's parse is reused after verification.)
	let parsedSmall: ReturnType<typeof parseDeliveryBody> | undefined;
	if (body.length <= VALIDATION_BODY_MAX) {
		const small = (parsedSmall = parseDeliveryBody(body));
		if (small.ok && !small.isBatch) {
			const candidate = extractValidationUrl(small.payload);
			if (candidate !== undefined && small.events[0].specversion === undefined) {
				return await handleValidationPost(this, candidate);
			}
		}
	}

	const settings = readDeliverySettings.call(this);
	const ctx = await deliveryContext(this);
	const keys: KeySource = {
		peek: (url) => publicKeyCache.peek(url),
		get: async (url) => await publicKeyCache.get(url, keyFetcherFor(this, ctx)),
	};
	const clientSecret =
		settings.signatureCheck === 'hmac' || settings.signatureCheck === 'either'
			? await readClientSecret.call(this)
			: undefined;
	const verdict = await verifyDeliverySignature({
		body,
		headers,
		mode: settings.signatureCheck,
		keys,
		keyBaseUrl: ctx.urls.publicKey,
		clientSecret,
	});
	if (!verdict.ok) {
		this.logger.warn(
			`Adobe I/O Events: ${verdict.status === 401 ? 'rejected' : 'deferred'} delivery ${deliveryId}: ${verdict.reason}`,
		);
		return verdict.status === 401
			? reply(this, 401, { message: 'Signature verification failed' })
			: reply(
					this,
					503,
					{ message: 'Temporarily unable to verify the delivery; retry later' },
					{ 'Retry-After': '60' },
				);
	}

	const parsed = parsedSmall ?? parseDeliveryBody(body);
	if (!parsed.ok) {
		this.logger.warn(`Adobe I/O Events: refused delivery ${deliveryId}: ${parsed.reason}`);
		return reply(this, parsed.status, { message: parsed.reason });
	}
	const recipients = checkRecipients(parsed.events, ctx.clientId);
	if (!recipients.ok) {
		if (recipients.reason === 'no-client-id') {
			// Our configuration, not the delivery, is broken: let Adobe retry once it is fixed.
			this.logger.warn(
				`Adobe I/O Events: deferred delivery ${deliveryId}: the credential has no Client ID to check the recipient against`,
			);
			return reply(
				this,
				503,
				{ message: 'Temporarily unable to check the recipient; retry later' },
				{ 'Retry-After': '60' },
			);
		}
		this.logger.warn(
			`Adobe I/O Events: rejected delivery ${deliveryId}: event ${recipients.index + 1} of ${parsed.events.length} is addressed to another client ID`,
		);
		return reply(this, 401, { message: 'Not a valid target recipient' });
	}
	if (recipients.unaddressed > 0) {
		this.logger.debug(
			`Adobe I/O Events: delivery ${deliveryId}: ${recipients.unaddressed} of ${parsed.events.length} event(s) carry no recipient field (legacy format); accepted after signature check "${settings.signatureCheck}"`,
		);
	}

	let events = parsed.events;
	const marked: string[] = [];
	if (settings.dedupe) {
		const scope = scopeOf(this);
		events = events.filter((event) => {
			const identity = eventIdentity(event);
			if (identity === undefined) return true;
			const key = `${scope}|${identity}`;
			if (!dedupeWindow.markIfNew(key)) return false;
			marked.push(key);
			return true;
		});
		if (events.length === 0) {
			this.logger.debug(
				`Adobe I/O Events: delivery ${deliveryId} only held duplicates; acknowledged without execution`,
			);
			return reply(this, 200, { message: 'Duplicate delivery ignored' });
		}
	}

	const metadata = settings.includeDeliveryMetadata
		? deliveryMetadataFromHeaders(headers, new Date())
		: undefined;
	const items: INodeExecutionData[] = events.map((event) => ({
		json: shapeEvent(event, { output: settings.output, metadata }) as IDataObject,
	}));
	// If n8n fails to start the execution (5xx), Adobe's retry must not count as a duplicate.
	ackTracker.watch(this.getResponseObject() as unknown as ResponseLike, marked);
	return { workflowData: [items] };
}
