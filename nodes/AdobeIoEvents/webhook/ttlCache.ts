/**
 * A bounded cache with a time-to-live and one load in flight per key (pure; no n8n import).
 *
 * Used on the delivery hot path for values that are expensive to obtain in n8n but change rarely,
 * such as the non-secret delivery context (client id, key host) read from the credential: n8n
 * decrypts the credential and evaluates its expressions on every `getCredentials()` call, which
 * would otherwise be paid by every delivery.
 */
import { BoundedMap } from '../shared/boundedMap';

export interface TtlCacheOptions {
	/** Hard bound on the number of entries; the oldest entry is evicted first. */
	maxEntries: number;
	/** How long a loaded value is served before it is loaded again. */
	ttlMs: number;
	now?: () => number;
}

export class TtlCache<T> {
	private readonly entries: BoundedMap<T>;

	private readonly inFlight = new Map<string, Promise<T>>();

	private readonly ttlMs: number;

	constructor(options: TtlCacheOptions) {
		if (!(options.maxEntries >= 1) || !(options.ttlMs > 0)) {
			throw new RangeError('TtlCache needs maxEntries >= 1 and ttlMs > 0');
		}
		this.entries = new BoundedMap<T>({ maxEntries: options.maxEntries, now: options.now });
		this.ttlMs = options.ttlMs;
	}

	get size(): number {
		return this.entries.size;
	}

	get maxEntries(): number {
		return this.entries.maxEntries;
	}

	/** The cached value, or the result of `load()` (shared by concurrent callers; failures are not cached). */
	async get(key: string, load: () => Promise<T>): Promise<T> {
		const cached = this.entries.get(key);
		if (cached !== undefined) return cached;
		const pending = this.inFlight.get(key);
		if (pending !== undefined) return await pending;
		const loading = (async () => {
			try {
				const value = await load();
				this.entries.set(key, value, this.ttlMs);
				return value;
			} finally {
				this.inFlight.delete(key);
			}
		})();
		this.inFlight.set(key, loading);
		return await loading;
	}

	delete(key: string): void {
		this.entries.delete(key);
	}

	clear(): void {
		this.entries.clear();
	}
}
