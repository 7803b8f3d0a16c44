import { PublicKeyCache } from '../../../../nodes/AdobeIoEvents/webhook/keyCache';
import {
	verifyDeliverySignature,
	type SignatureMode,
} from '../../../../nodes/AdobeIoEvents/webhook/verify';
import {
	cloudEvent,
	KEY_BASE,
	PATH_ONE,
	PATH_TWO,
	keyPairs,
	signBytes,
	signedHeaders,
	hmacSignature,
} from './fixtures';

describe('verifyDeliverySignature', () => {
	const [k1, k2, other] = keyPairs(3);
	const body = Buffer.from(JSON.stringify(cloudEvent()));
	const secret = 'client-secret-xyz';

	function keyHost(overrides: Record<string, string | null | Error> = {}) {
		const served: Record<string, string | null | Error> = {
			[`${KEY_BASE}${PATH_ONE}`]: k1.publicPem,
			[`${KEY_BASE}${PATH_TWO}`]: k2.publicPem,
			...overrides,
		};
		const fetched: string[] = [];
		const cache = new PublicKeyCache().source(async (url) => {
			fetched.push(url);
			const v = served[url];
			if (v instanceof Error) throw v;
			return v === undefined ? null : v;
		});
		return { cache, fetched };
	}

	const run = (
		headers: Record<string, string | string[]>,
		mode: SignatureMode = 'digital',
		keys = keyHost().cache,
		b = body,
	) =>
		verifyDeliverySignature({
			body: b,
			headers,
			mode,
			keys,
			keyBaseUrl: KEY_BASE,
			clientSecret: secret,
		});

	it('accepts a correctly signed delivery and caches the keys', async () => {
		const host = keyHost();
		expect(await run(signedHeaders(body, [k1, k2]), 'digital', host.cache)).toEqual({
			ok: true,
			method: 'digital',
		});
		expect(await run(signedHeaders(body, [k1, k2]), 'digital', host.cache)).toEqual({
			ok: true,
			method: 'digital',
		});
		expect(host.fetched).toEqual([`${KEY_BASE}${PATH_ONE}`]);
	});

	it('accepts when only signature 2 is valid (key rotation)', async () => {
		const headers = signedHeaders(body, [other, k2]);
		expect(await run(headers)).toEqual({ ok: true, method: 'digital' });
	});

	it('accepts when signature 1 is valid and key 2 is unreachable', async () => {
		const host = keyHost({ [`${KEY_BASE}${PATH_TWO}`]: new Error('ECONNRESET') });
		expect(await run(signedHeaders(body, [k1, other]), 'digital', host.cache)).toMatchObject({
			ok: true,
		});
	});

	it('vouches for the key path a verified delivery did not need (cached or fetched), never for one it did', async () => {
		const vouched: string[] = [];
		const host = keyHost();
		const keys = { ...host.cache, vouch: (url: string) => vouched.push(url) };
		// key 1 fetched and verified: key 2 (not cached) is vouched for
		expect(await run(signedHeaders(body, [k1, k2]), 'digital', keys)).toMatchObject({ ok: true });
		expect(vouched).toEqual([`${KEY_BASE}${PATH_TWO}`]);
		// hot path: key 1 cached and verified: key 2 is still not cached, vouched again
		expect(await run(signedHeaders(body, [k1, k2]), 'digital', keys)).toMatchObject({ ok: true });
		expect(vouched).toEqual([`${KEY_BASE}${PATH_TWO}`, `${KEY_BASE}${PATH_TWO}`]);
		// nothing is vouched for by a delivery that does not verify
		await run(
			signedHeaders(body, [other, other], [PATH_ONE, '/prod/keys/pub-key-x.pem']),
			'digital',
			keys,
		);
		expect(vouched).toHaveLength(2);
	});

	it('a key lookup the caller skipped (mayFetch false) is a 401, not a 503', async () => {
		const cache = new PublicKeyCache();
		const keys = cache.source(async () => k1.publicPem, { mayFetch: () => false });
		const verdict = await run(signedHeaders(body, [k1, k2]), 'digital', keys);
		expect(verdict).toMatchObject({ ok: false, status: 401 });
		expect(cache.fetchCount).toBe(0);
	});

	it('401 when both signatures are wrong (forged)', async () => {
		expect(await run(signedHeaders(body, [other, other]))).toMatchObject({
			ok: false,
			status: 401,
		});
	});

	it('401 when the body was tampered with', async () => {
		const headers = signedHeaders(body, [k1, k2]);
		const tampered = Buffer.from(body.toString().replace('/a/b.jpg', '/a/c.jpg'));
		expect(await run(headers, 'digital', keyHost().cache, tampered)).toMatchObject({
			ok: false,
			status: 401,
		});
	});

	it('401 when unsigned, or when headers are duplicated', async () => {
		expect(await run({})).toMatchObject({ ok: false, status: 401 });
		const h = signedHeaders(body, [k1, k2]);
		const dup: Record<string, string | string[]> = {
			...h,
			'x-adobe-digital-signature-1': [
				h['x-adobe-digital-signature-1'],
				h['x-adobe-digital-signature-1'],
			],
			'x-adobe-digital-signature-2': `${h['x-adobe-digital-signature-2']}, ${h['x-adobe-digital-signature-2']}`,
		};
		expect(await run(dup)).toMatchObject({ ok: false, status: 401 });
	});

	it('accepts header case variants', async () => {
		const h = signedHeaders(body, [k1, k2]);
		const upper = Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toUpperCase(), v]));
		expect(await run(upper)).toMatchObject({ ok: true });
	});

	it('401 for key paths off the pinned host, and never fetches them', async () => {
		const host = keyHost();
		for (const path of [
			'@evil.example/x.pem',
			'/prod/keys/../../x.pem',
			'https://evil.example/prod/keys/pub-key-a.pem',
		]) {
			const headers = signedHeaders(body, [k1, k2], [path, path]);
			expect(await run(headers, 'digital', host.cache)).toMatchObject({ ok: false, status: 401 });
		}
		expect(host.fetched).toEqual([]);
	});

	it('401 when the key does not exist on the key host', async () => {
		const headers = signedHeaders(
			body,
			[k1, k2],
			['/prod/keys/pub-key-nope1.pem', '/prod/keys/pub-key-nope2.pem'],
		);
		expect(await run(headers)).toMatchObject({ ok: false, status: 401 });
	});

	it('503 when the key host is unreachable and nothing verified', async () => {
		const host = keyHost({
			[`${KEY_BASE}${PATH_ONE}`]: new Error('ETIMEDOUT'),
			[`${KEY_BASE}${PATH_TWO}`]: new Error('ETIMEDOUT'),
		});
		expect(await run(signedHeaders(body, [k1, k2]), 'digital', host.cache)).toMatchObject({
			ok: false,
			status: 503,
		});
	});

	it('hmac mode: accepts the legacy signature, rejects wrong/missing/duplicated', async () => {
		const sig = hmacSignature(body, secret);
		expect(await run({ 'x-adobe-signature': sig }, 'hmac')).toEqual({ ok: true, method: 'hmac' });
		expect(await run({ 'x-adobe-signature': hmacSignature(body, 'nope') }, 'hmac')).toMatchObject({
			status: 401,
		});
		expect(await run({}, 'hmac')).toMatchObject({ status: 401 });
		expect(await run({ 'x-adobe-signature': [sig, sig] }, 'hmac')).toMatchObject({ status: 401 });
		// digital signatures alone do not satisfy hmac mode
		expect(await run(signedHeaders(body, [k1, k2]), 'hmac')).toMatchObject({ status: 401 });
		const noSecret = await verifyDeliverySignature({
			body,
			headers: { 'x-adobe-signature': sig },
			mode: 'hmac',
			keys: keyHost().cache,
		});
		expect(noSecret).toMatchObject({ ok: false, status: 401 });
	});

	it('either mode: one valid method is enough; transient digital failure without hmac → 503', async () => {
		expect(await run({ 'x-adobe-signature': hmacSignature(body, secret) }, 'either')).toEqual({
			ok: true,
			method: 'hmac',
		});
		expect(await run(signedHeaders(body, [k1, k2]), 'either')).toEqual({
			ok: true,
			method: 'digital',
		});
		expect(await run({ 'x-adobe-signature': 'AAAA' }, 'either')).toMatchObject({
			ok: false,
			status: 401,
		});
		const down = keyHost({
			[`${KEY_BASE}${PATH_ONE}`]: new Error('down'),
			[`${KEY_BASE}${PATH_TWO}`]: new Error('down'),
		});
		expect(await run(signedHeaders(body, [k1, k2]), 'either', down.cache)).toMatchObject({
			ok: false,
			status: 503,
		});
	});

	it('none mode accepts anything (the node warns loudly about it)', async () => {
		expect(await run({}, 'none')).toEqual({ ok: true, method: 'none' });
	});

	it('signatures are over bytes: the same JSON re-serialised does not verify', async () => {
		const pretty = Buffer.from(JSON.stringify(cloudEvent(), null, 2));
		const headers = signedHeaders(body, [k1, k2]);
		expect(await run(headers, 'digital', keyHost().cache, pretty)).toMatchObject({ status: 401 });
		const sig = signBytes(pretty, k1.privateKey);
		expect(
			await run(
				{ ...headers, 'x-adobe-digital-signature-1': sig },
				'digital',
				keyHost().cache,
				pretty,
			),
		).toMatchObject({ ok: true });
	});
});
