/**
 * THE URL policies (transport/hosts.ts), pure: where the access token may go, which public-key URL
 * and which validation URL may be opened. The callers are tested over HTTP in request.test.ts,
 * public.test.ts and the Watch Events handler tests.
 */
import {
	checkValidationUrl,
	isAllowedAdobeUrl,
	isAllowedPublicKeyUrl,
	isAllowedValidationUrl,
	type HostContext,
} from '../../../../nodes/AdobeIoEvents/transport';
import { ENVIRONMENT_URLS } from '../../../../nodes/AdobeIoEvents/shared/constants';
import { resolveKeyUrl } from '../../../../nodes/AdobeIoEvents/webhook/keyPath';

const production: HostContext = { environment: 'production', urls: ENVIRONMENT_URLS.production };
const stage: HostContext = { environment: 'stage', urls: ENVIRONMENT_URLS.stage };
const custom: HostContext = {
	environment: 'custom',
	urls: {
		ims: 'http://127.0.0.1:5001',
		api: 'http://127.0.0.1:5002',
		ingress: 'http://127.0.0.1:5003/ingress',
		publicKey: 'http://127.0.0.1:5005',
		journal: 'http://127.0.0.1:5004',
	},
};

describe('token policy: isAllowedAdobeUrl', () => {
	it('Production/Stage: https on adobe.io or a subdomain, default port, no userinfo', () => {
		for (const ctx of [production, stage]) {
			expect(isAllowedAdobeUrl('https://api.adobe.io/events/1/providers', ctx)).toBe(true);
			expect(isAllowedAdobeUrl('https://events-va6.adobe.io/events/organizations/1', ctx)).toBe(true);
			expect(isAllowedAdobeUrl('https://api.adobe.io:443/x', ctx)).toBe(true);
			expect(isAllowedAdobeUrl('http://api.adobe.io/x', ctx)).toBe(false);
			expect(isAllowedAdobeUrl('https://api.adobe.io:8443/x', ctx)).toBe(false);
			expect(isAllowedAdobeUrl('https://adobe.io.evil.com/x', ctx)).toBe(false);
			expect(isAllowedAdobeUrl('https://evil-adobe.io/x', ctx)).toBe(false);
			expect(isAllowedAdobeUrl('https://user:pw@api.adobe.io/x', ctx)).toBe(false);
			expect(isAllowedAdobeUrl('https://ims-na1.adobelogin.com/ims/token/v3', ctx)).toBe(false);
			expect(isAllowedAdobeUrl('https://static.adobeioevents.com/prod/keys/pub-key-a.pem', ctx)).toBe(false);
			expect(isAllowedAdobeUrl('not a url', ctx)).toBe(false);
		}
	});

	it('Custom: exactly the origins of the Events API, Ingress and Journal URLs', () => {
		expect(isAllowedAdobeUrl('http://127.0.0.1:5002/events/1/providers', custom)).toBe(true);
		expect(isAllowedAdobeUrl('http://127.0.0.1:5003/anything', custom)).toBe(true);
		expect(isAllowedAdobeUrl('http://127.0.0.1:5004/events/organizations/1', custom)).toBe(true);
		// same host name, other port or scheme: another service
		expect(isAllowedAdobeUrl('http://127.0.0.1:5999/events/1/providers', custom)).toBe(false);
		expect(isAllowedAdobeUrl('https://127.0.0.1:5002/events', custom)).toBe(false);
		expect(isAllowedAdobeUrl('http://127.0.0.1/events', custom)).toBe(false);
		expect(isAllowedAdobeUrl('http://localhost:5002/events', custom)).toBe(false);
		// IMS and the key host never get the token
		expect(isAllowedAdobeUrl('http://127.0.0.1:5001/ims/token/v3', custom)).toBe(false);
		expect(isAllowedAdobeUrl('http://127.0.0.1:5005/prod/keys/pub-key-a.pem', custom)).toBe(false);
		expect(isAllowedAdobeUrl('http://user:pw@127.0.0.1:5002/x', custom)).toBe(false);
		// without a Journal URL the journal must be on the API or ingress origin
		const noJournal: HostContext = { ...custom, urls: { ...custom.urls, journal: undefined } };
		expect(isAllowedAdobeUrl('http://127.0.0.1:5004/events/organizations/1', noJournal)).toBe(false);
	});
});

