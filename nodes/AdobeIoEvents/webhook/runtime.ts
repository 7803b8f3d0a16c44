/**
 * The delivery state of the Watch Events trigger in one object (pure: no n8n import, no timers).
 *
 * Everything a delivery reads or writes across requests lives here — parsed public keys, the
 * de-duplication window, the cached delivery context (non-secret credential fields), the tracker
 * that forgets an event when n8n failed to start its execution — created by one factory with one
 * injectable clock. The trigger keeps ONE runtime per n8n process; tests create their own instead
 * of clearing globals.
 */
import { AckTracker } from './ackTracker';
import { DedupeWindow, DEFAULT_DEDUPE_MAX_ENTRIES, DEFAULT_DEDUPE_TTL_MS } from './dedupe';
import { PublicKeyCache, type KeyCacheOptions } from './keyCache';
import { TtlCache } from './ttlCache';

/** The delivery context is re-read from the credential at most this often per trigger node. */
export const CONTEXT_TTL_MS = 60_000;
export const CONTEXT_MAX_ENTRIES = 256;

export interface DeliveryRuntimeOptions {
	now?: () => number;
	keys?: Omit<KeyCacheOptions, 'now'>;
	dedupe?: { maxEntries?: number; ttlMs?: number };
	contexts?: { maxEntries?: number; ttlMs?: number };
}

export interface DeliveryRuntime<Context> {
	readonly now: () => number;
	/** Adobe's signature public keys (≤ 24 h, ≤ 64 keys by default). */
	readonly keys: PublicKeyCache;
	/** Event ids seen (≤ 24 h, ≤ 10 000 by default). */
	readonly dedupe: DedupeWindow;
	/** Delivery context per trigger node and credential (≤ 60 s, ≤ 256): never secrets. */
	readonly contexts: TtlCache<Context>;
	/** Forgets the dedupe keys of a delivery that n8n answered with a 5xx. */
	readonly acks: AckTracker;
	/** Forgets everything (as a fresh n8n process would start). */
	reset(): void;
}

export function createDeliveryRuntime<Context>(
	options: DeliveryRuntimeOptions = {},
): DeliveryRuntime<Context> {
	const now = options.now ?? Date.now;
	const keys = new PublicKeyCache({ ...options.keys, now });
	const dedupe = new DedupeWindow({
		maxEntries: options.dedupe?.maxEntries ?? DEFAULT_DEDUPE_MAX_ENTRIES,
		ttlMs: options.dedupe?.ttlMs ?? DEFAULT_DEDUPE_TTL_MS,
		now,
	});
	const contexts = new TtlCache<Context>({
		maxEntries: options.contexts?.maxEntries ?? CONTEXT_MAX_ENTRIES,
		ttlMs: options.contexts?.ttlMs ?? CONTEXT_TTL_MS,
		now,
	});
	return {
		now,
		keys,
		dedupe,
		contexts,
		acks: new AckTracker((key) => dedupe.forget(key)),
		reset() {
			keys.clear();
			dedupe.clear();
			contexts.clear();
		},
	};
}
