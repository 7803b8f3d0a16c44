import {
	UserError,
	type ICredentialDataDecryptedObject,
	type ICredentialTestRequest,
	type ICredentialType,
	type IHttpRequestHelper,
	type IHttpRequestOptions,
	type Icon,
	type INodeProperties,
} from 'n8n-workflow';

import {
	DEFAULT_JWT_METASCOPES,
	DEFAULT_S2S_SCOPES,
} from '../nodes/AdobeIoEvents/shared/constants';
import { normaliseEnvironment, resolveBaseUrls } from '../nodes/AdobeIoEvents/shared/environment';
import { requestImsToken } from '../nodes/AdobeIoEvents/shared/ims';
import {
	isAllowedAdobeRequest,
	requestTargetsOf,
	type RequestTarget,
} from '../nodes/AdobeIoEvents/transport/hosts';
import {
	contextProperties,
	customEnvironmentProperties,
	environmentProperty,
	managementApiBaseUrlExpression,
	workspaceRegistrationsPathExpression,
} from '../nodes/AdobeIoEvents/shared/credentialFields';

/*
 * Which fields belong to which Authentication. `authentication` has exactly two options, so "show for
 * jwt" and "hide for oauthS2S" show the same fields in every n8n. The split below is for n8n 1.x's
 * public API (POST /api/v1/credentials), which builds its JSON schema from `displayOptions.show`
 * (packages/cli/src/public-api/v1/handlers/credentials/credentials.service.ts, toJsonSchema): it keeps
 * ONE condition per controlling field (the first value it meets), makes every `show`-dependent field
 * required when that condition holds and forbidden otherwise, whether it is `required` or not. With
 * S2S's Scopes and JWT's fields both `show`-dependent on `authentication`, 1.x demanded the JWT fields
 * for an S2S credential and refused them for a JWT one. So only the REQUIRED JWT fields use `show`
 * (one value, jwt); optional fields use `hide` (which 1.x's schema ignores). n8n 2.x keys conditions by
 * value and requires only `required` fields, so its schema is the same either way.
 */
/** Throws unless every reading of the request's URL is an origin the Adobe token may go to. */
function refuseForeignOrigin(
	credentials: ICredentialDataDecryptedObject,
	requestOptions: IHttpRequestOptions,
): void {
	let allowed = false;
	try {
		const ctx = {
			environment: normaliseEnvironment(credentials.environment),
			urls: resolveBaseUrls(credentials),
		};
		allowed = isAllowedAdobeRequest(requestOptions as RequestTarget, ctx);
	} catch {
		// an unusable Custom environment (AdobeConfigError): no origin is allowed
	}
	if (allowed) return;
	const targets = requestTargetsOf(requestOptions as RequestTarget) ?? [];
	let origin = 'an invalid URL';
	try {
		origin = new URL(targets[targets.length - 1]).origin;
	} catch {
		// keep "an invalid URL"
	}
	throw new UserError(
		`Refusing to send the Adobe I/O Events credential to ${origin}: it is not an Adobe I/O Events host`,
		{
			description:
				'This credential only signs requests to Adobe I/O Events (Production/Stage: https://…adobe.io; Custom: the Events API, Ingress and Journal URLs of the credential). Use the Adobe I/O Events node, or a URL on one of those hosts.',
		},
	);
}

const requiredForJwt = { show: { authentication: ['jwt'] } };
const optionalForJwt = { hide: { authentication: ['oauthS2S'] } };
const onlyForS2S = { hide: { authentication: ['jwt'] } };

/**
 * Adobe I/O Events API: OAuth Server-to-Server (default) or Service Account (JWT, deprecated).
 *
 * The access token lives in the hidden, expirable `accessToken` field. n8n calls `preAuthentication`
 * when that field is empty, when a request failed with the retry status code (401; the transport
 * also asks for a refresh after a 403 "Oauth token is not valid/missing", see
 * nodes/AdobeIoEvents/transport/request.ts) and during the credential test; the result is persisted.
 */
export class AdobeIoEventsApi implements ICredentialType {
	name = 'adobeIoEventsApi';

	displayName = 'Adobe I/O Events API';

	icon: Icon = { light: 'file:../icons/adobe.svg', dark: 'file:../icons/adobe.dark.svg' };

