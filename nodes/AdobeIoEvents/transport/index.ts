/**
 * THE ONLY code that talks to Adobe (management API, ingress, journal, public keys, validation URL;
 * IMS through the credential's preAuthentication). See docs/ARCHITECTURE.md "Transport".
 */
export {
	adobeApiRequest,
	adobeApiRequestAllItems,
	openAdobeSession,
	DEFAULT_MAX_ATTEMPTS,
	DEFAULT_MAX_PAGES,
	type AdobeApi,
	type AdobeRequest,
	type AdobeRetryOptions,
	type AdobeSession,
} from './request';
export { parseRetryAfter, MAX_RETRY_AFTER_MS } from './retry';
export { getHeader, headerValue, type HeaderValue } from './headers';
export {
	getAdobeContext,
	workspacePath,
	credentialTypeOf,
	contextFromCredentials,
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
	isAllowedAdobeUrl,
	isAllowedPublicKeyUrl,
	isAllowedValidationUrl,
	assertAllowedAdobeUrl,
} from './hosts';
export { fetchPublicKeyPem, confirmValidationUrl, publicKeyUrl, MAX_PUBLIC_KEY_BYTES } from './public';
