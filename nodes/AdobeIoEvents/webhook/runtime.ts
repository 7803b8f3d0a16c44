/**
 * The delivery state of the Watch Events trigger in one object (pure: no n8n import, no timers).
 *
 * Everything a delivery reads or writes across requests lives here — parsed public keys, one
 * de-duplication window per trigger, the events whose workflow is still running, what deliveries
 * need from the credential, the validation gate — created by one factory with one
 * injectable clock. The trigger keeps ONE runtime per n8n process; tests create their own instead
 * of clearing globals. Every part is bounded (and a test reaches each bound).
 *
 * A "scope" is one trigger node in one workflow, test and production apart: no trigger can evict
 * another's entries (e.g. a trigger with Signature Check "None" flooded with unsigned batches).
 */
import { BoundedMap } from '../shared/boundedMap';
import { DedupeWindow, DEFAULT_DEDUPE_MAX_ENTRIES, DEFAULT_DEDUPE_TTL_MS } from './dedupe';
import { StaleLog } from './freshness';
import { PublicKeyCache, type KeyCacheOptions } from './keyCache';
import { TtlCache } from './ttlCache';
import { ValidationGate } from './validationGate';

/** What a delivery needs from the credential is re-read at most this often per trigger node. */
export const CREDENTIAL_TTL_MS = 60_000;
/** A check that failed on a cached credential may re-read it, at most this often per trigger node. */
export const CREDENTIAL_REFRESH_MIN_MS = 5_000;
/** Trigger nodes (scopes) whose state is kept; the least recently used is forgotten beyond it. */
export const MAX_SCOPES = 256;
/** How long an accepted event counts as "workflow still running" (acknowledge when finished). */
export const RUNNING_TTL_MS = 15 * 60 * 1000;

export interface DeliveryRuntimeOptions {
	now?: () => number;
	keys?: Omit<KeyCacheOptions, 'now'>;
	/** per scope */
	dedupe?: { maxEntries?: number; ttlMs?: number };
	/** bound of the credential cache */
	credentials?: { maxEntries?: number; ttlMs?: number };
	maxScopes?: number;
}

interface ScopeState {
	window: DedupeWindow;
	running: BoundedMap<true>;
}

/**
 * `Credential`: what a delivery needs from a trigger's credential (the trigger caches its delivery
 * context and, for the HMAC check, the client secret) — never logged, never put in an item.
 */
export interface DeliveryRuntime<Credential> {
	readonly now: () => number;
	/** Adobe's signature public keys (≤ 64 verified keys, ≤ 24 h; unknown paths apart). */
	readonly keys: PublicKeyCache;
	/** The de-duplication window of one trigger scope (≤ 10 000 event ids, 24 h). */
	dedupe(scope: string): DedupeWindow;
	/**
	 * The events of one trigger scope accepted with "acknowledge when finished" whose answer is not
	 * known yet, by event identity (≤ 10 000 per scope, ≤ 15 min): a retry that arrives meanwhile is
	 * told to come back. Per scope like the dedupe window, so a flood on one trigger (e.g. one with
	 * Signature Check "None") cannot push out another trigger's entries.
	 */
	running(scope: string): BoundedMap<true>;
	/** What deliveries need from the credential, per trigger node and credential (≤ 256, 60 s). */
	readonly credentials: TtlCache<Credential>;
	/**
	 * May a failed check re-read this credential now (it may have changed since it was cached)? At
	 * most once per CREDENTIAL_REFRESH_MIN_MS per key, so forged requests cannot force reads.
	 */
	mayRefresh(key: string): boolean;
	/** Which scopes may follow an async validation URL right now. */
	readonly validations: ValidationGate;
	/** When a trigger last logged signed events too old to run (once per minute per scope). */
	readonly staleLog: StaleLog;
	/** Number of scopes holding state (a de-duplication window and a "still running" set). */
	readonly scopes: number;
	/** Forgets everything (as a fresh n8n process would start). */
	reset(): void;
}

export function createDeliveryRuntime<Credential>(
	options: DeliveryRuntimeOptions = {},
): DeliveryRuntime<Credential> {
	const now = options.now ?? Date.now;
	const maxScopes = options.maxScopes ?? MAX_SCOPES;
	/** Per scope: its dedupe window and its "still running" set (created on first use, LRU-bounded). */
	const scopes = new BoundedMap<ScopeState>({ maxEntries: maxScopes, now });
	const dedupeMax = options.dedupe?.maxEntries ?? DEFAULT_DEDUPE_MAX_ENTRIES;
	const credentialMax = options.credentials?.maxEntries ?? maxScopes;
	const refreshed = new BoundedMap<true>({ maxEntries: credentialMax, now });
	const stateOf = (scope: string): ScopeState => {
		let state = scopes.get(scope, { touch: true });
		if (state === undefined) {
			state = {
				window: new DedupeWindow({
					maxEntries: dedupeMax,
					ttlMs: options.dedupe?.ttlMs ?? DEFAULT_DEDUPE_TTL_MS,
					now,
				}),
				running: new BoundedMap<true>({ maxEntries: dedupeMax, now }),
			};
			scopes.set(scope, state, Infinity);
		}
		return state;
	};
	const runtime: DeliveryRuntime<Credential> = {
		now,
		keys: new PublicKeyCache({ maxScopes, ...options.keys, now }),
		dedupe(scope) {
			return stateOf(scope).window;
		},
		running(scope) {
			return stateOf(scope).running;
		},
		credentials: new TtlCache<Credential>({
			maxEntries: credentialMax,
			ttlMs: options.credentials?.ttlMs ?? CREDENTIAL_TTL_MS,
			now,
		}),
		mayRefresh(key) {
			if (refreshed.get(key) !== undefined) return false;
			refreshed.set(key, true, CREDENTIAL_REFRESH_MIN_MS);
			return true;
		},
		validations: new ValidationGate({ now, maxScopes }),
		staleLog: new StaleLog({ now, maxScopes }),
		get scopes() {
			return scopes.size;
		},
		reset() {
			runtime.keys.clear();
			scopes.clear();
			runtime.credentials.clear();
			refreshed.clear();
			runtime.validations.clear();
			runtime.staleLog.clear();
		},
	};
	return runtime;
}
