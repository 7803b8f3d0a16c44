/**
 * The verdict on one Watch Events delivery against one reading of the trigger's credential: its
 * signature (keys fetched through the transport, cached in the DeliveryRuntime) and its recipients.
 * Used by webhookHandler.ts, which answers accordingly.
 */
import {
	NodeApiError,
	type IDataObject,
	type IWebhookFunctions,
	type JsonObject,
} from 'n8n-workflow';

import { fetchPublicKeyPem, publicKeyFailureOf, type AdobeContext } from '../transport';
import { checkRecipients, parseDeliveryBody, type ParseResult } from '../webhook/cloudEvent';
import type { HeaderBag } from '../webhook/headers';
import type { PemFetcher } from '../webhook/keyCache';
import { ALL_KEY_FOLDERS, type KeyFolder } from '../webhook/keyPath';
import { verifyDeliverySignature } from '../webhook/verify';
import type { DeliveryCredential, TriggerRuntime } from './runtime';
import type { DeliverySettings } from './settings';

/**
 * The transport's key download adapted to the key cache contract: the PEM; null only when the key
 * host says the key does not exist (404/410); a throw for anything else — 403 (a proxy or CDN
 * refusing), 429, 5xx, a redirect, no answer — which the delivery answers 503, so Adobe retries
 * instead of dropping a real event as forged.
 */
function keyFetcherFor(fn: IWebhookFunctions, ctx: AdobeContext): PemFetcher {
	return async (url: string) => {
		try {
			return await fetchPublicKeyPem.call(fn, url, ctx);
		} catch (error) {
			// 'refused' (off the pinned key host) cannot come from a path keyPath.ts built; were it to,
			// no key there is trusted: treated like a missing key (401).
			if (publicKeyFailureOf(error) !== 'transient') return null;
			throw new NodeApiError(fn.getNode(), error as JsonObject);
		}
	};
}

/** Key folders Adobe signs the environment's deliveries with. */
function keyFoldersOf(ctx: AdobeContext): readonly KeyFolder[] {
	if (ctx.environment === 'production') return ['prod'];
	if (ctx.environment === 'stage') return ['stage'];
	return ALL_KEY_FOLDERS;
}

export type Judgement =
	| { ok: true; events: IDataObject[] }
	| {
			ok: false;
			status: 400 | 401 | 413 | 503;
			message: string;
			/** the log line (never holds a secret) */
			log: string;
			/** the check used a cached credential value that may have changed since (client secret, client id) */
			staleSuspect?: boolean;
	  };

/** Signature and recipients of one delivery against one reading of the credential (pure verdicts). */
export async function judge(
	fn: IWebhookFunctions,
	runtime: TriggerRuntime,
	settings: DeliverySettings,
	credential: DeliveryCredential,
	body: Buffer,
	parsedSmall: ParseResult | undefined,
): Promise<Judgement> {
	const { ctx } = credential;
	const verdict = await verifyDeliverySignature({
		body,
		headers: fn.getRequestObject().headers as HeaderBag,
		mode: settings.signatureCheck,
		keys: runtime.keys.source(keyFetcherFor(fn, ctx)),
		keyBaseUrl: ctx.urls.publicKey,
		keyFolders: keyFoldersOf(ctx),
		clientSecret: credential.clientSecret,
	});
	if (!verdict.ok) {
		return verdict.status === 401
			? {
					ok: false,
					status: 401,
					message: 'Signature verification failed',
					log: `rejected: ${verdict.reason}`,
					staleSuspect: verdict.secretMismatch,
				}
			: {
					ok: false,
					status: 503,
					message: 'Temporarily unable to verify the delivery; retry later',
					log: `deferred: ${verdict.reason}`,
				};
	}
	const parsed = parsedSmall ?? parseDeliveryBody(body);
	if (!parsed.ok) {
		return {
			ok: false,
			status: parsed.status,
			message: parsed.reason,
			log: `refused: ${parsed.reason}`,
		};
	}
	// The legacy HMAC is made with the user's own secret: an event it verified needs no recipient.
	const allowUnaddressed = verdict.method === 'hmac' || settings.acceptUnaddressed;
	const recipients = checkRecipients(parsed.events, ctx.clientId, { allowUnaddressed });
	if (recipients.ok) return { ok: true, events: parsed.events as IDataObject[] };
	const which = `event ${recipients.index + 1} of ${parsed.events.length}`;
	if (recipients.reason === 'no-client-id') {
		// Our configuration, not the delivery, is broken: let Adobe retry once it is fixed.
		return {
			ok: false,
			status: 503,
			message: 'Temporarily unable to check the recipient; retry later',
			log: 'deferred: the credential has no Client ID to check the recipient against',
		};
	}
	if (recipients.reason === 'unaddressed') {
		return {
			ok: false,
			status: 401,
			message: 'Event names no recipient',
			log: `rejected: ${which} names no recipient client ID (Options → Accept Events Without a Recipient accepts such events)`,
		};
	}
	return {
		ok: false,
		status: 401,
		message: 'Not a valid target recipient',
		log: `rejected: ${which} is addressed to another client ID`,
		staleSuspect: true,
	};
}
