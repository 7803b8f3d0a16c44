/**
 * Service Account (JWT) helpers: PEM private key loading and RS256 signing with node:crypto.
 * Pure (no n8n imports). Errors are `AdobeConfigError`s whose message names the credential field
 * and never contains key material.
 */
import { createPrivateKey, createSign, type KeyObject } from 'node:crypto';

import { AdobeConfigError } from './environment';
import { JWT_ASSERTION_TTL_SECONDS } from './constants';

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/;

export type PemKind = 'pkcs1' | 'pkcs8' | 'pkcs8-encrypted';

export interface NormalisedPem {
	pem: string;
	kind: PemKind;
	/** PKCS#1 with Proc-Type: 4,ENCRYPTED (OpenSSL legacy encryption) or encrypted PKCS#8. */
	encrypted: boolean;
}

const FIELD_KEY = 'Private Key';
const FIELD_PASSPHRASE = 'Private Key Passphrase';

/**
 * Accepts a PEM as pasted by a user: real newlines, literal "\n" sequences (copied from JSON),
 * CRLF, or everything on one line separated by spaces. Rebuilds a canonical PEM.
 */
export function normalisePem(input: unknown): NormalisedPem {
	const raw = typeof input === 'string' ? input : '';
	if (raw.trim() === '') {
		throw new AdobeConfigError(
			`The credential field "${FIELD_KEY}" is empty. Paste the private.key file of the Service Account (JWT) credential (it starts with -----BEGIN PRIVATE KEY----- or -----BEGIN RSA PRIVATE KEY-----).`,
			FIELD_KEY,
		);
	}
	const text = raw.replace(/\\r\\n|\\n|\\r/g, '\n').replace(/\r\n?/g, '\n');
	const match = PEM_BLOCK.exec(text);
	if (!match) {
		throw new AdobeConfigError(
			`The credential field "${FIELD_KEY}" is not a PEM private key: it must contain a "-----BEGIN … PRIVATE KEY-----" line and the matching "-----END … PRIVATE KEY-----" line.`,
			FIELD_KEY,
		);
	}
	const label = match[1];
	let kind: PemKind;
	if (label === 'RSA PRIVATE KEY') kind = 'pkcs1';
	else if (label === 'PRIVATE KEY') kind = 'pkcs8';
	else if (label === 'ENCRYPTED PRIVATE KEY') kind = 'pkcs8-encrypted';
	else if (label === 'CERTIFICATE' || label.includes('PUBLIC KEY')) {
		throw new AdobeConfigError(
			`The credential field "${FIELD_KEY}" contains a ${label.toLowerCase()}, not the private key. Paste private.key (the file Adobe Developer Console generated with the key pair), not certificate_pub.crt.`,
			FIELD_KEY,
		);
	} else {
		throw new AdobeConfigError(
			`The credential field "${FIELD_KEY}" holds a "${label}" block; an RSA private key in PKCS#1 ("RSA PRIVATE KEY") or PKCS#8 ("PRIVATE KEY" / "ENCRYPTED PRIVATE KEY") format is required.`,
			FIELD_KEY,
		);
	}

	let inner = match[2];
	const headers: string[] = [];
	// Legacy OpenSSL-encrypted PKCS#1 carries RFC 1421 headers before the base64 body.
	for (const name of ['Proc-Type', 'DEK-Info']) {
		// values never contain whitespace (e.g. "4,ENCRYPTED", "AES-256-CBC,0A1B…")
		const header = new RegExp(`${name}:\\s*(\\S+)`).exec(inner);
		if (header) {
			headers.push(`${name}: ${header[1]}`);
			inner = inner.replace(header[0], ' ');
		}
	}
	const body = inner.replace(/\s+/g, '');
	if (body === '' || !/^[A-Za-z0-9+/]+={0,2}$/.test(body)) {
		throw new AdobeConfigError(
			`The credential field "${FIELD_KEY}" is damaged: the text between the BEGIN and END lines is not base64. Paste the whole private.key file again.`,
			FIELD_KEY,
		);
	}
	const lines = body.match(/.{1,64}/g) ?? [];
	const encrypted = kind === 'pkcs8-encrypted' || headers.some((h) => /ENCRYPTED/.test(h));
	const pem = [
		`-----BEGIN ${label}-----`,
		...(headers.length ? [...headers, ''] : []),
		...lines,
		`-----END ${label}-----`,
		'',
	].join('\n');
	return { pem, kind, encrypted };
}

