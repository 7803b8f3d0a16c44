import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import type { Emulator } from '../emulator/src/index';

/**
 * The `adobeIoEventsApi` credential data a user would enter for the emulator: OAuth
 * Server-to-Server, Environment = Custom with the emulator's base URLs and ids (what
 * `npm run emulator` prints in its ready line).
 */
export function emulatorCredentials(emulator: Emulator): ICredentialDataDecryptedObject {
	const c = emulator.credentials;
	return {
		authentication: 'oauthS2S',
		environment: 'custom',
		imsUrl: emulator.urls.ims,
		apiUrl: emulator.urls.api,
		ingressUrl: emulator.urls.ingress,
		publicKeyUrl: emulator.urls.keys,
		journalUrl: emulator.urls.journal,
		clientId: c.clientId,
		clientSecret: c.clientSecret,
		imsOrgId: c.imsOrgId,
		consumerOrgId: c.consumerOrgId,
		projectId: c.projectId,
		workspaceId: c.workspaceId,
		credentialId: c.credentialId,
	};
}
