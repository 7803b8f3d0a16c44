/**
 * Cache of Adobe's signature public keys as parsed `KeyObject`s (no n8n import, no timers).
 *
 * The key paths come from request headers, i.e. from anyone who can reach the public webhook URL,
 * so nothing an unsigned request makes us look up may push out a key a real delivery needs:
 * - Verified keys live at most 24 h (Adobe: cache "with cache expiry of not more than 24h"), at
 *   most `maxEntries` of them (least recently used evicted first). Only a key that parsed goes in.
 * - A key the host says does not exist is remembered as `not-found` for `negativeTtlMs` in a
 *   SEPARATE bounded cache (`maxMissing`): forged paths evict each other, never a verified key.
 * - Fetching a key URL that never served a usable key here costs from a budget of `newKeyFetchesPerMinute`;
 *   beyond it a lookup is `unavailable` (→ 503, Adobe retries) with `budgetExceeded`, so a flood of
 *   random key paths cannot turn into a flood of fetches. Re-fetching a known key
 *   (its 24 h are up) is never refused by the budget.
 * - One fetch in flight per key URL: concurrent deliveries signed with a new key share it. At most
 *   `maxConcurrentFetches` different keys are fetched at once; beyond that `unavailable` as well.
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
	| { status: 'unavailable'; reason: string; budgetExceeded?: boolean };

export interface KeyCacheOptions {
	/** ≤ 24 h; larger values are clamped. Default 24 h. */
	ttlMs?: number;
	/** Verified keys held. Default 64. */
	maxEntries?: number;
	/** How long a `not-found` answer is remembered. Default 5 min. */
	negativeTtlMs?: number;
	/** `not-found` answers held (apart from verified keys). Default 256. */
	maxMissing?: number;
	/** Fetches of key URLs that never served a usable key here, per rolling minute. Default 10. */
	newKeyFetchesPerMinute?: number;
	/** Default 8. */
	maxConcurrentFetches?: number;
	/** Largest PEM accepted, in characters. Default 16 384. */
	maxPemLength?: number;
	/** Smallest RSA modulus accepted, in bits. Default 2048. */
	minModulusLength?: number;
	now?: () => number;
}

export const MAX_KEY_TTL_MS = 24 * 60 * 60 * 1000;

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

const MINUTE_MS = 60_000;

export class PublicKeyCache {
	private readonly ttlMs: number;
	private readonly negativeTtlMs: number;
	private readonly maxConcurrentFetches: number;
	private readonly maxPemLength: number;
	private readonly minModulusLength: number;
	private readonly newKeyFetchesPerMinute: number;
	private readonly now: () => number;
	private readonly keys: BoundedMap<KeyObject>;
	private readonly missing: BoundedMap<true>;
	/** URLs that served a usable key before (re-fetching them is not budgeted). */
	private readonly knownGood: BoundedMap<true>;
	/** Start times of budgeted fetches in the last minute, oldest first (at most the budget). */
	private readonly recentNewFetches: number[] = [];
	private readonly inFlight = new Map<string, Promise<KeyLookup>>();
	/** Number of fetches started (for tests and diagnostics). */
	fetchCount = 0;

	constructor(options: KeyCacheOptions = {}) {
		this.ttlMs = Math.min(Math.max(options.ttlMs ?? MAX_KEY_TTL_MS, 1), MAX_KEY_TTL_MS);
		this.negativeTtlMs = Math.max(0, options.negativeTtlMs ?? 5 * 60 * 1000);
		this.maxConcurrentFetches = Math.max(1, Math.floor(options.maxConcurrentFetches ?? 8));
		this.maxPemLength = options.maxPemLength ?? 16_384;
		this.minModulusLength = options.minModulusLength ?? 2048;
		this.newKeyFetchesPerMinute = Math.max(1, Math.floor(options.newKeyFetchesPerMinute ?? 10));
		this.now = options.now ?? Date.now;
		const maxEntries = Math.max(1, Math.floor(options.maxEntries ?? 64));
		this.keys = new BoundedMap({ maxEntries, now: this.now });
		this.knownGood = new BoundedMap({ maxEntries, now: this.now });
		this.missing = new BoundedMap({
			maxEntries: Math.max(1, Math.floor(options.maxMissing ?? 256)),
			now: this.now,
		});
	}

	/** Verified keys held. */
	get size(): number {
		return this.keys.size;
	}

	/** `not-found` answers held. */
	get missingSize(): number {
		return this.missing.size;
	}

	get fetchesInFlight(): number {
		return this.inFlight.size;
	}

	/** Synchronous hot path: the cached, unexpired key for `url`, else `undefined`. */
	peek(url: string): KeyObject | undefined {
		// touch: keeps the LRU order true for keys only ever read through the hot path
		return this.keys.get(url, { touch: true });
	}

	/** This cache as verification's key source, fetching missing keys with `fetchPem`. */
	source(fetchPem: PemFetcher): KeySource {
		return { peek: (url) => this.peek(url), get: async (url) => await this.get(url, fetchPem) };
	}

	/** Cached key, or fetch it with `fetchPem` (once, shared by concurrent callers). Never rejects. */
	async get(url: string, fetchPem: PemFetcher): Promise<KeyLookup> {
		const key = this.keys.get(url, { touch: true });
		if (key !== undefined) return { status: 'ok', key };
		if (this.missing.get(url) !== undefined) return { status: 'not-found' };
		const pending = this.inFlight.get(url);
		if (pending) return await pending;
		if (this.inFlight.size >= this.maxConcurrentFetches) {
			return { status: 'unavailable', reason: 'too many public keys being fetched at once' };
		}
		if (this.knownGood.get(url) === undefined && !this.takeNewFetch()) {
			return {
				status: 'unavailable',
				reason: `more than ${this.newKeyFetchesPerMinute} unknown public keys requested within a minute; not fetching more for now`,
				budgetExceeded: true,
			};
		}
		const promise = this.load(url, fetchPem);
		this.inFlight.set(url, promise);
		try {
			return await promise;
		} finally {
			this.inFlight.delete(url);
		}
	}

	/** Drops every cached key and answer (e.g. after a credential change). */
	clear(): void {
		this.keys.clear();
		this.missing.clear();
		this.knownGood.clear();
		this.recentNewFetches.length = 0;
	}

	/** Takes one fetch from the per-minute budget for URLs that never served a key here. */
	private takeNewFetch(): boolean {
		const t = this.now();
		while (this.recentNewFetches.length > 0 && this.recentNewFetches[0] <= t - MINUTE_MS) {
			this.recentNewFetches.shift();
		}
		if (this.recentNewFetches.length >= this.newKeyFetchesPerMinute) return false;
		this.recentNewFetches.push(t);
		return true;
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
			if (this.negativeTtlMs > 0) this.missing.set(url, true, this.negativeTtlMs);
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
		this.keys.set(url, parsed.key, this.ttlMs);
		this.knownGood.set(url, true, Infinity);
		return { status: 'ok', key: parsed.key };
	}
}
