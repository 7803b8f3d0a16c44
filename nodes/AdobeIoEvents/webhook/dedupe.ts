/**
 * Bounded de-duplication window (pure, no n8n import, no timers).
 *
 * Adobe delivers at least once: a retried or re-sent event keeps its `eventid`. The window
 * remembers keys for `ttlMs` after they were first seen and never holds more than `maxEntries`
 * keys (oldest evicted first), so memory stays bounded whatever the traffic. Expired keys are
 * purged lazily on every call.
 *
 * Usage (webhook trigger and journal trigger):
 *   const window = new DedupeWindow({ maxEntries: 10_000, ttlMs: 24 * 3600_000 });
 *   const fresh = events.filter((e) => window.markIfNew(`${scope}|${eventIdentity(e)}`));
 *
 * The window lives in one n8n process; with several n8n processes receiving webhooks (queue mode
 * with webhook processors, multi-main), each process has its own window.
 */

import { createHash } from 'node:crypto';

export interface DedupeWindowOptions {
	/** Hard upper bound on remembered keys (≥ 1). */
	maxEntries: number;
	/** How long a key is remembered after it was first seen, in ms (> 0). */
	ttlMs: number;
	/** Clock, for tests. Defaults to `Date.now`. */
	now?: () => number;
}

export const DEFAULT_DEDUPE_MAX_ENTRIES = 10_000;
export const DEFAULT_DEDUPE_TTL_MS = 24 * 60 * 60 * 1000;
const MAX_KEY_LENGTH = 512;

export class DedupeWindow {
	readonly maxEntries: number;
	readonly ttlMs: number;
	private readonly now: () => number;
	/** key → first-seen time; Map iteration order is insertion order = oldest first. */
	private readonly seen = new Map<string, number>();

	constructor(options: DedupeWindowOptions) {
		if (!Number.isFinite(options.maxEntries) || options.maxEntries < 1) {
			throw new RangeError('maxEntries must be at least 1');
		}
		if (!Number.isFinite(options.ttlMs) || options.ttlMs <= 0)
			throw new RangeError('ttlMs must be positive');
		this.maxEntries = Math.floor(options.maxEntries);
		this.ttlMs = options.ttlMs;
		this.now = options.now ?? Date.now;
	}

	get size(): number {
		return this.seen.size;
	}

	/** `true` when `key` was seen within the window. Does not record it. */
	has(key: string): boolean {
		const t = this.now();
		this.purge(t);
		const firstSeen = this.seen.get(this.normalise(key));
		return firstSeen !== undefined && t - firstSeen < this.ttlMs;
	}

	/**
	 * Records `key` and returns `true` when it is new; returns `false` (a duplicate) when it was
	 * already seen within the window.
	 */
	markIfNew(key: string): boolean {
		const t = this.now();
		this.purge(t);
		const k = this.normalise(key);
		const firstSeen = this.seen.get(k);
		if (firstSeen !== undefined && t - firstSeen < this.ttlMs) return false;
		if (firstSeen !== undefined) this.seen.delete(k);
		this.seen.set(k, t);
		while (this.seen.size > this.maxEntries) {
			const oldest = this.seen.keys().next();
			if (oldest.done) break;
			this.seen.delete(oldest.value);
		}
		return true;
	}

	/** Forgets `key` (e.g. when emitting the event failed and a redelivery must pass). */
	forget(key: string): void {
		this.seen.delete(this.normalise(key));
	}

	clear(): void {
		this.seen.clear();
	}

	/** Serialisable copy (oldest first), e.g. for workflow static data. */
	snapshot(): Array<[string, number]> {
		this.purge(this.now());
		return [...this.seen.entries()];
	}

	/** Loads a snapshot; entries that are malformed, expired or beyond `maxEntries` are dropped. */
	restore(entries: unknown): void {
		if (!Array.isArray(entries)) return;
		const t = this.now();
		const valid = entries
			.filter(
				(e): e is [string, number] =>
					Array.isArray(e) &&
					typeof e[0] === 'string' &&
					typeof e[1] === 'number' &&
					t - e[1] < this.ttlMs,
			)
			.sort((a, b) => a[1] - b[1])
			.slice(-this.maxEntries);
		for (const [key, firstSeen] of valid) {
			const k = this.normalise(key);
			this.seen.delete(k);
			this.seen.set(k, firstSeen);
		}
		while (this.seen.size > this.maxEntries) {
			const oldest = this.seen.keys().next();
			if (oldest.done) break;
			this.seen.delete(oldest.value);
		}
	}

	private normalise(key: string): string {
		// Long keys are hashed so memory per entry stays bounded without merging distinct keys.
		return key.length > MAX_KEY_LENGTH
			? `sha256:${createHash('sha256').update(key).digest('hex')}`
			: key;
	}

	private purge(t: number): void {
		for (const [key, firstSeen] of this.seen) {
			if (t - firstSeen < this.ttlMs) break;
			this.seen.delete(key);
		}
	}
}
