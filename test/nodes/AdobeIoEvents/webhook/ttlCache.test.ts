import { TtlCache } from '../../../../nodes/AdobeIoEvents/webhook/ttlCache';

function clock(start = 1_000) {
	let t = start;
	return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('TtlCache', () => {
	test('serves the loaded value until the TTL, then loads again', async () => {
		const c = clock();
		const cache = new TtlCache<string>({ maxEntries: 4, ttlMs: 60_000, now: c.now });
		let loads = 0;
		const load = async () => `v${++loads}`;
		expect(await cache.get('k', load)).toBe('v1');
		c.advance(59_999);
		expect(await cache.get('k', load)).toBe('v1');
		c.advance(1);
		expect(await cache.get('k', load)).toBe('v2');
		expect(loads).toBe(2);
	});

	test('one load in flight per key; concurrent callers share it', async () => {
		const cache = new TtlCache<number>({ maxEntries: 4, ttlMs: 1_000 });
		let loads = 0;
		let release!: () => void;
		const gate = new Promise<void>((resolve) => (release = resolve));
		const load = async () => {
			loads++;
			await gate;
			return 42;
		};
		const all = Promise.all([cache.get('k', load), cache.get('k', load), cache.get('k', load)]);
		release();
		expect(await all).toEqual([42, 42, 42]);
		expect(loads).toBe(1);
	});

	test('failures are not cached', async () => {
		const cache = new TtlCache<number>({ maxEntries: 4, ttlMs: 1_000 });
		await expect(
			cache.get('k', async () => {
				throw new Error('boom');
			}),
		).rejects.toThrow('boom');
		expect(cache.size).toBe(0);
		expect(await cache.get('k', async () => 7)).toBe(7);
	});

	test('never holds more than maxEntries (oldest evicted first)', async () => {
		const cache = new TtlCache<number>({ maxEntries: 3, ttlMs: 60_000 });
		for (let i = 0; i < 10; i++) await cache.get(`k${i}`, async () => i);
		expect(cache.size).toBe(3);
		let reloaded = false;
		expect(
			await cache.get('k0', async () => {
				reloaded = true;
				return -1;
			}),
		).toBe(-1);
		expect(reloaded).toBe(true);
		expect(await cache.get('k9', async () => -9)).toBe(9);
		expect(cache.size).toBe(3);
	});

	test('rejects meaningless bounds', () => {
		expect(() => new TtlCache({ maxEntries: 0, ttlMs: 1 })).toThrow(RangeError);
		expect(() => new TtlCache({ maxEntries: 1, ttlMs: 0 })).toThrow(RangeError);
	});
});
