import { parseHttpUrl, parseUrl } from '../../../../nodes/AdobeIoEvents/shared/url';

describe('parseUrl / parseHttpUrl', () => {
	it('parse absolute URLs and return undefined for anything else', () => {
		expect(parseUrl('https://example.com/a?b=1')?.pathname).toBe('/a');
		expect(parseUrl('ftp://example.com/')?.protocol).toBe('ftp:');
		expect(parseUrl('/relative')).toBeUndefined();
		expect(parseUrl('not a url')).toBeUndefined();
		expect(parseUrl(42)).toBeUndefined();
		expect(parseUrl(undefined)).toBeUndefined();
	});

	it('parseHttpUrl accepts http and https only', () => {
		expect(parseHttpUrl('http://127.0.0.1:8080/')?.port).toBe('8080');
		expect(parseHttpUrl('https://example.com')?.origin).toBe('https://example.com');
		expect(parseHttpUrl('ftp://example.com/')).toBeUndefined();
		expect(parseHttpUrl('javascript:alert(1)')).toBeUndefined();
		expect(parseHttpUrl('')).toBeUndefined();
	});
});
