import {
	challengeResponseBody,
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

describe('async validation URL (the policy: transport/hosts.test.ts)', () => {
	it('extracts validationUrl only from an object', () => {
		expect(extractValidationUrl({ validationUrl: 'https://csm.adobe.io/x' })).toBe(
			'https://csm.adobe.io/x',
		);
		expect(extractValidationUrl([{ validationUrl: 'x' }])).toBeUndefined();
		expect(extractValidationUrl({ validationUrl: 5 })).toBeUndefined();
		expect(extractValidationUrl(null)).toBeUndefined();
	});
});
