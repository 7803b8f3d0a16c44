import {
	challengeResponseBody,
	checkValidationUrl,
	extractValidationUrl,
	MAX_CHALLENGE_LENGTH,
	parseChallenge,
} from '../../../../nodes/AdobeIoEvents/webhook/challenge';

describe('challenge', () => {
	it('echoes a normal challenge', () => {
		const value = '8ec8d794-e0ab-42df-9017-e3dada8e84f7';
		expect(parseChallenge({ challenge: value })).toEqual({ ok: true, value });
		expect(challengeResponseBody(value)).toEqual({ challenge: value });
	});

	it('limits length and characters', () => {
		expect(parseChallenge({ challenge: 'a'.repeat(MAX_CHALLENGE_LENGTH) }).ok).toBe(true);
		expect(parseChallenge({ challenge: 'a'.repeat(MAX_CHALLENGE_LENGTH + 1) })).toEqual({
			ok: false,
			reason: 'too-long',
		});
		for (const bad of ['<script>alert(1)</script>', 'a b', 'a\nb', '"quoted"', 'ü', 'a&b=c']) {
			expect(parseChallenge({ challenge: bad })).toEqual({
				ok: false,
				reason: 'invalid-characters',
			});
		}
	});

	it('refuses missing, repeated and structured values', () => {
		expect(parseChallenge({})).toEqual({ ok: false, reason: 'missing' });
		expect(parseChallenge(undefined)).toEqual({ ok: false, reason: 'missing' });
		expect(parseChallenge({ challenge: '' })).toEqual({ ok: false, reason: 'missing' });
		expect(parseChallenge({ challenge: ['a', 'b'] })).toEqual({ ok: false, reason: 'duplicate' });
		expect(parseChallenge({ challenge: { a: 1 } })).toEqual({
			ok: false,
			reason: 'invalid-characters',
		});
	});
});

describe('async validation URL', () => {
	it('extracts validationUrl only from an object', () => {
		expect(extractValidationUrl({ validationUrl: 'https://csm.adobe.io/x' })).toBe(
			'https://csm.adobe.io/x',
		);
		expect(extractValidationUrl([{ validationUrl: 'x' }])).toBeUndefined();
		expect(extractValidationUrl({ validationUrl: 5 })).toBeUndefined();
		expect(extractValidationUrl(null)).toBeUndefined();
	});

	it('accepts https://csm.adobe.io only', () => {
		expect(
			checkValidationUrl('https://csm.adobe.io/csm/registrations/validate?id=1&challenge=2'),
		).toEqual({
			ok: true,
			url: 'https://csm.adobe.io/csm/registrations/validate?id=1&challenge=2',
		});
		for (const bad of [
			'http://csm.adobe.io/x',
			'https://csm.adobe.io.evil.example/x',
			'https://evil.example/csm.adobe.io',
			'https://csm.adobe.io@evil.example/x',
			'https://user:pw@csm.adobe.io/x',
			'https://csm.adobe.io:8443/x',
			'https://127.0.0.1/x',
			'file:///etc/passwd',
			'not a url',
			'',
			`https://csm.adobe.io/${'a'.repeat(3000)}`,
		]) {
			expect(checkValidationUrl(bad).ok).toBe(false);
		}
	});

	it('accepts the credential custom API origin, nothing else', () => {
		expect(
			checkValidationUrl('http://127.0.0.1:5000/csm/validate?id=1', 'http://127.0.0.1:5000').ok,
		).toBe(true);
		expect(
			checkValidationUrl('http://127.0.0.1:5001/csm/validate', 'http://127.0.0.1:5000').ok,
		).toBe(false);
		expect(checkValidationUrl('http://127.0.0.1:5000/x', 'garbage').ok).toBe(false);
	});
});
