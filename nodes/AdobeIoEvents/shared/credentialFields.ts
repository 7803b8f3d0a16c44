/**
 * Credential fields shared by `adobeIoEventsApi` and `adobeIoEventsOAuth2Api` (names are a contract,
 * see docs/ARCHITECTURE.md).
 */
import type { INodeProperties } from 'n8n-workflow';

import { ENVIRONMENT_URLS } from './constants';

export const environmentProperty: INodeProperties = {
	displayName: 'Environment',
	name: 'environment',
	type: 'options',
	options: [
		{ name: 'Production', value: 'production', description: 'Adobe IMS ims-na1.adobelogin.com and API api.adobe.io' },
		{ name: 'Stage', value: 'stage', description: 'Adobe stage (ims-na1-stg1, api-stage.adobe.io)' },
		{
			name: 'Custom',
			value: 'custom',
			description: 'Your own base URLs: the local Adobe I/O Events emulator or a private gateway',
		},
	],
	default: 'production',
};

const showCustom = { show: { environment: ['custom'] } };
/**
 * Optional Custom-only fields use `hide` for the other environments: n8n 1.x's public-API schema
 * makes every `show`-dependent field required (see credentials/AdobeIoEventsApi.credentials.ts).
 */
const optionalForCustom = { hide: { environment: ['production', 'stage'] } };

export const customEnvironmentProperties: INodeProperties[] = [
	{
		displayName: 'IMS URL',
		name: 'imsUrl',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. http://127.0.0.1:9101',
		description: 'Base URL of Adobe IMS (token endpoints /ims/token/v3 and /ims/exchange/jwt)',
		displayOptions: showCustom,
	},
	{
		displayName: 'Events API URL',
		name: 'apiUrl',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. http://127.0.0.1:9102',
		description: 'Base URL of the I/O Events management API (providers, event metadata, registrations)',
		displayOptions: showCustom,
	},
	{
		displayName: 'Ingress (Publishing) URL',
		name: 'ingressUrl',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. http://127.0.0.1:9103',
		description: 'Base URL used to publish custom events',
		displayOptions: showCustom,
	},
	{
		displayName: 'Public Key Host URL',
		name: 'publicKeyUrl',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. http://127.0.0.1:9105',
		description: 'Host serving the public keys that verify webhook signatures',
		displayOptions: showCustom,
	},
	{
		displayName: 'Journal URL',
		name: 'journalUrl',
		type: 'string',
		default: '',
		placeholder: 'e.g. http://127.0.0.1:9104',
		description:
			'Optional: base URL of the journal when it is served from another host or port than the Events API URL (the emulator prints it as "journal"). The access token is only sent to the Events API, Ingress and Journal URLs.',
		displayOptions: optionalForCustom,
	},
];

export const contextProperties: INodeProperties[] = [
	{
		displayName: 'Consumer Org ID',
		name: 'consumerOrgId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 23294',
		description:
			'Numeric organization ID of the Developer Console project: in the downloaded project JSON the ID of the org; in the console URL the first number after /console/projects/',
	},
	{
		displayName: 'Project ID',
		name: 'projectId',
		type: 'string',
		default: '',
		required: true,
		description:
			'Numeric project ID: in the project JSON the ID of the project; in the console URL the second number after /console/projects/',
	},
	{
		displayName: 'Workspace ID',
		name: 'workspaceId',
		type: 'string',
		default: '',
		required: true,
		description:
			'Numeric workspace ID: in the project JSON the ID of the workspace; in the console URL the third number after /console/projects/',
	},
	{
		displayName: 'Credential ID',
		name: 'credentialId',
		type: 'string',
		default: '',
		placeholder: 'e.g. 54108',
		description:
			'Needed for Registration → Diagnose and Registration → Get Delivery Traces; everything else works without it. In the project JSON you download in Adobe Developer Console it is the numeric ID of the credential in the workspace’s credentials list (not the Client ID).',
	},
];

/** Management API base URL of the credential's environment, as an n8n expression. */
export const managementApiBaseUrlExpression = `={{ $credentials.environment === "custom" ? String($credentials.apiUrl).trim().replace(/\\/+$/, "") : ($credentials.environment === "stage" ? "${ENVIRONMENT_URLS.stage.api}" : "${ENVIRONMENT_URLS.production.api}") }}`;

/** Path of the workspace registration list (proves consumer org, project and workspace ids). */
export const workspaceRegistrationsPathExpression =
	'=/events/{{ String($credentials.consumerOrgId).trim() }}/{{ String($credentials.projectId).trim() }}/{{ String($credentials.workspaceId).trim() }}/registrations';

/** IMS base URL of the environment (inside a credential's own fields: `$self`). */
export const imsBaseUrlSelfExpression = `($self["environment"] === "custom" ? String($self["imsUrl"]).trim().replace(/\\/+$/, "") : ($self["environment"] === "stage" ? "${ENVIRONMENT_URLS.stage.ims}" : "${ENVIRONMENT_URLS.production.ims}"))`;
