/**
 * Constants shared by the credentials, the transport and the nodes.
 * Base URLs per environment: see docs/ARCHITECTURE.md and the Adobe reference §0.1.
 */

export const API_CREDENTIAL = 'adobeIoEventsApi';
/** The OAuth2 (authorization code, a user's own Adobe ID) credential type. */
export const ADOBE_ID_CREDENTIAL = 'adobeIoEventsOAuth2Api';

export type AdobeCredentialType = typeof API_CREDENTIAL | typeof ADOBE_ID_CREDENTIAL;

export type AdobeEnvironment = 'production' | 'stage' | 'custom';

export interface AdobeBaseUrls {
	/** IMS (token endpoints), e.g. https://ims-na1.adobelogin.com */
	ims: string;
	/** Events management API, e.g. https://api.adobe.io */
	api: string;
	/** Publishing (ingress), e.g. https://eventsingress.adobe.io */
	ingress: string;
	/** Host serving the webhook signature public keys, e.g. https://static.adobeioevents.com */
	publicKey: string;
	/**
	 * Custom environment only, optional: the journal host when it is not the Events API's origin (the
	 * emulator's journal listener). Production/Stage journals are region hosts on adobe.io.
	 */
	journal?: string;
}

export const ENVIRONMENT_URLS: Record<'production' | 'stage', AdobeBaseUrls> = {
	production: {
		ims: 'https://ims-na1.adobelogin.com',
		api: 'https://api.adobe.io',
		ingress: 'https://eventsingress.adobe.io',
		publicKey: 'https://static.adobeioevents.com',
	},
	stage: {
		ims: 'https://ims-na1-stg1.adobelogin.com',
		api: 'https://api-stage.adobe.io',
		ingress: 'https://eventsingress-stage.adobe.io',
		publicKey: 'https://static.adobeioevents.com',
	},
};

/**
 * Scopes of an OAuth Server-to-Server credential that has the I/O Management API and I/O Events
 * (the list Adobe Developer Console shows for such a credential; editable in the credential).
 */
export const DEFAULT_S2S_SCOPES =
	'AdobeID,openid,read_organizations,additional_info.projectedProductContext,additional_info.roles,adobeio_api,read_client_secret,manage_client_secrets,event_receiver_api';

/** Metascopes of a Service Account (JWT) credential with the I/O Management API and I/O Events. */
export const DEFAULT_JWT_METASCOPES = 'ent_adobeio_sdk,event_receiver_api';

/** Scopes requested by the OAuth2 (authorization code, personal Adobe ID) credential. */
export const DEFAULT_OAUTH2_SCOPES =
	'openid,AdobeID,offline_access,read_organizations,additional_info.projectedProductContext,additional_info.roles,adobeio_api,event_receiver_api';

/** IMS paths. */
export const IMS_TOKEN_PATH = '/ims/token/v3';
export const IMS_JWT_EXCHANGE_PATH = '/ims/exchange/jwt';
/** IMS authorization (consent) endpoint of the authorization code flow. */
export const IMS_CONSENT_PATH = '/ims/authorize/v2';

/** Lifetime of the signed JWT assertion (aio-lib-ims-jwt uses 5 minutes). */
export const JWT_ASSERTION_TTL_SECONDS = 300;

/** Timeout of every call to IMS (token requests). */
export const IMS_TIMEOUT_MS = 30_000;

