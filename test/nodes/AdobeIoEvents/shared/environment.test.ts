import { ENVIRONMENT_URLS } from '../../../../nodes/AdobeIoEvents/shared/constants';
import { resolveBaseUrls, resolveImsUrl } from '../../../../nodes/AdobeIoEvents/shared/environment';
import { buildS2STokenForm, describeImsError } from '../../../../nodes/AdobeIoEvents/shared/ims';

describe('environment → base URLs', () => {
	it('maps production (default) and stage', () => {
		expect(resolveBaseUrls({})).toEqual(ENVIRONMENT_URLS.production);
		expect(resolveBaseUrls({ environment: 'stage' })).toEqual({
			ims: 'https://ims-na1-stg1.adobelogin.com',
			api: 'https://api-stage.adobe.io',
			ingress: 'https://eventsingress-stage.adobe.io',
			publicKey: 'https://static.adobeioevents.com',
		});
	});

	it('uses the custom URLs, trimmed and without trailing slashes', () => {
		expect(
			resolveBaseUrls({
				environment: 'custom',
				imsUrl: ' http://127.0.0.1:1/ ',
				apiUrl: 'http://127.0.0.1:2//',
				ingressUrl: 'https://gw.example.com/ingress',
				publicKeyUrl: 'http://127.0.0.1:4',
			}),
		).toEqual({ ims: 'http://127.0.0.1:1', api: 'http://127.0.0.1:2', ingress: 'https://gw.example.com/ingress', publicKey: 'http://127.0.0.1:4' });
	});

	it('names the missing or invalid custom URL field', () => {
		const custom = { environment: 'custom', imsUrl: 'http://a', apiUrl: 'http://b', ingressUrl: 'http://c', publicKeyUrl: 'http://d' };
		expect(() => resolveBaseUrls({ ...custom, ingressUrl: '' })).toThrow(/"Ingress \(Publishing\) URL" is empty/);
		expect(() => resolveBaseUrls({ ...custom, publicKeyUrl: 'ftp://x' })).toThrow(/"Public Key Host URL" must be an absolute http\(s\) URL/);
		expect(() => resolveImsUrl({ environment: 'custom' })).toThrow(/"IMS URL" is empty/);
		expect(resolveImsUrl({ environment: 'custom', imsUrl: 'http://x/' })).toBe('http://x');
	});

	it('takes the optional Journal URL of the Custom environment (empty: none)', () => {
		const custom = { environment: 'custom', imsUrl: 'http://a', apiUrl: 'http://b', ingressUrl: 'http://c', publicKeyUrl: 'http://d' };
		expect(resolveBaseUrls(custom).journal).toBeUndefined();
		expect(resolveBaseUrls({ ...custom, journalUrl: '  ' }).journal).toBeUndefined();
		expect(resolveBaseUrls({ ...custom, journalUrl: ' http://127.0.0.1:9104/ ' }).journal).toBe('http://127.0.0.1:9104');
		expect(() => resolveBaseUrls({ ...custom, journalUrl: 'ftp://x' })).toThrow(/"Journal URL" must be an absolute http\(s\) URL/);
		// Production/Stage ignore it
		expect(resolveBaseUrls({ environment: 'production', journalUrl: 'http://x' }).journal).toBeUndefined();
	});
});

describe('IMS helpers', () => {
	it('builds the client_credentials form', () => {
		const form = buildS2STokenForm({ clientId: ' id ', clientSecret: 's', scopes: 'a b,c' });
		expect(form.toString()).toBe('grant_type=client_credentials&client_id=id&client_secret=s&scope=a%2Cb%2Cc');
	});

	it('describes IMS errors by code and status', () => {
		expect(describeImsError(400, { error: 'invalid_scope' }, 'jwt')).toMatch(/Metascopes/);
		expect(describeImsError(400, { error: 'invalid_scope' }, 'oauthS2S')).toMatch(/Scopes/);
		expect(describeImsError(400, '{"error":"invalid_token","error_description":"exp"}', 'jwt')).toMatch(/Technical Account ID/);
		expect(describeImsError(503, '', 'oauthS2S')).toMatch(/unavailable/);
		expect(describeImsError(404, '<html>', 'oauthS2S')).toMatch(/IMS URL/);
		expect(describeImsError(418, { error: 'teapot' }, 'oauthS2S')).toMatch(/refused the token request \(IMS answered HTTP 418 teapot\)/);
	});
});