/** Loads the private key; the messages name the field (key or passphrase) that is wrong. */
export function loadPrivateKey(pemInput: unknown, passphraseInput?: unknown): KeyObject {
	const { pem, encrypted } = normalisePem(pemInput);
	const passphrase = typeof passphraseInput === 'string' ? passphraseInput : '';
	if (encrypted && passphrase === '') {
		throw new AdobeConfigError(
			`The private key is encrypted: enter its passphrase in the credential field "${FIELD_PASSPHRASE}".`,
			FIELD_PASSPHRASE,
		);
	}
	let key: KeyObject | undefined;
	let failure: string | undefined;
	try {
		key = createPrivateKey({
			key: pem,
			format: 'pem',
			...(encrypted ? { passphrase } : {}),
		});
	} catch (error) {
		failure = classifyKeyError(error, encrypted);
	}
	if (!key) {
		throw new AdobeConfigError(
			failure ?? `The credential field "${FIELD_KEY}" could not be read.`,
			failure?.includes(FIELD_PASSPHRASE) ? FIELD_PASSPHRASE : FIELD_KEY,
		);
	}
	if (key.asymmetricKeyType !== 'rsa') {
		throw new AdobeConfigError(
			`The credential field "${FIELD_KEY}" holds a ${String(key.asymmetricKeyType).toUpperCase()} key; Adobe Service Account (JWT) credentials use RSA keys (RS256).`,
			FIELD_KEY,
		);
	}
	return key;
}

function classifyKeyError(error: unknown, encrypted: boolean): string {
	const code = (error as { code?: string } | undefined)?.code ?? '';
	const text = `${code} ${(error as Error | undefined)?.message ?? ''}`.toLowerCase();
	if (encrypted && (text.includes('bad decrypt') || text.includes('bad_decrypt') || text.includes('decrypt'))) {
		return `The private key could not be decrypted: the credential field "${FIELD_PASSPHRASE}" is wrong.`;
	}
	if (encrypted) {
		return `The private key could not be decrypted with the given passphrase: check the credential field "${FIELD_PASSPHRASE}" (or the key is damaged).`;
	}
	return `The credential field "${FIELD_KEY}" could not be read as an RSA private key (${code || 'invalid key data'}). Paste the whole private.key file again.`;
}

export interface JwtClaimsInput {
	imsUrl: string;
	clientId: string;
	imsOrgId: string;
	technicalAccountId: string;
	metascopes: string[];
	/** seconds since epoch; defaults to now */
	now?: number;
	ttlSeconds?: number;
}

/** Splits a comma/space/newline separated list, trimming and dropping empties. */
export function splitList(value: unknown): string[] {
	if (typeof value !== 'string') return [];
	return value
		.split(/[\s,]+/)
		.map((s) => s.trim())
		.filter((s) => s !== '');
}

/** Claims exactly as adobe/aio-lib-ims-jwt builds them (plus iat, as the Java SDK does). */
export function buildJwtClaims(input: JwtClaimsInput): Record<string, string | number | boolean> {
	const now = input.now ?? Math.floor(Date.now() / 1000);
	const claims: Record<string, string | number | boolean> = {
		exp: now + (input.ttlSeconds ?? JWT_ASSERTION_TTL_SECONDS),
		iat: now,
		iss: input.imsOrgId,
		sub: input.technicalAccountId,
		aud: `${input.imsUrl}/c/${input.clientId}`,
	};
	for (const metascope of input.metascopes) {
		const claim = /^https?:\/\//.test(metascope)
			? metascope
			: `${input.imsUrl}/s/${metascope.replace(/^\/?s\//, '')}`;
		claims[claim] = true;
	}
	return claims;
}

function base64url(input: Buffer | string): string {
	return Buffer.from(input).toString('base64url');
}

/** Signs claims as a compact RS256 JWS. */
export function signJwtRs256(claims: object, key: KeyObject): string {
	const header = base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT' }));
	const payload = base64url(JSON.stringify(claims));
	const signingInput = `${header}.${payload}`;
	const signature = createSign('RSA-SHA256').update(signingInput).sign(key);
	return `${signingInput}.${base64url(signature)}`;
}
