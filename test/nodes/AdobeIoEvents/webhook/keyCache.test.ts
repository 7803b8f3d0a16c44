import { generateKeyPairSync } from 'node:crypto';
import {
	MAX_KEY_TTL_MS,
	parsePublicKeyPem,
	PublicKeyCache,
	type PemFetcher,
} from '../../../../nodes/AdobeIoEvents/webhook/keyCache';
import { keyPairs } from './fixtures';

function clock(start = 5_000_000) {
	let t = start;
	return { now: () => t, advance: (ms: number) => (t += ms) };
}

function deferred<T>() {
	let resolve!: (v: T) => void;
	let reject!: (e: unknown) => void;
	const promise = new Promise<T>((res, rej) => {
		resolve = res;
		reject = rej;
	});
	return { promise, resolve, reject };
}

describe('parsePublicKeyPem', () => {
	const [a] = keyPairs(1);
	it('parses an SPKI RSA key', () => {
		const r = parsePublicKeyPem(a.publicPem);
		expect(r.ok).toBe(true);
	});
	it('rejects garbage, EC keys, short RSA keys and oversized files', () => {
		expect(parsePublicKeyPem('<html>error</html>')).toMatchObject({ ok: false });
		expect(
			parsePublicKeyPem('-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----'),
		).toMatchObject({ ok: false });
		const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' })
			.publicKey.export({ format: 'pem', type: 'spki' })
			.toString();
		expect(parsePublicKeyPem(ec)).toMatchObject({ ok: false, reason: 'not an RSA key' });
		const short = generateKeyPairSync('rsa', { modulusLength: 1024 })
			.publicKey.export({ format: 'pem', type: 'spki' })
			.toString();
		expect(parsePublicKeyPem(short)).toMatchObject({ ok: false });
		expect(parsePublicKeyPem(a.publicPem, { maxPemLength: 100 })).toMatchObject({
			ok: false,
			reason: 'key file too large',
		});
		expect(parsePublicKeyPem('')).toMatchObject({ ok: false });
	});
});

