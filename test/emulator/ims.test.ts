import { generateKeyPairSync } from 'node:crypto';
import { createServiceAccountJwt, startEmulator, type Emulator } from './src/index';
import { apiClient, http, s2sToken } from './helpers';

let emu: Emulator;
beforeAll(async () => {
	emu = await startEmulator();
});
afterAll(() => emu.close());

const form = (o: Record<string, string>) => ({ method: 'POST', body: new URLSearchParams(o), headers: { 'content-type': 'application/x-www-form-urlencoded' } });

describe('startEmulator / ready line', () => {
	test('six distinct loopback origins, deterministic credentials, PKCS#8 key', () => {
		const urls = Object.values(emu.urls);
		expect(new Set(urls).size).toBe(6);
		for (const u of urls) expect(u).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
		expect(emu.ready).toEqual({ ready: true, urls: emu.urls, credentials: emu.credentials });
		expect(emu.credentials.privateKey).toMatch(/^-----BEGIN PRIVATE KEY-----/);
		expect(emu.credentials.imsOrgId).toMatch(/@AdobeOrg$/);
	});

	test('credentials are overridable and consecutive ports are honoured', async () => {
		let other: Emulator | undefined;
		let base = 0;
		for (let attempt = 0; attempt < 10 && !other; attempt++) {
			base = 20_000 + Math.floor(Math.random() * 40_000);
			other = await startEmulator({ port: base, credentials: { clientId: 'my-client-id', consumerOrgId: '99' } }).catch((e: NodeJS.ErrnoException) => {
				if (e.code === 'EADDRINUSE') return undefined;
				return Promise.reject(e);
			});
		}
		if (!other) throw new Error('no free port block');
		try {
			expect(other.credentials.clientId).toBe('my-client-id');
			expect(other.credentials.consumerOrgId).toBe('99');
			expect(other.credentials.projectId).toBe(emu.credentials.projectId);
			expect(other.urls.ims).toBe(`http://127.0.0.1:${base}`);
			expect(other.urls.api).toBe(`http://127.0.0.1:${base + 1}`);
			expect(other.urls.control).toBe(`http://127.0.0.1:${base + 5}`);
		} finally {
			await other.close();
		}
	});
});

describe('IMS client_credentials', () => {
	test('v3 urlencoded returns a bearer JWT with expires_in in seconds', async () => {
		const res = await http(`${emu.urls.ims}/ims/token/v3`, form({ grant_type: 'client_credentials', client_id: emu.credentials.clientId, client_secret: emu.credentials.clientSecret, scope: 'openid,AdobeID,adobeio_api' }));
		expect(res.status).toBe(200);
		expect(res.headers.get('x-request-id')).toBeTruthy();
		const body = res.json<{ access_token: string; token_type: string; expires_in: number }>();
		expect(body.token_type).toBe('bearer');
		expect(body.expires_in).toBe(86399);
		const claims = JSON.parse(Buffer.from(body.access_token.split('.')[1], 'base64url').toString()) as Record<string, string>;
		expect(Number(claims.expires_in)).toBe(86_400_000); // aio-lib-ims reads created_at + expires_in (ms)
		expect(claims.client_id).toBe(emu.credentials.clientId);
	});

	test('v2 multipart/form-data (aio-lib-ims style) works', async () => {
		const fd = new FormData();
		fd.set('grant_type', 'client_credentials');
		fd.set('client_id', emu.credentials.clientId);
		fd.set('client_secret', emu.credentials.clientSecret);
		fd.set('org_id', emu.credentials.imsOrgId);
		fd.set('scope', 'adobeio_api,openid');
		const res = await http(`${emu.urls.ims}/ims/token/v2`, { method: 'POST', body: fd });
		expect(res.status).toBe(200);
		expect(res.json().access_token).toBeTruthy();
	});

	test.each([
		[{ grant_type: 'client_credentials', client_secret: 'x' }, 400, 'invalid_client'],
		[{ grant_type: 'client_credentials', client_id: 'nope', client_secret: 'x' }, 400, 'invalid_client'],
		[{ grant_type: 'client_credentials', client_id: 'CID', client_secret: 'wrong' }, 401, 'invalid_client'],
		[{ grant_type: 'client_credentials', client_id: 'CID', client_secret: 'SECRET', scope: 'adobeio_api,root_access' }, 400, 'invalid_scope'],
		[{ grant_type: 'password', client_id: 'CID', client_secret: 'SECRET' }, 400, 'unsupported_grant_type'],
		[{ client_id: 'CID' }, 400, 'invalid_request'],
	])('OAuth error %j → %s %s', async (fields, status, error) => {
		const f: Record<string, string> = {};
		for (const [k, v] of Object.entries(fields)) f[k] = v === 'CID' ? emu.credentials.clientId : v === 'SECRET' ? emu.credentials.clientSecret : v;
		const res = await http(`${emu.urls.ims}/ims/token/v3`, form(f));
		expect(res.status).toBe(status);
		expect(res.json()).toEqual({ error, error_description: expect.any(String) });
	});

	test('a JSON body IMS does not understand gets an OAuth-style error, not a crash', async () => {
		const res = await http(`${emu.urls.ims}/ims/token/v3`, { method: 'POST', body: '\u0000\u0001garbage', headers: { 'content-type': 'application/octet-stream' } });
		expect(res.status).toBe(400);
		expect(res.json().error).toBe('invalid_request');
	});
});

