/**
 * Description snippets every node uses: the `authentication` parameter and the credentials list.
 *
 *   credentials: adobeCredentials,
 *   properties: [authenticationProperty, …],
 */
import type { INodeCredentialDescription, INodeProperties } from 'n8n-workflow';

import { API_CREDENTIAL, ADOBE_ID_CREDENTIAL } from './constants';

export type NodeAuthentication = 'serviceAccount' | 'oAuth2';

export const authenticationProperty: INodeProperties = {
	displayName: 'Authentication',
	name: 'authentication',
	type: 'options',
	noDataExpression: true,
	options: [
		{
			name: 'OAuth Server-to-Server / Service Account',
			value: 'serviceAccount',
			description: 'Credential of an Adobe Developer Console project (recommended)',
		},
		{
			name: 'OAuth2 (Personal Adobe ID)',
			value: 'oAuth2',
			description: 'Sign in with your own Adobe ID',
		},
	],
	default: 'serviceAccount',
};

export const adobeCredentials: INodeCredentialDescription[] = [
	{
		name: API_CREDENTIAL,
		required: true,
		displayOptions: { show: { authentication: ['serviceAccount'] } },
	},
	{
		name: ADOBE_ID_CREDENTIAL,
		required: true,
		displayOptions: { show: { authentication: ['oAuth2'] } },
	},
];
