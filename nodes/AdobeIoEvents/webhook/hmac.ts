/**
 * Legacy `x-adobe-signature` check (pure, no n8n import):
 * `base64(HMAC-SHA256(key = client secret, message = raw body))`, compared in constant time.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { decodeSignature } from './signature';

const SHA256_BYTES = 32;

/** `true` only when `signatureB64` is the HMAC of `body` under `clientSecret`. Never throws. */
export function verifyHmacSignature(
	body: Uint8Array,
	signatureB64: string,
	clientSecret: string,
): boolean {
	if (typeof clientSecret !== 'string' || clientSecret.length === 0) return false;
	const provided = decodeSignature(signatureB64);
	const expected = createHmac('sha256', clientSecret).update(body).digest();
	// Compare fixed-length buffers so timing does not depend on where the values differ.
	const candidate = Buffer.alloc(SHA256_BYTES);
	if (provided) provided.copy(candidate, 0, 0, Math.min(provided.length, SHA256_BYTES));
	const equal = timingSafeEqual(candidate, expected);
	return equal && provided !== undefined && provided.length === SHA256_BYTES;
}
