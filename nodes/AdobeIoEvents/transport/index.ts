/**
 * THE ONLY code that talks to Adobe (management API, ingress, journal, public keys, validation URL;
 * IMS through the credential's preAuthentication). See docs/ARCHITECTURE.md "Transport".
 */
export { adobeApiRequest, assertAllowedAdobeUrl, type AdobeApi, type AdobeRequest } from './request';
export { adobeApiRequestAllItems, DEFAULT_MAX_PAGES } from './pagination';
export { openAdobeSession, type AdobeSession } from './session';
export {
	nextDelay,
	parseRetryAfter,
	retryPolicy,
	DEFAULT_MAX_ATTEMPTS,
	MAX_RETRY_AFTER_MS,
	type AdobeRetryOptions,
	type RetryDecision,
} from './retry';
export { getHeader, headerValue, type HeaderValue } from './headers';
export {
	getAdobeContext,
	workspacePath,
	credentialTypeOf,
	contextFromCredentials,
	contextOrThrow,
	type AdobeContext,
	type AdobeFunctions,
} from './context';
export {
	adobeApiError,
	describeAdobeFailure,
	parseErrorBody,
	type AdobeHttpFailure,
} from './errors';
export {
	checkValidationUrl,
	isAllowedAdobeUrl,
	isAllowedPublicKeyUrl,
	isAllowedValidationUrl,
	ADOBE_VALIDATION_HOST,
	MAX_VALIDATION_URL_LENGTH,
	type HostContext,
	type ValidationUrlResult,
} from './hosts';
export {
	fetchPublicKeyPem,
	confirmValidationUrl,
	publicKeyFailureOf,
	publicKeyUrl,
	MAX_PUBLIC_KEY_BYTES,
	type PublicKeyFailure,
} from './public';
