import fc from 'fast-check';
import {
	normaliseKeyBaseUrl,
	resolveKeyUrl,
} from '../../../../nodes/AdobeIoEvents/webhook/keyPath';

describe('key path validation', () => {
	it('accepts /prod and /stage key paths on the pinned host', () => {
		expect(resolveKeyUrl('/prod/keys/pub-key-lyTiz3gQe4.pem')).toEqual({
			ok: true,
			url: 'https://static.adobeioevents.com/prod/keys/pub-key-lyTiz3gQe4.pem',
		});
		expect(
			resolveKeyUrl('/stage/keys/pub-key-0f8c5b0e-1c9a-4b5e-8a55-3f8e4f1d2c3b.pem'),
		).toMatchObject({ ok: true });
	});

	it('uses the configured (credential) key host, with an optional path prefix', () => {
		expect(resolveKeyUrl('/prod/keys/pub-key-abc.pem', 'http://127.0.0.1:4567')).toEqual({
			ok: true,
			url: 'http://127.0.0.1:4567/prod/keys/pub-key-abc.pem',
		});
		expect(resolveKeyUrl('/prod/keys/pub-key-abc.pem', 'https://keys.example.com/mirror/')).toEqual(
			{
				ok: true,
				url: 'https://keys.example.com/mirror/prod/keys/pub-key-abc.pem',
			},
		);
	});

	it.each([
		'@evil.example/x.pem',
		'@evil.example/prod/keys/pub-key-abc.pem',
		'/prod/keys/../keys/pub-key-abc.pem',
		'/prod/keys/pub-key-../../x.pem',
		'/../prod/keys/pub-key-abc.pem',
		'http://evil.example/prod/keys/pub-key-abc.pem',
		'https://static.adobeioevents.com/prod/keys/pub-key-abc.pem',
		'//evil.example/prod/keys/pub-key-abc.pem',
		'prod/keys/pub-key-abc.pem',
		'/prod/keys/pub-key-abc.pem?x=1',
		'/prod/keys/pub-key-abc.pem#frag',
		'/prod/keys/pub-key-a%2e.pem',
		'/prod/keys/pub-key-abc.pem/',
		'/prod/keys/pub-key-.pem',
		'/dev/keys/pub-key-abc.pem',
		'/prod/keys/pub-key-abc.PEM',
		'/prod/keys/pub-key-abc.pem\n',
		'/prod/keys/pub-key-ab\\c.pem',
		`/prod/keys/pub-key-${'a'.repeat(65)}.pem`,
		'',
	])('rejects %j', (path) => {
		expect(resolveKeyUrl(path).ok).toBe(false);
	});

	it('rejects non-string input', () => {
		expect(resolveKeyUrl(undefined as unknown as string).ok).toBe(false);
	});

	it('never leaves the pinned host for any input (property)', () => {
		fc.assert(
			fc.property(fc.string({ maxLength: 120 }), (suffix) => {
				for (const path of [suffix, `/prod/keys/${suffix}`, `/prod/keys/pub-key-${suffix}.pem`]) {
					const r = resolveKeyUrl(path);
					if (r.ok) {
						const u = new URL(r.url);
						expect(u.origin).toBe('https://static.adobeioevents.com');
						expect(u.pathname).toMatch(/^\/(prod|stage)\/keys\/pub-key-[A-Za-z0-9_-]+\.pem$/);
					}
				}
			}),
			{ numRuns: 500 },
		);
	});

	it('refuses unusable key host configuration', () => {
		expect(normaliseKeyBaseUrl('ftp://x')).toBeUndefined();
		expect(normaliseKeyBaseUrl('https://user:pw@x.example')).toBeUndefined();
		expect(normaliseKeyBaseUrl('https://x.example?q=1')).toBeUndefined();
		expect(normaliseKeyBaseUrl('not a url')).toBeUndefined();
		expect(resolveKeyUrl('/prod/keys/pub-key-abc.pem', 'not a url').ok).toBe(false);
	});
});
