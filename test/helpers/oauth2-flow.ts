/**
 * The OAuth2 authorization-code connect flow exactly as n8n 2.40.7 runs it when a user clicks
 * "Connect my account" (dist/oauth/oauth.service.js generateAOauth2AuthUri and
 * dist/controllers/oauth/oauth2-credential.controller.js handleCallback), with the real
 * @n8n/client-oauth2 client:
 *   1. the credential (defaults + expressions resolved) → ClientOAuth2 options
 *      (scopes split on ',', separator ',' when the scope contains one);
 *   2. `code.getUri()` → the authorize URL the browser opens;
 *   3. `authorize(url)` (the test plays browser + user) returns the callback URL with `code`/`state`;
 *   4. `code.getToken(callback, { body })` (body auth: client_id/client_secret in the body);
 *   5. `oauthTokenData` = token response (+ n8n_expires_at), persisted into the store.
 */
/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code: reproduces n8n's OAuth2 controller with n8n's own client (a dependency of n8n-core) */
import { ClientOAuth2, resolveClientAuthOptions } from '@n8n/client-oauth2';
import type { ICredentialDataDecryptedObject, IDataObject, IWorkflowExecuteAdditionalData } from 'n8n-workflow';

import { defaultCredentialTypes } from './n8n-context';
import { TestCredentialsHelper, TestCredentialStore } from './credentials-helper';

export interface OAuth2FlowResult {
	authorizeUrl: string;
	oauthTokenData: IDataObject;
	store: TestCredentialStore;
	credentialId: string;
}

export async function connectOAuth2Credential(
	type: string,
	data: ICredentialDataDecryptedObject,
	authorize: (authorizeUrl: string, redirectUri: string) => Promise<string>,
	opts: { store?: TestCredentialStore; redirectUri?: string } = {},
): Promise<OAuth2FlowResult> {
	const store = opts.store ?? new TestCredentialStore();
	const helper = new TestCredentialsHelper(defaultCredentialTypes(), store);
	const entry = store.add(type, data);
	const credential = (await helper.getDecrypted(
		{} as IWorkflowExecuteAdditionalData,
		{ id: entry.id, name: entry.name },
		type,
		'internal',
	)) as Record<string, string | undefined>;
	const redirectUri = opts.redirectUri ?? 'http://127.0.0.1:5678/rest/oauth2-credential/callback';
	const scope = credential.scope ?? 'openid';
	const options = {
		clientId: credential.clientId as string,
		...resolveClientAuthOptions(credential as never),
		accessTokenUri: credential.accessTokenUrl ?? '',
		authorizationUri: credential.authUrl ?? '',
		authentication: (credential.authentication ?? 'header') as 'header' | 'body',
		redirectUri,
		scopes: scope.split(','),
		scopesSeparator: scope.includes(',') ? ',' : ' ',
		ignoreSSLIssues: false,
	};
	const state = Buffer.from(JSON.stringify({ token: 'csrf', cid: entry.id })).toString('base64');
	type Options = ConstructorParameters<typeof ClientOAuth2>[0];
	const authorizeUrl = new ClientOAuth2({ ...options, state } as unknown as Options).code.getUri();
	const callback = await authorize(authorizeUrl, redirectUri);

	const body: IDataObject = {};
	const callbackOptions: Record<string, unknown> = { ...options };
	if (credential.authentication === 'body') {
		body.client_id = options.clientId;
		if (credential.clientSecret) body.client_secret = credential.clientSecret;
		delete callbackOptions.clientSecret;
	}
	const client = new ClientOAuth2(callbackOptions as unknown as Options);
	const token = await client.code.getToken(callback, credential.authentication === 'body' ? { body } : {});
	const oauthTokenData: IDataObject = { ...(token.data as IDataObject) };
	const expiresIn = Number(oauthTokenData.expires_in);
	if (Number.isFinite(expiresIn) && expiresIn > 0) {
		oauthTokenData.n8n_expires_at = String(Date.now() + expiresIn * 1000);
	}
	store.patch(type, { oauthTokenData });
	return { authorizeUrl, oauthTokenData, store, credentialId: entry.id };
}