	documentationUrl =
		'https://github.com/n8n-nodes-adobe-io-events/n8n-nodes-adobe-io-events#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'options',
			options: [
				{
					name: 'OAuth Server-to-Server',
					value: 'oauthS2S',
					description: 'Recommended. The credential type Adobe Developer Console creates today.',
				},
				{
					name: 'Service Account (JWT) — Deprecated',
					value: 'jwt',
					description:
						'Retired by Adobe in 2025; only for projects that still have a JWT credential',
				},
			],
			default: 'oauthS2S',
		},
		environmentProperty,
		...customEnvironmentProperties,
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
			description:
				'Also called API key. Adobe Developer Console → your project → the OAuth Server-to-Server (or Service Account (JWT)) credential.',
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'Adobe Developer Console → the credential → "Retrieve client secret"',
		},
		{
			displayName: 'Scopes',
			name: 'scopes',
			type: 'string',
			default: DEFAULT_S2S_SCOPES,
			description:
				'Comma-separated scopes, as listed on the OAuth Server-to-Server credential in Adobe Developer Console',
			displayOptions: onlyForS2S,
		},
		{
			displayName: 'Organization ID',
			name: 'imsOrgId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. 4CC7D9704674CFB2138A2C54@AdobeOrg',
			description:
				'IMS organization ID, ends with @AdobeOrg (project JSON: project.org.ims_org_id). Sent as x-ims-org-id.',
		},
		{
			displayName: 'Technical Account ID',
			name: 'technicalAccountId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. 12345678ABCDEF@techacct.adobe.com',
			displayOptions: requiredForJwt,
		},
		{
			displayName: 'Private Key',
			name: 'privateKey',
			type: 'string',
			typeOptions: { password: true, rows: 5 },
			default: '',
			required: true,
			description:
				'Contents of private.key (PEM, PKCS#1 or PKCS#8, optionally encrypted with a passphrase)',
			displayOptions: requiredForJwt,
		},
		{
			displayName: 'Private Key Passphrase',
			name: 'privateKeyPassphrase',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'Only if the private key is encrypted',
			displayOptions: optionalForJwt,
		},
		{
			displayName: 'Metascopes',
			name: 'metascopes',
			type: 'string',
			default: DEFAULT_JWT_METASCOPES,
			description:
				'Comma-separated metascopes of the APIs added to the project (I/O Management API: ent_adobeio_sdk, I/O Events: event_receiver_api)',
			displayOptions: optionalForJwt,
		},
		...contextProperties,
	];

	async preAuthentication(
		this: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
	): Promise<{ accessToken: string }> {
		const token = await requestImsToken(
			async (options) => await this.helpers.httpRequest(options),
			credentials,
		);
		return { accessToken: token.accessToken };
	}

	/**
	 * Adds the token and the Adobe headers — only to a request for an Adobe I/O Events origin (the
	 * transport's token policy, transport/hosts.ts): n8n calls this for ANY request signed with this
	 * credential (e.g. an HTTP Request node using it as a predefined credential type), and a user who
	 * may use a shared credential must not be able to send its token to a server of their own.
	 * Anything else is refused before it is sent (n8n reports the error on the node).
	 */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		refuseForeignOrigin(credentials, requestOptions);
		const imsOrgId = typeof credentials.imsOrgId === 'string' ? credentials.imsOrgId.trim() : '';
		const clientId = typeof credentials.clientId === 'string' ? credentials.clientId.trim() : '';
		requestOptions.headers = {
			...(requestOptions.headers ?? {}),
			Authorization: `Bearer ${String(credentials.accessToken ?? '')}`,
			'x-api-key': clientId,
			...(imsOrgId ? { 'x-ims-org-id': imsOrgId, 'x-gw-ims-org-id': imsOrgId } : {}),
		};
		return requestOptions;
	}

	// Lists the workspace's registrations: succeeds only when the token, the Client ID (API key),
	// the organization and the consumer org / project / workspace ids all fit together.
	test: ICredentialTestRequest = {
		request: {
			baseURL: managementApiBaseUrlExpression,
			url: workspaceRegistrationsPathExpression,
			method: 'GET',
			headers: { Accept: 'application/hal+json' },
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'Adobe rejected the access token: check the Client ID, Client Secret and Organization ID, and that the project has the I/O Management API',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						'Adobe rejected the Client ID (API key) or its access: check the Client ID and the Organization ID, and that the I/O Management API is added to the project',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message:
						'Adobe found no workspace for these ids: check Consumer Org ID, Project ID and Workspace ID (project JSON: project.org.id, project.id, project.workspace.id)',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 400,
					message:
						'Adobe rejected the ids: Consumer Org ID, Project ID and Workspace ID must be the numeric ids from the project JSON (not the names)',
				},
			},
		],
	};
}
