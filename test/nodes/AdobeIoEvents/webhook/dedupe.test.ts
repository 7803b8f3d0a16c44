import { DedupeWindow } from '../../../../nodes/AdobeIoEvents/webhook/dedupe';

function clock(start = 1_000_000) {
	let t = start;
	return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('DedupeWindow', () => {
	it('drops a key seen within the TTL and accepts it again after', () => {
		const c = clock();
		const w = new DedupeWindow({ maxEntries: 10, ttlMs: 1000, now: c.now });
		expect(w.markIfNew('a')).toBe(true);
		expect(w.markIfNew('a')).toBe(false);
		expect(w.has('a')).toBe(true);
		c.advance(999);
		expect(w.markIfNew('a')).toBe(false);
		c.advance(1);
		expect(w.has('a')).toBe(false);
		expect(w.markIfNew('a')).toBe(true);
	});

	it('never holds more than maxEntries keys and evicts the oldest first', () => {
		const c = clock();
		const w = new DedupeWindow({ maxEntries: 3, ttlMs: 60_000, now: c.now });
		for (const k of ['a', 'b', 'c', 'd']) {
			expect(w.markIfNew(k)).toBe(true);
			c.advance(1);
		}
		expect(w.size).toBe(3);
		expect(w.has('a')).toBe(false);
		expect(w.markIfNew('b')).toBe(false);
		for (let i = 0; i < 10_000; i++) w.markIfNew(`k${i}`);
		expect(w.size).toBe(3);
	});

	it('purges expired keys so memory shrinks without traffic on those keys', () => {
		const c = clock();
		const w = new DedupeWindow({ maxEntries: 100, ttlMs: 10, now: c.now });
		for (let i = 0; i < 50; i++) w.markIfNew(`k${i}`);
		c.advance(11);
		w.markIfNew('fresh');
		expect(w.size).toBe(1);
	});

	it('forgets a key on request', () => {
		const w = new DedupeWindow({ maxEntries: 10, ttlMs: 1000 });
		w.markIfNew('x');
		w.forget('x');
		expect(w.markIfNew('x')).toBe(true);
	});

	it('hashes very long keys without merging distinct ones', () => {
		const w = new DedupeWindow({ maxEntries: 10, ttlMs: 1000 });
		const base = 'p'.repeat(600);
		expect(w.markIfNew(`${base}1`)).toBe(true);
		expect(w.markIfNew(`${base}2`)).toBe(true);
		expect(w.markIfNew(`${base}1`)).toBe(false);
	});

	it('snapshots and restores within bounds, ignoring garbage and expired entries', () => {
		const c = clock();
		const w = new DedupeWindow({ maxEntries: 2, ttlMs: 100, now: c.now });
		w.markIfNew('a');
		c.advance(10);
		w.markIfNew('b');
		const snap = w.snapshot();
		expect(snap.map(([k]) => k)).toEqual(['a', 'b']);
		const w2 = new DedupeWindow({ maxEntries: 2, ttlMs: 100, now: c.now });
		w2.restore([...snap, ['x', c.now() - 1000], 'junk', [1, 2], ['c', c.now()]]);
		expect(w2.size).toBe(2);
		expect(w2.has('c')).toBe(true);
		expect(w2.has('b')).toBe(true);
		expect(w2.has('x')).toBe(false);
		w2.restore('not an array');
		expect(w2.size).toBe(2);
	});

	it('validates its options', () => {
		expect(() => new DedupeWindow({ maxEntries: 0, ttlMs: 1 })).toThrow(RangeError);
		expect(() => new DedupeWindow({ maxEntries: 1, ttlMs: 0 })).toThrow(RangeError);
	});
});
