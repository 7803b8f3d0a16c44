/**
 * Per-registration journal (pull delivery): opaque positions, `since` exclusive, `latest`, `seek`,
 * `limit`, a 1.5 MB response cap, root-relative `Link` headers, 204 + `retry-after` at the end,
 * 410 for positions whose following events have expired, time-based retention and a size bound.
 *
 * Entries are serialised once at append time, so draining 10 000 events is string concatenation.
 */
import { randomBytes } from 'node:crypto';

export const JOURNAL_RESPONSE_CAP = 1_572_864; // 1.5 MB

interface Entry {
	seq: number;
	time: number;
	eventid: string;
	/** `{"position":"…","event":…}` */
	line: string;
	bytes: number;
}

export interface JournalPage {
	kind: 'events' | 'empty';
	body?: string;
	count: number;
	last?: string;
	/** position for the `next` link */
	next: string;
}

export class JournalError extends Error {
	constructor(
		public readonly status: 400 | 410,
		message: string,
	) {
		super(message);
	}
}

export class Journal {
	readonly key = randomBytes(6).toString('hex');
	private entries: Entry[] = [];
	private nextSeq = 1;
	/** seq of the oldest event still retained (== nextSeq when empty). */
	private firstSeq = 1;

	constructor(
		private readonly limits: () => { retentionMs: number; maxEntries: number },
	) {}

	position(seq: number): string {
		return `emu:${this.key}:${seq.toString(36)}`;
	}

	parse(position: string): number {
		const m = /^emu:([0-9a-f]{12}):([0-9a-z]{1,12})$/.exec(position);
		if (!m) throw new JournalError(400, `Invalid position ${position}`);
		if (m[1] !== this.key) throw new JournalError(400, `Position ${position} does not belong to this journal`);
		const seq = parseInt(m[2], 36);
		if (!Number.isSafeInteger(seq) || seq >= this.nextSeq) throw new JournalError(400, `Invalid position ${position}`);
		return seq;
	}

	get size(): number {
		return this.entries.length;
	}

	get lastPosition(): string | undefined {
		return this.entries.length ? this.position(this.nextSeq - 1) : undefined;
	}

	append(eventid: string, eventJson: string, time: number): string {
		const seq = this.nextSeq++;
		const pos = this.position(seq);
		const line = `{"position":${JSON.stringify(pos)},"event":${eventJson}}`;
		this.entries.push({ seq, time, eventid, line, bytes: Buffer.byteLength(line) });
		const { maxEntries } = this.limits();
		if (this.entries.length > maxEntries) {
			this.entries.splice(0, this.entries.length - maxEntries);
			this.firstSeq = this.entries[0].seq;
		}
		return pos;
	}

	/** Drops entries older than the retention window (relative to `now`). */
	prune(now: number): void {
		const { retentionMs } = this.limits();
		let i = 0;
		while (i < this.entries.length && this.entries[i].time < now - retentionMs) i++;
		this.dropFirst(i);
	}

	/** Expires every entry (or those at/before `position`). */
	expire(position?: string): number {
		if (!position) {
			const n = this.entries.length;
			this.dropFirst(n);
			return n;
		}
		const seq = this.parse(position);
		const n = this.entries.findIndex((e) => e.seq > seq);
		const count = n < 0 ? this.entries.length : n;
		this.dropFirst(count);
		return count;
	}

	private dropFirst(n: number): void {
		if (n <= 0) return;
		this.entries.splice(0, n);
		this.firstSeq = this.entries.length ? this.entries[0].seq : this.nextSeq;
	}

	clear(): void {
		this.entries = [];
		this.firstSeq = this.nextSeq;
	}

	/**
	 * Reads a page. `after` = sequence number after which to read (exclusive), or 'oldest' / 'latest'.
	 */
	read(after: number | 'oldest' | 'latest', limit: number | undefined, defaultLimit: number, expiredLabel?: string): JournalPage {
		let from: number;
		if (after === 'oldest') from = this.firstSeq - 1;
		else if (after === 'latest') from = this.nextSeq - 1;
		else {
			if (after + 1 < this.firstSeq) throw new JournalError(410, `Events at position ${expiredLabel ?? this.position(after)} have expired.`);
			from = after;
		}
		const startIdx = this.indexAfter(from);
		const max = limit ?? defaultLimit;
		if (startIdx >= this.entries.length) return { kind: 'empty', count: 0, next: this.position(Math.max(from, 0)) };
		const parts: string[] = [];
		let bytes = 64;
		let i = startIdx;
		for (; i < this.entries.length && parts.length < max; i++) {
			const e = this.entries[i];
			if (parts.length > 0 && bytes + e.bytes + 1 > JOURNAL_RESPONSE_CAP) break;
			parts.push(e.line);
			bytes += e.bytes + 1;
		}
		const lastSeq = this.entries[i - 1].seq;
		const last = this.position(lastSeq);
		const body = `{"events":[${parts.join(',')}],"_page":{"last":${JSON.stringify(last)},"count":${parts.length}}}`;
		return { kind: 'events', body, count: parts.length, last, next: last };
	}

	/** Sequence number just before the first event at or after `time` (for `seek`). */
	seqBefore(time: number): number {
		const idx = this.entries.findIndex((e) => e.time >= time);
		if (idx < 0) return this.nextSeq - 1;
		return this.entries[idx].seq - 1;
	}

	private indexAfter(seq: number): number {
		// entries are contiguous in seq
		if (!this.entries.length) return 0;
		const idx = seq + 1 - this.entries[0].seq;
		return Math.max(0, idx);
	}

	stats(): { count: number; firstPosition?: string; lastPosition?: string } {
		return {
			count: this.entries.length,
			...(this.entries.length ? { firstPosition: this.position(this.entries[0].seq), lastPosition: this.position(this.nextSeq - 1) } : {}),
		};
	}
}

/** Parses a negative ISO-8601 duration (`-PT2H`, `-P1D`, `-P5DT2H`, `-P1W`) into milliseconds. */
export function parseSeek(v: string): number | undefined {
	const m = /^-P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(v.trim());
	if (!m || v.trim() === '-P' || v.trim().endsWith('T')) return undefined;
	const [, w, d, h, min, s] = m;
	const ms = (Number(w ?? 0) * 7 * 86400 + Number(d ?? 0) * 86400 + Number(h ?? 0) * 3600 + Number(min ?? 0) * 60 + Number(s ?? 0)) * 1000;
	return Number.isFinite(ms) ? ms : undefined;
}
