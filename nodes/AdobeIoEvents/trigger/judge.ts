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
import { triggerScope, type DeliveryCredential, type TriggerRuntime } from './runtime';
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
	/** `signed`: a signature verified it (not Signature Check "None"): its time is checked (freshness.ts) */
	| { ok: true; events: IDataObject[]; signed: boolean }
	| {
			ok: false;
			status: 400 | 401 | 413 | 503;
			message: string;
			/** the log line (never holds a secret) */
			log: string;
			/** the check used a cached credential value that may have changed since (client secret, client id) */
			staleSuspect?: boolean;
	  };

type Refusal = Extract<Judgement, { ok: false }>;

/**
 * What the body says about a delivery whose signature is (or would be) verified: the events, or
 * the refusal — malformed (400/413), a recipient that is not this trigger's client id or missing
 * (401), no client id to check against (503: our configuration, not the delivery, is broken).
 */
function bodyVerdict(
	parsed: ParseResult,
	clientId: string,
	allowUnaddressed: boolean,
): { ok: true; events: IDataObject[] } | Refusal {
	if (!parsed.ok) {
		return {
			ok: false,
			status: parsed.status,
			message: parsed.reason,
			log: `refused: ${parsed.reason}`,
		};
	}
	const recipients = checkRecipients(parsed.events, clientId, { allowUnaddressed });
	if (recipients.ok) return { ok: true, events: parsed.events as IDataObject[] };
	const which = `event ${recipients.index + 1} of ${parsed.events.length}`;
	if (recipients.reason === 'no-client-id') {
		// Let Adobe retry once the credential is fixed.
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

/**
 * Signature and recipients of one delivery against one reading of the credential (pure verdicts).
 *
 * Order of work: the signature is checked first — on the hot path from cached keys, with no parse
 * before it. Only when a public key would have to be FETCHED is the body read first (`mayFetch`):
 * a delivery the body alone refuses — malformed, addressed to another client id, or naming no
 * recipient where a digital signature cannot make that acceptable (only the HMAC, checked before
 * any key, or the option can) — spends nothing from the key budget and gets the body's refusal
 * (the same 400/401 it got after verification; 401 also when the signature is bad). A stranger who
 * does not know this trigger's client id therefore cannot spend the budget a real delivery signed
 * with a new key needs. A delivery the body would accept (or a credential without client id: 503
 * after verification) is verified as before, fetching keys within the budget.
 */
export async function judge(
	fn: IWebhookFunctions,
	runtime: TriggerRuntime,
	settings: DeliverySettings,
	credential: DeliveryCredential,
	body: Buffer,
	parsedSmall: ParseResult | undefined,
): Promise<Judgement> {
	const { ctx } = credential;
	let parsed = parsedSmall;
	const parse = (): ParseResult => (parsed ??= parseDeliveryBody(body));
	/** the body's refusal before any key fetch: null = may be accepted; undefined = never asked */
	let refusal: Refusal | null | undefined;
	const mayFetch = (): boolean => {
		if (refusal === undefined) {
			const early = bodyVerdict(parse(), ctx.clientId, settings.acceptUnaddressed);
			refusal = early.ok || early.status === 503 ? null : early;
		}
		return refusal === null;
	};
	const verdict = await verifyDeliverySignature({
		body,
		headers: fn.getRequestObject().headers as HeaderBag,
		mode: settings.signatureCheck,
		keys: runtime.keys.source(keyFetcherFor(fn, ctx), { scope: triggerScope(fn), mayFetch }),
		keyBaseUrl: ctx.urls.publicKey,
		keyFolders: keyFoldersOf(ctx),
		clientSecret: credential.clientSecret,
	});
	if (!verdict.ok && refusal) {
		// No key was fetched for a delivery the body refuses anyway: answer with the body's refusal.
		return {
			...refusal,
			log: `${refusal.log}; no public key fetched for it (${verdict.reason})`,
			// the cached client id (or, for HMAC, secret) may have changed since it was read
			staleSuspect: refusal.staleSuspect || verdict.secretMismatch,
		};
	}
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
	// The legacy HMAC is made with the user's own secret: an event it verified needs no recipient.
	const result = bodyVerdict(
		parse(),
		ctx.clientId,
		verdict.method === 'hmac' || settings.acceptUnaddressed,
	);
	return result.ok ? { ...result, signed: verdict.method !== 'none' } : result;
}
