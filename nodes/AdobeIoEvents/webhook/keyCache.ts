/**
 * Cache of Adobe's signature public keys as parsed `KeyObject`s (no n8n import, no timers).
 *
 * The key paths come from request headers, i.e. from anyone who can reach the public webhook URL,
 * so nothing an unsigned request makes us look up may push out a key a real delivery needs, and a
 * flood of forged requests must not keep a real delivery's never-seen key from being fetched:
 * - Verified keys live at most 24 h (Adobe: cache "with cache expiry of not more than 24h"), at
 *   most `maxEntries` of them (least recently used evicted first). Only a key that parsed goes in.
 * - A key the host says does not exist is remembered as `not-found` for `negativeTtlMs` in a
 *   SEPARATE bounded cache (`maxMissing`): forged paths evict each other, never a verified key.
 * - The caller decides whether a lookup may fetch at all (`mayFetch`): the Watch Events trigger
 *   fetches nothing for a delivery whose body could not be accepted whatever its signature says
 *   (not addressed to this trigger's client id, malformed) — such a lookup is `skipped`. A
 *   stranger who does not know the client id therefore spends nothing.
 * - Fetching a key URL that never served a usable key here costs from a budget (FetchBudget):
 *   `newKeyFetchesPerMinute` per trigger scope, at most `newKeyFetchesPerMinuteTotal` for the
 *   process, of which every scope keeps `reservedPerScope` a minute whatever the other scopes
 *   spent. A flood on one trigger therefore cannot starve another. Beyond it a lookup is
 *   `unavailable` (→ 503, Adobe retries) with `budgetExceeded`. Re-fetching a known key (its 24 h
 *   are up) is never refused by the budget.
 * - A key URL that arrived next to a signature that verified (`vouch`: Adobe signs every delivery
 *   with two keys and rotates them; the second path of a verified delivery is Adobe's) is fetched
 *   from its own budget (`vouchedFetchesPerMinute`), not the scope's: a key rotated while the
 *   other one still verifies is fetched even while the scope's budget is spent.
 * - One fetch in flight per key URL: concurrent deliveries signed with a new key share it. At most
 *   `maxConcurrentFetches` different keys are fetched at once, at most `maxConcurrentFetchesPerScope`
 *   for one scope; beyond that `unavailable` as well.
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
	/** `url` arrived next to a signature that verified: Adobe uses it (see `PublicKeyCache.vouch`). */
	vouch?(url: string): void;
}

export type KeyLookup =
	| { status: 'ok'; key: KeyObject }
	| { status: 'not-found' }
	/** not cached, and the caller said this request may not fetch (`mayFetch`) */
	| { status: 'skipped' }
	| { status: 'unavailable'; reason: string; budgetExceeded?: boolean };

/** Who asks for a key, and whether this request may fetch one (see the file comment). */
export interface LookupOptions {
	/** the trigger scope whose budget a fetch of a never-seen key comes from (default: one shared scope) */
	scope?: string;
	/** called (at most once per lookup, lazily) before a fetch is started; false → `skipped` */
	mayFetch?: () => boolean;
}

export interface KeyCacheOptions {
	/** ≤ 24 h; larger values are clamped. Default 24 h. */
	ttlMs?: number;
	/** Verified keys held. Default 64. */
	maxEntries?: number;
	/** How long a `not-found` answer is remembered. Default 5 min. */
	negativeTtlMs?: number;
	/** `not-found` answers held (apart from verified keys). Default 256. */
	maxMissing?: number;
	/** Fetches of key URLs that never served a usable key here, per trigger scope and rolling minute. Default 10. */
	newKeyFetchesPerMinute?: number;
	/** The same for the whole process (all scopes), beyond each scope's reserve. Default 60. */
	newKeyFetchesPerMinuteTotal?: number;
	/** What every scope may fetch a minute even when the process total is spent. Default 2 (one delivery's two keys). */
	reservedPerScope?: number;
	/** Fetches of vouched key URLs (next to a verified signature), per rolling minute. Default 10. */
	vouchedFetchesPerMinute?: number;
	/** Scopes whose budget is tracked (least recently used forgotten). Default 256. */
	maxScopes?: number;
	/** Default 8. */
	maxConcurrentFetches?: number;
	/** Different keys fetched at once for one scope. Default 4. */
	maxConcurrentFetchesPerScope?: number;
	/** Largest PEM accepted, in characters. Default 16 384. */
	maxPemLength?: number;
	/** Smallest RSA modulus accepted, in bits. Default 2048. */
	minModulusLength?: number;
	now?: () => number;
}

