/**
 * Adobe IMS token acquisition for the `adobeIoEventsApi` credential (OAuth Server-to-Server and
 * Service Account (JWT)). Used by the credential's `preAuthentication`; the HTTP function is passed
 * in (n8n's domain-restricted `this.helpers.httpRequest`), everything else is pure.
 *
 * Every failure is an `AdobeConfigError` whose message names the credential field or the cause and
 * never contains the client secret, the private key, the passphrase or a token.
 */
import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';

import {
	DEFAULT_JWT_METASCOPES,
	DEFAULT_S2S_SCOPES,
	IMS_JWT_EXCHANGE_PATH,
	IMS_TIMEOUT_MS,
	IMS_TOKEN_PATH,
} from './constants';
import { AdobeConfigError, resolveImsUrl } from './environment';
import { networkCodeOf, networkCodeText } from './errorChain';
import { buildJwtClaims, loadPrivateKey, signJwtRs256, splitList } from './jwt';

export type ImsAuthentication = 'oauthS2S' | 'jwt';

export type HttpRequestFn = (options: IHttpRequestOptions) => Promise<unknown>;

export interface ImsToken {
	accessToken: string;
	/** lifetime in milliseconds as reported by IMS (S2S: seconds × 1000; JWT exchange: already ms) */
	expiresInMs?: number;
}

interface FullResponse {
	statusCode: number;
	headers?: IDataObject;
	body?: unknown;
}

const LABELS: Record<string, string> = {
	clientId: 'Client ID',
	clientSecret: 'Client Secret',
	imsOrgId: 'Organization ID',
	technicalAccountId: 'Technical Account ID',
	privateKey: 'Private Key',
	scopes: 'Scopes',
	metascopes: 'Metascopes',
};

function text(value: unknown): string {
	return typeof value === 'string' ? value.trim() : '';
}

function requireField(credentials: IDataObject, name: keyof typeof LABELS, hint: string): string {
	const value = text(credentials[name]);
	if (value === '') {
		throw new AdobeConfigError(`The credential field "${LABELS[name]}" is empty. ${hint}`, LABELS[name]);
	}
	return value;
}

export function getAuthenticationType(credentials: IDataObject): ImsAuthentication {
	return credentials.authentication === 'jwt' ? 'jwt' : 'oauthS2S';
}

/** Form of the OAuth Server-to-Server token request (client_credentials grant). */
export function buildS2STokenForm(credentials: IDataObject): URLSearchParams {
	const clientId = requireField(
		credentials,
		'clientId',
		'Copy it from Adobe Developer Console → your project → OAuth Server-to-Server credential (also called API key).',
	);
	const clientSecret = requireField(
		credentials,
		'clientSecret',
		'Copy it from Adobe Developer Console → your project → OAuth Server-to-Server credential → "Retrieve client secret".',
	);
	const scopes = splitList(credentials.scopes);
	return new URLSearchParams({
		grant_type: 'client_credentials',
		client_id: clientId,
		client_secret: clientSecret,
		scope: (scopes.length ? scopes : splitList(DEFAULT_S2S_SCOPES)).join(','),
	});
}

/** Signed JWT assertion + exchange form of the Service Account (JWT) flow. */
export function buildJwtExchangeForm(
	credentials: IDataObject,
	imsUrl: string,
	now?: number,
): URLSearchParams {
	const clientId = requireField(
		credentials,
		'clientId',
		'Copy it from Adobe Developer Console → your project → Service Account (JWT) credential.',
	);
	const clientSecret = requireField(
		credentials,
		'clientSecret',
		'Copy it from Adobe Developer Console → your project → Service Account (JWT) credential.',
	);
	const imsOrgId = requireField(
		credentials,
		'imsOrgId',
		'It ends with @AdobeOrg (project JSON: project.org.ims_org_id).',
	);
	const technicalAccountId = requireField(
		credentials,
		'technicalAccountId',
		'It ends with @techacct.adobe.com (Developer Console → Service Account (JWT) credential).',
	);
	const key = loadPrivateKey(credentials.privateKey, credentials.privateKeyPassphrase);
	const metascopes = splitList(credentials.metascopes);
	const claims = buildJwtClaims({
		imsUrl,
		clientId,
		imsOrgId,
		technicalAccountId,
		metascopes: metascopes.length ? metascopes : splitList(DEFAULT_JWT_METASCOPES),
		now,
	});
	return new URLSearchParams({
		client_id: clientId,
		client_secret: clientSecret,
		jwt_token: signJwtRs256(claims, key),
	});
}

/** Replaces every secret of the credential that occurs in a text. */
export function redactSecrets(message: string, secrets: unknown[]): string {
	let out = message;
	for (const secret of secrets) {
		if (typeof secret === 'string' && secret.length >= 4) {
			out = out.split(secret).join('[redacted]');
		}
	}
	return out;
}

/**
 * Redacts the secrets, THEN cuts the text to `max` characters: cutting first could leave the first
 * characters of a secret that crosses the cut, which redaction would no longer recognise.
 */
export function redactAndCut(text: string, secrets: unknown[], max: number): string {
	return redactSecrets(text, secrets).slice(0, max);
}

export function credentialSecrets(credentials: IDataObject): unknown[] {
	const tokenData = (credentials.oauthTokenData ?? {}) as IDataObject;
	return [
		credentials.clientSecret,
		credentials.accessToken,
		credentials.privateKey,
		credentials.privateKeyPassphrase,
		tokenData.access_token,
		tokenData.refresh_token,
		tokenData.id_token,
	];
}

