/**
 * Freshness of signed deliveries (pure, no n8n import, no timers).
 *
 * A signature proves "Adobe sent these bytes to somebody", not "now": a captured delivery (body and
 * `x-adobe-*` headers from Debug Tracing, a proxy log or a HAR file) verifies forever. Within one
 * n8n process the de-duplication window (24 h) stops a replay; after 24 h, after a restart, or on
 * another webhook process it does not. The event's own time is inside the signed bytes, so a signed
 * event whose time is older than anything Adobe itself would still deliver is not run.
 *
 * The limit, MAX_EVENT_AGE_MS = 48 h: Adobe retries an event for 24 h after its first attempt
 * (ADOBE_RETRY_HORIZON_MS), and the first attempt can come after the event's time (the provider's
 * clock, its publishing and Adobe's queue; n8n's clock) — a margin of another 24 h
 * (FRESHNESS_MARGIN_MS) keeps every event Adobe may still legitimately deliver, so no real event is
 * lost to a slow provider or a skewed clock, while a captured delivery stops working two days after
 * its event happened. The journal is separate (it keeps events for 7 days; the journal trigger does
 * not use this rule).
 *
 * The time is read by THE envelope reader (envelope.ts `readEnvelope(…).time`: RFC 3339 with any
 * offset or none, `2024-07-11 13:20:42.755`, epoch ms as number or string, Java `Date.toString()` in
 * UTC/GMT; CloudEvents, Marketo's wrapper, pipeline and XDM envelopes). An event whose time is
 * missing or cannot be read is never stale: a time we cannot read must not cost a real event. Nor is
 * one before MIN_EPOCH_MS (1973-03-03): that is a placeholder, not an event time — Adobe's own AEM
 * add-on and Creative Cloud storage samples carry `1970-01-01T01:00:00.000+01` (epoch 0). Legacy
 * `{event_id, event}` envelopes carry no time of their own (only a provider's payload does, in a
 * provider-specific field), so they are never stale either. A time in the future is not checked
 * (clock skew goes both ways). The trigger applies the rule to production deliveries only: Adobe's
 * sample event for "Listen for test event" may carry its template's time, and a test URL is only live
 * while the user listens.
 */
import { BoundedMap } from '../shared/boundedMap';
import { MIN_EPOCH_MS, readEnvelope } from './envelope';

const HOUR_MS = 60 * 60 * 1000;
/** How long Adobe retries an event after its first delivery attempt. */
export const ADOBE_RETRY_HORIZON_MS = 24 * HOUR_MS;
/** Event time → Adobe's first attempt: provider clock and publishing, Adobe's queue, n8n's clock. */
export const FRESHNESS_MARGIN_MS = 24 * HOUR_MS;
/** A signed event older than this is not run. */
export const MAX_EVENT_AGE_MS = ADOBE_RETRY_HORIZON_MS + FRESHNESS_MARGIN_MS;
/** Stale events are logged at most once per this long per trigger (the rest counted into the next line). */
export const STALE_LOG_INTERVAL_MS = 60_000;

export interface Freshness<E> {
	fresh: E[];
	/** events older than MAX_EVENT_AGE_MS */
	stale: number;
	/** the oldest stale event's time (epoch ms), when any */
	oldest?: number;
}

/** The time the rule reads from an event: its envelope's time, unless missing, unreadable or a placeholder. */
export function freshnessTimeOf(event: unknown): number | undefined {
	const time = readEnvelope(event).time;
	return time !== undefined && time >= MIN_EPOCH_MS ? time : undefined;
}

/** Splits a signed delivery's events into those that may run and those too old to (see above). */
export function checkFreshness<E>(events: readonly E[], now: number): Freshness<E> {
	const fresh: E[] = [];
	let stale = 0;
	let oldest: number | undefined;
	for (const event of events) {
		const time = freshnessTimeOf(event);
		if (time !== undefined && now - time > MAX_EVENT_AGE_MS) {
			stale++;
			oldest = oldest === undefined ? time : Math.min(oldest, time);
		} else fresh.push(event);
	}
	return { fresh, stale, oldest };
}

/**
 * Once per burst: the first stale delivery of a trigger is logged at once, later ones within
 * STALE_LOG_INTERVAL_MS are counted into the next line. Bounded by the number of trigger scopes.
 */
export class StaleLog {
	private readonly scopes: BoundedMap<{ loggedAt: number; unlogged: number }>;

	constructor(options: { now: () => number; maxScopes: number }) {
		this.scopes = new BoundedMap({ maxEntries: options.maxScopes, now: options.now });
	}

	/** `count` more stale events for `scope`: how many to report now (this one included), or 0 to stay quiet. */
	note(scope: string, count: number): number {
		const now = this.scopes.now();
		const entry = this.scopes.get(scope, { touch: true });
		if (entry !== undefined && now - entry.loggedAt < STALE_LOG_INTERVAL_MS) {
			entry.unlogged += count;
			return 0;
		}
		const report = (entry?.unlogged ?? 0) + count;
		this.scopes.set(scope, { loggedAt: now, unlogged: 0 }, Infinity);
		return report;
	}

	clear(): void {
		this.scopes.clear();
	}
}
