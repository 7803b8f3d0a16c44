/**
 * Cache of Adobe's signature public keys as parsed `KeyObject`s (no n8n import, no timers).
 *
 * - Entries live at most 24 h (Adobe: cache "with cache expiry of not more than 24h") and the
 *   cache never holds more than `maxEntries` keys (least recently used evicted first).
 * - One fetch in flight per key URL: concurrent deliveries signed with a new key share it.
 * - At most `maxConcurrentFetches` different keys are fetched at once; beyond that a lookup
 *   reports `unavailable` (→ 503, Adobe retries) instead of queueing unbounded work.
 * - A key the host says does not exist is remembered as `not-found` for `negativeTtlMs`, so a
 *   flood of forged key paths cannot turn into a flood of fetches.
 * - PEM parsing happens once per fetch; the hot path (`peek`) is a Map lookup.
 *
 * The fetcher is passed to each `get()` (the real one lives in transport/, is the only code that
 * talks to the key host, and is bound to the n8n request at hand). Contract: resolve to the PEM
 * text; resolve `null` when the key does not exist (HTTP 404/410); reject on any transient failure
 * (network, timeout, 5xx, 429).
 */
import { createPublicKey, type KeyObject } from 'node:crypto';

import { BoundedMap } from '../shared/boundedMap';

export type PemFetcher = (url: string) => Promise<string | null>;

/** What verification needs from a key cache (`PublicKeyCache.source()`). */
export interface KeySource {
	/** Synchronous hot path: the cached key, if any. */
	peek(url: string): KeyObject | undefined;
	get(url: string): Promise<KeyLookup>;
}

export type KeyLookup =
	| { status: 'ok'; key: KeyObject }
	| { status: 'not-found' }
	| { status: 'unavailable'; reason: string };

export interface KeyCacheOptions {
	/** ≤ 24 h; larger values are clamped. Default 24 h. */
	ttlMs?: number;
	/** Default 64. */
	maxEntries?: number;
	/** How long a `not-found` answer is remembered. Default 5 min. */
	negativeTtlMs?: number;
	/** Default 8. */
	maxConcurrentFetches?: number;
	/** Largest PEM accepted, in characters. Default 16 384. */
	maxPemLength?: number;
	/** Smallest RSA modulus accepted, in bits. Default 2048. */
	minModulusLength?: number;
	now?: () => number;
}

export const MAX_KEY_TTL_MS = 24 * 60 * 60 * 1000;

type Entry = { kind: 'key'; key: KeyObject } | { kind: 'missing' };

/** Parses an SPKI PEM into an RSA public `KeyObject`, or returns why it is unusable. */
export function parsePublicKeyPem(
	pem: string,
	options: { maxPemLength?: number; minModulusLength?: number } = {},
): { ok: true; key: KeyObject } | { ok: false; reason: string } {
	const maxLength = options.maxPemLength ?? 16_384;
	const minBits = options.minModulusLength ?? 2048;
	if (typeof pem !== 'string' || pem.length === 0) return { ok: false, reason: 'empty key' };
	if (pem.length > maxLength) return { ok: false, reason: 'key file too large' };
	if (
		!pem.includes('-----BEGIN PUBLIC KEY-----') &&
		!pem.includes('-----BEGIN RSA PUBLIC KEY-----')
	) {
		return { ok: false, reason: 'not a PEM public key' };
	}
	let key: KeyObject;
	try {
		key = createPublicKey({ key: pem, format: 'pem' });
	} catch {
		return { ok: false, reason: 'PEM does not parse' };
	}
	if (key.asymmetricKeyType !== 'rsa') return { ok: false, reason: 'not an RSA key' };
	const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
	if (bits < minBits) return { ok: false, reason: `RSA key shorter than ${minBits} bits` };
	return { ok: true, key };
}