function parseBody(body: unknown): IDataObject {
	if (body && typeof body === 'object' && !Array.isArray(body)) return body as IDataObject;
	if (typeof body === 'string' && body.trim().startsWith('{')) {
		try {
			return JSON.parse(body) as IDataObject;
		} catch {
			return {};
		}
	}
	if (Buffer.isBuffer(body)) return parseBody(body.toString('utf8'));
	return {};
}

/**
 * Human message for an IMS error answer (`{error, error_description}`), naming the field to fix.
 * IMS's own text is quoted up to 300 characters, with `secrets` redacted before the cut.
 */
export function describeImsError(
	statusCode: number,
	body: unknown,
	authentication: ImsAuthentication,
	secrets: unknown[] = [],
): string {
	const data = parseBody(body);
	const code = typeof data.error === 'string' ? data.error : '';
	const description =
		typeof data.error_description === 'string'
			? data.error_description
			: typeof data.message === 'string'
				? data.message
				: '';
	const detail = `(IMS answered HTTP ${statusCode}${code ? ` ${code}` : ''}${description ? `: ${redactAndCut(description, secrets, 300)}` : ''})`;
	const jwt = authentication === 'jwt';
	switch (code) {
		case 'invalid_client':
			return `Adobe IMS rejected the Client ID or the Client Secret: check both fields against the ${jwt ? 'Service Account (JWT)' : 'OAuth Server-to-Server'} credential in Adobe Developer Console ${detail}.`;
		case 'invalid_scope':
			return jwt
				? `Adobe IMS rejected the Metascopes: use the metascopes of the APIs added to the project, e.g. ent_adobeio_sdk,event_receiver_api ${detail}.`
				: `Adobe IMS rejected the Scopes: copy the scope list of the OAuth Server-to-Server credential from Adobe Developer Console ${detail}.`;
		case 'invalid_signature':
			return `Adobe IMS rejected the JWT signature: the Private Key does not belong to a public certificate uploaded to this Service Account (JWT) credential ${detail}.`;
		case 'invalid_token':
			return `Adobe IMS rejected the signed JWT: check the Organization ID, the Technical Account ID and the Client ID, and that this machine's clock is correct ${detail}.`;
		case 'unauthorized_client':
			return `Adobe IMS does not allow this Client ID to use the ${jwt ? 'JWT' : 'client credentials'} grant: check the Authentication type of the credential ${detail}.`;
		case 'invalid_grant':
			return `Adobe IMS rejected the grant: check the Organization ID and the Technical Account ID ${detail}.`;
		default:
			break;
	}
	if (statusCode === 429) {
		return `Adobe IMS is rate limiting token requests; try again in a minute ${detail}.`;
	}
	if (statusCode >= 500) {
		return `Adobe IMS is unavailable; try again later ${detail}.`;
	}
	if (statusCode === 404) {
		return `Adobe IMS answered 404 Not Found: check the IMS URL of the credential (Custom environment) ${detail}.`;
	}
	return `Adobe IMS refused the token request ${detail}.`;
}

/**
 * Requests a token from IMS. Never throws a raw HTTP error: network failures and IMS error answers
 * become `AdobeConfigError`s naming the cause; no secret appears in any message.
 */
export async function requestImsToken(
	httpRequest: HttpRequestFn,
	credentials: IDataObject,
	now?: number,
): Promise<ImsToken> {
	const authentication = getAuthenticationType(credentials);
	const imsUrl = resolveImsUrl(credentials);
	const form =
		authentication === 'jwt'
			? buildJwtExchangeForm(credentials, imsUrl, now)
			: buildS2STokenForm(credentials);
	const url = `${imsUrl}${authentication === 'jwt' ? IMS_JWT_EXCHANGE_PATH : IMS_TOKEN_PATH}`;
	const secrets = credentialSecrets(credentials).concat([form.get('jwt_token')]);

	let response: FullResponse | undefined;
	let networkFailure: string | undefined;
	try {
		response = (await httpRequest({
			method: 'POST',
			url,
			headers: {
				'Content-Type': 'application/x-www-form-urlencoded',
				Accept: 'application/json',
			},
			body: form.toString(),
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: IMS_TIMEOUT_MS,
		})) as FullResponse;
	} catch (error) {
		networkFailure = `Could not reach Adobe IMS at ${imsUrl} (${networkCodeText(networkCodeOf(error))}): check the IMS URL of the credential${
			credentials.environment === 'custom' ? ' (Custom environment)' : ''
		} and this machine's network access.`;
	}
	if (networkFailure !== undefined || response === undefined) {
		throw new AdobeConfigError(networkFailure ?? `Adobe IMS at ${imsUrl} gave no answer.`, 'IMS URL');
	}
	const statusCode = Number(response.statusCode);
	if (statusCode < 200 || statusCode > 299) {
		throw new AdobeConfigError(
			redactSecrets(describeImsError(statusCode, response.body, authentication, secrets), secrets),
		);
	}
	const body = parseBody(response.body);
	const accessToken = typeof body.access_token === 'string' ? body.access_token : '';
	if (accessToken === '') {
		throw new AdobeConfigError(
			`Adobe IMS at ${imsUrl} answered HTTP ${statusCode} without an access token: check the IMS URL of the credential.`,
			'IMS URL',
		);
	}
	const expiresIn = Number(body.expires_in);
	let expiresInMs: number | undefined;
	if (Number.isFinite(expiresIn) && expiresIn > 0) {
		// The JWT exchange reports milliseconds (≈ 86 399 996), client_credentials seconds (≈ 86 399).
		expiresInMs = authentication === 'jwt' ? expiresIn : expiresIn * 1000;
	}
	return { accessToken, expiresInMs };
}
