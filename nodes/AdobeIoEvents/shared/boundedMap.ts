/**
 * THE bounded cache primitive (pure: no n8n import, no timers). Every cache of the package — public
 * keys, the de-duplication windows, the delivery context, the client secret, event codes per provider
 * — is built on it, so "bounded" means the same everywhere:
 *
 * - at most `maxEntries` entries; setting one more evicts the oldest (insertion order, or
 *   least-recently-used for entries read with `touch`);
 * - every entry has an absolute expiry (`Infinity` = none); an expired entry is never returned
 *   and is removed when it is read or pruned.
 */
export interface BoundedMapOptions {
	/** Hard upper bound on entries (>= 1). */
	maxEntries: number;
	/** Clock, for tests. Defaults to `Date.now`. */
	now?: () => number;
}

interface Slot<V> {
	value: V;
	expiresAt: number;
}

export class BoundedMap<V> {
	readonly maxEntries: number;

	readonly now: () => number;

	/** Map iteration order = oldest first. */
	private readonly slots = new Map<string, Slot<V>>();

	constructor(options: BoundedMapOptions) {
		if (!Number.isFinite(options.maxEntries) || options.maxEntries < 1) {
			throw new RangeError('maxEntries must be at least 1');
		}
		this.maxEntries = Math.floor(options.maxEntries);
		this.now = options.now ?? Date.now;
	}

	get size(): number {
		return this.slots.size;
	}

	/** The unexpired value, else undefined. `touch` makes it the newest entry (LRU order). */
	get(key: string, options: { touch?: boolean } = {}): V | undefined {
		const slot = this.slots.get(key);
		if (slot === undefined) return undefined;
		if (slot.expiresAt <= this.now()) {
			this.slots.delete(key);
			return undefined;
		}
		if (options.touch) {
			this.slots.delete(key);
			this.slots.set(key, slot);
		}
		return slot.value;
	}

	/** Stores `value` for `ttlMs` (Infinity: until evicted) as the newest entry, evicting the oldest beyond the bound. */
	set(key: string, value: V, ttlMs: number): void {
		this.slots.delete(key);
		this.slots.set(key, { value, expiresAt: this.now() + ttlMs });
		while (this.slots.size > this.maxEntries) {
			const oldest = this.slots.keys().next();
			if (oldest.done) break;
			this.slots.delete(oldest.value);
		}
	}

	delete(key: string): boolean {
		return this.slots.delete(key);
	}

	clear(): void {
		this.slots.clear();
	}

	/**
	 * Removes expired entries from the oldest end, stopping at the first live one. Complete when
	 * entries expire in insertion order (same TTL for all, e.g. a de-duplication window).
	 */
	pruneOldest(): void {
		const t = this.now();
		for (const [key, slot] of this.slots) {
			if (slot.expiresAt > t) break;
			this.slots.delete(key);
		}
	}

	/** Unexpired entries, oldest first. */
	*entries(): IterableIterator<[string, V]> {
		const t = this.now();
		for (const [key, slot] of this.slots) if (slot.expiresAt > t) yield [key, slot.value];
	}
}
