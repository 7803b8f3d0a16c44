/**
 * De-duplication of journal entries within one poll and across polls (the persisted window of the
 * cursor). Pure: no n8n import, the clock is injected.
 */
import { createHash } from 'node:crypto';

import { eventIdentity, eventIdOf } from '../webhook/envelope';
import { DedupeWindow } from '../webhook/dedupe';
import type { SeenEntry } from './cursor';
import { DEDUPE_TTL_MS } from './cursor';
import type { JournalEntry } from './drain';

/** Longest dedupe key kept as is (DedupeWindow's bound); longer keys are hashed. */
const MAX_KEY_LENGTH = 512;

/**
 * The de-duplication key of an entry: the webhook trigger's identity (`eventid`, else the deprecated
 * `event_id`, else CloudEvents `source`+`id`), else the journal position (unique per entry).
 */
export function eventKeyOf(entry: JournalEntry): string {
	const key = eventIdentity(entry.event) ?? `position:${entry.position}`;
	// same bound and format as DedupeWindow uses for long keys, so persisted keys compare equal
	return key.length > MAX_KEY_LENGTH
		? `sha256:${createHash('sha256').update(key).digest('hex')}`
		: key;
}

const ID_KEY_PREFIX = 'eventid:';

/** The `eventid` (else `event_id`) of an entry when its key is `eventid:<id>` unhashed (see eventKeyOf). */
function plainEventId(entry: JournalEntry): string | undefined {
	const id = eventIdOf(entry.event);
	return id !== undefined && id.length + ID_KEY_PREFIX.length <= MAX_KEY_LENGTH ? id : undefined;
}

/**
 * Dedupe for one poll: plain Sets of every key seen in this poll (bounded by maxEvents) on top of the
 * persisted window; the shared DedupeWindow (bound + TTL) turns the newest `keep` keys back into the
 * persisted snapshot at the end. `eventid:<id>` keys (nearly all) are held by their bare id, so no key
 * string is built per event; every other key (CloudEvents source+id, position, hashed) as is.
 */
export class PollDedupe {
	private readonly ids = new Set<string>();
	private readonly others = new Set<string>();

	constructor(
		private readonly persisted: SeenEntry[],
		private readonly keep: number,
		private readonly now: () => number,
	) {
		const window = this.window();
		if (keep > 0) window.restore(persisted);
		for (const [key] of window.snapshot()) {
			if (key.startsWith(ID_KEY_PREFIX)) this.ids.add(key.slice(ID_KEY_PREFIX.length));
			else this.others.add(key);
		}
	}

	private window(): DedupeWindow {
		return new DedupeWindow({
			maxEntries: Math.max(1, this.keep),
			ttlMs: DEDUPE_TTL_MS,
			now: this.now,
		});
	}

	/** true when the entry is new (and records its key). Same identity as eventKeyOf(entry). */
	markIfNew(entry: JournalEntry): boolean {
		const id = plainEventId(entry);
		const set = id === undefined ? this.others : this.ids;
		const key = id ?? eventKeyOf(entry);
		if (set.has(key)) return false;
		set.add(key);
		return true;
	}

	/**
	 * The newest `keep` keys (persisted window + this poll's `emitted` entries, i.e. the entries markIfNew
	 * accepted, in order), in the DedupeWindow snapshot format.
	 */
	snapshot(emitted: JournalEntry[]): SeenEntry[] {
		if (this.keep <= 0) return [];
		const window = this.window();
		window.restore(this.persisted);
		for (const entry of emitted.slice(-this.keep)) window.markIfNew(eventKeyOf(entry));
		return window.snapshot();
	}
}
