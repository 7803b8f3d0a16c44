/**
 * A small bounded cache with a time-to-live and one load in flight per key (pure; no n8n import).
 *
 * Used on the delivery hot path for values that are expensive to obtain in n8n but change rarely,
 * such as the non-secret delivery context (client id, key host) read from the credential: n8n
 * decrypts the credential and evaluates its expressions on every `getCredentials()` call, which
 * would otherwise be paid by every delivery. Never put secrets in it.
 */
export interface TtlCacheOptions {
	/** Hard bound on the number of entries; the oldest entry is evicted first. */
	maxEntries: number;
	/** How long a loaded value is served before it is loaded again. */
	ttlMs: number;
	now?: () => number;
}

interface Entry<T> {
	value: T;
	expiresAt: number;
}

export class TtlCache<T> {
	private readonly entries = new Map<string, Entry<T>>();

	private readonly inFlight = new Map<string, Promise<T>>();

	private readonly now: () => number;

	constructor(private readonly options: TtlCacheOptions) {
		if (!(options.maxEntries >= 1) || !(options.ttlMs > 0)) {
			throw new RangeError('TtlCache needs maxEntries >= 1 and ttlMs > 0');
		}
		this.now = options.now ?? (() => Date.now());
	}

	get size(): number {
		return this.entries.size;
	}

	/** The cached value, or the result of `load()` (shared by concurrent callers; failures are not cached). */
	async get(key: string, load: () => Promise<T>): Promise<T> {
		const entry = this.entries.get(key);
		if (entry !== undefined) {
			if (entry.expiresAt > this.now()) return entry.value;
			this.entries.delete(key);
		}
		const pending = this.inFlight.get(key);
		if (pending !== undefined) return await pending;
		const loading = (async () => {
			try {
				const value = await load();
				this.set(key, value);
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

	private set(key: string, value: T): void {
		this.entries.delete(key);
		while (this.entries.size >= this.options.maxEntries) {
			const oldest = this.entries.keys().next().value as string;
			this.entries.delete(oldest);
		}
		this.entries.set(key, { value, expiresAt: this.now() + this.options.ttlMs });
	}
}
