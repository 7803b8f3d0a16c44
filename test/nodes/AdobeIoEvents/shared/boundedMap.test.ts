import { BoundedMap } from '../../../../nodes/AdobeIoEvents/shared/boundedMap';

function clock(start = 1_000) {
	let t = start;
	return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('BoundedMap: the one bounded cache primitive', () => {
	it('never holds more than maxEntries; the oldest goes first', () => {
		const map = new BoundedMap<number>({ maxEntries: 3 });
		for (let i = 0; i < 10; i++) map.set(`k${i}`, i, Infinity);
		expect(map.size).toBe(3);
		expect([...map.entries()].map(([k]) => k)).toEqual(['k7', 'k8', 'k9']);
	});

	it('get with touch makes an entry the newest (LRU), plain get does not', () => {
		const map = new BoundedMap<number>({ maxEntries: 2 });
		map.set('a', 1, Infinity);
		map.set('b', 2, Infinity);
		map.get('a');
		map.set('c', 3, Infinity);
		expect(map.get('a')).toBeUndefined();
		map.get('b', { touch: true });
		map.set('d', 4, Infinity);
		expect(map.get('b')).toBe(2);
		expect(map.get('c')).toBeUndefined();
	});

	it('an expired entry is never returned and is removed when read', () => {
		const c = clock();
		const map = new BoundedMap<string>({ maxEntries: 5, now: c.now });
		map.set('a', 'x', 100);
		c.advance(99);
		expect(map.get('a')).toBe('x');
		c.advance(1);
		expect(map.get('a')).toBeUndefined();
		expect(map.size).toBe(0);
	});

	it('pruneOldest removes expired entries from the old end only', () => {
		const c = clock();
		const map = new BoundedMap<number>({ maxEntries: 5, now: c.now });
		map.set('old', 1, 10);
		c.advance(5);
		map.set('young', 2, 10);
		c.advance(6);
		map.pruneOldest();
		expect([...map.entries()].map(([k]) => k)).toEqual(['young']);
		expect(map.size).toBe(1);
	});

	it('validates its bound', () => {
		expect(() => new BoundedMap({ maxEntries: 0 })).toThrow(RangeError);
		expect(() => new BoundedMap({ maxEntries: Number.NaN })).toThrow(RangeError);
	});
});