export class PublicKeyCache {
	private readonly ttlMs: number;
	private readonly negativeTtlMs: number;
	private readonly maxConcurrentFetches: number;
	private readonly maxPemLength: number;
	private readonly minModulusLength: number;
	private readonly entries: BoundedMap<Entry>;
	private readonly inFlight = new Map<string, Promise<KeyLookup>>();
	/** Number of fetches started (for tests and diagnostics). */
	fetchCount = 0;

	constructor(options: KeyCacheOptions = {}) {
		this.ttlMs = Math.min(Math.max(options.ttlMs ?? MAX_KEY_TTL_MS, 1), MAX_KEY_TTL_MS);
		this.negativeTtlMs = Math.max(0, options.negativeTtlMs ?? 5 * 60 * 1000);
		this.maxConcurrentFetches = Math.max(1, Math.floor(options.maxConcurrentFetches ?? 8));
		this.maxPemLength = options.maxPemLength ?? 16_384;
		this.minModulusLength = options.minModulusLength ?? 2048;
		this.entries = new BoundedMap<Entry>({
			maxEntries: Math.max(1, Math.floor(options.maxEntries ?? 64)),
			now: options.now,
		});
	}

	get size(): number {
		return this.entries.size;
	}

	get fetchesInFlight(): number {
		return this.inFlight.size;
	}

	/** Synchronous hot path: the cached, unexpired key for `url`, else `undefined`. */
	peek(url: string): KeyObject | undefined {
		// touch: keeps the LRU order true for keys only ever read through the hot path
		const entry = this.entries.get(url, { touch: true });
		return entry?.kind === 'key' ? entry.key : undefined;
	}

	/** This cache as verification's key source, fetching missing keys with `fetchPem`. */
	source(fetchPem: PemFetcher): KeySource {
		return { peek: (url) => this.peek(url), get: async (url) => await this.get(url, fetchPem) };
	}

	/** Cached key, or fetch it with `fetchPem` (once, shared by concurrent callers). Never rejects. */
	async get(url: string, fetchPem: PemFetcher): Promise<KeyLookup> {
		const entry = this.entries.get(url, { touch: true });
		if (entry !== undefined) {
			return entry.kind === 'key' ? { status: 'ok', key: entry.key } : { status: 'not-found' };
		}
		const pending = this.inFlight.get(url);
		if (pending) return await pending;
		if (this.inFlight.size >= this.maxConcurrentFetches) {
			return { status: 'unavailable', reason: 'too many public keys being fetched at once' };
		}
		const promise = this.load(url, fetchPem);
		this.inFlight.set(url, promise);
		try {
			return await promise;
		} finally {
			this.inFlight.delete(url);
		}
	}

	/** Drops every cached key (e.g. after a credential change). */
	clear(): void {
		this.entries.clear();
	}

	private async load(url: string, fetchPem: PemFetcher): Promise<KeyLookup> {
		this.fetchCount++;
		let pem: string | null;
		try {
			pem = await fetchPem(url);
		} catch (error) {
			const reason = error instanceof Error && error.message ? error.message : 'fetch failed';
			return {
				status: 'unavailable',
				reason: `public key could not be fetched: ${reason.slice(0, 200)}`,
			};
		}
		if (pem === null) {
			if (this.negativeTtlMs > 0) this.entries.set(url, { kind: 'missing' }, this.negativeTtlMs);
			return { status: 'not-found' };
		}
		const parsed = parsePublicKeyPem(pem, {
			maxPemLength: this.maxPemLength,
			minModulusLength: this.minModulusLength,
		});
		if (!parsed.ok) {
			// The pinned host answered something that is not a usable key (proxy error page,
			// truncated file…). Not cached: the next delivery tries again; Adobe retries on 503.
			return { status: 'unavailable', reason: `public key unusable: ${parsed.reason}` };
		}
		this.entries.set(url, { kind: 'key', key: parsed.key }, this.ttlMs);
		return { status: 'ok', key: parsed.key };
	}
}
