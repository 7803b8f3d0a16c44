/**
 * THE registration calls (Adobe I/O Events management API, v2 registrations of the credential's
 * workspace). The Watch Events lifecycle, the journal trigger, the action node and the
 * registration pickers all use this module; nothing else builds a registration URL.
 *
 *   const registrations = registrationsOf(this, ctx, session?);
 *   await registrations.find(id)        // undefined when Adobe answers 404
 *   await registrations.remove(id)      // false when it was already gone
 *
 * Every method throws the transport's NodeApiError for any other failure (read it with
 * `./errors`). Lists follow HAL `next` links over all pages, bounded by the transport's page cap.
 */
import type { IDataObject } from 'n8n-workflow';

import {
	adobeApiRequest,
	adobeApiRequestAllItems,
	getAdobeContext,
	workspacePath,
	type AdobeContext,
	type AdobeFunctions,
	type AdobeRequest,
	type AdobeSession,
} from '../transport';
import { toNodeError } from '../shared/nodeError';
import { httpCodeOf } from './errors';
import { toUpdateModel } from './model';

/** Adobe's largest page size for the organization-wide list. */
export const ORG_PAGE_SIZE = 100;

export interface RegistrationsClient {
	/** GET one registration; a 404 throws (httpCode '404'). */
	get(id: string): Promise<IDataObject>;
	/** GET one registration; undefined when Adobe says it does not exist. */
	find(id: string): Promise<IDataObject | undefined>;
	/** Every registration of the workspace (all pages), or the first `limit`. */
	list(limit?: number): Promise<IDataObject[]>;
	/** Every registration of the organization (all projects; all pages), or the first `limit`. */
	listOrganization(limit?: number): Promise<IDataObject[]>;
	/** The workspace's registrations that deliver to one of `urls` (exact match; in the order of `urls`). */
	findByUrls(urls: string[]): Promise<IDataObject[]>;
	/** The workspace's registration named `name` (names are unique per workspace). */
	findByName(name: string): Promise<IDataObject | undefined>;
	/** POST; `client_id` defaults to the credential's Client ID. */
	create(body: IDataObject): Promise<IDataObject>;
	/** Full PUT (Adobe replaces every field). */
	update(id: string, body: IDataObject): Promise<IDataObject>;
	/**
	 * DELETE; resolves false when the registration was already gone ("already gone" is success),
	 * unless `mustExist` (then Adobe's 404 is thrown, e.g. for a user's explicit Delete).
	 */
	remove(id: string, options?: { mustExist?: boolean }): Promise<boolean>;
	/** Sets `enabled` with a full PUT that keeps every other field as Adobe holds it. */
	setEnabled(id: string, enabled: boolean): Promise<IDataObject>;
	/**
	 * Adobe's Debug Tracing of a registration (its last 100 deliveries; plain JSON, not HAL). Needs the
	 * credential's Consumer Org ID and Credential ID (callers check them to word the error).
	 */
	traces(id: string): Promise<unknown>;
}

export function registrationsOf(
	fn: AdobeFunctions,
	ctx: AdobeContext,
	session?: AdobeSession,
): RegistrationsClient {
	const call = async (req: AdobeRequest): Promise<IDataObject> =>
		await adobeApiRequest.call(fn, { ...req, session });
	const all = async (req: AdobeRequest, limit?: number): Promise<IDataObject[]> =>
		await adobeApiRequestAllItems.call(fn, { ...req, session }, 'registrations', limit);
	const pathOf = (id: string): string =>
		workspacePath(ctx, 'registrations', encodeURIComponent(id));

	const client: RegistrationsClient = {
		get: async (id) => await call({ method: 'GET', path: pathOf(id) }),
		find: async (id) => {
			try {
				return await client.get(id);
			} catch (error) {
				if (httpCodeOf(error) === '404') return undefined;
				throw toNodeError(fn.getNode(), error);
			}
		},
		list: async (limit) =>
			await all({ method: 'GET', path: workspacePath(ctx, 'registrations') }, limit),
		listOrganization: async (limit) => {
			const size =
				limit === undefined ? ORG_PAGE_SIZE : Math.min(Math.max(limit, 1), ORG_PAGE_SIZE);
			return await all(
				{
					method: 'GET',
					path: `/events/${encodeURIComponent(ctx.consumerOrgId)}/registrations`,
					qs: { page: 0, size },
				},
				limit,
			);
		},
		findByUrls: async (urls) => {
			const all = await client.list();
			return urls.flatMap((url) =>
				all.filter((r) => r.webhook_url === url && typeof r.registration_id === 'string'),
			);
		},
		findByName: async (name) => (await client.list()).find((r) => r.name === name),
		create: async (body) =>
			await call({
				method: 'POST',
				path: workspacePath(ctx, 'registrations'),
				body: { client_id: ctx.clientId, ...body },
			}),
		update: async (id, body) => await call({ method: 'PUT', path: pathOf(id), body }),
		remove: async (id, options = {}) => {
			try {
				await call({ method: 'DELETE', path: pathOf(id) });
				return true;
			} catch (error) {
				if (httpCodeOf(error) === '404' && !options.mustExist) return false;
				throw toNodeError(fn.getNode(), error);
			}
		},
		traces: async (id) =>
			await call({
				method: 'GET',
				path: `/events/organizations/${encodeURIComponent(ctx.consumerOrgId)}/integrations/${encodeURIComponent(ctx.credentialId)}/tracing/${encodeURIComponent(id)}`,
				headers: { Accept: 'application/json' },
			}),
		setEnabled: async (id, enabled) => {
			const model = toUpdateModel(await client.get(id));
			model.enabled = enabled;
			return await client.update(id, model);
		},
	};
	return client;
}

/** The client for the credential of the node `fn` runs in (reads its context once). */
export async function registrationsFor(fn: AdobeFunctions): Promise<RegistrationsClient> {
	return registrationsOf(fn, await getAdobeContext.call(fn));
}
