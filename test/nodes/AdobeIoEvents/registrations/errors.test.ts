/**
 * The registrations module's error readers and its failure table (pure).
 */
import {
	adobeBodyText,
	classifyRegistrationFailure,
	conflictingIdOf,
	httpCodeOf,
	REGISTRATION_FAILURE_RULES,
	type RegistrationFailure,
} from '../../../../nodes/AdobeIoEvents/registrations/errors';

/** A transport-shaped error: httpCode + Adobe's body in context.data. */
function failure(httpCode: string | undefined, body: Record<string, unknown> = {}, extra = {}) {
	return Object.assign(new Error('our message'), { httpCode, context: { data: body }, ...extra });
}

describe('httpCodeOf', () => {
	it('reads the status as a string, undefined without an answer', () => {
		expect(httpCodeOf(failure('404'))).toBe('404');
		expect(httpCodeOf({ httpCode: 409 })).toBe('409');
		expect(httpCodeOf({ httpCode: null })).toBeUndefined();
		expect(httpCodeOf(new Error('x'))).toBeUndefined();
		expect(httpCodeOf('404')).toBeUndefined();
	});
});

describe('conflictingIdOf', () => {
	it('prefers the transport context, then the wording', () => {
		expect(conflictingIdOf({ context: { conflictingId: 'reg-abcdef' } })).toBe('reg-abcdef');
		expect(conflictingIdOf({ conflictingId: 'reg-abcdef' })).toBe('reg-abcdef');
		expect(conflictingIdOf({ description: 'It exists (conflicting ID reg-123456)' })).toBe(
			'reg-123456',
		);
		expect(conflictingIdOf({ message: 'conflicting_id: 1234567' })).toBe('1234567');
		expect(conflictingIdOf({ message: 'conflicting-id=abcdef1' })).toBe('abcdef1');
		expect(conflictingIdOf({ message: 'conflictingId abcdef1' })).toBe('abcdef1');
	});

	it('the separator is a space, underscore or dash — not any character from space to underscore', () => {
		// The journal trigger's former copy used [ -_], a character RANGE (0x20–0x5F): it read ids
		// out of texts such as these, which do not name a conflicting id at all.
		expect(conflictingIdOf({ description: 'conflicting@id 1234567' })).toBeUndefined();
		expect(conflictingIdOf({ description: 'no conflicting.id-something here' })).toBeUndefined();
		expect(conflictingIdOf({ description: 'conflicting5id 1234567' })).toBeUndefined();
	});

	it('ids are 6 to 64 safe characters', () => {
		expect(conflictingIdOf({ message: 'conflicting id abc' })).toBeUndefined();
		expect(conflictingIdOf({ message: `conflicting id ${'a'.repeat(70)}` })).toBe('a'.repeat(64));
	});
});

describe('adobeBodyText', () => {
	it("joins only Adobe's own words from the body", () => {
		expect(adobeBodyText(failure('400', { message: 'm', reason: 'r', url: '/events/x' }))).toBe(
			'm — r',
		);
		expect(adobeBodyText(new Error('no body'))).toBe('');
	});
});

describe('classifyRegistrationFailure: one row per category', () => {
	const cases: Array<[string, unknown, RegistrationFailure]> = [
		['no answer', failure(undefined), 'transient'],
		['429', failure('429', { message: 'Too many requests' }), 'transient'],
		['503', failure('503', { message: 'event provider down' }), 'transient'],
		['401', failure('401'), 'permission'],
		['403', failure('403', { message: 'webhook not allowed' }), 'permission'],
		[
			'409 with id',
			failure('409', {}, { context: { data: {}, conflictingId: 'reg-123456' } }),
			'name-taken',
		],
		[
			'409 quota',
			failure('409', { message: 'Maximum number of registrations (30) reached' }),
			'quota',
		],
		['409 other', failure('409', { message: 'being changed' }), 'conflict'],
		['400 webhook', failure('400', { reason: 'Webhook is invalid' }), 'challenge'],
		[
			'400 event',
			failure('400', { message: 'Invalid Event of Interest, no matching Event x' }),
			'unknown-event',
		],
		['404 provider', failure('404', { message: 'provider p not found' }), 'unknown-event'],
		['404', failure('404', { message: 'nothing here' }), 'not-found'],
		[
			'400 other',
			failure('400', { message: 'name must not contain control characters' }),
			'rejected',
		],
		[
			'our URL is not Adobe speaking',
			failure('400', {}, { description: 'HTTP 400 from POST /events/1/2/3/registrations' }),
			'rejected',
		],
	];
	it.each(cases)('%s', (_label, error, expected) => {
		expect(classifyRegistrationFailure(error)).toBe(expected);
	});

	it('every category of the table is reached by a case above', () => {
		const reached = new Set(cases.map(([, , category]) => category));
		for (const rule of REGISTRATION_FAILURE_RULES) expect(reached).toContain(rule.category);
	});
});
