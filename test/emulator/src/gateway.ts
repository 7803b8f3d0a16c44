/**
 * Adobe API gateway checks in front of the management API, the journal and ingress:
 * `x-api-key`, bearer token, scope/metascope, IMS org header. Errors are `{error_code, message}`.
 */
import type { Core } from './core';
import { apiError, gatewayError, headerValue, type Req, type Res } from './http';
import type { TokenInfo } from './ims';

export type Audience = 'management' | 'events';

export function checkGateway(core: Core, req: Req, audience: Audience): Res | { token: TokenInfo } {
	const apiKey = headerValue(req, 'x-api-key');
	if (!apiKey) return gatewayError(403, '403000', 'Api Key is required');
	if (apiKey !== core.creds.clientId) return gatewayError(403, '403003', 'Api Key is invalid');
	const auth = headerValue(req, 'authorization');
	const m = auth ? /^Bearer\s+(\S+)\s*$/i.exec(auth) : null;
	if (!m) return gatewayError(403, '403010', 'Oauth token is missing.');
	const token = core.ims.lookup(m[1]);
	if (!token) return gatewayError(401, '401013', 'Oauth token is not valid');
	if (token.clientId !== apiKey) return gatewayError(403, '403003', 'Api Key is invalid');
	const scoped =
		audience === 'management'
			? token.scopes.has('adobeio_api') || token.metascopes.has('ent_adobeio_sdk')
			: token.scopes.has('adobeio_api') || token.scopes.has('event_receiver_api') || token.metascopes.has('ent_adobeio_sdk') || token.metascopes.has('event_receiver_api');
	if (!scoped) return gatewayError(403, '403011', 'Scope mismatch');
	const org = headerValue(req, 'x-ims-org-id') ?? headerValue(req, 'x-gw-ims-org-id');
	if (org !== undefined && org !== core.creds.imsOrgId) {
		return apiError(403, `The IMS organization ${org} in the x-ims-org-id header does not match the credential's organization`, 'Forbidden');
	}
	return { token };
}
