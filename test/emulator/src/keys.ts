/**
 * The two I/O Events signing key pairs (RSA-2048, RSASSA-PKCS1-v1_5 / SHA-256 over the exact body bytes)
 * and the public-key host (`/prod/keys/pub-key-<id>.pem`, also `/stage/keys/...`).
 * Rotation replaces one slot; retired public keys stay published (bounded) so in-flight deliveries verify.
 */
import { createHmac, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';

export interface SigningKey {
	id: string;
	privateKey: KeyObject;
	publicPem: string;
	createdAt: number;
}

const ALPHANUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
export const MAX_PUBLISHED = 8;

function keyId(): string {
	const bytes = randomBytes(10);
	let s = '';
	for (const b of bytes) s += ALPHANUM[b % ALPHANUM.length];
	return s;
}

export function generateSigningKey(): SigningKey {
	const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
	return {
		id: keyId(),
		privateKey,
		publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
		createdAt: Date.now(),
	};
}

export interface SignatureHeaders {
	'x-adobe-digital-signature-1': string;
	'x-adobe-digital-signature-2': string;
	'x-adobe-public-key1-path': string;
	'x-adobe-public-key2-path': string;
}

export class KeyRing {
	private slots: [SigningKey, SigningKey];
	/** Every key ever published (current + retired), newest last, bounded. */
	private published: SigningKey[] = [];

	constructor(private readonly env: 'prod' | 'stage' = 'prod') {
		this.slots = [generateSigningKey(), generateSigningKey()];
		this.published.push(...this.slots);
	}

	get current(): [SigningKey, SigningKey] {
		return this.slots;
	}

	path(key: SigningKey, env: 'prod' | 'stage' = this.env): string {
		return `/${env}/keys/pub-key-${key.id}.pem`;
	}

	/** Replaces slot 1, 2, or both; returns the new current keys. */
	rotate(slot?: 1 | 2): [SigningKey, SigningKey] {
		const which = slot ? [slot - 1] : [0, 1];
		for (const i of which) {
			const k = generateSigningKey();
			this.slots[i] = k;
			this.published.push(k);
		}
		// Bound the published set, never dropping a current key.
		while (this.published.length > MAX_PUBLISHED) {
			const idx = this.published.findIndex((k) => !this.slots.includes(k));
			if (idx < 0) break;
			this.published.splice(idx, 1);
		}
		return this.slots;
	}

	find(id: string): SigningKey | undefined {
		return this.published.find((k) => k.id === id);
	}

	list(): Array<{ id: string; path: string; current: boolean; publicKey: string }> {
		return this.published.map((k) => ({ id: k.id, path: this.path(k), current: this.slots.includes(k), publicKey: k.publicPem }));
	}

	sign(body: Buffer | string): SignatureHeaders {
		const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
		return {
			'x-adobe-digital-signature-1': sign('sha256', bytes, this.slots[0].privateKey).toString('base64'),
			'x-adobe-digital-signature-2': sign('sha256', bytes, this.slots[1].privateKey).toString('base64'),
			'x-adobe-public-key1-path': this.path(this.slots[0]),
			'x-adobe-public-key2-path': this.path(this.slots[1]),
		};
	}
}

/** Legacy `x-adobe-signature`: base64(HMAC-SHA256(client secret, raw body)). */
export function hmacSignature(body: Buffer | string, clientSecret: string): string {
	return createHmac('sha256', clientSecret).update(body).digest('base64');
}
