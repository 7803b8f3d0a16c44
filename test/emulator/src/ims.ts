/**
 * Adobe IMS: client_credentials (`/ims/token/v2` multipart like aio-lib-ims, `/ims/token/v3` urlencoded),
 * the deprecated JWT exchange (`/ims/exchange/jwt`, RS256 verified with the registered public key,
 * `expires_in` in **milliseconds**), and the authorization-code flow (`/ims/authorize/v2` auto-approves,
 * `grant_type=authorization_code` / `refresh_token`). Errors are OAuth-style `{error, error_description}`.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, randomUUID, sign, verify, type KeyObject } from 'node:crypto';
import type { Clock } from './clock';
import type { EmulatorCredentials } from './credentials';
import { HttpError, Router, empty, headerValue, json, oauthError, parseForm, type Req, type Res } from './http';

export const DEFAULT_SCOPES = [
	'AdobeID',
	'openid',
	'read_organizations',
	'additional_info.projectedProductContext',
	'additional_info.roles',
	'adobeio_api',
	'read_client_secret',
	'manage_client_secrets',
	'event_receiver_api',
];
/** Every scope the emulator's credential may request (anything else → invalid_scope, like IMS). */
export const ALLOWED_SCOPES = new Set([...DEFAULT_SCOPES, 'event_receiver', 'profile', 'email', 'offline_access', 'openid']);
export const ALLOWED_METASCOPES = new Set(['ent_adobeio_sdk', 'event_receiver_api', 'ent_cloudmgr_sdk', 'ent_aem_cloud_api']);

const TOKEN_LIFETIME_MS = 86_400_000;
const REFRESH_LIFETIME_MS = 14 * 86_400_000;
const CODE_LIFETIME_MS = 10 * 60_000;
const MAX_CODES = 1_000;

export interface TokenInfo {
	kind: 'client_credentials' | 'jwt' | 'authorization_code';
	clientId: string;
	scopes: Set<string>;
	metascopes: Set<string>;
	expiresAt: number;
}

interface CodeInfo {
	clientId: string;
	redirectUri: string;
	scopes: string[];
	expiresAt: number;
}

function b64url(v: Buffer | string): string {
	return Buffer.from(v).toString('base64url');
}

export class Ims {
	private tokens = new Map<string, TokenInfo>();
	private refreshTokens = new Map<string, TokenInfo>();
	private codes = new Map<string, CodeInfo>();
	private readonly signingKey: KeyObject;
	private readonly servicePublicKey: KeyObject;

	constructor(
		private readonly creds: EmulatorCredentials,
		private readonly clock: Clock,
		private readonly imsUrl: () => string,
		/** Bound on remembered tokens (EmulatorConfig.maxTokens, changeable at run time). */
		private readonly maxTokens: () => number = () => 50_000,
	) {
		this.signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
		this.servicePublicKey = createPublicKey(createPrivateKey(creds.privateKey));
	}

	/** Invalidates every issued access token (and optionally refresh tokens); returns how many. */
	invalidate(includeRefresh = false): number {
		const n = this.tokens.size;
		this.tokens.clear();
		if (includeRefresh) this.refreshTokens.clear();
		return n;
	}

	reset(): void {
		this.tokens.clear();
		this.refreshTokens.clear();
		this.codes.clear();
	}

	lookup(token: string): TokenInfo | undefined {
		const t = this.tokens.get(token);
		if (!t) return undefined;
		if (t.expiresAt <= this.clock.now()) {
			this.tokens.delete(token);
			return undefined;
		}
		return t;
	}

	get stats(): { accessTokens: number; refreshTokens: number } {
		return { accessTokens: this.tokens.size, refreshTokens: this.refreshTokens.size };
	}

