/* Scripted Adobe (IMS + management API, v2 registrations) with a paged workspace list. */
import type { IDataObject } from 'n8n-workflow';

import { startTestServer, type TestServer } from '../../../helpers/http-server';

export const WORKSPACE_PATH = '/events/1/2/3/registrations';

export interface PagedAdobe {
	server: TestServer;
	/** what Adobe holds; tests replace it freely */
	held: IDataObject[];
	/** the adobeIoEventsApi credential data (Custom environment) pointing at this server */
	credentials: Record<string, string>;
}

/**
 * Workspace lists are served `pageSize` per page with HAL `next` links; a POST whose name exists
 * answers 409 WITHOUT x-conflicting-id (Adobe does not always send it); unknown ids answer 404.
 */
export async function startPagedAdobe(pageSize = 2): Promise<PagedAdobe> {
	const state = { held: [] as IDataObject[] };
	const server = await startTestServer((req, res) => {
		if (req.path.endsWith('/token/v3')) {
			return res.json(200, { access_token: 't', token_type: 'bearer', expires_in: 86399 });
		}
		if (req.method === 'GET' && req.path === WORKSPACE_PATH) {
			const page = Number(req.query.get('page') ?? 0);
			const slice = state.held.slice(page * pageSize, page * pageSize + pageSize);
			const more = (page + 1) * pageSize < state.held.length;
			return res.json(200, {
				_embedded: { registrations: slice },
				_links: more ? { next: { href: `${server.url}${WORKSPACE_PATH}?page=${page + 1}` } } : {},
			});
		}
		if (req.method === 'POST' && req.path === WORKSPACE_PATH) {
			const body = req.json<IDataObject>();
			if (state.held.some((r) => r.name === body.name)) {
				return res.json(409, { reason: 'Conflict', message: 'name exists' });
			}
			const created = { ...body, registration_id: `reg-new-${state.held.length}` };
			state.held.push(created);
			return res.json(201, created);
		}
		const id = decodeURIComponent(req.path.slice(WORKSPACE_PATH.length + 1));
		const found = state.held.find((r) => r.registration_id === id);
		if (!found) return res.json(404, { reason: 'Not Found', message: 'no such registration' });
		if (req.method === 'GET') return res.json(200, found);
		if (req.method === 'PUT') {
			Object.assign(found, req.json<IDataObject>());
			return res.json(200, found);
		}
		if (req.method === 'DELETE') {
			state.held = state.held.filter((r) => r !== found);
			return res.empty(204);
		}
		return res.json(405, {});
	});
	return {
		server,
		get held() {
			return state.held;
		},
		set held(value: IDataObject[]) {
			state.held = value;
		},
		credentials: {
			authentication: 'oauthS2S',
			environment: 'custom',
			imsUrl: server.url,
			apiUrl: server.url,
			ingressUrl: server.url,
			publicKeyUrl: server.url,
			clientId: 'client-1',
			clientSecret: 'secret-1',
			imsOrgId: 'ORG@AdobeOrg',
			consumerOrgId: '1',
			projectId: '2',
			workspaceId: '3',
		},
	};
}
