import { headerValue, readHeader } from '../../../../nodes/AdobeIoEvents/webhook/headers';

describe('readHeader', () => {
	it('is case-insensitive and trims', () => {
		expect(readHeader({ 'X-Adobe-Signature': ' abc ' }, 'x-adobe-signature')).toEqual({
			state: 'present',
			value: 'abc',
		});
	});
	it('reports duplicates from arrays and from case variants', () => {
		expect(readHeader({ a: ['1', '2'] }, 'a')).toEqual({ state: 'duplicate' });
		expect(readHeader({ a: '1', A: '2' }, 'a')).toEqual({ state: 'duplicate' });
		expect(readHeader({ a: ['1'] }, 'a')).toEqual({ state: 'present', value: '1' });
	});
	it('reports missing for absent, empty and undefined values', () => {
		expect(readHeader(undefined, 'a')).toEqual({ state: 'missing' });
		expect(readHeader({ a: '' }, 'a')).toEqual({ state: 'missing' });
		expect(readHeader({ a: [] }, 'a')).toEqual({ state: 'missing' });
		expect(readHeader({ a: undefined }, 'a')).toEqual({ state: 'missing' });
		expect(headerValue({ b: 'x' }, 'a')).toBeUndefined();
	});
});