describe('PublicKeyCache', () => {
	const [a, b] = keyPairs(2);
	const urlA = 'https://static.adobeioevents.com/prod/keys/pub-key-a.pem';
	const urlB = 'https://static.adobeioevents.com/prod/keys/pub-key-b.pem';

	it('fetches once, then serves the parsed KeyObject from memory (peek is sync)', async () => {
		const fetchPem = jest.fn<ReturnType<PemFetcher>, Parameters<PemFetcher>>(
			async () => a.publicPem,
		);
		const cache = new PublicKeyCache();
		expect(cache.peek(urlA)).toBeUndefined();
		const first = await cache.get(urlA, fetchPem);
		expect(first.status).toBe('ok');
		const key = cache.peek(urlA);
		expect(key?.asymmetricKeyType).toBe('rsa');
		expect(await cache.get(urlA, fetchPem)).toEqual(first);
		expect(fetchPem).toHaveBeenCalledTimes(1);
	});

	it('shares one fetch between concurrent lookups of the same key', async () => {
		const d = deferred<string>();
		const fetchPem = jest.fn(() => d.promise);
		const cache = new PublicKeyCache();
		const lookups = Array.from({ length: 25 }, () => cache.get(urlA, fetchPem));
		expect(cache.fetchesInFlight).toBe(1);
		d.resolve(a.publicPem);
		const results = await Promise.all(lookups);
		expect(results.every((r) => r.status === 'ok')).toBe(true);
		expect(fetchPem).toHaveBeenCalledTimes(1);
		expect(cache.fetchesInFlight).toBe(0);
	});

	it('expires keys after the TTL, clamped to 24 h', async () => {
		const c = clock();
		const fetchPem = jest.fn(async () => a.publicPem);
		const cache = new PublicKeyCache({ ttlMs: 7 * MAX_KEY_TTL_MS, now: c.now });
		await cache.get(urlA, fetchPem);
		c.advance(MAX_KEY_TTL_MS - 1);
		expect(cache.peek(urlA)).toBeDefined();
		c.advance(1);
		expect(cache.peek(urlA)).toBeUndefined();
		await cache.get(urlA, fetchPem);
		expect(fetchPem).toHaveBeenCalledTimes(2);
	});

	it('holds at most maxEntries keys (least recently used evicted)', async () => {
		const fetchPem: PemFetcher = async (u) => (u.endsWith('b.pem') ? b.publicPem : a.publicPem);
		const cache = new PublicKeyCache({ maxEntries: 2 });
		await cache.get(urlA, fetchPem);
		await cache.get(urlB, fetchPem);
		cache.peek(urlA); // A is now most recently used
		await cache.get('https://static.adobeioevents.com/prod/keys/pub-key-c.pem', fetchPem);
		expect(cache.size).toBe(2);
		expect(cache.peek(urlA)).toBeDefined();
		expect(cache.peek(urlB)).toBeUndefined();
	});

	it('remembers not-found keys for the negative TTL only', async () => {
		const c = clock();
		const fetchPem = jest.fn(async () => null);
		const cache = new PublicKeyCache({ negativeTtlMs: 1000, now: c.now });
		expect(await cache.get(urlA, fetchPem)).toEqual({ status: 'not-found' });
		expect(await cache.get(urlA, fetchPem)).toEqual({ status: 'not-found' });
		expect(fetchPem).toHaveBeenCalledTimes(1);
		expect(cache.peek(urlA)).toBeUndefined();
		c.advance(1000);
		await cache.get(urlA, fetchPem);
		expect(fetchPem).toHaveBeenCalledTimes(2);
	});

	it('reports transient failures as unavailable and does not cache them', async () => {
		let fail = true;
		const fetchPem = jest.fn(async () => {
			if (fail) throw new Error('ECONNREFUSED');
			return a.publicPem;
		});
		const cache = new PublicKeyCache();
		expect(await cache.get(urlA, fetchPem)).toMatchObject({ status: 'unavailable' });
		fail = false;
		expect(await cache.get(urlA, fetchPem)).toMatchObject({ status: 'ok' });
	});

	it('treats an unusable PEM as unavailable (not cached)', async () => {
		const fetchPem = jest.fn(async () => '<html>gateway error</html>');
		const cache = new PublicKeyCache();
		expect(await cache.get(urlA, fetchPem)).toMatchObject({ status: 'unavailable' });
		expect(await cache.get(urlA, fetchPem)).toMatchObject({ status: 'unavailable' });
		expect(fetchPem).toHaveBeenCalledTimes(2);
	});

	it('bounds the number of different keys fetched at once', async () => {
		const pending: Array<ReturnType<typeof deferred<string>>> = [];
		const fetchPem = jest.fn(() => {
			const d = deferred<string>();
			pending.push(d);
			return d.promise;
		});
		const cache = new PublicKeyCache({ maxConcurrentFetches: 2 });
		const l1 = cache.get(`${urlA}1`, fetchPem);
		const l2 = cache.get(`${urlA}2`, fetchPem);
		expect(await cache.get(`${urlA}3`, fetchPem)).toMatchObject({ status: 'unavailable' });
		expect(fetchPem).toHaveBeenCalledTimes(2);
		pending.forEach((d) => d.resolve(a.publicPem));
		await Promise.all([l1, l2]);
		expect(cache.fetchesInFlight).toBe(0);
		const l3 = cache.get(`${urlA}3`, fetchPem);
		expect(fetchPem).toHaveBeenCalledTimes(3);
		pending[2].resolve(a.publicPem);
		expect(await l3).toMatchObject({ status: 'ok' });
	});

	describe('budget for never-seen key URLs (issue 22 #1)', () => {
		const junk = (scope: string, i: number) =>
			`https://static.adobeioevents.com/prod/keys/pub-key-${scope}${i}.pem`;
		const missing: PemFetcher = async () => null;

		it('each scope has its own budget (10 a minute by default); it refills after a minute', async () => {
			const c = clock();
			const cache = new PublicKeyCache({ now: c.now });
			const statuses: string[] = [];
			for (let i = 0; i < 12; i++) {
				statuses.push((await cache.get(junk('a', i), missing, { scope: 'a' })).status);
			}
			expect(statuses).toEqual([...Array(10).fill('not-found'), 'unavailable', 'unavailable']);
			expect(await cache.get(junk('a', 99), missing, { scope: 'a' })).toMatchObject({
				budgetExceeded: true,
			});
			// another scope is untouched
			expect(await cache.get(urlA, async () => a.publicPem, { scope: 'b' })).toMatchObject({
				status: 'ok',
			});
			c.advance(60_000);
			expect((await cache.get(junk('a', 50), missing, { scope: 'a' })).status).toBe('not-found');
		});

		it('the process total (60 a minute beyond the reserves) is reached and held; every scope keeps its reserve of 2', async () => {
			const c = clock();
			const cache = new PublicKeyCache({ now: c.now });
			let fetched = 0;
			const count: PemFetcher = async () => {
				fetched++;
				return null;
			};
			// 8 flooded scopes: each takes its reserve of 2, then from the total until 60 are spent
			// (7 × 8 + 4): the 8th stops at 6
			for (let s = 0; s < 8; s++)
				for (let i = 0; i < 10; i++) await cache.get(junk(`s${s}-`, i), count, { scope: `s${s}` });
			expect(fetched).toBe(8 * 2 + 60);
			// a quiet scope still fetches its 2 a minute (one delivery's two keys), then no more
			const quiet = [0, 1, 2].map(
				async (i) => (await cache.get(junk('quiet', i), count, { scope: 'quiet' })).status,
			);
			expect(await Promise.all(quiet)).toEqual(['not-found', 'not-found', 'unavailable']);
			expect(fetched).toBe(8 * 2 + 60 + 2);
		});

		it('vouched URLs come from their own budget (10 a minute), then from the scope’s', async () => {
			const c = clock();
			const cache = new PublicKeyCache({ now: c.now, newKeyFetchesPerMinute: 1 });
			for (let i = 0; i < 12; i++) cache.vouch(junk('v', i));
			const statuses: string[] = [];
			for (let i = 0; i < 12; i++)
				statuses.push((await cache.get(junk('v', i), missing, { scope: 'x' })).status);
			// 10 from the vouched budget, 1 from the scope's, then nothing
			expect(statuses).toEqual([...Array(11).fill('not-found'), 'unavailable']);
		});

		it('vouching is bounded (64 URLs, least recently vouched forgotten) and a verified key is never vouched', async () => {
			const c = clock();
			const cache = new PublicKeyCache({
				now: c.now,
				newKeyFetchesPerMinute: 1,
				reservedPerScope: 0,
			});
			await cache.get(urlA, async () => a.publicPem, { scope: 'x' });
			cache.vouch(urlA);
			for (let i = 0; i < 65; i++) cache.vouch(junk('w', i));
			// junk w0 was pushed out: it costs the scope's budget (spent by urlA) → unavailable
			expect((await cache.get(junk('w', 0), missing, { scope: 'x' })).status).toBe('unavailable');
			expect((await cache.get(junk('w', 64), missing, { scope: 'x' })).status).toBe('not-found');
		});

		it('mayFetch false: no fetch and no budget spent (skipped); cached keys and in-flight fetches are still used', async () => {
			const cache = new PublicKeyCache({ newKeyFetchesPerMinute: 1 });
			const fetchPem = jest.fn<ReturnType<PemFetcher>, Parameters<PemFetcher>>(
				async () => a.publicPem,
			);
			const no = { scope: 's', mayFetch: () => false };
			for (let i = 0; i < 50; i++)
				expect((await cache.get(junk('n', i), fetchPem, no)).status).toBe('skipped');
			expect(fetchPem).not.toHaveBeenCalled();
			expect((await cache.get(urlA, fetchPem, { scope: 's' })).status).toBe('ok');
			expect((await cache.get(urlA, fetchPem, no)).status).toBe('ok');
		});

		it('one scope holds at most 4 fetches in flight; others still fetch', async () => {
			const pending: Array<ReturnType<typeof deferred<string | null>>> = [];
			const slow: PemFetcher = () => {
				const d = deferred<string | null>();
				pending.push(d);
				return d.promise;
			};
			const cache = new PublicKeyCache();
			const held = [0, 1, 2, 3].map(
				async (i) => await cache.get(junk('h', i), slow, { scope: 'h' }),
			);
			expect(await cache.get(junk('h', 4), slow, { scope: 'h' })).toMatchObject({
				status: 'unavailable',
			});
			const other = cache.get(junk('o', 0), slow, { scope: 'o' });
			expect(cache.fetchesInFlight).toBe(5);
			pending.forEach((d) => d.resolve(null));
			await Promise.all([...held, other]);
			expect(cache.fetchesInFlight).toBe(0);
		});
	});

	it('clear() drops everything', async () => {
		const fetchPem: PemFetcher = async () => a.publicPem;
		const cache = new PublicKeyCache();
		await cache.get(urlA, fetchPem);
		cache.clear();
		expect(cache.size).toBe(0);
	});
});
