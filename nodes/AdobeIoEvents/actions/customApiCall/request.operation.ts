import type { IDataObject, IExecuteFunctions, IHttpRequestMethods } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { isRecord } from '../../shared/guards';

import { adobeApiRequest, getAdobeContext } from '../../transport';
import { optionsCollection } from '../../shared/descriptions';
import { operationDescription } from '../common.descriptions';
import { parseJsonValue, parseOptionalJson, seg } from '../utils';

/** The methods a custom call offers (each its own name in the Method list). */
const METHODS: IHttpRequestMethods[] = ['DELETE', 'GET', 'HEAD', 'PATCH', 'POST', 'PUT'];

/** Headers the custom call may not set: authentication is added by the credential. */
const PROTECTED_HEADERS = new Set(['authorization', 'x-api-key', 'x-ims-org-id', 'x-gw-ims-org-id', 'host']);

export const description = operationDescription('customApiCall', 'request', [
	{
		displayName: 'API',
		name: 'api',
		type: 'options',
		options: [
			{
				name: 'Events Management API',
				value: 'management',
				description: 'Registrations, providers, event metadata (api.adobe.io/events/…)',
			},
			{
				name: 'Publishing (Ingress)',
				value: 'ingress',
				description: 'The events ingress (eventsingress.adobe.io)',
			},
		],
		default: 'management',
	},
	{
		displayName: 'Method',
		name: 'method',
		type: 'options',
		options: METHODS.map((method) => ({ name: method, value: method })),
		default: 'GET',
	},
	{
		displayName: 'Path',
		name: 'path',
		type: 'string',
		required: true,
		default: '/events/{consumerOrgId}/{projectId}/{workspaceId}/registrations',
		description:
			'Path under the API, e.g. /events/{consumerOrgId}/providers. {consumerOrgId}, {projectId}, {workspaceId} and {credentialId} are replaced with the values of the credential.',
	},
	{
		displayName: 'Query Parameters (JSON)',
		name: 'query',
		type: 'json',
		default: '{}',
		description: 'Query string parameters as a JSON object',
	},
	{
		displayName: 'Body (JSON)',
		name: 'body',
		type: 'json',
		default: '{}',
		description: 'Request body as JSON',
		displayOptions: { show: { method: ['PATCH', 'POST', 'PUT'] } },
	},
	optionsCollection('Add Option', [
		{
			displayName: 'Full Response',
			name: 'fullResponse',
			type: 'boolean',
			default: false,
			description: 'Whether to return the status code and headers along with the body',
		},
		{
			displayName: 'Headers (JSON)',
			name: 'headers',
			type: 'json',
			default: '{}',
			description:
				'Extra headers as a JSON object, e.g. {"Content-Type": "application/JSON-patch+JSON"}. Authentication headers are always set by the credential.',
		},
	]),
]);

function badPath(this: IExecuteFunctions, itemIndex: number, path: string, why: string): never {
	throw new NodeOperationError(this.getNode(), `Path "${path}" is not allowed`, {
		itemIndex,
		description: why,
	});
}

/** The APIs a custom call may reach: the ones that get the access token (the journal is under the Events API). */
const CUSTOM_CALL_APIS = ['management', 'ingress'] as const;
type CustomCallApi = (typeof CUSTOM_CALL_APIS)[number];

function isCustomCallApi(value: unknown): value is CustomCallApi {
	return (CUSTOM_CALL_APIS as readonly unknown[]).includes(value);
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const api: unknown = this.getNodeParameter('api', itemIndex, 'management');
	if (!isCustomCallApi(api)) {
		throw new NodeOperationError(this.getNode(), `API "${String(api).slice(0, 50)}" cannot be called here`, {
			itemIndex,
			description:
				'The Custom API Call sends the Adobe access token, so it only calls the Events Management API (which includes the journal) or Publishing (Ingress). Set API to one of them.',
		});
	}
	const method = this.getNodeParameter('method', itemIndex, 'GET') as IHttpRequestMethods;
	const rawPath = String(this.getNodeParameter('path', itemIndex, '') ?? '').trim();
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;

	if (!rawPath.startsWith('/') || rawPath.startsWith('//')) {
		badPath.call(this, itemIndex, rawPath, 'Start the path with a single "/", e.g. /events/{consumerOrgId}/providers.');
	}
	if (/[?#\\]/.test(rawPath) || /\s/.test(rawPath)) {
		badPath.call(this, itemIndex, rawPath, 'Put query parameters in Query Parameters; the path may not contain ?, #, \\ or spaces.');
	}
	if (rawPath.split('/').some((part) => part === '..' || part === '.' || /%2e/i.test(part))) {
		badPath.call(this, itemIndex, rawPath, 'Dot segments (.., .) are not allowed.');
	}
	if (api === 'management' && !/^\/events(\/|$)/.test(rawPath)) {
		badPath.call(this, itemIndex, rawPath, 'Management API paths start with /events.');
	}

	const query = parseJsonValue.call(this, this.getNodeParameter('query', itemIndex, '{}'), 'Query Parameters', itemIndex, 'object') as IDataObject;
	let body: unknown;
	if (method === 'POST' || method === 'PUT' || method === 'PATCH') {
		body = parseJsonValue.call(this, this.getNodeParameter('body', itemIndex, '{}'), 'Body', itemIndex);
	}
	const headers: IDataObject = {};
	const extra = parseOptionalJson.call(this, options.headers, 'Headers', itemIndex, 'object', '{}');
	for (const [name, value] of Object.entries((extra ?? {}) as IDataObject)) {
		if (PROTECTED_HEADERS.has(name.toLowerCase())) {
			throw new NodeOperationError(this.getNode(), `Header "${name}" cannot be set here`, {
				itemIndex,
				description: 'Authentication and organization headers come from the credential.',
			});
		}
		headers[name] = String(value);
	}

	const context = await getAdobeContext.call(this);
	const placeholders: Record<string, string> = {
		consumerOrgId: String(context.consumerOrgId ?? ''),
		projectId: String(context.projectId ?? ''),
		workspaceId: String(context.workspaceId ?? ''),
		credentialId: String(context.credentialId ?? ''),
	};
	const path = rawPath.replace(/\{(consumerOrgId|projectId|workspaceId|credentialId)\}/g, (_match, key: string) => {
		const value = placeholders[key];
		if (!value) {
			throw new NodeOperationError(this.getNode(), `{${key}} is not set in the credential`, {
				itemIndex,
				description: `Fill in ${key} in the Adobe I/O Events credential, or write the value into the path.`,
			});
		}
		return seg(value);
	});

	const response = (await adobeApiRequest.call(this, {
		method,
		api,
		path,
		qs: query,
		body,
		headers,
		returnFullResponse: true,
	})) as { statusCode: number; headers?: IDataObject; body?: unknown };

	if (options.fullResponse === true) {
		return { statusCode: response.statusCode, headers: response.headers ?? {}, body: response.body as IDataObject };
	}
	if (isRecord<IDataObject>(response.body)) return response.body;
	if (response.body === undefined || response.body === null || response.body === '') {
		return { success: true, statusCode: response.statusCode };
	}
	return { data: response.body as IDataObject, statusCode: response.statusCode };
}
