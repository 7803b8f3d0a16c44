import { getHeader, headerValue } from '../../../../nodes/AdobeIoEvents/transport';

describe('answer headers (getHeader / headerValue)', () => {
	it('finds a header in any case and keeps repeated values as an array', () => {
		expect(getHeader({ 'Retry-After': 10 }, 'retry-after')).toBe(10);
		expect(getHeader({ link: ['</a>; rel="next"', '</b>; rel="self"'] }, 'Link')).toEqual([
			'</a>; rel="next"',
			'</b>; rel="self"',
		]);
		expect(getHeader(null, 'x')).toBeUndefined();
		expect(getHeader('not headers', 'x')).toBeUndefined();
		expect(getHeader({ x: { nested: true } }, 'x')).toBeUndefined();
	});

	it('headerValue: one string, the first of repeated values', () => {
		expect(headerValue({ 'X-Request-Id': 'req-1' }, 'x-request-id')).toBe('req-1');
		expect(headerValue({ 'retry-after': 5 }, 'Retry-After')).toBe('5');
		expect(headerValue({ 'x-conflicting-id': ['a', 'b'] }, 'x-conflicting-id')).toBe('a');
		expect(headerValue({ 'x-conflicting-id': [] }, 'x-conflicting-id')).toBeUndefined();
		expect(headerValue(undefined, 'x')).toBeUndefined();
	});
});
