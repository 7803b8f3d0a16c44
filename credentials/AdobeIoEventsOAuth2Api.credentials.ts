import type { ICredentialTestRequest, ICredentialType, Icon, INodeProperties } from 'n8n-workflow';

import {
	DEFAULT_OAUTH2_SCOPES,
	IMS_CONSENT_PATH,
	IMS_TOKEN_PATH,
} from '../nodes/AdobeIoEvents/shared/constants';
import {
	contextProperties,
	customEnvironmentProperties,
	environmentProperty,
	imsBaseUrlSelfExpression,
	managementApiBaseUrlExpression,
	workspaceRegistrationsPathExpression,
} from '../nodes/AdobeIoEvents/shared/credentialFields';

/**
 * Adobe I/O Events with a user's own Adobe ID: OAuth 2.0 authorization code against Adobe IMS
 * (`/ims/authorize/v2`, `/ims/token/v3`), endpoints derived from the Environment (Custom: the IMS URL,
 * e.g. the local emulator). OAuth2 credentials ignore `authenticate`, so the transport adds
 * `x-api-key` (= Client ID) and the organization headers itself.
 */
export class AdobeIoEventsOAuth2Api implements ICredentialType {
	name = 'adobeIoEventsOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'Adobe I/O Events OAuth2 API';

	icon: Icon = { light: 'file:../icons/adobe.svg', dark: 'file:../icons/adobe.dark.svg' };

	documentationUrl =
		'https://github.com/n8n-nodes-adobe-io-events/n8n-nodes-adobe-io-events#credentials';

	properties: INodeProperties[] = [
		environmentProperty,
		...customEnvironmentProperties,
		{
			displayName: 'Grant Type',
			name: 'grantType',
			type: 'hidden',
			default: 'authorizationCode',
		},
		{
			displayName: 'Authorization URL',
			name: 'authUrl',
			type: 'hidden',
			default: `={{ ${imsBaseUrlSelfExpression} + "${IMS_CONSENT_PATH}" }}`,
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'hidden',
			default: `={{ ${imsBaseUrlSelfExpression} + "${IMS_TOKEN_PATH}" }}`,
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'string',
			default: DEFAULT_OAUTH2_SCOPES,
			description:
				'Comma-separated scopes of the OAuth Web App credential in Adobe Developer Console (keep offline_access to let n8n refresh the token)',
		},
		{
			displayName: 'Auth URI Query Parameters',
			name: 'authQueryParameters',
			type: 'hidden',
			default: '',
		},
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'hidden',
			default: 'body',
		},
		{
			displayName: 'Organization ID',
			name: 'imsOrgId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. 4CC7D9704674CFB2138A2C54@AdobeOrg',
			description: 'IMS organization ID, ends with @AdobeOrg (project JSON: project.org.ims_org_id)',
		},
		...contextProperties,
	];

	test: ICredentialTestRequest = {
		request: {
			baseURL: managementApiBaseUrlExpression,
			url: workspaceRegistrationsPathExpression,
			method: 'GET',
			headers: {
				Accept: 'application/hal+json',
				'x-api-key': '={{ String($credentials.clientId).trim() }}',
				'x-ims-org-id': '={{ String($credentials.imsOrgId).trim() }}',
				'x-gw-ims-org-id': '={{ String($credentials.imsOrgId).trim() }}',
			},
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						'Adobe rejected the Client ID (API key) or your Adobe ID has no access to this project: check the Client ID and the Organization ID',
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
		],
	};
}
