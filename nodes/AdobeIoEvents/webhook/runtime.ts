/**
 * The delivery state of the Watch Events trigger in one object (pure: no n8n import, no timers).
 *
 * Everything a delivery reads or writes across requests lives here — parsed public keys, one
 * de-duplication window per trigger, the events whose workflow is still running, the cached
 * delivery context and client secret, the validation gate — created by one factory with one
 * injectable clock. The trigger keeps ONE runtime per n8n process; tests create their own instead
 * of clearing globals. Every part is bounded (and a test reaches each bound).
 *
 * A "scope" is one trigger node in one workflow, test and production apart: no trigger can evict
 * another's entries (e.g. a trigger with Signature Check "None" flooded with unsigned batches).
 */
import { BoundedMap } from '../shared/boundedMap';
import { DedupeWindow, DEFAULT_DEDUPE_MAX_ENTRIES, DEFAULT_DEDUPE_TTL_MS } from './dedupe';
import { PublicKeyCache, type KeyCacheOptions } from './keyCache';
import { TtlCache } from './ttlCache';
import { ValidationGate } from './validationGate';

/** The delivery context and client secret are re-read from the credential at most this often. */
export const CREDENTIAL_TTL_MS = 60_000;
/** Trigger nodes (scopes) whose state is kept; the least recently used is forgotten beyond it. */
export const MAX_SCOPES = 256;
/** How long an accepted event counts as "workflow still running" (acknowledge when finished). */
export const RUNNING_TTL_MS = 15 * 60 * 1000;

export interface DeliveryRuntimeOptions {
	now?: () => number;
	keys?: Omit<KeyCacheOptions, 'now'>;
	/** per scope */
	dedupe?: { maxEntries?: number; ttlMs?: number };
	/** bound of each credential cache (context, secret) */
	credentials?: { maxEntries?: number; ttlMs?: number };
	maxScopes?: number;
}

export interface DeliveryRuntime<Context> {
	readonly now: () => number;
	/** Adobe's signature public keys (≤ 64 verified keys, ≤ 24 h; unknown paths apart). */
	readonly keys: PublicKeyCache;
	/** The de-duplication window of one trigger scope (≤ 10 000 event ids, 24 h). */
	dedupe(scope: string): DedupeWindow;
	/**
	 * Events accepted with "acknowledge when finished" whose answer is not known yet, as
	 * `scope|identity` (≤ 10 000, ≤ 15 min): a retry that arrives meanwhile is told to come back.
	 */
	readonly running: BoundedMap<true>;
	/** Delivery context per trigger node and credential (≤ 256, 60 s): never secrets. */
	readonly contexts: TtlCache<Context>;
	/** The client secret per trigger node and credential, for the HMAC check (≤ 256, 60 s). */
	readonly secrets: TtlCache<string>;
	/** Which scopes may follow an async validation URL right now. */
	readonly validations: ValidationGate;
	/** Number of scopes holding a de-duplication window. */
	readonly scopes: number;
	/** Forgets everything (as a fresh n8n process would start). */
	reset(): void;
}

export function createDeliveryRuntime<Context>(
	options: DeliveryRuntimeOptions = {},
): DeliveryRuntime<Context> {
	const now = options.now ?? Date.now;
	const maxScopes = options.maxScopes ?? MAX_SCOPES;
	const windows = new BoundedMap<DedupeWindow>({ maxEntries: maxScopes, now });
	const dedupeMax = options.dedupe?.maxEntries ?? DEFAULT_DEDUPE_MAX_ENTRIES;
	const credentialCache = <T>() =>
		new TtlCache<T>({
			maxEntries: options.credentials?.maxEntries ?? maxScopes,
			ttlMs: options.credentials?.ttlMs ?? CREDENTIAL_TTL_MS,
			now,
		});
	const runtime: DeliveryRuntime<Context> = {
		now,
		keys: new PublicKeyCache({ ...options.keys, now }),
		dedupe(scope) {
			let window = windows.get(scope, { touch: true });
			if (window === undefined) {
				window = new DedupeWindow({
					maxEntries: dedupeMax,
					ttlMs: options.dedupe?.ttlMs ?? DEFAULT_DEDUPE_TTL_MS,
					now,
				});
				windows.set(scope, window, Infinity);
			}
			return window;
		},
		running: new BoundedMap<true>({ maxEntries: dedupeMax, now }),
		contexts: credentialCache<Context>(),
		secrets: credentialCache<string>(),
		validations: new ValidationGate({ now, maxScopes }),
		get scopes() {
			return windows.size;
		},
		reset() {
			runtime.keys.clear();
			windows.clear();
			runtime.running.clear();
			runtime.contexts.clear();
			runtime.secrets.clear();
			runtime.validations.clear();
		},
	};
	return runtime;
}