export const MAX_KEY_TTL_MS = 24 * 60 * 60 * 1000;

/** `value` floored, at least `min`; `fallback` when not given. */
function atLeast(min: number, value: number | undefined, fallback: number): number {
	return Math.max(min, Math.floor(value ?? fallback));
}

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
const DEFAULT_SCOPE = '';

/** Start times of the fetches of one budget in the last minute, oldest first. */
class MinuteWindow {
	private readonly times: number[] = [];

	count(now: number): number {
		while (this.times.length > 0 && this.times[0] <= now - MINUTE_MS) this.times.shift();
		return this.times.length;
	}

	add(now: number): void {
		this.times.push(now);
	}

	clear(): void {
		this.times.length = 0;
	}
}

/**
 * The budget for key URLs that never served a key here: per scope, per process (beyond each
 * scope's reserve) and for vouched URLs. Every window holds at most its own limit of entries.
 */
class FetchBudget {
	private readonly perScope: BoundedMap<MinuteWindow>;
	private readonly total = new MinuteWindow();
	private readonly vouched = new MinuteWindow();

	constructor(
		private readonly limits: {
			perScope: number;
			total: number;
			reserved: number;
			vouched: number;
			maxScopes: number;
		},
		private readonly now: () => number,
	) {
		this.perScope = new BoundedMap({ maxEntries: limits.maxScopes, now });
	}

	/** Takes one fetch for `scope` (a vouched URL first from the vouched budget); false when spent. */
	take(scope: string, vouched: boolean): boolean {
		const t = this.now();
		if (vouched && this.vouched.count(t) < this.limits.vouched) {
			this.vouched.add(t);
			return true;
		}
		let own = this.perScope.get(scope, { touch: true });
		const spent = own?.count(t) ?? 0;
		if (spent >= this.limits.perScope) return false;
		const reserved = spent < this.limits.reserved;
		if (!reserved && this.total.count(t) >= this.limits.total) return false;
		if (own === undefined) {
			own = new MinuteWindow();
			this.perScope.set(scope, own, Infinity);
		}
		own.add(t);
		// the reserve is outside the process total: other scopes cannot spend it
		if (!reserved) this.total.add(t);
		return true;
	}

	clear(): void {
		this.perScope.clear();
		this.total.clear();
		this.vouched.clear();
	}
}

export class PublicKeyCache {
	private readonly ttlMs: number;
	private readonly negativeTtlMs: number;
	private readonly maxConcurrentFetches: number;
	private readonly maxPemLength: number;
	private readonly minModulusLength: number;
	private readonly newKeyFetchesPerMinute: number;
	private readonly maxConcurrentPerScope: number;
	private readonly now: () => number;
	private readonly keys: BoundedMap<KeyObject>;
	private readonly missing: BoundedMap<true>;
	/** URLs that served a usable key before (re-fetching them is not budgeted). */
	private readonly knownGood: BoundedMap<true>;
	/** URLs that arrived next to a verified signature (fetched from the vouched budget). */
	private readonly vouched: BoundedMap<true>;
	private readonly budget: FetchBudget;
	private readonly inFlight = new Map<string, Promise<KeyLookup>>();
	/** Fetches in flight per scope that started them. */
	private readonly inFlightPerScope = new Map<string, number>();
	/** Number of fetches started (for tests and diagnostics). */
	fetchCount = 0;