describe('IMS JWT exchange', () => {
	const exchange = (jwt: string) => http(`${emu.urls.ims}/ims/exchange/jwt`, form({ client_id: emu.credentials.clientId, client_secret: emu.credentials.clientSecret, jwt_token: jwt }));

	test('valid RS256 JWT (prod aud) → token with expires_in in milliseconds, usable on the management API', async () => {
		const res = await exchange(createServiceAccountJwt(emu.credentials, 'https://ims-na1.adobelogin.com', ['ent_adobeio_sdk']));
		expect(res.status).toBe(200);
		const body = res.json<{ access_token: string; expires_in: number }>();
		expect(body.expires_in).toBeGreaterThan(86_000_000);
		const api = apiClient(emu, body.access_token);
		expect((await api.get(`/events/${emu.credentials.consumerOrgId}/providers`)).status).toBe(200);
	});

	test('aud built from the emulator IMS URL is accepted too', async () => {
		expect((await exchange(createServiceAccountJwt(emu.credentials, emu.urls.ims))).status).toBe(200);
	});

	test('JWT signed with another key → 400 invalid_signature', async () => {
		const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
		const res = await exchange(createServiceAccountJwt(emu.credentials, emu.urls.ims, ['ent_adobeio_sdk'], {}, other));
		expect(res.status).toBe(400);
		expect(res.json().error).toBe('invalid_signature');
	});

	test.each([
		[{ exp: Math.floor(Date.now() / 1000) - 10 }, 'invalid_token'],
		[{ exp: 'soon' }, 'invalid_token'],
		[{ aud: 'https://evil.example/c/x' }, 'invalid_token'],
		[{ iss: 'other@AdobeOrg' }, 'invalid_token'],
		[{ 'https://ims-na1.adobelogin.com/s/god_mode': true }, 'invalid_scope'],
	])('claims %j → %s', async (overrides, error) => {
		const res = await exchange(createServiceAccountJwt(emu.credentials, 'https://ims-na1.adobelogin.com', ['ent_adobeio_sdk'], overrides));
		expect(res.status).toBe(400);
		expect(res.json().error).toBe(error);
	});

	test('no metascope → invalid_scope; garbage → invalid_token', async () => {
		expect((await exchange(createServiceAccountJwt(emu.credentials, emu.urls.ims, []))).json().error).toBe('invalid_scope');
		expect((await exchange('not.a.jwt')).json().error).toBe('invalid_token');
	});

	test('event_receiver_api-only metascope cannot call the management API (403 Scope mismatch)', async () => {
		const res = await exchange(createServiceAccountJwt(emu.credentials, emu.urls.ims, ['event_receiver_api']));
		const api = apiClient(emu, res.json<{ access_token: string }>().access_token);
		const r = await api.get(`/events/${emu.credentials.consumerOrgId}/providers`);
		expect(r.status).toBe(403);
		expect(r.json()).toEqual({ error_code: '403011', message: 'Scope mismatch' });
	});
});

