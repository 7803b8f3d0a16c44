import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

/**
 * The `adobeIoEventsApi` credential data (OAuth Server-to-Server, Environment = Custom) for tests
 * against their own HTTP servers on 127.0.0.1: `urls.ims` hands out tokens, `urls.api` is the Events
 * API; ingress defaults to `<api>/ingress`, the key host to the API. `extra` overrides any field.
 */
export function serverCredentials(
	urls: { ims: string; api: string; ingress?: string; publicKey?: string },
	extra: ICredentialDataDecryptedObject = {},
): ICredentialDataDecryptedObject {
	return {
		authentication: 'oauthS2S',
		environment: 'custom',
		imsUrl: urls.ims,
		apiUrl: urls.api,
		ingressUrl: urls.ingress ?? `${urls.api}/ingress`,
		publicKeyUrl: urls.publicKey ?? urls.api,
		clientId: 'client-1',
		clientSecret: 'secret-1',
		imsOrgId: 'ORG@AdobeOrg',
		consumerOrgId: '11',
		projectId: '22',
		workspaceId: '33',
		...extra,
	};
}

/** The error a promise rejects with; fails the test when it resolves. */
export async function failureOf<T = Error>(promise: Promise<unknown>): Promise<T> {
	try {
		await promise;
	} catch (error) {
		return error as T;
	}
	throw new Error('expected a failure');
}