	/** Issues an access token (a JWT, like IMS: aio-lib-ims decodes `created_at` + `expires_in`). */
	issue(info: Omit<TokenInfo, 'expiresAt'>, lifetimeMs = TOKEN_LIFETIME_MS): { token: string; info: TokenInfo } {
		const now = this.clock.now();
		const header = { alg: 'RS256', x5u: 'ims_na1-key-at-1.cer', kid: 'ims_na1-key-at-1', itt: 'at' };
		const payload = {
			id: `${now}_${randomUUID()}_ue1`,
			type: 'access_token',
			client_id: info.clientId,
			user_id: this.creds.technicalAccountId,
			as: 'ims-na1',
			aa_id: this.creds.technicalAccountId,
			ctp: 0,
			moi: randomBytes(4).toString('hex'),
			created_at: String(now),
			expires_in: String(lifetimeMs),
			scope: [...info.scopes, ...[...info.metascopes].map((m) => `s:${m}`)].join(','),
			emulator: true,
		};
		const signingInput = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(payload))}`;
		const token = `${signingInput}.${b64url(sign('sha256', Buffer.from(signingInput), this.signingKey))}`;
		const full: TokenInfo = { ...info, expiresAt: now + lifetimeMs };
		this.tokens.set(token, full);
		while (this.tokens.size > this.maxTokens()) this.tokens.delete(this.tokens.keys().next().value as string);
		return { token, info: full };
	}

	routes(): Router {
		const r = new Router();
		r.add('POST', '/ims/token/v3', (req) => this.token(req, 'v3'));
		r.add('POST', '/ims/token/v2', (req) => this.token(req, 'v2'));
		r.add('POST', '/ims/token/v1', (req) => this.token(req, 'v1'));
		r.add('POST', '/ims/exchange/jwt', (req) => this.exchangeJwt(req));
		r.add('POST', '/ims/exchange/v1/jwt', (req) => this.exchangeJwt(req));
		for (const v of ['v1', 'v2', 'v3']) r.add('GET', `/ims/authorize/${v}`, (req) => this.authorize(req));
		r.add('GET', '/ims/keys', () => json(200, { keys: [] }));
		r.add(['GET', 'POST'], '/ims/validate_token/v1', async (req) => {
			const form = await this.form(req);
			const token = req.query.get('token') ?? form.token ?? '';
			const t = this.lookup(token);
			return json(200, t ? { valid: true, token: { client_id: t.clientId, expires_at: t.expiresAt } } : { valid: false, reason: 'bad_token' });
		});
		return r;
	}

	private async form(req: Req): Promise<Record<string, string>> {
		const body = await req.body();
		const parsed = body.length ? parseForm(headerValue(req, 'content-type'), body) : {};
		if (parsed === undefined) throw new HttpError(oauthError(400, 'invalid_request', 'Unsupported request body; send application/x-www-form-urlencoded or multipart/form-data'));
		// IMS also reads parameters from the query string (docs: "in the body or as query parameters").
		const out: Record<string, string> = {};
		for (const [k, v] of req.query) out[k] = v;
		return { ...out, ...parsed };
	}

	/** client id + secret from the body, the query, or HTTP Basic. */
	private clientAuth(req: Req, form: Record<string, string>): { clientId?: string; clientSecret?: string } {
		let clientId = form.client_id;
		let clientSecret = form.client_secret;
		const auth = headerValue(req, 'authorization');
		if (auth && /^basic /i.test(auth)) {
			const decoded = Buffer.from(auth.slice(6).trim(), 'base64').toString('utf8');
			const i = decoded.indexOf(':');
			if (i >= 0) {
				const id = safeDecode(decoded.slice(0, i));
				const secret = safeDecode(decoded.slice(i + 1));
				clientId ??= id;
				clientSecret ??= secret;
			}
		}
		return { clientId, clientSecret };
	}

	private checkClient(clientId: string | undefined, clientSecret: string | undefined, requireSecret = true): Res | undefined {
		if (!clientId) return oauthError(400, 'invalid_client', 'invalid client_id parameter');
		if (clientId !== this.creds.clientId) return oauthError(400, 'invalid_client', 'invalid client_id parameter');
		if (requireSecret && !clientSecret) return oauthError(400, 'invalid_client', 'invalid client_secret parameter');
		if (requireSecret && clientSecret !== this.creds.clientSecret) return oauthError(401, 'invalid_client', 'invalid client_secret parameter');
		return undefined;
	}

	private parseScopes(raw: string | undefined): { scopes: Set<string>; error?: Res } {
		if (raw === undefined || raw.trim() === '') return { scopes: new Set(DEFAULT_SCOPES) };
		const list = raw
			.split(/[,\s]+/)
			.map((s) => s.trim())
			.filter(Boolean);
		const bad = list.filter((s) => !ALLOWED_SCOPES.has(s));
		if (bad.length) return { scopes: new Set(), error: oauthError(400, 'invalid_scope', `Invalid scope (${bad.join(',')})`) };
		return { scopes: new Set(list) };
	}

	private async token(req: Req, version: string): Promise<Res> {
		const form = await this.form(req);
		const grant = form.grant_type;
		const { clientId, clientSecret } = this.clientAuth(req, form);
		if (!grant) return oauthError(400, 'invalid_request', 'missing grant_type parameter');
		if (grant === 'client_credentials') {
			const bad = this.checkClient(clientId, clientSecret);
			if (bad) return bad;
			const { scopes, error } = this.parseScopes(form.scope);
			if (error) return error;
			const { token } = this.issue({ kind: 'client_credentials', clientId: clientId as string, scopes, metascopes: new Set() });
			return json(200, { access_token: token, token_type: 'bearer', expires_in: Math.floor(TOKEN_LIFETIME_MS / 1000) - 1 });
		}
		if (grant === 'authorization_code') {
			const bad = this.checkClient(clientId, clientSecret);
			if (bad) return bad;
			const code = form.code;
			const info = code ? this.codes.get(code) : undefined;
			if (!code || !info) return oauthError(400, 'invalid_grant', 'Invalid authorization code');
			this.codes.delete(code); // single use
			if (info.expiresAt <= this.clock.now()) return oauthError(400, 'invalid_grant', 'Authorization code has expired');
			if (info.clientId !== clientId) return oauthError(400, 'invalid_grant', 'Authorization code was issued to another client');
			if (form.redirect_uri && form.redirect_uri !== info.redirectUri) return oauthError(400, 'invalid_grant', 'redirect_uri does not match the authorization request');
			return this.codeTokens(clientId as string, new Set(info.scopes));
		}
		if (grant === 'refresh_token') {
			const bad = this.checkClient(clientId, clientSecret);
			if (bad) return bad;
			const rt = form.refresh_token;
			const info = rt ? this.refreshTokens.get(rt) : undefined;
			if (!rt || !info || info.expiresAt <= this.clock.now()) return oauthError(400, 'invalid_grant', 'Invalid refresh token');
			if (info.clientId !== clientId) return oauthError(400, 'invalid_grant', 'Refresh token was issued to another client');
			this.refreshTokens.delete(rt);
			return this.codeTokens(clientId as string, info.scopes);
		}
		return oauthError(400, 'unsupported_grant_type', `Unsupported grant_type ${grant} on /ims/token/${version}`);
	}

	private codeTokens(clientId: string, scopes: Set<string>): Res {
		const { token } = this.issue({ kind: 'authorization_code', clientId, scopes, metascopes: new Set() });
		const refresh = `${randomUUID()}.${randomBytes(24).toString('base64url')}`;
		this.refreshTokens.set(refresh, { kind: 'authorization_code', clientId, scopes, metascopes: new Set(), expiresAt: this.clock.now() + REFRESH_LIFETIME_MS });
		while (this.refreshTokens.size > this.maxTokens()) this.refreshTokens.delete(this.refreshTokens.keys().next().value as string);
		return json(200, {
			access_token: token,
			refresh_token: refresh,
			token_type: 'bearer',
			expires_in: Math.floor(TOKEN_LIFETIME_MS / 1000) - 1,
		});
	}

	private authorize(req: Req): Res {
		const q = req.query;
		const clientId = q.get('client_id') ?? undefined;
		const redirectUri = q.get('redirect_uri');
		const bad = this.checkClient(clientId, undefined, false);
		if (bad) return bad;
		if (!redirectUri) return oauthError(400, 'invalid_request', 'missing redirect_uri parameter');
		let target: URL;
		try {
			target = new URL(redirectUri);
		} catch {
			return oauthError(400, 'invalid_request', 'invalid redirect_uri parameter');
		}
		if (target.protocol !== 'https:' && !(target.protocol === 'http:' && isLoopbackHost(target.hostname))) {
			return oauthError(400, 'invalid_request', 'redirect_uri must be https (the emulator also accepts http on loopback)');
		}
		const responseType = q.get('response_type') ?? 'code';
		if (responseType !== 'code') return oauthError(400, 'unsupported_response_type', `Unsupported response_type ${responseType}`);
		const { scopes, error } = this.parseScopes(q.get('scope') ?? undefined);
		if (error) {
			target.searchParams.set('error', 'invalid_scope');
			if (q.get('state')) target.searchParams.set('state', q.get('state') as string);
			return empty(302, { location: target.toString() });
		}
		const code = `eyJ${randomBytes(24).toString('base64url')}`;
		this.codes.set(code, { clientId: clientId as string, redirectUri, scopes: [...scopes], expiresAt: this.clock.now() + CODE_LIFETIME_MS });
		while (this.codes.size > MAX_CODES) this.codes.delete(this.codes.keys().next().value as string);
		target.searchParams.set('code', code);
		const state = q.get('state');
		if (state !== null) target.searchParams.set('state', state);
		return empty(302, { location: target.toString() });
	}

	private async exchangeJwt(req: Req): Promise<Res> {
		const form = await this.form(req);
		const { clientId, clientSecret } = this.clientAuth(req, form);
		const bad = this.checkClient(clientId, clientSecret);
		if (bad) return bad;
		const jwt = form.jwt_token;
		if (!jwt) return oauthError(400, 'invalid_request', 'missing jwt_token parameter');
		const parts = jwt.split('.');
		if (parts.length !== 3) return oauthError(400, 'invalid_token', 'Could not decode the JWT token');
		let header: Record<string, unknown>;
		let claims: Record<string, unknown>;
		try {
			header = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8')) as Record<string, unknown>;
			claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as Record<string, unknown>;
		} catch {
			return oauthError(400, 'invalid_token', 'Could not decode the JWT token');
		}
		if (!claims || typeof claims !== 'object') return oauthError(400, 'invalid_token', 'Could not decode the JWT token');
		if (header.alg !== 'RS256') return oauthError(400, 'invalid_token', `Unsupported JWT algorithm ${String(header.alg)}; use RS256`);
		const ok = verify('sha256', Buffer.from(`${parts[0]}.${parts[1]}`), this.servicePublicKey, Buffer.from(parts[2], 'base64url'));
		if (!ok) return oauthError(400, 'invalid_signature', 'JWT signature does not match the public key registered for this credential');
		const exp = claims.exp;
		if (typeof exp !== 'number' || !Number.isInteger(exp)) return oauthError(400, 'invalid_token', 'exp claim must be an integer (epoch seconds)');
		const nowSec = Math.floor(Date.now() / 1000);
		if (exp <= nowSec) return oauthError(400, 'invalid_token', 'JWT token has expired');
		if (exp > nowSec + 86_400 + 60) return oauthError(400, 'invalid_token', 'JWT exp must be at most 24 hours in the future');
		if (claims.iss !== this.creds.imsOrgId) return oauthError(400, 'invalid_token', 'iss must be the IMS organization id (…@AdobeOrg)');
		if (claims.sub !== this.creds.technicalAccountId) return oauthError(400, 'invalid_token', 'sub must be the technical account id');
		const hosts = this.acceptedImsBases();
		const aud = claims.aud;
		if (typeof aud !== 'string' || !hosts.some((h) => aud === `${h}/c/${clientId}`)) {
			return oauthError(400, 'invalid_token', `aud must be ${hosts[0]}/c/${clientId}`);
		}
		const metascopes = new Set<string>();
		const unknown: string[] = [];
		for (const [k, v] of Object.entries(claims)) {
			const base = hosts.find((h) => k.startsWith(`${h}/s/`));
			if (!base) continue;
			const name = k.slice(base.length + 3);
			if (v !== true) continue;
			if (ALLOWED_METASCOPES.has(name)) metascopes.add(name);
			else unknown.push(name);
		}
		if (unknown.length) return oauthError(400, 'invalid_scope', `Invalid metascope (${unknown.join(',')})`);
		if (metascopes.size === 0) return oauthError(400, 'invalid_scope', 'The JWT carries no metascope claim (e.g. "https://ims-na1.adobelogin.com/s/ent_adobeio_sdk": true)');
		const { token } = this.issue({ kind: 'jwt', clientId: clientId as string, scopes: new Set(), metascopes });
		return json(200, { token_type: 'bearer', access_token: token, expires_in: TOKEN_LIFETIME_MS - 4 });
	}

	private acceptedImsBases(): string[] {
		return [this.imsUrl(), 'https://ims-na1.adobelogin.com', 'https://ims-na1-stg1.adobelogin.com'];
	}
}

function safeDecode(v: string): string {
	try {
		return decodeURIComponent(v.replace(/\+/g, ' '));
	} catch {
		return v;
	}
}

export function isLoopbackHost(host: string): boolean {
	const h = host.replace(/^\[|\]$/g, '').toLowerCase();
	return h === 'localhost' || h === '::1' || /^127(?:\.\d{1,3}){3}$/.test(h);
}

/** Creates a signed JWT for the emulator's service account (test helper, mirrors aio-lib-ims-jwt). */
export function createServiceAccountJwt(
	creds: EmulatorCredentials,
	imsBase: string,
	metascopes: string[] = ['ent_adobeio_sdk'],
	overrides: Record<string, unknown> = {},
	key: string = creds.privateKey,
): string {
	const claims: Record<string, unknown> = {
		exp: Math.floor(Date.now() / 1000) + 300,
		iss: creds.imsOrgId,
		sub: creds.technicalAccountId,
		aud: `${imsBase}/c/${creds.clientId}`,
	};
	for (const m of metascopes) claims[`${imsBase}/s/${m}`] = true;
	Object.assign(claims, overrides);
	const input = `${b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT' }))}.${b64url(JSON.stringify(claims))}`;
	return `${input}.${b64url(sign('sha256', Buffer.from(input), createPrivateKey(key)))}`;
}