describe('IMS authorization code', () => {
	const redirect = 'http://127.0.0.1:5678/rest/oauth2-credential/callback';

	async function code(state = 'xyz'): Promise<string> {
		const q = new URLSearchParams({ client_id: emu.credentials.clientId, redirect_uri: redirect, scope: 'openid,AdobeID,adobeio_api', response_type: 'code', state });
		const res = await http(`${emu.urls.ims}/ims/authorize/v2?${q}`);
		expect(res.status).toBe(302);
		const loc = new URL(res.headers.get('location') as string);
		expect(`${loc.origin}${loc.pathname}`).toBe(redirect);
		expect(loc.searchParams.get('state')).toBe(state);
		return loc.searchParams.get('code') as string;
	}

	test('authorize auto-approves; code → tokens with HTTP Basic; refresh; code is single-use', async () => {
		const c = await code();
		const basic = Buffer.from(`${emu.credentials.clientId}:${emu.credentials.clientSecret}`).toString('base64');
		const res = await http(`${emu.urls.ims}/ims/token/v3`, { method: 'POST', body: new URLSearchParams({ grant_type: 'authorization_code', code: c, redirect_uri: redirect }), headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' } });
		expect(res.status).toBe(200);
		const t = res.json<{ access_token: string; refresh_token: string; expires_in: number }>();
		expect(t.refresh_token).toBeTruthy();
		expect((await apiClient(emu, t.access_token).get(`/events/${emu.credentials.consumerOrgId}/providers`)).status).toBe(200);
		const again = await http(`${emu.urls.ims}/ims/token/v3`, form({ grant_type: 'authorization_code', code: c, client_id: emu.credentials.clientId, client_secret: emu.credentials.clientSecret }));
		expect(again.json().error).toBe('invalid_grant');
		const refreshed = await http(`${emu.urls.ims}/ims/token/v3`, form({ grant_type: 'refresh_token', refresh_token: t.refresh_token, client_id: emu.credentials.clientId, client_secret: emu.credentials.clientSecret }));
		expect(refreshed.status).toBe(200);
		expect(refreshed.json().access_token).not.toBe(t.access_token);
	});

	test('bad client id / missing redirect → OAuth errors', async () => {
		expect((await http(`${emu.urls.ims}/ims/authorize/v2?client_id=nope&redirect_uri=${encodeURIComponent(redirect)}`)).json().error).toBe('invalid_client');
		expect((await http(`${emu.urls.ims}/ims/authorize/v2?client_id=${emu.credentials.clientId}`)).json().error).toBe('invalid_request');
		expect((await http(`${emu.urls.ims}/ims/authorize/v2?client_id=${emu.credentials.clientId}&redirect_uri=http://evil.example/cb`)).json().error).toBe('invalid_request');
	});
});

describe('gateway', () => {
	const providers = () => `${emu.urls.api}/events/${emu.credentials.consumerOrgId}/providers`;

	test('missing / wrong api key, missing / invalid token → Adobe gateway errors with x-request-id', async () => {
		const token = await s2sToken(emu);
		const cases: Array<[Record<string, string>, number, string]> = [
			[{ authorization: `Bearer ${token}` }, 403, '403000'],
			[{ authorization: `Bearer ${token}`, 'x-api-key': 'someone-else' }, 403, '403003'],
			[{ 'x-api-key': emu.credentials.clientId }, 403, '403010'],
			[{ 'x-api-key': emu.credentials.clientId, authorization: 'Bearer forged.token.value' }, 401, '401013'],
		];
		for (const [headers, status, code] of cases) {
			const res = await http(providers(), { headers });
			expect(res.status).toBe(status);
			expect(res.json().error_code).toBe(code);
			expect(res.headers.get('x-request-id')).toMatch(/[0-9a-f-]{36}/);
		}
	});

	test('a token without adobeio_api → 403 Scope mismatch', async () => {
		const token = await s2sToken(emu, 'openid,AdobeID');
		const res = await apiClient(emu, token).get(`/events/${emu.credentials.consumerOrgId}/providers`);
		expect(res.status).toBe(403);
		expect(res.json().error_code).toBe('403011');
	});

	test('POST /tokens/invalidate makes every issued token 401 (refresh-on-401 path)', async () => {
		const token = await s2sToken(emu);
		const api = apiClient(emu, token);
		expect((await api.get(`/events/${emu.credentials.consumerOrgId}/providers`)).status).toBe(200);
		await http(`${emu.urls.control}/tokens/invalidate`, { method: 'POST' });
		const res = await api.get(`/events/${emu.credentials.consumerOrgId}/providers`);
		expect(res.status).toBe(401);
		expect(res.json()).toEqual({ error_code: '401013', message: 'Oauth token is not valid' });
		expect((await apiClient(emu, await s2sToken(emu)).get(`/events/${emu.credentials.consumerOrgId}/providers`)).status).toBe(200);
	});

	test('tokens expire on the emulator clock', async () => {
		const m = await startEmulator({ clock: 'manual' });
		try {
			const token = await s2sToken(m);
			const api = apiClient(m, token);
			expect((await api.get(`/events/${m.credentials.consumerOrgId}/providers`)).status).toBe(200);
			await http(`${m.urls.control}/clock/advance`, { method: 'POST', json: { hours: 24 } });
			expect((await api.get(`/events/${m.credentials.consumerOrgId}/providers`)).status).toBe(401);
		} finally {
			await m.close();
		}
	});

	test('mismatching IMS org header → 403', async () => {
		const token = await s2sToken(emu);
		const res = await http(providers(), { headers: { ...apiClient(emu, token).headers(), 'x-ims-org-id': 'other@AdobeOrg' } });
		expect(res.status).toBe(403);
		expect(res.json().reason).toMatch(/organization/);
	});
});
