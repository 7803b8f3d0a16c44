/**
 * Adobe I/O Events digital signatures (pure, no n8n import).
 *
 * Adobe signs the exact HTTP body bytes with RSASSA-PKCS1-v1_5 / SHA-256 using two key pairs and
 * sends both signatures (`x-adobe-digital-signature-1/-2`, base64). A delivery is authentic when
 * at least one signature verifies with its key. Callers pass the raw body bytes — never a
 * re-serialised JSON value — and ready `KeyObject`s (see keyCache.ts), so nothing here parses
 * PEM or touches the network.
 */
import { verify, type KeyObject } from 'node:crypto';

/** Upper bound for a base64 signature (RSA-4096 = 684 chars). */
export const MAX_SIGNATURE_LENGTH = 1024;

const BASE64_PATTERN = /^[A-Za-z0-9+/]+={0,2}$/;

/** Decodes a standard, padded base64 signature; `undefined` when it is not one. */
export function decodeSignature(signatureB64: string): Buffer | undefined {
	if (typeof signatureB64 !== 'string') return undefined;
	const length = signatureB64.length;
	if (length === 0 || length > MAX_SIGNATURE_LENGTH || length % 4 !== 0) return undefined;
	if (!BASE64_PATTERN.test(signatureB64)) return undefined;
	const bytes = Buffer.from(signatureB64, 'base64');
	return bytes.length === 0 ? undefined : bytes;
}

/** `true` only when `signatureB64` is a valid RSA-SHA256 signature of `body` under `key`. Never throws. */
export function verifyRsaSha256(body: Uint8Array, signatureB64: string, key: KeyObject): boolean {
	const signature = decodeSignature(signatureB64);
	if (!signature) return false;
	if (key.type !== 'public' || key.asymmetricKeyType !== 'rsa') return false;
	try {
		return verify('sha256', body, key, signature) === true;
	} catch {
		return false;
	}
}
