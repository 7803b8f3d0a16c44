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

import { BoundedMap } from '../shared/boundedMap';

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

/** A key as windows store it: long keys hashed, so memory per entry stays bounded without merging distinct keys. */
export function boundedKey(key: string): string {
	return key.length > MAX_KEY_LENGTH
		? `sha256:${createHash('sha256').update(key).digest('hex')}`
		: key;
}

export class DedupeWindow {
	readonly ttlMs: number;
	/** key → first-seen time; expires `ttlMs` after it (so entries expire in insertion order). */
	private readonly seen: BoundedMap<number>;

	constructor(options: DedupeWindowOptions) {
		if (!Number.isFinite(options.ttlMs) || options.ttlMs <= 0)
			throw new RangeError('ttlMs must be positive');
		this.seen = new BoundedMap<number>({ maxEntries: options.maxEntries, now: options.now });
		this.ttlMs = options.ttlMs;
	}

	get maxEntries(): number {
		return this.seen.maxEntries;
	}

	get size(): number {
		return this.seen.size;
	}

	/** `true` when `key` was seen within the window. Does not record it. */
	has(key: string): boolean {
		this.seen.pruneOldest();
		return this.seen.get(this.normalise(key)) !== undefined;
	}

	/**
	 * Records `key` and returns `true` when it is new; returns `false` (a duplicate) when it was
	 * already seen within the window.
	 */
	markIfNew(key: string): boolean {
		this.seen.pruneOldest();
		const k = this.normalise(key);
		if (this.seen.get(k) !== undefined) return false;
		this.seen.set(k, this.seen.now(), this.ttlMs);
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
		return [...this.seen.entries()];
	}

	/** Loads a snapshot; entries that are malformed, expired or beyond `maxEntries` are dropped. */
	restore(entries: unknown): void {
		if (!Array.isArray(entries)) return;
		const t = this.seen.now();
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
			this.seen.set(this.normalise(key), firstSeen, firstSeen + this.ttlMs - t);
		}
	}

	private normalise(key: string): string {
		return boundedKey(key);
	}
}
