import { EVENT_CODE_CACHE_LIMIT, EventCodeCache } from '../../../../nodes/AdobeIoEvents/actions/utils';

describe('EventCodeCache (per-execution, bounded)', () => {
	it('holds at most its limit and forgets the oldest provider first', () => {
		const cache = new EventCodeCache();
		expect(cache.limit).toBe(EVENT_CODE_CACHE_LIMIT);
		for (let i = 0; i < EVENT_CODE_CACHE_LIMIT; i++) cache.set(`p${i}`, new Set([`code${i}`]));
		expect(cache.size).toBe(EVENT_CODE_CACHE_LIMIT);
		expect(cache.get('p0')).toEqual(new Set(['code0']));

		cache.set('one-too-many', new Set(['x']));
		expect(cache.size).toBe(EVENT_CODE_CACHE_LIMIT);
		expect(cache.get('p0')).toBeUndefined();
		expect(cache.get('p1')).toEqual(new Set(['code1']));
		expect(cache.get('one-too-many')).toEqual(new Set(['x']));
	});

	it('re-setting a provider refreshes it instead of growing', () => {
		const cache = new EventCodeCache(2);
		cache.set('a', new Set(['1']));
		cache.set('b', new Set(['2']));
		cache.set('a', new Set(['3']));
		cache.set('c', new Set(['4']));
		expect(cache.size).toBe(2);
		expect(cache.get('b')).toBeUndefined();
		expect(cache.get('a')).toEqual(new Set(['3']));
	});
});