	constructor(options: KeyCacheOptions = {}) {
		this.ttlMs = Math.min(Math.max(options.ttlMs ?? MAX_KEY_TTL_MS, 1), MAX_KEY_TTL_MS);
		this.negativeTtlMs = Math.max(0, options.negativeTtlMs ?? 5 * 60 * 1000);
		this.maxConcurrentFetches = atLeast(1, options.maxConcurrentFetches, 8);
		this.maxPemLength = options.maxPemLength ?? 16_384;
		this.minModulusLength = options.minModulusLength ?? 2048;
		this.newKeyFetchesPerMinute = atLeast(1, options.newKeyFetchesPerMinute, 10);
		this.maxConcurrentPerScope = atLeast(1, options.maxConcurrentFetchesPerScope, 4);
		this.now = options.now ?? Date.now;
		const maxEntries = atLeast(1, options.maxEntries, 64);
		this.keys = new BoundedMap({ maxEntries, now: this.now });
		this.knownGood = new BoundedMap({ maxEntries, now: this.now });
		this.vouched = new BoundedMap({ maxEntries, now: this.now });
		this.budget = new FetchBudget(
			{
				perScope: this.newKeyFetchesPerMinute,
				total: atLeast(1, options.newKeyFetchesPerMinuteTotal, 60),
				reserved: Math.min(this.newKeyFetchesPerMinute, atLeast(0, options.reservedPerScope, 2)),
				vouched: atLeast(0, options.vouchedFetchesPerMinute, 10),
				maxScopes: atLeast(1, options.maxScopes, 256),
			},
			this.now,
		);
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
	source(fetchPem: PemFetcher, options: LookupOptions = {}): KeySource {
		return {
			peek: (url) => this.peek(url),
			get: async (url) => await this.get(url, fetchPem, options),
			vouch: (url) => this.vouch(url),
		};
	}

	/**
	 * `url` came with a delivery whose other signature verified: Adobe signs with it (its key was
	 * rotated, or simply never needed yet). A later fetch of it comes from the vouched budget.
	 */
	vouch(url: string): void {
		if (this.keys.get(url) !== undefined || this.knownGood.get(url) !== undefined) return;
		this.vouched.set(url, true, this.ttlMs);
	}

	/** Cached key, or fetch it with `fetchPem` (once, shared by concurrent callers). Never rejects. */
	async get(url: string, fetchPem: PemFetcher, options: LookupOptions = {}): Promise<KeyLookup> {
		const key = this.keys.get(url, { touch: true });
		if (key !== undefined) return { status: 'ok', key };
		if (this.missing.get(url) !== undefined) return { status: 'not-found' };
		const pending = this.inFlight.get(url);
		if (pending) return await pending;
		if (options.mayFetch && !options.mayFetch()) return { status: 'skipped' };
		const scope = options.scope ?? DEFAULT_SCOPE;
		const scopeInFlight = this.inFlightPerScope.get(scope) ?? 0;
		if (
			this.inFlight.size >= this.maxConcurrentFetches ||
			scopeInFlight >= this.maxConcurrentPerScope
		) {
			return { status: 'unavailable', reason: 'too many public keys being fetched at once' };
		}
		if (
			this.knownGood.get(url) === undefined &&
			!this.budget.take(scope, this.vouched.get(url) !== undefined)
		) {
			return {
				status: 'unavailable',
				reason: `the budget for unknown public keys is spent (${this.newKeyFetchesPerMinute} a minute per trigger); not fetching more for now`,
				budgetExceeded: true,
			};
		}
		const promise = this.load(url, fetchPem);
		this.inFlight.set(url, promise);
		this.inFlightPerScope.set(scope, scopeInFlight + 1);
		try {
			return await promise;
		} finally {
			this.inFlight.delete(url);
			const left = (this.inFlightPerScope.get(scope) ?? 1) - 1;
			if (left > 0) this.inFlightPerScope.set(scope, left);
			else this.inFlightPerScope.delete(scope);
		}
	}

	/** Drops every cached key and answer (e.g. after a credential change). */
	clear(): void {
		this.keys.clear();
		this.missing.clear();
		this.knownGood.clear();
		this.vouched.clear();
		this.budget.clear();
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
		this.vouched.delete(url);
		return { status: 'ok', key: parsed.key };
	}
}
