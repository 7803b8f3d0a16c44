/**
 * The Adobe paths and writes of providers and their event types (resources Provider, Event Type and
 * Sample Event): reads address any provider the organization is entitled to, writes only the custom
 * providers of the credential's workspace.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { adobeApiRequest, getAdobeContext, workspacePath } from '../../transport';
import { seg } from '../utils';

/** `/events/providers/{providerId}/…`, every segment encoded. */
export function providerPath(providerId: string, ...rest: string[]): string {
	return ['/events/providers', ...[providerId, ...rest].map(seg)].join('/');
}

/**
 * `POST`/`PUT`/`DELETE /events/{consumerOrgId}/{projectId}/{workspaceId}/providers/…`: a write to the
 * workspace's custom providers (`segments` encoded, e.g. `[providerId, 'eventmetadata', eventCode]`).
 */
export async function writeCustomProvider(
	this: IExecuteFunctions,
	method: 'POST' | 'PUT' | 'DELETE',
	segments: string[],
	body?: IDataObject,
): Promise<IDataObject> {
	const context = await getAdobeContext.call(this);
	return (await adobeApiRequest.call(this, {
		method,
		path: workspacePath(context, 'providers', ...segments.map(seg)),
		body,
	})) as IDataObject;
}
