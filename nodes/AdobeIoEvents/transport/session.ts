/**
 * AdobeSession: the credential of one run of requests, read once (see the interface).
 */
import type { ICredentialDataDecryptedObject, ICredentialsDecrypted } from 'n8n-workflow';

import { ADOBE_ID_CREDENTIAL } from '../shared/constants';
import { credentialSecrets } from '../shared/ims';
import { contextOrThrow, credentialTypeOf, type AdobeContext, type AdobeFunctions } from './context';

/**
 * The credential of ONE run (one poll, one execution, or one request), loaded once and handed to every
 * request of that run, so a run of many requests (the journal drain) does not look the credential up
 * per request. It holds secrets: keep it in a local variable of the run, never in a module variable or
 * static data. For the service credential n8n receives it as `credentialsDecrypted` and writes a
 * refreshed token into it (preAuthentication), so later requests of the run send the new token and
 * error messages can redact it without reading the credential again. OAuth2 requests are signed by
 * n8n from its own lookup (n8n offers no way to pass them in).
 */
export interface AdobeSession {
	readonly ctx: AdobeContext;
	/** secrets of the credential as loaded (kept out of error messages) */
	readonly secrets: unknown[];
	readonly credentials: ICredentialsDecrypted;
}

/** Loads the node's Adobe credential once for a run of requests (see AdobeSession). */
export async function openAdobeSession(this: AdobeFunctions): Promise<AdobeSession> {
	const credentialType = credentialTypeOf(this);
	const data = await this.getCredentials<ICredentialDataDecryptedObject>(credentialType);
	const ctx = contextOrThrow(this, credentialType, data);
	const details = this.getNode().credentials?.[credentialType];
	return {
		ctx,
		secrets: credentialSecrets(data),
		credentials: {
			id: String(details?.id ?? ''),
			name: String(details?.name ?? ''),
			type: credentialType,
			data,
		},
	};
}

/**
 * The secrets to keep out of a message. The service credential's session object is the one n8n wrote
 * a refreshed token into (see AdobeSession): no new lookup. An OAuth2 token n8n refreshed lives only in
 * n8n's own copy, so for OAuth2 the credential is read once more (on failure only).
 */
export async function secretsOf(fn: AdobeFunctions, session: AdobeSession): Promise<unknown[]> {
	const secrets = session.secrets.concat(credentialSecrets(session.credentials.data ?? {}));
	if (session.ctx.credentialType !== ADOBE_ID_CREDENTIAL) return secrets;
	const current = await fn
		.getCredentials<ICredentialDataDecryptedObject>(ADOBE_ID_CREDENTIAL)
		.catch(() => ({}) as ICredentialDataDecryptedObject);
	return secrets.concat(credentialSecrets(current));
}
