/**
 * Verification of one webhook delivery (pure, no n8n import): headers + raw body bytes + keys →
 * verdict. This is the code on every delivery's hot path; with keys cached it does no PEM
 * parsing and no network I/O.
 *
 * Verdicts map to HTTP answers Adobe understands:
 * - `ok`                    → process and acknowledge (2xx)
 * - `{ status: 401 }`       → forged, tampered, unsigned, key path refused: dropped by Adobe
 * - `{ status: 503 }`       → we could not decide (key host unreachable): Adobe retries later
 */
import { HeaderIndex, type HeaderBag } from './headers';
import { verifyHmacSignature } from './hmac';
import {
	ADOBE_PUBLIC_KEY_BASE_URL,
	ALL_KEY_FOLDERS,
	resolveKeyUrl,
	type KeyFolder,
} from './keyPath';
import type { KeySource } from './keyCache';
import { verifyRsaSha256 } from './signature';

export type SignatureMode = 'digital' | 'hmac' | 'either' | 'none';

export const SIGNATURE_HEADERS = {
	signature1: 'x-adobe-digital-signature-1',
	signature2: 'x-adobe-digital-signature-2',
	path1: 'x-adobe-public-key1-path',
	path2: 'x-adobe-public-key2-path',
	hmac: 'x-adobe-signature',
} as const;

export interface VerifyInput {
	body: Uint8Array;
	headers: HeaderBag | undefined;
	mode: SignatureMode;
	keys: KeySource;
	/** Pinned key host (production default, or the credential's Custom key host). */
	keyBaseUrl?: string;
	/** Key folders the environment signs with (production: prod only; stage: stage only). Default both. */
	keyFolders?: readonly KeyFolder[];
	/** Needed for `hmac` / `either`. */
	clientSecret?: string;
}

export type Verdict =
	| { ok: true; method: 'digital' | 'hmac' | 'none' }
	| {
			ok: false;
			status: 401 | 503;
			reason: string;
			/** an x-adobe-signature was there but did not match the client secret (which may have changed) */
			secretMismatch?: boolean;
	  };

interface Pair {
	signature: string;
	url: string;
	/** 1 or 2 */
	n: number;
}

const PAIR_SPECS: ReadonlyArray<readonly [string, string, number]> = [
	[SIGNATURE_HEADERS.signature1, SIGNATURE_HEADERS.path1, 1],
	[SIGNATURE_HEADERS.signature2, SIGNATURE_HEADERS.path2, 2],
];

function pairFromHeaders(
	headers: HeaderIndex,
	spec: readonly [string, string, number],
	keyBaseUrl: string,
	folders: readonly KeyFolder[],
	problems: string[],
): Pair | undefined {
	const [sigHeader, pathHeader, n] = spec;
	const signature = headers.get(sigHeader);
	const path = headers.get(pathHeader);
	if (signature.state !== 'present' || path.state !== 'present') {
		const state = signature.state !== 'present' ? signature.state : path.state;
		problems.push(
			`signature ${n}: ${state === 'duplicate' ? 'header sent more than once' : 'missing'}`,
		);
		return undefined;
	}
	const resolved = resolveKeyUrl(path.value, keyBaseUrl, folders);
	if (!resolved.ok) {
		problems.push(`signature ${n}: ${resolved.reason}`);
		return undefined;
	}
	return { signature: signature.value, url: resolved.url, n };
}

/**
 * A digital signature verified: the key paths of the same delivery whose keys were not needed are
 * Adobe's too (a rotated key next to one still cached) — vouched for, so the key source fetches
 * them from their own budget when they are needed (see keyCache.ts).
 */
function verified(keys: KeySource, unneeded: readonly Pair[]): Verdict {
	for (const pair of unneeded) keys.vouch?.(pair.url);
	return { ok: true, method: 'digital' };
}

async function verifyDigital(input: VerifyInput, headers: HeaderIndex): Promise<Verdict> {
	const keyBaseUrl = input.keyBaseUrl ?? ADOBE_PUBLIC_KEY_BASE_URL;
	const folders = input.keyFolders ?? ALL_KEY_FOLDERS;
	const problems: string[] = [];
	const pairs: Pair[] = [];
	for (const spec of PAIR_SPECS) {
		const pair = pairFromHeaders(headers, spec, keyBaseUrl, folders, problems);
		if (pair) pairs.push(pair);
	}
	// Hot path: a cached key whose signature verifies — no await, at most one RSA verification
	// (the other pair's key is only looked up, to vouch for it when it is not cached).
	const pending: Pair[] = [];
	for (const pair of pairs) {
		const key = input.keys.peek(pair.url);
		if (key === undefined) pending.push(pair);
		else if (verifyRsaSha256(input.body, pair.signature, key)) {
			return verified(
				input.keys,
				pairs.filter((p) => p !== pair && input.keys.peek(p.url) === undefined),
			);
		} else problems.push(`signature ${pair.n}: does not match`);
	}
	let transient: string | undefined;
	for (let i = 0; i < pending.length; i++) {
		const lookup = await input.keys.get(pending[i].url);
		if (lookup.status === 'ok') {
			if (verifyRsaSha256(input.body, pending[i].signature, lookup.key))
				return verified(input.keys, pending.slice(i + 1));
			problems.push('signature does not match');
		} else if (lookup.status === 'not-found') {
			problems.push('public key not found on the key host');
		} else if (lookup.status === 'skipped') {
			problems.push('public key not fetched for a delivery that cannot be accepted');
		} else {
			transient = lookup.reason;
		}
	}
	if (transient !== undefined) return { ok: false, status: 503, reason: transient };
	return { ok: false, status: 401, reason: `digital signature invalid (${problems.join('; ')})` };
}

function verifyHmac(input: VerifyInput, headers: HeaderIndex): Verdict {
	const header = headers.get(SIGNATURE_HEADERS.hmac);
	if (header.state === 'missing')
		return { ok: false, status: 401, reason: 'x-adobe-signature missing' };
	if (header.state === 'duplicate')
		return { ok: false, status: 401, reason: 'x-adobe-signature sent more than once' };
	if (!input.clientSecret) {
		return {
			ok: false,
			status: 401,
			reason: 'no client secret available to check x-adobe-signature',
		};
	}
	return verifyHmacSignature(input.body, header.value, input.clientSecret)
		? { ok: true, method: 'hmac' }
		: { ok: false, status: 401, reason: 'x-adobe-signature does not match', secretMismatch: true };
}

/** Checks the delivery's signature(s) according to `mode`. Never throws. */
export async function verifyDeliverySignature(input: VerifyInput): Promise<Verdict> {
	try {
		const headers = new HeaderIndex(input.headers);
		switch (input.mode) {
			case 'none':
				return { ok: true, method: 'none' };
			case 'hmac':
				return verifyHmac(input, headers);
			case 'either': {
				const hmac = verifyHmac(input, headers);
				if (hmac.ok) return hmac;
				const digital = await verifyDigital(input, headers);
				if (digital.ok || digital.status === 503) return digital;
				return {
					ok: false,
					status: 401,
					reason: `${digital.reason}; ${hmac.reason}`,
					secretMismatch: !hmac.ok && hmac.secretMismatch,
				};
			}
			case 'digital':
			default:
				return await verifyDigital(input, headers);
		}
	} catch {
		// Unexpected failure inside verification: do not accept, let Adobe retry.
		return { ok: false, status: 503, reason: 'signature verification failed unexpectedly' };
	}
}