describe('public key policy: isAllowedPublicKeyUrl agrees with webhook/keyPath.ts', () => {
	it('accepts every URL keyPath builds on the pinned host, nothing off it', () => {
		for (const ctx of [production, custom]) {
			for (const path of ['/prod/keys/pub-key-voy5XEbWmT.pem', '/stage/keys/pub-key-0a_B-9.pem']) {
				const built = resolveKeyUrl(path, ctx.urls.publicKey);
				expect(built.ok).toBe(true);
				if (built.ok) expect(isAllowedPublicKeyUrl(built.url, ctx)).toBe(true);
			}
		}
		const prefixed: HostContext = { ...custom, urls: { ...custom.urls, publicKey: 'http://127.0.0.1:5005/keys-mirror' } };
		const built = resolveKeyUrl('/prod/keys/pub-key-a.pem', prefixed.urls.publicKey);
		expect(built).toEqual({ ok: true, url: 'http://127.0.0.1:5005/keys-mirror/prod/keys/pub-key-a.pem' });
		expect(isAllowedPublicKeyUrl('http://127.0.0.1:5005/keys-mirror/prod/keys/pub-key-a.pem', prefixed)).toBe(true);
		expect(isAllowedPublicKeyUrl('http://127.0.0.1:5005/prod/keys/pub-key-a.pem', prefixed)).toBe(false);
		expect(isAllowedPublicKeyUrl('http://127.0.0.1:5005/keys-mirror-2/prod/keys/pub-key-a.pem', prefixed)).toBe(false);
	});

	it('refuses other origins, userinfo, queries, fragments and traversal', () => {
		for (const url of [
			'https://static.adobeioevents.com.evil/prod/keys/x.pem',
			'http://static.adobeioevents.com/prod/keys/x.pem',
			'https://static.adobeioevents.com:8443/prod/keys/x.pem',
			'https://u:p@static.adobeioevents.com/prod/keys/x.pem',
			'https://static.adobeioevents.com/prod/keys/x.pem?x=1',
			'https://static.adobeioevents.com/prod/keys/x.pem#f',
			'https://static.adobeioevents.com/prod//keys/x.pem',
		]) {
			expect(isAllowedPublicKeyUrl(url, production)).toBe(false);
		}
	});
});

describe('validation URL policy: checkValidationUrl', () => {
	it('Production/Stage: https://csm.adobe.io only', () => {
		for (const ctx of [production, stage]) {
			expect(checkValidationUrl('https://csm.adobe.io/csm/registrations/validate?id=1&challenge=2', ctx)).toEqual({
				ok: true,
				url: 'https://csm.adobe.io/csm/registrations/validate?id=1&challenge=2',
			});
			expect(checkValidationUrl('https://csm.adobe.io:443/x', ctx).ok).toBe(true);
			for (const bad of [
				'http://csm.adobe.io/x',
				'https://csm.adobe.io.evil.example/x',
				'https://evil.example/csm.adobe.io',
				'https://csm.adobe.io@evil.example/x',
				'https://user:pw@csm.adobe.io/x',
				'https://csm.adobe.io:8443/x',
				// other adobe.io hosts may get the token, but are no validation hosts
				'https://api.adobe.io/x',
				'https://events-va6.adobe.io/x',
				'https://127.0.0.1/x',
				'file:///etc/passwd',
				'not a url',
				'',
				`https://csm.adobe.io/${'a'.repeat(3000)}`,
			]) {
				expect(checkValidationUrl(bad, ctx).ok).toBe(false);
				expect(isAllowedValidationUrl(bad, ctx)).toBe(false);
			}
			expect(checkValidationUrl(42, ctx)).toEqual({ ok: false, reason: 'empty' });
		}
	});

	it("Custom: the Events API origin only (not csm.adobe.io, not another port of the host)", () => {
		expect(checkValidationUrl('http://127.0.0.1:5002/csm/validate?id=1', custom).ok).toBe(true);
		expect(checkValidationUrl('http://127.0.0.1:5999/csm/validate', custom)).toEqual({
			ok: false,
			reason: "http://127.0.0.1:5999 is not the Custom environment's Events API origin",
		});
		for (const bad of [
			'https://csm.adobe.io/csm/registrations/validate',
			'http://127.0.0.1:5003/ingress/x',
			'http://127.0.0.1:5004/journal',
			'https://127.0.0.1:5002/x',
			'http://localhost:5002/x',
		]) {
			expect(checkValidationUrl(bad, custom).ok).toBe(false);
		}
		const broken: HostContext = { ...custom, urls: { ...custom.urls, api: 'garbage' } };
		expect(checkValidationUrl('http://127.0.0.1:5002/x', broken).ok).toBe(false);
	});
});
